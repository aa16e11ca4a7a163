"""Loading the demo's people: staff first, then the applicants' submitted applications."""

from django.db import transaction

from openadmit.applications.models import Application
from openadmit.catalogue.models import Intake
from openadmit.demo.applicants import load_applicants
from openadmit.demo.people import load_staff

__all__ = ["load_demo_people", "load_demo_people_when_empty"]


def load_demo_people() -> dict[str, int]:
    intake = Intake.objects.select_related("programme").get(
        programme__slug="pioneer", code="2026-09"
    )
    with transaction.atomic():
        staff = load_staff()
    return {"staff": len(staff), "applications": load_applicants(intake)}


def load_demo_people_when_empty() -> dict[str, int] | None:
    """The demo's staff and applications, into a database that has no application yet."""
    if Application.objects.exists():
        return None
    return load_demo_people()
