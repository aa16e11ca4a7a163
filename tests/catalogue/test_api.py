import pytest

from openadmit.eligibility.programme_files import requirement_file
from openadmit.eligibility.requirement_set import load_requirement_set
from tests.catalogue.factories import make_programme

pytestmark = pytest.mark.django_db


def test_it_serves_the_catalogue_to_anonymous_readers(client, demo):
    # The catalogue is open data: every read endpoint answers without signing in.
    for path in [
        "/api/v1/programmes",
        "/api/v1/programmes/pioneer",
        "/api/v1/institutions",
        "/api/v1/institutions/ku-leuven",
        "/api/v1/openapi.json",
    ]:
        assert client.get(path).status_code == 200, path


def test_it_searches_programmes_with_the_page_filters(client, demo):
    make_programme(title="MSc Astrophysics")
    body = client.get("/api/v1/programmes", {"q": "eGovernance", "country": "BE"}).json()
    assert body["total"] == 1
    assert [item["slug"] for item in body["items"]] == ["pioneer"]
    assert body["items"][0]["institution"]["slug"] == "ku-leuven"
    assert body["items"][0]["url"] == "/programmes/pioneer/"
    assert {v["value"]: v["count"] for v in body["facets"]["country"]} == {"BE": 1}
    everything = client.get(
        "/api/v1/programmes", {"sort": "title", "per_page": 1, "page": 2}
    ).json()
    assert (everything["total"], everything["pages"], everything["items"][0]["title"]) == (
        2,
        2,
        "MSc Astrophysics",
    )


def test_it_gives_one_programme_with_all_its_facts_and_rules(client, demo):
    body = client.get("/api/v1/programmes/pioneer").json()
    assert body["short_name"] == "PIONEER"
    assert body["application_fee"] == {"amount": "90.00", "currency": "EUR", "refundable": False}
    assert [o["institution"]["slug"] for o in body["organisers"]] == [
        "ku-leuven",
        "university-of-munster",
        "taltech",
    ]
    assert body["scholarships"][0]["monthly_amount"] == "1400.00"
    assert len(body["mobility"]) == 4
    [intake] = body["intakes"]
    rules = load_requirement_set(requirement_file("pioneer", "2026-09"))
    assert intake["requirement_set"]["sha256"] == rules.sha256
    assert intake["requirement_set"]["document"] == rules.document()
    assert intake["last_deadline"].startswith("2026-08-31T21:59:59")


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ({"page": "abc"}, "page"),
        ({"page": "0"}, "page"),
        ({"page": "9"}, "page"),
        ({"per_page": "5000"}, "per_page"),
        ({"degree": "Nope"}, "degree"),
        ({"ects": "many"}, "ects"),
        ({"sort": "random"}, "sort"),
        ({"q": "x" * 10_000}, "q"),
    ],
)
def test_it_answers_invalid_parameters_with_422_naming_them(client, demo, query, name):
    response = client.get("/api/v1/programmes", query)
    assert response.status_code == 422
    assert name in [part for problem in response.json()["detail"] for part in problem["loc"]]


def test_it_answers_unknown_slugs_with_404_json(client, db):
    for path in ["/api/v1/programmes/nope", "/api/v1/institutions/nope"]:
        response = client.get(path)
        assert response.status_code == 404
        assert response.json()["detail"]


def test_it_lists_institutions_by_country(client, demo):
    body = client.get("/api/v1/institutions", {"country": "be"}).json()
    assert "ku-leuven" in [i["slug"] for i in body["items"]]
    assert all(i["country"] == "BE" for i in body["items"])
    assert client.get("/api/v1/institutions", {"country": "Belgium"}).status_code == 422


def test_it_documents_the_catalogue_in_openapi(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/programmes", "/api/v1/programmes/{slug}", "/api/v1/institutions"} <= set(paths)
    parameters = {p["name"] for p in paths["/api/v1/programmes"]["get"]["parameters"]}
    assert {"q", "subject", "degree", "country", "open", "page", "sort"} <= parameters


@pytest.mark.parametrize("path", ["/api/v1/programmes", "/api/v1/institutions"])
@pytest.mark.parametrize(
    ("query", "name"),
    [
        ({"page": "100000000000000000000000"}, "page"),
        ({"page": "9" * 5000}, "page"),
        ({"page": "-1"}, "page"),
        ({"per_page": "100000000000000000000000"}, "per_page"),
        ({"per_page": "0"}, "per_page"),
    ],
)
def test_it_answers_absurd_paging_on_every_list_with_422_naming_it(client, demo, path, query, name):
    response = client.get(path, query)
    assert response.status_code == 422
    assert name in [part for problem in response.json()["detail"] for part in problem["loc"]]


def test_it_pages_institutions_and_names_a_page_past_the_last(client, demo):
    first = client.get("/api/v1/institutions", {"per_page": 1}).json()
    assert (first["page"], first["per_page"], len(first["items"])) == (1, 1, 1)
    assert first["pages"] == first["total"] >= 3
    last = client.get("/api/v1/institutions", {"per_page": 1, "page": first["pages"]}).json()
    assert len(last["items"]) == 1 and last["items"] != first["items"]
    past = client.get("/api/v1/institutions", {"per_page": 1, "page": first["pages"] + 1})
    assert past.status_code == 422
    assert ["query", "page"] in [problem["loc"] for problem in past.json()["detail"]]
    # A country with no institution is one empty page, not an error.
    none = client.get("/api/v1/institutions", {"country": "IS"}).json()
    assert (none["total"], none["pages"], none["items"]) == (0, 1, [])
