"""The Django admin shows applications and submissions but cannot delete them: deletion
goes through retention and the do_* actions, which write audit rows and clear storage."""

import pytest

from openadmit.applications import service
from openadmit.applications.models import Application, RetentionPolicy, Submission
from tests.applications.conftest import stored_files
from tests.applications.factories import complete_draft
from tests.catalogue.factories import make_institution
from tests.personas import make_applicant, make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client):
    client.force_login(make_person("root@university.example", is_staff=True, is_superuser=True))
    return client


def test_it_refuses_the_admin_delete_of_applications_and_submissions(superuser_client, media_root):
    application = complete_draft(make_applicant("ana@example.org"))
    submission = service.do_submit(application, actor=application.applicant).submission
    files = stored_files(media_root)
    for url in (
        f"/admin/applications/application/{application.pk}/delete/",
        f"/admin/applications/submission/{submission.pk}/delete/",
    ):
        assert superuser_client.get(url).status_code == 403, url
        assert superuser_client.post(url, {"post": "yes"}).status_code == 403, url
    for url, pk in (
        ("/admin/applications/application/", application.pk),
        ("/admin/applications/submission/", submission.pk),
    ):
        superuser_client.post(
            url, {"action": "delete_selected", "_selected_action": [pk], "post": "yes"}
        )
    assert Application.objects.filter(pk=application.pk).exists()
    assert Submission.objects.filter(pk=submission.pk).exists()
    assert stored_files(media_root) == files


def test_it_refuses_a_retention_period_past_the_calendars_end(superuser_client):
    institution = make_institution()
    response = superuser_client.post(
        "/admin/applications/retentionpolicy/add/",
        {"institution": institution.pk, "unsuccessful_after_days": 3_000_000},
    )
    assert response.status_code == 200
    assert "less than or equal to 36500" in response.content.decode()
    assert not RetentionPolicy.objects.exists()
