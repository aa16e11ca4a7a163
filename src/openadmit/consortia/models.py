"""Consortia: universities that run programmes together (an Erasmus Mundus joint master).

A joint programme belongs to its consortium (``Programme.consortium``); the consortium's
members, coordinator first, are the programme's organisers on every page, and staff roles
can be granted on the whole consortium.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from openadmit.consortia.constants import MemberRole


class Consortium(models.Model):
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("consortium")
        verbose_name_plural = _("consortia")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def coordinator(self):
        member = next((m for m in self.members.all() if m.role == MemberRole.COORDINATOR), None)
        return member.institution if member else None


class ConsortiumMember(models.Model):
    consortium = models.ForeignKey(
        Consortium, verbose_name=_("consortium"), on_delete=models.CASCADE, related_name="members"
    )
    institution = models.ForeignKey(
        "catalogue.Institution",
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="consortium_memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=MemberRole.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("consortium member")
        verbose_name_plural = _("consortium members")
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(
                fields=["consortium", "institution"], name="consortium_member_unique"
            ),
            models.UniqueConstraint(
                fields=["consortium"],
                condition=models.Q(role="coordinator"),
                name="one_coordinator_per_consortium",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.institution} ({self.get_role_display()})"
