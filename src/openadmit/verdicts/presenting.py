"""A verdict as the pages show it: translated sentences, labels, the deadline in local time.

The one presenter of verdicts: the self-check, the guided form's sidebar, the applicant's
status page and the office's file all show a ``VerdictView``. Applicants see each
criterion's published source; staff pages also show how a source was read and the exact
rules (``ruleset``).
"""

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils.translation import gettext

from openadmit.eligibility import CriterionResult, Source, Verdict
from openadmit.verdicts.constants import TO_DO, CriterionOutcome, VerdictOutcome

__all__ = ["CriterionView", "VerdictView", "criterion_view", "verdict_view"]


@dataclass(frozen=True)
class CriterionView:
    id: str
    title: str
    outcome: str
    outcome_label: str
    explanation: str
    condition: str | None
    source: Source


@dataclass(frozen=True)
class VerdictView:
    outcome: str
    label: str
    headline: str
    criteria: list[CriterionView]
    to_do: list[CriterionView]
    deadline_label: str | None
    closes_at: datetime | None
    time_zone: str
    scholarship: CriterionView | None
    ruleset: str
    ruleset_sha256: str
    at: datetime


def criterion_view(result: CriterionResult) -> CriterionView:
    return CriterionView(
        id=result.id,
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
    zone = ZoneInfo(time_zone)
    outcome = VerdictOutcome(verdict.outcome)
    return VerdictView(
        outcome=outcome.value,
        label=outcome.label,
        headline=outcome.headline,
        criteria=criteria,
        to_do=[c for c in criteria if c.outcome in TO_DO],
        deadline_label=deadline.label if deadline else None,
        closes_at=deadline.closes_at.astimezone(zone) if deadline else None,
        time_zone=time_zone,
        scholarship=criterion_view(verdict.scholarship) if verdict.scholarship else None,
        ruleset=f"{verdict.ruleset.id} {verdict.ruleset.version}",
        ruleset_sha256=verdict.ruleset.sha256,
        at=verdict.at.astimezone(zone),
    )
