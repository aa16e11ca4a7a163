"""A verdict as the pages show it: translated sentences, labels, the deadline in local time."""

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils.translation import gettext

from openadmit.eligibility import CriterionResult, Source, Verdict
from openadmit.selfcheck.constants import CriterionOutcome, VerdictOutcome


@dataclass(frozen=True)
class CriterionView:
    title: str
    outcome: str
    outcome_label: str
    explanation: str
    condition: str | None
    source: Source


@dataclass(frozen=True)
class VerdictView:
    outcome: str
    headline: str
    criteria: list[CriterionView]
    to_do: list[CriterionView]
    deadline_label: str | None
    closes_at: datetime | None
    time_zone: str
    scholarship: CriterionView | None
    ruleset: str


def criterion_view(result: CriterionResult) -> CriterionView:
    return CriterionView(
        title=result.title,
        outcome=result.outcome,
        outcome_label=CriterionOutcome(result.outcome).label,
        explanation=result.message.render(gettext),
        condition=result.condition.render(gettext) if result.condition else None,
        source=result.source,
    )


def verdict_view(verdict: Verdict, time_zone: str) -> VerdictView:
    criteria = [criterion_view(c) for c in verdict.criteria]
    deadline = verdict.deadline
    return VerdictView(
        outcome=verdict.outcome,
        headline=VerdictOutcome(verdict.outcome).label,
        criteria=criteria,
        to_do=[c for c in criteria if c.outcome in ("incomplete", "ineligible")],
        deadline_label=deadline.label if deadline else None,
        closes_at=deadline.closes_at.astimezone(ZoneInfo(time_zone)) if deadline else None,
        time_zone=time_zone,
        scholarship=criterion_view(verdict.scholarship) if verdict.scholarship else None,
        ruleset=f"{verdict.ruleset.id} {verdict.ruleset.version} ({verdict.ruleset.sha256[:12]})",
    )
