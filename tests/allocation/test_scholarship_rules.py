"""The documented rules a consortium relies on: how the cap is rounded, how ties are split."""

import hashlib
from decimal import Decimal

import pytest

from openadmit.allocation.scholarships import (
    Candidate,
    NationalityCap,
    ScholarshipInput,
    allocate_scholarships,
)


@pytest.mark.parametrize(
    ("share", "rounding", "scholarships", "cap"),
    [
        ("0.1", "down", 20, 2),
        ("0.1", "down", 25, 2),
        ("0.1", "up", 25, 3),
        ("0.1", "nearest", 25, 3),
        ("0.1", "nearest", 24, 2),
        ("0.15", "nearest", 10, 2),
        ("0.1", "down", 5, 1),
        ("0.7", "up", 10, 7),
    ],
)
def test_it_rounds_the_share_exactly_as_documented(share, rounding, scholarships, cap):
    rule = NationalityCap(share=Decimal(share), rounding=rounding)
    assert rule.per_nationality(scholarships) == cap


def test_it_takes_a_count_as_it_is():
    assert NationalityCap(count=3).per_nationality(100) == 3


def tied_round(seed: str | None) -> ScholarshipInput:
    return ScholarshipInput(
        scholarships=1,
        tie_break_seed=seed,
        candidates=[
            Candidate(id=name, rank=1, nationalities=(nationality,))
            for name, nationality in (("B", "BR"), ("A", "IN"), ("C", "NG"))
        ],
    )


def test_it_splits_equal_ranks_by_id_without_a_seed():
    result = allocate_scholarships(tied_round(None))
    assert [c.id for c in result.candidates] == ["A", "B", "C"]
    assert result.main_list == ("A",)


def test_it_splits_equal_ranks_by_a_reproducible_draw_with_a_seed():
    def draw(candidate_id: str) -> str:
        return hashlib.sha256(f"pioneer-2026:{candidate_id}".encode()).hexdigest()

    result = allocate_scholarships(tied_round("pioneer-2026"))
    assert [c.id for c in result.candidates] == sorted("ABC", key=draw)
    assert result.main_list == (min("ABC", key=draw),)
