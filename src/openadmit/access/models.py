"""Who works in the admissions office: roles granted on a programme, an institution or a
consortium; the university a staff member belongs to; API tokens for machine clients."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from openadmit.access.constants import Role, Scope


class StaffRole(models.Model):
    """One role of one person on exactly one of: a programme, an institution, a consortium.

    On an institution it covers the programmes the institution lists or helps run in a
    consortium; on a consortium, the consortium's programmes.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        on_delete=models.CASCADE,
        related_name="staff_roles",
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    programme = models.ForeignKey(
        "catalogue.Programme",
        verbose_name=_("programme"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    institution = models.ForeignKey(
        "catalogue.Institution",
        verbose_name=_("institution"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    consortium = models.ForeignKey(
        "consortia.Consortium",
        verbose_name=_("consortium"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("staff role")
        verbose_name_plural = _("staff roles")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(programme__isnull=False, institution__isnull=True, consortium__isnull=True)
                    | Q(programme__isnull=True, institution__isnull=False, consortium__isnull=True)
                    | Q(programme__isnull=True, institution__isnull=True, consortium__isnull=False)
                ),
                name="staff_role_has_one_scope",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "programme", "institution", "consortium"],
                name="staff_role_unique",
                nulls_distinct=False,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.scope_object}"

    @property
    def scope(self) -> Scope:
        if self.programme_id:
            return Scope.PROGRAMME
        return Scope.INSTITUTION if self.institution_id else Scope.CONSORTIUM

    @property
    def scope_object(self):
        return self.programme or self.institution or self.consortium


class StaffMember(models.Model):
    """The university a staff member works for: a reviewer from the university that awarded
    an applicant's degree is flagged as a likely conflict of interest."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="staff_member",
    )
    institution = models.ForeignKey(
        "catalogue.Institution",
        verbose_name=_("home institution"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff members")

    def __str__(self) -> str:
        return str(self.user)


class ApiToken(models.Model):
    """A bearer token for a staff member's machine client; only its hash is kept."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("first characters"), max_length=12)
    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
