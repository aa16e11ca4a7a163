import shutil

import pytest

from openadmit.catalogue.importing import do_import_programme, do_load_institutions
from openadmit.catalogue.models import Programme
from openadmit.catalogue.programme_file import ProgrammeFileError
from openadmit.cli import main
from openadmit.eligibility.programme_files import PROGRAMMES_DIR

pytestmark = pytest.mark.django_db


@pytest.fixture
def pioneer_copy(tmp_path):
    folder = tmp_path / "pioneer"
    shutil.copytree(PROGRAMMES_DIR / "pioneer", folder)
    return folder


def test_it_refuses_a_programme_file_naming_the_bad_field(pioneer_copy):
    do_load_institutions()
    path = pioneer_copy / "programme.yaml"
    path.write_text(path.read_text().replace("ects: 120", "ects: lots"))
    with pytest.raises(ProgrammeFileError, match="ects"):
        do_import_programme(pioneer_copy)
    assert not Programme.objects.exists()


def test_it_refuses_a_requirement_set_of_another_programme(pioneer_copy):
    do_load_institutions()
    path = pioneer_copy / "2026-09" / "requirements.yaml"
    path.write_text(path.read_text().replace("programme: pioneer", "programme: another"))
    with pytest.raises(ProgrammeFileError, match="another"):
        do_import_programme(pioneer_copy)
    assert not Programme.objects.exists()


def test_it_refuses_a_requirement_set_whose_cases_fail(pioneer_copy):
    from openadmit.eligibility import NotPublishable

    do_load_institutions()
    path = pioneer_copy / "2026-09" / "requirements.yaml"
    path.write_text(path.read_text().replace("overall: 7.0", "overall: 6.5"))
    with pytest.raises(NotPublishable, match="IELTS 6.5 is below the minimum"):
        do_import_programme(pioneer_copy)
    assert not Programme.objects.exists()


def test_it_imports_folders_from_the_command_line(pioneer_copy, capsys):
    assert main(["load-demo"]) == 0
    assert main(["import", str(pioneer_copy)]) == 0
    assert "imported pioneer" in capsys.readouterr().out
    broken = pioneer_copy / "programme.yaml"
    broken.write_text("slug: [")
    assert main(["import", str(pioneer_copy)]) == 2
    assert "programme.yaml" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("starts_on: 2026-09-01", "starts_on: 9999-12-31", "intakes.0.starts_on"),
        ("starts_on: 2026-09-01", "starts_on: 0001-01-01", "intakes.0.starts_on"),
        ("    months: 24", "    months: 99999999999999999999", "scholarships.0.months"),
        (
            "published_postgraduate_programmes: 105",
            "published_postgraduate_programmes: 9223372036854775808",
            "listed_institution.published_postgraduate_programmes",
        ),
    ],
)
def test_it_refuses_a_date_or_count_no_database_column_holds_naming_it(
    pioneer_copy, old, new, field
):
    do_load_institutions()
    path = pioneer_copy / "programme.yaml"
    path.write_text(path.read_text().replace(old, new, 1))
    with pytest.raises(ProgrammeFileError, match=field):
        do_import_programme(pioneer_copy)
    assert not Programme.objects.exists()
