"""The self-check pages, without JavaScript: a form, then the verdict with every reason."""

import pytest

URL = "/programmes/pioneer/eligibility/"

PASSING = {
    "nationality": "IN",
    "degree_level": "bachelor",
    "degree_title": "Bachelor in de rechten",
    "degree_field": "law",
    "degree_institution": "KU Leuven",
    "degree_city": "Leuven",
    "degree_country": "BE",
    "degree_system": "BE-nl",
    "degree_language": "nl",
    "test": "ielts_academic",
    "test_overall": "7.0",
    "applying_on": "2026-05-04",
}


@pytest.mark.usefixtures("pioneer_catalogue")
def test_it_shows_an_empty_form_without_an_account(client):
    response = client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Check my eligibility" in page and 'name="nationality"' in page
    assert "nothing you enter here is stored" in page


@pytest.mark.usefixtures("pioneer_catalogue")
def test_it_shows_the_verdict_every_reason_and_the_deadline_that_applies(client):
    page = client.post(URL, PASSING).content.decode()
    assert "You can apply" in page
    assert "IELTS Academic overall score 7.0 meets the minimum of 7.0" in page
    assert "Your deadline (Applicants without an EEA nationality):" in page
    assert "1 July 2026, 23:59" in page
    assert "Europe/Brussels" in page
    assert "topuniversities.com" in page


@pytest.mark.usefixtures("pioneer_catalogue")
def test_it_says_what_to_do_about_each_missing_item(client):
    page = client.post(URL, {**PASSING, "test": "", "test_overall": ""}).content.decode()
    assert "Something is missing before you can apply" in page
    assert "What to do" in page
    assert "Submit one of these English test results" in page


@pytest.mark.usefixtures("pioneer_catalogue")
def test_it_explains_a_failing_score(client):
    page = client.post(URL, {**PASSING, "test_overall": "6.5"}).content.decode()
    assert "You cannot apply to this intake" in page
    assert "6.5 is below the minimum of 7.0" in page


@pytest.mark.usefixtures("pioneer_catalogue")
def test_it_names_the_field_of_a_score_off_the_tests_scale(client):
    response = client.post(URL, {**PASSING, "test_overall": "9.5"})
    assert response.status_code == 422
    page = response.content.decode()
    assert "Overall score: IELTS Academic overall score 9.5 is outside the scale 0-9" in page
    assert "You can apply" not in page


@pytest.mark.usefixtures("pioneer_catalogue")
def test_it_requires_a_nationality(client):
    response = client.post(URL, {**PASSING, "nationality": ""})
    assert response.status_code == 422
    assert 'href="#id_nationality"' in response.content.decode()


@pytest.mark.django_db
def test_it_answers_404_for_an_unknown_programme(client):
    assert client.get("/programmes/nowhere/eligibility/").status_code == 404


@pytest.mark.usefixtures("pioneer_catalogue")
def test_it_lists_where_a_profile_can_apply(client):
    response = client.post("/eligibility/", {**PASSING, "applying_on": "2026-05-04"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "1 open intake checked" in page
    assert "You can apply: 1" in page
    assert "Erasmus Mundus Master of Science in Public Sector Innovation and eGovernance" in page


@pytest.mark.usefixtures("pioneer_catalogue")
def test_it_refuses_a_form_posted_from_another_site():
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(URL, PASSING)
    assert response.status_code == 403


@pytest.mark.usefixtures("pioneer_catalogue")
def test_it_answers_a_signed_in_user_the_same_without_storing_anything(client, django_user_model):
    from openadmit.audit.models import AuditEvent

    user = django_user_model.objects.create_user("student@example.org", "student@example.org")
    client.force_login(user)
    events = AuditEvent.objects.count()
    assert "You can apply" in client.post(URL, PASSING).content.decode()
    assert AuditEvent.objects.count() == events
