"""Applications: the applicant's actions, and what other apps may ask of an application.

Each `do_*` action checks who acts (the applicant, on their own application), runs in
one transaction that also writes its audit event, and leaves e-mail and file clean-up to
the commit, so a failure leaves neither half-made state nor messages about things that
did not happen. The office's actions live in `openadmit.office`; retention in
`retention.py`.
"""

import secrets
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from openadmit.access.policy import own_application, require_own
from openadmit.applications.constants import (
    FEE_SETTLED,
    STEPS,
    ApplicationEvent,
    FeeStatus,
    Status,
    Step,
)
from openadmit.applications.document_list import DocumentSpec, document_specs, required_kinds
from openadmit.applications.errors import ApplicationError, SubmissionRefused, TransitionRefused
from openadmit.applications.lifecycle import move
from openadmit.applications.mail import notify_applicant
from openadmit.applications.models import (
    Application,
    Document,
    FeeRule,
    InformationRequest,
    Resubmission,
    Submission,
)
from openadmit.applications.uploads import check_upload_quota, inspect_upload
from openadmit.audit.service import record_event
from openadmit.catalogue.models import Intake
from openadmit.operations.service import extended_deadline_moment
from openadmit.verdicts.service import LiveVerdict, live_verdict

__all__ = [
    "ApplicationError",
    "SubmissionRefused",
    "SubmitResult",
    "TransitionRefused",
    "application_of",
    "current_verdict",
    "do_open_steps",
    "do_remove_document",
    "do_resubmit",
    "do_save_step",
    "do_start_application",
    "do_submit",
    "do_upload_document",
    "do_withdraw",
    "editable_steps",
    "locked",
    "missing_documents",
    "missing_items",
    "move",
    "notify_applicant",
    "open_request",
    "settle_before_submission",
    "university_time_zone",
]


@dataclass(frozen=True)
class SubmitResult:
    submission: Submission
    created: bool


def university_time_zone(intake: Intake) -> ZoneInfo:
    return ZoneInfo(intake.programme.institution.time_zone)


def application_of(user, public_id) -> Application:
    """The user's own application, or Application.DoesNotExist: others' are never found."""
    return own_application(user, public_id)


def settle_before_submission(application: Application) -> bool:
    return FeeRule.objects.filter(
        programme_id=application.intake.programme_id, settle_before_submission=True
    ).exists()


def locked(application: Application) -> Application:
    """The application's row, locked until the end of the transaction (call inside one)."""
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("intake__programme__institution", "applicant")
        .get(pk=application.pk)
    )


def open_request(application: Application) -> InformationRequest | None:
    """The request for information the applicant has yet to answer, if any."""
    if application.status != Status.INFORMATION_REQUESTED:
        return None
    return application.information_requests.filter(answered_at__isnull=True).last()


def editable_steps(application: Application) -> frozenset[str]:
    """The steps the applicant may change now: all of a draft's, or those reopened."""
    if application.is_draft:
        return frozenset(step.value for step in STEPS)
    request = open_request(application)
    if request is None or _past_due(request):
        return frozenset()
    return frozenset(request.steps)


def _past_due(request: InformationRequest) -> bool:
    zone = university_time_zone(request.application.intake)
    return timezone.now().astimezone(zone).date() > request.due_on


def _require_editable(application: Application, step: Step) -> None:
    if step.value in editable_steps(application):
        return
    if application.is_draft:
        return
    if open_request(application) is not None:
        raise ApplicationError(
            _("The admissions office reopened other parts of your application, not this one.")
        )
    raise ApplicationError(_("This application was submitted and can no longer be changed."))


def do_start_application(applicant, intake: Intake) -> tuple[Application, bool]:
    """The applicant's application to the intake: their existing one, or a new draft."""
    existing = Application.objects.filter(applicant=applicant, intake=intake).first()
    if existing is not None:
        return existing, False
    if not intake.is_open:
        raise ApplicationError(_("This intake is not open for applications."))
    programme = intake.programme
    charged = programme.application_fee is not None and programme.application_fee > 0
    with transaction.atomic():
        application, created = Application.objects.get_or_create(
            applicant=applicant,
            intake=intake,
            defaults={
                "fee_status": FeeStatus.DUE if charged else FeeStatus.NOT_CHARGED,
                "fee_amount": programme.application_fee if charged else None,
                "fee_currency": programme.application_fee_currency if charged else "",
            },
        )
        if created:
            record_event(ApplicationEvent.START, actor=applicant, target=application)
    return application, created


