"""The `scholarship` criterion kind: model, evaluator and conflict check, registered together."""

from openadmit.eligibility.kinds.registry import Kind, register_kind
from openadmit.eligibility.kinds.scholarship_models import ScholarshipCriterion
from openadmit.eligibility.kinds.scholarship_rules import compile_scholarship


def scholarship_conflicts(criterion: ScholarshipCriterion, rs) -> list[str]:
    problems = []
    if not any(d.category == criterion.deadline_category for d in rs.deadlines()):
        problems.append(
            f"criteria.{criterion.id}.deadline_category: the set has no "
            f"{criterion.deadline_category!r} deadline"
        )
    if rs.criteria_of_kind("scholarship")[0] is not criterion:
        problems.append(f"criteria.{criterion.id}: a second scholarship criterion")
    return problems


KIND = register_kind(
    Kind(
        name="scholarship",
        model=ScholarshipCriterion,
        compile=compile_scholarship,
        conflicts=scholarship_conflicts,
        decides="scholarship",
    )
)
