"""Minimum grades across scales: linear, and the modified Bavarian formula with rounding."""

import pytest

from openadmit.eligibility import Grade, parse_requirement_set
from openadmit.eligibility.kinds.grade_rules import apply_rounding, modified_bavarian
from tests.eligibility.factories import check, leuven_law_graduate, minimal_document, source


def with_grade_rule(**rule) -> object:
    document = minimal_document()
    document["criteria"].append(
        {"kind": "grade", "id": "grade", "title": "Final grade", "source": source(), **rule}
    )
    return parse_requirement_set(document)


def graduate_with(value: float, best: float = 20, pass_mark: float = 10) -> dict:
    profile = leuven_law_graduate()
    profile["degrees"][0]["grade"] = {"value": value, "best": best, "pass": pass_mark}
    return profile


def test_it_converts_a_flemish_grade_with_the_modified_bavarian_formula():
    # x = 1 + 3 (20 - 15) / (20 - 10) = 2.5
    assert modified_bavarian(Grade(value=15, best=20, **{"pass": 10})) == 2.5
    assert modified_bavarian(Grade(value=20, best=20, **{"pass": 10})) == 1.0
    assert modified_bavarian(Grade(value=10, best=20, **{"pass": 10})) == 4.0


@pytest.mark.parametrize(
    ("value", "rounding", "expected"),
    [
        (2.29, "truncate", 2.2),
        (2.29, "round", 2.3),
        (2.25, "round", 2.3),
        (2.3, "truncate", 2.3),
        (2.45, "grade_step", 2.3),
        (2.55, "grade_step", 2.7),
        (1.15, "grade_step", 1.0),
    ],
)
def test_it_rounds_as_the_institution_sets(value, rounding, expected):
    assert apply_rounding(value, rounding, 1) == expected


@pytest.mark.parametrize(
    ("rounding", "value", "outcome"),
    [
        # 14.7/20 -> 2.59: truncated 2.5 meets "2.5 or better"; rounded 2.6 does not.
        ("truncate", 14.7, "eligible"),
        ("round", 14.7, "ineligible"),
        # 14.9/20 -> 2.53: the nearest German step is 2.7, which misses 2.5.
        ("grade_step", 14.9, "ineligible"),
        ("grade_step", 15.5, "eligible"),
    ],
)
def test_it_decides_a_german_minimum_by_the_rounding_setting(rounding, value, outcome):
    rs = with_grade_rule(conversion="modified_bavarian", minimum=2.5, rounding=rounding)
    grade = check(graduate_with(value), at="2026-10-01T10:00:00+02:00", rs=rs).criterion("grade")
    assert grade.outcome == outcome
    assert "converts to" in grade.explanation


def test_it_converts_linearly_between_pass_and_best():
    # 3.0 on a 4.0 scale passing at 2.0 is halfway: 15 on 0-20 passing at 10.
    rs = with_grade_rule(conversion="linear", scale={"best": 20, "pass": 10}, minimum=14)
    at = "2026-10-01T10:00:00+02:00"
    assert (
        check(graduate_with(3.0, 4.0, 2.0), at=at, rs=rs).criterion("grade").outcome == "eligible"
    )
    assert (
        check(graduate_with(2.7, 4.0, 2.0), at=at, rs=rs).criterion("grade").outcome == "ineligible"
    )


def test_it_asks_for_the_grade_when_none_is_given():
    rs = with_grade_rule(conversion="modified_bavarian", minimum=2.5)
    grade = check(leuven_law_graduate(), at="2026-10-01T10:00:00+02:00", rs=rs).criterion("grade")
    assert grade.outcome == "incomplete"
    assert "final grade" in grade.explanation


def test_it_refuses_a_bavarian_rule_with_a_target_scale():
    with pytest.raises(ValueError, match="German 1.0-4.0"):
        with_grade_rule(conversion="modified_bavarian", scale={"best": 20, "pass": 10}, minimum=2.5)
