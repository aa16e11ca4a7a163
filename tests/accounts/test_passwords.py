from django.contrib.auth.hashers import make_password
from django.urls import reverse

from openadmit import settings as project_settings
from openadmit.audit.models import AuditEvent
from tests.personas import PERSONA_PASSWORD, sign_in

NEW_PASSWORD = "Glacier-Pepper-5528"


def test_it_resets_a_forgotten_password_through_a_mailed_link(client, applicant, mailbox):
    response = client.post(reverse("account_reset_password"), {"email": applicant.email})
    assert response.status_code == 302

    message = mailbox.wait_for(applicant.email)
    [link] = [url for url in mailbox.links(message) if "/accounts/password/reset/key/" in url]
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    set_password_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link
    done = client.post(set_password_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert done.status_code == 302

    client.logout()
    assert sign_in(client, applicant, password=PERSONA_PASSWORD).status_code == 200
    assert sign_in(client, applicant, password=NEW_PASSWORD).status_code == 302
    assert AuditEvent.objects.filter(
        event="account:password:change", target_id=str(applicant.pk)
    ).exists()


def test_it_mails_nothing_that_reveals_whether_an_address_has_an_account(client, mailbox, db):
    response = client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    unknown = mailbox.wait_for("nobody@example.org")
    assert not [url for url in mailbox.links(unknown) if "/password/reset/key/" in url]


def test_it_changes_the_password_only_with_the_current_one(client, applicant):
    sign_in(client, applicant)
    url = reverse("account_change_password")
    wrong = client.post(
        url, {"oldpassword": "guess", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert wrong.status_code == 200
    assert 'id="id_oldpassword_error"' in wrong.text

    right = client.post(
        url, {"oldpassword": PERSONA_PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert right.status_code == 302
    applicant.refresh_from_db()
    assert applicant.check_password(NEW_PASSWORD)


def test_it_stores_passwords_with_argon2id_and_upgrades_older_hashes(client, applicant, settings):
    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS
    applicant.password = make_password(PERSONA_PASSWORD, hasher="pbkdf2_sha256")
    applicant.save(update_fields=["password"])

    assert sign_in(client, applicant).status_code == 302
    applicant.refresh_from_db()
    assert applicant.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert applicant.check_password(PERSONA_PASSWORD)
