"""The applicant's pages: start, the guided steps, documents, review, receipt, status.

Every page looks the application up through the signed-in applicant (`application_of`),
so another applicant's id gives the same 404 as an id that does not exist.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from openadmit.applications import service
from openadmit.applications.constants import PROGRESS, STEPS, Status, Step
from openadmit.applications.document_list import document_specs
from openadmit.applications.forms import STEP_FORMS, VideoLinkForm
from openadmit.applications.models import Application, Document
from openadmit.applications.uploads import UploadRejected
from openadmit.catalogue.models import Intake
from openadmit.eligibility import LANGUAGE_TESTS
from openadmit.eligibility.codes import country_name
from openadmit.verdicts.presenting import verdict_view
from openadmit.verdicts.service import LiveVerdict, profile_errors, sealed_verdict


def _own(request: HttpRequest, public_id) -> Application:
    try:
        return service.application_of(request.user, public_id)
    except Application.DoesNotExist:
        raise Http404(_("No such application.")) from None


def _step_url(application: Application, step: Step) -> str:
    if step == Step.DOCUMENTS:
        return reverse("applications:documents", args=[application.public_id])
    return reverse("applications:step", args=[application.public_id, step.value])


def _next_url(application: Application, step: Step) -> str:
    index = STEPS.index(step)
    if index + 1 < len(STEPS):
        return _step_url(application, STEPS[index + 1])
    return reverse("applications:review", args=[application.public_id])


def _resume_url(application: Application) -> str:
    if not application.is_draft:
        return reverse("applications:status", args=[application.public_id])
    for step in STEPS:
        if step.value not in application.saved_steps:
            return _step_url(application, step)
    if service.missing_documents(application):
        return _step_url(application, Step.DOCUMENTS)
    return reverse("applications:review", args=[application.public_id])


def _context(application: Application, current: str, **extra) -> dict:
    return {
        "application": application,
        "programme": application.intake.programme,
        "intake": application.intake,
        "steps": [
            {
                "step": step,
                "url": _step_url(application, step),
                "saved": step.value in application.saved_steps,
            }
            for step in STEPS
        ],
        "current": current,
        "verdict": (verdict := service.current_verdict(application)),
        "live": _live(application, verdict),
        "time_zone": service.university_time_zone(application.intake),
        "editable": service.editable_steps(application),
        **extra,
    }


def _live(application: Application, live: LiveVerdict) -> dict:
    """The live verdict for the sidebar: presented, or what the engine still needs."""
    zone = application.intake.programme.institution.time_zone
    return {
        "result": verdict_view(live.verdict, zone) if live.verdict else None,
        "problems": [f"{path}: {message}" for path, message in live.problems.items()],
    }


@login_required
def my_applications(request: HttpRequest) -> HttpResponse:
    applications = Application.objects.filter(applicant=request.user).select_related(
        "intake__programme", "submission"
    )
    rows = [{"application": a, "resume_url": _resume_url(a)} for a in applications]
    return render(request, "applications/list.html", {"rows": rows})


@login_required
def start(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    intake = get_object_or_404(
        Intake.objects.select_related("programme__institution"), programme__slug=slug, code=code
    )
    existing = Application.objects.filter(applicant=request.user, intake=intake).first()
    if request.method == "POST":
        try:
            application, _created = service.do_start_application(request.user, intake)
        except service.ApplicationError as error:
            messages.error(request, str(error))
            return redirect(request.path)
        return redirect(_resume_url(application))
    return render(
        request,
        "applications/start.html",
        {
            "intake": intake,
            "programme": intake.programme,
            "existing": existing,
            "documents": document_specs(intake.programme.slug, intake.code),
            "time_zone": service.university_time_zone(intake),
        },
    )


@login_required
def step(request: HttpRequest, public_id, step: str) -> HttpResponse:
    application = _own(request, public_id)
    try:
        current = Step(step)
        form_class = STEP_FORMS[current]
    except (ValueError, KeyError):
        raise Http404(_("No such step.")) from None
    if current.value not in service.editable_steps(application):
        return redirect("applications:status", application.public_id)
    initial = form_class.initial_for(application)
    if request.method == "POST":
        form = form_class(request.POST, initial=initial)
        if form.is_valid():
            data = form.to_data()
            candidate = {**application.profile, **{k: v for k, v in data.items() if v is not None}}
            for location, message in _engine_errors(candidate, form.profile_keys):
                form.add_engine_error(location, message)
        if not form.errors and all(not getattr(f, "errors", None) for f in _subforms(form)):
            service.do_save_step(application, current, data, actor=request.user)
            if not application.is_draft:
                messages.success(request, _("Saved. Send your changes when you are ready."))
                return redirect("applications:status", application.public_id)
            if "save_and_leave" in request.POST:
                messages.success(request, _("Your draft is saved. Come back any time to continue."))
                return redirect("applications:mine")
            return redirect(_next_url(application, current))
    else:
        form = form_class(initial=initial)
    return render(
        request,
        "applications/step.html",
        _context(application, current.value, form=form, step=current, subforms=_subforms(form)),
    )


def _subforms(form) -> list:
    return getattr(form, "degree_forms", None) or getattr(form, "test_forms", None) or []


def _engine_errors(profile: dict, keys: tuple[str, ...]) -> list[tuple[list[str], str]]:
    results = []
    for path, message in profile_errors(profile).items():
        location = path.split(".")
        if location[0] in keys:
            results.append((location, message))
    return results


@login_required
def documents(request: HttpRequest, public_id) -> HttpResponse:
    application = _own(request, public_id)
    if Step.DOCUMENTS.value not in service.editable_steps(application) and (
        request.method == "POST"
    ):
        messages.error(request, _("This application was submitted and can no longer be changed."))
        return redirect("applications:status", application.public_id)
    specs = document_specs(application.intake.programme.slug, application.intake.code)
    errors: dict[str, str] = {}
    link_form = VideoLinkForm(initial={"video_url": application.video_url})
    if request.method == "POST":
        action = request.POST.get("action", "")
        kind = request.POST.get("kind", "")
        if action == "upload":
            upload = request.FILES.get("file")
            if upload is None:
                errors[kind] = _("Choose a file to upload.")
            else:
                try:
                    service.do_upload_document(application, kind, upload, actor=request.user)
                except (UploadRejected, service.ApplicationError) as error:
                    errors[kind] = str(error)
                else:
                    messages.success(request, _("Uploaded."))
                    return redirect(request.path + f"#doc-{kind}")
        elif action == "remove":
            service.do_remove_document(application, kind, actor=request.user)
            messages.success(request, _("Removed."))
            return redirect(request.path + f"#doc-{kind}")
        elif action in ("link", "continue", "save_and_leave"):
            link_form = VideoLinkForm(request.POST)
            if link_form.is_valid():
                service.do_save_step(
                    application,
                    Step.DOCUMENTS,
                    {"video_url": link_form.cleaned_data["video_url"]},
                    actor=request.user,
                )
                if action == "save_and_leave":
                    messages.success(
                        request, _("Your draft is saved. Come back any time to continue.")
                    )
                    return redirect("applications:mine")
                if action == "continue":
                    if not application.is_draft:
                        return redirect("applications:status", application.public_id)
                    return redirect("applications:review", application.public_id)
                messages.success(request, _("Saved."))
                return redirect(request.path)
    held = {d.kind: d for d in application.documents.all()}
    rows = [
        {
            "spec": spec,
            "document": held.get(spec.id),
            "required": spec.is_required(application.profile),
            "error": errors.get(spec.id),
        }
        for spec in specs
    ]
    return render(
        request,
        "applications/documents.html",
        _context(application, Step.DOCUMENTS.value, rows=rows, link_form=link_form),
        status=400 if errors else 200,
    )


@login_required
def review(request: HttpRequest, public_id) -> HttpResponse:
    application = _own(request, public_id)
    if not application.is_draft:
        return redirect("applications:status", application.public_id)
    refused: list[str] = []
    if request.method == "POST":
        try:
            result = service.do_submit(application, actor=request.user)
        except service.SubmissionRefused as refusal:
            refused = refusal.reasons
        else:
            return redirect("applications:receipt", result.submission.application.public_id)
    context = _context(application, "review", refused=refused)
    context["missing"] = service.missing_items(application, context["verdict"])
    context["nationality_names"] = [
        country_name(code) for code in application.profile.get("nationalities", [])
    ]
    context["test_names"] = [
        f"{LANGUAGE_TESTS[t['test']].name} {t['overall']:g}"
        for t in application.profile.get("language_tests", [])
        if t.get("test") in LANGUAGE_TESTS
    ]
    held = {d.kind: d for d in application.documents.all()}
    context["document_rows"] = [
        {
            "spec": spec,
            "document": held.get(spec.id),
            "required": spec.is_required(application.profile),
        }
        for spec in document_specs(application.intake.programme.slug, application.intake.code)
    ]
    context["fee_blocks"] = service.settle_before_submission(application)
    return render(request, "applications/review.html", context, status=400 if refused else 200)


@login_required
def receipt(request: HttpRequest, public_id) -> HttpResponse:
    application = _own(request, public_id)
    submission = getattr(application, "submission", None)
    if submission is None:
        raise Http404(_("This application has not been submitted."))
    return render(
        request,
        "applications/receipt.html",
        {
            "application": application,
            "submission": submission,
            "programme": application.intake.programme,
            "time_zone": service.university_time_zone(application.intake),
        },
    )


@login_required
def status(request: HttpRequest, public_id) -> HttpResponse:
    application = _own(request, public_id)
    if request.method == "POST" and "resubmit" in request.POST:
        try:
            service.do_resubmit(application, actor=request.user)
        except service.SubmissionRefused as refusal:
            for reason in refusal.reasons:
                messages.error(request, reason)
        except service.ApplicationError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Your changes were sent to the admissions office."))
        return redirect("applications:status", application.public_id)
    submission = getattr(application, "submission", None)
    zone = service.university_time_zone(application.intake)
    request_open = service.open_request(application)
    context = {
        "application": application,
        "programme": application.intake.programme,
        "submission": submission,
        "office_messages": application.messages.all(),
        "time_zone": zone,
        "resume_url": _resume_url(application),
        "progress": _progress(application),
        "can_withdraw": application.status
        in (Status.SUBMITTED, Status.UNDER_REVIEW, Status.INFORMATION_REQUESTED),
        "information_request": request_open,
        "reopened": [
            {"step": Step(step), "url": _step_url(application, Step(step))}
            for step in service.editable_steps(application)
        ]
        if request_open
        else [],
    }
    context["panels"] = [p for p in (panel(request, application) for panel in _status_panels) if p]
    if application.is_draft:
        context["live"] = _live(application, service.current_verdict(application))
    elif submission is not None:
        context["sealed"] = verdict_view(sealed_verdict(submission.verdict), zone.key)
    return render(request, "applications/status.html", context)


# Other domains add a section to the applicant's status page (the decision, an offer):
# (request, application) -> context with the "template" to render, or None.
_status_panels: list = []


def register_status_panel(panel) -> None:
    if panel not in _status_panels:
        _status_panels.append(panel)


def _progress(application: Application) -> list[dict]:
    """The stages of the procedure, each reached or not; none for a withdrawn application."""
    if application.status == Status.WITHDRAWN:
        return []
    current = (
        Status.UNDER_REVIEW
        if application.status == Status.INFORMATION_REQUESTED
        else Status(application.status)
    )
    reached = PROGRESS.index(current)
    return [
        {"label": stage.label if stage != Status.DECIDED else _("Decision"), "done": i < reached,
         "current": i == reached}
        for i, stage in enumerate(PROGRESS)
    ]


@login_required
def withdraw(request: HttpRequest, public_id) -> HttpResponse:
    application = _own(request, public_id)
    if request.method == "POST":
        try:
            service.do_withdraw(application, actor=request.user)
        except service.ApplicationError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Your application is withdrawn."))
        return redirect("applications:status", application.public_id)
    return render(
        request,
        "applications/withdraw.html",
        {"application": application, "programme": application.intake.programme},
    )


@login_required
def document_file(request: HttpRequest, public_id) -> HttpResponse:
    document = (
        Document.objects.select_related("application__intake__programme")
        .filter(public_id=public_id)
        .first()
    )
    if document is None or document.application.applicant_id != request.user.pk:
        raise Http404(_("No such document."))
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response
