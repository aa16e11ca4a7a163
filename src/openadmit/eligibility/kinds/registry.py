"""The registry of criterion kinds: a new kind is one module that registers itself.

A kind brings its pydantic model (the YAML shape, discriminated by ``kind``), the
function that compiles one criterion of that kind into an evaluator
``(profile, aware moment) -> CriterionResult``, and its conflict check. Nothing else in the
engine names a kind, so adding one never touches the others.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel


@dataclass(frozen=True, slots=True)
class Kind:
    name: str
    model: type[BaseModel]
    compile: Callable[[Any, Any], Callable[[Any, Any], Any]]
    # Problems with a criterion that validation cannot see: two clauses of the set that
    # conclude differently about the same case (checked before a set is published).
    conflicts: Callable[[Any, Any], list[str]]
    # Whether the evaluator reads the set beyond its criterion (its time zone, deadlines).
    reads_set: bool = False
    # "admission" criteria decide the overall outcome; "scholarship" ones only the
    # verdict's scholarship part (an applicant can be admitted without a scholarship).
    decides: str = "admission"


KINDS: dict[str, Kind] = {}


def register_kind(kind: Kind) -> Kind:
    if kind.name in KINDS:
        raise ValueError(f"criterion kind {kind.name!r} is registered twice")
    KINDS[kind.name] = kind
    return kind


def clashes(pairs) -> list[tuple[Any, Any, Any]]:
    """(key, first value, second value) for every key that a set states twice."""
    first: dict[Any, Any] = {}
    found = []
    for key, value in pairs:
        if key in first:
            found.append((key, first[key], value))
        else:
            first[key] = value
    return found


def repeated_criterion(criterion: Any, rs: Any, what: str) -> list[str]:
    """A conflict when an earlier criterion of the set already decides the same question."""
    if rs.criteria_of_kind(criterion.kind)[0] is not criterion:
        return [f"criteria.{criterion.id}: a second {what}"]
    return []
