"""POST /api/v1/eligibility: one profile against every open intake, grouped by outcome."""

from datetime import date

import pytest

from openadmit.catalogue.search.indexing import reindex
from tests.catalogue.factories import make_institution, make_programme
from tests.selfcheck.factories import passing_profile

URL = "/api/v1/eligibility"
AT = "2026-02-10T10:00:00+01:00"


@pytest.fixture
def catalogue(pioneer_catalogue):
    """PIONEER, and two synthetic masters open on 10 February 2026: law (template 2), health (5)."""
    institution = make_institution(country="NL", time_zone="Europe/Amsterdam")
    law = make_programme(
        institution=institution,
        template=2,
        starts_on=date(2026, 9, 1),
        title="Master of Laws in Testing",
        subject_area="Law",
        index=False,
    )
    health = make_programme(
        institution=institution,
        template=5,
        starts_on=date(2026, 9, 1),
        title="Master of Nursing in Testing",
        subject_area="Medicine",
        index=False,
    )
    reindex()
    return {"law": law, "health": health}  # fmt: skip


def where(client, body, query=""):
    return client.post(f"{URL}{query}", body, content_type="application/json")


def slugs(result, outcome):
    return {m["programme"] for m in result["groups"][outcome]}


def test_it_groups_every_open_intake_by_outcome_with_reasons(client, catalogue):
    result = where(client, {**passing_profile(), "at": AT}).json()
    assert result["total"] == 3
    assert "pioneer" in slugs(result, "eligible")
    assert catalogue["health"].slug in slugs(result, "ineligible")
    refused = next(
        m for m in result["groups"]["ineligible"] if m["programme"] == catalogue["health"].slug
    )
    assert any("not in an accepted field" in reason for reason in refused["reasons"])
    assert sum(result["counts"].values()) == 3


def test_it_leaves_out_intakes_whose_last_deadline_has_passed(client, catalogue):
    result = where(client, {**passing_profile(), "at": "2026-09-15T10:00:00+02:00"}).json()
    assert "pioneer" not in {m["programme"] for g in result["groups"].values() for m in g}


def test_it_filters_like_search(client, catalogue):
    result = where(client, {**passing_profile(), "at": AT}, "?subject=Law").json()
    assert result["total"] == 1
    assert {m["programme"] for g in result["groups"].values() for m in g} == {catalogue["law"].slug}


def test_it_answers_422_naming_a_bad_filter_or_field(client, catalogue):
    response = where(client, {**passing_profile(), "at": AT}, "?sort=colour")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "sort"]
    response = where(client, passing_profile(nationalities=["ZZ"]))
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][2:] == ["nationalities", 0]
