"""Screening: the engine's verdict as a proposal, and an officer's reading of it."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from openadmit.eligibility import Outcome, Verdict
from openadmit.eligibility.outcomes import severity
from openadmit.office.constants import OverrideReason

__all__ = ["Override", "OverrideRefused", "checked_overrides", "screened_outcome"]


class OverrideRefused(ValueError):
    """An override that cannot stand; ``field`` names the form field concerned."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True, kw_only=True)
class Override:
    criterion: str
    outcome: Outcome
    reason: OverrideReason
    explanation: str

    def to_dict(self, verdict: Verdict) -> dict[str, str]:
        result = verdict.criterion(self.criterion)
        return {
            "criterion": self.criterion,
            "title": result.title,
            "engine_outcome": str(result.outcome),
            "outcome": str(self.outcome),
            "reason": str(self.reason),
            "explanation": self.explanation,
        }


def checked_overrides(verdict: Verdict, overrides: list[Override]) -> list[Override]:
    """The overrides that change something, each checked against the verdict."""
    ids = {c.id for c in verdict.criteria}
    changed = []
    for override in overrides:
        field = f"criterion-{override.criterion}"
        if override.criterion not in ids:
            raise OverrideRefused(field, _("This verdict has no such requirement."))
        if verdict.criterion(override.criterion).outcome == override.outcome:
            continue
        if not override.explanation.strip():
            raise OverrideRefused(
                f"{field}-explanation",
                _("Say why you read “%(title)s” differently from the rules.")
                % {"title": verdict.criterion(override.criterion).title},
            )
        changed.append(override)
    return changed


def screened_outcome(verdict: Verdict, overrides: list[Override]) -> Outcome:
    """The whole verdict's outcome once the officer's readings replace the engine's."""
    by_id = {o.criterion: o.outcome for o in overrides}
    outcomes = [Outcome(by_id.get(c.id, c.outcome)) for c in verdict.criteria]
    return max(outcomes, key=severity, default=Outcome.ELIGIBLE)
