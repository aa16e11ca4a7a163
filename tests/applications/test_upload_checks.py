"""What the upload check accepts and refuses, read from the file's content."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from openadmit.applications.document_list import document_specs
from openadmit.applications.uploads import UploadRejected, inspect_upload
from tests.applications.pdfs import HAZARDOUS_PDFS, POLYGLOTS, link, pdf_bytes, pdf_with

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


@pytest.mark.parametrize("prefix", POLYGLOTS.values(), ids=POLYGLOTS.keys())
def test_it_refuses_a_pdf_behind_anything_but_whitespace(prefix):
    with pytest.raises(UploadRejected, match="whatever its name says. Upload PDF"):
        inspect_upload(upload(prefix + pdf_bytes()), SPECS["cv"])


def test_it_accepts_a_pdf_after_a_few_blank_lines():
    inspected = inspect_upload(upload(b"\r\n \n" + pdf_bytes(pages=2)), SPECS["cv"])
    assert inspected.page_count == 2


@pytest.mark.parametrize(("content", "words"), HAZARDOUS_PDFS.values(), ids=HAZARDOUS_PDFS.keys())
def test_it_refuses_a_pdf_that_would_run_or_open_something(content, words):
    with pytest.raises(UploadRejected, match=words):
        inspect_upload(upload(content), SPECS["cv"])


def test_it_accepts_a_pdf_that_opens_on_its_first_page_with_links_to_web_pages():
    # As word processors write a CV: an open action going to page one, links to the web.
    content = pdf_with(
        catalog={"/OpenAction": {"/S": "/GoTo", "/D": "/FirstPage"}},
        page=link({"/S": "/URI", "/URI": "https://www.linkedin.com/in/someone"}),
    )
    assert inspect_upload(upload(content), SPECS["cv"]).page_count == 1


MP4_HEADER = b"\x00\x00\x00\x18ftyp"


@pytest.mark.parametrize(
    ("head", "content_type"),
    [
        (MP4_HEADER + b"isom", "video/mp4"),
        (MP4_HEADER + b"qt  ", "video/quicktime"),
        (b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x84webm", "video/webm"),
    ],
)
def test_it_accepts_the_videos_it_names(head, content_type):
    inspected = inspect_upload(upload(head + b"\x00" * 200, "me.video"), SPECS["video"])
    assert inspected.content_type == content_type


@pytest.mark.parametrize(
    "head",
    [
        MP4_HEADER + b"heic",  # a photo from a phone
        MP4_HEADER + b"avif",  # an image
        MP4_HEADER + b"M4A ",  # sound only
        b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x88matroska",  # not WebM
        b"\x00\x00\x00\x00ftypisom",  # a box too short to hold its brand
    ],
)
def test_it_refuses_what_shares_a_videos_container_but_is_no_video_we_accept(head):
    with pytest.raises(UploadRejected, match="whatever its name says"):
        inspect_upload(upload(head + b"\x00" * 200, "me.mp4"), SPECS["video"])
