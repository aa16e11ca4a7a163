"""The applicant's whole journey in Chromium: sign up, apply, leave, resume, submit, withdraw."""

import pytest
from playwright.sync_api import expect

from openadmit.applications.models import Application
from tests.applications.factories import pioneer_intake
from tests.applications.pdfs import pdf_bytes
from tests.conftest import assert_accessible

PASSWORD = "Harbour-Quill-5521"
EMAIL = "lina@example.org"


def pdf(name: str, pages: int = 1) -> dict:
    return {"name": name, "mimeType": "application/pdf", "buffer": pdf_bytes(pages=pages)}


def sign_up(page, base: str, mailbox) -> None:
    page.goto(f"{base}/accounts/signup/")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    message = mailbox.wait_for(EMAIL)
    [link] = [url for url in mailbox.links(message) if "/accounts/confirm-email/" in url]
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My account")


def save_and_continue(page) -> None:
    page.get_by_role("button", name="Save and continue").click()


def upload(page, kind: str, label: str, file: dict) -> None:
    page.locator(f"#file-{kind}").set_input_files(file)
    page.get_by_role("button", name=f"Upload {label}").click()
    expect(page.locator(f"#doc-{kind}")).to_contain_text(file["name"])


@pytest.mark.browser
def test_an_applicant_applies_leaves_resumes_submits_and_withdraws(page, live_server, mailbox):
    base = live_server.url
    pioneer_intake()
    sign_up(page, base, mailbox)

    page.goto(f"{base}/programmes/pioneer/2026-09/apply/")
    assert_accessible(page)
    page.get_by_role("button", name="Start my application").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Personal details")
    assert_accessible(page)
    page.get_by_label("Given names").fill("Lina")
    page.get_by_label("Family name").fill("Haddad")
    page.get_by_label("Date of birth").fill("1998-11-20")
    save_and_continue(page)

    expect(page.get_by_role("heading", level=1)).to_contain_text("Nationalities")
    assert_accessible(page)
    page.get_by_label("Nationality", exact=True).select_option("IN")
    save_and_continue(page)

    expect(page.get_by_role("heading", level=1)).to_contain_text("Prior education")
    assert_accessible(page)
    page.get_by_label("Country of your secondary school").select_option("IN")
    page.get_by_label("Language of instruction at your secondary school").select_option("en")
    page.locator("#id_degree1-level").select_option("bachelor")
    page.locator("#id_degree1-title").fill("Bachelor of Arts in Political Science")
    page.locator("#id_degree1-field").fill("political sciences")
    page.locator("#id_degree1-institution").fill("University of Delhi")
    page.locator("#id_degree1-city").fill("Delhi")
    page.locator("#id_degree1-country").select_option("IN")
    page.locator("#id_degree1-language_of_instruction").select_option("en")
    page.locator("#id_degree1-completed_0").check()
    save_and_continue(page)

    expect(page.get_by_role("heading", level=1)).to_contain_text("Language tests")
    assert_accessible(page)
    # The verdict beside the form follows the answers saved so far.
    expect(page.get_by_role("complementary")).to_contain_text("Can you apply?")
    page.locator("#id_test1-test").select_option("ielts_academic")
    page.locator("#id_test1-overall").fill("7.5")
    page.locator("#id_test1-taken_on").fill("2025-10-04")
    save_and_continue(page)

    expect(page.get_by_role("heading", level=1)).to_contain_text("Experience")
    assert_accessible(page)
    page.get_by_label("Months of professional experience", exact=False).fill("18")
    save_and_continue(page)

    expect(page.get_by_role("heading", level=1)).to_contain_text("Scholarship")
    assert_accessible(page)
    page.locator("#id_wants_scholarship_0").check()
    page.locator("#id_previous_erasmus_mundus_scholarship_1").check()
    save_and_continue(page)

    expect(page.get_by_role("heading", level=1)).to_contain_text("Motivation")
    assert_accessible(page)
    page.get_by_label("Why do you want to join this programme?").fill(
        "To build public services that work."
    )
    save_and_continue(page)

    expect(page.get_by_role("heading", level=1)).to_contain_text("Documents")
    expect(page.get_by_role("complementary")).to_contain_text("You can apply")
    assert_accessible(page)
    upload(page, "diploma", "Diploma(s)", pdf("diploma.pdf"))
    upload(page, "transcript", "Transcript(s) of records", pdf("transcript.pdf", pages=3))
    expect(page.locator("#doc-transcript")).to_contain_text("3 pages")
    assert_accessible(page)

    # Leave, sign out, and come back later.
    page.get_by_role("button", name="Save and come back later").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My applications")
    assert_accessible(page)
    page.get_by_role("navigation").get_by_role("link", name="Sign out").click()
    page.get_by_role("button", name="Sign Out").click()
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.get_by_role("navigation").get_by_role("link", name="My applications").click()
    page.get_by_role("link", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Documents")
    expect(page.locator("#doc-diploma")).to_contain_text("diploma.pdf")

    # A wrong file first: refused with a message, then the right one.
    page.locator("#file-cv").set_input_files(
        {"name": "cv.pdf", "mimeType": "application/pdf", "buffer": b"MZ" + b"\0" * 300}
    )
    page.get_by_role("button", name="Upload Curriculum vitae").click()
    expect(page.get_by_role("alert")).to_contain_text("a Windows program")
    assert_accessible(page)
    upload(page, "cv", "Curriculum vitae", pdf("cv.pdf"))
    upload(page, "motivation_letter", "Motivation letter", pdf("letter.pdf"))
    upload(page, "passport", "Passport", pdf("passport.pdf"))
    upload(page, "language_certificate", "English language certificate", pdf("ielts.pdf"))
    page.get_by_label("Link to your video").fill("https://video.example.org/lina")
    save_and_continue(page)

    expect(page.get_by_role("heading", level=1)).to_contain_text("Review and submit")
    expect(page.get_by_text("EUR 90.00")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Submit my application").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Application received")
    assert_accessible(page)
    reference = page.locator("#reference").inner_text()
    assert reference.startswith("PIONEER-2026-")
    confirmation = mailbox.wait_for(EMAIL, subject_contains="Application received")
    assert reference in mailbox.text(confirmation)

    # A second click (the back button, then submit again) gives the same receipt.
    page.go_back()
    page.reload()
    expect(page.get_by_text(reference)).to_be_visible()
    assert Application.objects.get().submission.reference == reference

    page.get_by_role("link", name="Withdraw my application").click()
    assert_accessible(page)
    page.get_by_role("button", name="Withdraw my application").click()
    expect(page.locator("#status")).to_have_text("Withdrawn")
    assert_accessible(page)
