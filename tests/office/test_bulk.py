"""Bulk actions from the queue: a preview of what happens to each chosen file, then all
of it on confirmation, or none of it."""

import pytest

from openadmit.applications.constants import Status
from openadmit.audit.models import AuditEvent
from openadmit.office import service
from openadmit.office.constants import OfficeEvent
from tests.office.factories import cast, submitted
from tests.personas import staff_login

pytestmark = pytest.mark.django_db

BULK = "/office/intakes/pioneer/2026-09/bulk/"


@pytest.fixture
def world():
    people = cast()
    files = [submitted(f"p{n}@example.org", first_name="P", last_name=str(n)) for n in range(3)]
    return people, files


def test_it_previews_then_moves_every_chosen_file_to_review(client, world):
    people, files = world
    service.do_start_review(files[0], actor=people.officer)
    staff_login(client, people.officer)
    ids = [str(f.public_id) for f in files]
    preview = client.post(BULK, {"action": "start_review", "ids": ids})
    assert preview.status_code == 200
    text = preview.content.decode()
    assert "This applies to 2 of the files you chose." in text
    assert "Left as it is:" in text
    assert all(f.status == Status.SUBMITTED for f in files[1:])
    done = client.post(BULK, {"action": "start_review", "ids": ids, "confirm": "1"})
    assert done.status_code == 302
    for f in files:
        f.refresh_from_db()
        assert f.status == Status.UNDER_REVIEW
    assert AuditEvent.objects.filter(event=OfficeEvent.START_REVIEW).count() == 3


def test_a_bulk_message_needs_its_text_and_reaches_each_applicant(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    people, files = world
    staff_login(client, people.officer)
    ids = [str(f.public_id) for f in files]
    empty = client.post(BULK, {"action": "message", "ids": ids, "confirm": "1", "body": ""})
    assert empty.status_code == 400 and "Write the message to send." in empty.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            BULK,
            {"action": "message", "ids": ids, "confirm": "1", "body": "Interviews start soon."},
        )
    assert sorted(m.to[0] for m in mailoutbox) == [f"p{n}@example.org" for n in range(3)]


def test_a_failure_on_one_file_leaves_every_file_as_it_was(client, world, monkeypatch):
    people, files = world
    original = service.do_start_review

    def fail_on_the_last(application, *, actor):
        if application.pk == files[-1].pk:
            raise RuntimeError("the database went away")
        return original(application, actor=actor)

    from openadmit.office import bulk

    monkeypatch.setitem(
        bulk._actions,
        "start_review",
        bulk._actions["start_review"].__class__(
            **{
                **bulk._actions["start_review"].__dict__,
                "perform": lambda a, u, d: fail_on_the_last(a, actor=u),
            }
        ),
    )
    staff_login(client, people.officer)
    with pytest.raises(RuntimeError):
        client.post(
            BULK,
            {"action": "start_review", "ids": [str(f.public_id) for f in files], "confirm": "1"},
        )
    for f in files:
        f.refresh_from_db()
        assert f.status == Status.SUBMITTED
    assert not AuditEvent.objects.filter(event=OfficeEvent.START_REVIEW).exists()


def test_a_partner_viewer_has_no_bulk_actions(client, world):
    people, files = world
    staff_login(client, people.partner_viewer)
    assert client.get("/office/intakes/pioneer/2026-09/").context["bulk_actions"] == []
    response = client.post(
        BULK, {"action": "start_review", "ids": [str(files[0].public_id)], "confirm": "1"}
    )
    assert response.status_code == 302
    files[0].refresh_from_db()
    assert files[0].status == Status.SUBMITTED
