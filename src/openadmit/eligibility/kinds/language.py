"""The `language` criterion kind: its model, evaluator and conflict check, registered together."""

from openadmit.eligibility.kinds.language_models import LanguageCriterion
from openadmit.eligibility.kinds.language_rules import compile_language
from openadmit.eligibility.kinds.registry import Kind, register_kind


def language_conflicts(criterion: LanguageCriterion, rs) -> list[str]:
    problems = []
    minimums: dict[str, float] = {}
    for minimum in criterion.tests:
        if minimum.test in minimums:
            problems.append(
                f"criteria.{criterion.id}.tests: {minimum.name} has two minimums "
                f"({minimums[minimum.test]:g} and {minimum.overall:g})"
            )
        minimums[minimum.test] = minimum.overall
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
