"""Configured as docs/production.env says, Django's deployment check has nothing to say."""

import secrets
import subprocess
import sys
from pathlib import Path

from tests.services import server_environment

DOCUMENTED = Path(__file__).resolve().parents[2] / "docs" / "production.env"


def documented_environment(tmp_path: Path) -> dict[str, str]:
    values = {}
    for line in DOCUMENTED.read_text().splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            values[name] = value
    for name in [n for n in values if n.endswith("_FILE")]:
        secret = tmp_path / name.lower()
        secret.write_text(secrets.token_urlsafe(50))
        values[name] = str(secret)
    return values


def test_it_passes_the_deployment_check_with_no_warning(tmp_path):
    env = server_environment(
        **documented_environment(tmp_path), OPENADMIT_VAR_DIR=str(tmp_path / "var")
    )
    check = subprocess.run(
        [
            sys.executable,
            "-m",
            "openadmit.cli",
            "manage",
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
        ],
        env=env,
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert "System check identified no issues" in check.stdout


def test_it_warns_about_what_the_demo_leaves_open(tmp_path):
    """The control: without the documented settings the same check does warn."""
    env = server_environment(OPENADMIT_VAR_DIR=str(tmp_path / "var"))
    check = subprocess.run(
        [sys.executable, "-m", "openadmit.cli", "manage", "check", "--deploy"],
        env=env,
        capture_output=True,
        text=True,
    )
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in check.stderr + check.stdout
