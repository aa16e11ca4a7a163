"""The shape of a `degree` criterion: which prior degrees give access."""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from openadmit.eligibility.kinds.base import CriterionBase
from openadmit.eligibility.outcomes import Outcome
from openadmit.eligibility.source import Source

DegreeLevel = Literal["bachelor", "master", "doctorate", "other"]

# The order of levels; "other" (e.g. a short-cycle diploma) is below a bachelor's.
LEVEL_RANK = {"other": 0, "bachelor": 1, "master": 2, "doctorate": 3}


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class AcceptedDegree(_Part):
    """One degree on a published list: its title and the cities where it is taught."""

    title: str = Field(min_length=1, description="Degree title exactly as published")
    cities: list[str] = Field(min_length=1, description="Cities where it is taught, as published")
    level: DegreeLevel


class DegreeList(_Part):
    """Degrees of one education system that give access, e.g. the Flemish Community's."""

    education_system: str = Field(description="BE-nl, BE-fr, BE-de or an ISO country code")
    education_system_name: str = Field(description="e.g. 'the Flemish Community'")
    admission: str = Field(description="How listed degrees are admitted, as published")
    degrees: list[AcceptedDegree] = Field(min_length=1)
    similar_degrees: Outcome = Field(
        Outcome.REVIEW,
        description="Outcome for a degree of this system only similar to a listed one",
    )
    source: Source


class AcceptedField(_Part):
    """A field of study, with other names an applicant may use for it."""

    name: str
    also: list[str] = Field(default_factory=list, description="Other names matched to this field")


class AcceptedFields(_Part):
    """Fields of study accepted for degrees from other education systems."""

    fields: list[AcceptedField] = Field(min_length=1)
    or_equivalent: bool = Field(
        True, description="Whether an equivalent field counts (then a person judges it)"
    )
    source: Source


class OtherDisciplines(_Part):
    """Degrees in other disciplines: judged on relevant professional experience."""

    with_experience: Outcome = Outcome.REVIEW
    without_experience: Outcome = Outcome.INELIGIBLE
    minimum_experience_months: int = Field(1, ge=1)
    source: Source


class FinalYearStudents(_Part):
    """Whether a student in the final year of the prior degree may apply, and on what condition."""

    allowed: bool
    condition: str = Field(description="The condition, e.g. 'graduate before registration'")
    source: Source


class DegreeCriterion(CriterionBase):
    """Access by prior degree: the level, the listed degrees, accepted fields, exceptions."""

    kind: Literal["degree"] = "degree"
    minimum_level: DegreeLevel = "bachelor"
    listed_degrees: list[DegreeList] = Field(default_factory=list)
    accepted_fields: AcceptedFields | None = None
    other_disciplines: OtherDisciplines | None = None
    final_year_students: FinalYearStudents | None = None
