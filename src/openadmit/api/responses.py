"""The answers of the JSON API besides each route's own, declared once for every router.

Every route states all it can answer, so that `/api/v1/openapi.json` tells the truth (a
schemathesis run in the tests checks it). Declare a route's answers with `answers`:

    @router.get("/things/{slug}", response=answers(ThingOut, NOT_FOUND))
    @router.post("/things", response=answers(ThingOut, BODY, {409: Refusal}))

`answers(ok, *more)` is the success schema under 200, plus 422 (every route reads
parameters, which can be invalid: the body, the query, the NUL check of
`core.middleware`), plus each group in `more`:

- `BODY`: 400, a request body that is not JSON;
- `NOT_FOUND`: 404, what the path names does not exist (or is not yours to see);
- `SIGNED_IN`: 401 without a session or token the router's `auth` accepts;
- `CSRF`: 403, a request that changes something, under a session, without its CSRF
  token (`POST`, `PUT`, `PATCH`, `DELETE` routes whose `auth` takes a session cookie);
- a route's own (a 409 with its schema, say) as a `{status: schema}` mapping.

Constraints a route enforces belong in its parameters' types (`Field(le=...)`,
`pattern=...`, enums), not only in its code, so that they show in the document.
"""

from typing import Any

from ninja import Schema
from pydantic import ConfigDict


class Problem(Schema):
    """An error as a sentence."""

    detail: str


class InvalidParameter(Schema):
    """One invalid parameter: where it is (`["query", "page"]`, `["body", "payload", ...]`)
    and what is wrong with it."""

    model_config = ConfigDict(extra="allow")

    loc: list[str | int]
    msg: str
    type: str | None = None


class InvalidRequest(Schema):
    detail: list[InvalidParameter]


INVALID = {422: InvalidRequest}
BODY = {400: Problem}
NOT_FOUND = {404: Problem}
SIGNED_IN = {401: Problem}
CSRF = {403: Problem}


def answers(ok: Any, *more: dict[int, Any]) -> dict[int, Any]:
    """Ninja's `response=` mapping: `ok` under 200, 422, and each group of `more`."""
    responses: dict[int, Any] = {200: ok, **INVALID}
    for group in more:
        responses.update(group)
    return responses
