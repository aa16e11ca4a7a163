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
    # "admission" criteria decide the overall outcome; "scholarship" ones only the
    # verdict's scholarship part (an applicant can be admitted without a scholarship).
    decides: str = "admission"


KINDS: dict[str, Kind] = {}


def register_kind(kind: Kind) -> Kind:
    if kind.name in KINDS:
        raise ValueError(f"criterion kind {kind.name!r} is registered twice")
    KINDS[kind.name] = kind
    return kind
