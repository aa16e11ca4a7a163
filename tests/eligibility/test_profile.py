"""Invalid profiles are refused with the field named, never evaluated."""

import pytest

from openadmit.eligibility import ProfileError, parse_profile
from tests.eligibility.factories import leuven_law_graduate


def problems_of(profile) -> dict[str, str]:
    with pytest.raises(ProfileError) as error:
        parse_profile(profile)
    return error.value.problems


def test_it_accepts_the_published_example_profile():
    profile = parse_profile(
        {
            "nationalities": ["IN", "PT"],
            "secondary_school": {"country": "IN", "language_of_instruction": "en"},
            "degrees": [
                {
                    "level": "bachelor", "title": "Bachelor in de rechten", "field": "law",
                    "institution": "KU Leuven", "city": "Leuven", "country": "BE",
                    "education_system": "BE-nl", "language_of_instruction": "nl",
                    "completed": True, "grade": {"value": 15.2, "best": 20, "pass": 10},
                }
            ],
            "language_tests": [
                {"test": "ielts_academic", "overall": 7.0, "sections": {"reading": 7.5},
                 "taken_on": "2025-10-04"}
            ],
            "relevant_experience_months": 0,
            "previous_erasmus_mundus_scholarship": False,
            "wants_scholarship": False,
        }
    )  # fmt: skip
    assert profile.degrees[0].grade.pass_ == 10


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"nationalities": []}, "nationalities", "at least 1"),
        ({"nationalities": ["XX"]}, "nationalities.0", "not an ISO 3166-1"),
        (
            {"language_tests": [{"test": "ielts", "overall": 7}]},
            "language_tests.0.test",
            "unknown test",
        ),
        (
            {"language_tests": [{"test": "ielts_academic", "overall": 9.5}]},
            "language_tests.0.overall",
            "outside the scale 0-9",
        ),
        (
            {"language_tests": [{"test": "toefl_ibt", "overall": 121}]},
            "language_tests.0.overall",
            "outside the scale 0-120",
        ),
        (
            {"language_tests": [{"test": "ielts_academic", "overall": 7.2}]},
            "language_tests.0.overall",
            "not a multiple of 0.5",
        ),
        (
            {
                "language_tests": [
                    {"test": "toefl_ibt", "overall": 100, "sections": {"reading": 31}}
                ]
            },
            "language_tests.0.sections",
            "outside the scale 0-30",
        ),
        (
            {
                "language_tests": [
                    {"test": "toefl_ibt", "overall": 100, "sections": {"grammar": 20}}
                ]
            },
            "language_tests.0.sections",
            "no section 'grammar'",
        ),
        ({"secondary_school": {"country": "UK"}}, "secondary_school.country", "not an ISO 3166-1"),
        ({"relevant_experience_months": -3}, "relevant_experience_months", "greater than or equal"),
        ({"favourite_colour": "blue"}, "favourite_colour", "Extra inputs"),
    ],
)
def test_it_names_the_field_of_an_invalid_value(change, field, words):
    problems = problems_of(leuven_law_graduate(**change))
    assert field in problems, problems
    assert words in problems[field]


def test_it_refuses_a_missing_nationality():
    profile = leuven_law_graduate()
    del profile["nationalities"]
    assert problems_of(profile) == {"nationalities": "Field required"}


def test_it_refuses_a_degree_with_an_unknown_country_or_language():
    profile = leuven_law_graduate()
    profile["degrees"][0].update(country="ZZ", language_of_instruction="xx")
    problems = problems_of(profile)
    assert set(problems) == {"degrees.0.country", "degrees.0.language_of_instruction"}


def test_it_refuses_a_grade_better_than_the_best_of_its_scale():
    profile = leuven_law_graduate()
    profile["degrees"][0]["grade"] = {"value": 21, "best": 20, "pass": 10}
    assert "better than the best grade" in problems_of(profile)["degrees.0.grade"]


def test_it_refuses_a_profile_that_is_not_an_object():
    assert problems_of(["IN"]) == {"(profile)": "a profile is a JSON object"}
