"""Applicant B cannot read or change A's application, documents, receipt or status,
through the pages or the API, whatever ids or URLs B tries."""

import pytest

from openadmit.applications import service
from openadmit.applications.constants import Status
from tests.applications.factories import complete_draft, pioneer_intake
from tests.applications.pdfs import pdf_upload
from tests.personas import make_applicant

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
    ]
    for url, data in posts:
        assert b_client.post(url, data).status_code == 404, url
    a_application.refresh_from_db()
    assert a_application.status == Status.DRAFT
    assert a_application.motivation != "hijacked"
    assert a_application.documents.get(kind="cv").original_name == "cv.pdf"


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


def test_b_does_not_see_as_application_in_their_list(b_client, a_application):
    page = b_client.get("/applications/").content.decode()
    assert "You have no applications yet." in page
    assert str(a_application.public_id) not in page


def test_starting_an_application_needs_an_account(client):
    intake = pioneer_intake()
    response = client.post(f"/programmes/pioneer/{intake.code}/apply/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
