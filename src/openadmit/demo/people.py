"""The demo's staff: one person per role on PIONEER, each with a known password and TOTP
secret (a demo only: `openadmit serve --demo` loads them, never a plain `serve`)."""

import base64
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model

from openadmit.access.constants import Role
from openadmit.access.models import StaffMember
from openadmit.access.service import do_grant_role
from openadmit.catalogue.models import Institution, Programme
from openadmit.consortia.models import Consortium

__all__ = ["DEMO_PASSWORD", "STAFF", "DemoStaff", "demo_secret", "load_staff"]

DEMO_PASSWORD = "pioneer-demo-2026"  # nosec B105 # the demo's published password; only `serve --demo` loads it
DEMO_DOMAIN = ".demo"


@dataclass(frozen=True)
class DemoStaff:
    email: str
    first_name: str
    last_name: str
    role: Role
    scope: str  # "programme", "consortium" or an institution's slug
    home: str  # the institution they work for


STAFF = (
    DemoStaff(
        "admin@pioneer.demo", "Annelies", "Verbeke", Role.PROGRAMME_ADMIN, "programme", "ku-leuven"
    ),
    DemoStaff(
        "officer@pioneer.demo",
        "Pieter",
        "Janssens",
        Role.ADMISSIONS_OFFICER,
        "consortium",
        "ku-leuven",
    ),
    DemoStaff(
        "reviewer.leuven@pioneer.demo", "Sofie", "Claes", Role.REVIEWER, "consortium", "ku-leuven"
    ),
    DemoStaff(
        "reviewer.muenster@pioneer.demo",
        "Jonas",
        "Becker",
        Role.REVIEWER,
        "consortium",
        "university-of-munster",
    ),
    DemoStaff(
        "reviewer.tallinn@pioneer.demo", "Kadri", "Tamm", Role.REVIEWER, "consortium", "taltech"
    ),
    DemoStaff(
        "chair@pioneer.demo", "Marc", "Peeters", Role.COMMITTEE_CHAIR, "consortium", "ku-leuven"
    ),
    DemoStaff("partner@pioneer.demo", "Mari", "Kask", Role.PARTNER_VIEWER, "taltech", "taltech"),
)


def demo_secret(email: str) -> str:
    """The TOTP secret of a demo account: derived from its address, so the README and
    `openadmit demo-code` can tell it; never used for accounts outside the demo."""
    if not email.endswith(DEMO_DOMAIN):
        raise ValueError(f"{email} is not a demo account")
    return base64.b32encode(email.encode().ljust(20, b"-")[:20]).decode()


def load_staff() -> list:
    programme = Programme.objects.get(slug="pioneer")
    consortium = Consortium.objects.get(slug="pioneer")
    institutions = Institution.objects.in_bulk(field_name="slug")
    people = []
    for staff in STAFF:
        user = get_user_model().objects.create_user(
            username=staff.email,
            email=staff.email,
            password=DEMO_PASSWORD,
            first_name=staff.first_name,
            last_name=staff.last_name,
        )
        EmailAddress.objects.create(user=user, email=staff.email, verified=True, primary=True)
        Authenticator.objects.create(
            user=user, type=Authenticator.Type.TOTP, data={"secret": demo_secret(staff.email)}
        )
        StaffMember.objects.create(user=user, institution=institutions[staff.home])
        scope = {
            "programme": {"programme": programme},
            "consortium": {"consortium": consortium},
        }.get(staff.scope, {"institution": institutions.get(staff.scope)})
        do_grant_role(user, staff.role, actor=None, **scope)
        people.append(user)
    return people
