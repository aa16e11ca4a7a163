"""What every criterion has, whatever its kind."""

from pydantic import BaseModel, ConfigDict, Field

from openadmit.eligibility.source import Source


class CriterionBase(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    id: str = Field(
        pattern=r"^[a-z][a-z0-9_-]*$", description="Stable name of the criterion in this set"
    )
    title: str = Field(min_length=1, description="Heading shown to applicants, e.g. 'Prior degree'")
    source: Source
