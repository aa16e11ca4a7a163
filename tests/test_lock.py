"""requirements.lock pins every dependency pyproject.toml asks for, at a version it allows:
a dependency added or narrowed without `make lock` fails here, not on a fresh machine."""

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
PIN = re.compile(r"^([A-Za-z0-9._-]+)(?:\[[^\]]*\])?==([^\s;\\]+)", re.MULTILINE)
LOCKED_EXTRAS = ("test", "s3")


def locked_versions() -> dict[str, str]:
    text = (ROOT / "requirements.lock").read_text()
    return {canonicalize_name(name): version for name, version in PIN.findall(text)}


def test_it_pins_every_dependency_at_a_version_pyproject_allows():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = [Requirement(r) for r in project["dependencies"]]
    for extra in LOCKED_EXTRAS:
        wanted += [Requirement(r) for r in project["optional-dependencies"][extra]]
    locked = locked_versions()
    problems = [
        f"{r.name}: locked {locked.get(canonicalize_name(r.name))}, pyproject wants {r.specifier}"
        for r in wanted
        if locked.get(canonicalize_name(r.name)) is None
        or not r.specifier.contains(locked[canonicalize_name(r.name)], prereleases=True)
    ]
    assert not problems, "run `make lock`: " + "; ".join(problems)


def test_it_gives_every_pinned_file_a_hash():
    blocks = re.split(r"\n(?=[A-Za-z0-9])", (ROOT / "requirements.lock").read_text())
    unhashed = [b.split()[0] for b in blocks if "==" in b.split("\n")[0] and "--hash=" not in b]
    assert not unhashed
