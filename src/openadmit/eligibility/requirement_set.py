"""A programme intake's requirement set: the versioned YAML document the engine evaluates.

The catalogue stores the validated document (``document()``) and its ``sha256``; pages read
the criteria from here, never from a second copy.
"""

import functools
import hashlib
import json
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, Union
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    field_validator,
    model_validator,
)

from openadmit.eligibility.errors import RequirementSetError
from openadmit.eligibility.kinds import KINDS
from openadmit.eligibility.kinds.deadline_models import Deadline, DeadlineCriterion
from openadmit.eligibility.kinds.degree_models import DegreeCriterion
from openadmit.eligibility.kinds.grade_models import GradeCriterion
from openadmit.eligibility.kinds.language_models import LanguageCriterion
from openadmit.eligibility.kinds.scholarship_models import ScholarshipCriterion

Criterion = Annotated[
    Union[tuple(kind.model for kind in KINDS.values())],  # noqa: UP007 - built from the registry
    Field(discriminator="kind"),
]


class RequirementSet(BaseModel):
    """The admission requirements of one programme intake, every clause with its source."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(
        pattern=r"^[a-z0-9][a-z0-9-]*$", description="Stable id, e.g. 'pioneer-2026-09'"
    )
    version: str = Field(min_length=1, description="Version of this set; bump on every change")
    programme: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="Programme slug")
    intake: str = Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$", description="Year and start month")
    title: str = Field(description="The programme's title, for explanations and listings")
    time_zone: str = Field(description="IANA zone of the deciding university, e.g. Europe/Brussels")
    criteria: list[Criterion] = Field(min_length=1)

    @field_validator("time_zone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"{value!r} is not an IANA time zone") from None
        return value

    @model_validator(mode="after")
    def _unique_ids(self) -> "RequirementSet":
        seen: set[str] = set()
        for criterion in self.criteria:
            if criterion.id in seen:
                raise ValueError(f"two criteria have the id {criterion.id!r}")
            seen.add(criterion.id)
        return self

    @cached_property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    def document(self) -> dict[str, Any]:
        """The canonical JSON-ready document; ``parse_requirement_set`` reads it back."""
        return self.model_dump(mode="json", by_alias=True, exclude_none=True)

    @cached_property
    def sha256(self) -> str:
        """Hash of the canonical document: traces a stored verdict to the exact rules."""
        canonical = json.dumps(
            self.document(), sort_keys=True, separators=(",", ":"), ensure_ascii=False
        )
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    def criteria_of_kind(self, kind: str) -> list[Any]:
        return [c for c in self.criteria if c.kind == kind]

    def _first(self, kind: str) -> Any:
        return next((c for c in self.criteria if c.kind == kind), None)

    @property
    def degree(self) -> DegreeCriterion | None:
        """The prior-degree criterion, if the set has one."""
        return self._first("degree")

    @property
    def language(self) -> LanguageCriterion | None:
        """The language criterion (tests, exemptions), if the set has one."""
        return self._first("language")

    @property
    def deadline(self) -> DeadlineCriterion | None:
        """The deadlines per applicant category, if the set has them."""
        return self._first("deadline")

    @property
    def grade(self) -> GradeCriterion | None:
        return self._first("grade")

    @property
    def scholarship(self) -> ScholarshipCriterion | None:
        return self._first("scholarship")

    def closes_at(self, closes_on: date) -> datetime:
        """The last moment of a deadline day in the set's time zone (23:59:59, aware)."""
        return datetime.combine(closes_on, time(23, 59, 59), tzinfo=self.zone)

    def closes_before(self, closes_on: date) -> datetime:
        """The first moment no longer within a deadline day: the next local midnight."""
        return datetime.combine(closes_on + timedelta(days=1), time(0), tzinfo=self.zone)

    def deadlines(self) -> list[Deadline]:
        return [d for c in self.criteria_of_kind("deadline") for d in c.deadlines]

    def latest_deadline(self) -> datetime | None:
        """When the last deadline of the intake closes (aware), or None without deadlines."""
        days = [d.closes_on for d in self.deadlines()]
        return self.closes_at(max(days)) if days else None

    def is_open_at(self, at: datetime) -> bool:
        """Whether some deadline of the intake has not yet passed at the aware moment ``at``."""
        days = [d.closes_on for d in self.deadlines()]
        return bool(days) and at < self.closes_before(max(days))


def _field_path(loc: tuple[Any, ...]) -> str:
    # Drop pydantic's discriminator tags ("degree", "function-after[...]") from the path.
    parts = [str(p) for p in loc if not (isinstance(p, str) and (p in KINDS or "[" in p))]
    return ".".join(parts)


def describe_validation_error(error: ValidationError) -> str:
    """One line per problem, each starting with the field it concerns."""
    lines = []
    for problem in error.errors():
        path = _field_path(problem["loc"]) or "(document)"
        lines.append(f"{path}: {problem['msg'].removeprefix('Value error, ')}")
    return "\n".join(lines)


def parse_requirement_set(document: dict[str, Any]) -> RequirementSet:
    """Validate a requirement-set document (from YAML or the catalogue's JSON column).

    Top-level keys starting with ``x-`` (e.g. ``x-sources``, YAML anchors of shared
    sources) are the file's own scaffolding: they are dropped, not part of the rules.
    """
    rules = {k: v for k, v in document.items() if not str(k).startswith("x-")}
    try:
        return RequirementSet.model_validate(rules)
    except ValidationError as error:
        raise RequirementSetError(describe_validation_error(error)) from None


_CRITERIA = TypeAdapter(list[Criterion])


def parse_criteria(text: str) -> list[Any]:
    """Validate a set's criteria from their JSON text; RequirementSetError names the field."""
    try:
        return _CRITERIA.validate_json(text)
    except ValidationError as error:
        raise RequirementSetError(describe_validation_error(error)) from None


def with_stored_hash(rs: RequirementSet, sha256: str) -> RequirementSet:
    """The set, carrying the hash it was stored under instead of computing it again."""
    rs.__dict__["sha256"] = sha256  # the cached_property's own slot
    return rs


def stored_requirement_set(fields: Mapping[str, str], criteria: list[Any], sha256: str):
    """A set read back from storage, where it was stored only after validation: put
    together from its fields and its (validated) criteria without validating it again."""
    rs = with_stored_hash(RequirementSet.model_construct(**fields, criteria=criteria), sha256)
    rs.__dict__["zone"] = zone_named(rs.time_zone)  # the cached_property's slot
    return rs


@functools.cache
def zone_named(name: str) -> ZoneInfo:
    """The IANA zone of that name, kept once loaded (zoneinfo's own cache keeps a few)."""
    return ZoneInfo(name)


def load_requirement_set(path: str | Path) -> RequirementSet:
    """Read and validate a requirement-set YAML file; RequirementSetError names the field."""
    path = Path(path)
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise RequirementSetError(f"{path}: {error}") from None
    if not isinstance(document, dict):
        raise RequirementSetError(f"{path}: a requirement set is a mapping of fields")
    try:
        return parse_requirement_set(document)
    except RequirementSetError as error:
        raise RequirementSetError(f"{path}:\n{error}") from None
