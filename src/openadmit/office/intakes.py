"""The intakes a staff member works on, and the choices their queue offers."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from openadmit.access.constants import Permission
from openadmit.access.policy import grants_of, staff_holding
from openadmit.applications.constants import Status
from openadmit.catalogue.models import Intake
from openadmit.eligibility.codes import country_name
from openadmit.office.constants import ScreeningState
from openadmit.office.models import QueueEntry
from openadmit.verdicts.constants import VerdictOutcome
from openadmit.verdicts.service import compiled_set

__all__ = [
    "IntakeSummary",
    "intake_links",
    "intakes_for",
    "queue_choices",
    "queue_rows",
    "register_intake_links",
    "status_tabs",
]


@dataclass(frozen=True)
class IntakeSummary:
    intake: Intake
    submitted: int
    to_screen: int
    unopened: int
    assigned_to_me: int


def intakes_for(user) -> list[IntakeSummary]:
    """Every intake whose applications the user may see, newest first, with what is left."""
    grants = grants_of(user)
    programmes = grants.programmes(Permission.VIEW_APPLICATIONS)
    intakes = list(
        Intake.objects.filter(programme_id__in=programmes)
        .select_related("programme__institution")
        .order_by("-starts_on", "programme__title")
    )
    mine = f",{user.pk},"
    counts = {
        row["intake_id"]: row
        for row in QueueEntry.objects.filter(intake_id__in=[i.pk for i in intakes])
        .values("intake_id")
        .annotate(
            submitted=Count("pk"),
            to_screen=Count("pk", filter=~Q(screening=ScreeningState.CONFIRMED)),
            unopened=Count("pk", filter=Q(first_opened_at__isnull=True)),
            assigned_to_me=Count("pk", filter=Q(reviewers__contains=mine)),
        )
    }
    empty = {"submitted": 0, "to_screen": 0, "unopened": 0, "assigned_to_me": 0}
    summaries = []
    for intake in intakes:
        row = counts.get(intake.pk, empty)
        summaries.append(
            IntakeSummary(
                intake,
                row["submitted"],
                row["to_screen"],
                row["unopened"],
                row["assigned_to_me"],
            )
        )
    return summaries


def queue_choices(intake: Intake, entries) -> dict:
    """The values the queue's filters offer: those present, the intake's categories, and the
    people who review for the programme."""
    codes: set[str] = set()
    for value in entries.order_by().values_list("nationalities", flat=True).distinct():
        codes.update(code.upper() for code in value.strip(",").split(",") if code)
    categories = [
        (deadline.category, deadline.label)
        for deadline in compiled_set(intake.requirement_set).requirement_set.deadlines()
    ]
    reviewers = [
        (person.pk, person.get_full_name() or person.email)
        for person in staff_holding(Permission.REVIEW, intake.programme)
    ]
    return {"nationalities": sorted(codes), "categories": categories, "reviewers": reviewers}


# Other domains add links to an intake's queue page (the review's rubric and reviewers):
# (user, intake) -> [(label, url)].
_link_sources: list[Callable[[Any, Intake], list[tuple[str, str]]]] = []


def register_intake_links(source: Callable[[Any, Intake], list[tuple[str, str]]]) -> None:
    if source not in _link_sources:
        _link_sources.append(source)


def intake_links(user, intake: Intake) -> list[dict]:
    return [
        {"label": label, "url": url}
        for source in _link_sources
        for label, url in source(user, intake)
    ]


def queue_rows(entries, back: str, intake: Intake) -> list[dict]:
    """The page's rows with what they show in words."""
    categories = {
        d.category: d.label
        for d in compiled_set(intake.requirement_set).requirement_set.deadlines()
    }
    file_query = urlencode({"back": back})
    rows = []
    for entry in entries.select_related("application"):
        codes = [c.upper() for c in entry.nationalities.strip(",").split(",") if c]
        rows.append(
            {
                "entry": entry,
                "public_id": entry.application.public_id,
                "name": entry.name or entry.reference,
                "url": f"{reverse('office:file', args=[entry.application.public_id])}?{file_query}",
                "nationalities": ", ".join(country_name(c) for c in codes),
                "category": categories.get(entry.deadline_category, entry.deadline_category),
                "outcome": VerdictOutcome(entry.outcome).label,
                "status": Status(entry.status).label,
            }
        )
    return rows


def status_tabs(request, counts: dict[str, int], filters) -> list[dict]:
    """ "All" and one tab per status, each keeping the other filters."""
    base = request.GET.copy()
    base.pop("page", None)
    base.pop("status", None)
    current = set(filters.statuses)
    tabs = [
        {
            "label": _("All"),
            "count": sum(counts.values()),
            "url": f"?{base.urlencode()}",
            "current": not current,
        }
    ]
    for status, count in counts.items():
        query = base.copy()
        query.setlist("status", [status])
        tabs.append(
            {
                "label": Status(status).label,
                "count": count,
                "url": f"?{query.urlencode()}",
                "current": current == {status},
            }
        )
    return tabs
