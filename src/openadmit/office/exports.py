"""Exports of an intake's queue: chosen columns, the queue's filters, CSV or XLSX.

Both stream: CSV row by row to the response; XLSX through XlsxWriter's constant-memory
mode into a temporary file, so fifty thousand rows take no more memory than fifty. Each
export is recorded in the audit trail with its filters, columns and row count.
"""

import csv
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import xlsxwriter
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from openadmit.access.constants import Permission
from openadmit.access.policy import require
from openadmit.applications.constants import FeeStatus, Status
from openadmit.audit.service import record_event
from openadmit.catalogue.models import Intake
from openadmit.office.constants import OfficeEvent, ScreeningState
from openadmit.office.models import QueueEntry
from openadmit.verdicts.constants import VerdictOutcome

__all__ = ["COLUMNS", "DEFAULT_COLUMNS", "ExportFormat", "csv_rows", "do_export", "xlsx_file"]


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    value: Callable[[QueueEntry], Any]


def _label(choices, value: str) -> str:
    return str(choices(value).label) if value else ""


COLUMNS = {
    c.key: c
    for c in (
        Column("reference", _("Reference"), lambda e: e.reference),
        Column("name", _("Name"), lambda e: e.name),
        Column(
            "email",
            _("E-mail"),
            lambda e: e.application.applicant.email if e.application.applicant else "",
        ),
        Column("nationalities", _("Nationalities"), lambda e: e.nationalities.strip(",").upper()),
        Column("status", _("Status"), lambda e: _label(Status, e.status)),
        Column("submitted_at", _("Submitted"), lambda e: e.submitted_at.isoformat()),
        Column("deadline_category", _("Deadline category"), lambda e: e.deadline_category),
        Column("wants_scholarship", _("Asks for a scholarship"), lambda e: e.wants_scholarship),
        Column(
            "engine_outcome",
            _("Eligibility by the rules"),
            lambda e: _label(VerdictOutcome, e.engine_outcome),
        ),
        Column("outcome", _("Eligibility"), lambda e: _label(VerdictOutcome, e.outcome)),
        Column("screening", _("Screening"), lambda e: _label(ScreeningState, e.screening)),
        Column("fee_status", _("Fee"), lambda e: _label(FeeStatus, e.fee_status)),
        Column("reviews", _("Reviews done"), lambda e: e.reviews_done),
        Column("reviews_required", _("Reviews required"), lambda e: e.reviews_required),
        Column("score", _("Score"), lambda e: float(e.score) if e.score is not None else ""),
    )
}
DEFAULT_COLUMNS = (
    "reference",
    "name",
    "nationalities",
    "status",
    "submitted_at",
    "outcome",
    "score",
)


class ExportFormat:
    CSV = "csv"
    XLSX = "xlsx"


def do_export(
    intake: Intake, entries: QuerySet[QueueEntry], *, actor, columns, fmt: str, filters: dict
):
    """Check the permission and record the export; returns the rows to write."""
    require(actor, Permission.EXPORT, intake)
    count = entries.count()
    with transaction.atomic():
        record_event(
            OfficeEvent.EXPORT,
            actor=actor,
            target=intake,
            payload={"format": fmt, "columns": list(columns), "rows": count, "filters": filters},
        )
    return entries.select_related("application__applicant")


def _rows(entries: QuerySet[QueueEntry], columns: list[Column]) -> Iterator[list[Any]]:
    for entry in entries.iterator(chunk_size=2000):
        yield [column.value(entry) for column in columns]


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_rows(entries: QuerySet[QueueEntry], keys: list[str]) -> Iterator[str]:
    columns = [COLUMNS[k] for k in keys]
    writer = csv.writer(_Echo())
    yield "\ufeff"  # a byte-order mark, so that spreadsheet programs read UTF-8
    yield writer.writerow([str(c.label) for c in columns])
    for row in _rows(entries, columns):
        yield writer.writerow(row)


def xlsx_file(entries: QuerySet[QueueEntry], keys: list[str]):
    """The export as an XLSX in a temporary file (closed when the response is)."""
    columns = [COLUMNS[k] for k in keys]
    handle = tempfile.TemporaryFile()
    workbook = xlsxwriter.Workbook(handle, {"constant_memory": True, "in_memory": False})
    sheet = workbook.add_worksheet(str(_("Applications"))[:31])
    bold = workbook.add_format({"bold": True})
    for col, column in enumerate(columns):
        sheet.write(0, col, str(column.label), bold)
    for row_number, row in enumerate(_rows(entries, columns), start=1):
        for col, value in enumerate(row):
            sheet.write(row_number, col, value)
    workbook.close()
    handle.seek(0)
    return handle
