"""/api/v1/office/: the review for machine clients: answers, 422 naming the field, 409 for
what the state does not allow, and nothing saved half-way."""

import pytest

from openadmit.access.service import do_create_token
from openadmit.review import service
from openadmit.review.models import Assignment, Review
from tests.office.factories import cast, submitted
from tests.review.factories import reviewer, scores, with_rubric

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    people = cast()
    with_rubric()
    kadri = reviewer("kadri@taltech.example", first_name="Kadri", last_name="Tamm")
    application = submitted("ana@example.org")
    service.do_assign_reviewers(application, [people.reviewer, kadri], actor=people.officer)
    return people, kadri, application


def bearer(user) -> dict:
    _token, clear = do_create_token(user, "student records", actor=user)
    return {"HTTP_AUTHORIZATION": f"Bearer {clear}"}


def url(application, path: str) -> str:
    return f"/api/v1/office/applications/{application.public_id}/{path}"


def test_it_gives_the_current_rubric(client, world):
    people, _, _ = world
    body = client.get(
        "/api/v1/office/intakes/pioneer/2026-09/rubric", **bearer(people.reviewer)
    ).json()
    assert (body["version"], body["reviewers_per_file"], body["max_points"]) == ("1", 2, "100")
    assert [c["id"] for c in body["criteria"]][:2] == ["academic_record", "motivation"]
    assert body["criteria"][0]["levels"][5]["description"].startswith("A closely related")


def test_a_reviewer_drafts_and_submits_and_then_sees_the_others(client, world):
    people, kadri, application = world
    service.do_submit_scores(application, scores(5, 5, 5, 5, 5), "Top.", actor=kadri)
    headers = bearer(people.reviewer)
    draft = client.put(
        url(application, "scores/mine"),
        {"scores": {"video": 2.0, "english": None}, "comment": "Started."},
        content_type="application/json",
        **headers,
    ).json()
    assert draft["mine"]["scores"] == {"video": "2"} and draft["mine"]["state"] == "draft"
    assert draft["others_visible"] is False and draft["others"] == []
    assert draft["score"] is None
    done = client.post(
        url(application, "scores/mine/submit"),
        {"scores": scores(3, 3, 3, 3, 3), "comment": "Solid."},
        content_type="application/json",
        **headers,
    ).json()
    assert done["mine"]["total"] == "60.00" and done["others_visible"] is True
    assert [o["comment"] for o in done["others"]] == ["Top."]
    assert (done["reviews_done"], done["score"]) == (2, "80.00")


def test_bad_scores_get_422_naming_each_field_and_nothing_is_saved(client, world):
    people, _, application = world
    response = client.post(
        url(application, "scores/mine/submit"),
        {"scores": {"video": 9, "charm": 1}, "comment": ""},
        content_type="application/json",
        **bearer(people.reviewer),
    )
    assert response.status_code == 422
    fields = {tuple(d["loc"]) for d in response.json()["detail"]}
    assert ("body", "scores", "video") in fields and ("body", "scores", "charm") in fields
    assert ("body", "scores", "academic_record") in fields
    assert not Review.objects.exists()
    wrong_type = client.put(
        url(application, "scores/mine"),
        {"scores": {"video": "lots"}},
        content_type="application/json",
        **bearer(people.reviewer),
    )
    assert wrong_type.status_code == 422 and "video" in str(wrong_type.json()["detail"])


def test_a_comment_is_needed_to_submit_and_submitted_scores_are_final(client, world):
    people, _, application = world
    headers = bearer(people.reviewer)
    missing = client.post(
        url(application, "scores/mine/submit"),
        {"scores": scores(3, 3, 3, 3, 3)},
        content_type="application/json",
        **headers,
    )
    assert missing.status_code == 422
    assert missing.json()["detail"][0]["loc"] == ["body", "comment"]
    assert not Review.objects.exists()
    client.post(
        url(application, "scores/mine/submit"),
        {"scores": scores(3, 3, 3, 3, 3), "comment": "Fine."},
        content_type="application/json",
        **headers,
    )
    again = client.put(
        url(application, "scores/mine"),
        {"scores": {"video": 1}},
        content_type="application/json",
        **headers,
    )
    assert again.status_code == 409 and "no longer change" in again.json()["detail"]


