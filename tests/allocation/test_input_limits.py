"""`openadmit allocate` refuses what it cannot read faithfully, naming the field, and its
checker refuses a places result whose lists contradict each other."""

import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from openadmit.allocation.json_io import read_json, write_json
from openadmit.allocation.places import allocate_places
from openadmit.allocation.places_check import check_places
from openadmit.allocation.scholarships import allocate_scholarships
from tests.allocation.test_cli import run, write_case_input

from .factories import no_deadline, places_inputs, scholarship_inputs

TRACKS = "places_mobility_tracks.yaml"
SCHOLARSHIPS = "scholarships_dual_national_all.yaml"


def places_result(tmp_path, capsys) -> dict:
    _, out, _ = run(capsys, "allocate", "places", str(write_case_input(tmp_path, TRACKS)))
    return json.loads(out)


def check(tmp_path, capsys, result: dict) -> tuple[int, str]:
    path = tmp_path / "result.json"
    path.write_text(write_json(result), encoding="utf-8")
    code, out, _ = run(capsys, "allocate", "check", str(path), "--format", "text")
    return code, out


def programme(result: dict, programme_id: str) -> dict:
    return next(p for p in result["programmes"] if p["id"] == programme_id)


@pytest.mark.parametrize(
    ("intruder", "words"),
    [
        ("ana", "ana: listed as admitted by NATIONAL-MPA but admitted to PIONEER-TALLINN"),
        ("zoe", "NATIONAL-MPA: lists 'zoe' as admitted, an unknown id"),
    ],
)
def test_check_refuses_a_programme_listing_someone_admitted_elsewhere_or_unknown(
    tmp_path, capsys, intruder, words
):
    result = places_result(tmp_path, capsys)
    programme(result, "NATIONAL-MPA")["admitted"].append(intruder)
    code, out = check(tmp_path, capsys, result)
    assert code == 1
    assert f"- {words}" in out


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda r: programme(r, "NATIONAL-MPA")["admitted"].append("cai"),
         "NATIONAL-MPA: lists cai as admitted twice"),
        (lambda r: programme(r, "NATIONAL-MPA")["admitted"].reverse(),
         "NATIONAL-MPA: admitted applicants are not in call order"),
        (lambda r: r["applicants"][3].update(choice_number=1),
         "dan: has no place but choice number 1"),
        (lambda r: r["applicants"][4].update(not_ranked_by=[]),
         "eve: not ranked by PIONEER-TALLINN, not by none"),
    ],
)  # fmt: skip
def test_check_refuses_other_contradictions_within_a_places_result(tmp_path, capsys, change, words):
    result = places_result(tmp_path, capsys)
    change(result)
    code, out = check(tmp_path, capsys, result)
    assert code == 1
    assert f"- {words}" in out


