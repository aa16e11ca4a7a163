"""Running the site: its read-only switch and deadline extensions. Change them only through
`service.py`, which writes the audit trail."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from openadmit.catalogue.models import Intake


class SiteMode(models.Model):
    """The one row (pk 1) saying whether the site takes changes."""

    read_only = models.BooleanField(_("read-only"), default=False)
    message = models.CharField(
        _("message to visitors"),
        max_length=300,
        blank=True,
        help_text=_("Shown on every page while the site is read-only, e.g. when it will be back"),
    )
    changed_at = models.DateTimeField(_("changed at"), null=True, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("site mode")
        verbose_name_plural = _("site mode")

    def __str__(self) -> str:
        return str(_("read-only")) if self.read_only else str(_("taking changes"))


class DeadlineExtension(models.Model):
    """More time for everyone who had started an application before their deadline.

    Such an application may be submitted until `until`; its verdict is then taken at the
    deadline it missed, so an outage on deadline day costs no one their place.
    """

    intake = models.ForeignKey(
        Intake, verbose_name=_("intake"), on_delete=models.PROTECT, related_name="+"
    )
    category = models.CharField(
        _("deadline category"),
        max_length=60,
        blank=True,
        help_text=_("The requirement set's deadline category; empty for every category"),
    )
    until = models.DateTimeField(_("extended until"))
    reason = models.TextField(_("reason"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("deadline extension")
        verbose_name_plural = _("deadline extensions")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.intake} → {self.until:%Y-%m-%d %H:%M} UTC"
