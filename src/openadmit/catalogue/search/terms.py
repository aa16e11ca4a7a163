"""The word index beside the text index: per indexed word, its programmes and postings.

One row per word (`catalogue_searchterm`): the ids of the programmes holding it (ascending)
and, per programme, a run of values: SQLite keeps one (the word's count weighted by
column, what BM25 reads), PostgreSQL the word's positions with their weights (what
ts_rank reads). A search reads the rows of its words only, a few arrays, and ranks in
numpy; words come from the database's own text index (FTS5's tokenizer, the tsvector),
so a word matches here exactly where the database's own search matched it.

The rows are kept in step with the search entries by every reindex, in its transaction.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import psycopg
from django.db import connection

COUNTS = np.dtype("<u2")
IDS = np.dtype("<i8")


@dataclass
class Postings:
    """Programme ids (ascending), how many values each has, and the values in a row."""

    ids: np.ndarray
    counts: np.ndarray
    values: np.ndarray

    @classmethod
    def empty(cls, dtype) -> "Postings":
        return cls(np.empty(0, IDS), np.empty(0, COUNTS), np.empty(0, dtype))

    @property
    def starts(self) -> np.ndarray:
        ends = np.cumsum(self.counts, dtype=np.int64)
        return ends - self.counts

    def take(self, picks: np.ndarray) -> "Postings":
        """The postings of these ids (indexes or a mask), in the order given."""
        if picks.dtype == bool:
            picks = np.flatnonzero(picks)
        counts = self.counts[picks]
        total = int(counts.sum())
        # Each picked run's values: its start, then one past it, and so on.
        run_starts = np.repeat(self.starts[picks], counts)
        within = np.arange(total, dtype=np.int64) - np.repeat(
            np.cumsum(counts, dtype=np.int64) - counts, counts
        )
        return Postings(self.ids[picks], counts, self.values[run_starts + within])

    def without(self, ids: np.ndarray) -> "Postings":
        return self.take(~np.isin(self.ids, ids))

    def plus(self, other: "Postings") -> "Postings":
        joined = Postings(
            np.concatenate([self.ids, other.ids]),
            np.concatenate([self.counts, other.counts]),
            np.concatenate([self.values, other.values]),
        )
        return joined.take(np.argsort(joined.ids, kind="stable"))

    def encode(self) -> tuple[bytes, bytes]:
        return (
            self.ids.astype(IDS).tobytes(),
            self.counts.astype(COUNTS).tobytes() + self.values.tobytes(),
        )

    @classmethod
    def decode(cls, programmes: bytes, postings: bytes, dtype) -> "Postings":
        ids = np.frombuffer(programmes, dtype=IDS)
        if not postings:
            return cls(ids, np.empty(0, COUNTS), np.empty(0, dtype))
        counts = np.frombuffer(postings, dtype=COUNTS, count=len(ids))
        values = np.frombuffer(postings, dtype=dtype, offset=len(ids) * COUNTS.itemsize)
        return cls(ids, counts, values)


def collect(documents: Mapping[int, Mapping[str, Sequence[int]]], dtype) -> dict[str, Postings]:
    """Per word, the postings of these documents (id -> word -> its values)."""
    ids: dict[str, list[int]] = defaultdict(list)
    counts: dict[str, list[int]] = defaultdict(list)
    values: dict[str, list[int]] = defaultdict(list)
    for pk in sorted(documents):
        for term, run in documents[pk].items():
            ids[term].append(pk)
            counts[term].append(len(run))
            values[term].extend(run)
    return {
        term: Postings(
            np.asarray(ids[term], IDS),
            np.asarray(counts[term], COUNTS),
            np.asarray(values[term], dtype),
        )
        for term in ids
    }


def fetch_binary(cursor, sql: str, params: Sequence) -> list[tuple]:
    """The rows of a query of large binary values: on PostgreSQL in the binary protocol
    (bytea as it is, not as hexadecimal text twice its size)."""
    if connection.vendor == "postgresql":
        with psycopg.Cursor(connection.connection) as binary:
            binary.execute(sql, params, binary=True)
            return binary.fetchall()
    cursor.execute(sql, params)
    return cursor.fetchall()


def successor(prefix: str) -> str:
    """The first string after every string that starts with ``prefix`` (code point order,
    which is UTF-8 byte order, the order of the term column)."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def read(
    cursor, terms: Iterable[str], prefixes: Iterable[str], dtype, *, values: bool = True
) -> tuple[str | None, dict[str, Postings]]:
    """The postings of these words and of every word starting with one of ``prefixes``,
    with the index revision read in the same statement (None when no word is indexed).
    Without ``values`` only the programmes are read (their values left empty)."""
    clauses, params = [], []
    terms = sorted(set(terms))
    if terms:
        clauses.append(f"term IN ({', '.join(['%s'] * len(terms))})")
        params += terms
    for prefix in sorted(set(prefixes)):
        clauses.append("(term >= %s AND term < %s)")
        params += [prefix, successor(prefix)]
    if not clauses:
        return None, {}
    sql = (
        f"SELECT term, programmes, {'postings' if values else 'NULL'},"  # nosec B608 # fixed columns; words are parameters
        " (SELECT revision FROM catalogue_searchindexstate WHERE id = 1)"
        f" FROM catalogue_searchterm WHERE {' OR '.join(clauses)}"
    )
    rows = fetch_binary(cursor, sql, params)
    found = {
        term: Postings.decode(bytes(programmes), bytes(postings or b""), dtype)
        for term, programmes, postings, _revision in rows
    }
    return (rows[0][3] if rows else None), found


