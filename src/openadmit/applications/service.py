"""Applications: the only way their state changes, and what other apps may ask of them.

Each `do_*` action runs in one transaction that also writes its audit event; e-mail and
file clean-up wait for the commit, so a failure leaves neither half-made state nor
messages about things that did not happen.
"""

import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from openadmit.applications.constants import (
    FEE_SETTLED,
    STEPS,
    WITHDRAWABLE,
    Decision,
    FeeStatus,
    Status,
    Step,
)
from openadmit.applications.document_list import DocumentSpec, document_specs, required_kinds
from openadmit.applications.models import (
    DEFAULT_RETENTION_DAYS,
    Application,
    Document,
    FeeRule,
    OfficeMessage,
    ProgrammeStaff,
    RetentionPolicy,
    Submission,
)
from openadmit.applications.uploads import check_upload_quota, inspect_upload
from openadmit.applications.verdicts import LiveVerdict, verdict_for
from openadmit.audit.service import record_event
from openadmit.catalogue.models import Intake
from openadmit.operations.service import extended_deadline_moment

__all__ = [
    "ApplicationError",
    "SubmissionRefused",
    "SubmitResult",
    "application_of",
    "can_read",
    "current_verdict",
    "do_apply_retention",
    "do_record_decision",
    "do_record_fee",
    "do_remove_document",
    "do_save_step",
    "do_send_office_message",
    "do_start_application",
    "do_start_review",
    "do_submit",
    "do_upload_document",
    "do_withdraw",
    "missing_documents",
    "missing_items",
    "settle_before_submission",
    "university_time_zone",
]

logger = logging.getLogger(__name__)


class ApplicationError(Exception):
    """A change the application's state does not allow; the message says why."""


class SubmissionRefused(ApplicationError):
    def __init__(self, reasons: list[str]) -> None:
        super().__init__(" ".join(reasons))
        self.reasons = reasons


@dataclass(frozen=True)
class SubmitResult:
    submission: Submission
    created: bool


def university_time_zone(intake: Intake) -> ZoneInfo:
    return ZoneInfo(intake.programme.institution.time_zone)


def application_of(user, public_id) -> Application:
    """The user's own application, or Application.DoesNotExist: others' are never found."""
    return Application.objects.select_related("intake__programme__institution").get(
        public_id=public_id, applicant=user
    )


def can_read(user, application: Application) -> bool:
    """The applicant may read their application; the programme's admissions staff only once
    it is submitted, since a draft and its files are the applicant's private work."""
    if not user.is_authenticated:
        return False
    if application.applicant_id == user.pk or user.is_superuser:
        return True
    if application.is_draft:
        return False
    return ProgrammeStaff.objects.filter(
        user=user, programme_id=application.intake.programme_id
    ).exists()


def settle_before_submission(application: Application) -> bool:
    return FeeRule.objects.filter(
        programme_id=application.intake.programme_id, settle_before_submission=True
    ).exists()


def _locked(application: Application) -> Application:
    return (
        Application.objects.select_for_update()
        .select_related("intake__programme__institution")
        .get(pk=application.pk)
    )


def _require_draft(application: Application) -> None:
    if not application.is_draft:
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
            record_event("application:start", actor=applicant, target=application)
    return application, created


STEP_FIELDS = {
    Step.PERSONAL: {"personal"},
    Step.NATIONALITIES: {"nationalities"},
    Step.EDUCATION: {"secondary_school", "degrees"},
    Step.LANGUAGE: {"language_tests"},
    Step.EXPERIENCE: {"relevant_experience_months", "experience_summary"},
    Step.SCHOLARSHIP: {"wants_scholarship", "previous_erasmus_mundus_scholarship"},
    Step.MOTIVATION: {"motivation"},
    Step.DOCUMENTS: {"video_url"},
}
MODEL_FIELDS = {"personal", "experience_summary", "motivation", "video_url"}


def do_save_step(
    application: Application, step: Step, data: dict[str, Any], *, actor
) -> Application:
    """Save one step's answers into the draft; profile answers go into the profile as is."""
    unexpected = set(data) - STEP_FIELDS[step]
    if unexpected:
        raise ValueError(f"step {step} does not hold {sorted(unexpected)}")
    with transaction.atomic():
        locked = _locked(application)
        _require_draft(locked)
        profile = dict(locked.profile)
        for name, value in data.items():
            if name in MODEL_FIELDS:
                setattr(locked, name, value)
            elif value is None:
                profile.pop(name, None)
            else:
                profile[name] = value
        locked.profile = profile
        if step not in locked.saved_steps:
            locked.saved_steps = [*locked.saved_steps, step.value]
        locked.save()
        record_event(
            "application:step:save", actor=actor, target=locked, payload={"step": step.value}
        )
    return locked


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
    spec = _spec(application, kind)
    inspected = inspect_upload(upload, spec)
    _require_draft(application)
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
            locked = _locked(application)
            _require_draft(locked)
            previous = Document.objects.filter(application=locked, kind=kind).first()
            if previous is not None:
                old_name = previous.file.name
                previous.delete()
                transaction.on_commit(lambda: storage.delete(old_name))
            document.application = locked
            document.save()
            record_event(
                "application:document:upload",
                actor=actor,
                target=locked,
                payload={"kind": kind, "sha256": inspected.sha256, "size": inspected.size},
            )
    except BaseException:
        storage.delete(stored_name)
        raise
    return document


