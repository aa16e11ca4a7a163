"""A draft is saved step by step, resumed, and there is one per applicant and intake."""

import pytest

from openadmit.applications import service
from openadmit.applications.constants import FeeStatus, Status, Step
from openadmit.applications.models import Application
from openadmit.audit.models import AuditEvent
from tests.applications.factories import ANSWERS, complete_draft, pioneer_intake
from tests.personas import make_applicant

pytestmark = pytest.mark.django_db


def test_it_keeps_one_application_per_applicant_and_intake():
    ana, intake = make_applicant("ana@example.org"), pioneer_intake()
    first, created = service.do_start_application(ana, intake)
    again, created_again = service.do_start_application(ana, intake)
    assert created and not created_again
    assert first.pk == again.pk
    assert Application.objects.count() == 1


def test_it_charges_the_programmes_fee_on_a_new_draft():
    application, _ = service.do_start_application(
        make_applicant("ana@example.org"), pioneer_intake()
    )
    assert application.fee_status == FeeStatus.DUE
    assert str(application.fee_amount) == "90.00" and application.fee_currency == "EUR"


def test_it_saves_each_step_into_the_eligibility_profile():
    ana = make_applicant("ana@example.org")
    application, _ = service.do_start_application(ana, pioneer_intake())
    service.do_save_step(
        application, Step.NATIONALITIES, {"nationalities": ["IN", "PT"]}, actor=ana
    )
    service.do_save_step(application, Step.LANGUAGE, ANSWERS[Step.LANGUAGE], actor=ana)
    application.refresh_from_db()
    assert application.profile == {
        "nationalities": ["IN", "PT"],
        "language_tests": ANSWERS[Step.LANGUAGE]["language_tests"],
    }
    assert application.saved_steps == ["nationalities", "language"]
    events = AuditEvent.objects.filter(event="application:step:save", target_id=str(application.pk))
    assert [e.payload["step"] for e in events] == ["nationalities", "language"]


def test_it_shows_a_live_verdict_once_the_profile_is_whole():
    ana = make_applicant("ana@example.org")
    application, _ = service.do_start_application(ana, pioneer_intake())
    assert service.current_verdict(application).verdict is None
    assert any("nationalities" in p for p in service.current_verdict(application).problems)
    application = complete_draft(ana)
    verdict = service.current_verdict(application).verdict
    assert verdict.outcome == "eligible"
    assert verdict.deadline.category == "non_eea"


def test_it_lists_what_is_missing_in_words():
    ana = make_applicant("ana@example.org")
    application, _ = service.do_start_application(ana, pioneer_intake())
    service.do_save_step(
        application, Step.PERSONAL, {"personal": {"given_names": "Ana"}}, actor=ana
    )
    application.refresh_from_db()
    missing = service.missing_items(application)
    assert "Complete the step “Nationalities”." in missing
    assert "Give your family name." in missing
    assert "Upload your Curriculum vitae." in missing


def test_it_needs_no_language_certificate_when_the_applicant_claims_the_exemption():
    ana = make_applicant("ana@example.org")
    application = complete_draft(ana)
    service.do_remove_document(application, "language_certificate", actor=ana)
    assert "Upload your English language certificate." in service.missing_items(application)
    service.do_save_step(application, Step.LANGUAGE, {"language_tests": []}, actor=ana)
    application.refresh_from_db()
    assert not any("language certificate" in item for item in service.missing_items(application))


def test_it_refuses_changes_after_submission():
    ana = make_applicant("ana@example.org")
    application = complete_draft(ana)
    service.do_submit(application, actor=ana)
    with pytest.raises(service.ApplicationError, match="can no longer be changed"):
        service.do_save_step(application, Step.MOTIVATION, {"motivation": "changed"}, actor=ana)
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
    assert application.motivation == ANSWERS[Step.MOTIVATION]["motivation"]


def test_it_starts_no_application_on_an_intake_that_is_not_open():
    intake = pioneer_intake()
    intake.is_open = False
    intake.save()
    with pytest.raises(service.ApplicationError, match="not open for applications"):
        service.do_start_application(make_applicant("ana@example.org"), intake)
    assert not Application.objects.exists()
