"""The full-text index beside the search entries, in each database's own kind.

SQLite: an FTS5 table whose rowid is the programme id. PostgreSQL: a weighted tsvector
column on the search entry with a GIN index. Neither is a Django model: only
`openadmit.catalogue.search` reads and writes them.
"""

from django.db import migrations

SQLITE_CREATE = (
    "CREATE VIRTUAL TABLE catalogue_programme_fts USING fts5("
    "title, subject, institution, overview, tokenize = 'porter unicode61 remove_diacritics 2')"
)
SQLITE_DROP = "DROP TABLE IF EXISTS catalogue_programme_fts"
POSTGRES_CREATE = (
    "ALTER TABLE catalogue_searchentry ADD COLUMN document tsvector",
    "CREATE INDEX catalogue_searchentry_document ON catalogue_searchentry USING gin (document)",
)
POSTGRES_DROP = ("ALTER TABLE catalogue_searchentry DROP COLUMN document",)


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, ()):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0002_search_entries")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": (SQLITE_CREATE,), "postgresql": POSTGRES_CREATE}),
            _run({"sqlite": (SQLITE_DROP,), "postgresql": POSTGRES_DROP}),
        )
    ]
