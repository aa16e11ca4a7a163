"""The administrator's switches: each save goes through the service, which audits it."""

from django import forms
from django.contrib import admin

from openadmit.operations.models import DeadlineExtension, SiteMode
from openadmit.operations.service import (
    OperationsError,
    check_extension,
    do_extend_deadline,
    do_set_read_only,
)


class DeadlineExtensionForm(forms.ModelForm):
    class Meta:
        model = DeadlineExtension
        fields = ["intake", "category", "until", "reason"]

    def clean(self):
        data = super().clean()
        if not self.errors:
            try:
                check_extension(
                    data["intake"], data["until"], reason=data["reason"], category=data["category"]
                )
            except OperationsError as error:
                raise forms.ValidationError(str(error)) from None
        return data


@admin.register(SiteMode)
class SiteModeAdmin(admin.ModelAdmin):
    fields = ["read_only", "message", "changed_at", "changed_by"]
    readonly_fields = ["changed_at", "changed_by"]
    list_display = ["__str__", "message", "changed_at", "changed_by"]

    def has_add_permission(self, request):
        return not SiteMode.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        saved = do_set_read_only(obj.read_only, actor=request.user, message=obj.message)
        obj.pk = saved.pk


@admin.register(DeadlineExtension)
class DeadlineExtensionAdmin(admin.ModelAdmin):
    form = DeadlineExtensionForm
    list_display = ["intake", "category", "until", "created_by", "created_at"]
    list_filter = ["intake"]

    def has_change_permission(self, request, obj=None):
        # An extension stands as made; a further one is a new, audited extension.
        return obj is None

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        saved = do_extend_deadline(
            obj.intake, obj.until, reason=obj.reason, actor=request.user, category=obj.category
        )
        obj.pk = saved.pk
