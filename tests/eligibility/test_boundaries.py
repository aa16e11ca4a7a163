"""The boundaries an applicant notices: test minimums and the last minute of a deadline."""

import pytest

from tests.eligibility.factories import check, leuven_law_graduate


@pytest.mark.parametrize(
    ("test", "score", "outcome"),
    [
        ("ielts_academic", 7.0, "eligible"),
        ("ielts_academic", 6.5, "ineligible"),
        ("toefl_ibt", 100, "eligible"),
        ("toefl_ibt", 99, "ineligible"),
        ("pte_academic", 84, "eligible"),
        ("pte_academic", 83, "ineligible"),
    ],
)
def test_it_accepts_a_score_at_the_minimum_and_refuses_one_step_below(test, score, outcome):
    verdict = check(leuven_law_graduate(language_tests=[{"test": test, "overall": score}]))
    english = verdict.criterion("english")
    assert english.outcome == outcome
    assert verdict.outcome == outcome
    if outcome == "ineligible":
        assert "below the minimum" in english.explanation


@pytest.mark.parametrize(
    ("at", "outcome"),
    [
        ("2026-07-01T23:30:00+02:00", "eligible"),
        ("2026-07-02T00:30:00+02:00", "ineligible"),
        ("2026-07-01T21:30:00+00:00", "eligible"),
        ("2026-07-01T22:30:00+00:00", "ineligible"),
        ("2026-07-01T17:30:00-04:00", "eligible"),
        ("2026-07-02T02:30:00+05:30", "eligible"),
        ("2026-07-01T23:59:59.999+02:00", "eligible"),
        ("2026-07-02T03:30:00+05:30", "ineligible"),
    ],
)
def test_it_keeps_the_non_eea_deadline_open_until_midnight_in_brussels(at, outcome):
    verdict = check(leuven_law_graduate(), at=at)
    assert verdict.criterion("deadline").outcome == outcome
    assert verdict.deadline.category == "non_eea"
    assert verdict.deadline.closes_at.isoformat() == "2026-07-01T23:59:59+02:00"


@pytest.mark.parametrize(
    ("at", "outcome"),
    [("2026-08-31T23:30:00+02:00", "eligible"), ("2026-09-01T00:30:00+02:00", "ineligible")],
)
def test_it_gives_an_applicant_with_any_eea_nationality_until_31_august(at, outcome):
    verdict = check(leuven_law_graduate(nationalities=["IN", "PT"]), at=at)
    assert (verdict.deadline.category, verdict.criterion("deadline").outcome) == ("eea", outcome)


@pytest.mark.parametrize(
    ("at", "outcome"),
    [("2026-03-01T23:30:00+01:00", "eligible"), ("2026-03-01T23:30:00+00:00", "ineligible")],
)
def test_it_closes_scholarship_consideration_at_midnight_in_brussels_winter_time(at, outcome):
    verdict = check(leuven_law_graduate(wants_scholarship=True), at=at)
    assert verdict.scholarship.outcome == outcome
    assert verdict.outcome == "eligible"
