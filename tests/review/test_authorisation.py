"""Every review page, API route and action against every role of the office's cast, a
reviewer assigned to the file, one who is not, one who left it with a conflict of
interest, an applicant and a signed-out visitor.

Out of reach answers 404 (the API too), exactly as if it did not exist; an applicant gets
the office's 403 (the API's 401); a signed-out visitor is sent to sign in (the API's 401).
A refused action changes nothing and writes no audit event.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from openadmit.access.service import do_create_token
from openadmit.audit.models import AuditEvent
from openadmit.review import service
from openadmit.review.models import Assignment
from tests.office.factories import cast, submitted
from tests.personas import staff_login
from tests.review.factories import reviewer, rubric_text, scores, with_rubric

pytestmark = pytest.mark.django_db

SEE_ALL = {"programme_admin", "officer", "chair", "partner_viewer", "consortium_officer"}
ASSIGN = {"programme_admin", "officer", "chair", "consortium_officer"}
REVIEWERS = {"reviewer", "unassigned_reviewer", "conflicted_reviewer"}
STAFF = SEE_ALL | REVIEWERS | {"other_programme_officer"}


@pytest.fixture
def world():
    people = cast()
    with_rubric()
    kadri = reviewer("kadri@taltech.example", home="taltech")
    staff = {
        **people.staff(),
        "other_programme_officer": people.other_programme_officer,
        "unassigned_reviewer": reviewer("rita@taltech.example", home="taltech"),
        "conflicted_reviewer": reviewer("lena@kuleuven.example", home="ku-leuven"),
    }
    return people, staff, kadri


def prepared(name: str, people, staff, kadri, *, disagreeing=False):
    """A file with the cast's reviewer and Kadri on it, and one the conflicted reviewer left."""
    application = submitted(f"{name}@example.org")
    service.do_assign_reviewers(application, [people.reviewer, kadri], actor=people.officer)
    Assignment.objects.create(
        application=application,
        reviewer=staff["conflicted_reviewer"],
        method="by_hand",
        conflict_declared_at=timezone.now(),
        conflict_reason="Former student.",
    )
    if disagreeing:
        service.do_submit_scores(application, scores(5, 5, 5, 5, 5), "Top.", actor=people.reviewer)
        service.do_submit_scores(application, scores(1, 1, 1, 1, 1), "Weak.", actor=kadri)
    return application


def pages(application, staff) -> dict[str, tuple[str, dict[str, int]]]:
    """name -> (url, {persona: expected status}); anyone else on the staff gets 404."""
    intake = "/office/intakes/pioneer/2026-09"
    file = f"/office/applications/{application.public_id}"
    me = staff["reviewer"].pk
    viewers = dict.fromkeys(SEE_ALL | REVIEWERS, 200)
    return {
        "rubric": (f"{intake}/rubric/", viewers),
        "rubric file": (f"{intake}/rubric.yaml", viewers),
        "publish form": (f"{intake}/rubric/publish/", {"programme_admin": 200}),
        "progress": (
            f"{intake}/reviews/",
            dict.fromkeys(SEE_ALL, 200) | dict.fromkeys(REVIEWERS, 302),
        ),
        "a reviewer's list": (
            f"{intake}/reviews/{me}/",
            dict.fromkeys(SEE_ALL | {"reviewer"}, 200),
        ),
        "scores": (f"{intake}/scores/", dict.fromkeys(SEE_ALL, 200)),
        "file": (f"{file}/", dict.fromkeys(SEE_ALL | {"reviewer"}, 200)),
        "assign form": (f"{file}/reviewers/", dict.fromkeys(ASSIGN, 200)),
        "score form": (f"{file}/score/", {"reviewer": 200}),
        "conflict form": (f"{file}/conflict/", {"reviewer": 200}),
    }


def test_each_person_reaches_exactly_the_pages_they_should(client, world):
    people, staff, kadri = world
    application = prepared("ana", people, staff, kadri)
    for name, person in staff.items():
        staff_login(client, person)
        for page, (url, expected) in pages(application, staff).items():
            status = client.get(url).status_code
            assert status == expected.get(name, 404), (name, page, status)


def upload(version: str) -> dict:
    text = rubric_text(version=version).encode()
    return {"file": SimpleUploadedFile("rubric.yaml", text, content_type="application/yaml")}


ACTIONS = {
    # name: (url below the file or intake, form data, who may, how the file is prepared)
    "publish": ("intake", "rubric/publish/", None, {"programme_admin"}, {}),
    "assign": ("file", "reviewers/", "rita", ASSIGN, {}),
    "auto-assign": ("file", "reviewers/auto/", {}, ASSIGN, {"fresh": True}),
    "third reviewer": ("file", "reviewers/third/", {}, ASSIGN, {"disagreeing": True}),
    "declare conflict": ("file", "conflict/", {"reason": "Neighbour."}, {"reviewer"}, {}),
    "save draft": ("file", "score/", {"score_video": "3", "save": "1"}, {"reviewer"}, {}),
    "submit": (
        "file",
        "score/",
        {
            **{f"score_{k}": v for k, v in scores(3, 3, 3, 3, 3).items()},
            "comment": "OK.",
            "submit": "1",
        },
        {"reviewer"},
        {},
    ),
}


