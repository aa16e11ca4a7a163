import pytest


@pytest.mark.django_db
def test_it_refuses_a_nul_character_in_a_search_filter_naming_the_parameter(client):
    response = client.get("/search/", {"subject": "Public\x00Policy"})
    assert response.status_code == 400
    assert "“subject” contains a NUL character" in response.content.decode()


@pytest.mark.django_db
def test_it_refuses_a_nul_character_in_an_api_parameter_with_422(client):
    response = client.get("/api/v1/programmes", {"q": "\x00"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "q"]


@pytest.mark.django_db
def test_it_refuses_a_nul_character_in_a_posted_form(client):
    response = client.post("/programmes/pioneer/eligibility/", {"nationalities": "B\x00E"})
    assert response.status_code == 400
    assert "“nationalities”" in response.content.decode()


@pytest.mark.django_db
def test_it_lets_ordinary_requests_through(client):
    assert client.get("/search/", {"q": "eGovernance"}).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/programmes/%00",
        "/api/v1/institutions/%00",
        "/programmes/pioneer/%00/apply/",
        "/institutions/%00/",
    ],
)
def test_it_answers_an_address_with_a_nul_character_as_not_found(client, path):
    assert client.get(path).status_code == 404


@pytest.mark.django_db
def test_it_answers_a_posted_eligibility_check_for_a_nul_slug_as_not_found(client):
    response = client.post(
        "/api/v1/programmes/%00/eligibility",
        {"nationalities": ["BE"]},
        content_type="application/json",
    )
    assert response.status_code == 404
