"""A request id on every request, its answer and every log line written while handling it.

The id comes from the `X-Request-ID` header that the reverse proxy sets (nginx passes on a
client's own, or makes one), or is made here; the answer carries it back, so that a person
reporting a problem can quote it and an operator can find every line of that request, the
worker's included (the outbox keeps the id of the request that wrote a message).
"""

import logging
import re
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

__all__ = ["RequestIdFilter", "RequestIdMiddleware", "current_request_id", "request_id_context"]

HEADER = "X-Request-ID"
# What a well-behaved proxy or client sends; anything else is replaced, never logged.
VALID_ID = re.compile(r"[A-Za-z0-9._:-]{8,128}")

_current: ContextVar[str] = ContextVar("openadmit_request_id", default="")
request_log = logging.getLogger("openadmit.requests")


def current_request_id() -> str:
    return _current.get()


@contextmanager
def request_id_context(request_id: str) -> Iterator[None]:
    token = _current.set(request_id)
    try:
        yield
    finally:
        _current.reset(token)


class RequestIdFilter(logging.Filter):
    """Gives every record a `request_id` (empty outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", ""):
            record.request_id = _current.get()
        return True


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get(HEADER, "")
        request_id = incoming if VALID_ID.fullmatch(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        started = time.perf_counter()
        with request_id_context(request_id):
            response = self.get_response(request)
            response[HEADER] = request_id
            request_log.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                },
            )
        return response
