"""The office's door: staff sign in with a second factor, and set one up first."""

import pytest
from allauth.mfa.models import Authenticator

from openadmit.access.constants import Role
from tests.office.factories import pioneer_consortium, submitted
from tests.personas import PERSONA_PASSWORD, make_staff, sign_in, sign_in_staff, totp_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme():
    return pioneer_consortium().programmes.get()


def test_it_asks_staff_for_a_totp_code_after_the_password_and_then_opens_the_office(
    client, programme
):
    officer = make_staff(Role.ADMISSIONS_OFFICER, programme=programme)
    application = submitted("ana@example.org")
    response = sign_in(client, officer)
    assert response["Location"].startswith("/accounts/2fa/authenticate")
    assert client.get(f"/office/applications/{application.public_id}/").status_code == 302
    client.post("/accounts/2fa/authenticate/", {"code": totp_code()})
    page = client.get(f"/office/applications/{application.public_id}/")
    assert page.status_code == 200 and "Ana Silva" in page.content.decode()


def test_it_refuses_a_wrong_code(client, programme):
    officer = make_staff(Role.ADMISSIONS_OFFICER, programme=programme)
    sign_in(client, officer)
    wrong = f"{(int(totp_code()) + 1) % 1_000_000:06d}"
    response = client.post("/accounts/2fa/authenticate/", {"code": wrong})
    assert response.status_code == 200 and "Incorrect code" in response.content.decode()
    assert client.get("/office/").status_code == 302


def test_a_staff_account_without_a_second_factor_is_sent_to_set_one_up(client, programme):
    officer = make_staff(Role.ADMISSIONS_OFFICER, programme=programme, second_factor=False)
    submitted("ana@example.org")
    sign_in(client, officer)
    response = client.get("/office/intakes/pioneer/2026-09/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/totp/activate/")
    setup = client.get(response["Location"], follow=True)
    assert b"Ana Silva" not in setup.content


# Without a test transaction around it, as in production: allauth tells of the new
# authenticator when the change commits, while the request is still being answered.
@pytest.mark.django_db(transaction=True)
def test_setting_up_totp_opens_the_office_in_the_same_session(client, programme):
    officer = make_staff(Role.ADMISSIONS_OFFICER, programme=programme, second_factor=False)
    sign_in(client, officer)
    # Adding a second factor is a sensitive change: allauth asks for the password again.
    response = client.get("/accounts/2fa/totp/activate/")
    assert response["Location"].startswith("/accounts/reauthenticate/")
    client.post(response["Location"], {"password": PERSONA_PASSWORD})
    page = client.get("/accounts/2fa/totp/activate/")
    secret = page.context["form"].secret
    client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret)})
    assert Authenticator.objects.filter(user=officer, type=Authenticator.Type.TOTP).exists()
    assert client.get("/office/").status_code == 200


def test_a_session_that_signed_in_before_the_second_factor_is_asked_for_it(client, programme):
    officer = make_staff(Role.ADMISSIONS_OFFICER, programme=programme)
    client.force_login(officer)
    response = client.get("/office/")
    assert response.status_code == 302 and "/accounts/2fa/reauthenticate/" in response["Location"]


def test_sign_in_through_the_forms_with_password_and_code(client, programme):
    officer = make_staff(Role.ADMISSIONS_OFFICER, programme=programme)
    sign_in_staff(client, officer)
    assert client.get("/office/").status_code == 200
