from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "openadmit.audit"
    label = "audit"
