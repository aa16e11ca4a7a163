"""Whether a requirement set may be published: valid, free of conflicts, its cases passing.

The catalogue's import calls ``publishable_requirement_set`` (data files) or
``check_publishable`` (a document it built itself) and refuses a set with problems.
"""

from pathlib import Path

from openadmit.eligibility.cases import Case, load_cases, run_cases
from openadmit.eligibility.engine import compile_requirement_set, find_conflicts
from openadmit.eligibility.errors import RequirementSetError
from openadmit.eligibility.programme_files import CASES_FILE, REQUIREMENTS_FILE
from openadmit.eligibility.requirement_set import RequirementSet, load_requirement_set


class NotPublishable(RequirementSetError):
    """A requirement set with conflicts or failing cases; ``problems`` lists each."""

    def __init__(self, name: str, problems: list[str]):
        self.problems = problems
        super().__init__(f"{name} cannot be published:\n" + "\n".join(f"- {p}" for p in problems))


def check_publishable(rs: RequirementSet, cases: list[Case] | None = None) -> list[str]:
    """Every reason the set cannot be published; empty when it can."""
    problems = find_conflicts(rs)
    if problems:
        return problems
    try:
        compile_requirement_set(rs)
    except RequirementSetError as error:
        return [str(error)]
    for failure in run_cases(rs, cases or []):
        problems += [f"case “{failure.name}”: {problem}" for problem in failure.problems]
    return problems


def publishable_requirement_set(path: str | Path, require_cases: bool = True) -> RequirementSet:
    """Load a set from its folder (or its requirements.yaml) with the cases beside it.

    Raises RequirementSetError when the file is invalid and NotPublishable when it has
    conflicts, failing cases, or (with ``require_cases``) no cases at all.
    """
    path = Path(path)
    folder = path if path.is_dir() else path.parent
    rs = load_requirement_set(folder / REQUIREMENTS_FILE if path.is_dir() else path)
    cases_path = folder / CASES_FILE
    cases = load_cases(cases_path) if cases_path.is_file() else None
    problems = check_publishable(rs, cases)
    if cases is None and require_cases:
        problems.append(f"{cases_path}: no cases beside the set; write some before publishing")
    if problems:
        raise NotPublishable(f"{rs.id} version {rs.version}", problems)
    return rs
