import io
import json
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from openadmit.accounts import service
from openadmit.audit.models import AuditEvent
from tests.personas import sign_in


def download(client) -> zipfile.ZipFile:
    response = client.post(reverse("accounts:export"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment;" in response["Content-Disposition"]
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


@pytest.fixture
def notes_holder(monkeypatch):
    """An app holding a note and two files per person, registered like a real app would."""

    def export(user):
        return service.PersonalData(
            data={"note": f"note of {user.email}"},
            files=[
                ("../../etc/cv.pdf", ContentFile(b"%PDF-1.7 cv of " + user.email.encode())),
                ("cv.pdf", b"second cv"),
            ],
        )

    monkeypatch.setitem(
        service._holders, "notes", service.DataHolder("notes", export, lambda user: {})
    )


def test_it_downloads_my_account_data_and_files_and_nothing_of_anyone_else(
    client, applicant, other_applicant, notes_holder
):
    sign_in(client, other_applicant)
    client.post(reverse("account_logout"))
    sign_in(client, applicant)

    archive = download(client)
    data = json.loads(archive.read("data.json"))
    account = data["holders"]["account"]["data"]
    assert account["email"] == "ada@example.org"
    assert account["first_name"] == "Ada"
    assert account["email_addresses"] == [
        {"email": "ada@example.org", "verified": True, "primary": True}
    ]
    assert data["holders"]["notes"] == {
        "data": {"note": "note of ada@example.org"},
        "files": ["files/notes/cv.pdf", "files/notes/cv-2.pdf"],
    }
    assert archive.read("files/notes/cv.pdf") == b"%PDF-1.7 cv of ada@example.org"
    assert archive.read("files/notes/cv-2.pdf") == b"second cv"
    whole = b"".join(archive.read(name) for name in archive.namelist())
    assert b"bruno" not in whole.lower()


def test_it_includes_failed_sign_ins_against_my_address(client, applicant):
    sign_in(client, applicant)
    sign_in(Client(), applicant, password="wrong-guess")

    account = json.loads(download(client).read("data.json"))["holders"]["account"]["data"]
    [attempt] = account["failed_sign_ins"]
    assert attempt["login"] == "ada@example.org"
    assert attempt["ip_address"] == "127.0.0.1"


def test_it_records_the_download_in_the_audit_trail(client, applicant):
    sign_in(client, applicant)
    download(client)
    event = AuditEvent.objects.get(event="account:export")
    assert event.actor == applicant
    assert event.target_id == str(applicant.pk)
    assert "account" in event.payload["holders"] and event.payload["files"] == 0


def test_it_lists_the_signup_history_in_the_download(client, applicant):
    sign_in(client, applicant)
    download(client)
    account = json.loads(download(client).read("data.json"))["holders"]["account"]["data"]
    history = account["history"]
    assert [entry["event"] for entry in history] == ["account:export"]


def test_it_serves_no_download_to_visitors_or_by_get(client, applicant):
    response = client.post(reverse("accounts:export"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))

    sign_in(client, applicant)
    assert client.get(reverse("accounts:export")).status_code == 405
    assert not AuditEvent.objects.filter(event="account:export").exists()


def test_it_ignores_any_attempt_to_name_another_person(client, applicant, other_applicant):
    sign_in(client, applicant)
    url = reverse("accounts:export")
    response = client.post(f"{url}?user={other_applicant.pk}", {"user": other_applicant.pk})
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    account = json.loads(archive.read("data.json"))["holders"]["account"]["data"]
    assert account["email"] == applicant.email


def test_it_refuses_two_apps_registering_under_one_name():
    holder = service.data_holders()[0]
    service.register_data_holder(holder.name, export=holder.export, erase=holder.erase)
    with pytest.raises(ValueError, match="already registered"):
        service.register_data_holder(holder.name, export=lambda user: None, erase=holder.erase)
