"""A student fills in the self-check in a real browser and reads the reasons."""

import pytest

from openadmit.catalogue.importing import do_load_demo
from tests.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fill_profile(page, *, overall: str, button: str = "Check my eligibility") -> None:
    page.get_by_label("The day you will apply").fill("2026-05-04")
    page.get_by_label("Nationality", exact=True).select_option("IN")
    page.get_by_label("Level").select_option("bachelor")
    page.get_by_label("Title of the degree, as on the diploma").fill("Bachelor in de rechten")
    page.get_by_label("Field of study").fill("law")
    page.get_by_label("City").fill("Leuven")
    page.get_by_label("Country", exact=True).select_option("BE")
    page.get_by_label("Belgian Community of the university").select_option("BE-nl")
    page.get_by_label("English test").select_option("ielts_academic")
    page.get_by_label("Overall score").fill(overall)
    page.get_by_role("button", name=button).click()


def test_it_tells_a_passing_applicant_they_can_apply_and_why(live_server, page):
    do_load_demo()
    page.goto(live_server.url + "/programmes/pioneer/")
    page.get_by_role("link", name="Check my eligibility").click()
    page.wait_for_url("**/programmes/pioneer/eligibility/")
    assert_accessible(page)

    fill_profile(page, overall="7.0")
    verdict = page.locator("#verdict")
    assert verdict.get_by_role("heading", level=2).inner_text() == "You can apply"
    text = verdict.inner_text()
    assert "“Bachelor in de rechten” (Leuven) is on the list of degrees" in text
    assert "IELTS Academic overall score 7.0 meets the minimum of 7.0" in text
    assert "1 July 2026, 23:59 (Europe/Brussels)" in text
    assert_accessible(page)


def test_it_tells_a_failing_applicant_which_requirement_fails(live_server, page):
    do_load_demo()
    page.goto(live_server.url + "/programmes/pioneer/eligibility/")
    fill_profile(page, overall="6.5")
    verdict = page.locator("#verdict")
    assert verdict.get_by_role("heading", level=2).inner_text() == "You cannot apply to this intake"
    to_do = verdict.get_by_role("list").first.inner_text()
    assert "IELTS Academic overall score 6.5 is below the minimum of 7.0" in to_do
    assert_accessible(page)


def test_it_lists_where_an_applicant_can_apply(live_server, page):
    do_load_demo()
    page.goto(live_server.url + "/eligibility/")
    assert_accessible(page)
    fill_profile(page, overall="7.5", button="Where can I apply?")
    results = page.locator("#verdict")
    assert results.get_by_role("heading", level=2).inner_text() == "1 open intake checked"
    assert "You can apply: 1" in results.inner_text()
    results.get_by_role(
        "link", name="Erasmus Mundus Master of Science in Public Sector Innovation and eGovernance"
    ).click()
    page.wait_for_url("**/programmes/pioneer/eligibility/")
    assert_accessible(page)
