"""Every page sends a strict Content-Security-Policy, and honours it: the browser tests fail
on any violation (the `page` fixture listens), and this file checks the listener works."""

import pytest

from tests.applications.factories import pioneer_intake
from tests.personas import PERSONA_PASSWORD, make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_sends_a_policy_without_inline_script_or_style(client):
    policy = client.get("/").headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert "'unsafe-inline'" not in policy
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"


def test_it_catches_an_inline_script_the_policy_blocks(page, csp_violations):
    def fulfil(route):
        route.fulfill(
            status=200,
            headers={"Content-Type": "text/html", "Content-Security-Policy": "script-src 'self'"},
            body="<!DOCTYPE html><title>x</title><script>document.title = 'ran'</script>",
        )

    page.route("http://csp.invalid/", fulfil)
    page.goto("http://csp.invalid/")
    page.evaluate("0")
    assert page.title() == "x"
    assert any(v.get("directive", "").startswith("script-src") for v in csp_violations)
    csp_violations.clear()


def test_it_serves_the_api_documentation_within_the_policy(live_server, page):
    page.goto(f"{live_server.url}/api/v1/docs")
    page.get_by_text("OpenAdmit API").first.wait_for()


def test_it_keeps_the_admin_within_the_policy(live_server, page):
    make_person("admin@university.example", is_staff=True, is_superuser=True)
    pioneer_intake()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "admin@university.example")
    page.fill("#id_password", PERSONA_PASSWORD)
    page.click("input[type=submit]")
    page.get_by_text("Site administration").wait_for()
    for path in (
        "/admin/operations/sitemode/add/",
        "/admin/operations/deadlineextension/add/",
        "/admin/operations/deadlineextension/",
        "/admin/applications/application/",
    ):
        page.goto(f"{live_server.url}{path}")
        assert page.locator("#content").count() == 1, path
