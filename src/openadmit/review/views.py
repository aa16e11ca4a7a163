"""The review's staff pages: an intake's rubric, its reviewers' progress and scores, and a
file's reviewers, scoring and conflict of interest.

Every page is behind ``staff_page`` (a staff role and a second factor) and asks the access
policy; what is out of the person's reach answers 404, exactly like what does not exist.
"""

from urllib.parse import urlencode

import yaml
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openadmit.access.constants import Permission
from openadmit.access.gate import staff_page
from openadmit.access.lookups import application_for, intake_for
from openadmit.access.policy import allowed, staff_holding
from openadmit.applications.models import Application
from openadmit.catalogue.models import Intake
from openadmit.office.constants import ReviewProgress
from openadmit.office.models import QueueEntry
from openadmit.review import reports, service
from openadmit.review.forms import AssignForm, ConflictForm, RubricUploadForm, ScoreForm
from openadmit.review.hooks import person_name
from openadmit.review.models import Assignment
from openadmit.review.rubric import RubricError, number_text

FILES_PER_PAGE = 50


def _back(request: HttpRequest) -> str:
    """The queue with the officer's filters, carried from the file page and back to it."""
    back = request.GET.get("back") or request.POST.get("back") or ""
    if back.startswith("/office/") and url_has_allowed_host_and_scheme(back, allowed_hosts=None):
        return back
    return ""


def _file_url(application: Application, request: HttpRequest) -> str:
    url = reverse("office:file", args=[application.public_id])
    back = _back(request)
    return f"{url}?{urlencode({'back': back})}#review" if back else f"{url}#review"


def _intake_args(intake: Intake) -> list[str]:
    return [intake.programme.slug, intake.code]


# The rubric ------------------------------------------------------------------------------


