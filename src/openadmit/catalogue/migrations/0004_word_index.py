"""The word index beside the text index, and each entry's count of indexed words.

`catalogue_searchterm` holds one row per indexed word: its programmes and their postings
(see `openadmit.catalogue.search.terms`). Like the text index it is not a Django model.
An existing catalogue is indexed again so that the new table is filled.
"""

from django.db import migrations, models

CREATE = {
    "sqlite": (
        "CREATE TABLE catalogue_searchterm (term TEXT PRIMARY KEY,"
        " programmes BLOB NOT NULL, postings BLOB NOT NULL) WITHOUT ROWID"
    ),
    # Byte order ("C"), as the prefix ranges of a search expect; the arrays kept
    # uncompressed (EXTERNAL), as a search reads them whole.
    "postgresql": (
        'CREATE TABLE catalogue_searchterm (term text COLLATE "C" PRIMARY KEY,'
        " programmes bytea NOT NULL, postings bytea NOT NULL);"
        " ALTER TABLE catalogue_searchterm ALTER COLUMN programmes SET STORAGE EXTERNAL,"
        " ALTER COLUMN postings SET STORAGE EXTERNAL"
    ),
}


def create(apps, schema_editor):
    for statement in CREATE[schema_editor.connection.vendor].split(";"):
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    schema_editor.execute("DROP TABLE catalogue_searchterm")


def index_again(apps, schema_editor):
    if apps.get_model("catalogue", "Programme").objects.exists():
        from openadmit.catalogue.search.indexing import reindex

        reindex()


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0003_full_text_index")]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="tokens",
            field=models.PositiveIntegerField(db_default=0, default=0),
        ),
        migrations.RunPython(create, drop),
        migrations.RunPython(index_again, migrations.RunPython.noop),
    ]
