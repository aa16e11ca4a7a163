from django.db import models
from django.utils.translation import gettext_lazy as _


class AccountEvent(models.TextChoices):
    """The audit events an account writes, named like every other audit event."""

    SIGNUP = "account:signup", _("Account created")
    EMAIL_VERIFY = "account:email:verify", _("E-mail address verified")
    PASSWORD_CHANGE = "account:password:change", _("Password changed")
    EXPORT = "account:export", _("Personal data downloaded")
    DELETE = "account:delete", _("Account deleted")
