"""Ranked full-text search with filters and per-value counts, fast with nothing cached.

Filters within one facet are alternatives (OR), facets combine with AND, and each facet's
counts apply every filter but its own, so a reader sees what choosing another value would
give. Everything but the words runs in memory over the search entries of the index's
current revision (`snapshot`): masks of rows, one `bincount` per facet, and the page of
hits cut from a permutation built once per revision, so a deep page costs what the first
does. The words are looked up in the word index (`terms`), one row per word, and ranked
in numpy by the database's own formula (SQLite's BM25, PostgreSQL's ts_rank), computed
the same way so that the order is the one the database's search gave; words the fast
path cannot read exactly (a word the tokenizer splits in two, a word repeated) are
matched and ranked by the database itself.

Nothing here is cached: every search is computed afresh from the index.
"""

import abc
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import reduce

import numpy as np
from django.db import connection
from django.db.models import Q
from django.utils import timezone

from openadmit.catalogue.constants import SortOrder, StudyLevel, StudyMode
from openadmit.catalogue.models import Institution
from openadmit.catalogue.names import country_name, language_name
from openadmit.catalogue.search import snapshot as snapshots
from openadmit.catalogue.search import terms
from openadmit.catalogue.search.facets import FACETS
from openadmit.catalogue.search.request import (
    SearchRequest,
    SearchRequestError,
    unknown_filter_message,
)
from openadmit.catalogue.search.snapshot import NO_DEADLINE, Snapshot, moment

CHOICES = {"level": StudyLevel, "mode": StudyMode}
ENTRY_COLUMNS = (
    "programme_id, title, subject_area, degree, study_level, study_mode, country,"
    " institution_id, languages, ects, duration_months, closes_at"
)
# How many times a search starts over when an import changes the index under it.
ATTEMPTS = 5


@dataclass(frozen=True)
class FacetCount:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class SearchResult:
    request: SearchRequest
    total: int
    programme_ids: list[int]
    open_count: int
    facets: dict[str, list[FacetCount]] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.request.per_page))


@dataclass(frozen=True)
class Operand:
    """One word of a text search as the index holds it; a prefix matches longer words."""

    term: str
    prefix: bool


@dataclass
class TextMatch:
    """The rows matching every word (ascending) and, when ranked, each row's sort key
    (lower is better, as the database's rank column)."""

    rows: np.ndarray
    keys: np.ndarray | None


class _Stale(Exception):
    """The index changed between reading the snapshot and reading the words."""


