"""The verdict: the overall outcome, every criterion's reason, and the rules it came from."""

from datetime import datetime
from typing import Any, NamedTuple

from openadmit.eligibility.outcomes import Outcome
from openadmit.eligibility.results import CriterionResult, DeadlineInfo


class RulesetRef(NamedTuple):
    """Which exact rules a verdict came from: a stored verdict stays traceable."""

    id: str
    version: str
    sha256: str

    def to_dict(self) -> dict[str, str]:
        return {"id": self.id, "version": self.version, "sha256": self.sha256}


class Verdict(NamedTuple):
    """``outcome``: ineligible if any criterion is, else incomplete, else review, else eligible."""

    programme: str
    intake: str
    at: datetime
    outcome: Outcome
    criteria: tuple[CriterionResult, ...]
    deadline: DeadlineInfo | None
    scholarship: CriterionResult | None
    ruleset: RulesetRef

    def criterion(self, criterion_id: str) -> CriterionResult:
        return next(c for c in self.criteria if c.id == criterion_id)

    def to_dict(self) -> dict[str, Any]:
        """The verdict as JSON, the same for the CLI, the API and stored verdicts."""
        return {
            "programme": self.programme,
            "intake": self.intake,
            "at": self.at.isoformat(),
            "outcome": str(self.outcome),
            "criteria": [c.to_dict() for c in self.criteria],
            "deadline": self.deadline.to_dict() if self.deadline else None,
            "scholarship": self.scholarship.to_dict() if self.scholarship else None,
            "ruleset": self.ruleset.to_dict(),
        }
