"""The shape of a `language` criterion: accepted tests and exemptions."""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from openadmit.eligibility.codes import CountryCode, LanguageCode
from openadmit.eligibility.kinds.base import CriterionBase
from openadmit.eligibility.language_tests import LANGUAGE_TESTS, scale_of
from openadmit.eligibility.source import Clause, Source


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class TestMinimum(_Part):
    """An accepted test and the scores it needs; any one accepted test that meets them suffices."""

    __test__ = False  # not a pytest test class, despite the name

    test: str = Field(description="Test id: " + ", ".join(LANGUAGE_TESTS))
    overall: float = Field(description="Minimum overall score")
    sections: dict[str, float] = Field(
        default_factory=dict, description="Minimum score of named sections, e.g. {writing: 6.5}"
    )
    every_section: float | None = Field(
        None, description="Minimum of every section ('no band under')"
    )
    valid_for_months: int | None = Field(
        None, ge=1, le=1200, description="How long a result counts, at most 100 years"
    )
    source: Source

    @property
    def name(self) -> str:
        return LANGUAGE_TESTS[self.test].name

    @model_validator(mode="after")
    def _on_scale(self) -> "TestMinimum":
        scale = scale_of(self.test)
        scale.check_score(self.overall)
        for section, value in self.sections.items():
            if section not in scale.sections:
                raise ValueError(f"{scale.name} has no section {section!r}")
            scale.check_score(value, section)
        if self.every_section is not None:
            scale.check_score(self.every_section, scale.sections[0])
        return self


class ExemptCountry(_Part):
    code: CountryCode
    name: str = Field(description="The country as published, e.g. 'English-speaking Canada'")


class LanguageExemption(_Part):
    """No test needed for a diploma taught in the language in one of these countries."""

    countries: list[ExemptCountry] = Field(min_length=1)
    language_of_instruction: LanguageCode
    diplomas: list[Literal["secondary_school", "degree"]] = Field(min_length=1)
    source: Source


class LanguageCriterion(CriterionBase):
    """Proficiency in the language of instruction: a test, unless an exemption applies."""

    kind: Literal["language"] = "language"
    language: LanguageCode
    tests: list[TestMinimum] = Field(min_length=1)
    exemptions: list[LanguageExemption] = Field(default_factory=list)
    no_other_exemption: Clause | None = Field(
        None, description="The published exception: diplomas from elsewhere never exempt"
    )
