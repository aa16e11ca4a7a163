"""/api/v1/office/: the queue and the file for machine clients, with a staff token."""

import pytest

from openadmit.access.models import ApiToken
from openadmit.access.service import do_create_token, do_revoke_token
from openadmit.audit.models import AuditEvent
from openadmit.office.constants import OfficeEvent
from tests.office.factories import cast, submitted
from tests.personas import staff_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    people = cast()
    return people, submitted("ana@example.org", first_name="Ana", last_name="Silva")


def bearer(user) -> dict:
    _token, clear = do_create_token(user, "student records", actor=user)
    return {"HTTP_AUTHORIZATION": f"Bearer {clear}"}


def test_it_lists_the_queue_for_a_token_of_an_officer(client, world):
    people, application = world
    response = client.get(
        "/api/v1/office/intakes/pioneer/2026-09/applications?sort=name",
        **bearer(people.officer),
    )
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1 and body["counts"]["submitted"] == 1
    row = body["results"][0]
    assert (row["name"], row["outcome"], row["nationalities"]) == ("Ana Silva", "eligible", ["IN"])
    assert row["opened"] is False


def test_it_names_a_bad_filter(client, world):
    people, _ = world
    response = client.get(
        "/api/v1/office/intakes/pioneer/2026-09/applications?score_min=abc&sort=sideways",
        **bearer(people.officer),
    )
    assert response.status_code == 422
    names = {detail["loc"][-1] for detail in response.json()["detail"]}
    assert names == {"score_min", "sort"}


def test_opening_a_file_through_the_api_is_audited(client, world):
    people, application = world
    response = client.get(
        f"/api/v1/office/applications/{application.public_id}", **bearer(people.officer)
    )
    assert response.status_code == 200
    body = response.json()
    assert body["verdict"]["outcome"] == "eligible"
    assert {d["kind"] for d in body["documents"]} >= {"diploma", "cv"}
    assert (
        AuditEvent.objects.filter(
            application_id=application.pk, event=OfficeEvent.FILE_OPEN, actor=people.officer
        ).count()
        == 1
    )


def test_an_officer_confirms_a_screening_with_an_override(client, world):
    people, application = world
    response = client.post(
        f"/api/v1/office/applications/{application.public_id}/screening",
        {
            "overrides": [
                {
                    "criterion": "degree",
                    "outcome": "review",
                    "reason": "evidence_in_documents",
                    "explanation": "The transcript shows a different field.",
                }
            ]
        },
        content_type="application/json",
        **bearer(people.officer),
    )
    assert response.status_code == 200, response.content
    assert response.json()["screening"]["outcome"] == "review"


def test_others_get_404_and_strangers_401(client, world):
    people, application = world
    url = f"/api/v1/office/applications/{application.public_id}"
    assert client.get(url, **bearer(people.other_programme_officer)).status_code == 404
    assert client.get(url, **bearer(people.reviewer)).status_code == 404
    screening = client.post(
        f"{url}/screening",
        {"overrides": []},
        content_type="application/json",
        **bearer(people.chair),
    )
    assert screening.status_code == 404
    assert client.get(url).status_code == 401
    assert client.get(url, HTTP_AUTHORIZATION="Bearer oa_not-a-token").status_code == 401
    client.force_login(people.applicant)
    assert client.get(url).status_code == 401


def test_a_revoked_token_no_longer_opens_anything(client, world):
    people, application = world
    headers = bearer(people.officer)
    do_revoke_token(ApiToken.objects.get(user=people.officer), actor=people.officer)
    assert client.get("/api/v1/office/intakes", **headers).status_code == 401


def test_a_session_without_a_second_factor_is_not_enough(client, world):
    people, _ = world
    client.force_login(people.officer)
    assert client.get("/api/v1/office/intakes").status_code == 401
    staff_login(client, people.officer)
    assert client.get("/api/v1/office/intakes").json()[0]["programme"] == "pioneer"


def test_staff_make_and_revoke_tokens_on_their_page(client, world):
    people, _ = world
    staff_login(client, people.officer)
    page = client.post("/office/tokens/", {"name": "Student records"}).content.decode()
    token = ApiToken.objects.get(user=people.officer)
    assert "shown only once" in page and token.prefix in page
    assert client.post("/office/tokens/", {"name": ""}).status_code == 400
    client.post("/office/tokens/", {"revoke": str(token.public_id)})
    token.refresh_from_db()
    assert token.revoked_at is not None
