"""The search entries of one index revision, held in memory as compact columns.

Every filter, facet count and sort of a search runs over these arrays (numpy) instead of
the database: a facet's counts are one `bincount` of its value codes over the rows that
pass every other filter, and a page in a sort order is the first rows of a permutation
built once per revision. A worker builds the snapshot once per revision (the revision
changes with every import) and its threads share it under a lock; it is the index itself,
not a cache of answers: every search is computed afresh from it.
"""

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

import numpy as np
from django.db import connection
from django.utils import timezone

from openadmit.catalogue.caching import index_revision
from openadmit.catalogue.constants import SortOrder

# Where a programme without an open intake sorts by deadline: after every date.
NO_DEADLINE = np.iinfo(np.int64).max
COLUMNS = {
    "subject": "subject_area",
    "degree": "degree",
    "level": "study_level",
    "mode": "study_mode",
    "country": "country",
    "institution": "institution_id",
    "language": "languages",
    "ects": "ects",
    "duration": "duration_months",
}


NOT_A_TIME = np.iinfo(np.int64).min  # numpy's NaT as an integer


def moment_column(column: str) -> str:
    """SQL reading a datetime column for `moments`: on PostgreSQL as microseconds since
    the epoch, on SQLite as it is stored (UTC text; an expression, which the driver does
    not convert to a datetime one row at a time)."""
    if connection.vendor == "postgresql":
        return f"(EXTRACT(EPOCH FROM {column}) * 1000000)::bigint"
    return f"CAST({column} AS TEXT)"


def moments(values: Sequence) -> np.ndarray:
    """Values read through `moment_column` as microseconds, NO_DEADLINE for none."""
    if connection.vendor == "postgresql":
        return np.fromiter(
            (NO_DEADLINE if v is None else v for v in values), dtype=np.int64, count=len(values)
        )
    read = np.array(values, dtype="datetime64[us]").astype(np.int64)
    read[read == NOT_A_TIME] = NO_DEADLINE
    return read


def moment(value) -> int:
    """A stored or given moment as microseconds since the epoch (UTC), comparable as the
    database compares them."""
    if value is None:
        return NO_DEADLINE
    if isinstance(value, str):  # SQLite keeps naive UTC text, "2027-08-15 21:59:59"
        value = datetime.fromisoformat(value).replace(tzinfo=UTC)
    elif timezone.is_naive(value):
        value = value.replace(tzinfo=UTC)
    delta = value - datetime(1970, 1, 1, tzinfo=UTC)
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


@dataclass
class Facet:
    """One filter's values (ascending, so that codes sort as values do) and each row's
    code into them."""

    values: list
    codes: np.ndarray
    index: dict = field(default_factory=dict)

    def lookup(self, wanted) -> np.ndarray:
        """A boolean per code: whether that value is among ``wanted``."""
        table = np.zeros(len(self.values), dtype=bool)
        for value in wanted:
            code = self.index.get(value)
            if code is not None:
                table[code] = True
        return table


@dataclass
class Snapshot:
    revision: str
    ids: np.ndarray  # programme ids, ascending: row i is programme ids[i]
    facets: dict[str, Facet]
    closes: np.ndarray  # each row's last open deadline in microseconds, NO_DEADLINE if none
    tokens: np.ndarray  # each row's count of indexed words (SQLite's BM25 reads it)
    orders: dict[str, np.ndarray]  # per sort order: rows in that order
    positions: dict[str, np.ndarray]  # per sort order: each row's place in it
    row_of: np.ndarray  # programme id -> row, -1 for none

    @property
    def size(self) -> int:
        return len(self.ids)

    def rows_of(self, programme_ids: np.ndarray) -> np.ndarray:
        """The row of each programme id, -1 for an id not indexed here."""
        inside = (programme_ids >= 0) & (programme_ids < len(self.row_of))
        rows = np.full(len(programme_ids), -1, dtype=np.int64)
        rows[inside] = self.row_of[programme_ids[inside]]
        return rows

    def nbytes(self) -> int:
        arrays = [self.ids, self.closes, self.tokens, self.row_of]
        arrays += [f.codes for f in self.facets.values()]
        arrays += [*self.orders.values(), *self.positions.values()]
        return sum(a.nbytes for a in arrays)


def _encode(column: list) -> Facet:
    values = sorted(set(column))
    index = {value: code for code, value in enumerate(values)}
    codes = np.fromiter((index[value] for value in column), dtype=np.int32, count=len(column))
    return Facet(values=values, codes=codes, index=index)


def build(revision: str) -> Snapshot:
    names = list(COLUMNS.values())
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT programme_id, {', '.join(names)}, {moment_column('closes_at')}, tokens"
            " FROM catalogue_searchentry ORDER BY programme_id"
        )
        rows = cursor.fetchall()
        # Titles in the database's own collation, as the SQL sorted them.
        cursor.execute(
            "SELECT programme_id FROM catalogue_searchentry ORDER BY title, programme_id"
        )
        by_title = np.fromiter((row[0] for row in cursor.fetchall()), dtype=np.int64)
    columns = list(zip(*rows, strict=True)) if rows else [()] * (len(names) + 3)
    ids = np.asarray(columns[0], dtype=np.int64)
    facets = {param: _encode(list(columns[1 + i])) for i, param in enumerate(COLUMNS)}
    closes = moments(columns[-2])
    tokens = np.asarray(columns[-1], dtype=np.int64)
    row_of = np.full(int(ids.max()) + 1 if len(ids) else 0, -1, dtype=np.int32)
    row_of[ids] = np.arange(len(ids), dtype=np.int32)
    # Rows are in id order, so a stable sort breaks ties by programme id as the SQL did.
    orders = {
        SortOrder.TITLE: row_of[by_title] if len(ids) else np.empty(0, dtype=np.int32),
        SortOrder.DEADLINE: np.argsort(closes, kind="stable"),
        SortOrder.DURATION: _numeric_order(facets["duration"]),
        SortOrder.ECTS: _numeric_order(facets["ects"]),
    }
    positions = {}
    for order, permutation in orders.items():
        place = np.empty(len(ids), dtype=np.int32)
        place[permutation] = np.arange(len(ids), dtype=np.int32)
        positions[order] = place
    return Snapshot(revision, ids, facets, closes, tokens, orders, positions, row_of)


def _numeric_order(facet: Facet) -> np.ndarray:
    values = np.asarray(facet.values, dtype=np.int64)
    return np.argsort(values[facet.codes] if len(facet.codes) else values, kind="stable")


_lock = threading.Lock()
_current: list[Snapshot] = []


def current(revision: str | None = None) -> Snapshot:
    """The snapshot of the index's current revision, built at most once per revision in
    this process; threads wait for the one building it.

    The revision is read again after building: an import that committed meanwhile (it
    renews the revision in its own transaction) makes the build start over, so that a
    snapshot never mixes two revisions.
    """
    revision = index_revision() if revision is None else revision
    if _current and _current[0].revision == revision:
        return _current[0]
    with _lock:
        while not (_current and _current[0].revision == revision):
            snapshot = build(revision)
            if index_revision() == revision:
                _current[:] = [snapshot]
            else:
                revision = index_revision()
        return _current[0]