def do_remove_document(application: Application, kind: str, *, actor) -> None:
    with transaction.atomic():
        locked = _locked(application)
        _require_draft(locked)
        document = Document.objects.filter(application=locked, kind=kind).first()
        if document is None:
            return
        name, storage = document.file.name, document.file.storage
        document.delete()
        record_event(
            "application:document:remove", actor=actor, target=locked, payload={"kind": kind}
        )
        transaction.on_commit(lambda: storage.delete(name))


def current_verdict(application: Application, at: datetime | None = None) -> LiveVerdict:
    return verdict_for(application.intake, application.profile, at or timezone.now())


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
        missing.extend((verdict or current_verdict(application)).problems)
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


def do_submit(application: Application, *, actor, now: datetime | None = None) -> SubmitResult:
    """Submit the draft: all or nothing, and at most once.

    The row lock (PostgreSQL) or the write transaction (SQLite, IMMEDIATE mode) makes a
    second concurrent submit wait, then find the application submitted and return the
    same submission; a repeated click or retried request does the same.
    """
    with transaction.atomic(durable=True):
        locked = _locked(application)
        if locked.status != Status.DRAFT:
            existing = Submission.objects.filter(application=locked).first()
            if existing is not None:
                return SubmitResult(existing, created=False)
            raise SubmissionRefused(
                [_("This application is %(status)s.") % {"status": locked.get_status_display()}]
            )
        moment = now or timezone.now()
        live = current_verdict(locked, moment)
        counted_at = extended_deadline_moment(locked, live, moment)
        if counted_at is not None:
            live = current_verdict(locked, counted_at)
        reasons = missing_items(locked, live)
        zone = university_time_zone(locked.intake)
        closes_at = live.deadline_closes_at
        if closes_at is not None and live.too_late:
            reasons.insert(
                0,
                _(
                    "The deadline that applies to you (%(category)s) was %(deadline)s; "
                    "it is now %(now)s."
                )
                % {
                    "category": live.verdict["deadline"].get("label") or live.deadline_category,
                    "deadline": format_deadline(closes_at, zone),
                    "now": format_deadline(moment, zone),
                },
            )
        if locked.fee_status not in FEE_SETTLED and settle_before_submission(locked):
            reasons.append(
                _("The application fee of %(amount)s %(currency)s must be paid or waived first.")
                % {"amount": locked.fee_amount, "currency": locked.fee_currency}
            )
        if reasons:
            raise SubmissionRefused(reasons)
        documents = [
            {
                "kind": d.kind,
                "name": d.original_name,
                "size": d.size,
                "sha256": d.sha256,
                "pages": d.page_count,
                "stored_as": d.file.name,
            }
            for d in locked.documents.all()
        ]
        updated = Application.objects.filter(pk=locked.pk, status=Status.DRAFT).update(
            status=Status.SUBMITTED, updated_at=moment
        )
        if updated != 1:
            raise SubmissionRefused([_("This application was submitted meanwhile.")])
        submission = Submission.objects.create(
            application=locked,
            reference=_reference(locked),
            submitted_at=moment,
            answers={
                "personal": locked.personal,
                "profile": locked.profile,
                "experience_summary": locked.experience_summary,
                "motivation": locked.motivation,
                "video_url": locked.video_url,
            },
            documents=documents,
            verdict=live.verdict,
            outcome=live.outcome,
            ruleset_sha256=live.verdict["ruleset"]["sha256"],
            deadline_category=live.deadline_category or "",
            deadline_closes_at=closes_at,
        )
        record_event(
            "application:submit",
            actor=actor,
            target=locked,
            payload={
                "reference": submission.reference,
                "outcome": live.outcome,
                "ruleset_sha256": submission.ruleset_sha256,
            },
        )
        # Into the outbox in this transaction: the confirmation exists exactly when the
        # submission does, and the worker delivers it after the commit.
        _mail_applicant(
            locked,
            _("Application received: %(reference)s") % {"reference": submission.reference},
            "applications/email/confirmation.txt",
            {"submission": submission},
        )
    return SubmitResult(submission, created=True)


