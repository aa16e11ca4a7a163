"""Golden cases: readable YAML files in cases/, each with the explanation of its outcome."""

from pathlib import Path

import pytest
import yaml

from openadmit.allocation.places import PlacesInput, allocate_places
from openadmit.allocation.places_check import check_places
from openadmit.allocation.scholarships import ScholarshipInput, allocate_scholarships
from openadmit.allocation.scholarships_check import check_scholarships

CASES = Path(__file__).parent / "cases"


def load(name: str) -> dict:
    case = yaml.safe_load((CASES / name).read_text(encoding="utf-8"))
    assert case["explanation"].strip(), f"{name} must explain its outcome"
    return case


@pytest.mark.parametrize("name", sorted(p.name for p in CASES.glob("scholarships_*.yaml")))
def test_it_awards_scholarships_as_each_case_explains(name):
    case = load(name)
    expected = case["expected"]
    result = allocate_scholarships(ScholarshipInput.model_validate(case["input"]))

    assert result.cap_per_nationality == expected["cap_per_nationality"]
    assert list(result.main_list) == expected["main_list"]
    assert list(result.reserve_list) == expected["reserve_list"]
    outcomes = {c.id: c for c in result.candidates}
    for candidate_id, want in expected["candidates"].items():
        outcome = outcomes[candidate_id]
        assert outcome.status == want["status"], candidate_id
        assert [r.code for r in outcome.reasons] == want["reasons"], candidate_id
        if "reserve_position" in want:
            assert outcome.reserve_position == want["reserve_position"], candidate_id
        if "counted_as" in want:
            assert list(outcome.counted_as) == want["counted_as"], candidate_id
        if "blocked_by" in want:
            first_cap = next(r for r in outcome.reasons if r.code == "cap_reached")
            assert list(first_cap.holders) == want["blocked_by"], candidate_id
            assert all(holder in first_cap.message for holder in want["blocked_by"])
    assert [e.model_dump() for e in result.history] == [
        {**event, "moved_up": tuple(event["moved_up"]), "passed_over": tuple(event["passed_over"])}
        for event in expected["history"]
    ]
    assert check_scholarships(result) == []


@pytest.mark.parametrize("name", sorted(p.name for p in CASES.glob("places_*.yaml")))
def test_it_allocates_places_as_each_case_explains(name):
    case = load(name)
    expected = case["expected"]
    result = allocate_places(PlacesInput.model_validate(case["input"]))

    assert {a.id: a.admitted_to for a in result.applicants} == expected["admitted_to"]
    for programme in result.programmes:
        if programme.id in expected.get("call_order", {}):
            assert list(programme.call_order) == expected["call_order"][programme.id]
    for applicant in result.applicants:
        assert list(applicant.not_ranked_by) == expected.get("not_ranked_by", {}).get(
            applicant.id, []
        )
    assert check_places(result) == []
