"""The work queue: what is left to do, found by filters, search and sorting, in pages."""

import pytest

from openadmit.office import service
from tests.office.factories import cast, submitted
from tests.personas import staff_login

pytestmark = pytest.mark.django_db

QUEUE = "/office/intakes/pioneer/2026-09/"


@pytest.fixture
def people():
    return cast()


@pytest.fixture
def three(people):
    kenyan = submitted(
        "wanjiru@example.org", nationalities=("KE",), first_name="Wanjiru", last_name="Kamau"
    )
    belgian = submitted(
        "lotte@example.org", nationalities=("BE",), first_name="Lotte", last_name="Peeters"
    )
    indian = submitted(
        "arjun@example.org", nationalities=("IN", "PT"), first_name="Arjun", last_name="Rao"
    )
    return kenyan, belgian, indian


def names(page) -> list[str]:
    return [row["name"] for row in page.context["rows"]]


def test_it_lists_submitted_files_with_counts_per_status(client, people, three):
    service.do_start_review(three[0], actor=people.officer)
    staff_login(client, people.officer)
    page = client.get(QUEUE)
    assert page.status_code == 200
    assert sorted(names(page)) == ["Arjun Rao", "Lotte Peeters", "Wanjiru Kamau"]
    tabs = {tab["label"]: tab["count"] for tab in page.context["tabs"]}
    assert tabs["All"] == 3 and tabs["Submitted"] == 2 and tabs["Under review"] == 1


def test_it_filters_by_nationality_deadline_category_and_status(client, people, three):
    staff_login(client, people.officer)
    assert names(client.get(QUEUE, {"nationality": "PT"})) == ["Arjun Rao"]
    # Any EEA nationality (Belgian; Indian and Portuguese) gives the EEA deadline.
    eea = client.get(QUEUE, {"deadline_category": "eea", "sort": "name"})
    assert names(eea) == ["Arjun Rao", "Lotte Peeters"]
    service.do_start_review(three[1], actor=people.officer)
    assert names(client.get(QUEUE, {"status": "under_review"})) == ["Lotte Peeters"]


def test_it_finds_a_file_by_name_reference_or_email(client, people, three):
    staff_login(client, people.officer)
    assert names(client.get(QUEUE, {"q": "kamau"})) == ["Wanjiru Kamau"]
    reference = three[2].submission.reference
    assert names(client.get(QUEUE, {"q": reference.lower()})) == ["Arjun Rao"]
    assert names(client.get(QUEUE, {"q": "lotte@example"})) == ["Lotte Peeters"]


def test_it_shows_which_files_nobody_has_opened(client, people, three):
    staff_login(client, people.officer)
    client.get(f"/office/applications/{three[0].public_id}/")
    unopened = names(client.get(QUEUE, {"unopened": "on"}))
    assert sorted(unopened) == ["Arjun Rao", "Lotte Peeters"]
    home = client.get("/office/").context["intakes"][0]
    assert (home.submitted, home.unopened, home.to_screen) == (3, 2, 3)


def test_it_sorts_by_name_and_by_submission(client, people, three):
    staff_login(client, people.officer)
    assert names(client.get(QUEUE, {"sort": "name"})) == [
        "Arjun Rao",
        "Lotte Peeters",
        "Wanjiru Kamau",
    ]
    assert names(client.get(QUEUE, {"sort": "-submitted"}))[0] == "Arjun Rao"


def test_it_pages_fifty_files_at_a_time(client, people):
    for n in range(52):
        submitted(f"person{n}@example.org", first_name="Person", last_name=f"{n:03d}")
    staff_login(client, people.officer)
    first = client.get(QUEUE, {"sort": "name"})
    assert len(names(first)) == 50 and first.context["page"].paginator.num_pages == 2
    second = client.get(QUEUE, {"sort": "name", "page": "2"})
    assert names(second) == ["Person 050", "Person 051"]


def test_it_names_a_bad_filter_and_lists_nothing(client, people, three):
    staff_login(client, people.officer)
    page = client.get(QUEUE, {"score_min": "80", "score_max": "20", "sort": "sideways"})
    assert page.status_code == 400
    text = page.content.decode()
    assert "There is a problem" in text
    assert "The upper score is below the lower one." in text
    assert 'href="#id_sort"' in text


def test_the_file_link_keeps_the_filters_for_the_way_back(client, people, three):
    staff_login(client, people.officer)
    page = client.get(QUEUE, {"nationality": "KE", "sort": "name"})
    link = page.context["rows"][0]["url"]
    file_page = client.get(link).content.decode()
    assert "nationality=KE&amp;sort=name" in file_page


def test_a_reviewer_sees_only_the_files_assigned_to_them(client, people, three):
    staff_login(client, people.reviewer)
    page = client.get(QUEUE)
    assert page.status_code == 200 and names(page) == []
