"""The `grade` criterion kind: its model and evaluator, registered together."""

from openadmit.eligibility.kinds.grade_models import GradeCriterion
from openadmit.eligibility.kinds.grade_rules import compile_grade
from openadmit.eligibility.kinds.registry import Kind, register_kind


def grade_conflicts(criterion: GradeCriterion, rs) -> list[str]:
    if rs.criteria_of_kind("grade")[0] is not criterion:
        return [f"criteria.{criterion.id}: a second minimum grade"]
    return []


KIND = register_kind(
    Kind(name="grade", model=GradeCriterion, compile=compile_grade, conflicts=grade_conflicts)
)
