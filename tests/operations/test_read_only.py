"""An administrator switches the site to read-only: pages stay up, changes get a clear page."""

import pytest
from django.test import Client

from openadmit.applications import service
from openadmit.applications.constants import Step
from openadmit.audit.models import AuditEvent
from openadmit.operations.service import do_set_read_only
from tests.applications.factories import complete_draft, pioneer_intake
from tests.personas import make_applicant, make_person, sign_in
from tests.selfcheck.factories import passing_profile

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user():
    return make_person("admin@university.example", is_staff=True, is_superuser=True)


def test_it_keeps_the_catalogue_and_the_status_pages_up_and_says_why(client, admin_user):
    ana = make_applicant("ana@example.org")
    application = complete_draft(ana)
    do_set_read_only(True, actor=admin_user, message="Back at 14:00 CET.")
    client.force_login(ana)
    for url in ("/", "/search/", "/programmes/pioneer/", f"/applications/{application.public_id}/"):
        page = client.get(url)
        assert page.status_code == 200, url
        assert "The site is read-only for now." in page.text
        assert "Back at 14:00 CET." in page.text


def test_it_refuses_a_change_with_a_page_that_says_nothing_was_changed(client, admin_user):
    ana = make_applicant("ana@example.org")
    application, _ = service.do_start_application(ana, pioneer_intake())
    client.force_login(ana)
    do_set_read_only(True, actor=admin_user)

    answer = client.post(
        f"/applications/{application.public_id}/steps/{Step.MOTIVATION.value}/",
        {"motivation": "Written while the site was read-only"},
    )
    assert answer.status_code == 503
    assert answer["Retry-After"] == "30"
    assert "Nothing was changed" in answer.text
    application.refresh_from_db()
    assert application.motivation == ""

    api = client.post(f"/api/v1/applications/{application.public_id}/withdraw")
    assert api.status_code == 503
    assert "read-only" in api.json()["detail"]


def test_it_still_answers_the_eligibility_check_and_lets_people_sign_in(admin_user):
    ana = make_applicant("ana@example.org")
    pioneer_intake()
    do_set_read_only(True, actor=admin_user)
    client = Client()
    sign_in(client, ana)
    assert client.get("/accounts/").status_code == 200
    check = client.post("/api/v1/eligibility", passing_profile(), content_type="application/json")
    assert check.status_code == 200
    assert check.json()["total"] >= 1


def test_it_switches_through_the_admin_and_audits_both_ways(client, admin_user):
    client.force_login(admin_user)
    on = client.post(
        "/admin/operations/sitemode/add/", {"read_only": "on", "message": "Database upgrade"}
    )
    assert on.status_code == 302
    assert client.post("/programmes/pioneer/2026-09/apply/").status_code == 503
    mode_url = "/admin/operations/sitemode/1/change/"
    assert client.post(mode_url, {"message": ""}).status_code == 302
    events = AuditEvent.objects.filter(event__startswith="site:read-only").order_by("id")
    assert [(e.event, e.actor, e.payload["message"]) for e in events] == [
        ("site:read-only:on", admin_user, "Database upgrade"),
        ("site:read-only:off", admin_user, ""),
    ]
    assert client.post("/programmes/pioneer/2026-09/apply/").status_code != 503
