from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "openadmit.catalogue"
    label = "catalogue"
