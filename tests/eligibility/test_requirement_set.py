"""Requirement sets: the PIONEER file as published, loading, validation, hashing, deadlines."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from openadmit.eligibility import (
    RequirementSetError,
    load_requirement_set,
    parse_requirement_set,
)
from tests.eligibility.factories import minimal_document, pioneer, pioneer_document, yaml_text

BRUSSELS = ZoneInfo("Europe/Brussels")


def test_it_lists_all_39_flemish_degrees_with_their_cities_as_published():
    listed = pioneer().degree.listed_degrees[0]
    assert listed.education_system == "BE-nl"
    assert len(listed.degrees) == 39
    by_title = {}
    for degree in listed.degrees:
        by_title.setdefault(degree.title, []).append(degree.cities)
    assert by_title["Bachelor in de rechten"] == [["Brussel", "Kortrijk", "Leuven"], ["Hasselt"]]
    assert by_title["Master of Business Administration"] == [["Antwerpen"], ["Brussel"]]
    assert by_title["Bachelor handelsingenieur"] == [["Brussel", "Leuven"]]
    assert listed.degrees[-1].title == "Master of Sociology"


def test_it_reads_the_english_tests_and_marks_the_pte_figure_as_an_assumption():
    tests = {t.test: t for t in pioneer().language.tests}
    assert (tests["ielts_academic"].overall, tests["toefl_ibt"].overall) == (7.0, 100)
    assert tests["pte_academic"].overall == 84
    assert "assumes PTE Academic 84" in tests["pte_academic"].source.assumption


def test_it_names_the_exemption_countries_and_the_exception_for_any_other_country():
    english = pioneer().language
    countries = english.exemptions[0].countries
    assert [c.code for c in countries] == ["AU", "CA", "IE", "NZ", "GB", "US"]
    assert countries[1].name == "English-speaking Canada"
    assert "country other than those mentioned above" in english.no_other_exemption.source.quote


def test_it_gives_the_last_deadline_as_the_end_of_31_august_in_brussels():
    closes_at = pioneer().latest_deadline()
    assert closes_at == datetime(2026, 8, 31, 23, 59, 59, tzinfo=BRUSSELS)
    assert closes_at.utcoffset().total_seconds() == 2 * 3600


def test_it_keeps_every_deadline_category_with_its_date():
    deadlines = {d.category: d.closes_on.isoformat() for d in pioneer().deadlines()}
    assert deadlines == {"scholarship": "2026-03-01", "non_eea": "2026-07-01", "eea": "2026-08-31"}


def test_it_is_open_until_the_end_of_the_last_day_and_closed_after():
    rs = pioneer()
    assert rs.is_open_at(datetime(2026, 8, 31, 23, 30, tzinfo=BRUSSELS))
    assert not rs.is_open_at(datetime(2026, 9, 1, 0, 30, tzinfo=BRUSSELS))


def test_it_gives_every_clause_a_source():
    for criterion in pioneer().criteria:
        assert criterion.source.url.startswith("https://")
    for test in pioneer().language.tests:
        assert test.source.quote


def test_it_hashes_the_canonical_document_so_a_round_trip_keeps_the_hash():
    rs = pioneer()
    again = parse_requirement_set(rs.document())
    assert again.sha256 == rs.sha256 and len(rs.sha256) == 64


def test_it_changes_the_hash_when_a_rule_changes():
    document = pioneer_document()
    document["criteria"][1]["tests"][0]["overall"] = 6.5
    assert parse_requirement_set(document).sha256 != pioneer().sha256


def test_it_loads_a_yaml_file_and_drops_x_scaffolding(tmp_path):
    document = minimal_document(**{"x-notes": {"anything": 1}})
    path = tmp_path / "requirements.yaml"
    path.write_text(yaml_text(document))
    rs = load_requirement_set(path)
    assert "x-notes" not in rs.document()
    assert rs.latest_deadline() == datetime(
        2026, 11, 15, 23, 59, 59, tzinfo=ZoneInfo("Europe/Berlin")
    )


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d.update(time_zone="Mars/Olympus"), "time_zone"),
        (
            lambda d: d["criteria"][0]["deadlines"][0].update(category="vip"),
            "criteria.0.deadlines.0.category",
        ),
        (lambda d: d["criteria"][0]["source"].pop("quote"), "criteria.0.source"),
        (lambda d: d["criteria"][0].update(kind="horoscope"), "criteria.0"),
        (lambda d: d.update(intake="2027-13"), "intake"),
    ],
)
def test_it_rejects_an_invalid_document_naming_the_field(change, field):
    document = minimal_document()
    change(document)
    with pytest.raises(RequirementSetError) as error:
        parse_requirement_set(document)
    assert str(error.value).startswith(field)


def test_it_rejects_a_test_minimum_outside_the_tests_scale():
    document = pioneer_document()
    document["criteria"][1]["tests"][1]["overall"] = 130
    with pytest.raises(
        RequirementSetError, match=r"criteria\.1\.tests\.1: .*outside the scale 0-120"
    ):
        parse_requirement_set(document)


def test_it_rejects_an_unknown_exemption_country():
    document = pioneer_document()
    document["criteria"][1]["exemptions"][0]["countries"].append({"code": "XX", "name": "Nowhere"})
    with pytest.raises(
        RequirementSetError, match=r"countries\.6\.code: .*'XX' is not an ISO 3166-1"
    ):
        parse_requirement_set(document)


def test_it_reports_a_broken_yaml_file_with_its_path(tmp_path):
    path = tmp_path / "requirements.yaml"
    path.write_text("id: [unclosed\n")
    with pytest.raises(RequirementSetError, match="requirements.yaml"):
        load_requirement_set(path)
