"""Unsuccessful applications are deleted after their institution's retention period."""

from datetime import datetime, timedelta

import pytest

from openadmit.access.constants import Role
from openadmit.applications import service
from openadmit.applications.constants import Decision
from openadmit.applications.models import Application, RetentionPolicy
from openadmit.applications.retention import do_apply_retention
from openadmit.applications.tasks import apply_retention
from openadmit.cli import main
from openadmit.decisions import service as decisions
from openadmit.office import service as office
from tests.applications.conftest import stored_files
from tests.applications.factories import BRUSSELS, complete_draft, pioneer_intake
from tests.personas import make_applicant, make_staff

pytestmark = pytest.mark.django_db

# The intake starts on 1 September 2026; the default period is one year after that.
A_YEAR_AFTER_THE_INTAKE = datetime(2027, 9, 2, 3, 0, tzinfo=BRUSSELS)


def decided(email: str, decision: Decision) -> Application:
    applicant = make_applicant(email)
    application = complete_draft(applicant)
    service.do_submit(application, actor=applicant)
    programme = pioneer_intake().programme
    officer = make_staff(Role.ADMISSIONS_OFFICER, programme=programme)
    office.do_confirm_screening(application, [], actor=officer)
    chair = make_staff(Role.COMMITTEE_CHAIR, programme=programme)
    reason = "competition.ranked_below_places" if decision == Decision.REJECTED else ""
    decisions.do_decide(application, decision, actor=chair, reason=reason)
    application.refresh_from_db()
    return application


def test_it_deletes_unsuccessful_applications_and_their_files_a_year_after_the_intake(
    media_root, django_capture_on_commit_callbacks
):
    rejected = decided("rejected@example.org", Decision.REJECTED)
    admitted = decided("admitted@example.org", Decision.ADMITTED)
    withdrawn = complete_draft(make_applicant("withdrawn@example.org"))
    service.do_submit(withdrawn, actor=withdrawn.applicant)
    service.do_withdraw(withdrawn, actor=withdrawn.applicant)
    abandoned = complete_draft(make_applicant("abandoned@example.org"))

    assert do_apply_retention(A_YEAR_AFTER_THE_INTAKE - timedelta(days=2)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert do_apply_retention(A_YEAR_AFTER_THE_INTAKE) == 3
    remaining = set(Application.objects.values_list("pk", flat=True))
    assert remaining == {admitted.pk}
    assert {rejected.pk, withdrawn.pk, abandoned.pk}.isdisjoint(remaining)
    assert len(stored_files(media_root)) == admitted.documents.count()


def test_it_follows_the_institutions_own_period():
    rejected = decided("rejected@example.org", Decision.REJECTED)
    RetentionPolicy.objects.create(
        institution=rejected.intake.programme.institution, unsuccessful_after_days=730
    )
    assert do_apply_retention(A_YEAR_AFTER_THE_INTAKE) == 0
    assert do_apply_retention(A_YEAR_AFTER_THE_INTAKE + timedelta(days=366)) == 1


def test_the_command_queues_the_task_for_the_worker(capsys):
    assert main(["retention", "--enqueue"]) == 0
    assert "queued retention task" in capsys.readouterr().out


def test_the_task_runs_the_retention():
    assert apply_retention.call() == 0
