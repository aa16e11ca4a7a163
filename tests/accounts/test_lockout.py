from django.test import Client
from django.urls import reverse

from tests.personas import PERSONA_PASSWORD, sign_in


def test_it_pauses_sign_in_after_repeated_wrong_passwords_with_a_clear_message(
    client, applicant, settings
):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, applicant, password="wrong-guess").status_code == 200

    locked = sign_in(client, applicant, password="wrong-guess")
    assert locked.status_code == 429
    assert "Signing in is paused" in locked.text
    assert f"paused for {settings.AXES_COOLOFF_TIME.seconds // 60} minutes" in locked.text
    assert 'href="/accounts/password/reset/"' in locked.text

    # Even the right password is refused while the pause lasts.
    still_locked = sign_in(client, applicant, password=PERSONA_PASSWORD)
    assert still_locked.status_code == 429
    assert client.get(reverse("accounts:overview")).status_code == 302


def test_it_does_not_let_a_stranger_lock_the_applicant_out_from_elsewhere(
    client, applicant, settings
):
    stranger = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(stranger, applicant, password="wrong-guess")
    assert sign_in(stranger, applicant, password=PERSONA_PASSWORD).status_code == 429

    assert sign_in(client, applicant).status_code == 302


def test_it_forgets_earlier_failures_after_a_successful_sign_in(client, applicant, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, applicant, password="wrong-guess")
    assert sign_in(client, applicant).status_code == 302
    client.post(reverse("account_logout"))

    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, applicant, password="wrong-guess").status_code == 200


def test_it_explains_the_pause_in_the_applicants_language(applicant, settings):
    german = Client(HTTP_ACCEPT_LANGUAGE="de")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = sign_in(german, applicant, password="wrong-guess")
    assert response.status_code == 429
    assert "Die Anmeldung ist pausiert" in response.text
    assert f"für {settings.AXES_COOLOFF_TIME.seconds // 60} Minuten pausiert" in response.text
