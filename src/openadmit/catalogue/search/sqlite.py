"""SQLite's FTS5: a porter-stemmed index ranked by BM25, title weighted most."""

from collections.abc import Sequence

from openadmit.catalogue.search.engine import SearchBackend

# BM25 column weights: title, subject, institution, overview.
WEIGHTS = "10.0, 4.0, 2.0, 1.0"


class SqliteSearch(SearchBackend):
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
