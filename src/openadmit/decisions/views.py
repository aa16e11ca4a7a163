"""Decision pages: the committee records decisions and holds sessions; conditions are
marked; the applicant contests within the window and another staff member answers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openadmit.access.constants import Permission
from openadmit.access.gate import staff_page
from openadmit.access.policy import allowed, own_application, staff_holding
from openadmit.applications.models import Application
from openadmit.catalogue.models import Intake
from openadmit.decisions import service
from openadmit.decisions.forms import AnswerForm, ContestForm, DecisionForm, SessionForm
from openadmit.decisions.models import Condition, Contest, DecisionSession
from openadmit.decisions.reasons import reason as find_reason


def _application(request: HttpRequest, public_id) -> Application:
    application = (
        Application.objects.select_related("intake__programme__institution", "submission")
        .filter(public_id=public_id)
        .first()
    )
    if application is None or not allowed(request.user, Permission.DECIDE, application):
        raise Http404(_("No such application."))
    return application


def _file(application: Application) -> str:
    return reverse("office:file", args=[application.public_id])


@staff_page
def decide(request: HttpRequest, public_id) -> HttpResponse:
    application = _application(request, public_id)
    sessions = DecisionSession.objects.filter(intake=application.intake, closed_at__isnull=True)
    form = DecisionForm(request.POST if request.method == "POST" else None, sessions=sessions)
    current = service.current_decision(application)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            service.do_decide(
                application,
                data["decision"],
                actor=request.user,
                session=sessions.filter(pk=data["session"]).first() if data["session"] else None,
                reason=data["reason"],
                feedback=data["feedback"],
                conditions=form.conditions(),
                reserve_position=data["reserve_position"],
                change_reason=data["change_reason"],
            )
        except service.DecisionError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error))
        else:
            messages.success(request, _("Decision recorded; the applicant is told by e-mail."))
            return redirect(_file(application))
    return render(
        request,
        "decisions/decide.html",
        {"application": application, "form": form, "current": current},
        status=400 if form.errors else 200,
    )


@staff_page
def sessions(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    intake = get_object_or_404(
        Intake.objects.select_related("programme"), programme__slug=slug, code=code
    )
    if not allowed(request.user, Permission.DECIDE, intake):
        raise Http404(_("No such intake."))
    people = staff_holding(Permission.VIEW_APPLICATIONS, intake.programme)
    form = SessionForm(request.POST if request.method == "POST" else None, people=people)
    if request.method == "POST" and form.is_valid():
        chosen = list(people.filter(pk__in=form.cleaned_data["participants"]))
        service.do_open_session(intake, form.cleaned_data["held_on"], chosen, actor=request.user)
        messages.success(request, _("Session opened."))
        return redirect(request.path)
    return render(
        request,
        "decisions/sessions.html",
        {
            "intake": intake,
            "form": form,
            "sessions": DecisionSession.objects.filter(intake=intake).prefetch_related(
                "participants", "decisions__application__submission"
            ),
        },
        status=400 if form.errors else 200,
    )


@require_POST
@staff_page
def close_session(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(DecisionSession.objects.select_related("intake__programme"), pk=pk)
    if not allowed(request.user, Permission.DECIDE, session.intake):
        raise Http404(_("No such session."))
    service.do_close_session(session, actor=request.user)
    intake = session.intake
    return redirect("decisions:sessions", intake.programme.slug, intake.code)


@require_POST
@staff_page
def mark_condition(request: HttpRequest, pk: int) -> HttpResponse:
    condition = get_object_or_404(Condition.objects.select_related("decision__application"), pk=pk)
    application = condition.decision.application
    if not allowed(request.user, Permission.DECIDE, application):
        raise Http404(_("No such condition."))
    status = request.POST.get("status", "")
    if status not in ("met", "not_met", "pending"):
        messages.error(request, _("Choose met or not met."))
    else:
        try:
            service.do_mark_condition(condition, status, actor=request.user)
        except service.DecisionError as error:
            messages.error(request, str(error))
    return redirect(_file(application))


@staff_page
def answer_contest(request: HttpRequest, pk: int) -> HttpResponse:
    contest = get_object_or_404(
        Contest.objects.select_related("decision__application__intake__programme"), pk=pk
    )
    application = contest.decision.application
    if not allowed(request.user, Permission.DECIDE, application):
        raise Http404(_("No such contest."))
    form = AnswerForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            service.do_answer_contest(
                contest,
                form.cleaned_data["answer"],
                form.cleaned_data["outcome"],
                actor=request.user,
            )
        except service.DecisionError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error))
        else:
            messages.success(request, _("Your answer was sent to the applicant."))
            return redirect(_file(application))
    return render(
        request,
        "decisions/answer.html",
        {"contest": contest, "application": application, "form": form},
        status=400 if form.errors else 200,
    )


@require_POST
@login_required
def contest(request: HttpRequest, public_id) -> HttpResponse:
    try:
        application = own_application(request.user, public_id)
    except Application.DoesNotExist:
        raise Http404(_("No such application.")) from None
    form = ContestForm(request.POST)
    if form.is_valid():
        try:
            service.do_contest(application, form.cleaned_data["text"], actor=request.user)
        except service.DecisionError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("Your contest was sent. Someone other than the person who decided will answer."),
            )
    else:
        messages.error(request, _("Say why you contest the decision."))
    return redirect("applications:status", application.public_id)


def status_panel(request: HttpRequest, application: Application) -> dict | None:
    """The decision on the applicant's status page: what, why, conditions, contest."""
    record = service.current_decision(application)
    if record is None:
        return None
    found = find_reason(record.reason) if record.reason else None
    ends = service.contest_window_ends(record)
    contest_row = getattr(record, "contest", None)
    today = timezone.now().astimezone(timezone.get_current_timezone()).date()
    return {
        "template": "decisions/_status_panel.html",
        "record": record,
        "reason_text": found[1].applicant_text if found else "",
        "conditions": list(record.conditions.all()),
        "contest": contest_row,
        "contest_until": ends,
        "can_contest": contest_row is None and today <= ends,
        "form": ContestForm(),
    }


def file_panel(user, application: Application) -> dict | None:
    records = list(
        application.decision_records.select_related("decided_by", "session").prefetch_related(
            "conditions"
        )
    )
    can_decide = allowed(user, Permission.DECIDE, application)
    if not records and not can_decide:
        return None
    current = next((r for r in records if r.current), None)
    return {
        "template": "decisions/_file_panel.html",
        "records": records,
        "current": current,
        "contest": getattr(current, "contest", None) if current else None,
        "can_decide": can_decide,
    }


def intake_links(user, intake: Intake) -> list[tuple[str, str]]:
    if not allowed(user, Permission.DECIDE, intake):
        return []
    return [
        (
            _("Decision sessions"),
            reverse("decisions:sessions", args=[intake.programme.slug, intake.code]),
        )
    ]
