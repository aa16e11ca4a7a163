"""PostgreSQL's full-text search: a weighted tsvector per entry, ranked by ts_rank.

The word index holds each lexeme of the tsvectors with its positions and weights, read
back from the database after `to_tsvector`; a search's words become lexemes through
`to_tsquery` (one call, no table read). Ranking computes `ts_rank` (calc_rank_or for one
word, calc_rank_and for several, in src/backend/utils/adt/tsrank.c) in numpy with the
same single- and double-precision steps, so that the order is the database's.
"""

import math
import re
from collections.abc import Sequence

import numpy as np

from openadmit.catalogue.search import terms
from openadmit.catalogue.search.engine import Operand, SearchBackend
from openadmit.catalogue.search.snapshot import Snapshot

CONFIG = "english"
F32 = np.float32
# ts_rank's default weights, by a position's weight class (D, C, B, A).
CLASS_WEIGHTS = np.array([0.1, 0.2, 0.4, 1.0], dtype=F32)
WEIGHT_CLASS = {"A": 3, "B": 2, "C": 1, "D": 0}
POSITION_BITS = 14
MAX_POSITION = (1 << POSITION_BITS) - 1
# word_distance(): 1 / (1.005 + 0.05 * exp(d / 1.5 - 2)) as float4, or 1e-30 past 100.
WORD_DISTANCE = np.full(MAX_POSITION + 1, 1e-30, dtype=F32)
for _distance in range(1, 101):
    WORD_DISTANCE[_distance] = F32(1.0 / (1.005 + 0.05 * math.exp(float(_distance) / 1.5 - 2)))
PI_SQUARED_OVER_SIX = 1.64493406685
# A lexeme of a tsvector's text form and its positions ("'scienc':2A,7").
LEXEME = re.compile(r"'((?:[^']|'')*)'(?::([0-9A-D,]+))?")
OPERAND = re.compile(r"'([^']*)'(:\*)?")


def _positions(text: str | None) -> list[int]:
    """Positions as tsvector stores them: the weight class in the top two bits."""
    if not text:
        return []
    packed = []
    for item in text.split(","):
        weight = WEIGHT_CLASS.get(item[-1])
        number = int(item[:-1] if weight is not None else item)
        packed.append(((weight or 0) << POSITION_BITS) | number)
    return packed


def parse_tsvector(text: str) -> dict[str, list[int]]:
    return {
        lexeme.replace("''", "'").replace("\\\\", "\\"): _positions(positions)
        for lexeme, positions in LEXEME.findall(text)
    }


