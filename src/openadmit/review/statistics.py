"""Harsh and lenient reviewers, agreement between reviewers, and strong disagreement.

Pure and typed: no Django import. The input is a list of ratings (a file, a reviewer, the
file's weighted score from that reviewer).

- Each reviewer's mean and spread (population standard deviation) over the files they
  scored, and each rating as a z-score against its reviewer: (score - reviewer's mean) /
  reviewer's spread. A harsh reviewer's 60 and a lenient one's 80 can be the same z-score.
  A reviewer with fewer than ``minimum`` ratings, or who gave every file the same score,
  has no z-scores: there is nothing to normalise against.
- Agreement per intake: Krippendorff's alpha for interval data. Files have two or three
  reviewers drawn from a pool, not the same reviewers for every file, and some reviewers
  leave a file after declaring a conflict: alpha takes any number of ratings per file,
  ignores files with a single rating, and needs no fully crossed design (unlike the
  intraclass correlations of the two-way models). Interval, because the weighted scores
  are points whose differences mean the same anywhere on the scale. 1 is perfect
  agreement, 0 is what chance alone gives; Krippendorff suggests relying on data with
  alpha of at least 0.8, and tentative conclusions only from 0.667.
- Strong disagreement: a file whose highest and lowest scores differ by at least a share
  of the rubric's maximum points (``strongly_disagree``).
"""

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from math import fsum, sqrt

__all__ = [
    "Rating",
    "ReviewerSummary",
    "krippendorff_alpha_interval",
    "mean_and_spread",
    "reviewer_summaries",
    "strongly_disagree",
    "z_scores",
]

MINIMUM_RATINGS = 2


@dataclass(frozen=True)
class Rating:
    unit: Hashable
    rater: Hashable
    value: float


@dataclass(frozen=True)
class ReviewerSummary:
    count: int
    mean: float
    spread: float  # population standard deviation

    def z(self, value: float, minimum: int = MINIMUM_RATINGS) -> float | None:
        if self.count < minimum or self.spread == 0:
            return None
        return (value - self.mean) / self.spread


def mean_and_spread(values: Sequence[float]) -> tuple[float, float]:
    mean = fsum(values) / len(values)
    variance = fsum((v - mean) ** 2 for v in values) / len(values)
    return mean, sqrt(variance)


def reviewer_summaries(ratings: Iterable[Rating]) -> dict[Hashable, ReviewerSummary]:
    by_rater: dict[Hashable, list[float]] = defaultdict(list)
    for rating in ratings:
        by_rater[rating.rater].append(rating.value)
    summaries = {}
    for rater, values in by_rater.items():
        mean, spread = mean_and_spread(values)
        summaries[rater] = ReviewerSummary(len(values), mean, spread)
    return summaries


def z_scores(
    ratings: Iterable[Rating], minimum: int = MINIMUM_RATINGS
) -> dict[tuple[Hashable, Hashable], float | None]:
    """(unit, rater) -> the rating's z-score against its rater, or None when the rater
    cannot be normalised."""
    ratings = list(ratings)
    summaries = reviewer_summaries(ratings)
    return {(r.unit, r.rater): summaries[r.rater].z(r.value, minimum) for r in ratings}


def _pair_sum(values: Sequence[float]) -> float:
    """Sum of squared differences over ordered pairs of distinct positions:
    sum over i != j of (v_i - v_j)^2 = 2 m * sum (v - mean)^2 (exactly 0 for equal values)."""
    if len(set(values)) <= 1:
        return 0.0
    _mean, spread = mean_and_spread(values)
    return 2 * len(values) * len(values) * spread * spread


def krippendorff_alpha_interval(units: Mapping[Hashable, Sequence[float]]) -> float | None:
    """Krippendorff's alpha for interval data, from each unit's ratings.

    Units with fewer than two ratings are not pairable and are left out. None when no two
    ratings can be compared, or when every pairable rating is the same value (no
    variation, so agreement is undefined).
    """
    pairable = [list(values) for values in units.values() if len(values) >= 2]
    n = sum(len(values) for values in pairable)
    if n < 2:
        return None
    values = [v for unit in pairable for v in unit]
    expected = _pair_sum(values) / (n * (n - 1))
    if expected == 0:
        return None
    observed = fsum(_pair_sum(unit) / (len(unit) - 1) for unit in pairable) / n
    return 1 - observed / expected


def strongly_disagree(scores: Sequence[Decimal], max_points: Decimal, percent: int) -> bool:
    """Whether a file's submitted scores are at least ``percent`` % of the rubric's maximum
    points apart (highest minus lowest); never with fewer than two scores."""
    if len(scores) < 2:
        return False
    return max(scores) - min(scores) >= max_points * Decimal(percent) / 100
