"""The search entries (and open intakes) of one index revision, in memory as columns.

Every filter, facet count and sort of a search runs over these arrays (numpy) instead of
the database: a facet's counts are one `bincount` of its value codes over the rows that
pass every other filter, and a page in a sort order is the first rows of a permutation
built once per revision. A worker builds the snapshot once per revision (the revision
changes with every import) and its threads share it under a lock; it is the index itself,
not a cache of answers: every search is computed afresh from it. It holds the open
intakes too, in deadline order, for "where can I apply?".
"""

import io
import json
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

import numpy as np
from django.db import connection
from django.utils import timezone

from openadmit.catalogue.caching import index_revision
from openadmit.catalogue.constants import SortOrder
from openadmit.catalogue.search.terms import fetch_binary

# Where a programme without an open intake sorts by deadline: after every date.
NO_DEADLINE = np.iinfo(np.int64).max
SORTED = (SortOrder.TITLE, SortOrder.DEADLINE, SortOrder.DURATION, SortOrder.ECTS)
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
class OpenIntakeArrays:
    """The intakes marked open, soonest last deadline first (ties by programme)."""

    closes: np.ndarray  # last deadline, microseconds since the epoch
    programmes: np.ndarray  # programme id
    sets: np.ndarray  # requirement set id
    codes: np.ndarray  # intake code, as an index into `code_names`
    code_names: list[str]
    last_intake: int  # the highest intake id when read: intakes added since are not here


def read_open_intakes() -> OpenIntakeArrays:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {moment_column('closes_at')}, programme_id, requirement_set_id, code"  # nosec B608 # fixed columns
            " FROM catalogue_intake WHERE is_open"
        )
        listed = cursor.fetchall()
        cursor.execute("SELECT MAX(id) FROM catalogue_intake")
        last = cursor.fetchone()[0] or 0
    closes, programmes, sets, codes = zip(*listed, strict=True) if listed else ([], [], [], [])
    closes, programmes = moments(closes), np.asarray(programmes, dtype=np.int64)
    # Soonest last deadline first (numpy sorts faster than the database's temporary tree).
    order = np.lexsort((programmes, closes))
    code_names, code_index = np.unique(np.asarray(codes, dtype=object), return_inverse=True)
    return OpenIntakeArrays(
        closes=closes[order],
        programmes=programmes[order],
        sets=np.asarray(sets, dtype=np.int64)[order],
        codes=code_index[order].astype(np.int32),
        code_names=[str(code) for code in code_names],
        last_intake=int(last),
    )


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
    intakes: OpenIntakeArrays

    @property
    def size(self) -> int:
        return len(self.ids)

    def rows_of(self, programme_ids: np.ndarray) -> np.ndarray:
        """The row of each programme id, -1 for an id not indexed here."""
        inside = (programme_ids >= 0) & (programme_ids < len(self.row_of))
        rows = np.full(len(programme_ids), -1, dtype=np.int64)
        rows[inside] = self.row_of[programme_ids[inside]]
        return rows


def _encode(column: list) -> Facet:
    values = sorted(set(column))
    index = {value: code for code, value in enumerate(values)}
    codes = np.fromiter((index[value] for value in column), dtype=np.int32, count=len(column))
    return Facet(values=values, codes=codes, index=index)


def build(revision: str) -> Snapshot:
    names = list(COLUMNS.values())
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT programme_id, {', '.join(names)}, {moment_column('closes_at')}, tokens"  # nosec B608 # fixed columns
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
    return _assemble(revision, ids, facets, closes, tokens, orders, read_open_intakes())


def _assemble(revision, ids, facets, closes, tokens, orders, intakes) -> Snapshot:
    """The snapshot, with what is derived from its arrays: rows by id, places in orders."""
    row_of = np.full(int(ids.max()) + 1 if len(ids) else 0, -1, dtype=np.int32)
    row_of[ids] = np.arange(len(ids), dtype=np.int32)
    positions = {}
    for order, permutation in orders.items():
        place = np.empty(len(ids), dtype=np.int32)
        place[permutation] = np.arange(len(ids), dtype=np.int32)
        positions[order] = place
    return Snapshot(revision, ids, facets, closes, tokens, orders, positions, row_of, intakes)