class PostgresSearch(SearchBackend):
    values_dtype = np.dtype("<u2")

    def match_sql(self, words: Sequence[str], *, ranked: bool) -> tuple[str, list]:
        rank = ", -ts_rank(document, query) AS rank" if ranked else ""
        return (
            f"SELECT programme_id AS id{rank}"  # nosec B608 # CONFIG is a constant; words are a parameter
            f" FROM catalogue_searchentry, to_tsquery('{CONFIG}', %s) AS query"
            " WHERE document @@ query",
            [self._query_text(words)],
        )

    def _query_text(self, words: Sequence[str]) -> str:
        # Words are \w+ only, so they cannot carry tsquery operators; the last is a prefix.
        terms = list(words)
        if len(terms[-1]) >= 3:
            terms[-1] += ":*"
        return " & ".join(terms)

    def write_text(self, cursor, rows: Sequence[tuple[int, str, str, str, str]]) -> None:
        cursor.executemany(
            "UPDATE catalogue_searchentry SET document ="  # nosec B608 # CONFIG is a constant; texts are parameters
            f" setweight(to_tsvector('{CONFIG}', %s), 'A')"
            f" || setweight(to_tsvector('{CONFIG}', %s), 'B')"
            f" || setweight(to_tsvector('{CONFIG}', %s), 'C')"
            f" || setweight(to_tsvector('{CONFIG}', %s), 'D')"
            " WHERE programme_id = %s",
            [
                (title, subject, institution, overview, pk)
                for pk, title, subject, institution, overview in rows
            ],
        )

    def indexed(self, cursor, ids: Sequence[int]) -> dict[int, tuple[dict[str, list[int]], int]]:
        cursor.execute(
            "SELECT programme_id, document::text FROM catalogue_searchentry"
            " WHERE programme_id = ANY(%s) AND document IS NOT NULL",
            [list(ids)],
        )
        return {pk: (parse_tsvector(text), 0) for pk, text in cursor.fetchall()}

    def operands(self, cursor, words: Sequence[str]) -> list[Operand] | None:
        cursor.execute(f"SELECT to_tsquery('{CONFIG}', %s)::text", [self._query_text(words)])
        text = cursor.fetchone()[0]
        parts = text.split(" & ")
        found = [OPERAND.fullmatch(part) for part in parts]
        # Anything but an AND of distinct plain lexemes (a phrase of a word the parser
        # split, only stop words, a lexeme twice) is matched by the database itself.
        if not text or not all(found):
            return None
        operands = [Operand(m.group(1), prefix=bool(m.group(2))) for m in found]
        if len({o.term for o in operands}) != len(operands):
            return None
        return operands

    def rank(
        self,
        snapshot: Snapshot,
        rows: np.ndarray,
        operands: list[Operand],
        postings: list[list[tuple[str, terms.Postings]]],
        hits: list[int],
    ) -> np.ndarray:
        # ts_rank takes the query's lexemes sorted (byte order) and deduplicated.
        pairs = sorted(zip(operands, postings, strict=True), key=lambda pair: pair[0].term)
        # Each matched row's place among the matches: the documents ranked.
        place = np.full(snapshot.size, -1, dtype=np.int64)
        place[rows] = np.arange(len(rows))
        items = []
        for _operand, runs in pairs:
            placed = []
            for _term, p in runs:
                found = snapshot.rows_of(p.ids)
                documents = np.where(found >= 0, place[found], -1)
                keep = np.flatnonzero(documents >= 0)
                if len(keep) == len(documents):
                    placed.append((documents, p))
                else:
                    placed.append((documents[keep], p.take(keep)))
            items.append(_entries(len(rows), placed))
        rank = _rank_and(items, len(rows)) if len(items) > 1 else _rank_or(items, len(rows))
        return -rank.astype(np.float64)


class _Entries:
    """One query item's entries in the matched documents, by ordinal within a document
    (a prefix may match several lexemes of one document, in lexeme order)."""

    def __init__(self, by_ordinal: list[tuple[np.ndarray, terms.Postings]], last) -> None:
        self.by_ordinal = by_ordinal  # (document indexes, their postings)
        self.last = last  # per document: the postings run of its last entry


def _entries(size: int, runs: list[tuple[np.ndarray, terms.Postings]]) -> _Entries:
    """From each lexeme's (documents, postings), in lexeme order."""
    if len(runs) == 1:
        # One lexeme (a word, or a prefix that matched one): one entry per document.
        documents, p = runs[0]
        counts = np.zeros(size, dtype=np.int64)
        starts = np.zeros(size, dtype=np.int64)
        counts[documents] = p.counts
        starts[documents] = p.starts
        return _Entries([(documents, p)], (starts, counts, p.values))
    seen = np.zeros(size, dtype=np.int64)
    grouped: dict[int, list[tuple[np.ndarray, terms.Postings]]] = {}
    last_run = np.full(size, -1, dtype=np.int64)
    for number, (documents, p) in enumerate(runs):
        ordinals = seen[documents]
        seen[documents] += 1
        for ordinal in np.unique(ordinals):
            picks = np.flatnonzero(ordinals == ordinal)
            whole = len(picks) == len(documents)
            grouped.setdefault(int(ordinal), []).append(
                (documents, p) if whole else (documents[picks], p.take(picks))
            )
        last_run[documents] = number
    by_ordinal = []
    for ordinal in sorted(grouped):
        parts = grouped[ordinal]
        if len(parts) == 1:
            by_ordinal.append(parts[0])
            continue
        documents = np.concatenate([d for d, _ in parts])
        joined = terms.Postings(
            np.concatenate([q.ids for _, q in parts]),
            np.concatenate([q.counts for _, q in parts]),
            np.concatenate([q.values for _, q in parts]),
        )
        order = np.argsort(documents, kind="stable")
        by_ordinal.append((documents[order], joined.take(order)))
    # Each document's last entry: its run in the postings of the last lexeme it holds.
    counts = np.zeros(size, dtype=np.int64)
    starts = np.zeros(size, dtype=np.int64)
    values = []
    offset = 0
    for number, (documents, p) in enumerate(runs):
        mine = last_run[documents] == number
        counts[documents[mine]] = p.counts[mine]
        starts[documents[mine]] = p.starts[mine] + offset
        values.append(p.values)
        offset += len(p.values)
    flat = np.concatenate(values) if values else np.empty(0, np.uint16)
    return _Entries(by_ordinal, (starts, counts, flat))


