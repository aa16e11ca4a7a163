from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfficeConfig(AppConfig):
    name = "openadmit.office"
    label = "office"
    verbose_name = _("Admissions office")

    def ready(self) -> None:
        from openadmit.audit.events import register_event_types
        from openadmit.audit.service import listen
        from openadmit.office.constants import OfficeEvent
        from openadmit.office.queue import refresh_on_event

        register_event_types(OfficeEvent)
        listen(refresh_on_event)
