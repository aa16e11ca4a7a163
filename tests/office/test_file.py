"""The application file: the person, the answers, the documents in the browser, the
verdict with its clauses, the checklist and the timeline of everything that happened."""

import pytest

from openadmit.audit.models import AuditEvent
from openadmit.office import service
from openadmit.office.constants import OfficeEvent
from tests.office.factories import cast, submitted
from tests.personas import staff_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return cast(), submitted(
        "wanjiru@example.org", nationalities=("KE",), first_name="Wanjiru", last_name="Kamau"
    )


def test_it_shows_the_person_the_answers_and_the_documents_by_their_names(client, world):
    people, application = world
    staff_login(client, people.officer)
    page = client.get(f"/office/applications/{application.public_id}/").content.decode()
    for text in (
        "Wanjiru Kamau",
        application.submission.reference,
        "wanjiru@example.org",
        "Kenya",
        "Bachelor of Laws, in law, University of Delhi",
        "IELTS Academic 7.5",
        "I want to make public services work for people.",
        "<strong>Motivation letter</strong>",
        "<strong>Transcript(s) of records</strong>",
    ):
        assert text in page, text
    assert "<strong>motivation_letter</strong>" not in page


def test_it_shows_each_criterion_with_the_published_clause_behind_it(client, world):
    people, application = world
    staff_login(client, people.officer)
    page = client.get(f"/office/applications/{application.public_id}/").content.decode()
    assert "Each requirement, with the published clause behind it" in page
    assert "Source:" in page and "https://" in page
    assert application.submission.ruleset_sha256 in page


def test_it_shows_the_checklist(client, world):
    people, application = world
    staff_login(client, people.officer)
    checklist = client.get(f"/office/applications/{application.public_id}/").context["checklist"]
    assert {item.item.value: item.done for item in checklist} == {
        "documents": True,
        "eligibility": False,
        "fee": False,
    }
    service.do_confirm_screening(application, [], actor=people.officer)
    checklist = client.get(f"/office/applications/{application.public_id}/").context["checklist"]
    assert {item.item.value: item.done for item in checklist}["eligibility"] is True


def test_the_timeline_tells_who_did_what_and_opening_is_recorded(client, world):
    people, application = world
    staff_login(client, people.officer)
    client.get(f"/office/applications/{application.public_id}/")
    service.do_send_message(
        application, "Please send a certified translation.", actor=people.officer
    )
    page = client.get(f"/office/applications/{application.public_id}/")
    labels = [(row["label"], row["who"]) for row in page.context["timeline"]]
    assert ("Application submitted", "the applicant") in labels
    assert ("File opened", "Sam Admissions Officer") in labels
    assert ("Message sent to the applicant", "Sam Admissions Officer") in labels
    assert (
        AuditEvent.objects.filter(
            application_id=application.pk, event=OfficeEvent.FILE_OPEN
        ).count()
        == 2
    )


def test_a_pdf_opens_inline_in_the_browser_and_the_reading_is_audited(client, world):
    people, application = world
    document = application.documents.get(kind="transcript")
    staff_login(client, people.partner_viewer)
    response = client.get(f"/office/documents/{document.public_id}/")
    assert response["Content-Disposition"].startswith("inline")
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    download = client.get(f"/office/documents/{document.public_id}/?download=1")
    assert download["Content-Disposition"].startswith("attachment")
    b"".join(download.streaming_content)
    events = AuditEvent.objects.filter(
        application_id=application.pk, event=OfficeEvent.DOCUMENT_VIEW
    )
    assert [e.payload["kind"] for e in events] == ["transcript", "transcript"]
    assert {e.actor for e in events} == {people.partner_viewer}


def test_a_partner_viewer_reads_but_has_no_actions(client, world):
    people, application = world
    staff_login(client, people.partner_viewer)
    page = client.get(f"/office/applications/{application.public_id}/").content.decode()
    assert "Screen eligibility" not in page and "Send message" not in page
    assert "Ask for more information" not in page
