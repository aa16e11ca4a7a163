"""The `deadline` criterion kind: its model, evaluator and conflict check, registered together."""

from openadmit.eligibility.kinds.deadline_models import DeadlineCriterion
from openadmit.eligibility.kinds.deadline_rules import compile_deadline
from openadmit.eligibility.kinds.registry import Kind, clashes, register_kind, repeated_criterion


def deadline_conflicts(criterion: DeadlineCriterion, rs) -> list[str]:
    days = ((d.category, d.closes_on.isoformat()) for d in criterion.deadlines)
    return [
        f"criteria.{criterion.id}.deadlines: two deadlines for {category!r} ({first} and {second})"
        for category, first, second in clashes(days)
    ] + repeated_criterion(criterion, rs, "deadline criterion")


KIND = register_kind(
    Kind(
        name="deadline",
        model=DeadlineCriterion,
        compile=compile_deadline,
        conflicts=deadline_conflicts,
        reads_set=True,
    )
)
