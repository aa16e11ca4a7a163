"""The self-check pages: a programme's eligibility form, and "Where can I apply?".

Both post the form (so that no personal answer lands in a URL or a log), compute the
verdict, and show it on the same page; nothing is stored.
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from openadmit.catalogue.search import SearchRequestError, parse_search_request
from openadmit.catalogue.service import get_programme
from openadmit.eligibility import ProfileError, parse_profile
from openadmit.selfcheck.forms import SelfCheckForm
from openadmit.selfcheck.service import check_programme, where_can_i_apply
from openadmit.verdicts.constants import VerdictOutcome
from openadmit.verdicts.presenting import verdict_view

SEARCH_FIELDS = ("q", "subject", "level", "country")


def _profile_or_errors(form: SelfCheckForm):
    if not form.is_valid():
        return None
    try:
        return parse_profile(form.profile_data())
    except ProfileError as error:
        form.add_profile_errors(error.problems)
        return None


@never_cache
def programme_check(request: HttpRequest, slug: str) -> HttpResponse:
    programme = get_programme(slug)
    if programme is None:
        raise Http404(_("There is no programme at this address."))
    intakes = list(programme.intakes.order_by("starts_on").values_list("code", flat=True))
    form = SelfCheckForm(request.POST or None, intakes=intakes)
    result = None
    if request.method == "POST":
        profile = _profile_or_errors(form)
        if profile is not None:
            check = check_programme(
                slug,
                profile,
                intake=form.cleaned_data.get("intake"),
                on=form.cleaned_data.get("applying_on"),
            )
            result = verdict_view(check.verdict, check.time_zone)
    return render(
        request,
        "selfcheck/check.html",
        {"programme": programme, "form": form, "result": result},
        status=422 if form.is_bound and form.errors else 200,
    )


@never_cache
def where(request: HttpRequest) -> HttpResponse:
    form = SelfCheckForm(request.POST or None)
    found = None
    search_errors = {}
    filters = {name: request.POST.get(name, "").strip() for name in SEARCH_FIELDS}
    if request.method == "POST":
        try:
            search = parse_search_request({k: [v] for k, v in filters.items() if v})
        except SearchRequestError as error:
            search, search_errors = None, error.errors
        profile = _profile_or_errors(form)
        if profile is not None and search is not None:
            found = where_can_i_apply(
                profile, on=form.cleaned_data.get("applying_on"), search=search
            )
    groups = []
    if found is not None:
        groups = [
            {
                "outcome": outcome,
                "label": VerdictOutcome(outcome).headline,
                "count": found.counts[outcome],
                "matches": found.groups[outcome],
            }
            for outcome in VerdictOutcome.values
        ]
    invalid = request.method == "POST" and (form.errors or search_errors)
    return render(
        request,
        "selfcheck/where.html",
        {
            "form": form,
            "found": found,
            "groups": groups,
            "filters": filters,
            "search_errors": search_errors,
        },
        status=422 if invalid else 200,
    )
