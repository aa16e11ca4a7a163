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

from openadmit.applications.constants import Decision, FeeStatus, Status
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
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
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
            )
        ]

    def __str__(self) -> str:
        return f"{self.intake} · {self.applicant}"

    @property
    def is_draft(self) -> bool:
        return self.status == Status.DRAFT


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


class ProgrammeStaff(models.Model):
    """Admissions staff of a programme: they may read its submitted applications and documents."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+"
    )
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("programme staff member")
        verbose_name_plural = _("programme staff")
        constraints = [
            models.UniqueConstraint(fields=["user", "programme"], name="programme_staff_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.programme}"


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
