"""Loading the demo's people: staff first, then the applicants' submitted applications,
then the office's work half done."""

from django.db import transaction
from django.test.utils import override_settings

from openadmit.applications.models import Application
from openadmit.catalogue.models import Intake
from openadmit.demo.applicants import load_applicants
from openadmit.demo.office import load_office_work
from openadmit.demo.people import load_staff

__all__ = ["load_demo_people", "load_demo_people_when_empty"]


def load_demo_people() -> dict[str, int]:
    """Staff, submitted applications and the office's work; the demo's applicants get no
    e-mail about them."""
    intake = Intake.objects.select_related("programme").get(
        programme__slug="pioneer", code="2026-09"
    )
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        with transaction.atomic():
            staff = load_staff()
        applications = load_applicants(intake)
        return {"staff": len(staff), "applications": applications, **load_office_work(intake)}


def load_demo_people_when_empty() -> dict[str, int] | None:
    """The demo's people and their work, into a database that has no application yet."""
    if Application.objects.exists():
        return None
    return load_demo_people()
