import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.conftest import assert_accessible
from tests.personas import sign_in_browser

PASSWORD = "Meadow-Copper-8842"


@pytest.mark.browser
def test_it_signs_up_verifies_and_signs_in_in_a_real_browser(page, live_server, mailbox):
    page.goto(f"{live_server.url}{reverse('account_signup')}")
    assert_accessible(page)

    # A mistake first: the error is announced, named and linked to its field.
    page.get_by_label("Email").fill("lina@example.org")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill("Something-else-1234")
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("alert")).to_contain_text("There is a problem")
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("same password")).click()
    expect(page.get_by_label("Password (again)")).to_be_focused()

    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verify Your Email Address")
    assert_accessible(page)

    message = mailbox.wait_for("lina@example.org")
    [link] = [url for url in mailbox.links(message) if "/accounts/confirm-email/" in url]
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm Email Address")
    assert_accessible(page)
    page.get_by_role("button", name="Confirm").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("My account")
    expect(page.get_by_text("You are signed in as lina@example.org")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("navigation").get_by_role("link", name="Sign out").click()
    page.get_by_role("button", name="Sign Out").click()
    expect(page.get_by_role("navigation").get_by_role("link", name="Sign in")).to_be_visible()

    page.goto(f"{live_server.url}{reverse('account_login')}")
    assert_accessible(page)
    page.get_by_label("Email").fill("lina@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My account")


@pytest.mark.browser
def test_it_keeps_every_account_page_accessible(page, live_server, applicant, settings):
    sign_in_browser(page, live_server.url, applicant)
    for name in (
        "accounts:overview",
        "account_change_password",
        "account_email",
        "accounts:delete",
        "account_logout",
    ):
        page.goto(f"{live_server.url}{reverse(name)}")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_accessible(page)

    page.goto(f"{live_server.url}{reverse('accounts:delete')}")
    page.get_by_label("Your password").fill("not-my-password")
    page.get_by_label("I understand").check()
    page.get_by_role("button", name="Delete my account").click()
    expect(page.get_by_role("alert")).to_contain_text("This is not your current password.")
    assert_accessible(page)

    page.goto(f"{live_server.url}{reverse('account_logout')}")
    page.get_by_role("button", name="Sign Out").click()
    page.goto(f"{live_server.url}{reverse('account_reset_password')}")
    assert_accessible(page)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        page.goto(f"{live_server.url}{reverse('account_login')}")
        page.get_by_label("Email").fill(applicant.email)
        page.get_by_label("Password").fill("wrong-guess")
        page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Signing in is paused")
    assert_accessible(page)
