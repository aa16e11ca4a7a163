"""Assigning reviewers: by hand or automatically with balanced load, N per file; likely
conflicts of interest flagged before and skipped; a declared conflict reassigns the file."""

from collections import Counter

import pytest

from openadmit.applications.constants import Status
from openadmit.applications.models import Application
from openadmit.office.models import QueueEntry
from openadmit.review import service
from openadmit.review.constants import AssignmentMethod
from openadmit.review.models import Assignment
from tests.office.factories import cast, submitted
from tests.personas import staff_login
from tests.review.factories import reviewer, with_rubric

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    people = cast()
    with_rubric()
    kadri = reviewer("kadri@taltech.example", home="taltech", first_name="Kadri")
    lena = reviewer("lena@kuleuven.example", home="ku-leuven", first_name="Lena")
    return people, [people.reviewer, kadri, lena]


def with_degree_from(application: Application, institution: str) -> Application:
    profile = dict(application.profile)
    profile["degrees"] = [dict(profile["degrees"][0], institution=institution)]
    Application.objects.filter(pk=application.pk).update(profile=profile)
    application.refresh_from_db()
    return application


def reviewers_of(application) -> set:
    return {a.reviewer for a in Assignment.objects.active().filter(application=application)}


def test_it_assigns_the_rubrics_number_of_reviewers_and_balances_their_load(world):
    people, pool = world
    files = [submitted(f"applicant{i}@example.org") for i in range(6)]
    for application in files:
        service.do_assign_automatically(application, actor=people.officer)
    for application in files:
        assert len(reviewers_of(application)) == 2
        row = QueueEntry.objects.get(application=application)
        assert (row.reviews_required, row.reviews_done, row.review_progress) == (2, 0, "waiting")
        assert row.reviewers == ",{},".format(
            ",".join(str(pk) for pk in sorted(u.pk for u in reviewers_of(application)))
        )
    loads = Counter(a.reviewer for a in Assignment.objects.all())
    assert sorted(loads.values()) == [4, 4, 4] and set(loads) == set(pool)
    with pytest.raises(service.ReviewError, match="already has its 2 reviewers"):
        service.do_assign_automatically(files[0], actor=people.officer)


def test_a_reviewer_whose_university_awarded_the_degree_is_flagged_and_skipped(client, world):
    people, (jonas, kadri, lena) = world
    application = with_degree_from(
        submitted("ana@example.org"), "Universität Münster / University of Münster"
    )
    staff_login(client, people.officer)
    page = client.get(f"/office/applications/{application.public_id}/reviewers/").content.decode()
    assert "likely conflict" in page and "their university awarded the degree" in page
    service.do_assign_automatically(application, actor=people.officer)
    assert reviewers_of(application) == {kadri, lena}


def test_a_flagged_reviewer_is_assigned_by_hand_only_when_the_officer_says_so(client, world):
    people, (jonas, kadri, lena) = world
    application = with_degree_from(submitted("ana@example.org"), "University of Munster")
    staff_login(client, people.chair)
    url = f"/office/applications/{application.public_id}/reviewers/"
    refused = client.post(url, {"reviewers": [str(jonas.pk), str(kadri.pk)]})
    assert refused.status_code == 400
    assert "may have a conflict of interest" in refused.content.decode()
    assert reviewers_of(application) == set()
    done = client.post(
        url, {"reviewers": [str(jonas.pk), str(kadri.pk)], "despite_likely_conflict": "on"}
    )
    assert done.status_code == 302
    assert reviewers_of(application) == {jonas, kadri}
    assert {a.method for a in Assignment.objects.all()} == {AssignmentMethod.BY_HAND}


def test_a_reviewer_named_as_a_referee_is_flagged(world):
    people, (jonas, kadri, lena) = world
    application = submitted("ana@example.org")
    Application.objects.filter(pk=application.pk).update(
        referees=[{"name": "Prof. Tamm", "email": "kadri@taltech.example"}]
    )
    application.refresh_from_db()
    signs = {c.user: c.signs for c in service.candidates_for(application)}
    assert signs[kadri] == [("referee", "Prof. Tamm")] and signs[lena] == []
    service.do_assign_automatically(application, actor=people.officer)
    assert reviewers_of(application) == {jonas, lena}


