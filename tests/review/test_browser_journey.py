"""The review in Chromium, every page checked with axe: a programme administrator publishes
the rubric, an officer assigns the files automatically, a reviewer declares a conflict and
the file is reassigned, two reviewers score, and the chair sees the normalised scores and
the flagged disagreement. Staff sign in through the sign-in form with a TOTP code."""

import pytest
from playwright.sync_api import expect

from openadmit.applications.models import Application
from openadmit.review.models import Assignment
from tests.conftest import assert_accessible
from tests.office.factories import cast, submitted
from tests.personas import PERSONA_PASSWORD, totp_code
from tests.review.factories import PIONEER_RUBRIC, reviewer


def signed_in(chromium, base: str, user):
    """A browser of its own for ``user``, signed in with the password and a TOTP code."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PERSONA_PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page).to_have_url(f"{base}/accounts/2fa/authenticate/")
    page.locator("input[name=code]").fill(totp_code())
    page.get_by_role("button", name="Sign In").click()
    page.goto(f"{base}/office/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Admissions office")
    return page


def with_degree_from(application: Application, institution: str) -> None:
    profile = dict(application.profile)
    profile["degrees"] = [dict(profile["degrees"][0], institution=institution)]
    Application.objects.filter(pk=application.pk).update(profile=profile)


def score(page, values: dict[str, int], comment: str) -> None:
    for criterion, value in values.items():
        page.locator(f"input[name=score_{criterion}][value='{value}']").check()
    page.get_by_label("Comment on the file").fill(comment)


@pytest.mark.browser
def test_rubric_assignment_conflict_scoring_and_the_chairs_view(chromium, live_server, tmp_path):
    base = live_server.url
    people = cast()
    jonas = people.reviewer  # University of Münster
    kadri = reviewer("kadri@taltech.example", first_name="Kadri", last_name="Tamm")
    lena = reviewer(
        "lena@kuleuven.example", home="ku-leuven", first_name="Lena", last_name="Peeters"
    )
    ana = submitted("ana@example.org", first_name="Ana", last_name="Silva")
    with_degree_from(ana, "University of Münster")
    bea = submitted("bea@example.org", first_name="Bea", last_name="Costa")

    # The programme administrator publishes the rubric: a broken file first.
    admin = signed_in(chromium, base, people.programme_admin)
    admin.goto(f"{base}/office/intakes/pioneer/2026-09/")
    admin.get_by_role("link", name="Review rubric").click()
    expect(admin.get_by_role("heading", level=1)).to_contain_text("Review rubric")
    assert_accessible(admin)
    admin.get_by_role("link", name="Publish a new version").click()
    broken = tmp_path / "broken.yaml"
    broken.write_text(PIONEER_RUBRIC.read_text().replace("weight: 25", "weight: none"))
    admin.get_by_label("Rubric file (YAML)").set_input_files(str(broken))
    admin.get_by_role("button", name="Check and publish").click()
    expect(admin.locator("#rubric-problems")).to_contain_text("criteria.1.weight:")
    assert_accessible(admin)
    admin.get_by_label("Rubric file (YAML)").set_input_files(str(PIONEER_RUBRIC))
    admin.get_by_role("button", name="Check and publish").click()
    expect(admin.get_by_text("Version 1 of the rubric is published.")).to_be_visible()
    expect(admin.get_by_role("heading", name="Academic record")).to_be_visible()
    assert_accessible(admin)

    # An officer assigns both files automatically from the queue, after a preview.
    officer = signed_in(chromium, base, people.officer)
    officer.goto(f"{base}/office/intakes/pioneer/2026-09/")
    officer.get_by_label("Select every file on this page").check()
    officer.get_by_label("With the selected files").select_option("assign_reviewers")
    officer.get_by_role("button", name="Preview").click()
    expect(officer.get_by_role("heading", level=1)).to_have_text("Assign reviewers automatically")
    assert_accessible(officer)
    officer.get_by_role("button", name="Assign reviewers to these files").click()
    expect(officer.get_by_text("2 files done.")).to_be_visible()
    assert_accessible(officer)
    on_ana = {a.reviewer for a in Assignment.objects.filter(application=ana)}
    assert on_ana == {kadri, lena}, "Münster awarded Ana's degree: Jonas is left out"
    officer.get_by_role("link", name="Ana Silva").click()
    officer.get_by_role("link", name="Choose reviewers").click()
    expect(officer.get_by_text("their university awarded the degree")).to_be_visible()
    assert_accessible(officer)

    # A reviewer of Bea's file declares a conflict; the file goes to the reviewer left.
    on_bea = {a.reviewer for a in Assignment.objects.filter(application=bea)}
    leaving = sorted(on_bea, key=lambda person: person.email)[0]
    [free] = {jonas, kadri, lena} - on_bea
    conflicted = signed_in(chromium, base, leaving)
    conflicted.goto(f"{base}/office/intakes/pioneer/2026-09/")
    conflicted.get_by_role("link", name="My reviews").click()
    assert_accessible(conflicted)
    conflicted.get_by_role("link", name="Bea Costa", exact=True).click()
    conflicted.get_by_role("link", name="Declare a conflict of interest").click()
    assert_accessible(conflicted)
    conflicted.get_by_role("button", name="Declare the conflict and leave the file").click()
    expect(conflicted.get_by_role("alert")).to_contain_text("Say what the conflict of interest is.")
    assert_accessible(conflicted)
    conflicted.get_by_label("What is the conflict of interest?").fill("She worked in my team.")
    conflicted.get_by_role("button", name="Declare the conflict and leave the file").click()
    expect(conflicted.get_by_text("another reviewer takes it over")).to_be_visible()
    assert {a.reviewer for a in Assignment.objects.active().filter(application=bea)} == (
        on_bea - {leaving}
    ) | {free}

    # Two reviewers score Ana's file, far apart; the second then sees the first's scores.
    # The reviewer who left Bea's file is already signed in (a TOTP code is used only once).
    kadri_page = conflicted if leaving == kadri else signed_in(chromium, base, kadri)
    kadri_page.goto(f"{base}/office/applications/{ana.public_id}/")
    kadri_page.get_by_role("link", name="Score this file").click()
    expect(kadri_page.get_by_role("heading", level=1)).to_contain_text("Score this file")
    assert_accessible(kadri_page)
    score(kadri_page, {"academic_record": 5, "motivation": 5}, "")
    kadri_page.get_by_role("button", name="Save as a draft").click()
    expect(kadri_page.get_by_text("Your draft is saved.")).to_be_visible()
    score(
        kadri_page,
        {"relevant_experience": 4, "english": 5, "video": 5},
        "An excellent, closely related degree.",
    )
    kadri_page.get_by_role("button", name="Submit my scores").click()
    expect(kadri_page.get_by_role("heading", name="Review")).to_be_visible()
    assert_accessible(kadri_page)

    lena_page = conflicted if leaving == lena else signed_in(chromium, base, lena)
    lena_page.goto(f"{base}/office/applications/{ana.public_id}/")
    expect(lena_page.get_by_text("An excellent, closely related degree.")).to_have_count(0)
    lena_page.get_by_role("link", name="Score this file").click()
    lena_page.get_by_role("button", name="Submit my scores").click()
    expect(lena_page.get_by_role("alert")).to_contain_text("before submitting")
    assert_accessible(lena_page)
    score(
        lena_page,
        {"academic_record": 2, "motivation": 1, "relevant_experience": 1, "english": 2, "video": 1},
        "The degree is only loosely related.",
    )
    lena_page.get_by_role("button", name="Submit my scores").click()
    expect(lena_page.get_by_text("An excellent, closely related degree.")).to_be_visible()
    expect(lena_page.get_by_text("The reviewers disagree strongly on this file.")).to_be_visible()
    assert_accessible(lena_page)

    # The chair sees raw and normalised scores and the flagged disagreement.
    chair = signed_in(chromium, base, people.chair)
    chair.goto(f"{base}/office/intakes/pioneer/2026-09/")
    chair.get_by_role("link", name="Scores and agreement").click()
    expect(chair.get_by_role("heading", level=1)).to_contain_text("Scores and agreement")
    expect(chair.get_by_text("Krippendorff's alpha")).to_be_visible()
    expect(chair.get_by_role("row", name="Ana Silva")).to_contain_text("strong disagreement")
    row = chair.get_by_role("row", name="Ana Silva")
    expect(row).to_contain_text("Kadri Tamm: 97.00")
    expect(row).to_contain_text("Lena Peeters: 29.00")
    expect(row).to_contain_text("63.00")
    assert_accessible(chair)
    chair.get_by_role("link", name="Show only these files").click()
    expect(chair.locator(".scores-table tbody tr")).to_have_count(1)
    expect(chair.locator(".scores-table tbody")).to_contain_text("Ana Silva")
    chair.goto(f"{base}/office/intakes/pioneer/2026-09/reviews/")
    expect(chair.get_by_role("heading", level=1)).to_contain_text("Reviewers' progress")
    assert_accessible(chair)
