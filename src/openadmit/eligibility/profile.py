"""The applicant profile: one schema for the CLI, the API and the web form.

The field names are a public contract. Invalid input raises ``ProfileError`` whose lines
each start with the field concerned (``language_tests.0.overall: ...``).

Numbers are JSON numbers, finite (never NaN or infinity, which JSON parsers make of
``1e400``), and true or false is never a number; flags are true or false, never "yes" or 1.
Dates lie within the engine's years (see `moments`).
"""

from typing import Annotated, Any, Literal

from pydantic import (
    AllowInfNan,
    BaseModel,
    ConfigDict,
    Field,
    Strict,
    StrictBool,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from openadmit.eligibility.codes import CountryCode, LanguageCode
from openadmit.eligibility.language_tests import LANGUAGE_TESTS, scale_of
from openadmit.eligibility.moments import Day

# A finite JSON number; a score's scale is checked against its test.
Number = Annotated[float, Strict(), AllowInfNan(False)]
# No grading scale reaches a million; the bound keeps every conversion finite.
GRADE_LIMIT = 1_000_000
GradeNumber = Annotated[Number, Field(ge=-GRADE_LIMIT, le=GRADE_LIMIT)]
MAX_EXPERIENCE_MONTHS = 1200

DiplomaLevel = Literal["bachelor", "master", "doctorate", "other"]

LEVEL_NAMES = {
    "bachelor": "bachelor's degree",
    "master": "master's degree",
    "doctorate": "doctorate",
    "other": "diploma",
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class SecondarySchool(_Strict):
    country: CountryCode
    language_of_instruction: LanguageCode | None = None


class Grade(_Strict):
    """A final grade on the awarding institution's scale: its best grade and its pass mark."""

    value: GradeNumber
    best: GradeNumber
    pass_: GradeNumber = Field(alias="pass")

    @model_validator(mode="after")
    def _on_scale(self) -> "Grade":
        if self.best == self.pass_:
            raise ValueError("the best grade and the pass mark must differ")
        beyond_best = self.value > self.best if self.best > self.pass_ else self.value < self.best
        if beyond_best:
            raise ValueError(f"grade {self.value:g} is better than the best grade {self.best:g}")
        return self


class PriorDegree(_Strict):
    """Prior higher education, completed or in its final year."""

    level: DiplomaLevel
    title: str | None = None
    field: str | None = Field(None, description="Field of study, matched to accepted fields")
    institution: str | None = None
    city: str | None = None
    country: CountryCode | None = None
    education_system: Literal["BE-nl", "BE-fr", "BE-de"] | None = Field(
        None, description="Belgian Community; otherwise the institution registry or country decides"
    )
    language_of_instruction: LanguageCode | None = None
    completed: StrictBool = Field(True, description="False for a student in the final year")
    grade: Grade | None = None


class LanguageTestResult(_Strict):
    test: str = Field(description="One of: " + ", ".join(LANGUAGE_TESTS))
    overall: Number
    sections: dict[str, Number] = Field(default_factory=dict)
    taken_on: Day | None = None

    @field_validator("test")
    @classmethod
    def _known_test(cls, value: str) -> str:
        scale_of(value)
        return value

    @field_validator("overall")
    @classmethod
    def _overall_on_scale(cls, value: float, info: ValidationInfo) -> float:
        test = info.data.get("test")
        if test:
            scale_of(test).check_score(value)
        return value

    @field_validator("sections")
    @classmethod
    def _sections_on_scale(cls, value: dict[str, float], info: ValidationInfo) -> dict[str, float]:
        test = info.data.get("test")
        if test:
            scale = scale_of(test)
            for section, score in value.items():
                if section not in scale.sections:
                    raise ValueError(
                        f"{scale.name} has no section {section!r}; its sections: "
                        + ", ".join(scale.sections)
                    )
                scale.check_score(score, section)
        return value


class Profile(_Strict):
    """What an applicant tells about themselves; nothing here is stored by the engine."""

    nationalities: list[CountryCode] = Field(min_length=1)
    secondary_school: SecondarySchool | None = None
    degrees: list[PriorDegree] = Field(default_factory=list)
    language_tests: list[LanguageTestResult] = Field(default_factory=list)
    relevant_experience_months: Annotated[int, Strict()] = Field(0, ge=0, le=MAX_EXPERIENCE_MONTHS)
    previous_erasmus_mundus_scholarship: StrictBool = False
    wants_scholarship: StrictBool = False


class ProfileError(ValueError):
    """An invalid profile; ``problems`` maps each field path to what is wrong with it."""

    def __init__(self, problems: dict[str, str]):
        self.problems = problems
        super().__init__("\n".join(f"{field}: {msg}" for field, msg in problems.items()))


def error_problems(error: ValidationError) -> dict[str, str]:
    """Field path -> message, for every problem pydantic found."""
    problems: dict[str, str] = {}
    for problem in error.errors():
        path = ".".join(str(p) for p in problem["loc"]) or "(profile)"
        problems.setdefault(path, problem["msg"].removeprefix("Value error, "))
    return problems


def parse_profile(data: Any) -> Profile:
    """Validate a profile from parsed JSON; ProfileError names every bad field."""
    if not isinstance(data, dict):
        raise ProfileError({"(profile)": "a profile is a JSON object"})
    try:
        return Profile.model_validate(data)
    except ValidationError as error:
        raise ProfileError(error_problems(error)) from None
