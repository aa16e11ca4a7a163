"""Numbers, dates and moments beyond any real application are refused naming the field,
never turned into infinity, a wrong result or a crash deep in a rule."""

import json
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from openadmit.cli import main
from openadmit.eligibility import (
    MomentError,
    ProfileError,
    RequirementSetError,
    compile_requirement_set,
    evaluate,
    parse_moment,
    parse_profile,
    parse_requirement_set,
)
from tests.eligibility.factories import (
    check,
    leuven_law_graduate,
    minimal_document,
    pioneer,
    source,
)


def problems_of(profile) -> dict[str, str]:
    with pytest.raises(ProfileError) as error:
        parse_profile(profile)
    return error.value.problems


def graded(**grade) -> dict:
    profile = leuven_law_graduate()
    profile["degrees"][0]["grade"] = {"value": 15, "best": 20, "pass": 10, **grade}
    return profile


@pytest.mark.parametrize("number", ["1e400", "-1e400", "NaN", "Infinity", "-Infinity"])
@pytest.mark.parametrize("part", ["value", "best", "pass"])
def test_it_refuses_a_grade_that_json_reads_as_infinity_or_nan(number, part):
    profile = json.loads(json.dumps(graded()).replace(f'"{part}": ', f'"{part}": {number}, "x":'))
    del profile["degrees"][0]["grade"]["x"]
    problems = problems_of(profile)
    assert problems == {f"degrees.0.grade.{part}": "Input should be a finite number"}


@pytest.mark.parametrize("part", ["value", "best", "pass"])
def test_it_refuses_a_grade_beyond_any_grading_scale(part):
    problems = problems_of(graded(**{part: -1e300}))
    assert "greater than or equal to -1000000" in problems[f"degrees.0.grade.{part}"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"language_tests": [{"test": "ielts_academic", "overall": float("nan")}]},
         "language_tests.0.overall"),
        ({"language_tests": [{"test": "toefl_ibt", "overall": float("inf")}]},
         "language_tests.0.overall"),
        ({"language_tests": [{"test": "toefl_ibt", "overall": 100,
                              "sections": {"reading": float("-inf")}}]},
         "language_tests.0.sections.reading"),
        ({"relevant_experience_months": float("inf")}, "relevant_experience_months"),
        ({"relevant_experience_months": 10**400}, "relevant_experience_months"),
    ],
)  # fmt: skip
def test_it_refuses_non_finite_scores_and_months(change, field):
    assert field in problems_of(leuven_law_graduate(**change))


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"relevant_experience_months": True}, "relevant_experience_months"),
        ({"relevant_experience_months": "24"}, "relevant_experience_months"),
        ({"language_tests": [{"test": "ielts_academic", "overall": "7.0"}]},
         "language_tests.0.overall"),
        ({"language_tests": [{"test": "ielts_academic", "overall": True}]},
         "language_tests.0.overall"),
        ({"wants_scholarship": "yes"}, "wants_scholarship"),
        ({"previous_erasmus_mundus_scholarship": 1}, "previous_erasmus_mundus_scholarship"),
    ],
)  # fmt: skip
def test_it_takes_no_text_or_truth_value_for_a_number_and_no_number_for_a_flag(change, field):
    assert field in problems_of(leuven_law_graduate(**change))


@pytest.mark.parametrize("day", ["0001-01-01", "1899-12-31", "2200-01-01", "9999-12-31"])
def test_it_refuses_a_test_date_outside_the_engines_years(day):
    profile = leuven_law_graduate(
        language_tests=[{"test": "ielts_academic", "overall": 7.0, "taken_on": day}]
    )
    assert "out of range" in problems_of(profile)["language_tests.0.taken_on"]


def test_it_keeps_a_grade_far_below_a_narrow_scales_pass_mark_finite_and_failing():
    document = minimal_document()
    document["criteria"].append(
        {"kind": "grade", "id": "grade", "title": "Final grade", "source": source(),
         "conversion": "modified_bavarian", "minimum": 2.5}
    )  # fmt: skip
    rs = parse_requirement_set(document)
    # The scale is as narrow as a float can be: the conversion is beyond any float.
    profile = graded(value=-1_000_000, best=5e-324, **{"pass": 0})
    grade = check(profile, at="2026-10-01T10:00:00+02:00", rs=rs).criterion("grade")
    assert grade.outcome == "ineligible"


@pytest.mark.parametrize(
    "moment",
    [
        "9999-12-31T23:59:59+00:00",
        "9999-12-31T23:59:59-14:00",
        "0001-01-01T00:00:00+00:00",
        "0001-01-01T00:00:00+14:00",
        "2200-01-02T00:00:00+00:00",
        "1899-12-30T23:59:59+00:00",
    ],
)
def test_it_refuses_a_moment_outside_the_engines_years(moment):
    with pytest.raises(MomentError, match="must fall within the years 1900 to 2199"):
        parse_moment(moment)
    with pytest.raises(MomentError):
        compile_requirement_set(pioneer()).evaluate(
            parse_profile(leuven_law_graduate()), datetime.fromisoformat(moment)
        )