def test_a_declared_conflict_hands_the_file_to_the_least_loaded_free_reviewer(client, world):
    people, (jonas, kadri, lena) = world
    busy = submitted("busy@example.org")
    service.do_assign_reviewers(busy, [kadri], actor=people.officer)
    application = submitted("ana@example.org")
    service.do_assign_reviewers(application, [jonas, lena], actor=people.officer)
    mira = reviewer("mira@taltech.example", home="taltech", first_name="Mira")
    staff_login(client, jonas)
    file_url = f"/office/applications/{application.public_id}/"
    assert client.get(file_url).status_code == 200
    response = client.post(f"{file_url}conflict/", {"reason": "I taught her last year."})
    assert response.status_code == 302
    assert reviewers_of(application) == {lena, mira}
    left = Assignment.objects.get(application=application, reviewer=jonas)
    assert left.conflict_reason == "I taught her last year." and left.conflict_declared_at
    replacement = Assignment.objects.get(application=application, reviewer=mira)
    assert replacement.method == AssignmentMethod.REASSIGNED and replacement.assigned_by is None
    assert client.get(file_url).status_code == 404
    assert str(jonas.pk) not in QueueEntry.objects.get(application=application).reviewers
    with pytest.raises(service.ReviewError, match="declared a conflict"):
        service.do_assign_reviewers(application, [jonas], actor=people.officer)


def test_a_conflict_with_nobody_free_leaves_the_file_short(client, world):
    people, (jonas, kadri, lena) = world
    application = with_degree_from(submitted("ana@example.org"), "TalTech")
    service.do_assign_reviewers(application, [jonas, lena], actor=people.officer)
    assert service.do_declare_conflict(application, "Former student.", actor=lena) is None
    assert reviewers_of(application) == {jonas}
    row = QueueEntry.objects.get(application=application)
    assert (row.reviews_required, row.reviewers) == (2, f",{jonas.pk},")


def test_a_conflict_needs_a_reason(client, world):
    people, (jonas, kadri, lena) = world
    application = submitted("ana@example.org")
    service.do_assign_reviewers(application, [jonas], actor=people.officer)
    staff_login(client, jonas)
    response = client.post(f"/office/applications/{application.public_id}/conflict/", {})
    assert response.status_code == 400
    assert "Say what the conflict of interest is." in response.content.decode()
    with pytest.raises(service.ReviewError) as raised:
        service.do_declare_conflict(application, "   ", actor=jonas)
    assert raised.value.field == "reason"
    assert reviewers_of(application) == {jonas}


def test_nothing_is_assigned_without_a_rubric_or_to_a_closed_file():
    people = cast()
    application = submitted("ana@example.org")
    with pytest.raises(service.ReviewError, match="Publish the intake's review rubric first"):
        service.do_assign_automatically(application, actor=people.officer)
    with_rubric()
    Application.objects.filter(pk=application.pk).update(status=Status.WITHDRAWN)
    with pytest.raises(service.ReviewError, match="withdrawn or decided"):
        service.do_assign_automatically(application, actor=people.officer)
    assert not Assignment.objects.exists()


def test_the_queues_bulk_action_previews_then_assigns_every_file_that_needs_it(client, world):
    people, pool = world
    files = [submitted(f"applicant{i}@example.org") for i in range(3)]
    service.do_assign_automatically(files[0], actor=people.officer)
    staff_login(client, people.officer)
    url = "/office/intakes/pioneer/2026-09/bulk/"
    ids = [str(a.public_id) for a in files]
    preview = client.post(url, {"action": "assign_reviewers", "ids": ids}).content.decode()
    assert "It already has its reviewers." in preview
    assert "Assign reviewers to these files" in preview
    assert Assignment.objects.count() == 2
    done = client.post(url, {"action": "assign_reviewers", "ids": ids, "confirm": "1"})
    assert done.status_code == 302
    assert all(len(reviewers_of(a)) == 2 for a in files)
    assert Assignment.objects.count() == 6


def test_only_holders_of_the_permission_see_the_bulk_assignment(client, world):
    people, _ = world
    submitted("ana@example.org")
    for person, sees in (
        (people.officer, True),
        (people.chair, True),
        (people.partner_viewer, False),
    ):
        staff_login(client, person)
        page = client.get("/office/intakes/pioneer/2026-09/").content.decode()
        assert ('value="assign_reviewers"' in page) is sees
