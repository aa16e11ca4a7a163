"""The audit trail: typed events, scoped, written once per action, never changed."""

from datetime import date, timedelta

import pytest
from django.db import IntegrityError, transaction

from openadmit.access.constants import AccessEvent, Role
from openadmit.access.service import do_create_token, do_grant_role, do_revoke_role, do_revoke_token
from openadmit.applications import service as applications
from openadmit.applications.constants import ApplicationEvent, Decision, FeeStatus, Status, Step
from openadmit.applications.models import Application
from openadmit.audit.models import AuditEvent, AuditTrailIsAppendOnly
from openadmit.audit.service import record_event
from openadmit.decisions import service as decisions
from openadmit.decisions.constants import DecisionEvent
from openadmit.office import service as office
from openadmit.office.constants import OfficeEvent
from tests.applications.factories import complete_draft
from tests.applications.pdfs import pdf_upload
from tests.office.factories import cast, submitted
from tests.personas import make_applicant

pytestmark = pytest.mark.django_db


def one_event(action, event, **scope):
    """Run ``action`` and assert it wrote exactly one event, ``event``, scoped as given."""
    before = AuditEvent.objects.count()
    result = action()
    written = list(AuditEvent.objects.order_by("pk")[before:])
    assert [w.event for w in written] == [event], written
    for field, value in scope.items():
        assert getattr(written[0], field) == value, field
    return result


def test_every_applicant_action_writes_exactly_one_event():
    ana = make_applicant("ana@example.org")
    intake = complete_draft(make_applicant("warmup@example.org")).intake
    application, _ = one_event(
        lambda: applications.do_start_application(ana, intake),
        ApplicationEvent.START,
        programme_id=intake.programme_id,
        institution_id=intake.programme.institution_id,
    )
    one_event(
        lambda: applications.do_save_step(
            application, Step.NATIONALITIES, {"nationalities": ["KE"]}, actor=ana
        ),
        ApplicationEvent.STEP_SAVE,
        application_id=application.pk,
    )
    one_event(
        lambda: applications.do_upload_document(application, "cv", pdf_upload("cv.pdf"), actor=ana),
        ApplicationEvent.DOCUMENT_UPLOAD,
    )
    one_event(
        lambda: applications.do_remove_document(application, "cv", actor=ana),
        ApplicationEvent.DOCUMENT_REMOVE,
    )
    application = complete_draft(ana)
    one_event(lambda: applications.do_submit(application, actor=ana), ApplicationEvent.SUBMIT)
    one_event(lambda: applications.do_withdraw(application, actor=ana), ApplicationEvent.WITHDRAW)


def test_every_office_action_writes_exactly_one_event():
    people = cast()
    application = submitted("wanjiru@example.org")
    officer = people.officer
    one_event(lambda: office.record_file_opened(application, actor=officer), OfficeEvent.FILE_OPEN)
    one_event(
        lambda: office.record_document_viewed(application.documents.first(), actor=officer),
        OfficeEvent.DOCUMENT_VIEW,
    )
    one_event(
        lambda: office.do_confirm_screening(application, [], actor=officer), OfficeEvent.SCREEN
    )
    one_event(
        lambda: office.do_send_message(application, "Hello", actor=officer), OfficeEvent.MESSAGE
    )
    one_event(
        lambda: office.do_record_fee(application, FeeStatus.PAID, actor=officer), OfficeEvent.FEE
    )
    one_event(
        lambda: office.do_request_information(
            application,
            [Step.MOTIVATION],
            "More, please.",
            date.today() + timedelta(days=3),
            actor=officer,
        ),
        OfficeEvent.INFORMATION_REQUEST,
    )
    one_event(
        lambda: applications.do_resubmit(application, actor=application.applicant),
        ApplicationEvent.RESUBMIT,
    )
    one_event(lambda: office.do_start_review(application, actor=officer), OfficeEvent.START_REVIEW)
    one_event(
        lambda: decisions.do_decide(application, Decision.ADMITTED, actor=people.chair),
        DecisionEvent.DECIDE,
    )


def test_granting_revoking_roles_and_tokens_writes_one_event_each():
    people = cast()
    grant = one_event(
        lambda: do_grant_role(
            people.stranger,
            Role.REVIEWER,
            actor=people.programme_admin,
            programme=people.officer.staff_roles.get().programme,
        ),
        AccessEvent.ROLE_GRANT,
    )
    one_event(lambda: do_revoke_role(grant, actor=people.programme_admin), AccessEvent.ROLE_REVOKE)
    token, _clear = one_event(
        lambda: do_create_token(people.officer, "sis", actor=people.officer),
        AccessEvent.TOKEN_CREATE,
    )
    one_event(lambda: do_revoke_token(token, actor=people.officer), AccessEvent.TOKEN_REVOKE)


def test_a_refused_action_writes_nothing():
    people = cast()
    application = submitted("wanjiru@example.org")
    before = AuditEvent.objects.count()
    with pytest.raises(office.AccessDenied):
        office.do_start_review(application, actor=people.partner_viewer)
    with pytest.raises(applications.TransitionRefused):
        decisions.do_decide(application, Decision.ADMITTED, actor=people.chair)
        office.do_start_review(application, actor=people.officer)
    assert AuditEvent.objects.count() == before + 1  # only the decision


def test_the_trail_cannot_be_changed_or_deleted_through_the_application():
    application = submitted("wanjiru@example.org")
    event = AuditEvent.objects.filter(application_id=application.pk).first()
    event.payload = {"forged": True}
    with pytest.raises(AuditTrailIsAppendOnly):
        event.save()
    with pytest.raises(AuditTrailIsAppendOnly):
        event.delete()
    with pytest.raises(AuditTrailIsAppendOnly):
        AuditEvent.objects.filter(pk=event.pk).update(payload={})
    with pytest.raises(AuditTrailIsAppendOnly):
        AuditEvent.objects.all().delete()
    event.refresh_from_db()
    assert event.payload != {"forged": True}


def test_an_event_name_must_be_a_declared_type():
    application = submitted("wanjiru@example.org")
    with transaction.atomic(), pytest.raises(TypeError):
        record_event("application:submit", actor=None, target=application)


def test_statuses_move_only_along_the_declared_table():
    people = cast()
    application = submitted("wanjiru@example.org")
    decisions.do_decide(application, Decision.ADMITTED, actor=people.chair)
    with pytest.raises(
        applications.TransitionRefused, match="From here it can become: Decision made"
    ):
        office.do_start_review(application, actor=people.officer)
    with pytest.raises(applications.ApplicationError):
        applications.do_withdraw(application, actor=application.applicant)


def test_the_database_refuses_a_decided_status_without_a_decision():
    application = submitted("wanjiru@example.org")
    with transaction.atomic(), pytest.raises(IntegrityError):
        Application.objects.filter(pk=application.pk).update(status=Status.DECIDED)
