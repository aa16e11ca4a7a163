import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.conftest import assert_accessible

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
