from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "openadmit.applications"
    label = "applications"
    verbose_name = _("Applications")

    def ready(self) -> None:
        from openadmit.applications import data_rights
        from openadmit.applications.constants import ApplicationEvent
        from openadmit.audit.events import register_event_types

        data_rights.register()
        register_event_types(ApplicationEvent)
