"""`/api/v1/applications/`: the applicant's own applications, submit and withdraw."""

import pytest

from openadmit.applications.models import Submission
from tests.applications.factories import complete_draft
from tests.personas import make_applicant

pytestmark = pytest.mark.django_db


@pytest.fixture
def ana_client(client):
    ana = make_applicant("ana@example.org")
    client.force_login(ana)
    client.ana = ana
    return client


def test_it_lists_my_applications_with_their_live_verdict(ana_client):
    application = complete_draft(ana_client.ana)
    [listed] = ana_client.get("/api/v1/applications/").json()
    assert listed["id"] == str(application.public_id)
    assert listed["status"] == "draft"
    assert listed["verdict"]["outcome"] == "eligible"
    assert listed["missing"] == []
    assert listed["fee_amount"] == "90.00" and listed["fee_status"] == "due"
    assert {d["kind"] for d in listed["documents"]} >= {"cv", "passport"}


def test_submitting_twice_gives_one_submission(ana_client):
    application = complete_draft(ana_client.ana)
    url = f"/api/v1/applications/{application.public_id}/submit"
    first = ana_client.post(url).json()
    second = ana_client.post(url).json()
    assert first["already_submitted"] is False and second["already_submitted"] is True
    assert first["reference"] == second["reference"]
    assert Submission.objects.count() == 1


def test_an_incomplete_submission_is_refused_with_reasons(ana_client):
    application = complete_draft(ana_client.ana, documents=False)
    response = ana_client.post(f"/api/v1/applications/{application.public_id}/submit")
    assert response.status_code == 409
    assert "Upload your Passport." in response.json()["reasons"]


def test_withdrawing_through_the_api(ana_client):
    application = complete_draft(ana_client.ana)
    url = f"/api/v1/applications/{application.public_id}"
    assert ana_client.post(f"{url}/withdraw").status_code == 409
    ana_client.post(f"{url}/submit")
    response = ana_client.post(f"{url}/withdraw")
    assert response.status_code == 200 and response.json()["status"] == "withdrawn"


def test_the_openapi_document_describes_the_applications_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/applications/{public_id}/submit" in paths
