"""Where the requirement sets of programmes live in the data files, without a database.

Layout: ``src/openadmit/data/programmes/<programme slug>/<intake>/requirements.yaml`` with
its cases in ``cases.yaml`` beside it.
"""

from pathlib import Path

PROGRAMMES_DIR = Path(__file__).resolve().parent.parent / "data" / "programmes"
REQUIREMENTS_FILE = "requirements.yaml"
CASES_FILE = "cases.yaml"


class UnknownProgramme(LookupError):
    """No requirement set in the data files for this programme (or intake)."""


def intake_dirs(programme: str, root: Path = PROGRAMMES_DIR) -> list[Path]:
    """The intake folders of a programme that hold a requirement set, oldest first."""
    folder = root / programme
    if not folder.is_dir() or "/" in programme or programme.startswith("."):
        raise UnknownProgramme(f"no programme {programme!r} in {root}")
    return sorted(d for d in folder.iterdir() if (d / REQUIREMENTS_FILE).is_file())


def requirement_file(programme: str, intake: str, root: Path = PROGRAMMES_DIR) -> Path:
    """The requirement-set file of one programme intake."""
    for folder in intake_dirs(programme, root):
        if folder.name == intake:
            return folder / REQUIREMENTS_FILE
    raise UnknownProgramme(f"programme {programme!r} has no intake {intake!r} in {root}")


def all_requirement_files(root: Path = PROGRAMMES_DIR) -> list[Path]:
    """Every requirement-set file under the data folder, in a stable order."""
    return sorted(root.glob(f"*/*/{REQUIREMENTS_FILE}"))
