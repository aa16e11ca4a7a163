"""The eligibility verdict of an application, from the engine, for the page and the record.

A draft's profile is often half-filled; the engine's profile check then names what is
missing, and the page shows that instead of a verdict.
"""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from openadmit.eligibility import (
    Outcome,
    ProfileError,
    RequirementSet,
    evaluate,
    parse_profile,
    parse_requirement_set,
)

__all__ = ["LiveVerdict", "profile_errors", "verdict_for"]


@dataclass(frozen=True, kw_only=True)
class LiveVerdict:
    verdict: dict[str, Any] | None
    problems: list[str] = field(default_factory=list)

    @property
    def outcome(self) -> str | None:
        return self.verdict["outcome"] if self.verdict else None

    @property
    def deadline_closes_at(self) -> datetime | None:
        if not self.verdict or not self.verdict.get("deadline"):
            return None
        return datetime.fromisoformat(self.verdict["deadline"]["closes_at"])

    @property
    def too_late(self) -> bool:
        """Whether the engine's deadline criterion found the applicant past their deadline.

        The engine's rule (in time until the next local midnight) is the only one: comparing
        with `deadline_closes_at` (23:59:59) here would refuse the day's last second.
        """
        if not self.verdict:
            return False
        return any(
            c["kind"] == "deadline" and c["outcome"] == Outcome.INELIGIBLE
            for c in self.verdict["criteria"]
        )

    @property
    def deadline_category(self) -> str | None:
        if not self.verdict or not self.verdict.get("deadline"):
            return None
        return self.verdict["deadline"]["category"]


def profile_errors(profile: dict[str, Any]) -> dict[str, str]:
    """Field path -> what is wrong, for each way the profile breaks the engine's contract."""
    try:
        parse_profile(profile)
    except ProfileError as error:
        return error.problems
    return {}


# A published requirement set never changes under its hash: parse each once per process.
_parsed: dict[str, RequirementSet] = {}


def _ruleset(requirement_set) -> RequirementSet:
    parsed = _parsed.get(requirement_set.sha256)
    if parsed is None:
        parsed = _parsed[requirement_set.sha256] = parse_requirement_set(requirement_set.document)
    return parsed


def verdict_for(intake, profile: dict[str, Any], at: datetime) -> LiveVerdict:
    problems = profile_errors(profile)
    if problems:
        return LiveVerdict(
            verdict=None, problems=[f"{path}: {message}" for path, message in problems.items()]
        )
    ruleset = _ruleset(intake.requirement_set)
    verdict = evaluate(ruleset, parse_profile(profile), at)
    return LiveVerdict(verdict=verdict.to_dict())
