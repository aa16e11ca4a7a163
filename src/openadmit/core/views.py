import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from openadmit.core.health import check_all

# Errors that mean "a service is away for a moment", not "this request is wrong": the
# database refusing or dropping the connection, or a lock or deadlock it gave up on.
UNAVAILABLE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def _wants_json(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _wants_json(request):
        return JsonResponse({"detail": "Not found."}, status=404)
    return render(request, "core/404.html", status=404)


# Requests that only read: whatever failed, they were not sending anything to save.
READING_METHODS = {"GET", "HEAD", "OPTIONS"}


def server_error(request: HttpRequest) -> HttpResponse:
    """The error page says only what is known: after a failed form post, whether its
    answers were saved is not known (the failure may have come before or after the save)."""
    if isinstance(sys.exc_info()[1], UNAVAILABLE_ERRORS):
        return service_unavailable(request)
    if _wants_json(request):
        return JsonResponse({"detail": "Server error."}, status=500)
    sent = request.method not in READING_METHODS
    return render(request, "core/500.html", {"sent": sent}, status=500)


def service_unavailable(
    request: HttpRequest, *, read_only_message: str | None = None
) -> HttpResponse:
    """503 with a page saying what happened to the request and when to try again.

    Rendered without the request's context processors, which read the session and the
    account from the database that may be the very thing that is away.
    """
    read_only = read_only_message is not None
    if _wants_json(request):
        detail = (
            _("The site is read-only for maintenance; nothing was changed. Try again later.")
            if read_only
            else _("The service is briefly unavailable. Try again shortly.")
        )
        response = JsonResponse({"detail": detail}, status=503)
    else:
        body = render_to_string(
            "core/503.html",
            {
                "read_only": read_only,
                "message": read_only_message or "",
                "sent": request.method not in READING_METHODS,
                "request_id": getattr(request, "request_id", ""),
            },
        )
        response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def livez(request: HttpRequest) -> HttpResponse:
    """The process answers: nothing else is asked (restart it when this fails)."""
    return HttpResponse("ok", content_type="text/plain")


@never_cache
def readyz(request: HttpRequest) -> HttpResponse:
    """Whether this process can serve: 503 without the database, which every page needs;
    200 "degraded" when only the cache or the broker is away, since the site still works
    without them (misses, and mail waiting in the outbox) and every process shares them."""
    checks = check_all()
    if not checks["database"]:
        status, code = "unavailable", 503
    elif all(checks.values()):
        status, code = "ready", 200
    else:
        status, code = "degraded", 200
    return JsonResponse(
        {
            "status": status,
            "checks": {k: "ok" if ok else "unavailable" for k, ok in checks.items()},
        },
        status=code,
    )
