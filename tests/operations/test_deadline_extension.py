"""After an outage on deadline day, an administrator extends the deadline for everyone who
had started an application by then; the submission counts as made at the deadline."""

from datetime import datetime, timedelta

import pytest

from openadmit.applications import service
from openadmit.applications.models import Application
from openadmit.audit.models import AuditEvent
from openadmit.operations.models import DeadlineExtension
from openadmit.operations.service import OperationsError, do_extend_deadline
from tests.applications.factories import BRUSSELS, complete_draft, pioneer_intake
from tests.personas import make_applicant, make_person

pytestmark = pytest.mark.django_db

# PIONEER's deadline for applicants without an EEA nationality, to its last second.
DEADLINE = datetime(2026, 7, 1, 23, 59, 59, tzinfo=BRUSSELS)
NEXT_MORNING = DEADLINE + timedelta(hours=10)


def draft_started_before_the_deadline(email: str, intake) -> Application:
    application = complete_draft(make_applicant(email), intake)
    Application.objects.filter(pk=application.pk).update(created_at=DEADLINE - timedelta(days=2))
    application.refresh_from_db()
    return application


def test_it_refuses_the_late_submission_until_the_deadline_is_extended():
    intake = pioneer_intake(published_dates=True)
    admin = make_person("admin@university.example", is_staff=True)
    application = draft_started_before_the_deadline("ana@example.org", intake)
    with pytest.raises(service.SubmissionRefused, match="deadline that applies to you"):
        service.do_submit(application, actor=application.applicant, now=NEXT_MORNING)

    do_extend_deadline(
        intake,
        DEADLINE + timedelta(days=1),
        reason="The portal was down on 1 July from 18:00 to 23:00.",
        actor=admin,
        now=DEADLINE + timedelta(hours=1),
    )
    submission = service.do_submit(application, actor=application.applicant, now=NEXT_MORNING)
    assert submission.created
    assert submission.submission.submitted_at == NEXT_MORNING
    assert submission.submission.outcome == "eligible"
    [event] = AuditEvent.objects.filter(event="intake:deadline:extend")
    assert event.actor == admin
    assert event.payload["reason"].startswith("The portal was down")
    assert event.payload["drafts_at_the_time"] == 1


def test_it_extends_nothing_for_an_application_started_after_the_deadline():
    intake = pioneer_intake(published_dates=True)
    late_starter = complete_draft(make_applicant("bo@example.org"), intake)
    DeadlineExtension.objects.create(
        intake=intake, until=DEADLINE + timedelta(days=1), reason="outage"
    )
    with pytest.raises(service.SubmissionRefused, match="deadline that applies to you"):
        service.do_submit(late_starter, actor=late_starter.applicant, now=NEXT_MORNING)


def test_it_extends_nothing_past_the_extended_moment_or_for_another_category():
    intake = pioneer_intake(published_dates=True)
    application = draft_started_before_the_deadline("ana@example.org", intake)
    DeadlineExtension.objects.create(
        intake=intake, category="eea", until=DEADLINE + timedelta(days=1), reason="outage"
    )
    DeadlineExtension.objects.create(
        intake=intake, until=DEADLINE + timedelta(hours=2), reason="outage"
    )
    with pytest.raises(service.SubmissionRefused):
        service.do_submit(application, actor=application.applicant, now=NEXT_MORNING)


@pytest.mark.parametrize(
    ("until", "reason", "category", "message"),
    [
        (DEADLINE + timedelta(days=1), " ", "", "Give the reason"),
        (DEADLINE - timedelta(days=1), "outage", "", "must be in the future"),
        (DEADLINE + timedelta(days=1), "outage", "erasmus", "no deadline category “erasmus”"),
    ],
)
def test_it_refuses_an_extension_it_cannot_make_and_says_why(until, reason, category, message):
    intake = pioneer_intake(published_dates=True)
    with pytest.raises(OperationsError, match=message):
        do_extend_deadline(
            intake, until, reason=reason, actor=None, category=category, now=DEADLINE
        )
    assert not DeadlineExtension.objects.exists()


def test_it_extends_from_the_command_line_and_audits_who_ran_it(capsys):
    intake = pioneer_intake()
    until = (datetime.now(BRUSSELS) + timedelta(days=100)).replace(microsecond=0)
    call_command_line = ["extend-deadline", "pioneer", "2026-09", "--until", until.isoformat()]
    from openadmit.cli import main

    assert main([*call_command_line, "--reason", "Outage on deadline day"]) == 0
    [extension] = DeadlineExtension.objects.all()
    assert extension.intake == intake
    assert extension.until == until
    [event] = AuditEvent.objects.filter(event="intake:deadline:extend")
    assert event.payload["via"].startswith("command line")
    assert main([*call_command_line[:4], "2026-01-01T00:00:00", "--reason", "x"]) == 2
    assert "needs its UTC offset" in capsys.readouterr().out
