"""The demo an officer can try at once: staff of every role, sixty submitted files."""

import time
from collections import Counter

import pytest
from django.test import Client

from openadmit.access.models import StaffRole
from openadmit.applications.models import Application, Submission
from openadmit.catalogue.importing import do_load_demo
from openadmit.cli import main
from openadmit.demo.loader import load_demo_people, load_demo_people_when_empty
from openadmit.demo.people import DEMO_PASSWORD, STAFF, demo_secret
from tests.personas import totp_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "uploads"
    do_load_demo()
    return load_demo_people()


def test_it_holds_sixty_submitted_files_from_many_countries_over_every_outcome(demo):
    assert demo == {"staff": len(STAFF), "applications": 60}
    submissions = Submission.objects.select_related("application")
    assert Counter(s.outcome for s in submissions).keys() == {
        "eligible",
        "review",
        "incomplete",
        "ineligible",
    }
    assert Counter(s.deadline_category for s in submissions).keys() == {"eea", "non_eea"}
    nationalities = {s.answers["profile"]["nationalities"][0] for s in submissions}
    assert len(nationalities) >= 25
    assert all(s.application.documents.count() >= 5 for s in submissions)
    assert sum(s.answers["profile"]["wants_scholarship"] for s in submissions) >= 20
    assert load_demo_people_when_empty() is None


def test_each_role_has_a_demo_account_that_signs_in_with_its_code(demo):
    assert {r.role for r in StaffRole.objects.all()} == {s.role for s in STAFF}
    client = Client()
    client.post("/accounts/login/", {"login": "officer@pioneer.demo", "password": DEMO_PASSWORD})
    client.post(
        "/accounts/2fa/authenticate/", {"code": totp_code(demo_secret("officer@pioneer.demo"))}
    )
    queue = client.get("/office/intakes/pioneer/2026-09/")
    assert queue.status_code == 200
    assert queue.context["page"].paginator.count == 60


def test_the_demo_code_command_prints_a_code_for_demo_accounts_only(capsys):
    secret = demo_secret("chair@pioneer.demo")
    before = time.time()
    assert main(["demo-code", "chair@pioneer.demo"]) == 0
    printed = capsys.readouterr().out.strip()
    assert printed in {totp_code(secret, before), totp_code(secret, time.time())}
    assert main(["demo-code", "someone@university.example"]) == 2
    assert Application.objects.count() == 0
