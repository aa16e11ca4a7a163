"""The `grade` criterion kind: its model and its evaluator, registered together."""

from openadmit.eligibility.kinds.grade_models import GradeCriterion
from openadmit.eligibility.kinds.registry import Kind, register_kind

KIND = register_kind(Kind(name="grade", model=GradeCriterion, compile=None))
