"""Quotas applied by re-ordering a programme's ranking into its call order, as Parcoursup does.

A quota asks that in every prefix of the call order (the first k applicants, for every k)
at least `ceil(min_share * k)` belong to its category, as long as members of the category
remain to be called. At each position the engine calls the best remaining member of the
first quota (in the programme's list) that would otherwise fall short, or else the best
remaining applicant. An applicant of several categories counts for each of them.
"""

from collections.abc import Collection, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction


def required_members(min_share: Decimal, called: int) -> int:
    """How many of the first `called` positions the quota's category must hold (rounded up)."""
    share = Fraction(min_share)
    return -((-share.numerator * called) // share.denominator)


def call_order(
    ranking: Sequence[str],
    categories: Mapping[str, Collection[str]],
    quotas: Sequence[tuple[str, Decimal]],
) -> list[str]:
    """The ranking re-ordered so that every quota `(category, min_share)` holds in every prefix."""
    if not quotas:
        return list(ranking)
    members = [
        [applicant for applicant in ranking if category in categories.get(applicant, ())]
        for category, _ in quotas
    ]
    next_member = [0] * len(quotas)
    counted = [0] * len(quotas)
    next_overall = 0
    called: set[str] = set()
    order: list[str] = []

    def best_remaining(candidates: Sequence[str], start: int) -> int:
        while start < len(candidates) and candidates[start] in called:
            start += 1
        return start

    for position in range(1, len(ranking) + 1):
        chosen = None
        for q, (_, min_share) in enumerate(quotas):
            next_member[q] = best_remaining(members[q], next_member[q])
            if counted[q] < required_members(min_share, position) and next_member[q] < len(
                members[q]
            ):
                chosen = members[q][next_member[q]]
                break
        if chosen is None:
            next_overall = best_remaining(ranking, next_overall)
            chosen = ranking[next_overall]
        called.add(chosen)
        order.append(chosen)
        held = categories.get(chosen, ())
        for q, (category, _) in enumerate(quotas):
            if category in held:
                counted[q] += 1
    return order