def _weights(packed: np.ndarray) -> np.ndarray:
    return CLASS_WEIGHTS[packed >> POSITION_BITS]


def _entry_values(p: terms.Postings) -> np.ndarray:
    """calc_rank_or's value of each entry: (wjm + resj - wjm / (jm+1)^2), in float4."""
    n = len(p.ids)
    resj = np.zeros(n, dtype=F32)
    wjm = np.full(n, -1.0, dtype=F32)
    jm = np.zeros(n, dtype=np.int64)
    starts = p.starts
    counts = p.counts.astype(np.int64)
    for j in range(int(counts.max()) if n else 0):
        has = np.flatnonzero(counts > j)
        weight = _weights(p.values[starts[has] + j])
        resj[has] = resj[has] + weight / F32((j + 1) * (j + 1))
        better = weight > wjm[has]
        wjm[has[better]] = weight[better]
        jm[has[better]] = j
    return (wjm + resj) - wjm / ((jm + 1) * (jm + 1)).astype(F32)


def _rank_or(items: list[_Entries], size: int) -> np.ndarray:
    res = np.zeros(size, dtype=F32)
    for item in items:
        for documents, p in item.by_ordinal:
            value = _entry_values(p).astype(np.float64)
            res[documents] = (
                res[documents].astype(np.float64) + value / PI_SQUARED_OVER_SIX
            ).astype(F32)
    return res / F32(len(items))


def _rank_and(items: list[_Entries], size: int) -> np.ndarray:
    """calc_rank_and: every pair of positions of two different items, nearer ones
    counting more, folded in the order tsrank.c folds them (item, entry, earlier item,
    this entry's position, the other's position)."""
    res = np.full(size, -1.0, dtype=F32)
    for i, item in enumerate(items):
        for documents, p in item.by_ordinal:
            mine = p.counts.astype(np.int64)
            for k in range(i):
                other_starts, other_counts, other_flat = items[k].last
                theirs = other_counts[documents]
                their_starts = other_starts[documents]
                for l in range(int(mine.max()) if len(mine) else 0):  # noqa: E741 - tsrank.c's name
                    at_l = np.flatnonzero(mine > l)
                    a = p.values[p.starts[at_l] + l]
                    a_position = (a & MAX_POSITION).astype(np.int64)
                    a_weight = _weights(a)
                    others, other_start = theirs[at_l], their_starts[at_l]
                    targets = documents[at_l]
                    for q in range(int(others.max()) if len(others) else 0):
                        pick = np.flatnonzero(others > q)
                        b = other_flat[other_start[pick] + q]
                        distance = np.abs(a_position[pick] - (b & MAX_POSITION))
                        apart = np.flatnonzero(distance != 0)
                        pick, b, distance = pick[apart], b[apart], distance[apart]
                        product = (a_weight[pick] * _weights(b)) * WORD_DISTANCE[distance]
                        current = np.sqrt(product.astype(np.float64)).astype(F32)
                        target = targets[pick]
                        before = res[target].astype(np.float64)
                        folded = 1.0 - (1.0 - before) * (1.0 - current.astype(np.float64))
                        res[target] = np.where(before < 0, current, folded.astype(F32))
    res[res < 0] = F32(1e-20)
    return res
