"""The checker accepts what the engine produces and names what is wrong in a broken result."""

import copy
import json
from pathlib import Path

import yaml
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from openadmit.allocation.check import check_result, read_result
from openadmit.allocation.errors import InputError
from openadmit.allocation.places import PlacesInput, allocate_places
from openadmit.allocation.places_check import check_places
from openadmit.allocation.scholarships import ScholarshipInput, allocate_scholarships
from openadmit.allocation.scholarships_check import check_scholarships

from .factories import no_deadline, places_inputs, scholarship_inputs

CASES = Path(__file__).parent / "cases"


def case_input(name: str) -> dict:
    return yaml.safe_load((CASES / name).read_text(encoding="utf-8"))["input"]


def tracks_result():
    return allocate_places(PlacesInput.model_validate(case_input("places_mobility_tracks.yaml")))


def with_place(result, applicant_id: str, programme_id: str | None):
    """The result with one applicant moved, listed consistently on both sides."""
    applicants = tuple(
        a.model_copy(
            update={
                "admitted_to": programme_id,
                "choice_number": a.choices.index(programme_id) + 1 if programme_id else None,
            }
        )
        if a.id == applicant_id
        else a
        for a in result.applicants
    )
    programmes = tuple(
        p.model_copy(
            update={
                "admitted": tuple(
                    a
                    for a in p.call_order
                    if any(x.id == a and x.admitted_to == p.id for x in applicants)
                )
            }
        )
        for p in result.programmes
    )
    return result.model_copy(update={"applicants": applicants, "programmes": programmes})


def test_it_finds_a_programme_over_capacity():
    broken = with_place(tracks_result(), "dan", "PIONEER-LEUVEN")
    assert "PIONEER-LEUVEN: 2 admitted for 1 places" in check_places(broken)


def test_it_finds_a_blocking_pair():
    broken = with_place(with_place(tracks_result(), "ben", None), "dan", "PIONEER-LEUVEN")
    assert (
        "blocking pair: ben prefers PIONEER-LEUVEN, which ranks them above an admitted applicant"
        in check_places(broken)
    )


def test_it_finds_a_free_place_someone_wanted():
    broken = with_place(tracks_result(), "ben", None)
    assert "blocking pair: ben prefers PIONEER-LEUVEN, which has a free place" in check_places(
        broken
    )


def test_it_finds_a_place_that_was_not_chosen():
    broken = with_place(tracks_result(), "ben", None).model_copy()
    applicants = tuple(
        a.model_copy(update={"admitted_to": "NATIONAL-MPA", "choice_number": 1})
        if a.id == "ben"
        else a
        for a in broken.applicants
    )
    problems = check_places(broken.model_copy(update={"applicants": applicants}))
    assert "ben: admitted to NATIONAL-MPA, which they did not choose" in problems


def test_it_finds_a_quota_that_was_ignored():
    result = allocate_places(
        PlacesInput.model_validate(case_input("places_quota_reorders_ranking.yaml"))
    )
    programmes = tuple(
        p.model_copy(update={"call_order": p.ranking}) if p.id == "LAW" else p
        for p in result.programmes
    )
    problems = check_places(result.model_copy(update={"programmes": programmes}))
    assert "LAW: call order does not follow its ranking and quotas" in problems


def pioneer_result():
    round_ = ScholarshipInput.model_validate(
        {**case_input("scholarships_pioneer_2026.yaml"), "declines": []}
    )
    return allocate_scholarships(round_)


def with_statuses(result, swapped: dict[str, str]):
    """The result with candidates' statuses changed and the main list following them."""
    candidates = tuple(
        c.model_copy(
            update={
                "status": swapped[c.id],
                "counted_as": c.nationalities if swapped[c.id] == "awarded" else (),
            }
        )
        if c.id in swapped
        else c
        for c in result.candidates
    )
    main_list = tuple(c.id for c in candidates if c.status == "awarded")
    return result.model_copy(update={"candidates": candidates, "main_list": main_list})


def test_it_accepts_an_allocation_with_its_declines():
    round_ = ScholarshipInput.model_validate(case_input("scholarships_pioneer_2026.yaml"))
    assert check_scholarships(allocate_scholarships(round_)) == []


def test_it_finds_a_third_scholarship_for_one_nationality():
    broken = with_statuses(pioneer_result(), {"C22": "reserve", "C04": "awarded"})
    assert "BR: 3 scholarships, above the cap of 2" in check_scholarships(broken)


def test_it_finds_a_candidate_passed_over_without_a_cap():
    broken = with_statuses(pioneer_result(), {"C05": "reserve", "C23": "awarded"})
    problems = check_scholarships(broken)
    assert "C05: passed over at position 5 although every cap allowed a scholarship" in problems


def test_it_finds_a_cap_that_does_not_follow_the_settings():
    broken = pioneer_result().model_copy(update={"cap_per_nationality": 3})
    assert "cap per nationality is 2 under the settings, not 3" in check_scholarships(broken)


def crossed_preferences() -> PlacesInput:
    """Two stable allocations: each applicant's favourite prefers the other applicant."""
    return PlacesInput.model_validate(
        {
            "programmes": [
                {"id": "X", "capacity": 1, "ranking": ["b", "a"]},
                {"id": "Y", "capacity": 1, "ranking": ["a", "b"]},
            ],
            "applicants": [
                {"id": "a", "choices": ["X", "Y"]},
                {"id": "b", "choices": ["Y", "X"]},
            ],
        }
    )


def programme_optimal(result):
    return with_place(with_place(result, "a", "Y"), "b", "X")


def test_it_finds_a_stable_result_that_is_not_the_engines():
    problems = check_places(programme_optimal(allocate_places(crossed_preferences())))
    assert problems == [
        "a: stable, but the applicant-optimal allocation gives them X, not Y",
        "b: stable, but the applicant-optimal allocation gives them Y, not X",
    ]


def test_it_accepts_any_stable_result_that_says_how_it_was_made():
    other = programme_optimal(allocate_places(crossed_preferences())).model_copy(
        update={"algorithm": "programme-proposing deferred acceptance"}
    )
    assert check_places(other) == []


def json_paths(value, path=()):
    """Every place in a JSON document, as the keys and indices leading to it."""
    yield path
    if isinstance(value, dict | list):
        for key, child in value.items() if isinstance(value, dict) else enumerate(value):
            yield from json_paths(child, (*path, key))


TAMPERED_VALUES = [None, 0, -1, 7, "", "X", "BR", "awarded", "reserve", [], ["X"], {}, True, 1.5]


@no_deadline
@given(st.one_of(places_inputs(), scholarship_inputs()), st.data())
def test_it_reports_a_tampered_result_without_crashing(round_, data):
    if isinstance(round_, PlacesInput):
        result = allocate_places(round_)
    else:
        result = allocate_scholarships(round_)
    document = json.loads(result.model_dump_json())
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from([p for p in json_paths(document) if p]))
        parent = document
        for key in path[:-1]:
            parent = parent[key]
        # A copy: the same list written twice could otherwise end up inside itself.
        parent[path[-1]] = copy.deepcopy(data.draw(st.sampled_from(TAMPERED_VALUES)))
    try:
        problems = check_result(read_result(document))
    except (InputError, ValidationError):
        return
    assert all(isinstance(problem, str) and problem for problem in problems)
