"""What the programme page shows, gathered from the catalogue and the requirement set."""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from openadmit.catalogue.models import Intake, Programme
from openadmit.catalogue.requirement_sets import rules_of
from openadmit.eligibility.kinds.deadline_models import Deadline
from openadmit.eligibility.requirement_set import RequirementSet as Rules

# The deadline a listing shows on its own: the one for everyone, else the one for
# applicants from outside the EEA (the widest public of an international programme).
HEADLINE_CATEGORIES = ("everyone", "non_eea")


@dataclass(frozen=True)
class DeadlineView:
    deadline: Deadline
    closes_at: datetime
    passed: bool


@dataclass(frozen=True)
class IntakeView:
    intake: Intake
    rules: Rules
    deadlines: list[DeadlineView]
    headline: DeadlineView | None
    open_now: bool


def headline_deadline(rules: Rules) -> Deadline | None:
    deadlines = rules.deadlines()
    for category in HEADLINE_CATEGORIES:
        for deadline in deadlines:
            if deadline.category == category:
                return deadline
    return deadlines[0] if deadlines else None


def intake_view(intake: Intake, *, now: datetime | None = None) -> IntakeView:
    now = now or timezone.now()
    rules = rules_of(intake.requirement_set)
    views = [
        DeadlineView(d, rules.closes_at(d.closes_on), now >= rules.closes_before(d.closes_on))
        for d in sorted(rules.deadlines(), key=lambda d: d.closes_on)
    ]
    headline = headline_deadline(rules)
    return IntakeView(
        intake=intake,
        rules=rules,
        deadlines=views,
        headline=next((v for v in views if v.deadline == headline), None),
        open_now=intake.is_open and rules.is_open_at(now),
    )


def current_intake(programme: Programme) -> Intake | None:
    """The intake to show first: the earliest still open, else the latest one."""
    intakes = list(programme.intakes.select_related("requirement_set").order_by("starts_on"))
    now = timezone.now()
    return next(
        (i for i in intakes if i.is_open and i.closes_at >= now), intakes[-1] if intakes else None
    )
