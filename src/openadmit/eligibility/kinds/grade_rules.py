"""Evaluating a `grade` criterion: convert the prior degree's grade, then compare."""

import math
from collections.abc import Callable
from datetime import datetime

from openadmit.eligibility.kinds.degree_models import LEVEL_RANK
from openadmit.eligibility.kinds.grade_models import GradeCriterion, Scale
from openadmit.eligibility.messages import gettext_noop, message
from openadmit.eligibility.outcomes import Outcome
from openadmit.eligibility.profile import Grade, Profile
from openadmit.eligibility.results import CriterionResult, result

GERMAN_GRADE_STEPS = (1.0, 1.3, 1.7, 2.0, 2.3, 2.7, 3.0, 3.3, 3.7, 4.0)


def modified_bavarian(grade: Grade) -> float:
    """x = 1 + 3 (Nmax - Nd) / (Nmax - Nmin) on the German scale, 1.0 best, 4.0 pass."""
    return 1 + 3 * (grade.best - grade.value) / (grade.best - grade.pass_)


def linear(grade: Grade, target: Scale) -> float:
    """Pass maps to pass and best to best, linearly in between (and beyond pass)."""
    share = (grade.value - grade.pass_) / (grade.best - grade.pass_)
    return target.pass_ + share * (target.best - target.pass_)


def apply_rounding(value: float, rounding: str, decimals: int) -> float:
    """The institution's practice: truncate, round half up, or the nearest German step.

    A grade far below a very narrow scale's pass mark converts to an infinitely poor
    grade, which no rounding changes.
    """
    if not math.isfinite(value):
        return value
    if rounding == "grade_step":
        return min(GERMAN_GRADE_STEPS, key=lambda step: (abs(step - value), step))
    factor = 10**decimals
    # A tiny allowance so 2.3 stored as 2.2999999 truncates to 2.3, not 2.2.
    if rounding == "truncate":
        return math.floor(value * factor + 1e-9) / factor
    return math.floor(value * factor + 0.5 + 1e-9) / factor


def compile_grade(criterion: GradeCriterion, _rs) -> Callable[[Profile, datetime], CriterionResult]:
    target = criterion.target_scale
    higher_is_better = target.best > target.pass_
    convert = (
        modified_bavarian
        if criterion.conversion == "modified_bavarian"
        else lambda g: linear(g, target)
    )
    minimum = criterion.minimum

    def better_or_equal(value: float) -> bool:
        return value >= minimum if higher_is_better else value <= minimum

    def evaluate(profile: Profile, _at: datetime) -> CriterionResult:
        best_value = None
        best_grade = None
        for degree in profile.degrees:
            if degree.grade is None or LEVEL_RANK[degree.level] < LEVEL_RANK["bachelor"]:
                continue
            value = apply_rounding(convert(degree.grade), criterion.rounding, criterion.decimals)
            if best_value is None or (value > best_value) == higher_is_better:
                best_value, best_grade = value, degree.grade
        if best_value is None:
            return result(
                criterion,
                Outcome.INCOMPLETE,
                message(
                    gettext_noop(
                        "Tell us the final grade of your degree, with the best grade and the pass "
                        "mark of its scale, so it can be compared with the minimum of {minimum}."
                    ),
                    minimum=f"{minimum:g}",
                ),
            )
        params = {
            "grade": f"{best_grade.value:g}",
            "best": f"{best_grade.best:g}",
            "pass": f"{best_grade.pass_:g}",
            "converted": f"{best_value:g}",
            "minimum": f"{minimum:g}",
        }
        if better_or_equal(best_value):
            return result(
                criterion,
                Outcome.ELIGIBLE,
                message(
                    gettext_noop(
                        "Your grade {grade} (best {best}, pass {pass}) converts to {converted}, "
                        "which "
                        "meets the minimum of {minimum}."
                    ),
                    **params,
                ),
            )
        return result(
            criterion,
            Outcome.INELIGIBLE,
            message(
                gettext_noop(
                    "Your grade {grade} (best {best}, pass {pass}) converts to {converted}, which "
                    "does not meet the minimum of {minimum}."
                ),
                **params,
            ),
        )

    return evaluate