STEP_FIELDS = {
    Step.PERSONAL: {"personal"},
    Step.NATIONALITIES: {"nationalities"},
    Step.EDUCATION: {"secondary_school", "degrees"},
    Step.LANGUAGE: {"language_tests"},
    Step.EXPERIENCE: {"relevant_experience_months", "experience_summary", "referees"},
    Step.SCHOLARSHIP: {"wants_scholarship", "previous_erasmus_mundus_scholarship"},
    Step.MOTIVATION: {"motivation"},
    Step.DOCUMENTS: {"video_url"},
}
MODEL_FIELDS = {"personal", "experience_summary", "referees", "motivation", "video_url"}


def do_save_step(
    application: Application, step: Step, data: dict[str, Any], *, actor
) -> Application:
    """Save one step's answers; profile answers go into the profile as they are."""
    require_own(actor, application)
    unexpected = set(data) - STEP_FIELDS[step]
    if unexpected:
        raise ValueError(f"step {step} does not hold {sorted(unexpected)}")
    with transaction.atomic():
        row = locked(application)
        _require_editable(row, step)
        profile = dict(row.profile)
        for name, value in data.items():
            if name in MODEL_FIELDS:
                setattr(row, name, value)
            elif value is None:
                profile.pop(name, None)
            else:
                profile[name] = value
        row.profile = profile
        if step not in row.saved_steps:
            row.saved_steps = [*row.saved_steps, step.value]
        row.save()
        record_event(
            ApplicationEvent.STEP_SAVE, actor=actor, target=row, payload={"step": step.value}
        )
    return row


def _spec(application: Application, kind: str) -> DocumentSpec:
    intake = application.intake
    for spec in document_specs(intake.programme.slug, intake.code):
        if spec.id == kind:
            return spec
    raise ApplicationError(_("This programme does not ask for that document."))


def do_upload_document(
    application: Application, kind: str, upload: UploadedFile, *, actor
) -> Document:
    """Check and store a document, replacing the earlier one of its kind.

    The file is checked before anything is written. The replaced file is deleted only after
    the commit; a failed transaction deletes the new file instead, so storage holds exactly
    what the database names.
    """
    require_own(actor, application)
    spec = _spec(application, kind)
    inspected = inspect_upload(upload, spec)
    _require_editable(application, Step.DOCUMENTS)
    check_upload_quota(application, kind, inspected.size)
    document = Document(
        kind=kind,
        original_name=(upload.name or kind)[-255:],
        content_type=inspected.content_type,
        size=inspected.size,
        sha256=inspected.sha256,
        page_count=inspected.page_count,
    )
    # Written before the transaction so that the lock is held only for the rows.
    document.file.save(upload.name or kind, upload, save=False)
    storage, stored_name = document.file.storage, document.file.name
    try:
        with transaction.atomic():
            row = locked(application)
            _require_editable(row, Step.DOCUMENTS)
            previous = Document.objects.filter(application=row, kind=kind).first()
            if previous is not None:
                old_name = previous.file.name
                previous.delete()
                transaction.on_commit(lambda: storage.delete(old_name))
            document.application = row
            document.save()
            record_event(
                ApplicationEvent.DOCUMENT_UPLOAD,
                actor=actor,
                target=row,
                payload={"kind": kind, "sha256": inspected.sha256, "size": inspected.size},
            )
    except BaseException:
        storage.delete(stored_name)
        raise
    return document


def do_remove_document(application: Application, kind: str, *, actor) -> None:
    require_own(actor, application)
    with transaction.atomic():
        row = locked(application)
        _require_editable(row, Step.DOCUMENTS)
        document = Document.objects.filter(application=row, kind=kind).first()
        if document is None:
            return
        name, storage = document.file.name, document.file.storage
        document.delete()
        record_event(
            ApplicationEvent.DOCUMENT_REMOVE, actor=actor, target=row, payload={"kind": kind}
        )
        transaction.on_commit(lambda: storage.delete(name))


def current_verdict(application: Application, at: datetime | None = None) -> LiveVerdict:
    return live_verdict(application.intake, application.profile, at or timezone.now())


PERSONAL_REQUIRED = {
    "given_names": _("given names"),
    "family_name": _("family name"),
    "date_of_birth": _("date of birth"),
}


