"""`openadmit backup` and `openadmit restore`: the whole database and every uploaded file.

A backup is one `.tar.gz`: `database.jsonl` (every row of every table, through Django's
serializer, so a backup made on SQLite restores on PostgreSQL and back), `files/...` (every
file in the upload storage, local folder or S3 alike) and `manifest.json` (the schema's
migrations, each table's row count, each file's size and SHA-256). Tables are found from the
installed apps, so a table added later is in the next backup without a change here.

The rows are read in one transaction (on PostgreSQL a repeatable-read snapshot), so they
are consistent with each other while the site runs. Restoring replaces everything: it
checks the whole archive first, then replaces every row in one transaction (and rebuilds the
search index, which is not a table of rows), then the files.
"""

import hashlib
import io
import json
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, time
from importlib.metadata import version
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.core import serializers
from django.core.files.base import File
from django.core.files.storage import Storage, default_storage
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.recorder import MigrationRecorder

__all__ = ["BackupError", "Summary", "backup", "restore", "stored_files"]

FORMAT = 1
MANIFEST = "manifest.json"
DATABASE = "database.jsonl"
FILES = "files/"
CHUNK = 1024 * 1024


class ExactJSONEncoder(DjangoJSONEncoder):
    """Django's encoder keeps milliseconds of a moment; a backup keeps every microsecond."""

    def default(self, o):
        if isinstance(o, datetime | time):
            return o.isoformat()
        return super().default(o)


class BackupError(Exception):
    """The backup cannot be made or restored; the message says why."""


@dataclass(frozen=True)
class Summary:
    rows: int
    tables: int
    files: int
    bytes: int


def _models() -> list:
    """Every concrete, managed model, in an order where rows come after those they need."""
    app_models = [
        (config, [m for m in config.get_models() if m._meta.managed and not m._meta.proxy])
        for config in apps.get_app_configs()
    ]
    return serializers.sort_dependencies(app_models, allow_cycles=True)


def stored_files(storage: Storage = default_storage, folder: str = "") -> Iterator[str]:
    """Every file name in the storage, depth first."""
    folders, files = storage.listdir(folder)
    for name in sorted(files):
        yield str(PurePosixPath(folder, name)) if folder else name
    for name in sorted(folders):
        yield from stored_files(storage, str(PurePosixPath(folder, name)) if folder else name)


def _migrations(alias: str) -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connections[alias]).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


class _Hashing(io.RawIOBase):
    def __init__(self, source) -> None:
        self.source, self.digest = source, hashlib.sha256()

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self.source.read(len(buffer))
        self.digest.update(data)
        buffer[: len(data)] = data
        return len(data)


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(datetime.now(UTC).timestamp())
    archive.addfile(info, io.BytesIO(data))


def backup(
    path: Path, *, using: str = DEFAULT_DB_ALIAS, storage: Storage = default_storage
) -> Summary:
    connection = connections[using]
    counts: dict[str, int] = {}
    files: dict[str, dict] = {}
    # Inside a caller's transaction, its snapshot is the one there is.
    own_transaction = not connection.in_atomic_block
    with tempfile.TemporaryFile() as rows, tarfile.open(path, "w:gz") as archive:
        with transaction.atomic(using=using):
            if connection.vendor == "postgresql" and own_transaction:
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            text = io.TextIOWrapper(rows, encoding="utf-8", write_through=True)
            for model in _models():
                queryset = model._base_manager.using(using).order_by("pk")
                counts[model._meta.label] = queryset.count()
                serializers.serialize(
                    "jsonl",
                    queryset.iterator(chunk_size=2000),
                    stream=text,
                    cls=ExactJSONEncoder,
                )
            text.flush()
            text.detach()
            migrations = _migrations(using)
            # Inside the snapshot, so that a file the rows name is not yet replaced.
            for name in stored_files(storage):
                info = tarfile.TarInfo(FILES + name)
                info.size = storage.size(name)
                info.mtime = int(datetime.now(UTC).timestamp())
                with storage.open(name, "rb") as source:
                    hashing = _Hashing(source)
                    archive.addfile(info, io.BufferedReader(hashing, CHUNK))
                files[name] = {"size": info.size, "sha256": hashing.digest.hexdigest()}
        rows.seek(0, io.SEEK_END)
        info = tarfile.TarInfo(DATABASE)
        info.size = rows.tell()
        rows.seek(0)
        archive.addfile(info, rows)
        manifest = {
            "format": FORMAT,
            "created_at": datetime.now(UTC).isoformat(),
            "openadmit": version("openadmit"),
            "database": connection.vendor,
            "migrations": migrations,
            "tables": counts,
            "files": files,
        }
        _add_bytes(archive, MANIFEST, json.dumps(manifest, indent=1, sort_keys=True).encode())
    return Summary(
        rows=sum(counts.values()),
        tables=len(counts),
        files=len(files),
        bytes=sum(f["size"] for f in files.values()),
    )


