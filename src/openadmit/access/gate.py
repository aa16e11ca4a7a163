"""The door to the office: signed in, a staff role, and a second factor in this session.

A staff account without a second factor is sent to set one up (TOTP, with recovery
codes) before it sees any application; a session that signed in with the password alone
(say, before the second factor was added) is asked for a code again.
"""

from functools import wraps

from allauth.account.internal.flows.login import get_authentication_records, record_authentication
from allauth.mfa.signals import authenticator_added
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.dispatch import receiver
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from openadmit.access.policy import is_staff_member

__all__ = ["signed_in_with_second_factor", "staff_page"]


def signed_in_with_second_factor(request) -> bool:
    return any(
        record.get("method") == "mfa"
        for record in get_authentication_records(request, request.user)
    )


@receiver(authenticator_added)
def _count_setup_as_second_factor(sender, request, user, authenticator, **kwargs) -> None:
    # Activating TOTP proves a code from the new authenticator: it is this session's second
    # factor, so a staff member is not asked for another code right after setting it up.
    record_authentication(request, user, "mfa", type=authenticator.type, activated=True)


def staff_page(view):
    @wraps(view)
    def gated(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_staff_member(user):
            return render(request, "access/not_staff.html", status=403)
        if not is_mfa_enabled(user):
            messages.info(
                request,
                _(
                    "Staff accounts need two-factor authentication. Set it up with an "
                    "authenticator app, then you will be taken to the office."
                ),
            )
            return redirect(f"{reverse('mfa_activate_totp')}?next={request.get_full_path()}")
        if not signed_in_with_second_factor(request):
            return redirect(f"{reverse('mfa_reauthenticate')}?next={request.get_full_path()}")
        return view(request, *args, **kwargs)

    return gated
