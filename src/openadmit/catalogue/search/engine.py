"""Ranked full-text search with filters and per-value counts, computed in the database.

The SQL is shared; a backend supplies only its text match (`match_sql`) and how it keeps
its text index. Filters within one facet are alternatives (OR), facets combine with AND,
and each facet's counts apply every filter but its own, so a reader sees what choosing
another value would give.

Counting every facet of a broad search scans much of the catalogue, so results are
cached under the index revision (renewed by every rebuild) for as long as pages are
(the open-deadline counts depend on the time); a search at a given moment (`now`, as
tests ask) is always computed afresh.
"""

import abc
import hashlib
import json
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from django.core.cache import cache
from django.db import connection
from django.db.models import Q
from django.utils import timezone

from openadmit.catalogue.caching import CACHE_SECONDS, index_revision
from openadmit.catalogue.constants import SortOrder, StudyLevel, StudyMode
from openadmit.catalogue.models import Institution
from openadmit.catalogue.names import country_name, language_name
from openadmit.catalogue.search.facets import FACETS, Facet
from openadmit.catalogue.search.request import (
    SearchRequest,
    SearchRequestError,
    unknown_filter_message,
)

CHOICES = {"level": StudyLevel, "mode": StudyMode}
ENTRY_COLUMNS = (
    "programme_id, title, subject_area, degree, study_level, study_mode, country,"
    " institution_id, languages, ects, duration_months, closes_at"
)
ORDER_SQL = {
    SortOrder.RELEVANCE: "m.rank",
    SortOrder.TITLE: "e.title",
    SortOrder.DEADLINE: "e.closes_at IS NULL, e.closes_at",
    SortOrder.DURATION: "e.duration_months",
    SortOrder.ECTS: "e.ects",
}


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