def _read_manifest(archive: tarfile.TarFile) -> dict:
    try:
        manifest = json.load(archive.extractfile(MANIFEST))
    except (KeyError, ValueError) as error:
        raise BackupError(
            f"not an OpenAdmit backup: {MANIFEST} is missing or unreadable"
        ) from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"backup format {manifest.get('format')!r}; this version reads {FORMAT}")
    return manifest


def _verify(archive: tarfile.TarFile, manifest: dict) -> None:
    """Every file of the manifest is in the archive with its size and SHA-256."""
    seen = set()
    for member in archive:
        if not member.name.startswith(FILES):
            continue
        name = member.name[len(FILES) :]
        expected = manifest["files"].get(name)
        if expected is None or not member.isfile():
            raise BackupError(f"the archive holds {member.name}, which its manifest does not list")
        digest = hashlib.sha256()
        source = archive.extractfile(member)
        while chunk := source.read(CHUNK):
            digest.update(chunk)
        if digest.hexdigest() != expected["sha256"] or member.size != expected["size"]:
            raise BackupError(f"{member.name} is damaged: its SHA-256 differs from the manifest")
        seen.add(name)
    missing = set(manifest["files"]) - seen
    if missing:
        raise BackupError(
            f"{len(missing)} file(s) of the manifest are missing, e.g. {min(missing)}"
        )


def _replace_rows(archive: tarfile.TarFile, manifest: dict, using: str) -> int:
    from openadmit.catalogue.search.indexing import reindex

    connection = connections[using]
    models = _models()
    loaded = 0
    with transaction.atomic(using=using):
        tables = [m._meta.db_table for m in models]
        tables += [
            field.remote_field.through._meta.db_table
            for m in models
            for field in m._meta.local_many_to_many
            if field.remote_field.through._meta.auto_created
        ]
        connection.ops.execute_sql_flush(
            connection.ops.sql_flush(no_style(), tables, reset_sequences=True, allow_cascade=True)
        )
        stream = io.TextIOWrapper(archive.extractfile(DATABASE), encoding="utf-8")
        for item in serializers.deserialize("jsonl", stream, using=using):
            item.save(using=using)
            loaded += 1
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)
        # The full-text index lives beside the rows, not in a model: build it again.
        reindex()
        if loaded != sum(manifest["tables"].values()):
            raise BackupError(
                f"the archive's rows ({loaded}) differ from its manifest "
                f"({sum(manifest['tables'].values())}); nothing was restored"
            )
    return loaded


def _replace_files(archive: tarfile.TarFile, storage: Storage) -> tuple[int, int]:
    for name in list(stored_files(storage)):
        storage.delete(name)
    count = size = 0
    for member in archive:
        if not member.name.startswith(FILES):
            continue
        name = member.name[len(FILES) :]
        saved = storage.save(name, File(archive.extractfile(member), name=name))
        if saved != name:
            raise BackupError(f"{name} was stored as {saved}: the storage was not empty")
        count, size = count + 1, size + member.size
    return count, size


def restore(
    path: Path, *, using: str = DEFAULT_DB_ALIAS, storage: Storage = default_storage
) -> Summary:
    """Replace every row and every uploaded file with the backup's."""
    from django.contrib.contenttypes.models import ContentType

    try:
        archive = tarfile.open(path, "r:gz")
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"cannot read {path}: {error}") from error
    with archive:
        manifest = _read_manifest(archive)
        here = _migrations(using)
        if manifest["migrations"] != here:
            differ = sorted(
                app
                for app in set(here) | set(manifest["migrations"])
                if here.get(app) != manifest["migrations"].get(app)
            )
            raise BackupError(
                "the backup's database schema differs from this installation's in "
                f"{', '.join(differ)}: restore it with the OpenAdmit version that made it "
                f"({manifest['openadmit']}), then upgrade"
            )
        _verify(archive, manifest)
        rows = _replace_rows(archive, manifest, using)
        ContentType.objects.clear_cache()
        files, size = _replace_files(archive, storage)
    return Summary(rows=rows, tables=len(manifest["tables"]), files=files, bytes=size)
