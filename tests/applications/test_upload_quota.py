"""Each applicant may keep a number of files and a total size, over all their applications;
an upload past either is refused with a message naming the limit, and nothing is stored."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from openadmit.applications import service
from openadmit.applications.models import Document
from openadmit.applications.uploads import UploadRejected
from tests.applications.conftest import stored_files, upload
from tests.applications.factories import pioneer_intake
from tests.applications.pdfs import pdf_bytes, pdf_upload
from tests.personas import make_applicant

pytestmark = pytest.mark.django_db


def upload_pdf(client, application, kind, content: bytes):
    file = SimpleUploadedFile(f"{kind}.pdf", content, content_type="application/pdf")
    return upload(client, application, kind, file)


def test_it_refuses_the_file_past_the_count_and_names_the_limit(
    client, started, settings, media_root
):
    settings.UPLOAD_QUOTA_FILES = 2
    assert upload_pdf(client, started, "cv", pdf_bytes()).status_code == 302
    assert upload_pdf(client, started, "diploma", pdf_bytes()).status_code == 302
    refused = upload_pdf(client, started, "passport", pdf_bytes())
    assert "You already keep 2 files with us, the most one applicant may keep (2)" in refused.text
    assert set(Document.objects.values_list("kind", flat=True)) == {"cv", "diploma"}
    assert len(stored_files(media_root)) == 2


def test_it_lets_a_replacement_through_at_the_count(client, started, settings):
    settings.UPLOAD_QUOTA_FILES = 1
    assert upload_pdf(client, started, "cv", pdf_bytes()).status_code == 302
    assert upload_pdf(client, started, "cv", pdf_bytes(pages=2)).status_code == 302
    assert Document.objects.get().page_count == 2


def test_it_refuses_the_file_past_the_total_and_names_the_limit(
    client, started, settings, media_root
):
    settings.UPLOAD_QUOTA_MB = 3
    assert upload_pdf(client, started, "cv", pdf_bytes(size=2 * 1024 * 1024)).status_code == 302
    refused = upload_pdf(client, started, "diploma", pdf_bytes(size=2 * 1024 * 1024))
    assert "more than the 3 MB one applicant may keep" in refused.text
    assert list(Document.objects.values_list("kind", flat=True)) == ["cv"]
    assert len(stored_files(media_root)) == 1


def test_it_counts_the_applicants_own_files_and_no_one_elses(settings):
    settings.UPLOAD_QUOTA_FILES = 1
    intake = pioneer_intake()
    ana, bo = make_applicant("ana@example.org"), make_applicant("bo@example.org")
    hers, _ = service.do_start_application(ana, intake)
    theirs, _ = service.do_start_application(bo, intake)
    service.do_upload_document(theirs, "cv", pdf_upload("cv.pdf"), actor=bo)
    service.do_upload_document(hers, "cv", pdf_upload("cv.pdf"), actor=ana)
    with pytest.raises(UploadRejected, match="most one applicant may keep"):
        service.do_upload_document(hers, "diploma", pdf_upload("diploma.pdf"), actor=ana)
