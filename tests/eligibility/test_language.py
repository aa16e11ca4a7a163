"""English tests beyond PIONEER's: per-section minimums and a validity period."""

import pytest

from openadmit.eligibility import parse_requirement_set
from tests.eligibility.factories import check, leuven_law_graduate, minimal_document, source

AT = "2026-10-01T10:00:00+02:00"


@pytest.fixture(scope="module")
def strict_set():
    """IELTS 7 with no band under 6.5; TOEFL iBT 94 with writing 22; results count 24 months."""
    document = minimal_document()
    document["criteria"].append(
        {
            "kind": "language",
            "id": "english",
            "title": "English",
            "language": "en",
            "source": source(),
            "tests": [
                {"test": "ielts_academic", "overall": 7, "every_section": 6.5,
                 "valid_for_months": 24, "source": source("IELTS 7, no band under 6.5")},
                {"test": "toefl_ibt", "overall": 94, "sections": {"writing": 22},
                 "valid_for_months": 24, "source": source("TOEFL iBT 94, writing 22")},
            ],
        }
    )  # fmt: skip
    return parse_requirement_set(document)


def english(strict_set, *tests):
    return check(leuven_law_graduate(language_tests=list(tests)), at=AT, rs=strict_set).criterion(
        "english"
    )


IELTS_BANDS = {"listening": 7, "reading": 7, "writing": 6.5, "speaking": 7}


def test_it_passes_when_every_band_reaches_its_minimum(strict_set):
    ielts = {
        "test": "ielts_academic",
        "overall": 7,
        "sections": IELTS_BANDS,
        "taken_on": "2025-06-01",
    }
    assert english(strict_set, ielts).outcome == "eligible"


def test_it_fails_a_band_under_the_minimum_naming_the_band(strict_set):
    bands = {**IELTS_BANDS, "writing": 6.0}
    result = english(
        strict_set,
        {"test": "ielts_academic", "overall": 7.5, "sections": bands, "taken_on": "2025-06-01"},
    )
    assert result.outcome == "ineligible"
    assert "writing score 6.0 is below the minimum of 6.5" in result.explanation


def test_it_asks_for_section_scores_that_have_minimums(strict_set):
    result = english(strict_set, {"test": "toefl_ibt", "overall": 100, "taken_on": "2025-06-01"})
    assert result.outcome == "incomplete"
    assert "writing" in result.explanation


def test_it_treats_an_expired_result_as_missing(strict_set):
    toefl = {
        "test": "toefl_ibt",
        "overall": 100,
        "sections": {"writing": 25},
        "taken_on": "2024-09-30",
    }
    result = english(strict_set, toefl)
    assert result.outcome == "incomplete"
    assert "older than 24 months" in result.explanation
    assert english(strict_set, {**toefl, "taken_on": "2024-10-01"}).outcome == "eligible"


def test_it_asks_when_the_test_was_taken_if_results_expire(strict_set):
    result = english(strict_set, {"test": "toefl_ibt", "overall": 100, "sections": {"writing": 25}})
    assert result.outcome == "incomplete"
    assert "when you took" in result.explanation


def test_it_does_not_need_a_test_from_an_exempt_applicant_even_a_failed_one():
    profile = leuven_law_graduate(
        secondary_school={"country": "IE", "language_of_instruction": "en"},
        language_tests=[{"test": "ielts_academic", "overall": 5.0}],
    )
    result = check(profile).criterion("english")
    assert result.outcome == "eligible"
    assert "Ireland" in result.explanation
