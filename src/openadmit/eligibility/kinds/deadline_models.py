"""The shape of a `deadline` criterion: application deadlines per applicant category."""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from openadmit.eligibility.codes import EEA_COUNTRIES, CountryCode
from openadmit.eligibility.kinds.base import CriterionBase
from openadmit.eligibility.moments import Day
from openadmit.eligibility.source import Source

# eea: any nationality in the EEA; non_eea: none; scholarship: to be considered for a
# scholarship; everyone: one deadline for all applicants.
DeadlineCategory = Literal["eea", "non_eea", "scholarship", "everyone"]
ADMISSION_CATEGORIES = ("eea", "non_eea", "everyone")


class Deadline(BaseModel):
    """The last day to apply for one category, inclusive to 23:59:59 in the set's time zone."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    category: DeadlineCategory
    closes_on: Day = Field(description="Last day, inclusive, in the requirement set's time zone")
    label: str = Field(
        description="Who it is for, in words, e.g. 'Applicants with an EEA nationality'"
    )
    source: Source


class DeadlineCriterion(CriterionBase):
    """Applications must arrive by the deadline of the applicant's category."""

    kind: Literal["deadline"] = "deadline"
    deadlines: list[Deadline] = Field(min_length=1)
    eea_countries: list[CountryCode] = Field(
        default_factory=lambda: sorted(EEA_COUNTRIES),
        description="Nationalities counted as EEA (any one suffices)",
    )

    @model_validator(mode="after")
    def _admission_deadline(self) -> "DeadlineCriterion":
        categories = {d.category for d in self.deadlines}
        if "everyone" not in categories and not {"eea", "non_eea"} <= categories:
            raise ValueError("deadlines need 'everyone', or both 'eea' and 'non_eea'")
        return self

    def for_category(self, category: str) -> Deadline | None:
        return next((d for d in self.deadlines if d.category == category), None)
