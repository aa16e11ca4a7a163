"""When the database cannot be reached, every page answers at once with a page that says
the last step was not saved and to try again, not a server error and not a hang."""

import time

import pytest
from django.db import connection
from django.test import Client

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def database_away(monkeypatch):
    """The next connection goes to a database that is not there (a file in a missing folder
    on SQLite, a database that does not exist on PostgreSQL)."""
    connection.close()
    unreachable = (
        "/nonexistent/openadmit.sqlite3" if connection.vendor == "sqlite" else "openadmit_absent"
    )
    monkeypatch.setitem(connection.settings_dict, "NAME", unreachable)
    # Once untimed: the first page of a process also loads its templates.
    Client(raise_request_exception=False).get("/")
    yield
    connection.close()


@pytest.mark.parametrize("url", ["/", "/search/?q=law", "/accounts/login/", "/programmes/pioneer/"])
def test_it_answers_a_try_again_page_at_once(database_away, url):
    started = time.monotonic()
    answer = Client(raise_request_exception=False).get(url)
    assert time.monotonic() - started < 1
    assert answer.status_code == 503
    assert answer["Retry-After"] == "30"
    assert "Please try again in a minute" in answer.text
    assert "This page could not be shown" in answer.text
    assert answer["X-Request-ID"] in answer.text


def test_it_answers_the_api_in_json(database_away):
    answer = Client(raise_request_exception=False).get("/api/v1/programmes")
    assert answer.status_code == 503
    assert "Try again shortly" in answer.json()["detail"]


def test_it_says_not_ready_while_the_database_is_away(database_away):
    answer = Client(raise_request_exception=False).get("/readyz")
    assert answer.status_code == 503
    assert answer.json()["checks"]["database"] == "unavailable"


def test_it_does_not_claim_to_know_whether_a_form_was_saved(database_away):
    answer = Client(raise_request_exception=False).post("/accounts/login/", {"login": "x"})
    assert answer.status_code == 503
    assert "We cannot tell whether what you just sent was saved" in answer.text
