"""`openadmit check` and `openadmit rules test` from the command line, without a database."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from openadmit.cli import main
from openadmit.eligibility import requirement_file
from tests.eligibility.factories import leuven_law_graduate


@pytest.fixture
def profile_file(tmp_path):
    def write(profile) -> str:
        path = tmp_path / "profile.json"
        path.write_text(json.dumps(profile))
        return str(path)

    return write


def test_it_runs_as_the_installed_console_script(profile_file):
    script = Path(sys.executable).parent / "openadmit"
    completed = subprocess.run(
        [
            script,
            "check",
            "pioneer",
            profile_file(leuven_law_graduate()),
            "--at",
            "2026-05-04T10:00:00Z",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert "ELIGIBLE: You can apply." in completed.stdout
    assert "IELTS Academic overall score 7.0 meets the minimum of 7.0" in completed.stdout


def test_it_prints_the_verdict_json_alone(profile_file, capsys):
    at = "2026-07-01T22:30:00Z"
    assert (
        main(
            [
                "check",
                "pioneer",
                profile_file(leuven_law_graduate()),
                "--at",
                at,
                "--format",
                "json",
            ]
        )
        == 0
    )
    verdict = json.loads(capsys.readouterr().out)
    assert verdict["outcome"] == "ineligible"
    assert verdict["deadline"]["closes_at"] == "2026-07-01T23:59:59+02:00"
    assert verdict["ruleset"]["id"] == "pioneer-2026-09"


def test_it_chooses_the_intake_and_reads_the_profile_from_standard_input(monkeypatch, capsys):
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(leuven_law_graduate())))
    assert (
        main(["check", "pioneer", "-", "--intake", "2026-09", "--at", "2026-05-04T10:00:00+02:00"])
        == 0
    )
    assert "intake 2026-09" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"language_tests": [{"test": "ielts", "overall": 7}]}, "language_tests.0.test"),
        ({"language_tests": [{"test": "toefl_ibt", "overall": 150}]}, "language_tests.0.overall"),
        ({"nationalities": ["QQ"]}, "nationalities.0"),
        ({"nationalities": []}, "nationalities"),
    ],
)
def test_it_exits_2_naming_the_field_of_an_invalid_profile(profile_file, capsys, change, field):
    assert main(["check", "pioneer", profile_file(leuven_law_graduate(**change))]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"error: {field}: ")
    assert "Traceback" not in captured.err


@pytest.mark.parametrize(
    ("arguments", "words"),
    [
        (["check", "nowhere", "{profile}"], "error: programme: no programme 'nowhere'"),
        (
            ["check", "pioneer", "{profile}", "--intake", "2031-02"],
            "error: --intake: programme 'pioneer' has no intake",
        ),
        (
            ["check", "pioneer", "{profile}", "--at", "2026-07-01T23:30"],
            "error: --at: a moment needs its time zone",
        ),
        (
            ["check", "pioneer", "{profile}", "--at", "tomorrow"],
            "error: --at: 'tomorrow' is not an ISO 8601",
        ),
        (
            ["check", "pioneer", "/no/such/profile.json"],
            "error: /no/such/profile.json: No such file",
        ),
    ],
)
def test_it_exits_2_on_bad_arguments(profile_file, capsys, arguments, words):
    path = profile_file(leuven_law_graduate())
    assert main([a.replace("{profile}", path) for a in arguments]) == 2
    assert capsys.readouterr().err.startswith(words)


def test_it_exits_2_on_a_file_that_is_not_json(tmp_path, capsys):
    path = tmp_path / "profile.json"
    path.write_text("{nationalities: IN}")
    assert main(["check", "pioneer", str(path)]) == 2
    assert "not valid JSON" in capsys.readouterr().err


def test_it_runs_every_sets_cases(capsys):
    assert main(["rules", "test"]) == 0
    out = capsys.readouterr().out
    assert "ok   pioneer-2026-09 version 1: " in out and "cases pass" in out


def test_it_reports_a_failing_case_and_exits_1(tmp_path, capsys):
    folder = requirement_file("pioneer", "2026-09").parent
    shutil.copy(folder / "requirements.yaml", tmp_path)
    cases = yaml.safe_load((folder / "cases.yaml").read_text())
    cases["cases"][1]["expect"]["criteria"]["degree"] = "review"
    (tmp_path / "cases.yaml").write_text(yaml.safe_dump(cases))
    assert main(["rules", "test", str(tmp_path / "cases.yaml")]) == 1
    out = capsys.readouterr().out
    assert out.startswith("FAIL pioneer-2026-09 version 1")
    assert "criteria.degree: expected review, got eligible" in out
