"""The review's records: each intake's rubric versions, who reviews which file, and the
scores each reviewer gives.

A rubric is stored as its validated document with its SHA-256, like a requirement set;
the latest published version is the intake's current one and older ones are kept, since
scores name the version they were given against. An assignment is never deleted: a
reviewer who declares a conflict of interest leaves the file, and the record of it stays.
"""

from decimal import Decimal
from functools import cached_property

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from openadmit.applications.models import Application
from openadmit.audit.service import AuditScope
from openadmit.catalogue.models import Intake
from openadmit.review import rubric as rubrics
from openadmit.review.constants import AssignmentMethod, SheetState


class Rubric(models.Model):
    intake = models.ForeignKey(
        Intake, verbose_name=_("intake"), on_delete=models.CASCADE, related_name="rubrics"
    )
    rubric_id = models.CharField(_("rubric id"), max_length=120)
    version = models.CharField(_("version"), max_length=40)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    document = models.JSONField(_("document"))
    reviewers_per_file = models.PositiveSmallIntegerField(_("reviewers per file"))
    source = models.CharField(_("published from"), max_length=300, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published at"), auto_now_add=True)

    class Meta:
        verbose_name = _("review rubric")
        verbose_name_plural = _("review rubrics")
        ordering = ["-published_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["intake", "version"], name="rubric_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.rubric_id} {self.version}"

    @cached_property
    def rules(self) -> rubrics.Rubric:
        """The rubric this row holds, validated again on the way out."""
        return rubrics.parse_rubric(self.document)

    def audit_scope(self) -> AuditScope:
        programme = self.intake.programme
        return AuditScope(programme_id=programme.pk, institution_id=programme.institution_id)


class AssignmentQuerySet(models.QuerySet):
    def active(self):
        """Assignments the reviewer still holds: not left after a declared conflict."""
        return self.filter(conflict_declared_at__isnull=True, reviewer__isnull=False)


class Assignment(models.Model):
    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="review_assignments",
    )
    # An erased account loses the link; the university's record of the review stays.
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="review_assignments",
    )
    method = models.CharField(_("how"), max_length=20, choices=AssignmentMethod.choices)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assigned_at = models.DateTimeField(_("assigned at"), auto_now_add=True)
    conflict_declared_at = models.DateTimeField(_("conflict declared at"), null=True, blank=True)
    conflict_reason = models.TextField(_("conflict of interest"), blank=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("review assignment")
        verbose_name_plural = _("review assignments")
        ordering = ["assigned_at", "pk"]
        constraints = [
            # A reviewer is assigned to a file once; after a conflict, never again.
            models.UniqueConstraint(
                fields=["application", "reviewer"], name="one_assignment_per_reviewer_and_file"
            )
        ]
        indexes = [models.Index(fields=["reviewer", "conflict_declared_at"])]

    def __str__(self) -> str:
        return f"{self.application} · {self.reviewer}"

    @property
    def is_active(self) -> bool:
        return self.conflict_declared_at is None and self.reviewer_id is not None

    @property
    def state(self) -> SheetState:
        if self.conflict_declared_at is not None:
            return SheetState.CONFLICT
        review = getattr(self, "review", None)
        if review is None:
            return SheetState.TO_DO
        return SheetState.SUBMITTED if review.submitted_at else SheetState.DRAFT

    def audit_scope(self) -> AuditScope:
        return self.application.audit_scope()


class Review(models.Model):
    """One reviewer's scores of one file against one version of the rubric: a draft until
    submitted, then final."""

    assignment = models.OneToOneField(
        Assignment, verbose_name=_("assignment"), on_delete=models.CASCADE, related_name="review"
    )
    rubric = models.ForeignKey(
        Rubric, verbose_name=_("rubric"), on_delete=models.PROTECT, related_name="reviews"
    )
    # Criterion id -> the score as a decimal string ("3", "2.5").
    scores = models.JSONField(_("scores"), default=dict, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    total = models.DecimalField(
        _("weighted score"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")

    def __str__(self) -> str:
        return f"{self.assignment} · {self.total}"

    def score_of(self, criterion_id: str) -> Decimal | None:
        value = self.scores.get(criterion_id)
        return Decimal(value) if value is not None else None
