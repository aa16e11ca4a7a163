import pytest


@pytest.mark.django_db
def test_it_answers_the_health_check(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"


@pytest.mark.django_db
def test_it_shows_a_helpful_404_page(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"Search all programmes" in response.content


@pytest.mark.django_db
def test_it_answers_unknown_api_paths_with_json(client):
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response.json()["detail"]
