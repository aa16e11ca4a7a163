"""Asking for more: chosen parts reopen until a day, the applicant changes them and sends
them again, and the first submission stays as it was."""

from datetime import date, timedelta

import pytest

from openadmit.applications import service as applications
from openadmit.applications.constants import Status, Step
from openadmit.applications.models import Resubmission
from openadmit.office import service
from openadmit.office.models import QueueEntry
from tests.applications.pdfs import pdf_upload
from tests.office.factories import cast, submitted
from tests.personas import staff_login

pytestmark = pytest.mark.django_db

IN_A_WEEK = (date.today() + timedelta(days=7)).isoformat()


@pytest.fixture
def world():
    return cast(), submitted("wanjiru@example.org", first_name="Wanjiru", last_name="Kamau")


def ask(client, people, application, **data):
    staff_login(client, people.officer)
    return client.post(
        f"/office/applications/{application.public_id}/request/",
        {
            "steps": ["motivation", "documents"],
            "message": "Say why eGovernance, and add a CV.",
            "due_on": IN_A_WEEK,
            **data,
        },
    )


def test_the_applicant_sees_the_request_changes_the_reopened_parts_and_sends_them(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    people, application = world
    first = application.submission.answers["motivation"]
    with django_capture_on_commit_callbacks(execute=True):
        assert ask(client, people, application).status_code == 302
    assert mailoutbox[-1].to == ["wanjiru@example.org"]
    assert "Say why eGovernance" in mailoutbox[-1].body
    application.refresh_from_db()
    assert application.status == Status.INFORMATION_REQUESTED

    client.force_login(application.applicant)
    status = client.get(f"/applications/{application.public_id}/").content.decode()
    assert "The admissions office asks for more information" in status
    assert "Change “Motivation”" in status and "Change “Documents”" in status
    # Only the reopened parts can be changed.
    base = f"/applications/{application.public_id}/steps"
    assert client.get(f"{base}/personal/").status_code == 302
    client.post(f"{base}/motivation/", {"motivation": "Because services must work for people."})
    client.post(
        f"{base}/documents/",
        {"action": "upload", "kind": "cv", "file": pdf_upload("new-cv.pdf")},
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/applications/{application.public_id}/", {"resubmit": "1"})

    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
    later = Resubmission.objects.get(application=application)
    assert later.answers["motivation"] == "Because services must work for people."
    assert application.submission.answers["motivation"] == first
    assert "new-cv.pdf" in [d["name"] for d in later.documents]
    assert "changes were received" in mailoutbox[-1].subject

    staff_login(client, people.officer)
    page = client.get(f"/office/applications/{application.public_id}/")
    text = page.content.decode()
    assert "Because services must work for people." in text
    assert "The answers as first submitted" in text
    changed = page.context["requests"][0]["changed"]
    assert "Motivation" in changed
    assert QueueEntry.objects.get(application=application).screening == "pending"


def test_a_screening_before_the_changes_is_outdated_after_them(client, world):
    people, application = world
    service.do_confirm_screening(application, [], actor=people.officer)
    ask(client, people, application)
    applications.do_save_step(
        application, Step.MOTIVATION, {"motivation": "More."}, actor=application.applicant
    )
    applications.do_resubmit(application, actor=application.applicant)
    assert QueueEntry.objects.get(application=application).screening == "outdated"


def test_it_names_what_is_missing_from_the_request(client, world):
    people, application = world
    response = ask(client, people, application, steps=[], message="", due_on="2001-01-01")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Choose at least one part of the application to reopen." in page
    assert "Say what the applicant should change or add." in page
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED


def test_it_refuses_a_day_in_the_past(client, world):
    people, application = world
    past = (date.today() - timedelta(days=2)).isoformat()
    response = ask(client, people, application, due_on=past)
    assert response.status_code == 400
    assert "cannot be in the past" in response.content.decode()


def test_after_the_day_the_parts_close_again(client, world):
    people, application = world
    ask(client, people, application)
    request = application.information_requests.get()
    request.due_on = date.today() - timedelta(days=1)
    request.save()
    assert applications.editable_steps(application) == frozenset()
    with pytest.raises(applications.ApplicationError, match="asked for this by"):
        applications.do_resubmit(application, actor=application.applicant)


def test_it_refuses_a_day_more_than_a_year_away(client, world):
    people, application = world
    response = ask(client, people, application, due_on="9999-12-31")
    assert response.status_code == 400
    assert "at most a year" in response.content.decode()
