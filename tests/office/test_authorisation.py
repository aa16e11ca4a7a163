"""Every office page and action against every role, a partner's staff, another
programme's staff, an applicant and a signed-out visitor.

Someone without the permission gets 404 for an application (exactly as if it did not
exist), 403 on the office's front door when they are not staff at all, and the sign-in
page when signed out; nothing changes.
"""

import pytest

from openadmit.applications.constants import Status
from openadmit.audit.models import AuditEvent
from tests.applications.factories import complete_draft
from tests.office.factories import cast, leuven_only_intake, submitted
from tests.personas import make_applicant, staff_login

pytestmark = pytest.mark.django_db

SEE = {"programme_admin", "officer", "chair", "partner_viewer", "consortium_officer"}
OFFICE = {"officer", "consortium_officer"}
EVERYONE = SEE | {"reviewer", "other_programme_officer"}


@pytest.fixture
def world():
    people = cast()
    application = submitted("ana@example.org")
    other = submitted("olaf@example.org", intake=leuven_only_intake())
    return people, application, other


def pages(application) -> dict[str, tuple[str, str, dict, set[str]]]:
    """name -> (method, url, data, who may)"""
    base = f"/office/applications/{application.public_id}"
    intake = f"/office/intakes/{application.intake.programme.slug}/{application.intake.code}"
    document = application.documents.get(kind="cv")
    return {
        "queue": ("get", f"{intake}/", {}, SEE | {"reviewer"}),
        "file": ("get", f"{base}/", {}, SEE),
        "document": ("get", f"/office/documents/{document.public_id}/", {}, SEE),
        "screening form": ("get", f"{base}/screening/", {}, OFFICE),
        "request form": ("get", f"{base}/request/", {}, OFFICE),
    }


def actions(application) -> dict[str, tuple[str, dict, set[str]]]:
    base = f"/office/applications/{application.public_id}"
    return {
        "screen": (
            f"{base}/screening/",
            {f"criterion-{c}": "eligible" for c in ("degree", "english", "deadline")},
            OFFICE,
        ),
        "request": (
            f"{base}/request/",
            {"steps": ["motivation"], "message": "Say more.", "due_on": "2099-01-01"},
            OFFICE,
        ),
        "message": (f"{base}/message/", {"body": "Hello"}, OFFICE),
        "fee": (f"{base}/fee/", {"fee_status": "waived"}, OFFICE),
        "start review": (f"{base}/review/", {}, OFFICE),
    }


def test_each_role_reaches_exactly_the_pages_it_should(client, world):
    people, application, _ = world
    for name, person in {
        **people.staff(),
        "other_programme_officer": people.other_programme_officer,
    }.items():
        staff_login(client, person)
        for page, (method, url, data, allowed) in pages(application).items():
            response = getattr(client, method)(url, data)
            if response.streaming:
                b"".join(response.streaming_content)
            status = response.status_code
            expected = 200 if name in allowed else 404
            assert status == expected, (name, page, status)


def test_each_role_does_exactly_the_actions_it_should_and_nothing_else_changes(client, world):
    people, _, _ = world
    staff = {**people.staff(), "other_programme_officer": people.other_programme_officer}
    for name, person in staff.items():
        # A fresh application per person, so that one person's action is not the next
        # one's starting point.
        application = submitted(f"{name}@example.org")
        staff_login(client, person)
        for action, (url, data, allowed) in actions(application).items():
            before = AuditEvent.objects.filter(application_id=application.pk).count()
            response = client.post(url, data)
            after = AuditEvent.objects.filter(application_id=application.pk).count()
            if name in allowed:
                assert response.status_code == 302, (name, action, response.status_code)
                assert after == before + 1, (name, action)
            else:
                assert response.status_code == 404, (name, action, response.status_code)
                assert after == before, (name, action)


def test_an_applicant_is_told_the_office_is_for_staff(client, world):
    people, application, _ = world
    client.force_login(people.applicant)
    assert client.get("/office/").status_code == 403
    for method, url, data, _allowed in pages(application).values():
        assert getattr(client, method)(url, data).status_code == 403, url
    for url, data, _allowed in actions(application).values():
        assert client.post(url, data).status_code == 403, url


