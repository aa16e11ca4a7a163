"""The OpenAPI document tells the truth: schemathesis generates requests from
`/api/v1/openapi.json`, valid and invalid, signed out and signed in as an applicant with a
draft: every answer must be documented (status, content type, headers, schema), none a
server error, and every request the document calls invalid must be refused. (A request
the document allows may still be refused, naming the field: a filter value no programme
has, a page past the last, a score off its test's scale.)"""

from collections import Counter
from dataclasses import dataclass, field

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.utils.crypto import get_random_string
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    negative_data_rejection,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from openadmit.catalogue.service import load_demo_when_empty
from tests.applications.factories import complete_draft
from tests.personas import make_applicant

# About 30 seconds a database on this machine: it runs in the PostgreSQL pass too.
pytestmark = pytest.mark.django_db

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
    negative_data_rejection,
]
# Generated requests per operation, identity and kind of data; with the requests on known
# programmes, intakes and applications this makes about 1,700 requests.
EXAMPLES = 30
# Path parameters naming what the demo has, besides generated ones.
KNOWN = {"slug": "pioneer", "programme": "pioneer", "intake": "2026-09"}
# Django's CSRF check compares the cookie with the header: a fixed secret for the run.
CSRF_SECRET = get_random_string(32)


@pytest.fixture
def schema(settings, tmp_path):
    """The API's document, its requests served in-process inside the test's transaction
    (as Django's test client does, the connection stays open between requests)."""
    settings.MEDIA_ROOT = tmp_path / "uploads"
    load_demo_when_empty()
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def signed_in(client, schema):
    """An applicant's session and CSRF token, and a draft the API can read and submit."""
    ana = make_applicant("ana@example.org")
    draft = complete_draft(ana)
    client.force_login(ana)
    cookies = {"sessionid": client.cookies["sessionid"].value, "csrftoken": CSRF_SECRET}
    return Identity({"X-CSRFToken": CSRF_SECRET}, cookies), str(draft.public_id)


@dataclass(frozen=True)
class Identity:
    headers: dict[str, str] = field(default_factory=dict)
    cookies: dict[str, str] = field(default_factory=dict)


def run_operations(schema, identity: Identity, known: dict[str, str]) -> Counter:
    """Every operation with generated valid and invalid data, and valid data on the known
    programme or application; returns the count of answers by operation and status."""
    statuses: Counter = Counter()
    for result in schema.get_all_operations():
        operation = result.ok()
        names = {p.name for p in operation.path_parameters}
        strategies = [
            (GenerationMode.POSITIVE, operation.as_strategy(GenerationMode.POSITIVE)),
            (GenerationMode.NEGATIVE, operation.as_strategy(GenerationMode.NEGATIVE)),
        ]
        if names and names <= set(known):
            fixed = {name: known[name] for name in names}
            strategies.append(
                (
                    GenerationMode.POSITIVE,
                    operation.as_strategy(GenerationMode.POSITIVE, path_parameters=fixed),
                )
            )
        for mode, strategy in strategies:

            @settings(
                max_examples=EXAMPLES,
                deadline=None,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            @given(case=strategy)
            def call(case):
                response = case.call(headers=identity.headers, cookies=identity.cookies)
                statuses[case.operation.label, response.status_code] += 1
                case.validate_response(response, checks=CHECKS, headers=identity.headers)

            try:
                call()
            except Unsatisfiable:
                # Nothing the document constrains (any text is a slug): no invalid request.
                if mode is not GenerationMode.NEGATIVE:
                    raise
    return statuses


def test_it_answers_signed_out_requests_as_documented(schema):
    statuses = run_operations(schema, Identity(), {**KNOWN, "public_id": "0" * 32})
    report("signed out", statuses)
    assert sum(statuses.values()) >= 500
    assert statuses["GET /api/v1/applications/", 401] > 0


def test_it_answers_an_applicants_requests_as_documented(schema, signed_in):
    identity, draft = signed_in
    # The session is the applicant's: no generated (or left out) session cookie.
    schema.config.generation.update(with_security_parameters=False)
    statuses = run_operations(schema, identity, {**KNOWN, "public_id": draft})
    report("signed in", statuses)
    assert sum(statuses.values()) >= 500
    own = {s: n for (label, s), n in statuses.items() if "/api/v1/applications/" in label}
    assert own.get(200) and not own.get(401) and not own.get(403), own


def report(who: str, statuses: Counter) -> None:
    by_status = Counter()
    for (_, status), count in statuses.items():
        by_status[status] += count
    print(f"{who}: {sum(by_status.values())} requests, by status {dict(sorted(by_status.items()))}")
