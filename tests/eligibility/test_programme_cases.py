"""Every case written beside every requirement set in the data files passes."""

import pytest

from openadmit.eligibility import all_requirement_files, load_cases, load_requirement_set
from openadmit.eligibility.cases import run_case

CASES = [
    pytest.param(path, case, id=f"{path.parent.parent.name}/{path.parent.name}: {case.name}")
    for path in all_requirement_files()
    for case in load_cases(path.parent / "cases.yaml")
]


def test_it_has_at_least_30_pioneer_cases():
    assert sum(1 for p in CASES if "pioneer/2026-09" in p.id) >= 30


@pytest.mark.parametrize(("path", "case"), CASES)
def test_it_decides_each_written_case_as_expected(path, case):
    assert run_case(load_requirement_set(path), case) == []
