"""Applicant B cannot read or change A's application, documents, receipt or status,
through the pages or the API, whatever ids or URLs B tries."""

import pytest

from openadmit.applications import service
from openadmit.applications.constants import Status
from openadmit.applications.models import ProgrammeStaff
from tests.applications.factories import complete_draft, pioneer_intake
from tests.applications.pdfs import pdf_upload
from tests.personas import make_applicant, make_staff_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def a_application():
    ana = make_applicant("ana@example.org")
    application = complete_draft(ana)
    return application


@pytest.fixture
def b_client(client):
    client.force_login(make_applicant("bob@example.org"))
    return client


def page_urls(application) -> list[str]:
    document = application.documents.first()
    base = f"/applications/{application.public_id}"
    return [
        f"{base}/",
        f"{base}/steps/personal/",
        f"{base}/steps/education/",
        f"{base}/steps/documents/",
        f"{base}/review/",
        f"{base}/receipt/",
        f"{base}/withdraw/",
        f"/documents/{document.public_id}/",
    ]


def test_b_gets_not_found_for_every_page_of_as_draft(b_client, a_application):
    for url in page_urls(a_application):
        assert b_client.get(url).status_code == 404, url


def test_b_gets_not_found_for_as_submitted_application(b_client, a_application):
    service.do_submit(a_application, actor=a_application.applicant)
    for url in page_urls(a_application):
        response = b_client.get(url)
        assert response.status_code == 404, url
        assert a_application.submission.reference.encode() not in response.content


def test_b_cannot_change_as_draft_through_the_pages(b_client, a_application):
    base = f"/applications/{a_application.public_id}"
    posts = [
        (f"{base}/steps/motivation/", {"motivation": "hijacked"}),
        (f"{base}/steps/documents/", {"action": "remove", "kind": "cv"}),
        (
            f"{base}/steps/documents/",
            {"action": "upload", "kind": "cv", "file": pdf_upload("evil.pdf")},
        ),
        (f"{base}/review/", {}),
        (f"{base}/withdraw/", {}),
        (f"{base}/fee/", {"fee_status": "waived"}),
        (f"{base}/messages/", {"body": "Your application is rejected."}),
    ]
    for url, data in posts:
        assert b_client.post(url, data).status_code == 404, url
    a_application.refresh_from_db()
    assert a_application.status == Status.DRAFT
    assert a_application.motivation != "hijacked"
    assert a_application.fee_status == "due"
    assert a_application.documents.get(kind="cv").original_name == "cv.pdf"
    assert not a_application.messages.exists()


def test_b_cannot_read_or_change_as_application_through_the_api(b_client, a_application):
    base = f"/api/v1/applications/{a_application.public_id}"
    assert b_client.get(base).status_code == 404
    assert b_client.post(f"{base}/submit").status_code == 404
    assert b_client.post(f"{base}/withdraw").status_code == 404
    assert b_client.get("/api/v1/applications/").json() == []
    a_application.refresh_from_db()
    assert a_application.status == Status.DRAFT


def test_a_signed_out_visitor_is_sent_to_sign_in(client, a_application):
    response = client.get(f"/applications/{a_application.public_id}/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    document = a_application.documents.first()
    assert client.get(f"/documents/{document.public_id}/").status_code == 302
    assert client.get(f"/api/v1/applications/{a_application.public_id}").status_code == 401


@pytest.fixture
def officer():
    officer = make_staff_member("officer@university.example")
    ProgrammeStaff.objects.create(user=officer, programme=pioneer_intake().programme)
    return officer


def test_programme_staff_read_the_status_and_documents_but_other_staff_do_not(
    client, a_application, officer
):
    service.do_submit(a_application, actor=a_application.applicant)
    document = a_application.documents.get(kind="cv")
    outsider = make_staff_member("outsider@university.example")
    client.force_login(outsider)
    assert client.get(f"/documents/{document.public_id}/").status_code == 404
    assert client.get(f"/applications/{a_application.public_id}/").status_code == 404

    client.force_login(officer)
    response = client.get(f"/documents/{document.public_id}/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="cv.pdf"')
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert client.get(f"/applications/{a_application.public_id}/").status_code == 200
    # Staff read; they do not fill in the applicant's form.
    assert client.get(f"/applications/{a_application.public_id}/steps/personal/").status_code == 404


def test_it_keeps_a_draft_and_its_files_from_the_programme_staff(client, a_application, officer):
    """A draft is the applicant's private work: staff see an application once submitted."""
    document = a_application.documents.get(kind="cv")
    client.force_login(officer)
    base = f"/applications/{a_application.public_id}"
    assert client.get(f"{base}/").status_code == 404
    assert client.get(f"/documents/{document.public_id}/").status_code == 404
    assert client.post(f"{base}/fee/", {"fee_status": "waived"}).status_code == 404
    assert client.post(f"{base}/messages/", {"body": "We read your draft."}).status_code == 404
    a_application.refresh_from_db()
    assert a_application.fee_status == "due"
    assert not a_application.messages.exists()

    service.do_submit(a_application, actor=a_application.applicant)
    assert client.get(f"{base}/").status_code == 200
    download = client.get(f"/documents/{document.public_id}/")
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    assert client.post(f"{base}/fee/", {"fee_status": "waived"}).status_code == 302
    a_application.refresh_from_db()
    assert a_application.fee_status == "waived"


def test_programme_staff_record_the_fee_and_the_applicant_cannot(client, a_application, officer):
    service.do_submit(a_application, actor=a_application.applicant)
    client.force_login(a_application.applicant)
    client.post(f"/applications/{a_application.public_id}/fee/", {"fee_status": "waived"})
    a_application.refresh_from_db()
    assert a_application.fee_status == "due"
    client.force_login(officer)
    client.post(
        f"/applications/{a_application.public_id}/fee/",
        {"fee_status": "paid", "note": "Bank transfer"},
    )
    a_application.refresh_from_db()
    assert a_application.fee_status == "paid"


def test_the_owner_reads_their_own_document(client, a_application):
    client.force_login(a_application.applicant)
    document = a_application.documents.get(kind="passport")
    response = client.get(f"/documents/{document.public_id}/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_an_application_id_of_another_intake_does_not_leak_through_start(b_client):
    intake = pioneer_intake()
    response = b_client.get(f"/programmes/pioneer/{intake.code}/apply/")
    assert response.status_code == 200
    assert b"Start my application" in response.content


def test_programme_staff_write_to_the_applicant_and_the_applicant_cannot_pose_as_them(
    client, a_application, officer, mailoutbox, django_capture_on_commit_callbacks
):
    service.do_submit(a_application, actor=a_application.applicant)
    mailoutbox.clear()
    url = f"/applications/{a_application.public_id}/messages/"
    client.force_login(a_application.applicant)
    assert client.post(url, {"body": "I am the office."}).status_code == 403
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"body": "Please upload a certified translation."})
    assert [m.to for m in mailoutbox] == [["ana@example.org"]]
    assert "Please upload a certified translation." in mailoutbox[0].body
    client.force_login(a_application.applicant)
    page = client.get(f"/applications/{a_application.public_id}/").content.decode()
    assert "Please upload a certified translation." in page


def test_b_does_not_see_as_application_in_their_list(b_client, a_application):
    page = b_client.get("/applications/").content.decode()
    assert "You have no applications yet." in page
    assert str(a_application.public_id) not in page


def test_starting_an_application_needs_an_account(client):
    intake = pioneer_intake()
    response = client.post(f"/programmes/pioneer/{intake.code}/apply/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
