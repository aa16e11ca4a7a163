"""The `scholarship` criterion kind: its model and its evaluator, registered together."""

from openadmit.eligibility.kinds.registry import Kind, register_kind
from openadmit.eligibility.kinds.scholarship_models import ScholarshipCriterion

KIND = register_kind(
    Kind(name="scholarship", model=ScholarshipCriterion, compile=None, decides="scholarship")
)
