"""Scoring a file: drafts and submission within each criterion's scale, others' scores seen
only once one's own are in, strong disagreement flagged and offered a third reviewer."""

import re
from decimal import Decimal

import pytest

from openadmit.office.models import QueueEntry
from openadmit.review import service
from openadmit.review.models import Review
from tests.office.factories import cast, submitted
from tests.personas import staff_login
from tests.review.factories import points, reviewer, rubric_text, scores, with_rubric

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    people = cast()
    with_rubric()
    kadri = reviewer("kadri@taltech.example", first_name="Kadri", last_name="Tamm")
    application = submitted("ana@example.org", first_name="Ana", last_name="Silva")
    service.do_assign_reviewers(application, [people.reviewer, kadri], actor=people.officer)
    return people, kadri, application


def form(values: dict, comment: str = "", button: str = "save") -> dict:
    return {f"score_{k}": v for k, v in values.items()} | {"comment": comment, button: "1"}


def test_a_reviewer_saves_a_draft_then_submits_every_criterion_with_a_comment(client, world):
    people, kadri, application = world
    staff_login(client, people.reviewer)
    url = f"/office/applications/{application.public_id}/score/"
    page = client.get(url).content.decode()
    assert "Academic record (35 points)" in page and "5 · A closely related degree" in page
    draft = client.post(url, form({"academic_record": "4", "motivation": "3"}, "So far good."))
    assert draft.status_code == 302
    review = Review.objects.get()
    assert review.scores == {"academic_record": "4", "motivation": "3"}
    assert review.submitted_at is None and review.total is None
    assert re.search(
        r'name="score_academic_record" value="4"[^>]* checked', client.get(url).content.decode()
    )
    incomplete = client.post(url, form({"academic_record": "4"}, "", "submit"))
    assert incomplete.status_code == 400
    text = incomplete.content.decode()
    assert "Score “Video” before submitting." in text
    no_comment = client.post(url, form(dict(scores(4, 3, 2, 5, 1)), "", "submit"))
    assert "Write a comment on the file before submitting." in no_comment.content.decode()
    done = client.post(url, form(dict(scores(4, 3, 2, 5, 1)), "Strong record.", "submit"))
    assert done.status_code == 302
    review.refresh_from_db()
    assert review.submitted_at and review.total == points(4, 3, 2, 5, 1) == Decimal("62")
    row = QueueEntry.objects.get(application=application)
    assert (row.reviews_done, row.review_progress, row.score) == (1, "partial", Decimal("62"))


def test_submitted_scores_are_final(client, world):
    people, kadri, application = world
    service.do_submit_scores(application, scores(4, 3, 2, 5, 1), "Good.", actor=kadri)
    with pytest.raises(service.ReviewError, match="no longer change"):
        service.do_save_scores(application, scores(1, 1, 1, 1, 1), "", actor=kadri)
    staff_login(client, kadri)
    page = client.get(f"/office/applications/{application.public_id}/score/").content.decode()
    assert "Submitted scores no longer change" in page and "<strong>62.00</strong>" in page


def test_scores_off_the_scale_or_for_no_criterion_are_refused_naming_them(world):
    people, kadri, application = world
    with pytest.raises(service.ScoresRefused) as raised:
        service.do_save_scores(
            application, {"motivation": "7", "english": "2.5", "charm": "5"}, "", actor=kadri
        )
    assert set(raised.value.errors) == {"scores.motivation", "scores.english", "scores.charm"}
    assert "from 0 to 5 in steps of 1" in raised.value.errors["scores.motivation"]
    assert not Review.objects.exists()


def test_a_reviewer_sees_the_others_scores_only_after_submitting_their_own(client, world):
    people, kadri, application = world
    service.do_submit_scores(application, scores(5, 5, 5, 5, 5), "Excellent.", actor=kadri)
    file_url = f"/office/applications/{application.public_id}/"
    staff_login(client, people.reviewer)
    before = client.get(file_url).content.decode()
    assert "Excellent." not in before and "Submitted scores" not in before
    assert "You see the other reviewers' scores once you have submitted yours." in before
    service.do_submit_scores(
        application, scores(4, 4, 4, 4, 4), "Very good.", actor=people.reviewer
    )
    after = client.get(file_url).content.decode()
    assert "Excellent." in after and "Very good." in after and "100.00" in after
    for person in (people.chair, people.officer, people.partner_viewer, people.programme_admin):
        staff_login(client, person)
        assert "Excellent." in client.get(file_url).content.decode()


def test_strong_disagreement_is_flagged_and_a_third_reviewer_offered_once(client, world, settings):
    people, kadri, application = world
    lena = reviewer("lena@kuleuven.example", home="ku-leuven", first_name="Lena")
    settings.REVIEW_DISAGREEMENT_PERCENT = 20
    service.do_submit_scores(application, scores(5, 5, 4, 4, 4), "Excellent.", actor=kadri)
    service.do_submit_scores(application, scores(2, 2, 2, 2, 2), "Weak.", actor=people.reviewer)
    row = QueueEntry.objects.get(application=application)
    assert row.disagreement and row.review_progress == "complete"
    staff_login(client, people.officer)
    file_url = f"/office/applications/{application.public_id}/"
    page = client.get(file_url).content.decode()
    assert "The reviewers disagree strongly on this file." in page
    assert "Assign a third reviewer" in page
    response = client.post(f"{file_url}reviewers/third/")
    assert response.status_code == 302
    third = service.own_assignment(lena, application)
    assert third.method == "third"
    row.refresh_from_db()
    assert (row.reviews_required, row.reviews_done, row.review_progress) == (3, 2, "partial")
    assert "Assign a third reviewer" not in client.get(file_url).content.decode()
    with pytest.raises(service.ReviewError, match="already has a third reviewer"):
        service.do_assign_third_reviewer(application, actor=people.officer)


def test_scores_close_enough_are_not_a_disagreement(world, settings):
    people, kadri, application = world
    settings.REVIEW_DISAGREEMENT_PERCENT = 20
    service.do_submit_scores(application, scores(5, 5, 4, 4, 4), "Excellent.", actor=kadri)
    service.do_submit_scores(application, scores(4, 4, 4, 3, 3), "Good.", actor=people.reviewer)
    assert not QueueEntry.objects.get(application=application).disagreement
    with pytest.raises(service.ReviewError, match="do not disagree strongly"):
        service.do_assign_third_reviewer(application, actor=people.officer)


def test_scores_keep_the_rubric_version_they_were_given_against(client, world):
    people, kadri, application = world
    service.do_submit_scores(application, scores(4, 4, 4, 4, 4), "Good.", actor=kadri)
    service.do_save_scores(application, {"video": "3"}, "", actor=people.reviewer)
    intake = application.intake
    service.do_publish_rubric(
        intake, rubric_text(version="2"), actor=people.programme_admin, source="v2.yaml"
    )
    service.do_save_scores(application, {"video": "2"}, "", actor=people.reviewer)
    versions = {r.assignment.reviewer: r.rubric.version for r in Review.objects.all()}
    assert versions == {kadri: "1", people.reviewer: "2"}