def test_it_accepts_every_moment_of_the_first_and_last_day_in_any_time_zone():
    profile = parse_profile(leuven_law_graduate())
    for moment in ("1900-01-01T00:00:00+14:00", "2199-12-31T23:59:59-12:00"):
        verdict = evaluate(pioneer(), profile, parse_moment(moment))
        assert verdict.criterion("deadline").outcome in {"eligible", "ineligible"}


# Moments anywhere, and near the ends of Python's calendar and of the engine's years.
MOMENTS = st.one_of(
    st.datetimes(),
    st.datetimes(max_value=datetime(1, 1, 3)),
    st.datetimes(min_value=datetime(9999, 12, 29)),
    st.datetimes(min_value=datetime(1899, 12, 29), max_value=datetime(1900, 1, 3)),
    st.datetimes(min_value=datetime(2199, 12, 29), max_value=datetime(2200, 1, 3)),
).map(lambda moment: moment.replace(tzinfo=UTC))


@given(MOMENTS, st.integers(-23 * 60 - 59, 23 * 60 + 59))
@example(datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC), 0)
@example(datetime(1, 1, 1, tzinfo=UTC), 14 * 60)
def test_it_answers_any_moment_with_a_verdict_or_a_moment_error(moment, offset_minutes):
    """Whatever the moment and its offset: never an OverflowError from a deadline."""
    try:
        at = moment.astimezone(timezone(timedelta(minutes=offset_minutes)))
    except OverflowError:
        return  # not a moment Python can write with that offset: nobody can send it
    profile = parse_profile(leuven_law_graduate())
    try:
        verdict = compile_requirement_set(pioneer()).evaluate(profile, at)
    except MomentError:
        assert not datetime(1899, 12, 31, tzinfo=UTC) <= at < datetime(2200, 1, 2, tzinfo=UTC)
    else:
        assert verdict.deadline is not None


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"closes_on": "9999-12-31"}, "criteria.0.deadlines.0.closes_on"),
        ({"closes_on": "0001-01-01"}, "criteria.0.deadlines.0.closes_on"),
    ],
)
def test_it_refuses_a_requirement_set_deadline_outside_the_engines_years(change, field):
    document = minimal_document()
    document["criteria"][0]["deadlines"][0].update(change)
    with pytest.raises(RequirementSetError, match=f"{field}: .*out of range"):
        parse_requirement_set(document)


@pytest.mark.parametrize(
    ("criterion", "field"),
    [
        ({"kind": "grade", "conversion": "linear", "scale": {"best": float("inf"), "pass": 10},
          "minimum": 14}, "criteria.1.scale.best"),
        ({"kind": "grade", "conversion": "modified_bavarian", "minimum": float("nan")},
         "criteria.1.minimum"),
        ({"kind": "language", "language": "en", "tests": [
            {"test": "ielts_academic", "overall": 6.5, "valid_for_months": 10**12,
             "source": source()}]}, "criteria.1.tests.0.valid_for_months"),
    ],
)  # fmt: skip
def test_it_refuses_a_requirement_sets_number_beyond_reason(criterion, field):
    document = minimal_document()
    document["criteria"].append({"id": "extra", "title": "Extra", "source": source(), **criterion})
    with pytest.raises(RequirementSetError, match=field):
        parse_requirement_set(document)


@pytest.fixture
def profile_file(tmp_path):
    def write(text: str) -> str:
        path = tmp_path / "profile.json"
        path.write_text(text)
        return str(path)

    return write


def test_the_command_line_refuses_an_out_of_range_moment_naming_at(profile_file, capsys):
    path = profile_file(json.dumps(leuven_law_graduate()))
    assert main(["check", "pioneer", path, "--at", "9999-12-31T23:59:59+00:00"]) == 2
    assert capsys.readouterr().err.startswith("error: --at: 9999-12-31T23:59:59+00:00 is out")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('{"nationalities": ["IN"], "language_tests": [{"test": "toefl_ibt", "overall": 1e400}]}',
         "error: language_tests.0.overall: Input should be a finite number"),
        ('{"nationalities": ["IN"], "relevant_experience_months": 1' + "0" * 5000 + "}",
         "not valid JSON"),
    ],
)  # fmt: skip
def test_the_command_line_refuses_an_unreadable_number_naming_it(profile_file, capsys, text, words):
    assert main(["check", "pioneer", profile_file(text)]) == 2
    assert words in capsys.readouterr().err
