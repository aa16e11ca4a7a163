import pytest

from tests.catalogue.factories import make_programme

pytestmark = pytest.mark.django_db


def test_it_finds_pioneer_from_the_home_page_search(client, demo):
    assert b'action="/search/"' in client.get("/").content
    html = client.get("/search/", {"q": "eGovernance"}).content.decode()
    assert "1 programme found" in html
    assert 'href="/programmes/pioneer/"' in html
    assert 'Public Policy <span class="count">(1)</span>' in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"q": "x" * 10_000}, "at most 200 are allowed"),
        ({"page": "99999999999"}, "page must be at most 500"),
        ({"page": "two"}, "page must be a whole number"),
        ({"degree": "Nonsense"}, "No programme has degree “Nonsense”"),
        ({"country": "XX"}, "No programme has country “XX”"),
    ],
)
def test_it_explains_bad_input_instead_of_failing(client, demo, query, message):
    response = client.get("/search/", query)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_it_says_when_a_page_is_past_the_last(client, demo):
    html = client.get("/search/", {"page": "7"}).content.decode()
    assert "There is no page 7: this search has 1 page(s)." in html
    assert "Go to the last page" in html


def test_it_pages_through_results_with_links(client, db):
    for number in range(25):
        make_programme(title=f"MSc Topic {number:02d}", index=False)
    from openadmit.catalogue.search.indexing import reindex

    reindex()
    html = client.get("/search/", {"sort": "title"}).content.decode()
    assert "25 programmes found · page 1 of 2" in html
    assert "MSc Topic 19" in html and "MSc Topic 20" not in html
    assert 'href="?sort=title&amp;page=2" rel="next"' in html
    assert "MSc Topic 24" in client.get("/search/", {"sort": "title", "page": "2"}).content.decode()
