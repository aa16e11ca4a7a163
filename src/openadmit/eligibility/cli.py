"""`openadmit check` and `openadmit rules test`: the engine from the command line.

Both read the data files under ``src/openadmit/data/programmes/`` and need no database.
Exit codes: 0 a verdict (whatever it says) or passing cases; 1 failing cases; 2 invalid
input, with a message naming the field.
"""

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

from openadmit.eligibility.cases import load_cases
from openadmit.eligibility.engine import compile_requirement_set
from openadmit.eligibility.errors import RequirementSetError
from openadmit.eligibility.moments import MomentError, format_moment, parse_moment
from openadmit.eligibility.profile import ProfileError, parse_profile
from openadmit.eligibility.programme_files import (
    CASES_FILE,
    PROGRAMMES_DIR,
    REQUIREMENTS_FILE,
    UnknownProgramme,
    intake_dirs,
    requirement_file,
)
from openadmit.eligibility.publishing import check_publishable
from openadmit.eligibility.requirement_set import RequirementSet, load_requirement_set
from openadmit.eligibility.verdict import Verdict

MARKS = {"eligible": "✔", "review": "?", "incomplete": "…", "ineligible": "✘", "not_requested": "-"}
HEADLINES = {
    "eligible": "You can apply.",
    "review": "You can apply; an admissions officer will judge some of your file.",
    "incomplete": "Some information is missing before you can apply.",
    "ineligible": "You cannot apply to this intake.",
}


def register(subparsers: argparse._SubParsersAction) -> None:
    check = subparsers.add_parser(
        "check", help="check a profile (JSON) against a programme's admission requirements"
    )
    check.add_argument("programme", help="programme slug, e.g. pioneer")
    check.add_argument("profile", help="applicant profile JSON file, or - for standard input")
    check.add_argument("--intake", help="intake, e.g. 2026-09 (default: the one open at --at)")
    check.add_argument("--at", help="moment of application, ISO 8601 with offset (default: now)")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.set_defaults(func=_check)

    rules = subparsers.add_parser("rules", help="requirement sets: run their cases")
    rules_commands = rules.add_subparsers(dest="rules_command", required=True, metavar="COMMAND")
    test = rules_commands.add_parser("test", help="run the cases beside requirement sets")
    test.add_argument("paths", nargs="*", type=Path, help="set folders or files (default: all)")
    test.set_defaults(func=_rules_test)


def _fail(field: str, problem: str) -> int:
    print(f"error: {field}: {problem}", file=sys.stderr)
    return 2


def _read_json(name: str):
    text = sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8")
    return json.loads(text)


def choose_intake(programme: str, at: datetime) -> RequirementSet:
    """The first intake still open at ``at``, else the latest one."""
    sets = [load_requirement_set(folder / REQUIREMENTS_FILE) for folder in intake_dirs(programme)]
    if not sets:
        raise UnknownProgramme(f"programme {programme!r} has no requirement set")
    return next((rs for rs in sets if rs.is_open_at(at)), sets[-1])


def _check(args: argparse.Namespace) -> int:
    try:
        at = parse_moment(args.at) if args.at else datetime.now(UTC)
    except MomentError as error:
        return _fail("--at", str(error))
    try:
        data = _read_json(args.profile)
    except OSError as error:
        return _fail(args.profile, error.strerror or str(error))
    except json.JSONDecodeError as error:
        return _fail(args.profile, f"not valid JSON ({error.msg}, line {error.lineno})")
    except ValueError as error:
        # Not UTF-8, or an integer longer than Python reads (4,300 digits).
        return _fail(args.profile, f"not valid JSON ({error})")
    try:
        profile = parse_profile(data)
    except ProfileError as error:
        for field, problem in error.problems.items():
            _fail(field, problem)
        return 2
    try:
        if args.intake:
            rs = load_requirement_set(requirement_file(args.programme, args.intake))
        else:
            rs = choose_intake(args.programme, at)
    except UnknownProgramme as error:
        return _fail("--intake" if args.intake else "programme", str(error))
    except RequirementSetError as error:
        print(f"error: the requirement set is invalid:\n{error}", file=sys.stderr)
        return 1
    verdict = compile_requirement_set(rs).evaluate(profile, at)
    if args.format == "json":
        print(json.dumps(verdict.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(render_text(verdict, rs))
    return 0


def render_text(verdict: Verdict, rs: RequirementSet) -> str:
    lines = [
        f"{rs.title}, intake {rs.intake}",
        f"Rules {verdict.ruleset.id} version {verdict.ruleset.version} "
        f"(sha256 {verdict.ruleset.sha256[:12]}), at {format_moment(verdict.at, rs.zone)}",
        "",
        f"{verdict.outcome.upper()}: {HEADLINES[verdict.outcome]}",
        "",
    ]
    results = list(verdict.criteria) + ([verdict.scholarship] if verdict.scholarship else [])
    for item in results:
        lines.append(f"{MARKS[item.outcome]} {item.title}: {item.outcome.replace('_', ' ')}")
        lines.append(f"  {item.explanation}")
        if item.condition is not None:
            lines.append(f"  Condition: {item.condition.render()}")
        where = item.source.clause or item.source.quote
        lines.append(f"  Source: {item.source.title}, {where} <{item.source.url}>")
    if verdict.deadline:
        lines += [
            "",
            f"Your deadline ({verdict.deadline.label}): "
            f"{format_moment(verdict.deadline.closes_at, rs.zone)}",
        ]
    return "\n".join(lines)


def _set_folders(paths: list[Path]) -> list[Path]:
    if not paths:
        paths = [PROGRAMMES_DIR]
    folders: list[Path] = []
    for path in paths:
        if path.is_file():
            folders.append(path.parent)
        elif (path / REQUIREMENTS_FILE).is_file():
            folders.append(path)
        else:
            folders += sorted(p.parent for p in path.rglob(REQUIREMENTS_FILE))
    return folders


def _rules_test(args: argparse.Namespace) -> int:
    missing = [p for p in args.paths if not p.exists()]
    if missing:
        return _fail(str(missing[0]), "no such file or folder")
    folders = _set_folders(args.paths)
    if not folders:
        return _fail("paths", "no requirements.yaml found")
    failed = 0
    for folder in folders:
        try:
            rs = load_requirement_set(folder / REQUIREMENTS_FILE)
            cases_path = folder / CASES_FILE
            cases = load_cases(cases_path) if cases_path.is_file() else []
        except RequirementSetError as error:
            print(f"FAIL {folder}\n{error}")
            failed += 1
            continue
        problems = check_publishable(rs, cases)
        if not cases:
            problems.append(f"no cases in {cases_path}")
        name = f"{rs.id} version {rs.version}"
        if problems:
            failed += 1
            print(f"FAIL {name} ({folder})")
            print("\n".join(f"  {problem}" for problem in problems))
        else:
            print(f"ok   {name}: {len(cases)} cases pass ({folder})")
    return 1 if failed else 0
