"""Publishing an intake's rubric: uploaded on a staff page, or imported with the programme's
folder; validated, stored with its SHA-256, versioned and audited."""

import shutil

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from openadmit.audit.models import AuditEvent
from openadmit.catalogue.importing import do_import_programme, do_load_demo
from openadmit.catalogue.models import Intake, Programme
from openadmit.catalogue.programme_file import ProgrammeFileError
from openadmit.eligibility import PROGRAMMES_DIR
from openadmit.review import service
from openadmit.review.constants import ReviewEvent
from openadmit.review.models import Rubric
from openadmit.review.rubric import RubricError, load_rubric
from tests.office.factories import cast
from tests.personas import staff_login
from tests.review.factories import PIONEER_RUBRIC, rubric_text

pytestmark = pytest.mark.django_db

PAGE = "/office/intakes/pioneer/2026-09/rubric/"


def upload(text: str, name: str = "rubric.yaml") -> dict:
    return {"file": SimpleUploadedFile(name, text.encode(), content_type="application/yaml")}


@pytest.fixture
def admin(client):
    people = cast()
    staff_login(client, people.programme_admin)
    return people


def publish_events():
    return AuditEvent.objects.filter(event=ReviewEvent.RUBRIC_PUBLISH)


def test_a_programme_administrator_publishes_the_rubric_and_everyone_reads_it(client, admin):
    response = client.post(f"{PAGE}publish/", upload(PIONEER_RUBRIC.read_text()))
    assert response.status_code == 302 and response["Location"] == PAGE
    stored = Rubric.objects.get()
    expected = load_rubric(PIONEER_RUBRIC)
    assert (stored.version, stored.sha256, stored.reviewers_per_file) == ("1", expected.sha256, 2)
    assert stored.published_by == admin.programme_admin and stored.source == "rubric.yaml"
    event = publish_events().get()
    assert event.actor == admin.programme_admin
    assert event.programme_id == stored.intake.programme_id
    assert event.payload["sha256"] == expected.sha256
    staff_login(client, admin.reviewer)
    page = client.get(PAGE).content.decode()
    for words in (
        "Academic record",
        "35 points · scored 0 to 5 in steps of 1",
        "A closely related degree with excellent results",
        "Not the programme's published criteria.",
        expected.sha256,
    ):
        assert words in page
    assert "Publish a new version" not in page


def test_a_broken_rubric_is_refused_naming_each_field_and_nothing_is_stored(client, admin):
    text = PIONEER_RUBRIC.read_text().replace("weight: 15", "weight: -15", 1)
    text = text.replace("reviewers_per_file: 2", "reviewers_per_file: 0")
    response = client.post(f"{PAGE}publish/", upload(text))
    assert response.status_code == 400
    page = response.content.decode()
    assert "criteria.2.weight: Input should be greater than 0" in page
    assert "reviewers_per_file: Input should be greater than or equal to 1" in page
    assert "The rubric was not published" in page
    assert not Rubric.objects.exists() and not publish_events().exists()


def test_it_refuses_what_is_not_a_yaml_rubric_file(client, admin):
    assert client.post(f"{PAGE}publish/", {}).status_code == 400
    binary = {"file": SimpleUploadedFile("r.yaml", b"\xff\xfe\x00", content_type="text/plain")}
    response = client.post(f"{PAGE}publish/", binary)
    assert "not UTF-8 text" in response.content.decode()
    huge = client.post(f"{PAGE}publish/", upload("#" * (300 * 1024)))
    assert "at most 256 KB" in huge.content.decode()
    syntax = client.post(f"{PAGE}publish/", upload("id: [\n"))
    assert "line 2: not valid YAML" in syntax.content.decode()
    assert not Rubric.objects.exists()


def test_a_new_version_supersedes_and_the_old_one_is_kept(client, admin):
    client.post(f"{PAGE}publish/", upload(PIONEER_RUBRIC.read_text()))
    first = Rubric.objects.get()
    client.post(f"{PAGE}publish/", upload(rubric_text(version="2", reviewers_per_file=3)))
    assert Rubric.objects.count() == 2
    current = service.current_rubric(first.intake)
    assert (current.version, current.reviewers_per_file) == ("2", 3)
    page = client.get(PAGE).content.decode()
    assert "Version 1, published" in page
    assert publish_events().count() == 2


def test_a_version_is_published_once_and_a_rubric_fits_its_intake(client, admin):
    client.post(f"{PAGE}publish/", upload(PIONEER_RUBRIC.read_text()))
    again = client.post(f"{PAGE}publish/", upload(rubric_text(title="Changed")))
    assert "version: version 1 is already published" in again.content.decode()
    other = client.post(f"{PAGE}publish/", upload(rubric_text(version="2", intake="2027-09")))
    assert "programme: the rubric is for pioneer 2027-09, not pioneer 2026-09" in (
        other.content.decode()
    )
    assert Rubric.objects.count() == 1 and publish_events().count() == 1


def test_the_current_rubric_downloads_as_a_file_that_publishes_again(client, admin):
    client.post(f"{PAGE}publish/", upload(PIONEER_RUBRIC.read_text()))
    download = client.get("/office/intakes/pioneer/2026-09/rubric.yaml")
    assert download["Content-Disposition"] == (
        'attachment; filename="pioneer-2026-09-rubric-1.yaml"'
    )
    text = download.content.decode().replace("version: '1'", "version: '1.1'")
    assert client.post(f"{PAGE}publish/", upload(text)).status_code == 302
    assert service.current_rubric(Rubric.objects.first().intake).version == "1.1"


def test_the_service_checks_the_permission_itself():
    people = cast()
    intake = Intake.objects.get(programme__slug="pioneer")
    for person in (people.officer, people.chair, people.reviewer, people.applicant):
        with pytest.raises(service.AccessDenied):
            service.do_publish_rubric(intake, PIONEER_RUBRIC.read_text(), actor=person)
    with pytest.raises(RubricError):
        service.do_publish_rubric(intake, "criteria: []", actor=people.programme_admin)
    assert not Rubric.objects.exists()


def test_the_demo_loads_pioneers_rubric_once():
    do_load_demo()
    intake = Intake.objects.get(programme__slug="pioneer")
    rubric = service.current_rubric(intake)
    assert rubric.sha256 == load_rubric(PIONEER_RUBRIC).sha256 and rubric.published_by is None
    do_load_demo()
    assert Rubric.objects.count() == 1 and publish_events().count() == 1


def test_an_import_with_a_broken_rubric_names_the_field_and_imports_nothing(tmp_path):
    folder = tmp_path / "pioneer"
    shutil.copytree(PROGRAMMES_DIR / "pioneer", folder)
    path = folder / "2026-09" / "rubric.yaml"
    path.write_text(path.read_text().replace("weight: 25", "weight: many"))
    from openadmit.catalogue.importing import do_load_institutions

    do_load_institutions()
    with pytest.raises(ProgrammeFileError, match=r"criteria\.1\.weight"):
        do_import_programme(folder)
    assert not Programme.objects.exists() and not Rubric.objects.exists()
    path.write_text(rubric_text(programme="another"))
    with pytest.raises(ProgrammeFileError, match="programme: the rubric is for another"):
        do_import_programme(folder)
    assert not Programme.objects.exists()
