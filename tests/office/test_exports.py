"""Exports of the queue: chosen columns, the queue's filters, CSV or XLSX, recorded."""

import csv
import io
import zipfile

import pytest

from openadmit.audit.models import AuditEvent
from openadmit.office.constants import OfficeEvent
from tests.office.factories import cast, submitted
from tests.personas import staff_login

pytestmark = pytest.mark.django_db

EXPORT = "/office/intakes/pioneer/2026-09/export/"


@pytest.fixture
def world():
    people = cast()
    submitted("wanjiru@example.org", nationalities=("KE",), first_name="Wanjiru", last_name="Kamau")
    submitted("lotte@example.org", nationalities=("BE",), first_name="Lotte", last_name="Peeters")
    return people


def test_it_exports_the_filtered_queue_as_csv_with_the_chosen_columns(client, world):
    staff_login(client, world.officer)
    response = client.get(
        EXPORT,
        {
            "nationality": "KE",
            "columns": ["name", "email", "outcome"],
            "format": "csv",
            "download": "1",
        },
    )
    assert response.status_code == 200
    assert (
        response["Content-Disposition"] == 'attachment; filename="pioneer-2026-09-applications.csv"'
    )
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text))) == [
        ["Name", "E-mail", "Eligibility"],
        ["Wanjiru Kamau", "wanjiru@example.org", "Eligible"],
    ]
    event = AuditEvent.objects.get(event=OfficeEvent.EXPORT)
    assert event.actor == world.officer and event.payload["rows"] == 1
    assert event.payload["filters"]["nationality"] == ["KE"]


def test_it_exports_xlsx(client, world):
    staff_login(client, world.chair)
    response = client.get(
        EXPORT, {"columns": ["reference", "name"], "format": "xlsx", "download": "1"}
    )
    content = b"".join(response.streaming_content)
    with zipfile.ZipFile(io.BytesIO(content)) as book:
        strings = (
            book.read("xl/sharedStrings.xml").decode()
            if "xl/sharedStrings.xml" in book.namelist()
            else ""
        )
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
    assert "Lotte Peeters" in strings + sheet and "Wanjiru Kamau" in strings + sheet


def test_it_names_what_is_missing(client, world):
    staff_login(client, world.officer)
    response = client.get(EXPORT, {"format": "csv", "download": "1"})
    assert response.status_code == 400
    assert "Choose at least one column." in response.content.decode()
    assert not AuditEvent.objects.filter(event=OfficeEvent.EXPORT).exists()


def test_only_roles_that_export_reach_it(client, world):
    for person in (world.reviewer, world.partner_viewer, world.other_programme_officer):
        staff_login(client, person)
        assert client.get(EXPORT).status_code == 404
    client.force_login(world.applicant)
    assert client.get(EXPORT).status_code == 403
    assert not AuditEvent.objects.filter(event=OfficeEvent.EXPORT).exists()
