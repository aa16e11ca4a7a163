"""Hypothesis strategies for applicant profiles and moments around PIONEER's rules."""

from datetime import UTC, datetime

from hypothesis import strategies as st

from openadmit.eligibility import LANGUAGE_TESTS, parse_profile
from tests.eligibility.factories import pioneer

LISTED = pioneer().degree.listed_degrees[0].degrees
COUNTRIES = [
    "BE",
    "NL",
    "PT",
    "NO",
    "IN",
    "NG",
    "US",
    "GB",
    "CA",
    "AU",
    "IE",
    "NZ",
    "BR",
    "CN",
    "KE",
]
FIELDS = ["law", "Computer Science", "political science", "biology", "medicine", "business", None]
LANGUAGES = ["en", "nl", "fr", None]


def score(test_id: str, low: float | None = None):
    scale = LANGUAGE_TESTS[test_id]
    lowest = scale.lowest if low is None else low
    steps = int(round((scale.highest - lowest) / scale.step))
    return st.integers(0, steps).map(lambda n: lowest + n * scale.step)


def language_test():
    return st.sampled_from(sorted(LANGUAGE_TESTS)).flatmap(
        lambda test: st.fixed_dictionaries({"test": st.just(test), "overall": score(test)})
    )


def passing_test():
    """An accepted PIONEER test with a score at or above its minimum."""
    minimums = pioneer().language.tests
    return st.sampled_from(minimums).flatmap(
        lambda m: st.fixed_dictionaries(
            {"test": st.just(m.test), "overall": score(m.test, m.overall)}
        )
    )


def degree():
    listed = st.sampled_from(LISTED).flatmap(
        lambda d: st.fixed_dictionaries(
            {"title": st.just(d.title), "city": st.sampled_from([*d.cities, "Gent", None])}
        )
    )
    other = st.fixed_dictionaries(
        {"title": st.sampled_from(["BSc Biology", "Bachelor of Laws", "BA"])}
    )
    return st.tuples(
        st.one_of(listed, other),
        st.fixed_dictionaries(
            {
                "level": st.sampled_from(["bachelor", "master", "doctorate", "other"]),
                "field": st.sampled_from(FIELDS),
                "country": st.sampled_from(COUNTRIES),
                "education_system": st.sampled_from([None, "BE-nl", "BE-fr"]),
                "language_of_instruction": st.sampled_from(LANGUAGES),
                "completed": st.booleans(),
            }
        ),
    ).map(lambda parts: {**parts[1], **{k: v for k, v in parts[0].items() if v is not None}})


def profile_data():
    return st.fixed_dictionaries(
        {
            "nationalities": st.lists(st.sampled_from(COUNTRIES), min_size=1, max_size=2),
            "secondary_school": st.one_of(
                st.none(),
                st.fixed_dictionaries(
                    {
                        "country": st.sampled_from(COUNTRIES),
                        "language_of_instruction": st.sampled_from(LANGUAGES),
                    }
                ),
            ),
            "degrees": st.lists(degree(), max_size=2),
            "language_tests": st.lists(language_test(), max_size=2),
            "relevant_experience_months": st.integers(0, 60),
            "previous_erasmus_mundus_scholarship": st.booleans(),
            "wants_scholarship": st.booleans(),
        }
    ).map(lambda d: {k: v for k, v in d.items() if v is not None})


def profiles():
    return profile_data().map(parse_profile)


def moments():
    return st.datetimes(
        min_value=datetime(2025, 10, 1), max_value=datetime(2026, 10, 1), timezones=st.just(UTC)
    )
