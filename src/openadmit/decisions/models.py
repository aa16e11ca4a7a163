"""Decisions on applications, each a row with its history; the conditions of a conditional
admission; the committee's sessions; and contests of a decision by the applicant.

A new decision supersedes the previous one (``supersedes``), never overwrites it. The
application's ``status`` and ``decision`` mirror the current decision, written by
``service.do_decide`` alone.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from openadmit.applications.constants import Decision
from openadmit.applications.models import Application
from openadmit.audit.service import AuditScope
from openadmit.catalogue.models import Intake
from openadmit.decisions.constants import DEFAULT_APPEAL_DAYS, ConditionStatus, ContestOutcome


class DecisionSession(models.Model):
    """A meeting of the committee: who took part; the decisions it approved point to it."""

    intake = models.ForeignKey(
        Intake, verbose_name=_("intake"), on_delete=models.PROTECT, related_name="+"
    )
    held_on = models.DateField(_("held on"))
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("who took part"), related_name="+"
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("decision session")
        verbose_name_plural = _("decision sessions")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.intake} · {self.held_on}"

    def audit_scope(self) -> AuditScope:
        return self.intake.audit_scope()


class DecisionRecord(models.Model):
    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="decision_records",
    )
    decision = models.CharField(_("decision"), max_length=30, choices=Decision.choices)
    reserve_position = models.PositiveIntegerField(
        _("place on the reserve list"), null=True, blank=True
    )
    reason = models.CharField(
        _("reason"), max_length=80, blank=True, help_text=_("category.reason, for not admitted")
    )
    feedback = models.TextField(_("feedback for the applicant"), blank=True)
    change_reason = models.TextField(
        _("why this differs from the proposal or replaces a decision"), blank=True
    )
    session = models.ForeignKey(
        DecisionSession,
        verbose_name=_("session"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"))
    supersedes = models.OneToOneField(
        "self",
        verbose_name=_("replaces"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
    )
    current = models.BooleanField(_("current"), default=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["decided_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application"],
                condition=models.Q(current=True),
                name="one_current_decision_per_application",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application} · {self.get_decision_display()}"

    def audit_scope(self) -> AuditScope:
        return self.application.audit_scope()


class Condition(models.Model):
    """A condition of a conditional admission, e.g. "diploma by 1 September"."""

    decision = models.ForeignKey(
        DecisionRecord,
        verbose_name=_("decision"),
        on_delete=models.CASCADE,
        related_name="conditions",
    )
    text = models.CharField(_("condition"), max_length=300)
    due_on = models.DateField(_("to be met by"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ConditionStatus.choices,
        default=ConditionStatus.PENDING,
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("condition")
        verbose_name_plural = _("conditions")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.text

    def audit_scope(self) -> AuditScope:
        return self.decision.application.audit_scope()


class Contest(models.Model):
    """The applicant contests a decision within the window; another staff member answers."""

    decision = models.OneToOneField(
        DecisionRecord,
        verbose_name=_("decision contested"),
        on_delete=models.CASCADE,
        related_name="contest",
    )
    text = models.TextField(_("why the applicant contests it"))
    submitted_at = models.DateTimeField(_("contested at"), auto_now_add=True)
    answer = models.TextField(_("answer"), blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=ContestOutcome.choices, blank=True
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("contest")
        verbose_name_plural = _("contests")

    def __str__(self) -> str:
        return str(self.decision)

    def audit_scope(self) -> AuditScope:
        return self.decision.application.audit_scope()


class DecisionRules(models.Model):
    """An intake's windows: days to contest a decision (the programme's appeal window)."""

    intake = models.OneToOneField(
        Intake, verbose_name=_("intake"), on_delete=models.CASCADE, related_name="+"
    )
    contest_days = models.PositiveSmallIntegerField(
        _("days to contest a decision"), default=DEFAULT_APPEAL_DAYS
    )

    class Meta:
        verbose_name = _("decision rules")
        verbose_name_plural = _("decision rules")

    def __str__(self) -> str:
        return str(self.intake)
