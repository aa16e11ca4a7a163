"""Verify a place allocation from its result alone, without trusting the engine that made it.

Checks, each with its reasons: the result is consistent (every admission is one of the
applicant's choices, ranked by the programme, listed on both sides and by no other
programme; admitted lists name known applicants once, in call order; choice numbers and
the choices that did not rank an applicant are right); the call orders follow
from the rankings and quotas; no programme is over capacity; no blocking pair (an applicant
and a programme that ranks them, which they prefer to their place, with a free seat or a
worse-placed admitted applicant); and, for a result that says it comes from this engine's
algorithm, that it is the applicant-optimal stable allocation (any other stable
allocation, e.g. programme-optimal, passes when its `algorithm` says what made it).
"""

from openadmit.allocation.places import ALGORITHM, PlacesResult, allocate_places, call_orders


def check_places(result: PlacesResult) -> list[str]:
    problems: list[str] = []
    places = result.as_input()
    orders = call_orders(places)
    programmes = {p.id: p for p in result.programmes}
    position = {
        p.id: {a: k for k, a in enumerate(o)}
        for p, o in zip(places.programmes, orders, strict=True)
    }
    for programme, order in zip(result.programmes, orders, strict=True):
        if list(programme.call_order) != order:
            problems.append(f"{programme.id}: call order does not follow its ranking and quotas")
        if len(programme.admitted) > programme.capacity:
            admitted = len(programme.admitted)
            problems.append(f"{programme.id}: {admitted} admitted for {programme.capacity} places")

    problems += _listing_problems(result, position)
    admitted_by_programme = {p.id: set(p.admitted) for p in result.programmes}
    worst = {
        p.id: max((position[p.id][a] for a in p.admitted if a in position[p.id]), default=-1)
        for p in result.programmes
    }
    for applicant in result.applicants:
        place = applicant.admitted_to
        if place is None:
            if applicant.choice_number is not None:
                problems.append(
                    f"{applicant.id}: has no place but choice number {applicant.choice_number}"
                )
            better = applicant.choices
        elif place not in applicant.choices:
            problems.append(f"{applicant.id}: admitted to {place}, which they did not choose")
            continue
        else:
            if applicant.id not in admitted_by_programme[place]:
                problems.append(f"{applicant.id}: admitted to {place}, which does not list them")
            if applicant.id not in position[place]:
                problems.append(f"{applicant.id}: admitted to {place}, which did not rank them")
            better = applicant.choices[: applicant.choices.index(place)]
            if applicant.choice_number != len(better) + 1:
                problems.append(
                    f"{applicant.id}: {place} is choice {len(better) + 1}, not"
                    f" {applicant.choice_number}"
                )
        unranked = tuple(c for c in applicant.choices if applicant.id not in position[c])
        if applicant.not_ranked_by != unranked:
            problems.append(
                f"{applicant.id}: not ranked by {', '.join(unranked) or 'none of their choices'},"
                f" not by {', '.join(applicant.not_ranked_by) or 'none'}"
            )
        for programme_id in better:
            rank = position[programme_id].get(applicant.id)
            if rank is None:
                continue
            programme = programmes[programme_id]
            if len(programme.admitted) < programme.capacity:
                problems.append(
                    f"blocking pair: {applicant.id} prefers {programme_id}, which has a free place"
                )
            elif rank < worst[programme_id]:
                problems.append(
                    f"blocking pair: {applicant.id} prefers {programme_id}, which ranks them"
                    f" above an admitted applicant"
                )
    if problems or result.algorithm != ALGORITHM:
        return problems

    expected = {a.id: a.admitted_to for a in allocate_places(places).applicants}
    for applicant in result.applicants:
        if expected[applicant.id] != applicant.admitted_to:
            should, got = expected[applicant.id] or "no place", applicant.admitted_to or "no place"
            problems.append(
                f"{applicant.id}: stable, but the applicant-optimal allocation gives them"
                f" {should}, not {got}"
            )
    return problems


def _listing_problems(result: PlacesResult, position: dict[str, dict[str, int]]) -> list[str]:
    """Each programme's admitted list names known applicants, once, in call order, and
    only applicants whose own place is that programme."""
    place_of = {a.id: a.admitted_to for a in result.applicants}
    problems = []
    for programme in result.programmes:
        seen: set[str] = set()
        for applicant in programme.admitted:
            if applicant in seen:
                problems.append(f"{programme.id}: lists {applicant} as admitted twice")
                continue
            seen.add(applicant)
            if applicant not in place_of:
                problems.append(f"{programme.id}: lists {applicant!r} as admitted, an unknown id")
            elif place_of[applicant] is None:
                problems.append(
                    f"{applicant}: listed as admitted by {programme.id} but has no place"
                )
            elif place_of[applicant] != programme.id:
                problems.append(
                    f"{applicant}: listed as admitted by {programme.id} but admitted to"
                    f" {place_of[applicant]}"
                )
        called = position[programme.id]
        known = [a for a in programme.admitted if a in called]
        if known != sorted(known, key=called.__getitem__):
            problems.append(f"{programme.id}: admitted applicants are not in call order")
    return problems
