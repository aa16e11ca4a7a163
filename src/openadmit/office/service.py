"""The admissions office's actions on applications, and what other apps may ask of it.

Each `do_*` action checks the actor's permission through the access policy, changes the
state in one transaction that also writes exactly one audit event, and leaves e-mail to
the commit. Reading a file or a document is audited too (`record_file_opened`,
`record_document_viewed`).
"""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openadmit.access.constants import Permission
from openadmit.access.policy import AccessDenied, require
from openadmit.applications import service as applications
from openadmit.applications.constants import FeeStatus, Status, Step
from openadmit.applications.errors import ApplicationError
from openadmit.applications.models import Application, Document, OfficeMessage
from openadmit.audit.service import record_event
from openadmit.office.constants import OfficeEvent
from openadmit.office.models import Screening
from openadmit.office.queue import latest_sealed
from openadmit.office.screening import (
    Override,
    OverrideRefused,
    checked_overrides,
    screened_outcome,
)
from openadmit.verdicts.service import sealed_verdict

__all__ = [
    "AccessDenied",
    "OfficeError",
    "Override",
    "OverrideRefused",
    "do_confirm_screening",
    "do_record_fee",
    "do_request_information",
    "do_send_message",
    "do_start_review",
    "record_document_viewed",
    "record_file_opened",
]


# A request for information reopens parts of an application for at most this long.
MAX_ANSWER_TIME = timedelta(days=365)


class OfficeError(ApplicationError):
    """An office action the application's state does not allow; the message says why."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def record_file_opened(application: Application, *, actor) -> None:
    require(actor, Permission.VIEW_APPLICATIONS, application)
    with transaction.atomic():
        record_event(OfficeEvent.FILE_OPEN, actor=actor, target=application)


def record_document_viewed(document: Document, *, actor) -> None:
    require(actor, Permission.DOWNLOAD_DOCUMENTS, document.application)
    with transaction.atomic():
        record_event(
            OfficeEvent.DOCUMENT_VIEW,
            actor=actor,
            target=document.application,
            payload={"kind": document.kind, "document": str(document.public_id)},
        )


def do_confirm_screening(
    application: Application, overrides: list[Override], *, actor
) -> Screening:
    """Confirm the latest sealed verdict, reading some criteria differently with a reason."""
    with transaction.atomic():
        row = applications.locked(application)
        require(actor, Permission.SCREEN, row)
        if row.status in (Status.WITHDRAWN, Status.DECIDED):
            raise OfficeError(_("A withdrawn or decided application is not screened."))
        sealed = latest_sealed(row)
        verdict = sealed_verdict(sealed.verdict)
        changed = checked_overrides(verdict, overrides)
        outcome = screened_outcome(verdict, changed)
        screening = Screening.objects.create(
            application=row,
            engine_outcome=verdict.outcome,
            outcome=outcome,
            overrides=[o.to_dict(verdict) for o in changed],
            verdict_at=sealed.at,
            ruleset_sha256=verdict.ruleset.sha256,
            confirmed_by=actor,
        )
        record_event(
            OfficeEvent.SCREEN,
            actor=actor,
            target=row,
            payload={
                "engine_outcome": str(verdict.outcome),
                "outcome": str(outcome),
                "overridden": [o.criterion for o in changed],
            },
        )
    return screening


def do_request_information(
    application: Application, steps: list[Step], message: str, due_on: date, *, actor
):
    """Reopen ``steps`` for the applicant until ``due_on`` and tell them what is asked."""
    if not steps:
        raise OfficeError(_("Choose at least one part of the application to reopen."), "steps")
    if not message.strip():
        raise OfficeError(_("Say what the applicant should change or add."), "message")
    with transaction.atomic():
        row = applications.locked(application)
        require(actor, Permission.CORRESPOND, row)
        zone = applications.university_time_zone(row.intake)
        today = timezone.now().astimezone(zone).date()
        if due_on < today:
            raise OfficeError(_("The date to answer by cannot be in the past."), "due_on")
        if due_on > today + MAX_ANSWER_TIME:
            raise OfficeError(_("Give the applicant at most a year to answer."), "due_on")
        request = applications.do_open_steps(
            row, steps, message.strip(), due_on, requested_by=actor
        )
        record_event(
            OfficeEvent.INFORMATION_REQUEST,
            actor=actor,
            target=row,
            payload={"steps": request.steps, "due_on": due_on.isoformat()},
        )
        applications.notify_applicant(
            row,
            _("The admissions office asks for more information: %(programme)s")
            % {"programme": row.intake.programme.title},
            "office/email/information_request.txt",
            {"request": request},
        )
    return request


def do_send_message(application: Application, body: str, *, actor) -> OfficeMessage:
    """Post a message on the applicant's status page and tell them by e-mail."""
    if not body.strip():
        raise OfficeError(_("The message is empty."), "body")
    with transaction.atomic():
        row = applications.locked(application)
        require(actor, Permission.CORRESPOND, row)
        message = OfficeMessage.objects.create(application=row, author=actor, body=body.strip())
        record_event(
            OfficeEvent.MESSAGE,
            actor=actor,
            target=row,
            payload={"message_id": message.pk},
        )
        applications.notify_applicant(
            row,
            _("A message about your application to %(programme)s")
            % {"programme": row.intake.programme.title},
            "applications/email/office_message.txt",
            {"message": message},
        )
    return message


def do_record_fee(
    application: Application, fee_status: FeeStatus, *, actor, note: str = ""
) -> Application:
    if fee_status not in (FeeStatus.PAID, FeeStatus.WAIVED, FeeStatus.DUE):
        raise OfficeError(_("A fee is recorded as due, paid or waived."), "fee_status")
    with transaction.atomic():
        row = applications.locked(application)
        require(actor, Permission.RECORD_FEE, row)
        if row.fee_amount is None:
            raise OfficeError(_("This programme charges no application fee."), "fee_status")
        row.fee_status = fee_status
        row.fee_note = note
        row.save(update_fields=["fee_status", "fee_note", "updated_at"])
        record_event(
            OfficeEvent.FEE,
            actor=actor,
            target=row,
            payload={"fee_status": fee_status, "note": note},
        )
    return row


def do_start_review(application: Application, *, actor) -> Application:
    with transaction.atomic():
        row = applications.locked(application)
        require(actor, Permission.MOVE_FILES, row)
        applications.move(row, Status.UNDER_REVIEW)
        row.save(update_fields=["status", "updated_at"])
        record_event(OfficeEvent.START_REVIEW, actor=actor, target=row)
    return row