def missing_items(application: Application, verdict: LiveVerdict | None = None) -> list[str]:
    """What the applicant still has to give before submitting, in words, in step order."""
    missing: list[str] = []
    saved = set(application.saved_steps)
    for step in STEPS:
        if step.value not in saved and step != Step.DOCUMENTS:
            missing.append(_("Complete the step “%(step)s”.") % {"step": step.label})
    for key, label in PERSONAL_REQUIRED.items():
        if Step.PERSONAL.value in saved and not application.personal.get(key):
            missing.append(_("Give your %(field)s.") % {"field": label})
    if Step.NATIONALITIES.value in saved and not application.profile.get("nationalities"):
        missing.append(_("Give at least one nationality."))
    if Step.EDUCATION.value in saved and not application.profile.get("degrees"):
        missing.append(_("Give at least one degree you hold or are completing."))
    if Step.MOTIVATION.value in saved and not application.motivation.strip():
        missing.append(_("Write your motivation."))
    if not missing:
        # Every step is saved, yet the engine still refuses the profile: say where.
        problems = (verdict or current_verdict(application)).problems
        missing.extend(f"{path}: {message}" for path, message in problems.items())
    for spec in missing_documents(application):
        missing.append(_("Upload your %(document)s.") % {"document": spec.label})
    return missing


def missing_documents(application: Application) -> list[DocumentSpec]:
    """The required documents not yet uploaded (or, where a link will do, linked)."""
    intake = application.intake
    present = set(application.documents.values_list("kind", flat=True))
    return [
        spec
        for spec in required_kinds(intake.programme.slug, intake.code, application.profile)
        if spec.id not in present and not (spec.accepts_link and application.video_url)
    ]


def _reference(application: Application) -> str:
    programme = application.intake.programme
    prefix = (programme.short_name or programme.slug).upper().replace(" ", "")[:12]
    alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
    while True:
        token = "".join(secrets.choice(alphabet) for _ in range(8))
        reference = f"{prefix}-{application.intake.code[:4]}-{token}"
        if not Submission.objects.filter(reference=reference).exists():
            return reference


def format_deadline(moment: datetime, zone: ZoneInfo) -> str:
    local = moment.astimezone(zone)
    return f"{date_format(local, 'DATETIME_FORMAT')} ({zone.key})"


def _answers(application: Application) -> dict[str, Any]:
    return {
        "personal": application.personal,
        "profile": application.profile,
        "experience_summary": application.experience_summary,
        "referees": application.referees,
        "motivation": application.motivation,
        "video_url": application.video_url,
    }


def _documents(application: Application) -> list[dict[str, Any]]:
    return [
        {
            "kind": d.kind,
            "name": d.original_name,
            "size": d.size,
            "sha256": d.sha256,
            "pages": d.page_count,
            "stored_as": d.file.name,
        }
        for d in application.documents.all()
    ]


def do_submit(application: Application, *, actor, now: datetime | None = None) -> SubmitResult:
    """Submit the draft: all or nothing, and at most once.

    The row lock (PostgreSQL) or the write transaction (SQLite, IMMEDIATE mode) makes a
    second concurrent submit wait, then find the application submitted and return the
    same submission; a repeated click or retried request does the same.
    """
    require_own(actor, application)
    with transaction.atomic(durable=True):
        row = locked(application)
        if row.status != Status.DRAFT:
            existing = Submission.objects.filter(application=row).first()
            if existing is not None:
                return SubmitResult(existing, created=False)
            raise SubmissionRefused(
                [_("This application is %(status)s.") % {"status": row.get_status_display()}]
            )
        moment = now or timezone.now()
        live = current_verdict(row, moment)
        counted_at = extended_deadline_moment(row, live, moment)
        if counted_at is not None:
            live = current_verdict(row, counted_at)
        reasons = missing_items(row, live)
        zone = university_time_zone(row.intake)
        verdict = live.verdict
        if verdict is not None and verdict.past_deadline:
            reasons.insert(
                0,
                _(
                    "The deadline that applies to you (%(category)s) was %(deadline)s; "
                    "it is now %(now)s."
                )
                % {
                    "category": verdict.deadline.label,
                    "deadline": format_deadline(verdict.deadline.closes_at, zone),
                    "now": format_deadline(moment, zone),
                },
            )
        if row.fee_status not in FEE_SETTLED and settle_before_submission(row):
            reasons.append(
                _("The application fee of %(amount)s %(currency)s must be paid or waived first.")
                % {"amount": row.fee_amount, "currency": row.fee_currency}
            )
        if reasons:
            raise SubmissionRefused(reasons)
        move(row, Status.SUBMITTED)
        updated = Application.objects.filter(pk=row.pk, status=Status.DRAFT).update(
            status=row.status, updated_at=moment
        )
        if updated != 1:
            raise SubmissionRefused([_("This application was submitted meanwhile.")])
        deadline = verdict.deadline
        submission = Submission.objects.create(
            application=row,
            reference=_reference(row),
            submitted_at=moment,
            answers=_answers(row),
            documents=_documents(row),
            verdict=verdict.to_dict(),
            outcome=verdict.outcome,
            ruleset_sha256=verdict.ruleset.sha256,
            deadline_category=deadline.category if deadline else "",
            deadline_closes_at=deadline.closes_at if deadline else None,
        )
        record_event(
            ApplicationEvent.SUBMIT,
            actor=actor,
            target=row,
            payload={
                "reference": submission.reference,
                "outcome": verdict.outcome,
                "ruleset_sha256": submission.ruleset_sha256,
            },
        )
        notify_applicant(
            row,
            _("Application received: %(reference)s") % {"reference": submission.reference},
            "applications/email/confirmation.txt",
            {"submission": submission},
        )
    return SubmitResult(submission, created=True)


