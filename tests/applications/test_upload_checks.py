"""What the upload check accepts and refuses, read from the file's content."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from openadmit.applications.document_list import document_specs
from openadmit.applications.uploads import UploadRejected, inspect_upload
from tests.applications.pdfs import pdf_bytes

SPECS = {spec.id: spec for spec in document_specs("pioneer", "2026-09")}


def upload(content: bytes, name: str = "cv.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_it_accepts_a_pdf_and_counts_its_pages():
    inspected = inspect_upload(upload(pdf_bytes(pages=3)), SPECS["cv"])
    assert inspected.content_type == "application/pdf"
    assert inspected.page_count == 3
    assert len(inspected.sha256) == 64


def test_it_names_a_renamed_windows_program():
    with pytest.raises(
        UploadRejected, match="a Windows program, whatever its name says. Upload PDF"
    ):
        inspect_upload(upload(b"MZ\x90\x00\x03" + b"\x00" * 500, "cv.pdf"), SPECS["cv"])


def test_it_refuses_an_image_named_like_a_pdf():
    with pytest.raises(UploadRejected, match="an image"):
        inspect_upload(upload(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100), SPECS["cv"])


def test_it_refuses_an_encrypted_pdf():
    with pytest.raises(UploadRejected, match="protected by a password"):
        inspect_upload(upload(pdf_bytes(password="secret")), SPECS["cv"])


def test_it_refuses_a_pdf_with_javascript():
    with pytest.raises(UploadRejected, match="contains JavaScript"):
        inspect_upload(upload(pdf_bytes(javascript=True)), SPECS["cv"])


def test_it_refuses_an_empty_file():
    with pytest.raises(UploadRejected, match="The file is empty"):
        inspect_upload(upload(b""), SPECS["cv"])


def test_it_refuses_a_file_over_the_documents_limit():
    with pytest.raises(UploadRejected, match="the limit for this document is 10 MB"):
        inspect_upload(upload(b"%PDF-1.7\n" + b"0" * (10 * 1024 * 1024)), SPECS["cv"])


def test_it_refuses_a_damaged_pdf():
    with pytest.raises(UploadRejected, match="damaged"):
        inspect_upload(upload(b"%PDF-1.7\n garbage without objects"), SPECS["cv"])


def test_it_accepts_an_mp4_video_where_a_video_is_asked_for():
    mp4 = b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 200
    assert inspect_upload(upload(mp4, "me.mp4"), SPECS["video"]).content_type == "video/mp4"


def test_it_refuses_a_video_where_a_pdf_is_asked_for():
    mp4 = b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 200
    with pytest.raises(UploadRejected, match="a different kind of file"):
        inspect_upload(upload(mp4, "cv.pdf"), SPECS["cv"])
