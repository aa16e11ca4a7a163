"""Test cases beside a requirement set: a profile, a moment, the expected outcomes.

Written in YAML for admissions officers to read and add to (like OpenFisca's tests):

    cases:
      - name: Flemish law graduate with IELTS 7.0 applies in May
        at: 2026-05-04T10:00:00+02:00
        profile: {nationalities: [BE], degrees: [...], language_tests: [...]}
        expect:
          outcome: eligible
          criteria: {degree: eligible, english: eligible, deadline: eligible}
          deadline: eea            # the applicant's deadline category
          scholarship: not_requested
"""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from openadmit.eligibility.engine import compile_requirement_set
from openadmit.eligibility.errors import RequirementSetError
from openadmit.eligibility.moments import Moment
from openadmit.eligibility.outcomes import Outcome
from openadmit.eligibility.profile import ProfileError, parse_profile
from openadmit.eligibility.requirement_set import RequirementSet, describe_validation_error


class Expectation(BaseModel):
    model_config = ConfigDict(extra="forbid")

    outcome: Outcome | None = None
    criteria: dict[str, str] = Field(default_factory=dict, description="criterion id -> outcome")
    deadline: str | None = Field(None, description="The deadline category that applies")
    scholarship: str | None = None
    explanation_mentions: dict[str, str] = Field(
        default_factory=dict, description="criterion id -> words its explanation must contain"
    )


class Case(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1)
    at: Moment
    profile: dict[str, Any]
    expect: Expectation


class CaseFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    cases: list[Case] = Field(min_length=1)


@dataclass(frozen=True)
class CaseFailure:
    name: str
    problems: list[str]


def load_cases(path: str | Path) -> list[Case]:
    path = Path(path)
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        return CaseFile.model_validate(document).cases
    except (OSError, yaml.YAMLError) as error:
        raise RequirementSetError(f"{path}: {error}") from None
    except ValidationError as error:
        raise RequirementSetError(f"{path}:\n{describe_validation_error(error)}") from None


def _compare(label: str, expected: str | None, actual: str | None) -> list[str]:
    if expected is None or expected == actual:
        return []
    return [f"{label}: expected {expected}, got {actual}"]


def run_case(rs: RequirementSet, case: Case) -> list[str]:
    """What differs from the case's expectations; empty when the case passes."""
    try:
        profile = parse_profile(case.profile)
    except ProfileError as error:
        return [f"profile.{line}" for line in str(error).splitlines()]
    verdict = compile_requirement_set(rs).evaluate(profile, case.at)
    expect = case.expect
    problems = _compare("outcome", expect.outcome, verdict.outcome)
    results = {c.id: c for c in verdict.criteria}
    for criterion_id, outcome in expect.criteria.items():
        if criterion_id not in results:
            problems.append(f"criteria.{criterion_id}: the set has no such criterion")
            continue
        got = results[criterion_id]
        problems += _compare(f"criteria.{criterion_id}", outcome, got.outcome)
        if got.outcome != "eligible" and not got.explanation:
            problems.append(f"criteria.{criterion_id}: no explanation")
    for criterion_id, words in expect.explanation_mentions.items():
        got = results.get(criterion_id) or (
            verdict.scholarship
            if verdict.scholarship and verdict.scholarship.id == criterion_id
            else None
        )
        if got is None or words not in got.explanation:
            shown = got.explanation if got else "no such criterion"
            problems.append(
                f"criteria.{criterion_id}.explanation: expected to mention {words!r}: {shown}"
            )
    problems += _compare(
        "deadline", expect.deadline, verdict.deadline.category if verdict.deadline else None
    )
    problems += _compare(
        "scholarship",
        expect.scholarship,
        verdict.scholarship.outcome if verdict.scholarship else None,
    )
    return problems


def run_cases(rs: RequirementSet, cases: list[Case]) -> list[CaseFailure]:
    failures = []
    for case in cases:
        problems = run_case(rs, case)
        if problems:
            failures.append(CaseFailure(case.name, problems))
    return failures
