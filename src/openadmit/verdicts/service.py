"""Verdicts from stored requirement sets: the one path for every page, action and API.

A stored set is compiled once per process by its stored hash (``compile_document``); an
application's profile is parsed once, and either evaluated or answered with what is
wrong with it. A sealed verdict (a submission's) is rebuilt from its stored JSON.
"""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from openadmit.catalogue.models import Intake
from openadmit.catalogue.models import RequirementSet as StoredSet
from openadmit.eligibility import (
    CompiledSet,
    ProfileError,
    Verdict,
    compile_document,
    parse_profile,
)

__all__ = ["LiveVerdict", "compiled_set", "live_verdict", "profile_errors", "sealed_verdict"]


@dataclass(frozen=True)
class LiveVerdict:
    """The verdict on a profile as it stands, or, while the engine cannot read the profile
    yet (a half-filled draft), ``problems``: field path -> what is wrong."""

    verdict: Verdict | None
    problems: dict[str, str] = field(default_factory=dict)

    @property
    def outcome(self) -> str | None:
        return self.verdict.outcome if self.verdict else None


def compiled_set(stored: StoredSet) -> CompiledSet:
    return compile_document(stored.sha256, lambda: stored.document)


def profile_errors(profile: dict[str, Any]) -> dict[str, str]:
    """Field path -> what is wrong, for each way the profile breaks the engine's contract."""
    try:
        parse_profile(profile)
    except ProfileError as error:
        return error.problems
    return {}


def live_verdict(intake: Intake, profile: dict[str, Any], at: datetime) -> LiveVerdict:
    try:
        parsed = parse_profile(profile)
    except ProfileError as error:
        return LiveVerdict(verdict=None, problems=error.problems)
    return LiveVerdict(verdict=compiled_set(intake.requirement_set).evaluate(parsed, at))


def sealed_verdict(stored: dict[str, Any]) -> Verdict:
    return Verdict.from_dict(stored)
