from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "openadmit.core"
    label = "core"
