"""The `language` criterion kind: its model and its evaluator, registered together."""

from openadmit.eligibility.kinds.language_models import LanguageCriterion
from openadmit.eligibility.kinds.registry import Kind, register_kind

KIND = register_kind(Kind(name="language", model=LanguageCriterion, compile=None))