class SearchBackend(abc.ABC):
    """A database's text matching and ranking; the rest of a search is shared."""

    # The type of the values a word's postings hold per programme.
    values_dtype: np.dtype

    @abc.abstractmethod
    def match_sql(self, words: Sequence[str], *, ranked: bool) -> tuple[str, list]:
        """A SELECT of the ids (and, when ranked, `rank`: best first) matching every word."""

    def delete_text(self, cursor, ids: Sequence[int] | None) -> None:  # noqa: B027
        """Drop the text of these programmes (all when None) where it outlives their entries.

        Nothing to do where the text lives in the entries' own rows (PostgreSQL).
        """

    @abc.abstractmethod
    def write_text(self, cursor, rows: Sequence[tuple[int, str, str, str, str]]) -> None:
        """Index (id, title, subject, institution, overview) rows, most telling first."""

    @abc.abstractmethod
    def indexed(self, cursor, ids: Sequence[int]) -> dict[int, tuple[dict[str, list[int]], int]]:
        """Per programme, as the database's text index holds it now: each word's postings
        values, and the programme's count of indexed words."""

    @abc.abstractmethod
    def operands(self, cursor, words: Sequence[str]) -> list[Operand] | None:
        """The words as index terms, or None when only the database can match them exactly."""

    @abc.abstractmethod
    def rank(
        self,
        snapshot: Snapshot,
        matched: np.ndarray,
        operands: list[Operand],
        postings: list[list[tuple[str, terms.Postings]]],
        hits: list[int],
    ) -> np.ndarray:
        """Sort keys of the ``matched`` rows (lower first), from each operand's postings
        (word by word, in word order) and how many programmes each operand matched on its
        own."""

    def search(self, request: SearchRequest, *, now: datetime | None = None) -> SearchResult:
        now_us = moment(now or timezone.now())
        ranked = request.order == SortOrder.RELEVANCE
        snapshot, institution_ids, text = self._read(request, ranked=ranked)
        query = _Query(snapshot, request, institution_ids, text, now_us)
        total, open_count, raw = query.counts()
        return SearchResult(
            request=request,
            total=total,
            programme_ids=query.hits(),
            open_count=open_count,
            facets=_label(raw, request),
        )

    def matching_ids(self, request: SearchRequest) -> np.ndarray:
        """The ids of every programme matching the words and filters (ascending): no
        rank, no counts. Words alone are answered from the word index, without the
        revision's search entries in memory."""
        if request.words and not request.filters:
            with connection.cursor() as cursor:
                operands = self.operands(cursor, request.words)
                if operands is not None:
                    return self._word_ids(cursor, operands)
        snapshot, institution_ids, text = self._read(request, ranked=False)
        query = _Query(snapshot, request, institution_ids, text, 0)
        return query.matching_rows_ids()

    def _postings(self, cursor, operands: list[Operand], *, values: bool):
        """The index revision and, per operand, the postings of the words it matches."""
        revision, found = terms.read(
            cursor,
            [o.term for o in operands if not o.prefix],
            [o.term for o in operands if o.prefix],
            self.values_dtype,
            values=values,
        )
        return revision, [
            sorted((t, p) for t, p in found.items() if _holds(o, t)) for o in operands
        ]

    def _word_ids(self, cursor, operands: list[Operand]) -> np.ndarray:
        _revision, postings = self._postings(cursor, operands, values=False)
        unions = [_union([p.ids for _term, p in runs]) for runs in postings]
        # Ascending and distinct, so a lookup table intersects them in one pass.
        return reduce(lambda a, b: a[np.isin(a, b, assume_unique=True, kind="table")], unions)

    def _read(self, request: SearchRequest, *, ranked: bool):
        for _attempt in range(ATTEMPTS):
            snapshot = snapshots.current()
            institution_ids = self._check_filter_values(request, snapshot)
            try:
                text = self._match(snapshot, request.words, ranked=ranked)
            except _Stale:
                continue
            return snapshot, institution_ids, text
        raise RuntimeError("the search index kept changing during a search")

    def _match(self, snapshot: Snapshot, words: Sequence[str], *, ranked: bool):
        if not words:
            return None
        with connection.cursor() as cursor:
            operands = self.operands(cursor, words)
            if operands is None:
                return self._match_in_database(cursor, snapshot, words, ranked=ranked)
            revision, postings = self._postings(cursor, operands, values=ranked)
        if revision is not None and revision != snapshot.revision:
            raise _Stale
        # Each operand's programmes as a mask over the snapshot's rows (a prefix: the
        # union of its words'), then the rows holding every operand.
        masks = []
        for runs in postings:
            mask = np.zeros(snapshot.size, dtype=bool)
            for _term, p in runs:
                rows = snapshot.rows_of(p.ids)
                mask[rows[rows >= 0]] = True
            masks.append(mask)
        rows = np.flatnonzero(reduce(np.logical_and, masks))
        keys = None
        if ranked:
            hits = [int(np.count_nonzero(mask)) for mask in masks]
            keys = self.rank(snapshot, rows, operands, postings, hits) if len(rows) else np.empty(0)
        return TextMatch(rows, keys)

    def _match_in_database(self, cursor, snapshot: Snapshot, words, *, ranked: bool) -> TextMatch:
        sql, params = self.match_sql(words, ranked=ranked)
        cursor.execute(sql, params)
        found = cursor.fetchall()
        rows = snapshot.rows_of(np.asarray([row[0] for row in found], dtype=np.int64))
        order = np.argsort(rows, kind="stable")
        order = order[rows[order] >= 0]
        keys = None
        if ranked:
            keys = np.asarray([row[1] for row in found], dtype=np.float64)[order]
        return TextMatch(rows[order], keys)

    def _check_filter_values(self, request: SearchRequest, snapshot: Snapshot) -> dict[str, int]:
        """Map institution slugs to ids; refuse values no programme has, naming the filter."""
        errors: dict[str, str] = {}
        slugs = request.selected("institution")
        institution_ids = {}
        if slugs:
            institution_ids = dict(
                Institution.objects.filter(slug__in=slugs).values_list("slug", "id")
            )
        if missing := [s for s in slugs if s not in institution_ids]:
            errors["institution"] = unknown_filter_message("institution", missing)
        for facet in FACETS:
            values = list(request.selected(facet.param))
            if not values or facet.param == "institution":
                continue
            known = snapshot.facets[facet.param].index
            if facet.param in CHOICES:
                missing = [v for v in values if v not in CHOICES[facet.param].values]
            elif facet.param == "language":
                taught = {code for combination in known for code in _codes(combination)}
                missing = [code for code in values if code not in taught]
            elif facet.numeric:
                missing = [v for v in values if int(v) not in known]
            else:
                missing = [v for v in values if v not in known]
            if missing:
                errors[facet.param] = unknown_filter_message(facet.param, missing)
        if errors:
            raise SearchRequestError(errors)
        return institution_ids


