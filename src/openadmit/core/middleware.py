"""Refusing requests that no part of the product can store."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from openadmit.core.views import not_found

NUL = "\x00"


def _parameter_with_nul(request: HttpRequest) -> str | None:
    for params in (request.GET, request.POST):
        for name, values in params.lists():
            if NUL in name or any(NUL in value for value in values):
                return name.replace(NUL, "")
    return None


class RejectNulCharactersMiddleware:
    """PostgreSQL cannot hold a NUL character in text, and no person types one.

    A request carrying one in a query or form parameter is refused here, naming the
    parameter, instead of failing deep inside a query with a server error; an address
    with one names no page.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if NUL in request.path_info:
            return not_found(request)
        name = _parameter_with_nul(request)
        if name is None:
            return self.get_response(request)
        message = _("The value of “%(name)s” contains a NUL character, which is not allowed.") % {
            "name": name
        }
        if request.path.startswith("/api/"):
            return JsonResponse(
                {
                    "detail": [
                        {"loc": ["query" if name in request.GET else "form", name], "msg": message}
                    ]
                },
                status=422,
            )
        return render(request, "core/400.html", {"message": message}, status=400)
