"""The eligibility verdict of an application, from the engine, for the page and the record.

A draft's profile is often half-filled; the engine's profile model then names what is
missing, and the page shows that instead of a verdict.
"""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pydantic import ValidationError

from openadmit.eligibility import evaluate, load_requirement_set, parse_profile

__all__ = ["LiveVerdict", "verdict_for", "profile_errors"]


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
    def deadline_category(self) -> str | None:
        if not self.verdict or not self.verdict.get("deadline"):
            return None
        return self.verdict["deadline"]["category"]


def profile_errors(profile: dict[str, Any]) -> list[tuple[str, str]]:
    """(field path, message) for each way the profile breaks the engine's contract."""
    try:
        parse_profile(profile)
    except ValidationError as error:
        return [(".".join(str(part) for part in e["loc"]), e["msg"]) for e in error.errors()]
    return []


def verdict_for(intake, profile: dict[str, Any], at: datetime) -> LiveVerdict:
    problems = profile_errors(profile)
    if problems:
        return LiveVerdict(verdict=None, problems=[f"{path}: {message}" for path, message in problems])
    ruleset = load_requirement_set(intake.requirement_set.document)
    verdict = evaluate(ruleset, parse_profile(profile), at)
    return LiveVerdict(verdict=verdict.model_dump(mode="json"))
