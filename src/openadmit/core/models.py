"""The outbox: every e-mail, written in the transaction of the change it reports."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    """One e-mail to deliver; the task worker sends it, the relay re-queues it if need be.

    `claimed_until` is a lease: a worker that claims a message has it alone until then, so
    that a message queued twice is sent once, and a worker killed while sending lets
    another one try after the lease.
    """

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    request_id = models.CharField(_("request id"), max_length=128, blank=True)
    email = models.JSONField(_("e-mail"))
    # When the relay queues it (again) if it is still unsent by then.
    due_at = models.DateTimeField(_("due again at"))
    claimed_until = models.DateTimeField(_("claimed until"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("delivery attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(
                fields=["due_at"],
                condition=models.Q(sent_at__isnull=True),
                name="core_outbox_pending",
            )
        ]

    def __str__(self) -> str:
        return f"{self.email.get('subject', '')} → {', '.join(self.email.get('to', []))}"