def _union(ids: list[np.ndarray]) -> np.ndarray:
    """The ids in any of these ascending arrays, ascending and once each."""
    if len(ids) == 1:
        return ids[0]
    joined = np.sort(np.concatenate(ids)) if ids else np.empty(0, np.int64)
    return joined[np.concatenate(([True], joined[1:] != joined[:-1]))] if len(joined) else joined


def _holds(operand: Operand, term: str) -> bool:
    """Whether the operand matches this indexed term."""
    return term == operand.term or (operand.prefix and term.startswith(operand.term))


def _codes(combination: str) -> list[str]:
    """The language codes of a combination as stored (",de,en,")."""
    return combination.strip(",").split(",")


class _Query:
    """One search over a snapshot: its filters as masks, its counts, its page of hits.

    The rows considered are the text matches (or every row without words); masks are
    over those rows.
    """

    def __init__(
        self,
        snapshot: Snapshot,
        request: SearchRequest,
        institution_ids: dict,
        text: TextMatch | None,
        now_us: int,
    ) -> None:
        self.snapshot = snapshot
        self.request = request
        self.text = text
        self.rows = None if text is None else text.rows
        self.masks: dict[str, np.ndarray] = {}
        self.wanted: dict[str, list] = {}
        self.columns: dict[str, np.ndarray] = {}
        for facet in FACETS:
            values = request.selected(facet.param)
            if not values:
                continue
            if facet.param == "institution":
                wanted = [institution_ids[slug] for slug in values]
            elif facet.numeric:
                wanted = [int(v) for v in values]
            else:
                wanted = list(values)
            self.wanted[facet.param] = wanted
            known = snapshot.facets[facet.param]
            if facet.param == "language":
                # Any of the chosen languages: the combinations holding one.
                table = np.array(
                    [bool(set(_codes(c)) & set(wanted)) for c in known.values], dtype=bool
                )
            else:
                table = known.lookup(wanted)
            self.masks[facet.param] = table[self.column(facet.param)]
        closes = self.snapshot.closes if self.rows is None else self.snapshot.closes[self.rows]
        self.open = (closes >= now_us) & (closes != NO_DEADLINE)
        if request.open_only:
            self.masks["open"] = self.open

    def column(self, param: str) -> np.ndarray:
        """The facet's codes of the rows considered (gathered once per search)."""
        column = self.columns.get(param)
        if column is None:
            codes = self.snapshot.facets[param].codes
            column = self.columns[param] = codes if self.rows is None else codes[self.rows]
        return column

    def where(self, exclude: str | None = None) -> np.ndarray | None:
        """The rows passing every filter but ``exclude``'s (None: all of them)."""
        masks = [mask for param, mask in self.masks.items() if param != exclude]
        return reduce(np.logical_and, masks) if masks else None

    def size(self) -> int:
        return self.snapshot.size if self.rows is None else len(self.rows)

    def counts(self) -> tuple[int, int, dict[str, list[tuple[str, int]]]]:
        every = self.where()
        total = self.size() if every is None else int(np.count_nonzero(every))
        open_where = self.where("open")
        open_rows = self.open if open_where is None else self.open & open_where
        raw = {facet.param: self.facet_counts(facet) for facet in FACETS}
        return total, int(np.count_nonzero(open_rows)), raw

    def facet_counts(self, facet) -> list[tuple[str, int]]:
        known = self.snapshot.facets[facet.param]
        where = self.where(facet.param)
        codes = self.column(facet.param)
        size = len(known.values)
        if where is None:
            counts = np.bincount(codes, minlength=size)
        elif np.count_nonzero(where) * 4 > len(where):
            # Most rows pass: weighing each code by its pass is cheaper than gathering.
            counts = np.bincount(codes, weights=where, minlength=size).astype(np.int64)
        else:
            counts = np.bincount(codes[where], minlength=size)
        present = np.flatnonzero(counts)  # codes in value order
        if facet.param == "language":
            # Each code's count is the sum over the combinations that hold it.
            languages: Counter[str] = Counter()
            for code in present:
                for language in _codes(known.values[code]):
                    languages[language] += int(counts[code])
            return list(languages.items())
        if facet.limit is not None:
            # The largest values, and the selected ones first, as many as are shown.
            wanted = self.wanted.get(facet.param, ())
            unselected = ~known.lookup(wanted)[present]
            order = np.lexsort((present, -counts[present], unselected))
            present = present[order[: facet.limit + len(wanted)]]
        return [(str(known.values[code]), int(counts[code])) for code in present]

    def final_rows(self) -> np.ndarray:
        """The rows of every match, ascending."""
        every = self.where()
        rows = np.arange(self.snapshot.size) if self.rows is None else self.rows
        return rows if every is None else rows[every]

    def matching_rows_ids(self) -> np.ndarray:
        return self.snapshot.ids[self.final_rows()]

    def hits(self) -> list[int]:
        request = self.request
        start = (request.page - 1) * request.per_page
        wanted = start + request.per_page
        order = request.order
        if order == SortOrder.RELEVANCE and self.text is None:
            order = SortOrder.TITLE
        every = self.where()
        if order == SortOrder.RELEVANCE:
            keys = self.text.keys if every is None else self.text.keys[every]
            rows = self.final_rows()
            ids = self.snapshot.ids[rows]
            picked = _smallest(keys, ids, wanted)
            return ids[picked][start:wanted].tolist()
        if self.rows is None and every is None:
            rows = self.snapshot.orders[order][start:wanted]
            return self.snapshot.ids[rows].tolist()
        rows = self.final_rows()
        places = self.snapshot.positions[order][rows]
        picked = _smallest(places, None, wanted)
        return self.snapshot.ids[rows[picked]][start:wanted].tolist()


