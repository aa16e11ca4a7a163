"""Download my data includes my applications and files; deleting my account erases drafts."""

import io
import json
import zipfile

import pytest

from openadmit.accounts.service import do_delete_account, do_export_personal_data
from openadmit.applications import service
from openadmit.applications.models import Application
from tests.applications.conftest import stored_files
from tests.applications.factories import complete_draft
from tests.personas import make_applicant

pytestmark = pytest.mark.django_db


def test_the_export_holds_my_answers_and_my_files():
    ana = make_applicant("ana@example.org")
    application = complete_draft(ana)
    with do_export_personal_data(ana, actor=ana) as exported_file:
        archive = zipfile.ZipFile(io.BytesIO(exported_file.read()))
    data = json.loads(archive.read("data.json"))
    exported = data["holders"]["applications"]["data"]["applications"]
    assert exported[0]["id"] == str(application.public_id)
    assert exported[0]["motivation"] == application.motivation
    files = data["holders"]["applications"]["files"]
    assert "files/applications/2026-09-cv-cv.pdf" in files
    assert archive.read("files/applications/2026-09-cv-cv.pdf").startswith(b"%PDF-")


def test_deleting_my_account_deletes_my_drafts_and_their_files(
    media_root, django_capture_on_commit_callbacks
):
    ana = make_applicant("ana@example.org")
    complete_draft(ana)
    with django_capture_on_commit_callbacks(execute=True):
        erased = do_delete_account(ana, actor=ana)
    assert erased["applications"] == {"drafts_deleted": 1, "submitted_kept_until_retention": 0}
    assert not Application.objects.exists()
    assert stored_files(media_root) == []


def test_a_submitted_application_stays_for_the_university_until_its_retention(media_root):
    ana = make_applicant("ana@example.org")
    application = complete_draft(ana)
    service.do_submit(application, actor=ana)
    do_delete_account(ana, actor=ana)
    application.refresh_from_db()
    assert application.applicant is None
    assert application.submission.reference
