"""A programme intake's review rubric: the versioned YAML document reviewers score against.

Pure: no Django import, so the command line and the tests read rubrics without a database.
``data/programmes/<programme>/<intake>/rubric.yaml`` beside the requirement set; see
PIONEER's for the format. Each criterion has a weight (the points it is worth), a scale
(lowest, highest, step) and a description of every level on that scale. A file's weighted
score is the sum over criteria of ``weight * (score - lowest) / (highest - lowest)``, so a
rubric whose weights add up to 100 scores files out of 100 points.
"""

import hashlib
import json
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    ValidationError,
    model_validator,
)

__all__ = [
    "RUBRIC_FILE",
    "Criterion",
    "Level",
    "Rubric",
    "RubricError",
    "load_rubric",
    "number_text",
    "parse_rubric",
    "read_rubric_text",
]

RUBRIC_FILE = "rubric.yaml"
MAX_LEVELS = 21


def number_text(value: Decimal) -> str:
    """A score or weight as people write it: "3", "2.5", never "3.0" or "1E+1"."""
    return format(value.normalize(), "f")


def _plain_number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


# Exact decimals inside (a step of 0.5 divides a scale exactly); plain numbers in JSON.
Number = Annotated[
    Decimal,
    Field(max_digits=8, decimal_places=2, allow_inf_nan=False),
    PlainSerializer(_plain_number, return_type=int | float, when_used="json"),
]


class RubricError(ValueError):
    """A rubric that cannot be read or does not validate; one line per problem, each
    starting with the field it concerns (``criteria.2.weight: ...``)."""


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Scale(_Part):
    min: Number
    max: Number
    step: Number = Field(gt=0)

    @model_validator(mode="after")
    def _whole_steps(self) -> "Scale":
        if self.max <= self.min:
            raise ValueError("max must be greater than min")
        if (self.max - self.min) % self.step:
            raise ValueError("the step must divide the distance from min to max")
        if (self.max - self.min) / self.step + 1 > MAX_LEVELS:
            raise ValueError(f"a scale has at most {MAX_LEVELS} levels")
        return self

    @property
    def points(self) -> tuple[Decimal, ...]:
        count = int((self.max - self.min) / self.step)
        return tuple(self.min + i * self.step for i in range(count + 1))

    def holds(self, value: Decimal) -> bool:
        """Whether ``value`` is one of the scale's levels."""
        return self.min <= value <= self.max and (value - self.min) % self.step == 0


class Level(_Part):
    score: Number
    description: str = Field(min_length=1, max_length=1000)


class Criterion(_Part):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]{0,39}$")
    title: str = Field(min_length=1, max_length=200)
    weight: Number = Field(gt=0, le=1000)
    scale: Scale
    guidance: str = Field("", max_length=2000)
    levels: tuple[Level, ...]

    @model_validator(mode="after")
    def _every_level_described(self) -> "Criterion":
        described = [level.score for level in self.levels]
        if len(set(described)) != len(described):
            raise ValueError("each level is described once")
        expected = self.scale.points
        if sorted(described) != list(expected):
            wanted = ", ".join(str(p) for p in expected)
            raise ValueError(f"describe exactly the levels of the scale: {wanted}")
        return self

    def contribution(self, score: Decimal) -> Decimal:
        """The points ``score`` earns on this criterion."""
        return self.weight * (score - self.scale.min) / (self.scale.max - self.scale.min)

    def description_of(self, score: Decimal) -> str:
        return next((level.description for level in self.levels if level.score == score), "")


class Rubric(_Part):
    """The criteria reviewers score an intake's files on, and how many review each file."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=120)
    version: str = Field(min_length=1, max_length=40)
    programme: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    intake: str = Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")
    title: str = Field(min_length=1, max_length=300)
    # Where the criteria are not the programme's published ones, say so: pages show it.
    assumption: str = Field("", max_length=2000)
    reviewers_per_file: int = Field(2, ge=1, le=5)
    # At least one: checked below, so that a broken criterion is not also reported as none.
    criteria: tuple[Criterion, ...] = Field(max_length=20)

    @model_validator(mode="after")
    def _unique_ids(self) -> "Rubric":
        if not self.criteria:
            raise ValueError("a rubric has at least one criterion")
        seen: set[str] = set()
        for criterion in self.criteria:
            if criterion.id in seen:
                raise ValueError(f"two criteria have the id {criterion.id!r}")
            seen.add(criterion.id)
        return self

    def document(self) -> dict[str, Any]:
        """The canonical JSON-ready document; ``parse_rubric`` reads it back."""
        return self.model_dump(mode="json")

    @cached_property
    def sha256(self) -> str:
        canonical = json.dumps(
            self.document(), sort_keys=True, separators=(",", ":"), ensure_ascii=False
        )
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    @property
    def max_points(self) -> Decimal:
        return sum((c.weight for c in self.criteria), Decimal(0))

    def criterion(self, criterion_id: str) -> Criterion | None:
        return next((c for c in self.criteria if c.id == criterion_id), None)

    def total(self, scores: dict[str, Decimal]) -> Decimal:
        """The weighted score of a complete set of scores, in points (two decimals)."""
        points = sum((c.contribution(scores[c.id]) for c in self.criteria), Decimal(0))
        return points.quantize(Decimal("0.01"))


def _field_path(loc: tuple[Any, ...]) -> str:
    return ".".join(str(part) for part in loc)


def describe_validation_error(error: ValidationError) -> str:
    lines = []
    for problem in error.errors():
        path = _field_path(problem["loc"]) or "(document)"
        lines.append(f"{path}: {problem['msg'].removeprefix('Value error, ')}")
    return "\n".join(lines)


def parse_rubric(document: Any) -> Rubric:
    """Validate a rubric document (from YAML, an upload or the database's JSON column)."""
    if not isinstance(document, dict):
        raise RubricError("(document): a rubric is a mapping of fields")
    try:
        return Rubric.model_validate(document)
    except ValidationError as error:
        raise RubricError(describe_validation_error(error)) from None


def read_rubric_text(text: str) -> Rubric:
    """A rubric from YAML text; a syntax error names its line."""
    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else "(document)"
        raise RubricError(f"{where}: not valid YAML ({getattr(error, 'problem', error)})") from None
    return parse_rubric(document)


def load_rubric(path: str | Path) -> Rubric:
    """Read and validate a rubric file; RubricError names the file and the field."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise RubricError(f"{path}: {error}") from None
    try:
        return read_rubric_text(text)
    except RubricError as error:
        raise RubricError(f"{path}:\n{error}") from None
