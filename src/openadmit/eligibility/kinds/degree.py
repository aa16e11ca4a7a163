"""The `degree` criterion kind: its model, evaluator and conflict check, registered together."""

from openadmit.eligibility.education_systems import normalise
from openadmit.eligibility.kinds.degree_models import DegreeCriterion
from openadmit.eligibility.kinds.degree_rules import compile_degree
from openadmit.eligibility.kinds.registry import Kind, clashes, register_kind


def degree_conflicts(criterion: DegreeCriterion, _rs) -> list[str]:
    where = f"criteria.{criterion.id}"
    systems = ((d.education_system, None) for d in criterion.listed_degrees)
    problems = [f"{where}.listed_degrees: two lists for {s}" for s, _, _ in clashes(systems)]
    for index, degree_list in enumerate(criterion.listed_degrees):
        places = (
            ((normalise(d.title), normalise(city)), f"“{d.title}” ({city})")
            for d in degree_list.degrees
            for city in d.cities
        )
        problems += [
            f"{where}.listed_degrees.{index}: {shown} is listed twice"
            for _, _, shown in clashes(places)
        ]
    if criterion.accepted_fields:
        names = (
            (normalise(name), field.name)
            for field in criterion.accepted_fields.fields
            for name in (field.name, *field.also)
        )
        problems += [
            f"{where}.accepted_fields: {key!r} names both {first!r} and {second!r}"
            for key, first, second in clashes(names)
            if first != second
        ]
    return problems


KIND = register_kind(
    Kind(name="degree", model=DegreeCriterion, compile=compile_degree, conflicts=degree_conflicts)
)
