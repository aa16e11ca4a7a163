"""django-axes glue: which login a failed attempt counts against, and the lockout page."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse


def login_of(request: HttpRequest, credentials: dict | None) -> str:
    """The e-mail address tried, however the sign-in form or backend named it."""
    credentials = credentials or {}
    login = (
        credentials.get("email")
        or credentials.get("username")
        or credentials.get("login")
        or request.POST.get("login", "")
    )
    return str(login).strip().lower()


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict | None
) -> HttpResponse:
    minutes = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    response = TemplateResponse(
        request,
        "account/lockout.html",
        {"minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT},
        status=429,
    )
    return response.render()
