"""The guided form through its pages, without JavaScript: save, resume, errors by field."""

import pytest

from openadmit.applications.forms import DegreeForm
from openadmit.selfcheck.forms import DEGREE_FIELD_NAMES, SelfCheckForm
from tests.applications.factories import pioneer_intake
from tests.applications.form_posts import STEP_POSTS

pytestmark = pytest.mark.django_db


def test_each_step_saves_and_leads_to_the_next(client, started):
    base = f"/applications/{started.public_id}"
    steps = list(STEP_POSTS)
    for index, (step, data) in enumerate(STEP_POSTS.items()):
        response = client.post(f"{base}/steps/{step}/", data)
        assert response.status_code == 302, response.content.decode()[:2000]
        expected = (
            f"{base}/steps/{steps[index + 1]}/"
            if index + 1 < len(steps)
            else f"{base}/steps/documents/"
        )
        assert response["Location"] == expected
    started.refresh_from_db()
    assert started.profile["nationalities"] == ["IN", "PT"]
    assert started.profile["degrees"][0]["title"] == "Bachelor of Laws"
    assert started.profile["language_tests"] == [
        {"test": "ielts_academic", "overall": 7.5, "taken_on": "2025-10-04"}
    ]
    assert started.profile["wants_scholarship"] is False
    page = client.get(f"{base}/steps/documents/").content.decode()
    assert "Can you apply?" in page
    assert "You can apply" in page
    review = client.get(f"{base}/review/").content.decode()
    assert "India, Portugal" in review and "IELTS Academic 7.5" in review


def test_the_verdict_shows_after_each_step_once_the_profile_allows(client, started):
    base = f"/applications/{started.public_id}"
    client.post(f"{base}/steps/personal/", STEP_POSTS["personal"])
    page = client.get(f"{base}/steps/nationalities/").content.decode()
    assert "Your verdict appears here as you fill in the steps." in page
    client.post(f"{base}/steps/nationalities/", STEP_POSTS["nationalities"])
    page = client.get(f"{base}/steps/education/").content.decode()
    assert "Something is missing before you can apply" in page or "You cannot apply" in page


def test_leaving_and_coming_back_resumes_at_the_first_unsaved_step(client, started):
    base = f"/applications/{started.public_id}"
    response = client.post(
        f"{base}/steps/personal/", {**STEP_POSTS["personal"], "save_and_leave": "1"}
    )
    assert response["Location"] == "/applications/"
    listing = client.get("/applications/").content.decode()
    assert f"{base}/steps/nationalities/" in listing
    again = client.post("/programmes/pioneer/2026-09/apply/")
    assert again["Location"] == f"{base}/steps/nationalities/"
    page = client.get(f"{base}/steps/personal/").content.decode()
    assert 'value="Silva"' in page


def test_it_names_the_field_of_a_score_off_the_tests_scale(client, started):
    response = client.post(
        f"/applications/{started.public_id}/steps/language/",
        {"test1-test": "ielts_academic", "test1-overall": "7.3", "test1-taken_on": "2025-10-04"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "IELTS Academic overall score 7.3 is not a multiple of 0.5" in page
    assert 'id="id_test1-overall-error"' in page
    started.refresh_from_db()
    assert "language_tests" not in started.profile


def test_it_names_a_missing_required_field(client, started):
    response = client.post(
        f"/applications/{started.public_id}/steps/personal/", {"given_names": "Ana"}
    )
    assert response.status_code == 200
    assert 'id="id_family_name-error"' in response.content.decode()
    started.refresh_from_db()
    assert started.personal == {}


def test_it_keeps_the_second_degree_optional_but_whole(client, started):
    data = {**STEP_POSTS["education"], "degree2-title": "Master of Something"}
    response = client.post(f"/applications/{started.public_id}/steps/education/", data)
    assert response.status_code == 200
    assert 'id="id_degree2-field-error"' in response.content.decode()


def test_the_programme_page_leads_to_the_application_while_the_intake_is_open(client):
    intake = pioneer_intake()
    page = client.get("/programmes/pioneer/").content.decode()
    assert f'href="/programmes/pioneer/{intake.code}/apply/"' in page


def test_the_programme_page_offers_no_application_after_the_last_deadline(client):
    pioneer_intake(published_dates=True)
    assert "Apply now" not in client.get("/programmes/pioneer/").content.decode()


def test_it_keeps_the_belgian_community_of_a_degree_for_the_degree_list(client, started):
    flemish = {
        **STEP_POSTS["education"],
        "degree1-title": "Bachelor in de rechten",
        "degree1-city": "Leuven",
        "degree1-country": "BE",
        "degree1-education_system": "BE-nl",
        "degree1-language_of_instruction": "nl",
    }
    client.post(f"/applications/{started.public_id}/steps/education/", flemish)
    started.refresh_from_db()
    assert started.profile["degrees"][0]["education_system"] == "BE-nl"


def test_it_asks_about_a_degree_in_the_same_words_as_the_self_check():
    guided = DegreeForm(required=True).fields
    assert list(guided)[: len(DEGREE_FIELD_NAMES)] == list(DEGREE_FIELD_NAMES)
    self_check = SelfCheckForm().fields
    for name, self_check_name in DEGREE_FIELD_NAMES.items():
        ours, theirs = guided[name], self_check[self_check_name]
        assert type(ours) is type(theirs), name
        assert str(ours.label) == str(theirs.label), name
        assert str(ours.help_text) == str(theirs.help_text), name
        assert getattr(ours, "max_length", None) == getattr(theirs, "max_length", None), name
        assert type(ours.widget) is type(theirs.widget), name
        assert [(v, str(label)) for v, label in getattr(ours, "choices", [])] == [
            (v, str(label)) for v, label in getattr(theirs, "choices", [])
        ], name
