from django.db import models
from django.utils.translation import gettext_lazy as _


class OperationsEvent(models.TextChoices):
    """The audit events of running the site, named like every other audit event."""

    READ_ONLY_ON = "site:read-only:on", _("Site switched to read-only")
    READ_ONLY_OFF = "site:read-only:off", _("Site switched back to normal")
    DEADLINE_EXTEND = "intake:deadline:extend", _("Deadline extended")
