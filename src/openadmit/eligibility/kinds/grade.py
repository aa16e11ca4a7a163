"""The `grade` criterion kind: its model and evaluator, registered together."""

from openadmit.eligibility.kinds.grade_models import GradeCriterion
from openadmit.eligibility.kinds.grade_rules import compile_grade
from openadmit.eligibility.kinds.registry import Kind, register_kind, repeated_criterion


def grade_conflicts(criterion: GradeCriterion, rs) -> list[str]:
    return repeated_criterion(criterion, rs, "minimum grade")


KIND = register_kind(
    Kind(name="grade", model=GradeCriterion, compile=compile_grade, conflicts=grade_conflicts)
)