def encode(snapshot: Snapshot) -> bytes:
    """The snapshot's arrays in one blob (numpy's .npz, uncompressed), stored with its
    revision so that a fresh worker loads it instead of building it."""
    values = json.dumps(
        {
            "facets": {param: facet.values for param, facet in snapshot.facets.items()},
            "intake_codes": snapshot.intakes.code_names,
            "last_intake": snapshot.intakes.last_intake,
        }
    )
    intakes = snapshot.intakes
    arrays = {
        "intake_closes": intakes.closes,
        "intake_programmes": intakes.programmes,
        "intake_sets": intakes.sets,
        "intake_codes": intakes.codes,
        "ids": snapshot.ids,
        "closes": snapshot.closes,
        "tokens": snapshot.tokens,
        "values": np.frombuffer(values.encode(), dtype=np.uint8),
        **{f"codes_{param}": facet.codes for param, facet in snapshot.facets.items()},
        **{f"order_{order}": permutation for order, permutation in snapshot.orders.items()},
    }
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return buffer.getvalue()


def decode(revision: str, blob: bytes) -> Snapshot:
    arrays = np.load(io.BytesIO(blob))
    values = json.loads(arrays["values"].tobytes())
    facets = {}
    for param, listed in values["facets"].items():
        index = {value: code for code, value in enumerate(listed)}
        facets[param] = Facet(values=listed, codes=arrays[f"codes_{param}"], index=index)
    orders = {order: arrays[f"order_{order}"] for order in SORTED}
    intakes = OpenIntakeArrays(
        closes=arrays["intake_closes"],
        programmes=arrays["intake_programmes"],
        sets=arrays["intake_sets"],
        codes=arrays["intake_codes"],
        code_names=values["intake_codes"],
        last_intake=values["last_intake"],
    )
    return _assemble(
        revision, arrays["ids"], facets, arrays["closes"], arrays["tokens"], orders, intakes
    )


def store(revision: str) -> None:
    """Build the revision's snapshot from the search entries and store it with the
    revision, replacing the previous one (in the caller's transaction)."""
    blob = encode(build(revision))
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM catalogue_searchsnapshot")
        cursor.execute(
            "INSERT INTO catalogue_searchsnapshot (revision, arrays) VALUES (%s, %s)",
            [revision, blob],
        )


def _load(revision: str) -> Snapshot:
    """The stored snapshot of the revision, else one built from the search entries."""
    with connection.cursor() as cursor:
        rows = fetch_binary(
            cursor, "SELECT arrays FROM catalogue_searchsnapshot WHERE revision = %s", [revision]
        )
    return decode(revision, bytes(rows[0][0])) if rows else build(revision)


def _numeric_order(facet: Facet) -> np.ndarray:
    values = np.asarray(facet.values, dtype=np.int64)
    return np.argsort(values[facet.codes] if len(facet.codes) else values, kind="stable")


_lock = threading.Lock()
_current: list[Snapshot] = []


def current(revision: str | None = None) -> Snapshot:
    """The snapshot of the index's current revision, built at most once per revision in
    this process; threads wait for the one building it.

    A fresh worker loads the snapshot stored with the revision (one read). Without one
    it builds it from the search entries, and reads the revision again afterwards: an
    import that committed meanwhile (it renews the revision in its own transaction) makes
    the build start over, so that a snapshot never mixes two revisions.
    """
    revision = index_revision() if revision is None else revision
    if _current and _current[0].revision == revision:
        return _current[0]
    with _lock:
        while not (_current and _current[0].revision == revision):
            snapshot = _load(revision)
            if index_revision() == revision:
                _current[:] = [snapshot]
            else:
                revision = index_revision()
        return _current[0]
