"""The guided form refuses numbers and dates no application can hold, naming the field:
never a server error, never a stored infinity or a birth in the year 9999."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.applications.form_posts import STEP_POSTS

pytestmark = pytest.mark.django_db


def post_step(client, application, step, data):
    return client.post(f"/applications/{application.public_id}/steps/{step}/", data)


GRADED = {
    **STEP_POSTS["education"],
    "degree1-grade": "15",
    "degree1-grade_best": "20",
    "degree1-grade_pass": "10",
}


@pytest.mark.parametrize("part", ["grade", "grade_best", "grade_pass"])
@pytest.mark.parametrize("number", ["1e400", "-1e400", "1e7"])
def test_it_refuses_a_grade_beyond_any_scale_beside_its_field(client, started, part, number):
    response = post_step(client, started, "education", {**GRADED, f"degree1-{part}": number})
    assert response.status_code == 200
    page = response.content.decode()
    assert f'id="id_degree1-{part}-error"' in page
    assert "1000000" in page
    started.refresh_from_db()
    assert "degrees" not in started.profile


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-inf"])
def test_it_refuses_nan_and_infinity_as_a_grade(client, started, number):
    response = post_step(client, started, "education", {**GRADED, "degree1-grade": number})
    assert 'id="id_degree1-grade-error"' in response.content.decode()
    started.refresh_from_db()
    assert "degrees" not in started.profile


@pytest.mark.parametrize("field", ["overall", "listening"])
def test_it_refuses_a_test_score_of_1e400_beside_its_field(client, started, field):
    data = {**STEP_POSTS["language"], f"test1-{field}": "1e400"}
    response = post_step(client, started, "language", data)
    assert response.status_code == 200
    assert f'id="id_test1-{field}-error"' in response.content.decode()
    started.refresh_from_db()
    assert "language_tests" not in started.profile


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "2100-01-01"])
def test_it_refuses_a_test_date_outside_reason(client, started, day):
    data = {**STEP_POSTS["language"], "test1-taken_on": day}
    response = post_step(client, started, "language", data)
    assert 'id="id_test1-taken_on-error"' in response.content.decode()
    started.refresh_from_db()
    assert "language_tests" not in started.profile


@pytest.mark.parametrize(
    ("day", "words"),
    [
        ("0001-01-01", "greater than or equal to 1900-01-01"),
        ("1899-12-31", "greater than or equal to 1900-01-01"),
        ("1905-06-01", "makes you 121 years old when the programme starts"),
        ("2013-09-02", "makes you 12 years old when the programme starts"),
        ("2100-01-01", "This date is in the future."),
        ("9999-12-31", "This date is in the future."),
    ],
)
def test_it_refuses_a_date_of_birth_no_applicant_has(client, started, day, words):
    data = {**STEP_POSTS["personal"], "date_of_birth": day}
    response = post_step(client, started, "personal", data)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_date_of_birth-error"' in page
    assert words in page
    started.refresh_from_db()
    assert started.personal == {}


@pytest.mark.parametrize("day", ["1906-09-01", "2012-09-01"])
def test_it_accepts_the_oldest_and_youngest_applicants(client, started, day):
    data = {**STEP_POSTS["personal"], "date_of_birth": day}
    response = post_step(client, started, "personal", data)
    assert response.status_code == 302
    started.refresh_from_db()
    assert started.personal["date_of_birth"] == day


def test_it_refuses_a_date_of_birth_tomorrow(client, started):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    data = {**STEP_POSTS["personal"], "date_of_birth": tomorrow}
    page = post_step(client, started, "personal", data).content.decode()
    assert "This date is in the future." in page