def join(batches: Sequence[Mapping[str, Postings]]) -> dict[str, Postings]:
    """Each word's postings over batches of ascending, disjoint programme ids."""
    runs: dict[str, list[Postings]] = defaultdict(list)
    for batch in batches:
        for term, p in batch.items():
            runs[term].append(p)
    return {
        term: Postings(
            np.concatenate([p.ids for p in parts]),
            np.concatenate([p.counts for p in parts]),
            np.concatenate([p.values for p in parts]),
        )
        for term, parts in runs.items()
    }


def merge(
    cursor, removed: Sequence[int], added: Mapping[str, Postings], touched: set[str], dtype
) -> None:
    """Take the ``removed`` programmes out of the ``touched`` words (every word they held)
    and add the new postings."""
    names = sorted(touched | set(added))
    if not names:
        return
    old: dict[str, Postings] = {}
    lock = " FOR UPDATE" if connection.vendor == "postgresql" else ""
    for start in range(0, len(names), 500):
        chunk = names[start : start + 500]
        cursor.execute(
            "SELECT term, programmes, postings FROM catalogue_searchterm"  # nosec B608 # placeholders only
            f" WHERE term IN ({', '.join(['%s'] * len(chunk))}) ORDER BY term{lock}",
            chunk,
        )
        for term, programmes, postings in cursor.fetchall():
            old[term] = Postings.decode(bytes(programmes), bytes(postings), dtype)
    removed_ids = np.asarray(sorted(removed), IDS)
    merged = {}
    for term in names:
        kept = old[term].without(removed_ids) if term in old else None
        if term in added:
            kept = added[term] if kept is None else kept.plus(added[term])
        if kept is not None and len(kept.ids):
            merged[term] = kept
    for start in range(0, len(names), 500):
        chunk = names[start : start + 500]
        cursor.execute(
            f"DELETE FROM catalogue_searchterm WHERE term IN ({', '.join(['%s'] * len(chunk))})",  # nosec B608 # placeholders only
            chunk,
        )
    insert(cursor, merged)


def insert(cursor, postings: Mapping[str, Postings]) -> None:
    rows = [(term, *p.encode()) for term, p in postings.items()]
    for start in range(0, len(rows), 1000):
        cursor.executemany(
            "INSERT INTO catalogue_searchterm (term, programmes, postings) VALUES (%s, %s, %s)",
            rows[start : start + 1000],
        )