def language_combinations() -> list[str]:
    """The distinct sets of languages programmes are taught in (",de,en,"), a few dozen."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT DISTINCT languages FROM catalogue_searchentry")
        return [row[0] for row in cursor.fetchall()]


class SearchBackend(abc.ABC):
    """Shared SQL over the search entries `e`; subclasses match text their own way."""

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

    def search(self, request: SearchRequest, *, now: datetime | None = None) -> SearchResult:
        revision = index_revision()
        use_cache = now is None and bool(revision)
        now = now or timezone.now()
        institution_ids = self._check_filter_values(request)
        counts_key = _cache_key(
            "counts",
            revision,
            request.words,
            sorted(request.filters.items()),
            request.open_only,
        )
        hits_key = _cache_key("hits", counts_key, request.order, request.page, request.per_page)
        counts, ids = (cache.get(counts_key), cache.get(hits_key)) if use_cache else (None, None)
        if counts is None or ids is None:
            query = _Query(
                self, request, institution_ids, connection.ops.adapt_datetimefield_value(now)
            )
            with connection.cursor() as cursor:
                if ids is None:
                    ids = query.hits(cursor)
                    cache.set(hits_key, ids, CACHE_SECONDS)
                if counts is None:
                    counts = query.counts(cursor)
                    cache.set(counts_key, counts, CACHE_SECONDS)
        total, open_count, raw = 0, 0, {facet.param: [] for facet in FACETS}
        for param, value, count in counts:
            if param == "":
                total = count
            elif param == "open":
                open_count = count
            elif value is not None:
                raw[param].append((value, count))
        return SearchResult(
            request=request,
            total=total,
            programme_ids=ids,
            open_count=open_count,
            facets=_label(raw, request),
        )

    def _check_filter_values(self, request: SearchRequest) -> dict[str, int]:
        """Map institution slugs to ids; refuse values no programme has, naming the filter."""
        errors: dict[str, str] = {}
        slugs = request.selected("institution")
        institution_ids = dict(Institution.objects.filter(slug__in=slugs).values_list("slug", "id"))
        if missing := [s for s in slugs if s not in institution_ids]:
            errors["institution"] = unknown_filter_message("institution", missing)
        with connection.cursor() as cursor:
            for facet in FACETS:
                values = list(request.selected(facet.param))
                if not values or facet.param == "institution":
                    continue
                if facet.param in CHOICES:
                    missing = [v for v in values if v not in CHOICES[facet.param].values]
                elif facet.param == "language":
                    taught = {
                        code
                        for combination in language_combinations()
                        for code in combination.strip(",").split(",")
                    }
                    missing = [code for code in values if code not in taught]
                else:
                    column = facet.column.removeprefix("e.")
                    typed = [int(v) for v in values] if facet.numeric else values
                    cursor.execute(
                        f"SELECT DISTINCT {column} FROM catalogue_searchentry"  # nosec B608 # a facet's own column; values are parameters
                        f" WHERE {column} IN ({', '.join(['%s'] * len(typed))})",
                        typed,
                    )
                    known = {str(row[0]) for row in cursor.fetchall()}
                    missing = [v for v, t in zip(values, typed, strict=True) if str(t) not in known]
                if missing:
                    errors[facet.param] = unknown_filter_message(facet.param, missing)
        if errors:
            raise SearchRequestError(errors)
        return institution_ids


def _cache_key(*parts) -> str:
    digest = hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()
    return f"catalogue-search:{digest}"


class _Query:
    """The SQL of one search: its filters, its page of hits, and its counts."""

    def __init__(
        self, backend: SearchBackend, request: SearchRequest, institution_ids: dict, now
    ) -> None:
        self.request = request
        self.institution_ids = institution_ids
        self.now = now
        self.backend = backend
        self.words = request.words
        self.language_combinations = language_combinations() if request.selected("language") else []
        # The counts read `source`: the entries, or for a text search its matches joined
        # to their entries once, so that every count reads only that set.
        self.with_sql, self.with_params, self.source = "", [], "catalogue_searchentry e"
        if self.words:
            match, self.with_params = self.backend.match_sql(self.words, ranked=False)
            self.with_sql = (
                f"WITH m AS MATERIALIZED (SELECT {ENTRY_COLUMNS} FROM ({match}) AS t"  # nosec B608 # the backend's fixed SQL; words are parameters
                " JOIN catalogue_searchentry s ON s.programme_id = t.id) "
            )
            self.source = "m AS e"

    def selected(self, facet: Facet) -> list:
        values = self.request.selected(facet.param)
        if facet.param == "institution":
            return [self.institution_ids[slug] for slug in values]
        return [int(v) for v in values] if facet.numeric else list(values)

    def where(self, exclude: str | None = None) -> tuple[str, list]:
        clauses, params = ["1 = 1"], []
        for facet in FACETS:
            values = self.selected(facet)
            if facet.param == exclude or not values:
                continue
            if facet.param == "language":
                # Any of the chosen languages: the combinations holding one, by the index.
                values = [
                    c
                    for c in self.language_combinations
                    if set(c.strip(",").split(",")) & set(values)
                ]
                clauses.append(f"e.languages IN ({', '.join(['%s'] * len(values))})")
                params += values
            else:
                clauses.append(f"{facet.column} IN ({', '.join(['%s'] * len(values))})")
                params += values
        if self.request.open_only and exclude != "open":
            clauses.append("e.closes_at >= %s")
            params.append(self.now)
        return " AND ".join(clauses), params

    def hits(self, cursor) -> list[int]:
        order = self.request.order
        source, match_params = "catalogue_searchentry e", []
        if self.words:
            match, match_params = self.backend.match_sql(
                self.words, ranked=order == SortOrder.RELEVANCE
            )
            source = f"({match}) AS m JOIN catalogue_searchentry e ON e.programme_id = m.id"
        elif order == SortOrder.RELEVANCE:
            order = SortOrder.TITLE
        where, params = self.where()
        cursor.execute(
            f"SELECT e.programme_id FROM {source} WHERE {where}"  # nosec B608 # columns from FACETS; values are parameters
            f" ORDER BY {ORDER_SQL[order]}, e.programme_id LIMIT %s OFFSET %s",
            [
                *match_params,
                *params,
                self.request.per_page,
                (self.request.page - 1) * self.request.per_page,
            ],
        )
        return [row[0] for row in cursor.fetchall()]

    def counts(self, cursor) -> list[tuple[str, str, int]]:
        where, params = self.where()
        branches = [
            f"SELECT '' AS facet, '' AS value, COUNT(*) AS n FROM {self.source} WHERE {where}"  # nosec B608 # fixed tables, ORDER_SQL and FACETS; values are parameters
        ]
        open_where, open_params = self.where("open")
        branches.append(
            f"SELECT 'open', '1', COUNT(*) FROM {self.source}"  # nosec B608 # fixed tables and FACETS; values are parameters
            f" WHERE {open_where} AND e.closes_at >= %s"
        )
        params += [*open_params, self.now]
        for facet in FACETS:
            sql, facet_params = self.facet_branch(facet)
            branches.append(sql)
            params += facet_params
        cursor.execute(self.with_sql + " UNION ALL ".join(branches), [*self.with_params, *params])
        rows = cursor.fetchall()
        # Language combinations (",de,en,") are counted by the database; each code's count
        # is the sum over the combinations that hold it.
        languages: Counter[str] = Counter()
        counts = []
        for facet, value, count in rows:
            if facet == "language":
                for code in value.strip(",").split(","):
                    languages[code] += count
            else:
                counts.append((facet, value, count))
        counts += [("language", code, count) for code, count in languages.items()]
        return counts

    def facet_branch(self, facet: Facet) -> tuple[str, list]:
        where, params = self.where(facet.param)
        sql = (
            f"SELECT '{facet.param}', CAST({facet.column} AS TEXT), COUNT(*)"  # nosec B608 # FACETS and a count of ints; values are parameters
            f" FROM {self.source} WHERE {where} GROUP BY {facet.column}"
        )
        if facet.limit is None or facet.param == "language":
            return sql, params
        selected = self.selected(facet)
        first = ""
        if selected:
            marks = ", ".join(["%s"] * len(selected))
            first = f"CASE WHEN {facet.column} IN ({marks}) THEN 0 ELSE 1 END, "
            params = [*params, *selected]
        limit = facet.limit + len(selected)
        limited = f"{sql} ORDER BY {first}COUNT(*) DESC, {facet.column} LIMIT {limit}"
        return f"SELECT * FROM ({limited}) AS top_{facet.param}", params  # nosec B608 # FACETS and a count of ints; values are parameters


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
