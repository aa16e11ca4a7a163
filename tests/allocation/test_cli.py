"""`openadmit allocate`: anyone can run and check an allocation from JSON files."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from openadmit.cli import main

CASES = Path(__file__).parent / "cases"


def write_case_input(tmp_path: Path, name: str, **changes) -> Path:
    data = yaml.safe_load((CASES / name).read_text(encoding="utf-8"))["input"]
    path = tmp_path / "input.json"
    path.write_text(json.dumps({**data, **changes}), encoding="utf-8")
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_it_awards_scholarships_from_a_json_file(tmp_path, capsys):
    path = write_case_input(tmp_path, "scholarships_pioneer_2026.yaml")
    code, out, _ = run(capsys, "allocate", "scholarships", str(path))
    assert code == 0
    result = json.loads(out)
    assert result["kind"] == "scholarships"
    assert result["main_list"][-1] == "C23"


def test_it_explains_scholarships_as_text(tmp_path, capsys):
    path = write_case_input(tmp_path, "scholarships_pioneer_2026.yaml")
    code, out, _ = run(capsys, "allocate", "scholarships", str(path), "--format", "text")
    assert code == 0
    assert "10% of 20 scholarships, rounded down (at least 1): at most 2 per nationality" in out
    assert "the cap of 2 per nationality is reached for IN, by C02, C06" in out
    assert "step 3: C03 declined the scholarship; C04 moved up" in out


def test_it_allocates_places_and_checks_its_own_result(tmp_path, capsys):
    path = write_case_input(tmp_path, "places_mobility_tracks.yaml")
    code, out, _ = run(capsys, "allocate", "places", str(path))
    assert code == 0
    result_path = tmp_path / "result.json"
    result_path.write_text(out, encoding="utf-8")

    code, out, _ = run(capsys, "allocate", "check", str(result_path))
    assert code == 0
    assert json.loads(out) == {"kind": "places", "valid": True, "problems": []}

    code, out, _ = run(capsys, "allocate", "check", str(result_path), "--format", "text")
    assert code == 0
    assert out.startswith("The places result holds")


def test_it_checks_a_scholarship_result(tmp_path, capsys):
    path = write_case_input(tmp_path, "scholarships_dual_national_all.yaml")
    _, out, _ = run(capsys, "allocate", "scholarships", str(path))
    result_path = tmp_path / "result.json"
    result_path.write_text(out, encoding="utf-8")
    code, out, _ = run(capsys, "allocate", "check", str(result_path), "--format", "text")
    assert code == 0
    assert "caps respected" in out


def test_it_exits_1_with_reasons_on_a_broken_result(tmp_path, capsys):
    path = write_case_input(tmp_path, "places_mobility_tracks.yaml")
    _, out, _ = run(capsys, "allocate", "places", str(path))
    result = json.loads(out)
    for applicant in result["applicants"]:
        if applicant["id"] == "dan":
            applicant.update(admitted_to="PIONEER-LEUVEN", choice_number=1)
    for programme in result["programmes"]:
        if programme["id"] == "PIONEER-LEUVEN":
            programme["admitted"] = ["ben", "dan"]
    result_path = tmp_path / "broken.json"
    result_path.write_text(json.dumps(result), encoding="utf-8")

    code, out, _ = run(capsys, "allocate", "check", str(result_path), "--format", "text")
    assert code == 1
    assert "- PIONEER-LEUVEN: 2 admitted for 1 places" in out


@pytest.mark.parametrize(
    ("case", "changes", "message"),
    [
        (
            "scholarships_dual_national_all.yaml",
            {"candidates": [{"id": "A", "rank": 1, "nationalities": ["brazil"]}]},
            "candidates[0].nationalities[0]: String should match pattern",
        ),
        (
            "scholarships_dual_national_all.yaml",
            {"nationality_cap": {"share": 0.1, "count": 2}},
            "nationality_cap: Value error, give either share or count, not both or neither",
        ),
        (
            "scholarships_dual_national_all.yaml",
            {"declines": ["A", "Z"]},
            "declines[1]: unknown candidate 'Z'",
        ),
        (
            "scholarships_dual_national_all.yaml",
            {"declines": ["A", "A"]},
            "declines[1]: 'A' repeats declines[0]",
        ),
        (
            "scholarships_dual_national_all.yaml",
            {"dual_nationals": "any"},
            "dual_nationals: Input should be 'first_listed', 'all' or 'most_favourable'",
        ),
        (
            "places_mobility_tracks.yaml",
            {"applicants": [{"id": "ana", "choices": ["PIONEER-ROME"]}]},
            "applicants[0].choices[0]: unknown programme 'PIONEER-ROME'",
        ),
    ],
)
def test_it_exits_2_naming_the_field_of_invalid_input(tmp_path, capsys, case, changes, message):
    path = write_case_input(tmp_path, case, **changes)
    action = case.split("_")[0]
    code, out, err = run(capsys, "allocate", action, str(path))
    assert code == 2
    assert out == ""
    assert message in err


def test_it_names_a_candidate_who_cannot_decline(tmp_path, capsys):
    path = write_case_input(tmp_path, "scholarships_pioneer_2026.yaml", declines=["C25"])
    code, _, err = run(capsys, "allocate", "scholarships", str(path))
    assert code == 2
    assert "declines[0]: 'C25' holds neither a scholarship nor a reserve place" in err


def test_it_exits_2_on_a_file_that_is_not_json(tmp_path, capsys):
    path = tmp_path / "input.json"
    path.write_text("{not json", encoding="utf-8")
    code, _, err = run(capsys, "allocate", "places", str(path))
    assert code == 2
    assert err.startswith(f"error: {path}: not valid JSON: ")
    assert "line 1 column 2" in err


def test_it_exits_2_on_a_missing_file(tmp_path, capsys):
    path = tmp_path / "nowhere.json"
    code, _, err = run(capsys, "allocate", "check", str(path))
    assert code == 2
    assert err == f"error: {path}: No such file or directory\n"


@pytest.mark.parametrize(
    ("kind", "shown"), [("lottery", "'lottery'"), (["places"], "['places']"), (None, "None")]
)
def test_it_exits_2_on_a_result_of_unknown_kind(tmp_path, capsys, kind, shown):
    path = tmp_path / "result.json"
    path.write_text(json.dumps({"kind": kind}), encoding="utf-8")
    code, _, err = run(capsys, "allocate", "check", str(path))
    assert code == 2
    assert f"kind: must be one of places, scholarships, not {shown}" in err


def test_it_prints_no_traceback_from_the_installed_command(tmp_path):
    path = write_case_input(
        tmp_path,
        "places_mobility_tracks.yaml",
        programmes=[{"id": "X", "capacity": -1, "ranking": []}],
    )
    completed = subprocess.run(
        [sys.executable, "-m", "openadmit.cli", "allocate", "places", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 2
    assert "programmes[0].capacity: Input should be greater than or equal to 0" in completed.stderr
    assert "Traceback" not in completed.stderr
