"""PostgreSQL's full-text search: a weighted tsvector per entry, ranked by ts_rank."""

from collections.abc import Sequence

from openadmit.catalogue.search.engine import SearchBackend

CONFIG = "english"


class PostgresSearch(SearchBackend):
    def match_sql(self, words: Sequence[str], *, ranked: bool) -> tuple[str, list]:
        # Words are \w+ only, so they cannot carry tsquery operators; the last is a prefix.
        terms = list(words)
        if len(terms[-1]) >= 3:
            terms[-1] += ":*"
        rank = ", -ts_rank(document, query) AS rank" if ranked else ""
        return (
            f"SELECT programme_id AS id{rank}"  # nosec B608 # CONFIG is a constant; words are a parameter
            f" FROM catalogue_searchentry, to_tsquery('{CONFIG}', %s) AS query"
            " WHERE document @@ query",
            [" & ".join(terms)],
        )

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
