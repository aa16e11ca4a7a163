from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from openadmit.audit.models import AuditEvent

NEW_PASSWORD = "Orbit-Harbour-7319"


def sign_up(client: Client, email: str, password: str = NEW_PASSWORD, again: str | None = None):
    return client.post(
        reverse("account_signup"),
        {"email": email, "password1": password, "password2": again or password},
    )


def test_it_mails_a_verification_link_over_smtp_that_signs_the_applicant_in(client, mailbox, db):
    response = sign_up(client, "mia@example.org")
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")

    message = mailbox.wait_for("mia@example.org")
    assert "[OpenAdmit]" in message["Subject"]
    [link] = [url for url in mailbox.links(message) if "/accounts/confirm-email/" in url]

    confirm_page = client.get(link)
    assert confirm_page.status_code == 200
    assert "mia@example.org" in confirm_page.text
    confirmed = client.post(link)
    assert confirmed.status_code == 302

    overview = client.get(reverse("accounts:overview"))
    assert overview.status_code == 200
    assert "mia@example.org" in overview.text
    assert EmailAddress.objects.get(email="mia@example.org").verified
    user = get_user_model().objects.get(email="mia@example.org")
    assert list(
        AuditEvent.objects.filter(target_id=str(user.pk)).values_list("event", flat=True)
    ) == ["account:signup", "account:email:verify"]


def test_it_refuses_to_sign_in_before_the_address_is_verified(client, mailbox, db):
    sign_up(client, "noah@example.org")
    mailbox.wait_for("noah@example.org")

    other_device = Client()
    response = other_device.post(
        reverse("account_login"), {"login": "noah@example.org", "password": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert other_device.get(reverse("accounts:overview")).status_code == 302


def test_it_names_the_field_and_links_the_error_to_it_when_passwords_differ(client, db):
    response = sign_up(client, "lea@example.org", again="Something-else-2291")
    assert response.status_code == 200
    assert not get_user_model().objects.filter(email="lea@example.org").exists()
    page = response.text
    assert "There is a problem" in page
    assert 'id="id_password2_error"' in page
    assert 'aria-describedby="id_password2_error"' in page
    assert 'aria-invalid="true"' in page
    assert 'href="#id_password2"' in page


def test_it_never_opens_a_second_account_for_an_address_and_tells_its_owner(
    client, applicant, mailbox
):
    # Answering "taken" would tell strangers who has an account: the owner is mailed instead.
    response = sign_up(client, applicant.email.upper())
    assert response.status_code == 302
    assert get_user_model().objects.filter(email__iexact=applicant.email).count() == 1
    message = mailbox.wait_for(applicant.email)
    assert "already" in mailbox.text(message).lower()
