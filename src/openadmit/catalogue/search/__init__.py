"""Catalogue search behind one interface: SQLite FTS5 or PostgreSQL full-text search."""

from django.db import connection

from openadmit.catalogue.search.engine import FacetCount, SearchBackend, SearchResult
from openadmit.catalogue.search.request import (
    SearchRequest,
    SearchRequestError,
    parse_search_request,
)

__all__ = [
    "FacetCount",
    "SearchRequest",
    "SearchRequestError",
    "SearchResult",
    "get_backend",
    "parse_search_request",
]


def get_backend() -> SearchBackend:
    if connection.vendor == "postgresql":
        from openadmit.catalogue.search.postgres import PostgresSearch

        return PostgresSearch()
    from openadmit.catalogue.search.sqlite import SqliteSearch

    return SqliteSearch()