def test_assigning_by_hand_names_an_unknown_reviewer_and_assigns_nobody(client, world):
    people, _, _ = world
    rita = reviewer("rita@taltech.example")
    application = submitted("bea@example.org")
    response = client.post(
        url(application, "assignments"),
        {"reviewers": ["rita@taltech.example", "nobody@nowhere.example"]},
        content_type="application/json",
        **bearer(people.officer),
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "reviewers", "1"]
    assert not Assignment.objects.filter(application=application).exists()
    done = client.post(
        url(application, "assignments"),
        {"reviewers": ["RITA@taltech.example"]},
        content_type="application/json",
        **bearer(people.officer),
    )
    assert done.status_code == 201
    assert [(a["reviewer"], a["state"]) for a in done.json()] == [(rita.email, "to_do")]


def test_a_likely_conflict_needs_the_callers_word(client, world):
    people, _, _ = world
    application = submitted("bea@example.org")
    application.referees = [{"name": "Jonas", "email": people.reviewer.email}]
    application.save(update_fields=["referees"])
    body = {"reviewers": [people.reviewer.email]}
    headers = bearer(people.chair)
    refused = client.post(
        url(application, "assignments"), body, content_type="application/json", **headers
    )
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["loc"] == ["body", "despite_likely_conflict"]
    done = client.post(
        url(application, "assignments"),
        body | {"despite_likely_conflict": True},
        content_type="application/json",
        **headers,
    )
    assert done.status_code == 201


def test_automatic_assignment_and_a_conflict_through_the_api(client, world):
    people, kadri, _ = world
    lena = reviewer("lena@kuleuven.example", home="ku-leuven")
    application = submitted("bea@example.org")
    assigned = client.post(url(application, "assignments/auto"), **bearer(people.officer))
    assert assigned.status_code == 200 and len(assigned.json()) == 2
    full = client.post(url(application, "assignments/auto"), **bearer(people.officer))
    assert full.status_code == 409 and "already has its 2 reviewers" in full.json()["detail"]
    leaving = Assignment.objects.filter(application=application).first().reviewer
    left = client.post(
        url(application, "conflict"),
        {"reason": "Same lab."},
        content_type="application/json",
        **bearer(leaving),
    )
    remaining = {people.reviewer, kadri, lena} - {
        a.reviewer for a in Assignment.objects.filter(application=application)
    }
    assert left.status_code == 200 and remaining == set()
    listed = client.get(url(application, "assignments"), **bearer(people.officer)).json()
    assert [a["conflict_reason"] for a in listed if a["state"] == "conflict"] == ["Same lab."]
    assert client.get(url(application, "assignments"), **bearer(leaving)).status_code == 404


def test_reviewer_statistics_for_the_chair(client, world):
    people, kadri, application = world
    service.do_submit_scores(application, scores(5, 5, 5, 5, 5), "Top.", actor=kadri)
    service.do_submit_scores(application, scores(1, 1, 1, 1, 1), "Weak.", actor=people.reviewer)
    body = client.get(
        "/api/v1/office/intakes/pioneer/2026-09/reviewers", **bearer(people.chair)
    ).json()
    assert body["scores"] == 2 and body["files_with_several_scores"] == 1
    rows = {r["reviewer"]: r for r in body["reviewers"]}
    assert rows[kadri.email]["mean"] == 100 and rows[people.reviewer.email]["mean"] == 20
    assert rows[kadri.email]["difference"] == 40 and body["disagreement_percent"] == 20
    # One file, two reviewers as far apart as the whole spread: no better than chance.
    assert body["krippendorff_alpha"] == 0


def test_the_openapi_document_describes_the_review(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in (
        "/api/v1/office/intakes/{programme}/{intake}/rubric",
        "/api/v1/office/intakes/{programme}/{intake}/reviewers",
        "/api/v1/office/applications/{public_id}/assignments",
        "/api/v1/office/applications/{public_id}/scores/mine",
        "/api/v1/office/applications/{public_id}/conflict",
    ):
        assert path in paths, path
    submit = paths["/api/v1/office/applications/{public_id}/scores/mine/submit"]["post"]
    assert {"200", "404", "409", "422"} <= set(submit["responses"])
