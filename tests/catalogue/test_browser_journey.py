import pytest

from openadmit.catalogue.importing import do_load_demo
from tests.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_takes_a_student_from_search_to_the_deadline_and_degrees(live_server, page):
    do_load_demo()
    page.goto(live_server.url + "/")
    assert_accessible(page)

    page.get_by_label("Search programmes").fill("eGovernance")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/search/?q=eGovernance")
    assert page.get_by_role("status").first.inner_text().startswith("1 programme found")
    assert_accessible(page)

    page.get_by_role(
        "link", name="Erasmus Mundus Master of Science in Public Sector Innovation and eGovernance"
    ).click()
    page.wait_for_url("**/programmes/pioneer/")
    facts = page.get_by_label("Key facts")
    assert "1 July 2026" in facts.inner_text()
    degrees = page.get_by_role("list", name="Accepted degrees")
    assert degrees.get_by_role("listitem").count() == 39
    assert "Master of Sociology (Leuven)" in degrees.inner_text()
    assert_accessible(page)


def test_it_reads_well_on_a_phone(live_server, chromium):
    do_load_demo()
    context = chromium.new_context(viewport={"width": 375, "height": 740})
    page = context.new_page()
    try:
        for path in ("/", "/search/?q=policy", "/programmes/pioneer/"):
            page.goto(live_server.url + path)
            # Nothing wider than the screen: no sideways scrolling on a phone.
            assert page.evaluate("document.documentElement.scrollWidth") <= 375, path
            assert_accessible(page)
    finally:
        context.close()
