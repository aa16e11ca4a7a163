"""Submitting: complete, in time, at most once, all or nothing."""

from datetime import datetime, timedelta

import pytest
from django.core import mail

from openadmit.access.constants import Role
from openadmit.applications import service
from openadmit.applications.constants import FeeStatus, Status, Step
from openadmit.applications.models import FeeRule, Submission
from openadmit.audit.models import AuditEvent
from openadmit.office import service as office
from tests.applications.factories import BRUSSELS, complete_draft, pioneer_intake
from tests.personas import make_applicant, make_staff

pytestmark = pytest.mark.django_db

# PIONEER's published deadline for applicants without an EEA nationality: 1 July 2026,
# to the end of the day in Brussels.
LAST_SECOND = datetime(2026, 7, 1, 23, 59, 59, tzinfo=BRUSSELS)


def test_it_stores_the_verdict_with_its_ruleset_hash_and_mails_a_receipt(
    django_capture_on_commit_callbacks,
):
    ana = make_applicant("ana@example.org")
    application = complete_draft(ana)
    with django_capture_on_commit_callbacks(execute=True):
        result = service.do_submit(application, actor=ana)
    submission = result.submission
    assert result.created
    assert submission.reference.startswith("PIONEER-2026-")
    assert submission.outcome == "eligible"
    assert submission.ruleset_sha256 == application.intake.requirement_set.sha256
    assert submission.verdict["ruleset"]["sha256"] == submission.ruleset_sha256
    assert submission.deadline_category == "non_eea"
    assert {d["kind"] for d in submission.documents} >= {"diploma", "cv", "passport"}
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
    assert len(mail.outbox) == 1
    assert submission.reference in mail.outbox[0].body
    assert mail.outbox[0].to == ["ana@example.org"]
    assert AuditEvent.objects.filter(
        event="application:submit", payload__reference=submission.reference
    ).exists()


def test_it_accepts_a_submission_in_the_last_second_of_the_deadline_day():
    ana = make_applicant("ana@example.org")
    application = complete_draft(ana, pioneer_intake(published_dates=True))
    assert service.do_submit(application, actor=ana, now=LAST_SECOND).created


def test_it_accepts_a_submission_until_the_end_of_the_deadline_day():
    """Half a second before midnight the engine still counts the applicant in time; so does
    the submission, with no gap between what the page says and what submitting does."""
    ana = make_applicant("ana@example.org")
    application = complete_draft(ana, pioneer_intake(published_dates=True))
    moment = LAST_SECOND + timedelta(microseconds=500_000)
    assert service.current_verdict(application, moment).outcome == "eligible"
    submission = service.do_submit(application, actor=ana, now=moment).submission
    assert submission.submitted_at == moment


def test_it_refuses_a_submission_at_midnight_after_the_deadline_day_with_the_reason(
    django_capture_on_commit_callbacks,
):
    ana = make_applicant("ana@example.org")
    application = complete_draft(ana, pioneer_intake(published_dates=True))
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(service.SubmissionRefused) as refusal:
            service.do_submit(application, actor=ana, now=LAST_SECOND + timedelta(seconds=1))
    assert "Applicants without an EEA nationality" in refusal.value.reasons[0]
    assert "1 July 2026" in refusal.value.reasons[0] or "July 1, 2026" in refusal.value.reasons[0]
    assert "Europe/Brussels" in refusal.value.reasons[0]
    application.refresh_from_db()
    assert application.status == Status.DRAFT
    assert not Submission.objects.exists()
    assert not mail.outbox


def test_it_gives_an_eea_national_their_later_deadline():
    ana = make_applicant("ana@example.org")
    application = complete_draft(
        ana, pioneer_intake(published_dates=True), nationalities=("IN", "PT")
    )
    assert service.do_submit(application, actor=ana, now=LAST_SECOND + timedelta(days=30)).created


def test_it_refuses_an_incomplete_application_and_says_what_is_missing():
    ana = make_applicant("ana@example.org")
    application = complete_draft(ana, documents=False)
    with pytest.raises(service.SubmissionRefused) as refusal:
        service.do_submit(application, actor=ana)
    assert "Upload your Passport." in refusal.value.reasons
    assert not Submission.objects.exists()


def test_it_returns_the_same_submission_to_a_second_click():
    ana = make_applicant("ana@example.org")
    application = complete_draft(ana)
    first = service.do_submit(application, actor=ana)
    second = service.do_submit(application, actor=ana)
    assert not second.created
    assert second.submission.pk == first.submission.pk
    assert Submission.objects.count() == 1
    assert AuditEvent.objects.filter(event="application:submit").count() == 1


def test_a_failure_in_the_middle_of_submitting_leaves_the_draft_as_it_was(
    monkeypatch, django_capture_on_commit_callbacks
):
    ana = make_applicant("ana@example.org")
    application = complete_draft(ana)
    before = (application.status, application.profile, application.updated_at)

    def crash(*args, **kwargs):
        raise RuntimeError("disk full")

    # The audit row is written after the status change and the submission row.
    monkeypatch.setattr(service, "record_event", crash)
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError):
            service.do_submit(application, actor=ana)
    application.refresh_from_db()
    assert (application.status, application.profile, application.updated_at) == before
    assert not Submission.objects.exists()
    assert not mail.outbox
    monkeypatch.undo()
    assert service.do_submit(application, actor=ana).created


def test_it_holds_the_submission_until_the_fee_is_settled_where_the_programme_says_so():
    ana = make_applicant("ana@example.org")
    application = complete_draft(ana)
    FeeRule.objects.create(programme=application.intake.programme, settle_before_submission=True)
    with pytest.raises(service.SubmissionRefused) as refusal:
        service.do_submit(application, actor=ana)
    assert refusal.value.reasons == [
        "The application fee of 90.00 EUR must be paid or waived first."
    ]
    officer = make_staff(Role.ADMISSIONS_OFFICER, programme=application.intake.programme)
    office.do_record_fee(
        application, FeeStatus.WAIVED, actor=officer, note="Partner-country waiver"
    )
    assert service.do_submit(application, actor=ana).created


def test_it_takes_the_submission_with_the_fee_due_where_the_programme_allows():
    ana = make_applicant("ana@example.org")
    application = complete_draft(ana)
    result = service.do_submit(application, actor=ana)
    application.refresh_from_db()
    assert result.created and application.fee_status == FeeStatus.DUE


def test_a_scholarship_wish_after_the_scholarship_deadline_still_applies_self_funded(client):
    ana = make_applicant("ana@example.org")
    application = complete_draft(ana, pioneer_intake(published_dates=True))
    service.do_save_step(
        application,
        Step.SCHOLARSHIP,
        {"wants_scholarship": True, "previous_erasmus_mundus_scholarship": False},
        actor=ana,
    )
    submission = service.do_submit(application, actor=ana, now=LAST_SECOND).submission
    assert submission.deadline_category == "non_eea"
    assert submission.verdict["scholarship"]["outcome"] == "ineligible"
    client.force_login(ana)
    page = client.get(f"/applications/{application.public_id}/").content.decode()
    assert "You can still apply to the programme without it." in page


def test_a_second_click_on_the_submit_button_shows_the_same_application(client):
    ana = make_applicant("ana@example.org")
    application = complete_draft(ana)
    client.force_login(ana)
    first = client.post(f"/applications/{application.public_id}/review/")
    second = client.post(f"/applications/{application.public_id}/review/")
    assert first["Location"] == f"/applications/{application.public_id}/receipt/"
    assert second["Location"] == f"/applications/{application.public_id}/"
    assert Submission.objects.count() == 1
