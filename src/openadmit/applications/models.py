"""Applications to a programme intake, their documents and the sealed submission.

An application's `profile` is the applicant profile of the eligibility engine, in the
engine's own JSON shape, so the same answers give the live verdict while filling and the
verdict stored at submission. Change state only through `service.py`.
"""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from openadmit.applications.constants import Decision, FeeStatus, Status, Step
from openadmit.audit.service import AuditScope
from openadmit.catalogue.models import Institution, Intake, Programme


class Application(models.Model):
    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="applications",
        help_text=_("Empty once the applicant deleted their account"),
    )
    intake = models.ForeignKey(
        Intake, verbose_name=_("intake"), on_delete=models.PROTECT, related_name="applications"
    )
    status = models.CharField(
        _("status"), max_length=30, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    personal = models.JSONField(_("personal details"), default=dict, blank=True)
    profile = models.JSONField(_("eligibility profile"), default=dict, blank=True)
    experience_summary = models.TextField(_("experience"), blank=True)
    motivation = models.TextField(_("motivation"), blank=True)
    video_url = models.URLField(_("video link"), blank=True)
    saved_steps = models.JSONField(_("saved steps"), default=list, blank=True)
    fee_status = models.CharField(
        _("application fee"),
        max_length=20,
        choices=FeeStatus.choices,
        default=FeeStatus.NOT_CHARGED,
    )
    fee_amount = models.DecimalField(
        _("fee amount"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    fee_currency = models.CharField(_("fee currency"), max_length=3, blank=True)
    fee_note = models.CharField(_("fee note"), max_length=300, blank=True)
    decision = models.CharField(_("decision"), max_length=30, choices=Decision.choices, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["applicant", "intake"], name="one_application_per_applicant_intake"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(status=Status.DECIDED, decided_at__isnull=False)
                    & ~models.Q(decision="")
                )
                | (~models.Q(status=Status.DECIDED) & models.Q(decision="")),
                name="a_decision_exactly_when_decided",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.intake} · {self.applicant}"

    @property
    def is_draft(self) -> bool:
        return self.status == Status.DRAFT

    @property
    def applicant_name(self) -> str:
        """The name the applicant gave, as they wrote it."""
        given = self.personal.get("given_names", "")
        family = self.personal.get("family_name", "")
        return " ".join(part for part in (given, family) if part)

    def audit_scope(self) -> AuditScope:
        return AuditScope(
            application_id=self.pk,
            programme_id=self.intake.programme_id,
            institution_id=self.intake.programme.institution_id,
        )


class Submission(models.Model):
    """The sealed copy of an application at the moment it was submitted; one at most."""

    application = models.OneToOneField(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="submission",
    )
    reference = models.CharField(_("reference number"), max_length=40, unique=True)
    submitted_at = models.DateTimeField(_("submitted at"))
    answers = models.JSONField(_("answers"))
    documents = models.JSONField(
        _("documents"), help_text=_("Kind, name, size and SHA-256 of each")
    )
    verdict = models.JSONField(_("eligibility verdict"))
    outcome = models.CharField(_("eligibility outcome"), max_length=20)
    ruleset_sha256 = models.CharField(_("ruleset SHA-256"), max_length=64)
    deadline_category = models.CharField(_("deadline category"), max_length=40)
    deadline_closes_at = models.DateTimeField(_("deadline"))

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")

    def __str__(self) -> str:
        return self.reference

    def audit_scope(self) -> AuditScope:
        return self.application.audit_scope()


def document_path(instance: "Document", filename: str) -> str:
    # The stored name says nothing about the applicant or the file and cannot be guessed;
    # the original name is kept in the database only.
    return f"applications/{secrets.token_urlsafe(32)}"


class Document(models.Model):
    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="documents",
    )
    kind = models.CharField(_("kind"), max_length=40)
    file = models.FileField(_("file"), upload_to=document_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["uploaded_at"]
        constraints = [
            models.UniqueConstraint(fields=["application", "kind"], name="one_document_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.original_name}"

    def audit_scope(self) -> AuditScope:
        return self.application.audit_scope()


class OfficeMessage(models.Model):
    """A message from the admissions office to the applicant, shown on the status page."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="messages",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = models.TextField(_("message"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("message from the admissions office")
        verbose_name_plural = _("messages from the admissions office")
        ordering = ["sent_at"]

    def __str__(self) -> str:
        return f"{self.sent_at:%Y-%m-%d %H:%M} {self.body[:40]}"


class FeeRule(models.Model):
    """Whether a programme accepts a submission only once its fee is paid or waived."""

    programme = models.OneToOneField(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="+"
    )
    settle_before_submission = models.BooleanField(
        _("submitted only when paid or waived"), default=False
    )

    class Meta:
        verbose_name = _("fee rule")
        verbose_name_plural = _("fee rules")

    def __str__(self) -> str:
        return str(self.programme)


class InformationRequest(models.Model):
    """The office asks for more: the chosen steps reopen for the applicant until a day.

    The applicant changes those steps and sends them (a ``Resubmission``); the sealed first
    submission stays as it was.
    """

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="information_requests",
    )
    message = models.TextField(_("what is asked"))
    steps = models.JSONField(_("steps reopened"), help_text=_("Step names, in form order"))
    due_on = models.DateField(_("answer by"), help_text=_("In the university's time zone"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    # Where the application goes back to once answered.
    return_status = models.CharField(_("status before the request"), max_length=30)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("request for information")
        verbose_name_plural = _("requests for information")
        ordering = ["requested_at"]

    def __str__(self) -> str:
        return f"{self.application} · {self.requested_at:%Y-%m-%d}"

    @property
    def step_labels(self) -> list[str]:
        return [Step(step).label for step in self.steps]

    def audit_scope(self) -> AuditScope:
        return self.application.audit_scope()


class Resubmission(models.Model):
    """The answers as the applicant sent them again, answering a request for information."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="resubmissions",
    )
    request = models.OneToOneField(
        InformationRequest,
        verbose_name=_("request answered"),
        on_delete=models.CASCADE,
        related_name="resubmission",
    )
    submitted_at = models.DateTimeField(_("sent at"))
    answers = models.JSONField(_("answers"))
    documents = models.JSONField(_("documents"))
    verdict = models.JSONField(_("eligibility verdict"))
    outcome = models.CharField(_("eligibility outcome"), max_length=20)

    class Meta:
        verbose_name = _("resubmission")
        verbose_name_plural = _("resubmissions")
        ordering = ["submitted_at"]

    def __str__(self) -> str:
        return f"{self.application} · {self.submitted_at:%Y-%m-%d}"

    def audit_scope(self) -> AuditScope:
        return self.application.audit_scope()


DEFAULT_RETENTION_DAYS = 365


class RetentionPolicy(models.Model):
    """How long an institution keeps applications that did not lead to admission."""

    institution = models.OneToOneField(
        Institution, verbose_name=_("institution"), on_delete=models.CASCADE, related_name="+"
    )
    unsuccessful_after_days = models.PositiveIntegerField(
        _("delete unsuccessful applications after (days from the intake's start)"),
        default=DEFAULT_RETENTION_DAYS,
    )

    class Meta:
        verbose_name = _("retention policy")
        verbose_name_plural = _("retention policies")

    def __str__(self) -> str:
        return str(self.institution)
