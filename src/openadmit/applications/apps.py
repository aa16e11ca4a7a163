from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "openadmit.applications"
    label = "applications"
    verbose_name = _("Applications")

    def ready(self) -> None:
        from openadmit.applications import data_rights

        data_rights.register()
