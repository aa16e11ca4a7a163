"""Withdrawal before a decision, and the status the applicant sees."""

import pytest

from openadmit.access.constants import Role
from openadmit.applications import service
from openadmit.applications.constants import Decision, Status
from openadmit.decisions import service as decisions
from openadmit.office import service as office
from tests.applications.factories import complete_draft, pioneer_intake
from tests.personas import make_applicant, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted():
    ana = make_applicant("ana@example.org")
    application = complete_draft(ana)
    service.do_submit(application, actor=ana)
    application.refresh_from_db()
    return application


@pytest.fixture
def officer():
    return make_staff(Role.ADMISSIONS_OFFICER, programme=pioneer_intake().programme)


@pytest.fixture
def chair():
    return make_staff(Role.COMMITTEE_CHAIR, programme=pioneer_intake().programme)


def test_it_withdraws_a_submitted_application(submitted):
    service.do_withdraw(submitted, actor=submitted.applicant)
    submitted.refresh_from_db()
    assert submitted.status == Status.WITHDRAWN and submitted.withdrawn_at


def test_it_withdraws_during_review(submitted, officer):
    office.do_start_review(submitted, actor=officer)
    assert service.do_withdraw(submitted, actor=submitted.applicant).status == Status.WITHDRAWN


def test_it_refuses_to_withdraw_after_the_decision(submitted, chair):
    decisions.do_decide(submitted, Decision.ADMITTED, actor=chair)
    with pytest.raises(service.ApplicationError, match="before a decision"):
        service.do_withdraw(submitted, actor=submitted.applicant)


def test_it_refuses_to_withdraw_a_draft():
    ana = make_applicant("ana@example.org")
    with pytest.raises(service.ApplicationError):
        service.do_withdraw(complete_draft(ana), actor=ana)


def test_the_status_page_shows_stage_verdict_messages_and_next_steps(client, submitted, officer):
    office.do_start_review(submitted, actor=officer)
    office.do_send_message(submitted, "Please upload a certified translation.", actor=officer)
    client.force_login(submitted.applicant)
    page = client.get(f"/applications/{submitted.public_id}/").content.decode()
    assert "Under review" in page
    assert submitted.submission.reference in page
    assert "Please upload a certified translation." in page
    assert "You can apply" in page and "Every requirement, and why" in page
    assert "Watch this page for messages" in page
    assert "EUR 90.00" in page


def test_the_status_page_shows_the_decision(client, submitted, chair):
    decisions.do_decide(
        submitted,
        Decision.CONDITIONALLY_ADMITTED,
        actor=chair,
        conditions=[decisions.ConditionIn("Show your diploma before registration")],
    )
    client.force_login(submitted.applicant)
    page = client.get(f"/applications/{submitted.public_id}/").content.decode()
    assert "Admitted on condition" in page
    assert "Show your diploma before registration" in page and "Not yet shown" in page
    assert "Withdraw my application" not in page
