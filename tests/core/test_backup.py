"""`openadmit backup` and `openadmit restore`: a round trip gives back every row of every
table and every uploaded file, compared record by record, on SQLite and on PostgreSQL."""

import hashlib
import io
import json
import tarfile
from datetime import date, timedelta

import pytest
from django.apps import apps
from django.core.files.storage import default_storage
from django.db import connection
from django.utils import timezone

from openadmit.applications import service
from openadmit.applications.constants import Decision
from openadmit.applications.models import Application, Document
from openadmit.catalogue.models import SearchIndexState
from openadmit.catalogue.search.indexing import reindex
from openadmit.cli import main
from openadmit.core.backup import stored_files
from openadmit.decisions import service as decisions
from openadmit.decisions.service import ConditionIn
from openadmit.operations.service import do_extend_deadline, do_set_read_only
from tests.applications.factories import complete_draft
from tests.office.factories import cast
from tests.office.factories import submitted as submitted_application
from tests.personas import make_applicant, make_person

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "uploads"
    return settings.MEDIA_ROOT


def every_row() -> dict[str, list[dict]]:
    """Every table's rows, in primary-key order, as the database holds them."""
    rows = {}
    for model in apps.get_models(include_auto_created=True):
        if not model._meta.managed or model._meta.proxy:
            continue  # no table of its own (django-rq's dashboard, proxies)
        values = list(model._base_manager.order_by("pk").values())
        if model is SearchIndexState:
            # The index is rebuilt after a restore, under a new revision: cached pages of
            # whatever was there before must not be served.
            values = [{**v, "revision": "(rebuilt)"} for v in values]
        rows[model._meta.label] = values
    return rows


def every_file() -> dict[str, str]:
    digests = {}
    for name in stored_files():
        with default_storage.open(name) as stored:
            digests[name] = hashlib.sha256(stored.read()).hexdigest()
    return digests


@pytest.fixture
def admissions_in_progress(mailbox):
    """Applications in each state, with their verdicts, files, audit trail and mail."""
    admin = make_person("admin@university.example", is_staff=True, is_superuser=True)
    ana, bo, cy = (make_applicant(f"{n}@example.org") for n in ("ana", "bo", "cy"))
    submitted = complete_draft(ana)
    service.do_submit(submitted, actor=ana)
    withdrawn = complete_draft(bo, submitted.intake)
    service.do_submit(withdrawn, actor=bo)
    service.do_withdraw(withdrawn, actor=bo)
    complete_draft(cy, submitted.intake, documents=False)
    people = cast()
    decided = submitted_application("di@example.org", first_name="Di", last_name="Okafor")
    decisions.do_decide(
        decided,
        Decision.CONDITIONALLY_ADMITTED,
        actor=people.chair,
        conditions=[ConditionIn("Diploma by 1 September", date(2026, 9, 1))],
        feedback="Welcome!",
    )
    do_extend_deadline(
        submitted.intake,
        timezone.now() + timedelta(days=3),
        reason="Outage on deadline day",
        actor=admin,
    )
    do_set_read_only(False, actor=admin)
    reindex()  # as after any import: the catalogue is searchable
    return submitted


def test_it_gives_back_every_row_and_every_file(admissions_in_progress, tmp_path, client):
    rows, files = every_row(), every_file()
    assert len(files) == 18
    for table in ("applications.Submission", "decisions.DecisionRecord", "decisions.Condition"):
        assert rows[table], f"{table} has rows to lose"
    assert rows["core.OutboxMessage"], "the confirmations, sent or not, are data too"
    archive = tmp_path / "backup.tar.gz"
    assert main(["backup", str(archive)]) == 0

    # What a bad day does: applications and their files gone, others changed or added.
    for document in Document.objects.all():
        default_storage.delete(document.file.name)
    Application.objects.all().delete()
    with connection.cursor() as cursor:  # the trail refuses changes; the disk does not
        cursor.execute(
            "UPDATE audit_auditevent SET event = 'tampered' "
            "WHERE id = (SELECT min(id) FROM audit_auditevent)"
        )
    make_applicant("dan@example.org")
    default_storage.save("stray.pdf", io.BytesIO(b"%PDF-1.4 stray"))

    assert main(["restore", str(archive), "--yes"]) == 0
    assert every_row() == rows
    assert every_file() == files
    found = client.get("/search/?q=innovation").text
    assert "Public Sector Innovation and eGovernance" in found, "the text index is rebuilt"
    make_applicant("eve@example.org")  # identifiers continue after the restored ones


def test_it_restores_nothing_without_confirmation(admissions_in_progress, tmp_path, capsys):
    archive = tmp_path / "backup.tar.gz"
    assert main(["backup", str(archive)]) == 0
    Application.objects.all().delete()
    assert main(["restore", str(archive)]) == 2
    assert "--yes" in capsys.readouterr().out
    assert not Application.objects.exists()


def rewrite(archive, tmp_path, change) -> str:
    """A copy of the archive with `change(name, data)` applied to each member."""
    copy = tmp_path / "changed.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(copy, "w:gz") as target:
        for member in source:
            data = change(member.name, source.extractfile(member).read())
            member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    return str(copy)


def test_it_refuses_a_damaged_archive_and_changes_nothing(
    admissions_in_progress, tmp_path, capsys
):
    archive = tmp_path / "backup.tar.gz"
    main(["backup", str(archive)])
    damaged = rewrite(
        archive, tmp_path, lambda n, d: d[:-10] + b"0" * 10 if n.startswith("files/") else d
    )
    rows = every_row()
    assert main(["restore", damaged, "--yes"]) == 1
    assert "is damaged" in capsys.readouterr().out
    assert every_row() == rows


def test_it_refuses_a_backup_of_another_schema(admissions_in_progress, tmp_path, capsys):
    archive = tmp_path / "backup.tar.gz"
    main(["backup", str(archive)])

    def older_schema(name, data):
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        manifest["migrations"]["applications"].pop()
        return json.dumps(manifest).encode()

    rows = every_row()
    assert main(["restore", rewrite(archive, tmp_path, older_schema), "--yes"]) == 1
    assert "schema differs from this installation's in applications" in capsys.readouterr().out
    assert every_row() == rows
