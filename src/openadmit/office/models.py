"""The office's records: screenings confirmed by a person, and the queue's rows.

``QueueEntry`` is a projection: one narrow row per submitted application, rebuilt from
the application, its submissions, its screening and its reviews whenever an audit event
about the application is written (see ``queue.py``). Filters, counts and sorts of the
work queue read it alone.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from openadmit.applications.models import Application
from openadmit.audit.service import AuditScope
from openadmit.office.constants import ReviewProgress, ScreeningState


class Screening(models.Model):
    """A person's confirmation of the engine's verdict, with the criteria they overrode.

    The engine's verdict is a proposal; nothing negative reaches an applicant until an
    officer confirms it here. A later screening supersedes an earlier one.
    """

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="screenings",
    )
    engine_outcome = models.CharField(_("engine's outcome"), max_length=20)
    outcome = models.CharField(_("screened outcome"), max_length=20)
    overrides = models.JSONField(
        _("overridden criteria"),
        default=list,
        help_text=_("criterion, engine's and officer's outcome, reason code and text"),
    )
    # Which sealed verdict was screened: a resubmission after it makes it outdated.
    verdict_at = models.DateTimeField(_("verdict screened"))
    ruleset_sha256 = models.CharField(_("ruleset SHA-256"), max_length=64)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("screening")
        verbose_name_plural = _("screenings")
        ordering = ["confirmed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.application} · {self.outcome}"

    def audit_scope(self) -> AuditScope:
        return self.application.audit_scope()


class QueueEntry(models.Model):
    application = models.OneToOneField(
        Application, primary_key=True, on_delete=models.CASCADE, related_name="queue_entry"
    )
    intake_id = models.BigIntegerField(db_index=True)
    status = models.CharField(max_length=30)
    reference = models.CharField(max_length=40)
    name = models.CharField(max_length=300)
    # Lower-cased name, reference and e-mail address: what the search box matches.
    search_text = models.CharField(max_length=600)
    # Sorted ISO codes between commas (",ke,ug,"): one LIKE filters by nationality.
    nationalities = models.CharField(max_length=200)
    deadline_category = models.CharField(max_length=40)
    deadline_closes_at = models.DateTimeField(null=True)
    submitted_at = models.DateTimeField()
    wants_scholarship = models.BooleanField()
    engine_outcome = models.CharField(max_length=20)
    outcome = models.CharField(max_length=20, help_text="screened outcome, else the engine's")
    screening = models.CharField(max_length=20, choices=ScreeningState.choices)
    fee_status = models.CharField(max_length=20)
    reviews_required = models.PositiveSmallIntegerField(default=0)
    reviews_done = models.PositiveSmallIntegerField(default=0)
    review_progress = models.CharField(max_length=20, choices=ReviewProgress.choices)
    # Reviewer user ids between commas (",12,15,"), current assignments only.
    reviewers = models.CharField(max_length=300, blank=True)
    score = models.DecimalField(max_digits=7, decimal_places=2, null=True)
    disagreement = models.BooleanField(default=False)
    first_opened_at = models.DateTimeField(null=True)

    class Meta:
        indexes = [
            models.Index(fields=["intake_id", "status"]),
            models.Index(fields=["intake_id", "deadline_closes_at", "submitted_at"]),
            models.Index(fields=["intake_id", "submitted_at"]),
            models.Index(fields=["intake_id", "score"]),
            models.Index(fields=["intake_id", "name"]),
            models.Index(fields=["intake_id", "outcome"]),
        ]

    def __str__(self) -> str:
        return self.reference
