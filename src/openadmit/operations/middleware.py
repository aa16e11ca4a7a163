"""While the site is read-only, every change is refused with a page that says so."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve

from openadmit.core.views import service_unavailable
from openadmit.operations.service import site_mode

# Requests that change nothing an applicant or the staff made: signing in and out, the
# eligibility checks (a form posted for an answer), and the admin, where the switch is.
ALWAYS_OPEN_VIEWS = {
    "account_login",
    "account_logout",
    "selfcheck:programme",
    "selfcheck:where",
    "api:programme_eligibility",
    "api:where_eligible",
}
ALWAYS_OPEN_NAMESPACES = {"admin"}
SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}


def _always_open(request: HttpRequest) -> bool:
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return True
    return match.view_name in ALWAYS_OPEN_VIEWS or bool(
        ALWAYS_OPEN_NAMESPACES.intersection(match.namespaces)
    )


class ReadOnlyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in SAFE_METHODS or _always_open(request):
            return self.get_response(request)
        mode = site_mode()
        if not mode.read_only:
            return self.get_response(request)
        return service_unavailable(request, read_only_message=mode.message)
