"""allauth's adapter, so that each account change writes its audit row in its transaction."""

from allauth.account.adapter import DefaultAccountAdapter
from django.db import transaction

from openadmit.accounts.constants import AccountEvent
from openadmit.audit.service import record_event


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        if not commit:
            return super().save_user(request, user, form, commit=False)
        with transaction.atomic():
            user = super().save_user(request, user, form, commit=True)
            record_event(AccountEvent.SIGNUP, actor=user, target=user)
        return user

    def confirm_email(self, request, email_address) -> bool:
        with transaction.atomic():
            verified = super().confirm_email(request, email_address)
            if verified:
                record_event(
                    AccountEvent.EMAIL_VERIFY,
                    actor=email_address.user,
                    target=email_address.user,
                )
        return verified

    def set_password(self, user, password: str) -> None:
        # Both "change password" and "reset password by e-mail" come through here.
        with transaction.atomic():
            super().set_password(user, password)
            record_event(AccountEvent.PASSWORD_CHANGE, actor=user, target=user)


def display_name(user) -> str:
    """How allauth's pages and mails name an account: by its e-mail address, never a username."""
    return user.email
