"""Accounts' public service: the data-rights registry and the account actions.

Every app that holds personal data registers a *data holder* once, in its
``AppConfig.ready()``::

    from openadmit.accounts.service import PersonalData, register_data_holder

    def export_applications(user) -> PersonalData:
        return PersonalData(data={...}, files=[("diploma.pdf", document.file), ...])

    def erase_applications(user) -> dict[str, int]:
        ...  # delete drafts, apply retention to submitted applications
        return {"drafts_deleted": 2}

    register_data_holder("applications", export=export_applications, erase=erase_applications)

"Download my data" gathers every holder's export into one zip (``data.json`` and the files
under ``files/<holder>/``). "Delete my account" runs every holder's eraser, then deletes the
user, in one transaction with its audit row: an eraser that raises leaves everything as it
was. Erasers delete stored files with ``transaction.on_commit`` so that a rolled-back deletion
never loses a file.
"""

import json
import posixpath
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import IO, Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.files import File
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from openadmit.accounts.constants import AccountEvent
from openadmit.audit.service import record_event

__all__ = [
    "DataHolder",
    "PersonalData",
    "data_holders",
    "do_delete_account",
    "do_export_personal_data",
    "register_data_holder",
]

ARCHIVE_DATA_NAME = "data.json"
CHUNK_SIZE = 1024 * 1024


@dataclass(frozen=True)
class PersonalData:
    """What one app holds about one person: JSON-ready data, and files as (name, file).

    A file is bytes or a Django ``File`` (a model's ``FieldFile`` will do); it is opened and
    read only while the archive is written.
    """

    data: Mapping[str, Any]
    files: Iterable[tuple[str, File | bytes]] = field(default_factory=tuple)


@dataclass(frozen=True)
class DataHolder:
    name: str
    export: Callable[[AbstractBaseUser], PersonalData]
    erase: Callable[[AbstractBaseUser], Mapping[str, int]]


_holders: dict[str, DataHolder] = {}


def register_data_holder(
    name: str,
    *,
    export: Callable[[AbstractBaseUser], PersonalData],
    erase: Callable[[AbstractBaseUser], Mapping[str, int]],
) -> None:
    """Register an app's exporter and eraser under `name` (a key of the exported JSON).

    Registering the same functions again (a second ``ready()``) is harmless; registering
    other functions under a name already taken is a programming error.
    """
    holder = DataHolder(name=name, export=export, erase=erase)
    existing = _holders.get(name)
    if existing is not None and existing != holder:
        raise ValueError(f"a data holder named {name!r} is already registered")
    _holders[name] = holder


def data_holders() -> list[DataHolder]:
    return list(_holders.values())


def do_export_personal_data(user: AbstractBaseUser, *, actor: AbstractBaseUser) -> IO[bytes]:
    """Everything held about `user`, as a zip in a temporary file positioned at its start.

    The caller closes the file (a ``FileResponse`` does). The audit row is written once the
    archive is complete, so a failed export is not recorded as a download.
    """
    exported_at = timezone.now()
    archive = tempfile.TemporaryFile()
    document: dict[str, Any] = {"exported_at": exported_at.isoformat(), "holders": {}}
    file_count = 0
    try:
        with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for holder in data_holders():
                personal = holder.export(user)
                names: list[str] = []
                for name, content in personal.files:
                    arcname = _unique_name(f"files/{holder.name}", name, names)
                    _write_file(zf, arcname, content)
                    names.append(arcname)
                document["holders"][holder.name] = {"data": personal.data, "files": names}
                file_count += len(names)
            zf.writestr(
                ARCHIVE_DATA_NAME,
                json.dumps(document, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False),
            )
        with transaction.atomic():
            record_event(
                AccountEvent.EXPORT,
                actor=actor,
                target=user,
                payload={"holders": sorted(document["holders"]), "files": file_count},
            )
    except BaseException:
        archive.close()
        raise
    archive.seek(0)
    return archive


def do_delete_account(user: AbstractBaseUser, *, actor: AbstractBaseUser) -> dict[str, Any]:
    """Erase what every app holds about `user`, then the account itself, atomically.

    Returns what was erased per holder, which is also the audit row's payload.
    """
    with transaction.atomic():
        erased = {holder.name: dict(holder.erase(user)) for holder in data_holders()}
        record_event(AccountEvent.DELETE, actor=actor, target=user, payload={"erased": erased})
        user.delete()
    return erased


def _unique_name(folder: str, name: str, taken: list[str]) -> str:
    # Only the last path part of a name counts: no archive member can escape its folder.
    base = posixpath.basename(name.replace("\\", "/")).strip() or "file"
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    candidate, counter = f"{folder}/{base}", 2
    while candidate in taken:
        candidate = f"{folder}/{stem}-{counter}{dot}{suffix}"
        counter += 1
    return candidate


def _write_file(zf: zipfile.ZipFile, arcname: str, content: File | bytes) -> None:
    if isinstance(content, bytes):
        zf.writestr(arcname, content)
        return
    content.open("rb")
    try:
        with zf.open(arcname, "w") as target:
            for chunk in content.chunks(CHUNK_SIZE):
                target.write(chunk)
    finally:
        content.close()
