"""POST /api/v1/programmes/{slug}/eligibility: a verdict, or an error naming the field."""

import pytest

from tests.selfcheck.factories import passing_profile

URL = "/api/v1/programmes/pioneer/eligibility"


def post(client, body, url=URL):
    return client.post(url, body, content_type="application/json")


@pytest.mark.usefixtures("pioneer_catalogue")
def test_it_returns_the_verdict_with_every_reason_and_the_ruleset(client):
    response = post(client, {**passing_profile(), "at": "2026-05-04T10:00:00+02:00"})
    assert response.status_code == 200
    verdict = response.json()
    assert verdict["outcome"] == "eligible"
    assert [c["id"] for c in verdict["criteria"]] == ["degree", "english", "deadline"]
    assert verdict["deadline"] == {
        "category": "non_eea",
        "label": "Applicants without an EEA nationality",
        "closes_at": "2026-07-01T23:59:59+02:00",
    }
    assert verdict["ruleset"]["id"] == "pioneer-2026-09"
    assert len(verdict["ruleset"]["sha256"]) == 64


@pytest.mark.usefixtures("pioneer_catalogue")
@pytest.mark.parametrize(
    ("at", "outcome"),
    [("2026-07-01T21:30:00Z", "eligible"), ("2026-07-01T22:30:00Z", "ineligible")],
)
def test_it_judges_the_deadline_in_brussels_whatever_the_moments_zone(client, at, outcome):
    verdict = post(client, {**passing_profile(), "at": at, "intake": "2026-09"}).json()
    assert verdict["criteria"][2]["outcome"] == outcome


@pytest.mark.usefixtures("pioneer_catalogue")
@pytest.mark.parametrize(
    ("change", "loc"),
    [
        ({"language_tests": [{"test": "ielts", "overall": 7}]}, ["language_tests", 0, "test"]),
        (
            {"language_tests": [{"test": "toefl_ibt", "overall": 121}]},
            ["language_tests", 0, "overall"],
        ),
        ({"nationalities": ["XX"]}, ["nationalities", 0]),
        ({"nationalities": []}, ["nationalities"]),
        ({"at": "2026-07-01T23:30:00"}, ["at"]),
        ({"intake": "2031-02"}, ["intake"]),
    ],
)
def test_it_answers_422_naming_the_field(client, change, loc):
    response = post(client, passing_profile(**change))
    assert response.status_code == 422
    locations = [problem["loc"][2:] for problem in response.json()["detail"]]
    assert loc in locations, response.json()


@pytest.mark.django_db
def test_it_answers_404_for_an_unknown_programme(client):
    response = post(client, passing_profile(), url="/api/v1/programmes/nowhere/eligibility")
    assert response.status_code == 404
    assert response.json() == {"detail": "No programme 'nowhere'."}


@pytest.mark.usefixtures("pioneer_catalogue")
def test_it_needs_no_account_and_writes_nothing(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert post(client, passing_profile()).status_code == 200
    statements = [q["sql"].split()[0].upper() for q in queries.captured_queries]
    assert statements and set(statements) == {"SELECT"}
