"""The self-check refuses moments, numbers and dates no application can hold, naming the
field: in the API with 422, on the pages beside the field; never a server error."""

import json

import pytest

from tests.selfcheck.factories import passing_profile

pytestmark = pytest.mark.usefixtures("pioneer_catalogue")

PROGRAMME_URL = "/api/v1/programmes/pioneer/eligibility"
WHERE_URL = "/api/v1/eligibility"
EXTREME_MOMENTS = [
    "9999-12-31T23:59:59+00:00",
    "9999-12-31T23:59:59-14:00",
    "0001-01-01T00:00:00+00:00",
    "0001-01-01T00:00:00+14:00",
    "2999-06-01T12:00:00Z",
]


def post_json(client, url, text):
    return client.post(url, text, content_type="application/json")


def locations(response) -> list[list]:
    return [problem["loc"][2:] for problem in response.json()["detail"]]


@pytest.mark.parametrize("url", [PROGRAMME_URL, WHERE_URL])
@pytest.mark.parametrize("at", EXTREME_MOMENTS)
def test_the_api_refuses_a_moment_outside_the_engines_years_naming_at(client, url, at):
    response = post_json(client, url, json.dumps(passing_profile(at=at)))
    assert response.status_code == 422
    assert locations(response) == [["at"]]
    assert "must fall within the years 1900 to 2199" in response.json()["detail"][0]["msg"]


@pytest.mark.parametrize("url", [PROGRAMME_URL, WHERE_URL])
@pytest.mark.parametrize("number", ["1e400", "-1e400", "NaN", "Infinity"])
@pytest.mark.parametrize("part", ["value", "best", "pass"])
def test_the_api_refuses_a_grade_json_reads_as_infinity_naming_it(client, url, number, part):
    profile = passing_profile()
    profile["degrees"][0]["grade"] = {"value": 15, "best": 20, "pass": 10}
    text = json.dumps(profile).replace(f'"{part}": {profile["degrees"][0]["grade"][part]}',
                                       f'"{part}": {number}')  # fmt: skip
    response = post_json(client, url, text)
    assert response.status_code == 422
    assert ["degrees", 0, "grade", part] in locations(response)


@pytest.mark.parametrize(
    ("change", "loc"),
    [
        ({"relevant_experience_months": True}, ["relevant_experience_months"]),
        ({"language_tests": [{"test": "toefl_ibt", "overall": "100"}]},
         ["language_tests", 0, "overall"]),
        ({"language_tests": [{"test": "toefl_ibt", "overall": 100, "taken_on": "9999-12-31"}]},
         ["language_tests", 0, "taken_on"]),
        ({"per_outcome": True}, ["per_outcome"]),
    ],
)  # fmt: skip
def test_the_where_api_takes_only_numbers_as_numbers_and_real_dates(client, change, loc):
    response = post_json(client, WHERE_URL, json.dumps(passing_profile(**change)))
    assert response.status_code == 422
    assert loc in locations(response)


PAGE = "/programmes/pioneer/eligibility/"
PASSING = {
    "nationality": "IN",
    "degree_level": "bachelor",
    "degree_title": "Bachelor in de rechten",
    "degree_field": "law",
    "degree_country": "BE",
    "test": "ielts_academic",
    "test_overall": "7.0",
}


@pytest.mark.parametrize("url", [PAGE, "/eligibility/"])
@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"test_overall": "1e400"}, "test_overall"),
        ({"test_overall": "-1e400"}, "test_overall"),
        ({"test_taken_on": "9999-12-31"}, "test_taken_on"),
        ({"test_taken_on": "0001-01-01"}, "test_taken_on"),
        ({"applying_on": "9999-12-31"}, "applying_on"),
        ({"applying_on": "0001-01-01"}, "applying_on"),
    ],
)
def test_the_pages_name_the_field_of_a_number_or_date_beyond_reason(client, url, change, field):
    response = client.post(url, {**PASSING, **change})
    assert response.status_code == 422
    assert f'href="#id_{field}"' in response.content.decode()
