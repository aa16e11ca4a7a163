import shutil

import pytest
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.test import Client
from django.urls import reverse

from openadmit.catalogue.importing import do_import_programme
from openadmit.catalogue.models import Programme
from openadmit.eligibility.programme_files import PROGRAMMES_DIR
from tests.personas import sign_in

pytestmark = pytest.mark.django_db


def test_it_shows_a_changed_programme_at_once_after_its_import(client, demo, tmp_path):
    assert b"24 months" in client.get("/programmes/pioneer/").content
    folder = tmp_path / "pioneer"
    shutil.copytree(PROGRAMMES_DIR / "pioneer", folder)
    facts = folder / "programme.yaml"
    facts.write_text(facts.read_text().replace("duration_months: 24", "duration_months: 18"))
    do_import_programme(folder)
    assert b"18 months" in client.get("/programmes/pioneer/").content
    assert client.get("/api/v1/programmes/pioneer").json()["duration_months"] == 18


def test_it_never_serves_a_cached_page_to_someone_signed_in(client, demo):
    client.get("/programmes/pioneer/")
    # A change made without the importer is not seen by the signed-out cache...
    Programme.objects.filter(slug="pioneer").update(title="Retitled in the database")
    assert b"Retitled in the database" not in client.get("/programmes/pioneer/").content
    # ...but a reader with a session always gets the page made for them.
    client.cookies[settings.SESSION_COOKIE_NAME] = "some-session"
    assert b"Retitled in the database" in client.get("/programmes/pioneer/").content


def test_it_does_not_cache_error_pages(client, demo):
    assert client.get("/search/", {"degree": "Nope"}).status_code == 400
    assert client.get("/search/", {"degree": "MSc"}).status_code == 200
    assert client.get("/programmes/not-yet/").status_code == 404


def test_it_keeps_one_readers_messages_out_of_everyone_elses_pages(client, demo, applicant):
    sign_in(client, applicant)
    client.post(reverse("account_logout"))
    # A browser drops the expired session cookie; the messages cookie stays.
    del client.cookies[settings.SESSION_COOKIE_NAME]
    assert CookieStorage.cookie_name in client.cookies

    assert b"You have signed out." in client.get("/").content
    assert b"You have signed out." not in Client().get("/").content
    # Shown once: the next page is the shared one, without it.
    assert b"You have signed out." not in client.get("/").content


def test_it_shares_one_cached_search_however_its_parameters_are_ordered(client, demo):
    assert b"Public Sector Innovation" in client.get("/search/?q=eGovernance&sort=title").content
    Programme.objects.filter(slug="pioneer").update(title="Retitled in the database")
    assert (
        b"Retitled in the database" not in client.get("/search/?sort=title&q=eGovernance").content
    )
    api = client.get("/api/v1/programmes?q=eGovernance&sort=title").json()
    Programme.objects.filter(slug="pioneer").update(title="Retitled again")
    assert client.get("/api/v1/programmes?sort=title&q=eGovernance").json() == api


def test_it_keeps_no_cached_page_for_parameters_the_page_does_not_read(client, demo):
    # Random parameters would fill the cache and evict the pages readers share.
    client.get("/search/?q=eGovernance&utm_source=newsletter")
    client.get("/programmes/pioneer/?ref=123")
    Programme.objects.filter(slug="pioneer").update(title="Retitled in the database")
    search = client.get("/search/?q=eGovernance&utm_source=newsletter").content
    assert b"Retitled in the database" in search
    assert b"Retitled in the database" in client.get("/programmes/pioneer/?ref=123").content
