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

    @classmethod
    def from_dict(cls, data: dict[str, str]) -> "RulesetRef":
        return cls(data["id"], data["version"], data["sha256"])


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

    @property
    def past_deadline(self) -> bool:
        """Whether the deadline criterion found the applicant too late.

        The engine's rule (in time until the next local midnight) is the only one: comparing
        with ``deadline.closes_at`` (23:59:59) instead would refuse the day's last second.
        """
        return any(
            c.kind == "deadline" and c.outcome == Outcome.INELIGIBLE for c in self.criteria
        )

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

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Verdict":
        """A verdict as ``to_dict`` stored it (a submission's sealed verdict, say)."""
        scholarship = data.get("scholarship")
        deadline = data.get("deadline")
        return cls(
            data["programme"],
            data["intake"],
            datetime.fromisoformat(data["at"]),
            Outcome(data["outcome"]),
            tuple(CriterionResult.from_dict(c) for c in data["criteria"]),
            DeadlineInfo.from_dict(deadline) if deadline else None,
            CriterionResult.from_dict(scholarship) if scholarship else None,
            RulesetRef.from_dict(data["ruleset"]),
        )
