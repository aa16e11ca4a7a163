import pytest

from openadmit.applications.models import Application
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
def started(client):
    """Ana, signed in, has just started an application to PIONEER."""
    ana = make_applicant("ana@example.org")
    client.force_login(ana)
    intake = pioneer_intake()
    response = client.post(f"/programmes/pioneer/{intake.code}/apply/")
    application = Application.objects.get(applicant=ana)
    assert response["Location"] == f"/applications/{application.public_id}/steps/personal/"
    return application


def upload(client, application, kind, file):
    """Post `file` as the document `kind` on the application's documents page."""
    return client.post(
        f"/applications/{application.public_id}/steps/documents/",
        {"action": "upload", "kind": kind, "file": file},
    )
