"""The catalogue data file of one programme: `data/programmes/<slug>/programme.yaml`.

It holds the catalogue facts only. Each intake's admission requirements are in
`<slug>/<intake>/requirements.yaml` beside it, read by the eligibility package.
"""

from decimal import Decimal
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, HttpUrl, ValidationError, model_validator

from openadmit.catalogue.constants import StudyLevel, StudyMode
from openadmit.consortia.constants import MemberRole
from openadmit.eligibility.moments import Day

Slug = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")


class ProgrammeFileError(ValueError):
    """A programme file that cannot be read or does not validate; names the field."""


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ListedInstitution(_Part):
    slug: str = Slug
    published_postgraduate_programmes: int | None = Field(None, ge=0, le=100_000)


class Member(_Part):
    institution: str = Slug
    role: MemberRole


class ConsortiumFacts(_Part):
    """The universities that run a joint programme, the coordinator among them."""

    slug: str = Slug
    name: str = Field(min_length=1, max_length=200)
    members: list[Member] = Field(min_length=2)

    @model_validator(mode="after")
    def _one_coordinator(self) -> "ConsortiumFacts":
        coordinators = [m for m in self.members if m.role == MemberRole.COORDINATOR]
        if len(coordinators) != 1:
            raise ValueError("a consortium has exactly one coordinating university")
        if len({m.institution for m in self.members}) != len(self.members):
            raise ValueError("each university is a member once")
        return self


class Semester(_Part):
    semester: int = Field(ge=1, le=12)
    institution: str | None = None
    description: str


class Fee(_Part):
    amount: Decimal = Field(ge=0, max_digits=8, decimal_places=2)
    currency: str = Field(pattern=r"^[A-Z]{3}$")
    refundable: bool


class IntakeFacts(_Part):
    code: str = Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")
    starts_on: Day
    is_open: bool = True


class ScholarshipFacts(_Part):
    name: str
    funder: str = ""
    monthly_amount: Decimal | None = Field(None, ge=0, max_digits=8, decimal_places=2)
    currency: str = Field("EUR", pattern=r"^[A-Z]{3}$")
    months: int | None = Field(None, ge=1, le=120)
    description: str = ""
    url: HttpUrl | None = None


class ProgrammeFile(_Part):
    slug: str = Slug
    title: str = Field(min_length=1, max_length=300)
    short_name: str = Field("", max_length=40)
    listed_institution: ListedInstitution
    degree: str = Field(min_length=1, max_length=40)
    study_level: StudyLevel
    study_mode: StudyMode
    subject_area: str = Field(min_length=1, max_length=120)
    subject: str = Field(min_length=1, max_length=120)
    duration_months: int = Field(ge=1, le=120)
    ects: int = Field(ge=0, le=600)
    languages: list[str] = Field(min_length=1)
    funding: str = ""
    overview: str = Field(min_length=1)
    strengths: list[str] = Field(default_factory=list)
    consortium: ConsortiumFacts | None = None
    mobility: list[Semester] = Field(default_factory=list)
    application_fee: Fee | None = None
    intakes: list[IntakeFacts] = Field(min_length=1)
    scholarships: list[ScholarshipFacts] = Field(default_factory=list)


def read_programme_file(path: Path) -> ProgrammeFile:
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise ProgrammeFileError(f"{path}: {error}") from None
    try:
        return ProgrammeFile.model_validate(document)
    except ValidationError as error:
        problems = "\n".join(
            f"{'.'.join(str(p) for p in problem['loc']) or '(document)'}: {problem['msg']}"
            for problem in error.errors()
        )
        raise ProgrammeFileError(f"{path}:\n{problems}") from None
