"""Referees on the Experience step: optional, up to two, each a name and an address; kept in
the sealed answers, shown to the applicant and the office, and read for conflicts."""

import pytest

from openadmit.applications import service as applications
from openadmit.applications.constants import Step
from openadmit.applications.models import Application
from tests.applications.factories import complete_draft, pioneer_intake
from tests.applications.form_posts import STEP_POSTS
from tests.office.factories import cast
from tests.personas import make_applicant, staff_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(client):
    ana = make_applicant("ana@example.org")
    client.force_login(ana)
    pioneer_intake()
    client.post("/programmes/pioneer/2026-09/apply/")
    return Application.objects.get(applicant=ana)


def experience(**referees) -> dict:
    return STEP_POSTS["experience"] | referees


def test_an_applicant_names_two_referees_and_sees_them_before_submitting(client, draft):
    url = f"/applications/{draft.public_id}/steps/experience/"
    response = client.post(
        url,
        experience(
            referee_1_name="Prof. Kadri Tamm",
            referee_1_email="Kadri@TalTech.example",
            referee_2_name="Dr Jonas Weber",
            referee_2_email="jonas@uni-muenster.example",
        ),
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.referees == [
        {"name": "Prof. Kadri Tamm", "email": "kadri@taltech.example"},
        {"name": "Dr Jonas Weber", "email": "jonas@uni-muenster.example"},
    ]
    assert 'value="Prof. Kadri Tamm"' in client.get(url).content.decode()
    review = client.get(f"/applications/{draft.public_id}/review/").content.decode()
    assert "Prof. Kadri Tamm (kadri@taltech.example)" in review


def test_a_referee_needs_both_a_name_and_an_address(client, draft):
    url = f"/applications/{draft.public_id}/steps/experience/"
    only_name = client.post(url, experience(referee_1_name="Prof. Tamm")).content.decode()
    assert "Give the referee&#x27;s e-mail address too." in only_name
    only_email = client.post(url, experience(referee_2_email="x@example.org")).content.decode()
    assert "Give the referee&#x27;s name too." in only_email
    bad = client.post(url, experience(referee_1_name="A", referee_1_email="not-an-address"))
    assert "Enter a valid email address." in bad.content.decode()
    draft.refresh_from_db()
    assert draft.referees == [] and "experience" not in draft.saved_steps


def test_no_referee_is_fine_and_clearing_them_removes_them(client, draft):
    url = f"/applications/{draft.public_id}/steps/experience/"
    client.post(url, experience(referee_1_name="A B", referee_1_email="a@example.org"))
    assert client.post(url, experience()).status_code == 302
    draft.refresh_from_db()
    assert draft.referees == [] and "experience" in draft.saved_steps


def test_the_office_sees_the_referees_as_sent(client):
    people = cast()
    applicant = make_applicant("bea@example.org")
    application = complete_draft(applicant)
    applications.do_save_step(
        application,
        Step.EXPERIENCE,
        {
            "relevant_experience_months": 12,
            "experience_summary": "",
            "referees": [{"name": "Prof. Kadri Tamm", "email": "kadri@taltech.example"}],
        },
        actor=applicant,
    )
    applications.do_submit(application, actor=applicant)
    assert application.submission.answers["referees"][0]["name"] == "Prof. Kadri Tamm"
    staff_login(client, people.officer)
    page = client.get(f"/office/applications/{application.public_id}/").content.decode()
    assert "Prof. Kadri Tamm (kadri@taltech.example)" in page
