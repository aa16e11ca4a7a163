"""How the staff API knows who calls: a bearer token of a staff member's machine client,
or a browser session that signed in with a second factor."""

from django.http import HttpRequest
from ninja.security import APIKeyCookie, HttpBearer

from openadmit.access.gate import signed_in_with_second_factor
from openadmit.access.policy import is_staff_member
from openadmit.access.service import authenticate_token

__all__ = ["STAFF_AUTH"]


class StaffToken(HttpBearer):
    """``Authorization: Bearer oa_...``: a token made on the office's API tokens page."""

    def authenticate(self, request: HttpRequest, token: str):
        user = authenticate_token(token)
        if user is None or not is_staff_member(user):
            return None
        request.user = user
        return user


class StaffSession(APIKeyCookie):
    """The office's own pages calling the API: the session cookie, with CSRF checked."""

    param_name = "sessionid"

    def authenticate(self, request: HttpRequest, key: str | None):
        user = request.user
        if not (user.is_authenticated and is_staff_member(user)):
            return None
        return user if signed_in_with_second_factor(request) else None


STAFF_AUTH = [StaffToken(), StaffSession()]