@pytest.mark.parametrize(
    ("case", "changes", "field"),
    [
        (TRACKS, {"programmes": [{"id": "P", "capacity": "2", "ranking": []}]},
         "programmes[0].capacity: Input should be a valid integer"),
        (TRACKS, {"programmes": [{"id": "P", "capacity": True, "ranking": []}]},
         "programmes[0].capacity: Input should be a valid integer"),
        (TRACKS, {"programmes": [{"id": "P", "capacity": 2**63, "ranking": []}]},
         "programmes[0].capacity: Input should be less than or equal to 1000000000"),
        (TRACKS, {"programmes": [{"id": "P", "capacity": 2.0, "ranking": []}]},
         "programmes[0].capacity: Input should be a valid integer"),
        (SCHOLARSHIPS, {"candidates": [{"id": "A", "rank": "2", "nationalities": ["BR"]}]},
         "candidates[0].rank: Input should be a valid integer"),
        (SCHOLARSHIPS, {"candidates": [{"id": "A", "rank": True, "nationalities": ["BR"]}]},
         "candidates[0].rank: Input should be a valid integer"),
        (SCHOLARSHIPS, {"scholarships": 10**28},
         "scholarships: Input should be less than or equal to 1000000000"),
        (SCHOLARSHIPS, {"scholarships": 10**26},
         "scholarships: Input should be less than or equal to 1000000000"),
        (SCHOLARSHIPS, {"scholarships": "20"}, "scholarships: Input should be a valid integer"),
        (SCHOLARSHIPS, {"reserve_size": False}, "reserve_size: Input should be a valid integer"),
        (SCHOLARSHIPS, {"nationality_cap": {"count": True}},
         "nationality_cap.count: Input should be a valid integer"),
        (SCHOLARSHIPS, {"nationality_cap": {"share": "0.1"}},
         "nationality_cap.share: Value error, a share is a JSON number"),
        (SCHOLARSHIPS, {"nationality_cap": {"share": Decimal("1E-21")}},
         "nationality_cap.share: Decimal input should have no more than 20 decimal places"),
    ],
)  # fmt: skip
def test_it_refuses_numbers_it_cannot_read_faithfully_naming_the_field(
    tmp_path, capsys, case, changes, field
):
    path = tmp_path / "input.json"
    path.write_text(write_json({**json.loads(write_case_input(tmp_path, case).read_text()),
                                **changes}))  # fmt: skip
    action = "places" if case == TRACKS else "scholarships"
    code, out, err = run(capsys, "allocate", action, str(path))
    assert code == 2
    assert f"error: {path}: {field}" in err
    assert out == ""


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity", "1" + "0" * 5000])
def test_it_refuses_a_number_json_does_not_have_or_python_cannot_read(tmp_path, capsys, number):
    path = tmp_path / "input.json"
    path.write_text(f'{{"scholarships": {number}, "candidates": []}}')
    code, _, err = run(capsys, "allocate", "scholarships", str(path))
    assert code == 2
    assert "not valid JSON" in err


def scholarships_with_share(tmp_path, capsys, share: str, scholarships: int) -> dict:
    path = tmp_path / "input.json"
    path.write_text(
        f'{{"scholarships": {scholarships}, "nationality_cap": {{"share": {share},'
        ' "rounding": "up"}, "candidates": [{"id": "A", "rank": 1, "nationalities": ["BR"]}]}'
    )
    code, out, err = run(capsys, "allocate", "scholarships", str(path))
    assert code == 0, err
    return json.loads(out, parse_float=Decimal)


def test_it_reads_a_share_as_the_exact_decimal_written_and_writes_it_back(tmp_path, capsys):
    # As a float, 0.30000000000000001 is 0.3: 30% of 10, rounded up, would be 3, not 4.
    result = scholarships_with_share(tmp_path, capsys, "0.30000000000000001", 10)
    assert result["cap_per_nationality"] == 4
    assert result["nationality_cap"]["share"] == Decimal("0.30000000000000001")
    assert "30.000000000000001% of 10 scholarships" in result["cap_rule"]
    code, out = check(tmp_path, capsys, result)
    assert code == 0, out


def test_it_computes_the_cap_exactly_however_many_digits_the_product_has(tmp_path, capsys):
    # 0.10000000000000000001 x 1,000,000,000 has 29 digits: decimal arithmetic at its
    # default 28 digits rounds the product to 100000000 exactly, and the cap to 100000000.
    result = scholarships_with_share(tmp_path, capsys, "0.10000000000000000001", 10**9)
    assert result["cap_per_nationality"] == 100_000_001


@no_deadline
@given(places_inputs(), st.data())
def test_check_refuses_any_admitted_list_naming_someone_placed_elsewhere_or_unknown(places, data):
    result = allocate_places(places)
    programmes = list(result.programmes)
    p = data.draw(st.integers(0, len(programmes) - 1))
    others = [a.id for a in result.applicants if a.admitted_to != programmes[p].id]
    intruder = data.draw(st.sampled_from([*others, "nobody-by-this-id"]))
    programmes[p] = programmes[p].model_copy(
        update={"admitted": (*programmes[p].admitted, intruder)}
    )
    broken = result.model_copy(update={"programmes": tuple(programmes)})
    assert any(intruder in problem for problem in check_places(broken))


@no_deadline
@given(places_inputs())
def test_a_places_result_reads_back_as_written(places):
    result = allocate_places(places)
    assert type(result).model_validate(read_json(write_json(result.model_dump()))) == result


@no_deadline
@given(scholarship_inputs())
def test_a_scholarship_result_reads_back_as_written(round_):
    result = allocate_scholarships(round_)
    assert type(result).model_validate(read_json(write_json(result.model_dump()))) == result
