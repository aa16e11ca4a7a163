"""The work queue: one projected row per submitted application, and the queries on it.

Every audit event about an application rebuilds its row in the same transaction
(``refresh_on_event``), so the queue is never behind the file. The review domain tells
the queue each file's review state (``register_review_source``).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Q, QuerySet

from openadmit.applications.constants import Status
from openadmit.applications.models import Application
from openadmit.audit.models import AuditEvent
from openadmit.office.constants import OfficeEvent, QueueSort, ReviewProgress, ScreeningState
from openadmit.office.models import QueueEntry, Screening

__all__ = [
    "QueueFilters",
    "ReviewState",
    "latest_sealed",
    "refresh_entry",
    "refresh_on_event",
    "register_review_source",
    "screening_state",
]


@dataclass(frozen=True)
class ReviewState:
    required: int = 0
    done: int = 0
    reviewer_ids: tuple[int, ...] = ()
    score: Decimal | None = None
    disagreement: bool = False

    @property
    def progress(self) -> ReviewProgress:
        if not self.reviewer_ids and not self.done:
            return ReviewProgress.NONE
        if self.done == 0:
            return ReviewProgress.WAITING
        return ReviewProgress.COMPLETE if self.done >= self.required else ReviewProgress.PARTIAL


_review_sources: list[Callable[[Application], ReviewState]] = []


def register_review_source(source: Callable[[Application], ReviewState]) -> None:
    _review_sources[:] = [source]


def _review_state(application: Application) -> ReviewState:
    return _review_sources[0](application) if _review_sources else ReviewState()


@dataclass(frozen=True)
class Sealed:
    """The latest answers the applicant sent: the submission, or a later resubmission."""

    at: datetime
    verdict: dict[str, Any]
    outcome: str
    answers: dict[str, Any]
    documents: list[dict[str, Any]]


def latest_sealed(application: Application) -> Sealed | None:
    later = application.resubmissions.order_by("-submitted_at").first()
    if later is not None:
        return Sealed(
            later.submitted_at, later.verdict, later.outcome, later.answers, later.documents
        )
    submission = getattr(application, "submission", None)
    if submission is None:
        return None
    return Sealed(
        submission.submitted_at,
        submission.verdict,
        submission.outcome,
        submission.answers,
        submission.documents,
    )


def screening_state(screening: Screening | None, sealed: Sealed) -> ScreeningState:
    if screening is None:
        return ScreeningState.PENDING
    if screening.verdict_at < sealed.at:
        return ScreeningState.OUTDATED
    return ScreeningState.CONFIRMED


def refresh_on_event(event: AuditEvent) -> None:
    if event.application_id is not None:
        refresh_entry(event.application_id)


def refresh_entry(application_id: int) -> None:
    """Rebuild one application's queue row from its records (none for a draft)."""
    application = (
        Application.objects.select_related("submission", "applicant")
        .filter(pk=application_id)
        .first()
    )
    if application is None or application.is_draft:
        QueueEntry.objects.filter(application_id=application_id).delete()
        return
    sealed = latest_sealed(application)
    submission = application.submission
    screening = application.screenings.order_by("-confirmed_at", "-pk").first()
    state = screening_state(screening, sealed)
    review = _review_state(application)
    name = application.applicant_name
    email = application.applicant.email if application.applicant else ""
    opened = (
        AuditEvent.objects.filter(application_id=application_id, event=OfficeEvent.FILE_OPEN)
        .order_by("at")
        .values_list("at", flat=True)
        .first()
    )
    profile = application.profile
    QueueEntry.objects.update_or_create(
        application_id=application_id,
        defaults={
            "intake_id": application.intake_id,
            "status": application.status,
            "reference": submission.reference,
            "name": name,
            "search_text": " ".join((name, submission.reference, email)).lower(),
            "nationalities": f",{','.join(sorted(profile.get('nationalities', [])))},".lower(),
            "deadline_category": submission.deadline_category,
            "deadline_closes_at": submission.deadline_closes_at,
            "submitted_at": submission.submitted_at,
            "wants_scholarship": bool(profile.get("wants_scholarship")),
            "engine_outcome": sealed.outcome,
            "outcome": screening.outcome if state == ScreeningState.CONFIRMED else sealed.outcome,
            "screening": state,
            "fee_status": application.fee_status,
            "reviews_required": review.required,
            "reviews_done": review.done,
            "review_progress": review.progress,
            "reviewers": f",{','.join(str(i) for i in sorted(review.reviewer_ids))},"
            if review.reviewer_ids
            else "",
            "score": review.score,
            "disagreement": review.disagreement,
            "first_opened_at": opened,
        },
    )


