"""An intake's review at a glance: who has done what, each reviewer's list, and the scores
normalised per reviewer with the agreement between reviewers."""

import pytest

from openadmit.review import reports, service
from tests.office.factories import cast, submitted
from tests.personas import staff_login
from tests.review.factories import reviewer, scores, with_rubric

pytestmark = pytest.mark.django_db


def scored(name: str, people, low: int, high: int, *reviewers):
    application = submitted(f"{name.lower()}@example.org", first_name=name, last_name="Test")
    service.do_assign_reviewers(application, list(reviewers), actor=people.officer)
    service.do_submit_scores(application, scores(*[low] * 5), "Harsh.", actor=reviewers[0])
    service.do_submit_scores(application, scores(*[high] * 5), "Lenient.", actor=reviewers[1])
    return application


@pytest.fixture
def world(settings):
    """Two reviewers on three files: the harsh one scores each file 20 points under the
    lenient one (40 against 60, 60 against 80, 80 against 100). Strong disagreement is
    25 points apart or more."""
    settings.REVIEW_DISAGREEMENT_PERCENT = 25
    people = cast()
    with_rubric()
    harsh = people.reviewer
    lenient = reviewer("kadri@taltech.example", first_name="Kadri", last_name="Tamm")
    files = [
        scored(name, people, low, low + 1, harsh, lenient)
        for name, low in (("Ana", 2), ("Bea", 3), ("Cem", 4))
    ]
    return people, harsh, lenient, files


def test_normalised_the_harsh_and_the_lenient_reviewer_agree(world):
    people, harsh, lenient, files = world
    statistics = reports.intake_statistics(files[0].intake, 25)
    by_person = {r.reviewer: r for r in statistics.reviewers}
    assert round(by_person[harsh].summary.mean, 6) == 60
    assert round(by_person[lenient].summary.mean, 6) == 80
    assert round(by_person[harsh].difference, 6) == -10
    by_file = {f.application: f for f in statistics.files}
    for application in files:
        harsh_z, lenient_z = (round(r.z, 6) for r in by_file[application].ratings)
        assert harsh_z == lenient_z
        assert not by_file[application].disagreement
    # On the points scale: Bea, each reviewer's middle file, at everyone's mean (70), Ana and
    # Cem as far below and above it.
    ana, bea, cem = (by_file[a].adjusted for a in files)
    assert round(bea, 6) == 70 and round(ana + cem, 6) == 140 and ana < bea < cem
    assert [f.application for f in statistics.files] == [files[2], files[1], files[0]]
    # Raw, they are 20 points apart on every file: agreement is low.
    assert round(statistics.alpha, 3) == round(1 - 400 / 880, 3)


def test_a_file_they_disagree_on_is_flagged(world):
    people, harsh, lenient, files = world
    dan = scored("Dan", people, 1, 5, harsh, lenient)
    statistics = reports.intake_statistics(dan.intake, 25)
    assert [f.application for f in statistics.files if f.disagreement] == [dan]


def test_the_chair_sees_normalised_scores_and_the_flagged_file(client, world):
    people, harsh, lenient, files = world
    scored("Dan", people, 1, 5, harsh, lenient)
    staff_login(client, people.chair)
    page = client.get("/office/intakes/pioneer/2026-09/scores/").content.decode()
    assert "Krippendorff's alpha" in page and "Reviewers agree poorly" in page
    assert "1 file has reviewers who disagree strongly: their scores are 25 points (25%" in page
    assert "strong disagreement" in page and "Assign a third reviewer" in page
    # The harsh reviewer's mean (50) and the lenient one's (85) against everyone's (67.5).
    assert "-17.5" in page and "+17.5" in page
    only = client.get("/office/intakes/pioneer/2026-09/scores/?disagreement=1").content.decode()
    assert "Dan Test" in only and "Ana Test" not in only
    staff_login(client, people.partner_viewer)
    viewer_page = client.get("/office/intakes/pioneer/2026-09/scores/").content.decode()
    assert "strong disagreement" in viewer_page and "Assign a third reviewer" not in viewer_page


def test_the_chair_assigns_a_third_reviewer_from_the_scores_page(client, world):
    people, harsh, lenient, files = world
    lena = reviewer("lena@kuleuven.example", home="ku-leuven")
    staff_login(client, people.chair)
    dan = scored("Dan", people, 1, 5, harsh, lenient)
    page = "/office/intakes/pioneer/2026-09/scores/?disagreement=1"
    response = client.post(f"/office/applications/{dan.public_id}/reviewers/third/", {"next": page})
    assert response["Location"] == page
    assert service.own_assignment(lena, dan) is not None
    assert "A third reviewer is assigned." in client.get(page).content.decode()


def test_progress_shows_who_has_done_what(client, world):
    people, harsh, lenient, files = world
    rita = reviewer("rita@taltech.example", first_name="Rita", last_name="Idle")
    late = submitted("dan@example.org", first_name="Dan", last_name="Late")
    service.do_assign_reviewers(late, [rita, harsh], actor=people.officer)
    service.do_save_scores(late, {"video": "2"}, "", actor=rita)
    rows = {r.reviewer: r for r in reports.intake_progress(late.intake)}
    assert (rows[rita].assigned, rows[rita].drafts, rows[rita].submitted) == (1, 1, 0)
    assert (rows[harsh].assigned, rows[harsh].submitted, rows[harsh].to_do) == (4, 3, 1)
    staff_login(client, people.officer)
    page = client.get("/office/intakes/pioneer/2026-09/reviews/").content.decode()
    assert "Rita Idle" in page and "All scores in" in page
    mine = client.get(f"/office/intakes/pioneer/2026-09/reviews/{rita.pk}/").content.decode()
    assert "Dan Late" in mine and "Draft saved" in mine


def test_a_reviewer_is_sent_to_their_own_list(client, world):
    people, harsh, lenient, files = world
    staff_login(client, lenient)
    response = client.get("/office/intakes/pioneer/2026-09/reviews/")
    assert response["Location"] == f"/office/intakes/pioneer/2026-09/reviews/{lenient.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "My reviews" in page and "Ana Test" in page and "Submitted" in page
    assert client.get(f"/office/intakes/pioneer/2026-09/reviews/{harsh.pk}/").status_code == 404


def test_the_queue_links_to_the_review_pages_each_person_may_open(client, world):
    people, harsh, lenient, files = world
    queue = "/office/intakes/pioneer/2026-09/"
    staff_login(client, people.chair)
    page = client.get(queue).content.decode()
    for label in ("Review rubric", "Reviewers&#x27; progress", "Scores and agreement"):
        assert label in page
    staff_login(client, lenient)
    page = client.get(queue).content.decode()
    assert "My reviews" in page and "Scores and agreement" not in page
