from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessConfig(AppConfig):
    name = "openadmit.access"
    label = "access"
    verbose_name = _("Staff roles and access")

    def ready(self) -> None:
        # Connects the receiver that counts a TOTP set-up as the session's second factor.
        from openadmit.access import gate  # noqa: F401
        from openadmit.access.constants import AccessEvent
        from openadmit.audit.events import register_event_types

        register_event_types(AccessEvent)