def test_each_person_does_exactly_the_actions_they_should_and_nothing_else_changes(client, world):
    people, staff, kadri = world
    counter = iter(range(1000))
    for action, (level, path, data, allowed, how) in ACTIONS.items():
        refused_file = None
        for name, person in staff.items():
            may = name in allowed
            if level == "intake":
                url = f"/office/intakes/pioneer/2026-09/{path}"
                application = None
            else:
                if may or refused_file is None:
                    application = (
                        submitted(f"file{next(counter)}@example.org")
                        if how.get("fresh")
                        else prepared(f"file{next(counter)}", people, staff, kadri, **how)
                    )
                    if not may:
                        refused_file = application
                else:
                    application = refused_file
                url = f"/office/applications/{application.public_id}/{path}"
            if data is None:
                payload = upload(f"v-{name}")
            elif data == "rita":
                payload = {"reviewers": [str(staff["unassigned_reviewer"].pk)]}
            else:
                payload = data
            staff_login(client, person)
            before = AuditEvent.objects.count()
            response = client.post(url, payload)
            after = AuditEvent.objects.count()
            if may:
                assert response.status_code == 302, (name, action, response.status_code)
                assert after == before + 1, (name, action)
            else:
                assert response.status_code == 404, (name, action, response.status_code)
                assert after == before, (name, action)


def test_an_applicant_is_told_the_office_is_for_staff_and_a_visitor_is_sent_to_sign_in(
    client, world
):
    people, staff, kadri = world
    application = prepared("ana", people, staff, kadri)
    urls = [url for url, _ in pages(application, staff).values()]
    before = AuditEvent.objects.count()
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
        assert client.post(url, {"reason": "x"}).status_code == 302
    for person in (people.applicant, application.applicant):
        client.force_login(person)
        for url in urls:
            assert client.get(url).status_code == 403, url
            assert client.post(url, {"reason": "x", "score_video": "1"}).status_code == 403, url
    assert AuditEvent.objects.count() == before


def bearer(user) -> dict:
    _token, clear = do_create_token(user, "machine", actor=user)
    return {"HTTP_AUTHORIZATION": f"Bearer {clear}"}


def api_reads(application) -> dict[str, tuple[str, set[str]]]:
    """name -> (url, who may read it); anyone else on the staff gets 404."""
    base = "/api/v1/office"
    file = f"{base}/applications/{application.public_id}"
    return {
        "rubric": (f"{base}/intakes/pioneer/2026-09/rubric", SEE_ALL | REVIEWERS),
        "statistics": (f"{base}/intakes/pioneer/2026-09/reviewers", SEE_ALL),
        "assignments": (f"{file}/assignments", SEE_ALL | {"reviewer"}),
        "scores": (f"{file}/scores", SEE_ALL | {"reviewer"}),
    }


def test_each_person_reads_exactly_what_they_should_through_the_api(client, world):
    people, staff, kadri = world
    application = prepared("ana", people, staff, kadri)
    for name, person in staff.items():
        headers = bearer(person)
        for route, (url, allowed) in api_reads(application).items():
            status = client.get(url, **headers).status_code
            assert status == (200 if name in allowed else 404), (name, route, status)
    for url, _allowed in api_reads(application).values():
        assert client.get(url).status_code == 401
        client.force_login(people.applicant)
        assert client.get(url).status_code == 401
        client.logout()


API_ACTIONS = {
    # name: (method, path below the file, body, who may, success status, preparation)
    "assign": ("post", "assignments", {"reviewers": ["rita@taltech.example"]}, ASSIGN, 201, {}),
    "auto-assign": ("post", "assignments/auto", None, ASSIGN, 200, {"fresh": True}),
    "third reviewer": ("post", "assignments/third", None, ASSIGN, 200, {"disagreeing": True}),
    "conflict": ("post", "conflict", {"reason": "Neighbour."}, {"reviewer"}, 200, {}),
    "draft": ("put", "scores/mine", {"scores": {"video": 3}}, {"reviewer"}, 200, {}),
    "submit": (
        "post",
        "scores/mine/submit",
        {"scores": scores(2, 2, 2, 2, 2), "comment": "Fine."},
        {"reviewer"},
        200,
        {},
    ),
}


def test_each_person_does_exactly_the_api_actions_they_should(client, world):
    people, staff, kadri = world
    counter = iter(range(1000))
    headers = {name: bearer(person) for name, person in staff.items()}
    for action, (method, path, body, allowed, ok, how) in API_ACTIONS.items():
        refused_file = None
        for name in staff:
            may = name in allowed
            if may or refused_file is None:
                application = (
                    submitted(f"api{next(counter)}@example.org")
                    if how.get("fresh")
                    else prepared(f"api{next(counter)}", people, staff, kadri, **how)
                )
                refused_file = refused_file or (None if may else application)
            else:
                application = refused_file
            url = f"/api/v1/office/applications/{application.public_id}/{path}"
            before = AuditEvent.objects.count()
            response = getattr(client, method)(
                url, body or {}, content_type="application/json", **headers[name]
            )
            after = AuditEvent.objects.count()
            expected = ok if may else 404
            assert response.status_code == expected, (name, action, response.content[:300])
            assert after == before + (1 if may else 0), (name, action)
        unauthenticated = getattr(client, method)(url, body or {}, content_type="application/json")
        assert unauthenticated.status_code == 401