def _smallest(keys: np.ndarray, ties: np.ndarray | None, count: int) -> np.ndarray:
    """Indexes of the ``count`` smallest keys in order, equal keys by ``ties`` (ascending),
    without sorting every key."""
    if count < len(keys):
        threshold = np.partition(keys, count - 1)[count - 1]
        candidates = np.flatnonzero(keys <= threshold)
    else:
        candidates = np.arange(len(keys))
    if ties is None:
        order = np.argsort(keys[candidates], kind="stable")
    else:
        order = np.lexsort((ties[candidates], keys[candidates]))
    return candidates[order][:count]


def _label(
    raw: dict[str, list[tuple[str, int]]], request: SearchRequest
) -> dict[str, list[FacetCount]]:
    institutions = {
        str(pk): (slug, name)
        for pk, slug, name in Institution.objects.filter(
            Q(pk__in=[int(v) for v, _ in raw["institution"]])
            | Q(slug__in=request.selected("institution"))
        ).values_list("pk", "slug", "name")
    }
    names_by_slug = dict(institutions.values())
    facets: dict[str, list[FacetCount]] = {}
    for facet in FACETS:
        selected = set(request.selected(facet.param))
        items = []
        for value, count in raw[facet.param]:
            if facet.param == "institution":
                value, label = institutions[value]
            elif facet.param in CHOICES:
                label = (
                    str(CHOICES[facet.param](value).label)
                    if value in CHOICES[facet.param].values
                    else value
                )
            elif facet.param == "country":
                label = country_name(value)
            elif facet.param == "language":
                label = language_name(value)
            else:
                label = value
            items.append(
                FacetCount(value=value, label=label, count=count, selected=value in selected)
            )
        # A chosen value that nothing matches any more stays listed, so it can be unchosen.
        shown = {item.value for item in items}
        for value in request.selected(facet.param):
            if value not in shown:
                label = names_by_slug.get(value, value) if facet.param == "institution" else value
                items.append(FacetCount(value=value, label=label, count=0, selected=True))
        if facet.numeric:
            items.sort(key=lambda item: int(item.value))
        elif facet.limit is None:
            items.sort(key=lambda item: item.label.casefold())
        else:
            items.sort(key=lambda item: (not item.selected, -item.count, item.label.casefold()))
            items = items[: facet.limit + len(selected)]
        facets[facet.param] = items
    return facets
