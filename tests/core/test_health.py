import pytest

from tests.services import free_port


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


@pytest.mark.django_db
def test_it_answers_liveness_without_asking_any_service(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "openadmit.core.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
        }
    }
    response = client.get("/livez")
    assert response.status_code == 200
    assert response.content == b"ok"


@pytest.mark.django_db
def test_it_is_ready_when_every_service_answers(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ready",
        "checks": {"database": "ok", "cache": "ok", "broker": "ok"},
    }
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_it_is_ready_but_degraded_when_the_cache_and_the_broker_are_away(client, settings):
    closed = f"redis://127.0.0.1:{free_port()}/0"
    settings.CACHES = {
        "default": {"BACKEND": "openadmit.core.cache.ResilientRedisCache", "LOCATION": closed}
    }
    settings.TASK_BACKEND = "rq"
    settings.RQ_QUEUES = {"default": {"URL": closed}}
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "degraded",
        "checks": {"database": "ok", "cache": "unavailable", "broker": "unavailable"},
    }
