"""The error page tells an applicant only what is true about what they sent."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def failing_client(settings):
    settings.ROOT_URLCONF = "tests.core.failing_urls"
    return Client(raise_request_exception=False)


def test_after_a_failed_post_it_says_the_answers_may_not_be_saved(failing_client):
    response = failing_client.post("/broken/", {"motivation": "Public services that work."})
    assert response.status_code == 500
    page = response.content.decode()
    assert "Nothing you entered has been lost" not in page
    assert "We cannot tell whether what you just sent was saved." in page
    assert "reload the page to see what was kept" in page


def test_after_a_failed_page_it_says_only_to_try_again(failing_client):
    response = failing_client.get("/broken/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "This page could not be shown. Please try again in a few minutes." in page
    assert "saved" not in page and "lost" not in page
