"""Verify a scholarship allocation from its result alone.

Checks, each with its reasons: the cap follows from the settings; no nationality holds more
than its cap under the counting rule; lists, statuses and positions agree; candidates are in
rank order with the documented tie-break; before any decline, nobody was passed over unless
a cap blocked them; and re-running the same input gives the same result.
"""

from collections import Counter

from openadmit.allocation.nationality_caps import CapLedger
from openadmit.allocation.scholarships import ScholarshipResult, allocate_scholarships


def check_scholarships(result: ScholarshipResult) -> list[str]:
    problems: list[str] = []
    round_ = result.as_input()
    cap = round_.nationality_cap.per_nationality(round_.scholarships)
    if result.cap_per_nationality != cap:
        problems.append(
            f"cap per nationality is {cap} under the settings, not {result.cap_per_nationality}"
        )

    holders = [c for c in result.candidates if c.status == "awarded"]
    if len(holders) > result.scholarships:
        problems.append(f"{len(holders)} scholarships awarded, {result.scholarships} available")
    if [c.id for c in holders] != list(result.main_list):
        problems.append("the main list does not match the candidates marked awarded")
    reserve = [c for c in result.candidates if c.status == "reserve"]
    if [c.id for c in reserve] != list(result.reserve_list):
        problems.append("the reserve list does not match the candidates marked reserve, in order")
    for k, candidate in enumerate(reserve, start=1):
        if candidate.reserve_position != k:
            problems.append(
                f"{candidate.id}: reserve position {candidate.reserve_position}, expected {k}"
            )

    expected_order = [c.id for c in round_.in_order()]
    if [c.id for c in result.candidates] != expected_order:
        problems.append("candidates are not in rank order with the documented tie-break")
    for p, candidate in enumerate(result.candidates, start=1):
        if candidate.position != p:
            problems.append(f"{candidate.id}: position {candidate.position}, expected {p}")

    counts: Counter[str] = Counter()
    for holder in holders:
        problems += _counting_problems(holder.id, holder.nationalities, holder.counted_as, result)
        counts.update(holder.counted_as)
    for nationality, count in sorted(counts.items()):
        if count > cap:
            problems.append(f"{nationality}: {count} scholarships, above the cap of {cap}")

    if not result.declines:
        problems += _passed_over_without_cause(result, cap)

    if not problems and allocate_scholarships(round_) != result:
        problems.append("re-running the same input gives a different result")
    return problems


def _counting_problems(holder, nationalities, counted_as, result: ScholarshipResult) -> list[str]:
    if result.dual_nationals == "first_listed":
        expected_ok = counted_as == nationalities[:1]
    elif result.dual_nationals == "all":
        expected_ok = counted_as == nationalities
    else:
        expected_ok = len(counted_as) == 1 and counted_as[0] in nationalities
    if expected_ok:
        return []
    return [
        f"{holder}: counted as {', '.join(counted_as) or 'nothing'}, against the"
        f" {result.dual_nationals} rule for {', '.join(nationalities)}"
    ]


def _passed_over_without_cause(result: ScholarshipResult, cap: int) -> list[str]:
    """A candidate without a scholarship placed before a holder must be blocked by a cap."""
    ledger = CapLedger(cap, result.dual_nationals)
    for holder in result.candidates:
        if holder.status == "awarded" and ledger.add(holder.id, holder.nationalities) is not None:
            return [f"{holder.id}: the holders cannot all be counted within the caps"]
    last_holder = max((c.position for c in result.candidates if c.status == "awarded"), default=0)
    problems = []
    for candidate in result.candidates:
        if candidate.status == "awarded" or candidate.position > last_holder:
            continue
        if ledger.add(candidate.id, candidate.nationalities) is None:
            ledger.remove(candidate.id)
            problems.append(
                f"{candidate.id}: passed over at position {candidate.position} although every"
                " cap allowed a scholarship"
            )
    return problems
