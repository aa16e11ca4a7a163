"""The audit trail: one row per change of state, and per read of personal files.

Rows are only ever added. The application cannot change or delete one: saving an
existing row, deleting a row and bulk updates or deletes through the ORM raise
``AuditTrailIsAppendOnly``; the admin shows them read-only. Each row is scoped to the
application, programme and institution it concerns (plain ids, so that deleting an
application under its retention period leaves its trail whole).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditTrailIsAppendOnly(Exception):
    pass


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AuditTrailIsAppendOnly("audit events cannot be changed")

    def delete(self):
        raise AuditTrailIsAppendOnly("audit events cannot be deleted")

    def scoped_to_programmes(self, programme_ids):
        return self.filter(programme_id__in=programme_ids)


class AuditEvent(models.Model):
    """One change of state (or read of a file), written in the transaction that makes it."""

    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        # An erased account loses its link; the row and what it says stay.
        on_delete=models.SET_NULL,
        related_name="+",
    )
    event = models.CharField(_("event"), max_length=80, db_index=True)
    target_type = models.CharField(_("target type"), max_length=80)
    target_id = models.CharField(_("target id"), max_length=64)
    application_id = models.BigIntegerField(_("application"), null=True, db_index=True)
    programme_id = models.BigIntegerField(_("programme"), null=True, db_index=True)
    institution_id = models.BigIntegerField(_("institution"), null=True, db_index=True)
    payload = models.JSONField(_("payload"), default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [models.Index(fields=["target_type", "target_id"])]
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.event} {self.target_type}:{self.target_id}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AuditTrailIsAppendOnly("audit events cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditTrailIsAppendOnly("audit events cannot be deleted")

    @property
    def label(self) -> str:
        from openadmit.audit.events import event_label

        return event_label(self.event)
