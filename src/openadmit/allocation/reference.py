"""Plain deferred acceptance: a queue of free applicants and a heap per programme.

The textbook algorithm in pure Python, kept as the reference the vectorised engine is
compared with (tests on medium instances, the benchmark at national scale).
"""

from collections import deque
from heapq import heappush, heapreplace

from openadmit.allocation.deferred_acceptance import UNASSIGNED


def plain_deferred_acceptance(
    choice_start: list[int],
    choice_programme: list[int],
    choice_rank: list[int],
    capacity: list[int],
) -> list[int]:
    """Same contract as `deferred_acceptance`, on plain lists; returns a list."""
    applicants = len(choice_start) - 1
    next_choice = choice_start[:-1]
    # Each heap holds (-rank, -applicant) of the proposals a programme keeps, so its top is
    # the worst of them: the one a better proposal replaces.
    held: list[list[tuple[int, int]]] = [[] for _ in capacity]
    free = deque(range(applicants))
    while free:
        applicant = free.popleft()
        choice = next_choice[applicant]
        if choice == choice_start[applicant + 1]:
            continue
        next_choice[applicant] = choice + 1
        programme = choice_programme[choice]
        heap = held[programme]
        entry = (-choice_rank[choice], -applicant)
        if len(heap) < capacity[programme]:
            heappush(heap, entry)
        elif heap and entry > heap[0]:
            free.append(-heapreplace(heap, entry)[1])
        else:
            free.append(applicant)
    admitted_on = [UNASSIGNED] * applicants
    for heap in held:
        for _, negative_applicant in heap:
            applicant = -negative_applicant
            admitted_on[applicant] = next_choice[applicant] - 1
    return admitted_on
