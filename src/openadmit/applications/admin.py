from django.contrib import admin
from django.core.validators import MaxValueValidator

from openadmit.applications.models import (
    Application,
    FeeRule,
    RetentionPolicy,
    Submission,
)


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = [
        "public_id",
        "intake",
        "applicant",
        "status",
        "fee_status",
        "fee_amount",
        "decision",
    ]
    list_filter = ["status", "fee_status", "intake"]
    readonly_fields = [f.name for f in Application._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # Changes go through the service's actions, which write the audit trail.
        return False

    def has_delete_permission(self, request, obj=None):
        # Deletion goes through retention, which writes the audit row and removes the files.
        return False


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = ["reference", "application", "submitted_at", "outcome", "deadline_category"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # A submission is the record of what was sent; it goes only with its application.
        return False


# A century: retention counts days from an intake's start, and a longer period would
# carry the date past the calendar's end and stop every retention run.
MAX_RETENTION_DAYS = 36_500


@admin.register(RetentionPolicy)
class RetentionPolicyAdmin(admin.ModelAdmin):
    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "unsuccessful_after_days":
            field.max_value = MAX_RETENTION_DAYS
            field.widget.attrs["max"] = MAX_RETENTION_DAYS
            field.validators.append(MaxValueValidator(MAX_RETENTION_DAYS))
        return field


admin.site.register(FeeRule)
