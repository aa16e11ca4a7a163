"""The `degree` criterion kind: its model and its evaluator, registered together."""

from openadmit.eligibility.kinds.degree_models import DegreeCriterion
from openadmit.eligibility.kinds.registry import Kind, register_kind

KIND = register_kind(Kind(name="degree", model=DegreeCriterion, compile=None))
