"""Quotas re-order a programme's ranking into its call order, as Parcoursup does."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from openadmit.allocation.quotas import call_order, required_members

from .factories import SHARES, no_deadline


@st.composite
def rankings(draw):
    size = draw(st.integers(0, 30))
    ranking = [f"a{i}" for i in range(size)]
    members = {a for a in ranking if draw(st.booleans())}
    return ranking, members


@no_deadline
@given(rankings(), st.sampled_from(SHARES))
def test_it_keeps_the_minimum_share_in_every_prefix_while_members_remain(ranked, share):
    ranking, members = ranked
    order = call_order(ranking, {a: {"bursary"} for a in members}, [("bursary", share)])
    assert sorted(order) == sorted(ranking)
    for k in range(1, len(order) + 1):
        called = sum(a in members for a in order[:k])
        members_left = any(a in members for a in order[k:])
        assert called >= required_members(share, k) or not members_left
    # Within each group, the ranking's order is kept.
    assert [a for a in order if a in members] == [a for a in ranking if a in members]
    assert [a for a in order if a not in members] == [a for a in ranking if a not in members]


def test_it_rounds_the_share_up_exactly():
    assert required_members(Decimal("0.1"), 30) == 3
    assert required_members(Decimal("0.1"), 31) == 4
    assert required_members(Decimal("0.5"), 1) == 1


def test_it_serves_the_first_listed_quota_first_when_two_fall_short():
    ranking = ["a", "b", "c", "d"]
    categories = {"b": {"resident"}, "c": {"bursary"}}
    quotas = [("bursary", Decimal("0.5")), ("resident", Decimal("0.5"))]
    assert call_order(ranking, categories, quotas) == ["c", "b", "a", "d"]


def test_it_leaves_a_ranking_without_quotas_as_it_is():
    assert call_order(["b", "a"], {"a": {"bursary"}}, []) == ["b", "a"]
