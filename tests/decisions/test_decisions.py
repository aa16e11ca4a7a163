"""Committee decisions: each a row with its history, conditions tracked, structured
reasons and feedback the applicant reads, sessions, and contests answered by another."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from openadmit.access.constants import Role
from openadmit.applications.constants import Decision, Status
from openadmit.audit.models import AuditEvent
from openadmit.decisions import service as decisions
from openadmit.decisions.constants import ConditionStatus, ContestOutcome, DecisionEvent
from openadmit.decisions.models import DecisionRecord
from openadmit.office import service as office
from tests.office.factories import cast, submitted
from tests.personas import make_staff, staff_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    people = cast()
    application = submitted("wanjiru@example.org", first_name="Wanjiru", last_name="Kamau")
    return people, application


def test_the_chair_admits_on_a_condition_and_the_applicant_reads_it(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    people, application = world
    staff_login(client, people.chair)
    url = f"/office/applications/{application.public_id}/decision/"
    missing = client.post(url, {"decision": "conditionally_admitted"})
    assert (
        missing.status_code == 400 and "State at least one condition." in missing.content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url,
            {
                "decision": "conditionally_admitted",
                "condition_1": "Diploma by 1 September",
                "condition_1_due": "2026-09-01",
                "feedback": "Welcome!",
            },
        )
    application.refresh_from_db()
    assert (application.status, application.decision) == (Status.DECIDED, "conditionally_admitted")
    assert (
        mailoutbox[-1].to == ["wanjiru@example.org"]
        and "Admitted on condition" in mailoutbox[-1].body
    )
    client.force_login(application.applicant)
    page = client.get(f"/applications/{application.public_id}/").content.decode()
    assert "Diploma by 1 September" in page and "Welcome!" in page


def test_a_negative_decision_needs_a_screening_and_a_reason_the_applicant_reads(client, world):
    people, application = world
    with pytest.raises(decisions.DecisionError, match="Confirm the eligibility screening"):
        decisions.do_decide(
            application, Decision.REJECTED, actor=people.chair, reason="english.below_minimum"
        )
    office.do_confirm_screening(application, [], actor=people.officer)
    with pytest.raises(decisions.DecisionError) as refusal:
        decisions.do_decide(application, Decision.REJECTED, actor=people.chair, reason="made.up")
    assert refusal.value.field == "reason"
    decisions.do_decide(
        application,
        Decision.REJECTED,
        actor=people.chair,
        reason="competition.ranked_below_places",
        feedback="A stronger motivation letter would help next year.",
    )
    client.force_login(application.applicant)
    page = client.get(f"/applications/{application.public_id}/").content.decode()
    assert "others ranked higher and the places are taken" in page
    assert "A stronger motivation letter would help next year." in page


def test_a_new_decision_supersedes_with_a_reason_and_the_history_stays(world):
    people, application = world
    first = decisions.do_decide(
        application, Decision.RESERVE, actor=people.chair, reserve_position=3
    )
    with pytest.raises(decisions.DecisionError) as refusal:
        decisions.do_decide(application, Decision.ADMITTED, actor=people.chair)
    assert refusal.value.field == "change_reason"
    second = decisions.do_decide(
        application, Decision.ADMITTED, actor=people.chair, change_reason="A place was declined."
    )
    first.refresh_from_db()
    assert second.supersedes == first and (first.current, second.current) == (False, True)
    assert list(DecisionRecord.objects.filter(application=application)) == [first, second]
    application.refresh_from_db()
    assert application.decision == Decision.ADMITTED


def test_a_reserve_decision_needs_its_place(world):
    people, application = world
    with pytest.raises(decisions.DecisionError) as refusal:
        decisions.do_decide(application, Decision.RESERVE, actor=people.chair)
    assert refusal.value.field == "reserve_position"


def test_conditions_are_marked_met_or_not(client, world):
    people, application = world
    record = decisions.do_decide(
        application,
        Decision.CONDITIONALLY_ADMITTED,
        actor=people.chair,
        conditions=[decisions.ConditionIn("Diploma by 1 September")],
    )
    condition = record.conditions.get()
    staff_login(client, people.chair)
    client.post(f"/office/conditions/{condition.pk}/", {"status": "met"})
    condition.refresh_from_db()
    assert condition.status == ConditionStatus.MET and condition.updated_by == people.chair
    staff_login(client, people.partner_viewer)
    assert (
        client.post(f"/office/conditions/{condition.pk}/", {"status": "not_met"}).status_code == 404
    )


def test_a_session_records_who_took_part(client, world):
    people, application = world
    staff_login(client, people.chair)
    url = "/office/intakes/pioneer/2026-09/sessions/"
    empty = client.post(url, {"held_on": "2026-04-10"})
    assert empty.status_code == 400 and "Name who takes part" in empty.content.decode()
    client.post(
        url, {"held_on": "2026-04-10", "participants": [people.chair.pk, people.partner_viewer.pk]}
    )
    session = decisions.DecisionSession.objects.get()
    assert set(session.participants.all()) == {people.chair, people.partner_viewer}
    record = decisions.do_decide(
        application, Decision.ADMITTED, actor=people.chair, session=session
    )
    assert record.session == session
    decisions.do_close_session(session, actor=people.chair)
    other = submitted("achieng@example.org")
    with pytest.raises(decisions.DecisionError, match="closed"):
        decisions.do_decide(other, Decision.ADMITTED, actor=people.chair, session=session)


def test_the_applicant_contests_and_someone_else_answers(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    people, application = world
    office.do_confirm_screening(application, [], actor=people.officer)
    decisions.do_decide(
        application, Decision.REJECTED, actor=people.chair, reason="english.below_minimum"
    )
    client.force_login(application.applicant)
    client.post(
        f"/applications/{application.public_id}/contest/",
        {"text": "My IELTS was 7.5, see the report."},
    )
    contest = decisions.Contest.objects.get()
    with pytest.raises(decisions.DecisionError, match="Someone other than"):
        decisions.do_answer_contest(contest, "No.", ContestOutcome.UPHELD, actor=people.chair)
    second_chair = make_staff(Role.COMMITTEE_CHAIR, programme=application.intake.programme)
    with django_capture_on_commit_callbacks(execute=True):
        decisions.do_answer_contest(
            contest, "You are right; we correct it.", ContestOutcome.CHANGED, actor=second_chair
        )
    assert "You are right; we correct it." in mailoutbox[-1].body
    page = client.get(f"/applications/{application.public_id}/").content.decode()
    assert "The decision is changed" in page


def test_a_contest_after_the_window_is_refused(world):
    people, application = world
    record = decisions.do_decide(application, Decision.ADMITTED, actor=people.chair)
    DecisionRecord.objects.filter(pk=record.pk).update(
        decided_at=timezone.now() - timedelta(days=11)
    )
    with pytest.raises(decisions.DecisionError, match="has passed"):
        decisions.do_contest(application, "Too late?", actor=application.applicant)


def test_only_the_committee_decides_and_each_action_leaves_one_event(client, world):
    people, application = world
    url = f"/office/applications/{application.public_id}/decision/"
    for person in (
        people.officer,
        people.reviewer,
        people.partner_viewer,
        people.programme_admin,
        people.other_programme_officer,
    ):
        staff_login(client, person)
        assert client.get(url).status_code == 404
        assert client.post(url, {"decision": "admitted"}).status_code == 404
    client.force_login(people.stranger)
    assert (
        client.post(f"/applications/{application.public_id}/contest/", {"text": "x"}).status_code
        == 404
    )
    before = AuditEvent.objects.count()
    staff_login(client, people.chair)
    client.post(url, {"decision": "admitted"})
    assert list(AuditEvent.objects.order_by("pk").values_list("event", flat=True)[before:]) == [
        DecisionEvent.DECIDE
    ]


def test_days_far_from_now_are_refused_naming_the_field(world):
    people, application = world
    far = date.today() + timedelta(days=4000)
    with pytest.raises(decisions.DecisionError) as refusal:
        decisions.do_open_session(application.intake, far, [people.chair], actor=people.chair)
    assert refusal.value.field == "held_on"
    with pytest.raises(decisions.DecisionError) as refusal:
        decisions.do_decide(
            application,
            Decision.CONDITIONALLY_ADMITTED,
            actor=people.chair,
            conditions=[decisions.ConditionIn("Diploma", date(9999, 1, 1))],
        )
    assert refusal.value.field == "conditions"
