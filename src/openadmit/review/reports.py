"""What the review's overview pages and the API report about an intake: who has done what,
each reviewer's files, and the scores normalised per reviewer with the intake's agreement."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from math import fsum
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, Q

from openadmit.access.constants import Permission
from openadmit.access.policy import staff_holding
from openadmit.applications.models import Application
from openadmit.catalogue.models import Intake
from openadmit.review.models import Assignment, Review, Rubric
from openadmit.review.service import current_rubric
from openadmit.review.statistics import (
    Rating,
    ReviewerSummary,
    krippendorff_alpha_interval,
    mean_and_spread,
    reviewer_summaries,
    strongly_disagree,
)

__all__ = [
    "FileScores",
    "IntakeStatistics",
    "ReviewerProgress",
    "intake_progress",
    "intake_statistics",
    "reviewer_assignments",
]


@dataclass(frozen=True)
class ReviewerProgress:
    reviewer: Any
    assigned: int  # files they hold now
    submitted: int
    drafts: int
    conflicts: int  # files they left after declaring a conflict

    @property
    def to_do(self) -> int:
        return self.assigned - self.submitted - self.drafts


def intake_progress(intake: Intake) -> list[ReviewerProgress]:
    """Every reviewer of the programme, and anyone who reviewed files of the intake, with
    their counts in the intake; the least advanced first."""
    active = Q(conflict_declared_at__isnull=True)
    counts = {
        row["reviewer"]: row
        for row in Assignment.objects.filter(application__intake=intake, reviewer__isnull=False)
        .values("reviewer")
        .annotate(
            assigned=Count("pk", filter=active),
            submitted=Count("pk", filter=active & Q(review__submitted_at__isnull=False)),
            drafts=Count(
                "pk",
                filter=active & Q(review__isnull=False, review__submitted_at__isnull=True),
            ),
            conflicts=Count("pk", filter=Q(conflict_declared_at__isnull=False)),
        )
    }
    people = {person.pk: person for person in staff_holding(Permission.REVIEW, intake.programme)}
    people |= get_user_model().objects.in_bulk(set(counts) - set(people))
    empty = {"assigned": 0, "submitted": 0, "drafts": 0, "conflicts": 0}
    rows = [
        ReviewerProgress(
            person,
            **{
                k: counts.get(pk, empty)[k]
                for k in ("assigned", "submitted", "drafts", "conflicts")
            },
        )
        for pk, person in people.items()
    ]
    return sorted(
        rows,
        key=lambda r: (r.assigned - r.submitted, r.assigned, r.reviewer.get_full_name()),
        reverse=True,
    )


def reviewer_assignments(intake: Intake, reviewer) -> list[Assignment]:
    """The reviewer's files in the intake (also those they left), as assigned."""
    return list(
        Assignment.objects.filter(application__intake=intake, reviewer=reviewer)
        .select_related("application__submission", "review")
        .order_by("conflict_declared_at", "assigned_at", "pk")
    )


@dataclass(frozen=True)
class FileRating:
    reviewer: Any
    total: Decimal
    z: float | None


@dataclass(frozen=True)
class FileScores:
    application: Application
    ratings: list[FileRating]
    mean: Decimal
    mean_z: float | None  # None unless every rating has a z-score
    adjusted: float | None  # mean_z on the points scale: the mean of all scores + mean_z x spread
    disagreement: bool
    reviewers_now: int  # the file's current reviewers, for offering a third


@dataclass(frozen=True)
class ReviewerStatistics:
    reviewer: Any
    summary: ReviewerSummary
    difference: float  # their mean minus the mean of every score in the intake


@dataclass(frozen=True)
class IntakeStatistics:
    rubric: Rubric | None
    alpha: float | None
    pairable_files: int
    ratings: int
    mean: float | None
    spread: float | None
    reviewers: list[ReviewerStatistics]
    files: list[FileScores]


def intake_statistics(intake: Intake, disagreement_percent: int) -> IntakeStatistics:
    """Submitted scores of the intake's current reviewers, normalised per reviewer, with
    Krippendorff's alpha over the files and the files whose reviewers disagree strongly;
    files by their adjusted score, highest first."""
    rubric = current_rubric(intake)
    rows = list(
        Review.objects.filter(
            assignment__application__intake=intake,
            assignment__conflict_declared_at__isnull=True,
            assignment__reviewer__isnull=False,
            submitted_at__isnull=False,
        ).values_list("assignment__application_id", "assignment__reviewer_id", "total")
    )
    ratings = [Rating(app, reviewer, float(total)) for app, reviewer, total in rows]
    summaries = reviewer_summaries(ratings)
    mean, spread = mean_and_spread([r.value for r in ratings]) if ratings else (None, None)
    people = get_user_model().objects.in_bulk(set(summaries))
    by_file: dict[int, list[tuple[int, Decimal]]] = defaultdict(list)
    for app, reviewer, total in rows:
        by_file[app].append((reviewer, total))
    applications = Application.objects.select_related("submission").in_bulk(set(by_file))
    current = dict(
        Assignment.objects.active()
        .filter(application_id__in=by_file)
        .values("application_id")
        .annotate(n=Count("pk"))
        .values_list("application_id", "n")
    )
    max_points = rubric.rules.max_points if rubric else Decimal(0)
    files = []
    for app, scored in by_file.items():
        file_ratings = [
            FileRating(people[reviewer], total, summaries[reviewer].z(float(total)))
            for reviewer, total in scored
        ]
        zs = [r.z for r in file_ratings]
        mean_z = fsum(zs) / len(zs) if all(z is not None for z in zs) else None
        totals = [total for _, total in scored]
        files.append(
            FileScores(
                application=applications[app],
                ratings=file_ratings,
                mean=(sum(totals) / len(totals)).quantize(Decimal("0.01")),
                mean_z=mean_z,
                adjusted=mean + mean_z * spread if mean_z is not None else None,
                disagreement=bool(rubric)
                and strongly_disagree(totals, max_points, disagreement_percent),
                reviewers_now=current.get(app, 0),
            )
        )
    files.sort(key=lambda f: (f.adjusted is None, -(f.adjusted or 0), -f.mean))
    reviewers = sorted(
        (
            ReviewerStatistics(people[pk], summary, summary.mean - mean)
            for pk, summary in summaries.items()
        ),
        key=lambda r: r.difference,
    )
    return IntakeStatistics(
        rubric=rubric,
        alpha=krippendorff_alpha_interval(
            {app: [float(t) for _, t in s] for app, s in by_file.items()}
        ),
        pairable_files=sum(1 for s in by_file.values() if len(s) >= 2),
        ratings=len(ratings),
        mean=mean,
        spread=spread,
        reviewers=reviewers,
        files=files,
    )
