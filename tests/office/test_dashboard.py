"""An intake's dashboard: the funnel, per day against deadlines, by country, by outcome,
drawn on the server with the numbers in tables."""

import pytest

from tests.office.factories import cast, submitted
from tests.personas import staff_login

pytestmark = pytest.mark.django_db

DASHBOARD = "/office/intakes/pioneer/2026-09/dashboard/"


def test_it_shows_the_funnel_and_countries_as_charts_and_tables(client):
    people = cast()
    submitted("wanjiru@example.org", nationalities=("KE",))
    submitted("achieng@example.org", nationalities=("KE",))
    submitted("lotte@example.org", nationalities=("BE",))
    staff_login(client, people.chair)
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    charts = {chart.title: dict(chart.rows) for chart in response.context["data"].charts}
    assert charts["From started to accepted"]["Submitted"] == 3
    assert charts["By nationality (the 15 most frequent)"] == {"Kenya": 2, "Belgium": 1}
    assert charts["By eligibility"]["Eligible"] == 3
    page = response.content.decode()
    # Drawn on the server: no script draws them.
    assert page.count("<svg") == 4 and "<script>" not in page
    assert "Deadlines: " in page


def test_a_reviewer_and_strangers_do_not_see_it(client):
    people = cast()
    staff_login(client, people.reviewer)
    assert client.get(DASHBOARD).status_code == 404
    staff_login(client, people.other_programme_officer)
    assert client.get(DASHBOARD).status_code == 404
