"""The `language` criterion kind: its model, evaluator and conflict check, registered together."""

from openadmit.eligibility.kinds.language_models import LanguageCriterion
from openadmit.eligibility.kinds.language_rules import compile_language
from openadmit.eligibility.kinds.registry import Kind, clashes, register_kind


def language_conflicts(criterion: LanguageCriterion, rs) -> list[str]:
    minimums = ((m.name, m.overall) for m in criterion.tests)
    problems = [
        f"criteria.{criterion.id}.tests: {name} has two minimums ({first:g} and {second:g})"
        for name, first, second in clashes(minimums)
    ]
    same_language = [c for c in rs.criteria_of_kind("language") if c.language == criterion.language]
    if same_language[0] is not criterion:
        problems.append(f"criteria.{criterion.id}: a second criterion for {criterion.language!r}")
    return problems


KIND = register_kind(
    Kind(
        name="language",
        model=LanguageCriterion,
        compile=compile_language,
        conflicts=language_conflicts,
    )
)
