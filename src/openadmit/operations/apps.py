from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    name = "openadmit.operations"
    label = "operations"
    verbose_name = _("Operations")

    def ready(self) -> None:
        from openadmit.audit.events import register_event_types
        from openadmit.operations.constants import OperationsEvent

        register_event_types(OperationsEvent)