def _mail_applicant(application: Application, subject: str, template: str, context: dict) -> None:
    if application.applicant is None:
        return
    context = {
        "application": application,
        "programme": application.intake.programme,
        "status_url": f"{settings.SITE_URL}/applications/{application.public_id}/",
        **context,
    }
    try:
        send_mail(
            subject=subject,
            message=render_to_string(template, context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[application.applicant.email],
        )
    except OSError:
        # What the mail says stands on the status page; a failed delivery loses nothing.
        logger.exception("mail %r for application %s was not sent", subject, application.pk)


def do_withdraw(application: Application, *, actor) -> Application:
    with transaction.atomic():
        locked = _locked(application)
        if locked.status not in WITHDRAWABLE:
            raise ApplicationError(
                _("An application can be withdrawn only after submission and before a decision.")
            )
        locked.status = Status.WITHDRAWN
        locked.withdrawn_at = timezone.now()
        locked.save(update_fields=["status", "withdrawn_at", "updated_at"])
        record_event("application:withdraw", actor=actor, target=locked)
    return locked


def do_start_review(application: Application, *, actor) -> Application:
    with transaction.atomic():
        locked = _locked(application)
        if locked.status != Status.SUBMITTED:
            raise ApplicationError(_("Only a submitted application can go under review."))
        locked.status = Status.UNDER_REVIEW
        locked.save(update_fields=["status", "updated_at"])
        record_event("application:review:start", actor=actor, target=locked)
    return locked


def do_record_decision(application: Application, decision: Decision, *, actor) -> Application:
    with transaction.atomic():
        locked = _locked(application)
        if locked.status not in WITHDRAWABLE:
            raise ApplicationError(
                _("A decision needs a submitted application that was not withdrawn.")
            )
        locked.status = Status.DECIDED
        locked.decision = decision
        locked.decided_at = timezone.now()
        locked.save(update_fields=["status", "decision", "decided_at", "updated_at"])
        record_event(
            "application:decide", actor=actor, target=locked, payload={"decision": decision}
        )
    return locked


def do_send_office_message(application: Application, body: str, *, actor) -> OfficeMessage:
    """Post a message on the applicant's status page and tell them by e-mail."""
    if not body.strip():
        raise ApplicationError(_("The message is empty."))
    with transaction.atomic():
        message = OfficeMessage.objects.create(
            application=application, author=actor, body=body.strip()
        )
        record_event(
            "application:message",
            actor=actor,
            target=application,
            payload={"message_id": message.pk},
        )
        transaction.on_commit(
            lambda: _mail_applicant(
                application,
                _("A message about your application to %(programme)s")
                % {"programme": application.intake.programme.title},
                "applications/email/office_message.txt",
                {"message": message},
            )
        )
    return message


def do_record_fee(
    application: Application, fee_status: FeeStatus, *, actor, note: str = ""
) -> Application:
    if fee_status not in (FeeStatus.PAID, FeeStatus.WAIVED, FeeStatus.DUE):
        raise ApplicationError(_("A fee is recorded as due, paid or waived."))
    with transaction.atomic():
        locked = _locked(application)
        if locked.fee_amount is None:
            raise ApplicationError(_("This programme charges no application fee."))
        locked.fee_status = fee_status
        locked.fee_note = note
        locked.save(update_fields=["fee_status", "fee_note", "updated_at"])
        record_event(
            "application:fee",
            actor=actor,
            target=locked,
            payload={"fee_status": fee_status, "note": note},
        )
    return locked


def _unsuccessful() -> QuerySet[Application]:
    return Application.objects.filter(
        status__in=[Status.DRAFT, Status.WITHDRAWN, Status.DECIDED]
    ).exclude(decision__in=[Decision.ADMITTED, Decision.CONDITIONALLY_ADMITTED])


def do_apply_retention(now: datetime | None = None) -> int:
    """Delete unsuccessful applications (drafts never submitted, withdrawn, not admitted)
    whose intake started longer ago than their institution's retention period."""
    now = now or timezone.now()
    periods = dict(RetentionPolicy.objects.values_list("institution_id", "unsuccessful_after_days"))
    deleted = 0
    for application in _unsuccessful().select_related("intake__programme"):
        days = periods.get(application.intake.programme.institution_id, DEFAULT_RETENTION_DAYS)
        if application.intake.starts_on + timedelta(days=days) > now.date():
            continue
        with transaction.atomic():
            names = [(d.file.storage, d.file.name) for d in application.documents.all()]
            record_event(
                "application:retention:delete",
                actor=None,
                target=application,
                payload={"intake": str(application.intake), "status": application.status},
            )
            application.delete()
            for storage, name in names:
                transaction.on_commit(lambda s=storage, n=name: s.delete(n))
        deleted += 1
    return deleted
