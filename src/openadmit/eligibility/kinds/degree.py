"""The `degree` criterion kind: its model, evaluator and conflict check, registered together."""

from openadmit.eligibility.education_systems import normalise
from openadmit.eligibility.kinds.degree_models import DegreeCriterion
from openadmit.eligibility.kinds.degree_rules import compile_degree
from openadmit.eligibility.kinds.registry import Kind, register_kind


def degree_conflicts(criterion: DegreeCriterion, _rs) -> list[str]:
    problems = []
    systems: set[str] = set()
    for index, degree_list in enumerate(criterion.listed_degrees):
        where = f"criteria.{criterion.id}.listed_degrees.{index}"
        if degree_list.education_system in systems:
            problems.append(f"{where}: a second list for {degree_list.education_system}")
        systems.add(degree_list.education_system)
        levels: dict[tuple[str, str], str] = {}
        for accepted in degree_list.degrees:
            for city in accepted.cities:
                key = (normalise(accepted.title), normalise(city))
                if key in levels:
                    problems.append(f"{where}: “{accepted.title}” ({city}) is listed twice")
                levels[key] = accepted.level
    if criterion.accepted_fields:
        owner: dict[str, str] = {}
        for field in criterion.accepted_fields.fields:
            for name in (field.name, *field.also):
                key = normalise(name)
                if key in owner and owner[key] != field.name:
                    problems.append(
                        f"criteria.{criterion.id}.accepted_fields: {name!r} names both "
                        f"{owner[key]!r} and {field.name!r}"
                    )
                owner[key] = field.name
    return problems


KIND = register_kind(
    Kind(name="degree", model=DegreeCriterion, compile=compile_degree, conflicts=degree_conflicts)
)
