"""Properties of scholarship allocation, checked on many generated rounds."""

import itertools
import random
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from openadmit.allocation.scholarships import (
    Candidate,
    ScholarshipInput,
    ScholarshipResult,
    allocate_scholarships,
)
from openadmit.allocation.scholarships_check import check_scholarships

from .factories import no_deadline, scholarship_inputs


def fits_under_caps(people: list[Candidate], cap: int, rule: str) -> bool:
    """Brute force, independent of the engine: can these holders all count within the caps?"""
    if rule == "first_listed":
        counts = Counter(p.nationalities[0] for p in people)
        return all(n <= cap for n in counts.values())
    if rule == "all":
        counts = Counter(n for p in people for n in p.nationalities)
        return all(n <= cap for n in counts.values())
    return any(
        all(n <= cap for n in Counter(choice).values())
        for choice in itertools.product(*(p.nationalities for p in people))
    )


def holders(result: ScholarshipResult) -> list[Candidate]:
    return [
        Candidate(id=c.id, rank=c.rank, nationalities=c.nationalities)
        for c in result.candidates
        if c.status == "awarded"
    ]


@no_deadline
@given(scholarship_inputs())
def test_it_never_puts_a_nationality_above_its_cap(round_):
    result = allocate_scholarships(round_)
    awarded = holders(result)
    assert len(awarded) <= round_.scholarships
    assert fits_under_caps(awarded, result.cap_per_nationality, round_.dual_nationals)
    counted = Counter(n for c in result.candidates for n in c.counted_as)
    assert all(count <= result.cap_per_nationality for count in counted.values())


@no_deadline
@given(scholarship_inputs())
def test_it_never_skips_a_candidate_whose_caps_allow_an_award(round_):
    result = allocate_scholarships(round_)
    awarded = holders(result)
    last_award = max((c.position for c in result.candidates if c.status == "awarded"), default=0)
    for candidate in result.candidates:
        if candidate.status != "awarded" and candidate.position < last_award:
            person = Candidate(
                id=candidate.id, rank=candidate.rank, nationalities=candidate.nationalities
            )
            assert not fits_under_caps(
                [*awarded, person], result.cap_per_nationality, round_.dual_nationals
            )
            assert candidate.reasons[0].code == "cap_reached"
            assert candidate.reasons[0].holders


@no_deadline
@given(scholarship_inputs(), st.randoms(use_true_random=False))
def test_it_gives_the_same_result_whatever_the_input_order(round_, rng: random.Random):
    shuffled = list(round_.candidates)
    rng.shuffle(shuffled)
    reordered = round_.model_copy(update={"candidates": tuple(shuffled)})
    assert allocate_scholarships(reordered) == allocate_scholarships(round_)


@no_deadline
@given(scholarship_inputs(), st.data())
def test_it_moves_up_the_best_reserve_candidate_who_keeps_every_cap(round_, data):
    declines: list[str] = []
    result = allocate_scholarships(round_)
    for _ in range(data.draw(st.integers(1, 4))):
        can_decline = [*result.main_list, *result.reserve_list]
        if not can_decline:
            break
        declines.append(data.draw(st.sampled_from(can_decline)))
        before = result
        result = allocate_scholarships(
            ScholarshipInput(**{**round_.__dict__, "declines": tuple(declines)})
        )
        event = result.history[-1]
        assert result.history[:-1] == before.history
        assert event.declined == declines[-1]
        if event.had == "scholarship":
            cap, rule = result.cap_per_nationality, round_.dual_nationals
            awarded = [c for c in holders(before) if c.id != event.declined]
            reserve = [_person(c) for c in before.candidates if c.status == "reserve"]
            moved = []
            while len(awarded) < round_.scholarships:
                fitting = [c for c in reserve if fits_under_caps([*awarded, c], cap, rule)]
                if not fitting:
                    break
                awarded.append(fitting[0])
                reserve.remove(fitting[0])
                moved.append(fitting[0].id)
            assert list(event.moved_up) == moved
            for passed in event.passed_over:
                assert not fits_under_caps([*awarded, _person(outcome(result, passed))], cap, rule)
        assert check_scholarships(result) == []
        assert fits_under_caps(holders(result), result.cap_per_nationality, round_.dual_nationals)


def outcome(result: ScholarshipResult, candidate_id: str):
    return next(c for c in result.candidates if c.id == candidate_id)


def _person(outcome) -> Candidate:
    return Candidate(id=outcome.id, rank=outcome.rank, nationalities=outcome.nationalities)


@no_deadline
@given(scholarship_inputs())
def test_it_explains_every_candidate(round_):
    result = allocate_scholarships(round_)
    for candidate in result.candidates:
        assert candidate.reasons and all(r.message for r in candidate.reasons)
    assert check_scholarships(result) == []