def test_the_applicant_of_the_file_cannot_reach_it_through_the_office(client, world):
    _, application, _ = world
    client.force_login(application.applicant)
    assert client.get(f"/office/applications/{application.public_id}/").status_code == 403


def test_a_signed_out_visitor_is_sent_to_sign_in(client, world):
    _, application, _ = world
    for method, url, data, _allowed in pages(application).values():
        response = getattr(client, method)(url, data)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    for url, data, _allowed in actions(application).values():
        response = client.post(url, data)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED


def test_a_partner_sees_the_joint_programme_and_nothing_else_of_the_coordinator(client, world):
    people, application, other = world
    staff_login(client, people.partner_viewer)
    home = client.get("/office/").content.decode()
    assert "PIONEER" in home and "Master of Statistics" not in home
    assert client.get(f"/office/applications/{application.public_id}/").status_code == 200
    assert client.get(f"/office/applications/{other.public_id}/").status_code == 404
    assert client.get("/office/intakes/leuven-statistics/2026-09/").status_code == 404


def test_another_programmes_staff_see_their_own_and_not_pioneer(client, world):
    people, application, other = world
    staff_login(client, people.other_programme_officer)
    assert client.get(f"/office/applications/{other.public_id}/").status_code == 200
    assert client.get(f"/office/applications/{application.public_id}/").status_code == 404


def test_no_staff_member_sees_a_draft_or_its_files(client, world):
    people, _, _ = world
    draft = complete_draft(make_applicant("drafting@example.org"))
    document = draft.documents.get(kind="cv")
    for person in people.staff().values():
        staff_login(client, person)
        assert client.get(f"/office/applications/{draft.public_id}/").status_code == 404
        assert client.get(f"/office/documents/{document.public_id}/").status_code == 404
        queue = client.get("/office/intakes/pioneer/2026-09/").content.decode()
        assert "drafting@example.org" not in queue and str(draft.public_id) not in queue


def test_a_superuser_gets_nothing_from_being_one(client, world):
    from tests.personas import make_person

    _, application, _ = world
    root = make_person("root@openadmit.example", is_superuser=True, is_staff=True)
    client.force_login(root)
    assert client.get(f"/office/applications/{application.public_id}/").status_code == 403
    draft = complete_draft(make_applicant("private@example.org"))
    assert client.get(f"/applications/{draft.public_id}/").status_code == 404
    document = draft.documents.get(kind="cv")
    assert client.get(f"/documents/{document.public_id}/").status_code == 404


def api_routes(application) -> dict[str, tuple[str, str, dict | None, set[str]]]:
    base = f"/api/v1/office/applications/{application.public_id}"
    return {
        "queue": (
            "get",
            "/api/v1/office/intakes/pioneer/2026-09/applications",
            None,
            SEE | {"reviewer"},
        ),
        "file": ("get", base, None, SEE),
        "screening": ("post", f"{base}/screening", {"overrides": []}, OFFICE),
    }


def test_each_role_reaches_exactly_the_api_routes_it_should(client, world):
    from openadmit.access.service import do_create_token

    people, application, _ = world
    staff = {**people.staff(), "other_programme_officer": people.other_programme_officer}
    for name, person in staff.items():
        _token, clear = do_create_token(person, "test", actor=person)
        headers = {"HTTP_AUTHORIZATION": f"Bearer {clear}"}
        for route, (method, url, body, allowed) in api_routes(application).items():
            if method == "post":
                response = client.post(url, body, content_type="application/json", **headers)
            else:
                response = client.get(url, **headers)
            expected = 200 if name in allowed else 404
            assert response.status_code == expected, (name, route, response.status_code)
    assert client.get("/api/v1/office/intakes").status_code == 401
    for _route, (method, url, body, _allowed) in api_routes(application).items():
        response = (
            getattr(client, method)(url, body, content_type="application/json")
            if body
            else getattr(client, method)(url)
        )
        assert response.status_code == 401, url
