"""Who counts against which nationality's cap, for each way of counting dual nationals.

- `first_listed`: a scholarship counts against the first nationality the candidate lists
  (the one declared in the application).
- `all`: it counts against every nationality the candidate holds; one full cap blocks.
- `most_favourable`: it counts against one of the candidate's nationalities, chosen so that
  the candidate fits if any choice for them and for the holders already counted makes
  everyone fit: a holder may be moved to another of their nationalities to make room
  (an augmenting path, as in bipartite matching).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

DualNationals = Literal["first_listed", "all", "most_favourable"]


@dataclass(frozen=True)
class Blocked:
    """Why a candidate does not fit: these nationalities are full, held by these holders."""

    nationalities: tuple[str, ...]
    holders: tuple[str, ...]


class CapLedger:
    """The holders counted against each nationality, under one cap and one counting rule."""

    def __init__(self, cap: int, dual_nationals: DualNationals):
        self.cap = cap
        self.dual_nationals = dual_nationals
        self.nationalities_of: dict[str, tuple[str, ...]] = {}
        self.counted_as: dict[str, tuple[str, ...]] = {}
        self.holders: dict[str, list[str]] = {}

    def _full(self, nationality: str) -> bool:
        return len(self.holders.get(nationality, ())) >= self.cap

    def _count(self, candidate: str, nationalities: tuple[str, ...]) -> None:
        self.counted_as[candidate] = nationalities
        for nationality in nationalities:
            self.holders.setdefault(nationality, []).append(candidate)

    def _blocked(self, nationalities: Sequence[str]) -> Blocked:
        full = tuple(n for n in nationalities if self._full(n))
        holders = tuple(h for n in full for h in self.holders[n])
        return Blocked(full, tuple(dict.fromkeys(holders)))

    def add(self, candidate: str, nationalities: tuple[str, ...]) -> Blocked | None:
        """Count the candidate as a holder if every cap allows it; else say what blocks."""
        if self.dual_nationals == "first_listed":
            counted = nationalities[:1]
        elif self.dual_nationals == "all":
            counted = nationalities
        else:
            return self._add_most_favourable(candidate, nationalities)
        if any(self._full(n) for n in counted):
            return self._blocked(counted)
        self.nationalities_of[candidate] = nationalities
        self._count(candidate, counted)
        return None

    def _add_most_favourable(
        self, candidate: str, nationalities: tuple[str, ...]
    ) -> Blocked | None:
        room = next((n for n in nationalities if not self._full(n)), None)
        visited: set[str] = set()
        if room is None:
            room = next((n for n in nationalities if self._make_room(n, visited)), None)
        if room is None:
            # The candidate's own caps, then those of holders who could not move elsewhere.
            return self._blocked([*nationalities, *sorted(visited - set(nationalities))])
        self.nationalities_of[candidate] = nationalities
        self._count(candidate, (room,))
        return None

    def _make_room(self, nationality: str, visited: set[str]) -> bool:
        """Free a place under `nationality` by moving a holder to another of theirs."""
        if nationality in visited:
            return False
        visited.add(nationality)
        if not self._full(nationality):
            return True
        for holder in self.holders[nationality]:
            for other in self.nationalities_of[holder]:
                if other != nationality and self._make_room(other, visited):
                    self.holders[nationality].remove(holder)
                    self.holders.setdefault(other, []).append(holder)
                    self.counted_as[holder] = (other,)
                    return True
        return False

    def remove(self, candidate: str) -> None:
        for nationality in self.counted_as.pop(candidate):
            self.holders[nationality].remove(candidate)
        del self.nationalities_of[candidate]
