"""Properties of place allocation: capacity, stability, order independence, and the same
matching as the plain textbook algorithm."""

import random

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from openadmit.allocation.deferred_acceptance import Preferences, deferred_acceptance
from openadmit.allocation.places import PlacesInput, allocate_places
from openadmit.allocation.places_check import check_places
from openadmit.allocation.reference import plain_deferred_acceptance
from openadmit.allocation.synthetic import synthetic_preferences

from .factories import no_deadline, places_inputs


def blocking_pairs(
    places: PlacesInput, admitted_to: dict[str, str | None]
) -> list[tuple[str, str]]:
    """Written out from the definition, independent of the engine and of its checker."""
    result = allocate_places(places)
    order = {p.id: list(p.call_order) for p in result.programmes}
    capacity = {p.id: p.capacity for p in places.programmes}
    pairs = []
    for applicant in places.applicants:
        place = admitted_to[applicant.id]
        wanted = (
            applicant.choices
            if place is None
            else applicant.choices[: applicant.choices.index(place)]
        )
        for programme in wanted:
            if applicant.id not in order[programme]:
                continue
            admitted = [a for a, p in admitted_to.items() if p == programme]
            rank = order[programme].index
            if len(admitted) < capacity[programme] or any(
                rank(applicant.id) < rank(a) for a in admitted
            ):
                pairs.append((applicant.id, programme))
    return pairs


@no_deadline
@given(places_inputs())
def test_it_respects_capacities_and_leaves_no_blocking_pair(places):
    result = allocate_places(places)
    admitted_to = {a.id: a.admitted_to for a in result.applicants}
    for programme in places.programmes:
        assert sum(p == programme.id for p in admitted_to.values()) <= programme.capacity
    for applicant in places.applicants:
        place = admitted_to[applicant.id]
        assert place is None or place in applicant.choices
    assert blocking_pairs(places, admitted_to) == []
    assert check_places(result) == []


@no_deadline
@given(places_inputs(), st.randoms(use_true_random=False))
def test_it_gives_the_same_places_whatever_the_input_order(places, rng: random.Random):
    programmes, applicants = list(places.programmes), list(places.applicants)
    rng.shuffle(programmes)
    rng.shuffle(applicants)
    reordered = PlacesInput(programmes=tuple(programmes), applicants=tuple(applicants))

    def places_of(p):
        return {a.id: a.admitted_to for a in allocate_places(p).applicants}

    assert places_of(reordered) == places_of(places)


@st.composite
def preference_arrays(draw) -> Preferences:
    """Raw arrays, with equal ranks at a programme (broken by applicant index)."""
    programmes = draw(st.integers(1, 6))
    applicants = draw(st.integers(0, 20))
    start, programme, rank = [0], [], []
    for _ in range(applicants):
        chosen = draw(st.permutations(range(programmes)))[: draw(st.integers(0, programmes))]
        programme += chosen
        rank += [draw(st.integers(0, 4)) for _ in chosen]
        start.append(len(programme))
    capacity = [draw(st.integers(0, 4)) for _ in range(programmes)]
    return Preferences(
        np.array(start, dtype=np.int64),
        np.array(programme, dtype=np.int32),
        np.array(rank, dtype=np.int64),
        np.array(capacity, dtype=np.int64),
    )


def plain(prefs: Preferences) -> list[int]:
    return plain_deferred_acceptance(
        prefs.choice_start.tolist(),
        prefs.choice_programme.tolist(),
        prefs.choice_rank.tolist(),
        prefs.capacity.tolist(),
    )


@no_deadline
@given(preference_arrays())
def test_it_finds_the_same_matching_as_the_plain_algorithm(prefs):
    assert deferred_acceptance(prefs).tolist() == plain(prefs)


def test_it_finds_the_same_matching_as_the_plain_algorithm_on_a_medium_instance():
    prefs = synthetic_preferences(applicants=60_000, programmes=1_200, seed=7)
    admitted_on = deferred_acceptance(prefs)
    assert admitted_on.tolist() == plain(prefs)
    # The instance is competitive: many are placed, not all on their first choice, some not at all.
    placed = admitted_on >= 0
    first_choice = admitted_on == prefs.choice_start[:-1]
    assert 0.5 < placed.mean() < 1 and 0 < first_choice.mean() < placed.mean()


def test_it_ranks_with_wide_keys_as_with_narrow_ones():
    prefs = synthetic_preferences(applicants=5_000, programmes=100, seed=3)
    wide = Preferences(
        prefs.choice_start, prefs.choice_programme, prefs.choice_rank << 40, prefs.capacity
    )
    assert deferred_acceptance(wide).tolist() == deferred_acceptance(prefs).tolist()


def test_it_allocates_a_programme_of_any_capacity_without_reserving_memory_for_it():
    prefs = Preferences(
        np.array([0, 1, 2], dtype=np.int64),
        np.array([0, 0], dtype=np.int32),
        np.array([1, 0], dtype=np.int64),
        np.array([10**15], dtype=np.int64),
    )
    assert deferred_acceptance(prefs).tolist() == [0, 1]
