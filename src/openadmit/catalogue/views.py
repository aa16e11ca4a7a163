"""The public catalogue pages: home, search, programme and institution."""

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from openadmit.catalogue.caching import cached_for_readers
from openadmit.catalogue.constants import SortOrder
from openadmit.catalogue.jsonld import as_script_json, programme_jsonld
from openadmit.catalogue.models import Institution, Programme
from openadmit.catalogue.names import country_name, language_name
from openadmit.catalogue.presenting import current_intake, intake_view
from openadmit.catalogue.search import (
    SearchRequest,
    SearchRequestError,
    get_backend,
    parse_search_request,
)
from openadmit.catalogue.search.facets import FACETS_BY_PARAM
from openadmit.catalogue.search.request import SEARCH_PARAMETERS
from openadmit.catalogue.service import programmes_in_order
from openadmit.consortia.service import organisers_of

INSTITUTION_PAGE_PROGRAMMES = 50


@cached_for_readers()
def home(request: HttpRequest) -> HttpResponse:
    result = get_backend().search(SearchRequest())
    return render(
        request,
        "catalogue/home.html",
        {
            "total": result.total,
            "subject_areas": result.facets["subject"],
            "countries": len(result.facets["country"]),
        },
    )


@cached_for_readers(*SEARCH_PARAMETERS)
def search(request: HttpRequest) -> HttpResponse:
    try:
        search_request = parse_search_request(request.GET.getlist)
        result = get_backend().search(search_request)
    except SearchRequestError as error:
        return render(
            request,
            "catalogue/search.html",
            {
                "errors": error.errors,
                "q": request.GET.get("q", "")[:200],
                "sort_choices": SortOrder.choices,
            },
            status=400,
        )
    past_last_page = search_request.page > result.pages
    return render(
        request,
        "catalogue/search.html",
        {
            "q": search_request.q,
            "search": search_request,
            "result": result,
            "programmes": programmes_in_order(result.programme_ids),
            "facets": [
                (FACETS_BY_PARAM[param], values)
                for param, values in result.facets.items()
                if values
            ],
            "sort_choices": [
                (value, label)
                for value, label in SortOrder.choices
                if value != SortOrder.RELEVANCE or search_request.words
            ],
            "past_last_page": past_last_page,
            "page_links": _page_links(request, search_request.page, result.pages),
        },
    )


def _page_links(request: HttpRequest, page: int, pages: int) -> dict:
    def url(number: int) -> str:
        query = request.GET.copy()
        query["page"] = str(number)
        return f"?{query.urlencode()}"

    numbers = sorted({1, pages, *range(max(1, page - 2), min(pages, page + 2) + 1)})
    return {
        "previous": url(page - 1) if 1 < page <= pages else None,
        "next": url(page + 1) if page < pages else None,
        "last": url(pages),
        "numbers": [(n, url(n), n == page) for n in numbers],
    }


@cached_for_readers()
def programme(request: HttpRequest, slug: str) -> HttpResponse:
    programme = get_object_or_404(
        Programme.objects.select_related("institution").prefetch_related(
            "consortium__members__institution", "scholarships"
        ),
        slug=slug,
    )
    intake = current_intake(programme)
    view = intake_view(intake) if intake else None
    other_intakes = [
        intake_view(i) for i in programme.intakes.select_related("requirement_set") if i != intake
    ]
    institution = programme.institution
    listed_here = institution.programmes.count()
    organisers = organisers_of(programme)
    names = {member.institution.slug: member.institution for member in organisers}
    mobility = [
        {**semester, "place": names.get(semester.get("institution"))}
        for semester in programme.mobility
    ]
    jsonld = programme_jsonld(
        programme,
        intake,
        view.rules if view else None,
        view.headline.deadline if view and view.headline else None,
    )
    return render(
        request,
        "catalogue/programme.html",
        {
            "programme": programme,
            "institution": institution,
            "country": country_name(institution.country),
            "languages": [language_name(code) for code in programme.languages],
            "organisers": organisers,
            "mobility": mobility,
            "intake": view,
            "other_intakes": other_intakes,
            "listed_here": listed_here,
            "more_from_institution": listed_here - 1,
            "jsonld": as_script_json(jsonld),
            "overview_paragraphs": [p for p in programme.overview.split("\n\n") if p.strip()],
        },
    )


@cached_for_readers()
def institution(request: HttpRequest, slug: str) -> HttpResponse:
    institution = get_object_or_404(Institution, slug=slug)
    programmes = Programme.objects.filter(institution=institution).order_by("title")
    total = programmes.count()
    subject_areas = (
        programmes.order_by()
        .values("subject_area")
        .annotate(n=Count("pk"))
        .order_by("-n", "subject_area")
    )
    return render(
        request,
        "catalogue/institution.html",
        {
            "institution": institution,
            "country": country_name(institution.country),
            "programmes": programmes[:INSTITUTION_PAGE_PROGRAMMES],
            "total": total,
            "shown": min(total, INSTITUTION_PAGE_PROGRAMMES),
            "subject_areas": subject_areas,
            "joint": Programme.objects.filter(
                consortium__members__institution=institution
            ).exclude(institution=institution),
            "title": _("Programmes at %(name)s") % {"name": institution.name},
        },
    )
