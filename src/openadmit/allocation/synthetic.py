"""Seeded synthetic place-allocation instances, national scale included.

Programmes differ in popularity (a Zipf-like law), applicants list up to `max_choices`
distinct programmes drawn by popularity, and every programme ranks its applicants by a
shared ability plus its own judgement. The benchmark and the tests build the same instance
from the same seed.
"""

import numpy as np

from openadmit.allocation.deferred_acceptance import Preferences

SEATS_PER_APPLICANT = 0.8


def synthetic_preferences(
    applicants: int, programmes: int, max_choices: int = 10, seed: int = 2026
) -> Preferences:
    rng = np.random.default_rng(seed)
    popularity = 1.0 / np.arange(10, programmes + 10) ** 0.8
    popularity = rng.permutation(popularity / popularity.sum())

    lengths = rng.integers(1, max_choices + 1, size=applicants)
    drawn = rng.choice(programmes, size=(applicants, max_choices), p=popularity).astype(np.int32)
    # A programme drawn twice counts once, at its first place in the applicant's list.
    order = np.argsort(drawn, axis=1, kind="stable")
    ordered = np.take_along_axis(drawn, order, axis=1)
    repeated = np.zeros_like(drawn, dtype=bool)
    rows, cols = np.nonzero(ordered[:, 1:] == ordered[:, :-1])
    repeated[rows, order[rows, cols + 1]] = True
    listed = ~repeated & (np.arange(max_choices) < lengths[:, None])
    del order, ordered, repeated

    choice_programme = drawn[listed]
    choice_start = np.zeros(applicants + 1, dtype=np.int64)
    np.cumsum(listed.sum(axis=1), out=choice_start[1:])
    applicant = np.repeat(np.arange(applicants), np.diff(choice_start))
    del drawn, listed

    ability = rng.standard_normal(applicants)
    score = ability[applicant] + 0.5 * rng.standard_normal(choice_programme.size)
    by_programme = np.lexsort((applicant, -score, choice_programme))
    del score, applicant
    grouped = choice_programme[by_programme]
    first = np.flatnonzero(np.r_[True, grouped[1:] != grouped[:-1]])
    sizes = np.diff(np.r_[first, grouped.size])
    choice_rank = np.empty(choice_programme.size, dtype=np.int64)
    choice_rank[by_programme] = np.arange(grouped.size) - np.repeat(first, sizes)

    seats = SEATS_PER_APPLICANT * applicants * popularity * rng.uniform(0.5, 1.5, programmes)
    capacity = np.maximum(1, seats.astype(np.int64))
    return Preferences(choice_start, choice_programme, choice_rank, capacity)
