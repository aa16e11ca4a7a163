"""Choosing reviewers for a file with balanced load. Pure: no Django import.

The reviewers with the fewest files in the intake go first. Ties are broken by a hash of
the file and the reviewer rather than by name, so that the same two reviewers are not
paired on every file: crossed pairs are what lets harsh and lenient reviewers be told
apart (``statistics``).
"""

import hashlib
from collections.abc import Hashable, Mapping

__all__ = ["least_loaded"]


def _tie_break(file_key: str, reviewer: Hashable) -> str:
    return hashlib.sha256(f"{file_key}:{reviewer}".encode()).hexdigest()


def least_loaded(loads: Mapping[Hashable, int], count: int, *, file_key: str) -> list[Hashable]:
    """Up to ``count`` of the eligible reviewers (reviewer -> files they hold in the
    intake), least loaded first."""
    ranked = sorted(loads, key=lambda reviewer: (loads[reviewer], _tie_break(file_key, reviewer)))
    return ranked[: max(count, 0)]
