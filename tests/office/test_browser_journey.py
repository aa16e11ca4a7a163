"""The office in Chromium: an officer signs in with a TOTP code, finds a file in the queue,
screens it overriding one criterion with a reason, asks for more information, and the
applicant answers and sends the changes; every page axe-clean."""

import time
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from tests.conftest import assert_accessible
from tests.office.factories import cast, submitted
from tests.personas import PERSONA_PASSWORD, totp_code

pytestmark = pytest.mark.browser


def sign_in_with_code(page, base: str, user, *, window: int = 0) -> None:
    """Sign in through the forms; ``window`` 1 takes the next 30 seconds' code, since a code
    once used cannot be used again."""
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PERSONA_PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    assert_accessible(page)
    page.get_by_label("Code").fill(totp_code(at=time.time() + 30 * window))
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_load_state()


WIDER_THAN_THE_SCREEN = """() => [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > window.innerWidth + 1)
    .filter(el => !el.closest('.table-scroll'))
    .map(el => el.tagName + ': ' + (el.textContent || '').trim().slice(0, 40))"""


def no_wider_than_the_screen(page) -> None:
    assert page.evaluate(WIDER_THAN_THE_SCREEN) == []


def test_an_officer_screens_asks_and_the_applicant_answers(page, live_server):
    base = live_server.url
    people = cast()
    wanjiru = submitted(
        "wanjiru@example.org", nationalities=("KE",), first_name="Wanjiru", last_name="Kamau"
    )
    submitted("lotte@example.org", nationalities=("BE",), first_name="Lotte", last_name="Peeters")

    sign_in_with_code(page, base, people.officer)
    page.goto(f"{base}/office/")
    assert_accessible(page)
    page.get_by_role("link", name="PIONEER 2026-09").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Applications to PIONEER")
    assert_accessible(page)
    page.get_by_label("Nationality").select_option("KE")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("heading", name="1 application")).to_be_visible()
    page.get_by_role("link", name="Wanjiru Kamau").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Wanjiru Kamau")
    assert_accessible(page)

    page.get_by_role("link", name="Screen eligibility").click()
    assert_accessible(page)
    english = page.locator("#row-english")
    english.get_by_label("Not met").check()
    page.get_by_role("button", name="Confirm the screening").click()
    expect(page.locator(".error-summary")).to_contain_text("Choose why you read")
    assert_accessible(page)
    english = page.locator("#row-english")
    english.get_by_label("Reason for a different reading").select_option("evidence_in_documents")
    english.get_by_label("Explanation").fill("The test report shows 6.0 overall.")
    page.get_by_role("button", name="Confirm the screening").click()
    expect(page.locator(".messages")).to_contain_text("Screening confirmed.")
    expect(page.locator("#screening-heading + p")).to_contain_text("Confirmed by")

    page.get_by_role("link", name="Ask for more information").click()
    assert_accessible(page)
    page.get_by_label("Motivation").check()
    page.get_by_label("What the applicant should change or add").fill("Tell us why eGovernance.")
    page.get_by_label("Answer by").fill((date.today() + timedelta(days=7)).isoformat())
    page.get_by_role("button", name="Send the request").click()
    expect(page.locator(".messages")).to_contain_text("Your request was sent")
    page.get_by_role("link", name="Back to the queue").first.click()
    expect(page.get_by_label("Nationality")).to_have_value("KE")

    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Email").fill(wanjiru.applicant.email)
    page.get_by_label("Password").fill(PERSONA_PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.goto(f"{base}/applications/{wanjiru.public_id}/")
    expect(
        page.get_by_role("heading", name="The admissions office asks for more information")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Change “Motivation”").click()
    page.get_by_label("Why do you want to join this programme?").fill(
        "Because public services must work for everyone."
    )
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("button", name="Send my changes").click()
    expect(page.locator(".messages")).to_contain_text("Your changes were sent")

    page.context.clear_cookies()
    sign_in_with_code(page, base, people.officer, window=1)
    page.goto(f"{base}/office/applications/{wanjiru.public_id}/")
    expect(page.get_by_text("Changed: Motivation")).to_be_visible()
    expect(page.get_by_text("Because public services must work for everyone.")).to_be_visible()
    assert_accessible(page)

    page.set_viewport_size({"width": 390, "height": 844})
    for path in (
        "/office/",
        "/office/intakes/pioneer/2026-09/",
        f"/office/applications/{wanjiru.public_id}/",
    ):
        page.goto(base + path)
        assert_accessible(page)
        no_wider_than_the_screen(page)
