"""The `deadline` criterion kind: its model, evaluator and conflict check, registered together."""

from openadmit.eligibility.kinds.deadline_models import DeadlineCriterion
from openadmit.eligibility.kinds.deadline_rules import compile_deadline
from openadmit.eligibility.kinds.registry import Kind, register_kind


def deadline_conflicts(criterion: DeadlineCriterion, rs) -> list[str]:
    problems = []
    seen: dict[str, str] = {}
    for deadline in criterion.deadlines:
        if deadline.category in seen:
            problems.append(
                f"criteria.{criterion.id}.deadlines: two deadlines for {deadline.category!r} "
                f"({seen[deadline.category]} and {deadline.closes_on.isoformat()})"
            )
        seen[deadline.category] = deadline.closes_on.isoformat()
    if rs.criteria_of_kind("deadline")[0] is not criterion:
        problems.append(f"criteria.{criterion.id}: a second deadline criterion")
    return problems


KIND = register_kind(
    Kind(
        name="deadline",
        model=DeadlineCriterion,
        compile=compile_deadline,
        conflicts=deadline_conflicts,
    )
)
