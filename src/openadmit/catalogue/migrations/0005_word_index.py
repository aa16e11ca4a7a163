"""The word index beside the text index, each entry's count of indexed words, and the
search entries as arrays stored with the index revision.

`catalogue_searchterm` holds one row per indexed word: its programmes and their postings
(see `openadmit.catalogue.search.terms`); `catalogue_searchsnapshot` the current
revision's entries as arrays (`openadmit.catalogue.search.snapshot`). Like the text index
they are not Django models. An existing catalogue is indexed again to fill them.
"""

from django.db import migrations, models

CREATE = {
    "sqlite": (
        "CREATE TABLE catalogue_searchterm (term TEXT PRIMARY KEY,"
        " programmes BLOB NOT NULL, postings BLOB NOT NULL) WITHOUT ROWID;"
        " CREATE TABLE catalogue_searchsnapshot (revision TEXT PRIMARY KEY, arrays BLOB NOT NULL)"
    ),
    # Byte order ("C"), as the prefix ranges of a search expect; the arrays kept
    # uncompressed (EXTERNAL), as a search reads them whole.
    "postgresql": (
        'CREATE TABLE catalogue_searchterm (term text COLLATE "C" PRIMARY KEY,'
        " programmes bytea NOT NULL, postings bytea NOT NULL);"
        " ALTER TABLE catalogue_searchterm ALTER COLUMN programmes SET STORAGE EXTERNAL,"
        " ALTER COLUMN postings SET STORAGE EXTERNAL;"
        " CREATE TABLE catalogue_searchsnapshot (revision text PRIMARY KEY, arrays bytea NOT NULL);"
        " ALTER TABLE catalogue_searchsnapshot ALTER COLUMN arrays SET STORAGE EXTERNAL"
    ),
}


def create(apps, schema_editor):
    for statement in CREATE[schema_editor.connection.vendor].split(";"):
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    schema_editor.execute("DROP TABLE catalogue_searchterm")
    schema_editor.execute("DROP TABLE catalogue_searchsnapshot")


def index_again(apps, schema_editor):
    if apps.get_model("catalogue", "Programme").objects.exists():
        from openadmit.catalogue.search.indexing import reindex

        reindex()


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0004_joint_programmes_belong_to_consortia")]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="tokens",
            field=models.PositiveIntegerField(db_default=0, default=0),
        ),
        migrations.RunPython(create, drop),
        migrations.RunPython(index_again, migrations.RunPython.noop),
    ]
