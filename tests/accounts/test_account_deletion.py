import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from openadmit.accounts import service
from openadmit.audit.models import AuditEvent
from tests.personas import PERSONA_PASSWORD, sign_in

User = get_user_model()


def delete(client, password=PERSONA_PASSWORD, confirm=True):
    data = {"password": password}
    if confirm:
        data["confirm"] = "on"
    return client.post(reverse("accounts:delete"), data)


def test_it_deletes_my_account_signs_me_out_and_keeps_an_audit_row(
    client, applicant, other_applicant
):
    sign_in(client, applicant)
    sign_in(Client(), applicant, password="wrong-guess")
    pk = applicant.pk

    response = delete(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:deleted")
    assert "Your account has been deleted" in client.get(response["Location"]).text

    assert not User.objects.filter(pk=pk).exists()
    assert not EmailAddress.objects.filter(email="ada@example.org").exists()
    assert User.objects.filter(pk=other_applicant.pk).exists()
    assert client.get(reverse("accounts:overview")).status_code == 302
    event = AuditEvent.objects.get(event="account:delete")
    assert event.target_id == str(pk)
    assert event.payload["erased"]["account"] == {"email_addresses": 1, "sign_in_records": 1}
    # The applicant cannot sign in again: the account is gone.
    assert sign_in(client, applicant).status_code == 200


def test_it_asks_for_the_password_again_before_deleting(client, applicant):
    sign_in(client, applicant)
    response = delete(client, password="not-my-password")
    assert response.status_code == 200
    assert 'id="id_password_error"' in response.text
    assert "This is not your current password." in response.text
    assert User.objects.filter(pk=applicant.pk).exists()
    assert not AuditEvent.objects.filter(event="account:delete").exists()


def test_it_asks_for_an_explicit_confirmation(client, applicant):
    sign_in(client, applicant)
    response = delete(client, confirm=False)
    assert response.status_code == 200
    assert "Tick the box to confirm" in response.text
    assert 'aria-describedby="id_confirm_error"' in response.text
    assert User.objects.filter(pk=applicant.pk).exists()


def test_it_deletes_nothing_when_an_app_cannot_erase(client, applicant, monkeypatch):
    def refuse(user):
        raise RuntimeError("the storage is unreachable")

    monkeypatch.setitem(
        service._holders, "stuck", service.DataHolder("stuck", lambda user: None, refuse)
    )
    with pytest.raises(RuntimeError):
        service.do_delete_account(applicant, actor=applicant)
    assert User.objects.filter(pk=applicant.pk).exists()
    assert EmailAddress.objects.filter(user=applicant).exists()
    assert not AuditEvent.objects.filter(event="account:delete").exists()


def test_it_keeps_the_delete_page_for_the_signed_in_person_only(client, applicant):
    response = delete(client)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert User.objects.filter(pk=applicant.pk).exists()
