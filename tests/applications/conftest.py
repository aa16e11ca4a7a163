import pytest

from openadmit.applications import service
from tests.applications.factories import pioneer_intake
from tests.personas import make_applicant


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Each test stores its uploads in a folder of its own."""
    settings.MEDIA_ROOT = tmp_path / "uploads"
    return settings.MEDIA_ROOT


def stored_files(root) -> list:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.fixture
def draft(client):
    """Ana's new draft to PIONEER, with Ana signed in on `client`."""
    ana = make_applicant("ana@example.org")
    application, _ = service.do_start_application(ana, pioneer_intake())
    client.force_login(ana)
    return application


def upload(client, application, kind, file):
    """Post `file` as the document `kind` on the application's documents page."""
    return client.post(
        f"/applications/{application.public_id}/steps/documents/",
        {"action": "upload", "kind": kind, "file": file},
    )
