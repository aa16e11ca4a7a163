from django.contrib import admin

from openadmit.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the trail is written by the actions alone and never changed."""

    list_display = ["at", "event", "actor", "target_type", "target_id", "programme_id"]
    list_filter = ["event"]
    search_fields = ["target_id", "event"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
