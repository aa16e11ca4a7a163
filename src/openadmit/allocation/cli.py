"""`openadmit allocate`: run or check an allocation from JSON files, outside the system.

Exit codes: 0 done (or the result holds), 1 the checked result is broken, 2 the input cannot
be read (the message names the field).
"""

import argparse
import json
import sys
from typing import Any

from pydantic import BaseModel, ValidationError

from openadmit.allocation.check import check_result, read_result
from openadmit.allocation.errors import InputError
from openadmit.allocation.json_io import read_json, write_json
from openadmit.allocation.places import PlacesInput, PlacesResult, allocate_places
from openadmit.allocation.scholarships import (
    ScholarshipInput,
    ScholarshipResult,
    allocate_scholarships,
)

INVALID_INPUT = 2
BROKEN_RESULT = 1


def register(subparsers: argparse._SubParsersAction) -> None:
    allocate = subparsers.add_parser(
        "allocate", help="allocate scholarships or places, or check a result"
    )
    actions = allocate.add_subparsers(dest="action", required=True, metavar="ACTION")
    for name, help_text, func in (
        (
            "scholarships",
            "award scholarships in rank order under a nationality cap",
            _allocate(ScholarshipInput, allocate_scholarships, scholarships_text),
        ),
        (
            "places",
            "allocate places by applicant-proposing deferred acceptance",
            _allocate(PlacesInput, allocate_places, places_text),
        ),
        ("check", "verify a result of `scholarships` or `places`", _check),
    ):
        action = actions.add_parser(name, help=help_text)
        action.add_argument("path", metavar="FILE.json", help="the JSON file ('-' reads stdin)")
        action.add_argument("--format", choices=("json", "text"), default="json")
        action.set_defaults(func=func)


def _read_json(path: str) -> Any:
    try:
        if path == "-":
            return read_json(sys.stdin.read())
        with open(path, encoding="utf-8") as file:
            return read_json(file.read())
    except OSError as error:
        raise InputError([("", error.strerror or str(error))]) from error
    except UnicodeDecodeError as error:
        raise InputError([("", f"not valid JSON: {error}")]) from error


def _load(path: str, model: type[BaseModel]) -> BaseModel:
    try:
        return model.model_validate(_read_json(path))
    except ValidationError as error:
        raise InputError.from_validation_error(error) from error


def _report_invalid(path: str, error: InputError) -> int:
    for field, message in error.problems:
        where = f"{path}: {field}" if field else path
        print(f"error: {where}: {message}", file=sys.stderr)
    return INVALID_INPUT


def _allocate(model: type[BaseModel], allocate, as_text):
    def run(args: argparse.Namespace) -> int:
        try:
            result = allocate(_load(args.path, model))
        except InputError as error:
            return _report_invalid(args.path, error)
        print(write_json(result.model_dump()) if args.format == "json" else as_text(result))
        return 0

    return run


def _check(args: argparse.Namespace) -> int:
    try:
        result = read_result(_read_json(args.path))
        problems = check_result(result)
    except ValidationError as error:
        return _report_invalid(args.path, InputError.from_validation_error(error))
    except InputError as error:
        return _report_invalid(args.path, error)
    kind = result.kind
    if args.format == "json":
        print(json.dumps({"kind": kind, "valid": not problems, "problems": problems}, indent=2))
    elif problems:
        print(f"The {kind} result does not hold:")
        print("\n".join(f"- {problem}" for problem in problems))
    else:
        print(f"The {kind} result holds: {CHECKED[kind]}.")
    return BROKEN_RESULT if problems else 0


CHECKED = {
    "places": "consistent, within capacity, no blocking pair, applicant-optimal",
    "scholarships": "caps respected, rank order kept, reproducible",
}


def scholarships_text(result: ScholarshipResult) -> str:
    lines = [
        f"{result.scholarships} scholarships; {result.cap_rule};"
        f" dual nationals counted: {result.dual_nationals}",
        "",
        f"{'pos':>4}  {'rank':>4}  {'candidate':<16} {'nationalities':<14} {'status':<13} reason",
    ]
    for c in result.candidates:
        status = c.status if c.reserve_position is None else f"reserve {c.reserve_position}"
        lines.append(
            f"{c.position:>4}  {c.rank:>4}  {c.id:<16} {','.join(c.nationalities):<14}"
            f" {status:<13} {c.reasons[-1].message}"
        )
    for event in result.history:
        moved = (
            f"{', '.join(event.moved_up)} moved up" if event.moved_up else "nobody could move up"
        )
        passed = (
            f" (passed over for a cap: {', '.join(event.passed_over)})" if event.passed_over else ""
        )
        if event.had == "reserve place":
            moved = "the reserve list closes up"
        lines.append(
            f"step {event.step}: {event.declined} declined the {event.had}; {moved}{passed}"
        )
    return "\n".join(lines)


def places_text(result: PlacesResult) -> str:
    placed = sum(a.admitted_to is not None for a in result.applicants)
    lines = [
        f"{placed} of {len(result.applicants)} applicants placed in {len(result.programmes)}"
        f" programmes ({result.algorithm})",
        "",
    ]
    for p in result.programmes:
        lines.append(
            f"{p.id}: {len(p.admitted)}/{p.capacity} — {', '.join(p.admitted) or 'nobody'}"
        )
    lines.append("")
    for a in result.applicants:
        if a.admitted_to is None:
            lines.append(f"{a.id}: no place")
        else:
            lines.append(f"{a.id}: {a.admitted_to} (choice {a.choice_number})")
    return "\n".join(lines)
