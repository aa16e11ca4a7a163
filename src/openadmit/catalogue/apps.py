from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "openadmit.catalogue"
    label = "catalogue"

    def ready(self) -> None:
        from openadmit.audit.events import register_event_types
        from openadmit.catalogue.constants import CatalogueEvent

        register_event_types(CatalogueEvent)
