"""SQLite's FTS5: a porter-stemmed index ranked by BM25, title weighted most.

Words are split and stemmed by FTS5's own tokenizer, run on a private in-memory table,
so the word index holds exactly the terms the FTS5 table does. A search ranks with FTS5's
`bm25()` formula over the word index's postings (each word's count weighted by column,
each programme's count of words), computed in the same order of operations.
"""

import math
import sqlite3
import threading
from collections import defaultdict
from collections.abc import Sequence

import numpy as np

from openadmit.catalogue.search import terms
from openadmit.catalogue.search.engine import Operand, SearchBackend
from openadmit.catalogue.search.snapshot import Snapshot

# BM25 column weights: title, subject, institution, overview.
WEIGHTS = "10.0, 4.0, 2.0, 1.0"
COLUMN_WEIGHTS = {"title": 10, "subject": 4, "institution": 2, "overview": 1}
TOKENIZE = "porter unicode61 remove_diacritics 2"
# FTS5's bm25() constants.
K1 = 1.2
B = 0.75


class _Tokenizer(threading.local):
    """FTS5's tokenizer on a private in-memory table (one per thread)."""

    def __init__(self) -> None:
        self.db = sqlite3.connect(":memory:")
        self.db.execute(
            "CREATE VIRTUAL TABLE t USING fts5(title, subject, institution, overview,"
            f" tokenize = '{TOKENIZE}')"
        )
        self.db.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')")

    def split(self, rows: Sequence[tuple]) -> dict[int, tuple[dict[str, list[int]], int]]:
        """Per (id, title, subject, institution, overview) row: each term's count weighted
        by column, and the row's count of terms."""
        self.db.executemany(
            "INSERT INTO t (rowid, title, subject, institution, overview) VALUES (?, ?, ?, ?, ?)",
            rows,
        )
        weighted: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        sizes: dict[int, int] = defaultdict(int)
        for term, doc, column in self.db.execute("SELECT term, doc, col FROM v"):
            weighted[doc][term] += COLUMN_WEIGHTS[column]
            sizes[doc] += 1
        self.db.execute("DELETE FROM t")
        return {pk: ({term: [n] for term, n in weighted[pk].items()}, sizes[pk]) for pk, *_ in rows}

    def words(self, words: Sequence[str]) -> list[list[str]]:
        """Each word's terms, in order."""
        self.db.executemany(
            "INSERT INTO t (rowid, title) VALUES (?, ?)", list(enumerate(words, start=1))
        )
        found: list[list[tuple[int, str]]] = [[] for _ in words]
        for term, doc, offset in self.db.execute("SELECT term, doc, offset FROM v"):
            found[doc - 1].append((offset, term))
        self.db.execute("DELETE FROM t")
        return [[term for _, term in sorted(tokens)] for tokens in found]


_tokenizer = _Tokenizer()


class SqliteSearch(SearchBackend):
    values_dtype = np.dtype("<u4")

    def match_sql(self, words: Sequence[str], *, ranked: bool) -> tuple[str, list]:
        # Each word quoted (no FTS5 syntax from the reader); the last one as a prefix.
        terms = [f'"{word}"' for word in words]
        if len(words[-1]) >= 3:
            terms[-1] += "*"
        rank = f", bm25(catalogue_programme_fts, {WEIGHTS}) AS rank" if ranked else ""
        return (
            f"SELECT rowid AS id{rank} FROM catalogue_programme_fts"  # nosec B608 # WEIGHTS is a constant; words are a parameter
            " WHERE catalogue_programme_fts MATCH %s",
            [" ".join(terms)],
        )

    def delete_text(self, cursor, ids: Sequence[int] | None) -> None:
        if ids is None:
            cursor.execute("DELETE FROM catalogue_programme_fts")
            return
        cursor.executemany(
            "DELETE FROM catalogue_programme_fts WHERE rowid = %s", [(i,) for i in ids]
        )

    def write_text(self, cursor, rows: Sequence[tuple[int, str, str, str, str]]) -> None:
        cursor.executemany(
            "INSERT INTO catalogue_programme_fts (rowid, title, subject, institution, overview)"
            " VALUES (%s, %s, %s, %s, %s)",
            rows,
        )

    def indexed(self, cursor, ids: Sequence[int]) -> dict[int, tuple[dict[str, list[int]], int]]:
        found = {}
        for start in range(0, len(ids), 500):
            chunk = list(ids[start : start + 500])
            cursor.execute(
                "SELECT rowid, title, subject, institution, overview FROM catalogue_programme_fts"  # nosec B608 # placeholders only
                f" WHERE rowid IN ({', '.join(['%s'] * len(chunk))})",
                chunk,
            )
            found.update(_tokenizer.split(cursor.fetchall()))
        return found

    def operands(self, cursor, words: Sequence[str]) -> list[Operand] | None:
        split = _tokenizer.words(words)
        # A word of several terms is a phrase, of none is ignored by FTS5: the database
        # matches those itself.
        if any(len(word_terms) != 1 for word_terms in split):
            return None
        last = len(words) - 1
        return [
            Operand(word_terms[0], prefix=i == last and len(words[-1]) >= 3)
            for i, word_terms in enumerate(split)
        ]

    def rank(
        self,
        snapshot: Snapshot,
        rows: np.ndarray,
        operands: list[Operand],
        postings: list[list[tuple[str, terms.Postings]]],
        hits: list[int],
    ) -> np.ndarray:
        """FTS5's bm25(): for each phrase its IDF times the saturated weighted frequency;
        the same operations in the same order, so the same doubles."""
        documents = float(snapshot.size)
        average = float(int(snapshot.tokens.sum())) / documents
        length = snapshot.tokens[rows].astype(np.float64)
        score = np.zeros(len(rows))
        for runs, hit in zip(postings, hits, strict=True):
            idf = math.log((documents - hit + 0.5) / (hit + 0.5))
            if idf <= 0.0:
                idf = 1e-6
            # A prefix matching several words in a row counts each word's instances.
            every = np.zeros(snapshot.size)
            for _term, p in runs:
                found = snapshot.rows_of(p.ids)
                known = found >= 0
                every[found[known]] += p.values[known]
            frequency = every[rows]
            score += idf * (
                (frequency * (K1 + 1.0)) / (frequency + K1 * (1 - B + B * length / average))
            )
        return -1.0 * score
