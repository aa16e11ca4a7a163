"""Uploading through the documents page: clear refusals, nothing stored, replace, remove."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from openadmit.applications import service
from openadmit.applications.models import Document
from tests.applications.conftest import stored_files, upload
from tests.applications.factories import pioneer_intake
from tests.applications.pdfs import DAMAGED_PDFS, object_stream_pdf_bytes, pdf_bytes, pdf_upload
from tests.personas import make_applicant

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(client):
    ana = make_applicant("ana@example.org")
    application, _ = service.do_start_application(ana, pioneer_intake())
    client.force_login(ana)
    return application


REFUSALS = [
    (
        "renamed executable",
        SimpleUploadedFile("cv.pdf", b"MZ\x90\x00" + b"\x00" * 4000),
        "a Windows program",
    ),
    (
        "encrypted PDF",
        SimpleUploadedFile("cv.pdf", pdf_bytes(password="x")),
        "protected by a password",
    ),
    (
        "PDF with JavaScript",
        SimpleUploadedFile("cv.pdf", pdf_bytes(javascript=True)),
        "contains JavaScript",
    ),
    ("empty file", SimpleUploadedFile("cv.pdf", b""), "The file is empty"),
    (
        "over-size file",
        SimpleUploadedFile("cv.pdf", pdf_bytes(size=10 * 1024 * 1024 + 1)),
        "the limit for this document is 10 MB",
    ),
]


@pytest.mark.parametrize(("what", "file", "message"), REFUSALS, ids=[r[0] for r in REFUSALS])
def test_it_refuses_with_a_clear_message_and_stores_nothing(
    client, draft, media_root, what, file, message
):
    response = upload(client, draft, "cv", file)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Document.objects.exists()
    assert stored_files(media_root) == []


@pytest.mark.parametrize("damage", sorted(DAMAGED_PDFS))
def test_it_refuses_a_damaged_pdf_as_damaged_and_stores_nothing(client, draft, media_root, damage):
    response = upload(client, draft, "cv", SimpleUploadedFile("cv.pdf", DAMAGED_PDFS[damage]))
    assert response.status_code == 400
    assert "This PDF is damaged and cannot be read." in response.content.decode()
    assert not Document.objects.exists()
    assert stored_files(media_root) == []


def test_it_accepts_a_pdf_whose_objects_sit_in_an_object_stream(client, draft):
    response = upload(client, draft, "cv", SimpleUploadedFile("cv.pdf", object_stream_pdf_bytes()))
    assert response.status_code == 302
    assert Document.objects.get().page_count == 1


def test_it_stores_a_pdf_under_an_unguessable_name_and_shows_its_pages(client, draft, media_root):
    response = upload(client, draft, "cv", pdf_upload("My CV.pdf", pages=2))
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "My CV.pdf" in page and "2 pages" in page
    document = Document.objects.get()
    assert "My CV" not in document.file.name and len(document.file.name) > 40
    assert [p.name for p in stored_files(media_root)] == [document.file.name.rsplit("/", 1)[1]]


def test_it_replaces_a_document_and_deletes_the_old_file(
    client, draft, media_root, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, draft, "cv", pdf_upload("old.pdf"))
        upload(client, draft, "cv", pdf_upload("new.pdf", pages=3))
    document = Document.objects.get()
    assert (document.original_name, document.page_count) == ("new.pdf", 3)
    assert len(stored_files(media_root)) == 1


def test_it_removes_a_document_and_its_file(
    client, draft, media_root, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, draft, "cv", pdf_upload("cv.pdf"))
        client.post(
            f"/applications/{draft.public_id}/steps/documents/", {"action": "remove", "kind": "cv"}
        )
    assert not Document.objects.exists()
    assert stored_files(media_root) == []


def test_it_refuses_a_document_kind_the_programme_does_not_ask_for(client, draft, media_root):
    response = upload(client, draft, "birth_certificate", pdf_upload())
    assert response.status_code == 400
    assert not Document.objects.exists() and stored_files(media_root) == []


def test_a_failed_save_removes_the_file_it_had_written(monkeypatch, draft, media_root):
    def crash(*args, **kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(service, "record_event", crash)
    with pytest.raises(RuntimeError):
        service.do_upload_document(draft, "cv", pdf_upload(), actor=draft.applicant)
    assert not Document.objects.exists()
    assert stored_files(media_root) == []


@pytest.mark.parametrize(
    "link", ["http://video.example.org/ana", "ftp://video.example.org/ana.mp4"]
)
def test_it_takes_only_an_https_link_to_the_video(client, draft, link):
    response = client.post(
        f"/applications/{draft.public_id}/steps/documents/",
        {"action": "link", "video_url": link},
    )
    assert "Enter a web address starting with https://" in response.content.decode()
    draft.refresh_from_db()
    assert draft.video_url == ""
