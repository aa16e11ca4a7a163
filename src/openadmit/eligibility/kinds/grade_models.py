"""The shape of a `grade` criterion: a minimum grade, converted between scales."""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from openadmit.eligibility.kinds.base import CriterionBase


class Scale(BaseModel):
    """A grading scale by its best grade and its lowest pass (either may be the larger)."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    best: float
    pass_: float = Field(alias="pass")

    @model_validator(mode="after")
    def _distinct(self) -> "Scale":
        if self.best == self.pass_:
            raise ValueError("the best grade and the pass mark must differ")
        return self


GERMAN_SCALE = Scale(best=1.0, **{"pass": 4.0})  # nosec B105 # a grading scale's pass mark, not a password


class GradeCriterion(CriterionBase):
    """The prior degree's grade, converted to the programme's scale, must reach a minimum.

    ``linear`` maps pass to pass and best to best on ``scale``. ``modified_bavarian`` is
    Germany's formula x = 1 + 3 (Nmax - Nd) / (Nmax - Nmin) onto 1.0 (best) to 4.0 (pass).
    ``rounding`` is the institution's practice: ``truncate`` to ``decimals`` places,
    ``round`` half up to ``decimals`` places, or ``grade_step`` to the nearest German step.
    """

    kind: Literal["grade"] = "grade"
    conversion: Literal["linear", "modified_bavarian"]
    scale: Scale | None = Field(None, description="Target scale of a linear conversion")
    minimum: float = Field(description="Minimum grade on the target scale")
    rounding: Literal["truncate", "round", "grade_step"] = "truncate"
    decimals: int = Field(1, ge=0, le=3)

    @model_validator(mode="after")
    def _scale_given(self) -> "GradeCriterion":
        if self.conversion == "linear" and self.scale is None:
            raise ValueError("a linear conversion needs the target scale")
        if self.conversion == "modified_bavarian" and self.scale is not None:
            raise ValueError(
                "the modified Bavarian formula always targets the German 1.0-4.0 scale"
            )
        return self

    @property
    def target_scale(self) -> Scale:
        return self.scale or GERMAN_SCALE