def do_open_steps(
    application: Application, steps: list[Step], message: str, due_on: date, *, requested_by
) -> InformationRequest:
    """Reopen ``steps`` of the (locked) application for the applicant until ``due_on``.

    The office's request-for-information action calls this inside its own transaction,
    after checking who asks, and writes the audit event.
    """
    request = InformationRequest.objects.create(
        application=application,
        message=message,
        steps=[step.value for step in STEPS if step in steps],
        due_on=due_on,
        requested_by=requested_by,
        return_status=application.status,
    )
    move(application, Status.INFORMATION_REQUESTED)
    application.save(update_fields=["status", "updated_at"])
    return request


def do_resubmit(application: Application, *, actor, now: datetime | None = None) -> Resubmission:
    """Send the reopened parts back: sealed again beside the first submission, which stays."""
    require_own(actor, application)
    with transaction.atomic():
        row = locked(application)
        request = open_request(row)
        if request is None:
            raise ApplicationError(_("Nothing of this application is waiting for your answer."))
        if _past_due(request):
            raise ApplicationError(
                _(
                    "The admissions office asked for this by %(day)s. Write to them if you "
                    "still want to send it."
                )
                % {"day": date_format(request.due_on)}
            )
        moment = now or timezone.now()
        live = current_verdict(row, moment)
        reasons = [m for m in missing_items(row, live)]
        if live.verdict is None or reasons:
            raise SubmissionRefused(reasons or [_("Some answers cannot be checked yet.")])
        resubmission = Resubmission.objects.create(
            application=row,
            request=request,
            submitted_at=moment,
            answers=_answers(row),
            documents=_documents(row),
            verdict=live.verdict.to_dict(),
            outcome=live.verdict.outcome,
        )
        request.answered_at = moment
        request.save(update_fields=["answered_at"])
        move(row, Status(request.return_status))
        row.save(update_fields=["status", "updated_at"])
        record_event(
            ApplicationEvent.RESUBMIT,
            actor=actor,
            target=row,
            payload={"request": request.pk, "outcome": live.verdict.outcome},
        )
        notify_applicant(
            row,
            _("Your changes were received: %(programme)s")
            % {"programme": row.intake.programme.title},
            "applications/email/resubmitted.txt",
            {"request": request},
        )
    return resubmission


def do_withdraw(application: Application, *, actor) -> Application:
    require_own(actor, application)
    with transaction.atomic():
        row = locked(application)
        if row.is_draft:
            raise ApplicationError(
                _("An application can be withdrawn only after submission and before a decision.")
            )
        try:
            move(row, Status.WITHDRAWN)
        except TransitionRefused:
            raise ApplicationError(
                _("An application can be withdrawn only after submission and before a decision.")
            ) from None
        row.withdrawn_at = timezone.now()
        row.save(update_fields=["status", "withdrawn_at", "updated_at"])
        record_event(ApplicationEvent.WITHDRAW, actor=actor, target=row)
    return row