@staff_page
def rubric(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    intake = intake_for(request.user, slug, code, Permission.VIEW_APPLICATIONS)
    current = service.current_rubric(intake)
    return render(
        request,
        "review/rubric.html",
        {
            "intake": intake,
            "rubric": current,
            "rules": current.rules if current else None,
            "history": intake.rubrics.select_related("published_by").order_by(
                "-published_at", "-pk"
            ),
            "can_publish": allowed(request.user, Permission.MANAGE_RUBRIC, intake),
        },
    )


@staff_page
def rubric_file(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    """The current rubric as a YAML file, to edit and publish again with a new version."""
    intake = intake_for(request.user, slug, code, Permission.VIEW_APPLICATIONS)
    current = service.current_rubric(intake)
    if current is None:
        raise Http404(_("This intake has no rubric yet."))
    text = yaml.safe_dump(current.document, sort_keys=False, allow_unicode=True, width=100)
    response = HttpResponse(text, content_type="application/yaml; charset=utf-8")
    name = slugify(f"{slug}-{code}-rubric-{current.version}")
    response["Content-Disposition"] = f'attachment; filename="{name}.yaml"'
    return response


@staff_page
def publish_rubric(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    intake = intake_for(request.user, slug, code, Permission.MANAGE_RUBRIC)
    form = RubricUploadForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            stored = service.do_publish_rubric(
                intake,
                form.cleaned_data["file"],
                actor=request.user,
                source=form.files["file"].name,
            )
        except RubricError as error:
            problems = str(error).splitlines()
            form.add_error(
                "file",
                _(
                    "The rubric was not published. Correct the fields named below and "
                    "upload it again."
                ),
            )
        else:
            messages.success(
                request,
                _("Version %(version)s of the rubric is published.") % {"version": stored.version},
            )
            return redirect("review:rubric", slug, code)
    return render(
        request,
        "review/publish.html",
        {"intake": intake, "form": form, "problems": problems},
        status=400 if form.errors else 200,
    )


# A file's reviewers -------------------------------------------------------------------------


@staff_page
def assign(request: HttpRequest, public_id) -> HttpResponse:
    application = application_for(request.user, public_id, Permission.ASSIGN_REVIEWERS)
    candidates = service.candidates_for(application)
    form = AssignForm(request.POST if request.method == "POST" else None, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        try:
            service.do_assign_reviewers(
                application,
                form.chosen(),
                actor=request.user,
                despite_likely_conflict=form.cleaned_data["despite_likely_conflict"],
            )
        except service.ReviewError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error))
        else:
            messages.success(request, _("The reviewers are assigned."))
            return redirect(_file_url(application, request))
    rubric = service.current_rubric(application.intake)
    return render(
        request,
        "review/assign.html",
        {
            "application": application,
            "rubric": rubric,
            "candidates": candidates,
            "current": [c for c in candidates if c.assigned],
            "form": form,
            "back": _back(request),
            "file_url": _file_url(application, request),
            "auto_refusal": service.auto_assign_refusal(application),
        },
        status=400 if form.errors else 200,
    )


@require_POST
@staff_page
def assign_automatically(request: HttpRequest, public_id) -> HttpResponse:
    application = application_for(request.user, public_id, Permission.ASSIGN_REVIEWERS)
    try:
        assigned = service.do_assign_automatically(application, actor=request.user)
    except service.ReviewError as error:
        messages.error(request, str(error))
    else:
        names = ", ".join(person_name(a.reviewer) for a in assigned)
        messages.success(request, _("Assigned: %(names)s.") % {"names": names})
        missing = service.review_state(application)
        if len(missing.reviewer_ids) < missing.required:
            messages.warning(
                request,
                _("No other reviewer was free of a likely conflict: assign the rest by hand."),
            )
    return redirect(_file_url(application, request))


@require_POST
@staff_page
def assign_third(request: HttpRequest, public_id) -> HttpResponse:
    application = application_for(request.user, public_id, Permission.ASSIGN_REVIEWERS)
    try:
        assignment = service.do_assign_third_reviewer(application, actor=request.user)
    except service.ReviewError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("%(name)s will review the file as a third reviewer.")
            % {"name": person_name(assignment.reviewer)},
        )
    nxt = request.POST.get("next", "")
    if nxt.startswith("/office/") and url_has_allowed_host_and_scheme(nxt, allowed_hosts=None):
        return redirect(nxt)
    return redirect(_file_url(application, request))


# Scoring and conflicts ----------------------------------------------------------------------


def _own_assignment(request: HttpRequest, application: Application) -> Assignment:
    assignment = service.own_assignment(request.user, application)
    if assignment is None:
        raise Http404(_("No such application."))
    return assignment


@staff_page
def score(request: HttpRequest, public_id) -> HttpResponse:
    application = application_for(request.user, public_id, Permission.REVIEW)
    assignment = _own_assignment(request, application)
    review = getattr(assignment, "review", None)
    rubric = service.current_rubric(application.intake)
    context = {
        "application": application,
        "back": _back(request),
        "file_url": _file_url(application, request),
    }
    if review is not None and review.submitted_at is not None:
        rules = review.rubric.rules
        context["scored"] = [
            {
                "title": c.title,
                "weight": number_text(c.weight),
                "score": review.scores.get(c.id, ""),
                "description": c.description_of(review.score_of(c.id)),
            }
            for c in rules.criteria
        ]
        context["review"] = review
        return render(request, "review/score_done.html", context)
    initial = ScoreForm.initial_from(review.scores, review.comment) if review else None
    form = ScoreForm(
        request.POST if request.method == "POST" else None, rubric=rubric.rules, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        submit = "submit" in request.POST
        action = service.do_submit_scores if submit else service.do_save_scores
        try:
            action(application, form.scores(), form.cleaned_data["comment"], actor=request.user)
        except service.ScoresRefused as refusal:
            form.add_service_errors(refusal.errors)
        except service.ReviewError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error))
        else:
            if submit:
                messages.success(
                    request,
                    _("Your scores are submitted. You now see the other reviewers' scores."),
                )
                return redirect(_file_url(application, request))
            messages.success(
                request, _("Your draft is saved. Submit it when every criterion is scored.")
            )
            return redirect(f"{request.path}?{urlencode({'back': _back(request)})}")
    context.update({"form": form, "rubric": rubric, "review": review})
    return render(request, "review/score.html", context, status=400 if form.errors else 200)


