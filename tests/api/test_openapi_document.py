"""What `/api/v1/openapi.json` promises a client: every answer a route gives, and the
limits behind the requests it refuses."""

import importlib
import pkgutil
from collections import Counter

import pytest
from pydantic import BaseModel

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(client):
    return client.get("/api/v1/openapi.json").json()


def answers(document, method: str, path: str) -> set[str]:
    return set(document["paths"][f"/api/v1{path}"][method]["responses"])


def parameter(document, path: str, name: str) -> dict:
    parameters = document["paths"][f"/api/v1{path}"]["get"]["parameters"]
    return next(p for p in parameters if p["name"] == name)["schema"]


def test_it_documents_the_refusals_of_an_applicants_routes(document):
    assert answers(document, "get", "/applications/") == {"200", "401", "422"}
    assert answers(document, "get", "/applications/{public_id}") == {"200", "401", "404", "422"}
    for action in ("submit", "withdraw"):
        assert answers(document, "post", f"/applications/{{public_id}}/{action}") == {
            "200", "401", "403", "404", "409", "422"
        }  # fmt: skip


def test_it_documents_the_refusals_of_the_public_routes(document):
    assert answers(document, "get", "/programmes") == {"200", "422"}
    assert answers(document, "get", "/programmes/{slug}") == {"200", "404", "422"}
    assert answers(document, "post", "/programmes/{slug}/eligibility") == {
        "200", "400", "404", "422"
    }  # fmt: skip
    problem = document["components"]["schemas"]["InvalidRequest"]
    assert problem["properties"]["detail"]["type"] == "array"


def test_it_documents_the_limits_of_paging_country_codes_and_filters(document):
    page = parameter(document, "/institutions", "page")
    assert (page["minimum"], page["maximum"]) == (1, 500)
    assert parameter(document, "/institutions", "country")["pattern"] == "^([A-Za-z]{2})?$"
    assert parameter(document, "/programmes", "per_page")["maximum"] == 100
    assert parameter(document, "/programmes", "q")["maxLength"] == 200
    assert parameter(document, "/programmes", "subject")["maxItems"] == 20
    assert parameter(document, "/programmes", "subject")["items"]["maxLength"] == 200
    where = document["paths"]["/api/v1/eligibility"]["post"]["parameters"]
    assert {"q", "subject", "country", "ects"} <= {p["name"] for p in where}


def test_it_gives_each_schema_a_name_of_its_own():
    """The document names schemas by class: two of one name would describe one of them
    with the other's fields."""
    import openadmit

    api_modules = ["openadmit.api.responses"] + [
        f"openadmit.{package.name}.api"
        for package in pkgutil.iter_modules(openadmit.__path__)
        if package.ispkg and importlib.util.find_spec(f"openadmit.{package.name}.api")
    ]
    names = Counter(
        name
        for module in api_modules
        for name, value in vars(importlib.import_module(module)).items()
        if isinstance(value, type) and issubclass(value, BaseModel) and value.__module__ == module
    )
    assert len(api_modules) >= 5
    assert [name for name, count in names.items() if count > 1] == []
