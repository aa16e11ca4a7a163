"""Every page sends a strict Content-Security-Policy, and honours it: the browser tests fail
on any violation (the `page` fixture listens), and this file checks the listener works."""

import pytest

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
