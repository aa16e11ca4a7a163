"""The `deadline` criterion kind: its model and its evaluator, registered together."""

from openadmit.eligibility.kinds.deadline_models import DeadlineCriterion
from openadmit.eligibility.kinds.registry import Kind, register_kind

KIND = register_kind(Kind(name="deadline", model=DeadlineCriterion, compile=None))
