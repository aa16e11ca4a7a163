"""Screening with a person: confirm the rules' verdict, or read a criterion differently
with a reason; nothing negative without a named person."""

import pytest

from openadmit.applications.constants import Decision
from openadmit.audit.models import AuditEvent
from openadmit.decisions import service as decisions
from openadmit.office import service
from openadmit.office.constants import OfficeEvent, OverrideReason
from openadmit.office.models import QueueEntry
from openadmit.office.screening import Override
from tests.office.factories import cast, submitted
from tests.personas import staff_login

pytestmark = pytest.mark.django_db

AS_PROPOSED = {f"criterion-{c}": "eligible" for c in ("degree", "english", "deadline")}


@pytest.fixture
def world():
    return cast(), submitted("wanjiru@example.org", first_name="Wanjiru", last_name="Kamau")


def test_an_officer_confirms_the_verdict_as_proposed(client, world):
    people, application = world
    staff_login(client, people.officer)
    url = f"/office/applications/{application.public_id}/screening/"
    form = client.get(url).content.decode()
    assert "The rules say:" in form and "Source:" in form
    response = client.post(url, AS_PROPOSED)
    assert response.status_code == 302
    screening = application.screenings.get()
    assert (screening.outcome, screening.overrides, screening.confirmed_by) == (
        "eligible",
        [],
        people.officer,
    )
    assert QueueEntry.objects.get(application=application).screening == "confirmed"


def test_an_override_needs_a_reason_and_an_explanation_named_in_the_error_summary(client, world):
    people, application = world
    staff_login(client, people.officer)
    url = f"/office/applications/{application.public_id}/screening/"
    response = client.post(url, {**AS_PROPOSED, "criterion-english": "ineligible"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Choose why you read" in page and "Explain your reading of" in page
    assert 'href="#id_criterion-english-reason"' in page
    assert not application.screenings.exists()


def test_an_override_with_a_reason_changes_the_screened_outcome(client, world):
    people, application = world
    staff_login(client, people.officer)
    url = f"/office/applications/{application.public_id}/screening/"
    client.post(
        url,
        {
            **AS_PROPOSED,
            "criterion-english": "ineligible",
            "criterion-english-reason": OverrideReason.EVIDENCE_IN_DOCUMENTS,
            "criterion-english-explanation": "The certificate shows 6.0, not 7.5.",
        },
    )
    screening = application.screenings.get()
    assert screening.outcome == "ineligible" and screening.engine_outcome == "eligible"
    assert screening.overrides == [
        {
            "criterion": "english",
            "title": screening.overrides[0]["title"],
            "engine_outcome": "eligible",
            "outcome": "ineligible",
            "reason": "evidence_in_documents",
            "explanation": "The certificate shows 6.0, not 7.5.",
        }
    ]
    entry = QueueEntry.objects.get(application=application)
    assert (entry.engine_outcome, entry.outcome) == ("eligible", "ineligible")
    event = AuditEvent.objects.get(application_id=application.pk, event=OfficeEvent.SCREEN)
    assert event.actor == people.officer and event.payload["overridden"] == ["english"]


def test_no_negative_decision_without_a_confirmed_screening(world):
    people, application = world
    with pytest.raises(decisions.DecisionError, match="Confirm the eligibility screening"):
        decisions.do_decide(
            application, Decision.REJECTED, actor=people.chair, reason="english.no_valid_test"
        )
    service.do_confirm_screening(
        application,
        [
            Override(
                criterion="english",
                outcome="ineligible",
                reason=OverrideReason.OTHER,
                explanation="No valid test.",
            )
        ],
        actor=people.officer,
    )
    decided = decisions.do_decide(
        application, Decision.REJECTED, actor=people.chair, reason="english.no_valid_test"
    )
    assert decided.decision == Decision.REJECTED and decided.decided_by == people.chair


def test_an_override_without_an_explanation_is_refused_by_the_action_too(world):
    people, application = world
    with pytest.raises(service.OverrideRefused) as refusal:
        service.do_confirm_screening(
            application,
            [
                Override(
                    criterion="english",
                    outcome="ineligible",
                    reason=OverrideReason.OTHER,
                    explanation=" ",
                )
            ],
            actor=people.officer,
        )
    assert refusal.value.field == "criterion-english-explanation"
    assert not application.screenings.exists()