@staff_page
def conflict(request: HttpRequest, public_id) -> HttpResponse:
    application = application_for(request.user, public_id, Permission.REVIEW)
    _own_assignment(request, application)
    form = ConflictForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        replacement = service.do_declare_conflict(
            application, form.cleaned_data["reason"], actor=request.user
        )
        if replacement is None:
            messages.warning(
                request,
                _(
                    "You have left the file. No other reviewer was free; the office will "
                    "assign one."
                ),
            )
        else:
            messages.success(request, _("You have left the file; another reviewer takes it over."))
        return redirect("review:reviewer", *_intake_args(application.intake), request.user.pk)
    return render(
        request,
        "review/conflict.html",
        {
            "application": application,
            "form": form,
            "back": _back(request),
            "file_url": _file_url(application, request),
        },
        status=400 if form.errors else 200,
    )


# Progress and scores of an intake ---------------------------------------------------------


@staff_page
def progress(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    intake = intake_for(request.user, slug, code, Permission.VIEW_APPLICATIONS)
    if not allowed(request.user, Permission.SEE_ALL_SCORES, intake):
        if allowed(request.user, Permission.REVIEW, intake):
            return redirect("review:reviewer", slug, code, request.user.pk)
        raise Http404(_("No such intake."))
    counts = dict.fromkeys(ReviewProgress, 0)
    for value, n in (
        QueueEntry.objects.filter(intake_id=intake.pk)
        .order_by()
        .values("review_progress")
        .annotate(n=Count("pk"))
        .values_list("review_progress", "n")
    ):
        counts[ReviewProgress(value)] = n
    queue = reverse("office:queue", args=[slug, code])
    return render(
        request,
        "review/progress.html",
        {
            "intake": intake,
            "rows": reports.intake_progress(intake),
            "stages": [
                {
                    "label": stage.label,
                    "count": n,
                    "url": f"{queue}?{urlencode({'review_progress': stage.value})}",
                }
                for stage, n in counts.items()
            ],
        },
    )


@staff_page
def reviewer(request: HttpRequest, slug: str, code: str, user_id: int) -> HttpResponse:
    intake = intake_for(request.user, slug, code, Permission.VIEW_APPLICATIONS)
    oversees = allowed(request.user, Permission.SEE_ALL_SCORES, intake)
    if not (oversees or user_id == request.user.pk):
        raise Http404(_("No such reviewer."))
    person = get_user_model().objects.filter(pk=user_id).first()
    assignments = reports.reviewer_assignments(intake, person) if person else []
    reviews_here = staff_holding(Permission.REVIEW, intake.programme).filter(pk=user_id).exists()
    if person is None or not (assignments or reviews_here):
        raise Http404(_("No such reviewer."))
    return render(
        request,
        "review/reviewer.html",
        {
            "intake": intake,
            "person": person,
            "is_me": person.pk == request.user.pk,
            "oversees": oversees,
            "assignments": assignments,
        },
    )


@staff_page
def scores(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    intake = intake_for(request.user, slug, code, Permission.SEE_ALL_SCORES)
    percent = settings.REVIEW_DISAGREEMENT_PERCENT
    statistics = reports.intake_statistics(intake, percent)
    only_disagreements = request.GET.get("disagreement") == "1"
    files = (
        [f for f in statistics.files if f.disagreement] if only_disagreements else statistics.files
    )
    page = Paginator(files, FILES_PER_PAGE).get_page(request.GET.get("page"))
    rubric = statistics.rubric
    return render(
        request,
        "review/scores.html",
        {
            "intake": intake,
            "statistics": statistics,
            "page": page,
            "only_disagreements": only_disagreements,
            "flagged": sum(1 for f in statistics.files if f.disagreement),
            "percent": percent,
            "threshold": number_text(rubric.rules.max_points * percent / 100) if rubric else "",
            "max_points": number_text(rubric.rules.max_points) if rubric else "",
            "reviewers_per_file": rubric.reviewers_per_file if rubric else 0,
            "can_assign": allowed(request.user, Permission.ASSIGN_REVIEWERS, intake),
            "this_page": request.get_full_path(),
        },
    )
