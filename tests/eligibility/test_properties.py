"""Properties the engine keeps for every profile, not only for the written cases."""

from hypothesis import given, settings
from hypothesis import strategies as st

from openadmit.eligibility import evaluate, parse_profile
from openadmit.eligibility.outcomes import severity
from tests.eligibility.factories import pioneer
from tests.eligibility.strategies import moments, passing_test, profile_data, profiles

EXEMPT = ["AU", "CA", "IE", "NZ", "GB", "US"]


@settings(max_examples=300)
@given(profile_data(), passing_test(), moments())
def test_it_never_worsens_an_outcome_when_a_passing_score_is_added(data, test, at):
    before = evaluate(pioneer(), parse_profile(data), at)
    after = evaluate(
        pioneer(), parse_profile({**data, "language_tests": [*data["language_tests"], test]}), at
    )
    assert severity(after.outcome) <= severity(before.outcome)
    assert after.criterion("english").outcome == "eligible"


@settings(max_examples=300)
@given(profile_data(), st.sampled_from(EXEMPT), st.booleans(), moments())
def test_it_never_asks_an_exempt_applicant_for_a_test(data, country, by_school, at):
    if by_school:
        data = {**data, "secondary_school": {"country": country, "language_of_instruction": "en"}}
    else:
        exempt_degree = {
            "level": "bachelor",
            "field": "law",
            "country": country,
            "language_of_instruction": "en",
        }
        data = {**data, "degrees": [*data["degrees"], exempt_degree]}
    english = evaluate(pioneer(), parse_profile(data), at).criterion("english")
    assert english.outcome == "eligible"
    assert "do not need" in english.explanation


@settings(max_examples=300)
@given(profiles(), moments(), moments())
def test_it_never_turns_a_missed_deadline_into_a_pass_later(profile, first, second):
    earlier, later = sorted([first, second])
    at_earlier = evaluate(pioneer(), profile, earlier)
    at_later = evaluate(pioneer(), profile, later)
    if at_earlier.criterion("deadline").outcome == "ineligible":
        assert at_later.criterion("deadline").outcome == "ineligible"
    if at_earlier.scholarship.outcome == "ineligible":
        assert at_later.scholarship.outcome == "ineligible"


@settings(max_examples=300)
@given(profiles(), moments())
def test_it_explains_every_criterion_that_is_not_eligible(profile, at):
    verdict = evaluate(pioneer(), profile, at)
    for result in [*verdict.criteria, verdict.scholarship]:
        if result.outcome != "eligible":
            assert len(result.explanation) > 40
            assert "{" not in result.explanation
            assert result.source.url.startswith("https://")
