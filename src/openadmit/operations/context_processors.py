from django.http import HttpRequest

from openadmit.operations.service import site_mode


def site_mode_context(request: HttpRequest) -> dict:
    """`site_mode`, for the banner every page shows while the site is read-only."""
    return {"site_mode": site_mode()}