@dataclass(frozen=True)
class QueueFilters:
    """What the officer asked the queue for; parsed and checked by ``forms.QueueForm``."""

    statuses: tuple[str, ...] = ()
    outcomes: tuple[str, ...] = ()
    nationality: str = ""
    deadline_category: str = ""
    scholarship: bool | None = None
    reviewer: int | None = None
    review_progress: str = ""
    screening: str = ""
    score_min: Decimal | None = None
    score_max: Decimal | None = None
    unopened: bool = False
    disagreement: bool = False
    q: str = ""
    sort: str = QueueSort.DEADLINE

    def apply(self, entries: QuerySet[QueueEntry], *, with_status: bool = True) -> QuerySet:
        if with_status and self.statuses:
            entries = entries.filter(status__in=self.statuses)
        if self.outcomes:
            entries = entries.filter(outcome__in=self.outcomes)
        if self.nationality:
            entries = entries.filter(nationalities__contains=f",{self.nationality.lower()},")
        if self.deadline_category:
            entries = entries.filter(deadline_category=self.deadline_category)
        if self.scholarship is not None:
            entries = entries.filter(wants_scholarship=self.scholarship)
        if self.reviewer is not None:
            entries = entries.filter(reviewers__contains=f",{self.reviewer},")
        if self.review_progress:
            entries = entries.filter(review_progress=self.review_progress)
        if self.screening:
            entries = entries.filter(screening=self.screening)
        if self.score_min is not None:
            entries = entries.filter(score__gte=self.score_min)
        if self.score_max is not None:
            entries = entries.filter(score__lte=self.score_max)
        if self.unopened:
            entries = entries.filter(first_opened_at__isnull=True)
        if self.disagreement:
            entries = entries.filter(disagreement=True)
        if self.q:
            for word in self.q.lower().split():
                entries = entries.filter(search_text__contains=word)
        return entries

    def ordered(self, entries: QuerySet[QueueEntry]) -> QuerySet[QueueEntry]:
        if self.sort == QueueSort.SUBMITTED:
            return entries.order_by("submitted_at", "pk")
        if self.sort == QueueSort.SUBMITTED_DESC:
            return entries.order_by("-submitted_at", "-pk")
        if self.sort == QueueSort.SCORE:
            return entries.order_by(F("score").desc(nulls_last=True), "submitted_at", "pk")
        if self.sort == QueueSort.NAME:
            return entries.order_by("name", "pk")
        return entries.order_by(F("deadline_closes_at").asc(nulls_last=True), "submitted_at", "pk")


def status_counts(entries: QuerySet[QueueEntry]) -> dict[str, int]:
    counts = dict.fromkeys([s.value for s in Status if s != Status.DRAFT], 0)
    for row in entries.order_by().values("status").annotate(n=Count("pk")):
        counts[row["status"]] = row["n"]
    return counts


def visible_entries(intake_id: int, *, assigned_to: int | None) -> QuerySet[QueueEntry]:
    """The intake's rows; only those assigned to ``assigned_to`` when that is set (a
    reviewer without a wider role)."""
    entries = QueueEntry.objects.filter(intake_id=intake_id)
    if assigned_to is not None:
        entries = entries.filter(Q(reviewers__contains=f",{assigned_to},"))
    return entries
