"""People the tests act as: applicants with verified e-mail addresses, and a staff member.

Factories (``make_applicant``...) for any number of people; fixtures ``applicant``,
``other_applicant`` and ``staff_member`` for the usual cast. Everyone's password is
``PERSONA_PASSWORD``, so that tests can sign in through the real sign-in form
(``sign_in`` for the test client, ``sign_in_browser`` for Playwright).
"""

import itertools
import time

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

PERSONA_PASSWORD = "Kq7!tundra-Lantern-42"
_sequence = itertools.count(1)


def make_person(email: str | None = None, *, verified: bool = True, **fields):
    """A user whose e-mail address is the login, verified unless asked otherwise."""
    email = email or f"person{next(_sequence)}@example.org"
    user = get_user_model().objects.create_user(
        username=email, email=email, password=PERSONA_PASSWORD, **fields
    )
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    return user


def make_applicant(email: str | None = None, **fields):
    fields.setdefault("first_name", "Ada")
    fields.setdefault("last_name", "Lovelace")
    return make_person(email or f"applicant{next(_sequence)}@example.org", **fields)


def make_staff_member(email: str | None = None, **fields):
    fields.setdefault("first_name", "Sam")
    fields.setdefault("last_name", "Admissions")
    email = email or f"staff{next(_sequence)}@university.example"
    return make_person(email, is_staff=True, **fields)


def sign_in(client: Client, user, password: str = PERSONA_PASSWORD):
    """Sign in through the sign-in form, as a person would; returns the response."""
    return client.post(reverse("account_login"), {"login": user.email, "password": password})


def sign_in_browser(page, live_server_url: str, user, password: str = PERSONA_PASSWORD) -> None:
    page.goto(f"{live_server_url}{reverse('account_login')}")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_load_state()


@pytest.fixture
def applicant(db):
    return make_applicant("ada@example.org", first_name="Ada", last_name="Lovelace")


@pytest.fixture
def other_applicant(db):
    return make_applicant("bruno@example.org", first_name="Bruno", last_name="Kask")


@pytest.fixture
def staff_member(db):
    return make_staff_member("admissions@university.example")


# Staff sign in with a second factor. Test staff share one TOTP secret; `totp_code` gives
# the code an authenticator app would show now.
PERSONA_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def totp_code(secret: str = PERSONA_TOTP_SECRET, at: float | None = None) -> str:
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(at if at is not None else time.time()) // 30))


def make_staff(
    role,
    *,
    programme=None,
    institution=None,
    consortium=None,
    email: str | None = None,
    second_factor: bool = True,
    home=None,
    **fields,
):
    """A staff member with one role on one scope and, unless asked otherwise, TOTP set up."""
    from allauth.mfa.models import Authenticator

    from openadmit.access.models import StaffMember, StaffRole

    fields.setdefault("first_name", "Sam")
    fields.setdefault("last_name", str(role).replace("_", " ").title())
    user = make_person(email or f"{role}{next(_sequence)}@university.example", **fields)
    StaffRole.objects.create(
        user=user, role=role, programme=programme, institution=institution, consortium=consortium
    )
    if home is not None:
        StaffMember.objects.create(user=user, institution=home)
    if second_factor:
        Authenticator.objects.create(
            user=user, type=Authenticator.Type.TOTP, data={"secret": PERSONA_TOTP_SECRET}
        )
    return user


def staff_login(client: Client, user) -> Client:
    """Sign a staff member in as if with their password and a TOTP code (no form round trip)."""
    client.force_login(user)
    session = client.session
    session["account_authentication_methods"] = [
        {"method": "password", "at": time.time(), "email": user.email},
        {"method": "mfa", "at": time.time(), "type": "totp"},
    ]
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()
    return client


def sign_in_staff(client: Client, user):
    """Sign in through the forms: the password, then the code the authenticator shows."""
    response = sign_in(client, user)
    assert response.status_code == 302, response.content[:500]
    return client.post(reverse("mfa_authenticate"), {"code": totp_code()})
