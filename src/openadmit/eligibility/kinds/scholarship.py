"""The `scholarship` criterion kind: model, evaluator and conflict check, registered together."""

from openadmit.eligibility.kinds.registry import Kind, register_kind, repeated_criterion
from openadmit.eligibility.kinds.scholarship_models import ScholarshipCriterion
from openadmit.eligibility.kinds.scholarship_rules import compile_scholarship


def scholarship_conflicts(criterion: ScholarshipCriterion, rs) -> list[str]:
    problems = []
    if not any(d.category == criterion.deadline_category for d in rs.deadlines()):
        problems.append(
            f"criteria.{criterion.id}.deadline_category: the set has no "
            f"{criterion.deadline_category!r} deadline"
        )
    return problems + repeated_criterion(criterion, rs, "scholarship criterion")


KIND = register_kind(
    Kind(
        name="scholarship",
        model=ScholarshipCriterion,
        compile=compile_scholarship,
        conflicts=scholarship_conflicts,
        reads_set=True,
        decides="scholarship",
    )
)
