"""Student-proposing deferred acceptance on arrays, one round of proposals at a time.

Every free applicant proposes to their next choice at once; each programme then keeps the
best `capacity` of the proposals it held and the new ones, and rejects the rest, who propose
again in the next round. Gale and Shapley's result holds for any order of proposals, so
this gives the same applicant-optimal stable matching as a queue of single proposals, while
numpy does the work of a round in a few array operations (national scale: millions of
proposals in a few dozen rounds).
"""

from dataclasses import dataclass

import numpy as np

UNASSIGNED = -1


@dataclass(frozen=True)
class Preferences:
    """Both sides' preferences, in compressed rows.

    Applicant `a`'s choices, best first, are `choice_programme[choice_start[a]:choice_start[a+1]]`;
    `choice_rank[j]` is the place the programme of choice `j` gives that applicant (lower is
    better; equal ranks at one programme go to the lower applicant index). Every choice listed
    must be acceptable to its programme: leave out choices the programme did not rank.
    """

    choice_start: np.ndarray  # int64, applicants + 1
    choice_programme: np.ndarray  # int32, one per choice
    choice_rank: np.ndarray  # int64, one per choice
    capacity: np.ndarray  # int64, one per programme

    @property
    def applicants(self) -> int:
        return len(self.choice_start) - 1

    @property
    def programmes(self) -> int:
        return len(self.capacity)


def programme_order(prefs: Preferences) -> np.ndarray:
    """The choices sorted by programme, then by the programme's preference.

    Position in this order (a choice's "slot") compares two proposals to one programme with a
    single integer. When programme, rank and choice index fit in one 63-bit key, sorting the
    packed keys is much faster than an argsort; the choice index breaks ties as the applicant
    index does, since choices are stored applicant by applicant.
    """
    choices = prefs.choice_programme.size
    rank = prefs.choice_rank.astype(np.int64)
    if choices == 0:
        return np.empty(0, dtype=np.int64)
    rank = rank - rank.min()
    choice_bits = max(1, (choices - 1).bit_length())
    rank_bits = max(1, int(rank.max()).bit_length())
    programme_bits = max(1, (prefs.programmes - 1).bit_length())
    if choice_bits + rank_bits + programme_bits > 63:
        return np.lexsort((np.arange(choices), rank, prefs.choice_programme))
    key = prefs.choice_programme.astype(np.int64) << (rank_bits + choice_bits)
    key |= rank << choice_bits
    key |= np.arange(choices, dtype=np.int64)
    key.sort()
    key &= (1 << choice_bits) - 1
    return key


def deferred_acceptance(prefs: Preferences) -> np.ndarray:
    """Return, for each applicant, the index of the choice they are admitted on, or -1.

    The index points into `choice_programme`, so both the programme and how far down their
    list the applicant went can be read from it.
    """
    choices = prefs.choice_programme.size
    # 32-bit indices halve the memory traffic whenever the instance allows them.
    index = np.int32 if max(choices, prefs.applicants, prefs.programmes) < 2**31 - 1 else np.int64
    start = prefs.choice_start.astype(index)
    end = start[1:]
    # Nobody holds more than those who chose it: a huge capacity costs no memory.
    demand = np.bincount(prefs.choice_programme, minlength=prefs.programmes)
    capacity = np.minimum(prefs.capacity.astype(np.int64), demand)
    applicant_of_choice = np.repeat(np.arange(prefs.applicants, dtype=index), np.diff(start))
    choice_of_slot = programme_order(prefs).astype(index)
    slot_of_choice = np.empty(choices, dtype=index)
    slot_of_choice[choice_of_slot] = np.arange(choices, dtype=index)
    programme_of_slot = prefs.choice_programme[choice_of_slot].astype(index)
    applicant_of_slot = applicant_of_choice[choice_of_slot]
    del applicant_of_choice

    # What each programme holds: its best slots so far, sorted, in its own segment of
    # `capacity` entries, so a round reads and rewrites only the programmes it concerns.
    segment_start = np.zeros(prefs.programmes + 1, dtype=np.int64)
    np.cumsum(capacity, out=segment_start[1:])
    segments = np.empty(int(segment_start[-1]), dtype=index)
    holding = np.zeros(prefs.programmes, dtype=np.int64)
    # A full programme's worst held slot: a proposal with a higher slot is turned away
    # without reconsidering what the programme holds. Empty programmes turn everyone away.
    worst = np.where(capacity > 0, choices, -1).astype(index)
    next_choice = start[:-1].copy()
    proposed_to = np.zeros(prefs.programmes, dtype=bool)

    free = np.flatnonzero(next_choice < end).astype(index)
    while free.size:
        choice = next_choice[free]
        next_choice[free] = choice + 1
        proposed = slot_of_choice[choice]
        programme = programme_of_slot[proposed]
        beats_worst = proposed < worst[programme]
        turned_away = free[~beats_worst]
        proposed, programme = proposed[beats_worst], programme[beats_worst]

        proposed_to[programme] = True
        concerned = np.flatnonzero(proposed_to)
        proposed_to[concerned] = False
        contest = np.concatenate(
            (_gather(segments, segment_start[concerned], holding[concerned]), proposed)
        )
        contest.sort()
        programme = programme_of_slot[contest]

        # Each programme's group in the sorted contest: where it starts, each one's place.
        n = contest.size
        at = np.arange(n)
        group_start = np.empty(n, dtype=bool)
        group_start[:1] = True
        np.not_equal(programme[1:], programme[:-1], out=group_start[1:])
        position = at - np.maximum.accumulate(np.where(group_start, at, 0))
        room = capacity[programme]
        kept = position < room
        segments[segment_start[programme[kept]] + position[kept]] = contest[kept]
        firsts = np.flatnonzero(group_start)
        sizes = np.diff(np.append(firsts, n))
        holding[programme[firsts]] = np.minimum(sizes, room[firsts])
        filled = position == room - 1
        worst[programme[filled]] = contest[filled]

        free = np.concatenate((turned_away, applicant_of_slot[contest[~kept]]))
        free = free[next_choice[free] < end[free]]

    held = _gather(segments, segment_start[:-1], holding)
    admitted_on = np.full(prefs.applicants, UNASSIGNED, dtype=np.int64)
    admitted_on[applicant_of_slot[held]] = choice_of_slot[held]
    return admitted_on


def _gather(values: np.ndarray, starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """`values[starts[0]:starts[0]+lengths[0]]`, then the next range, ..., as one array."""
    total = int(lengths.sum())
    offsets = np.repeat(starts - np.cumsum(lengths) + lengths, lengths)
    return values[offsets + np.arange(total)]
