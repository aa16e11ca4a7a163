"""The generated catalogues the benchmarks share, built once and kept under var/bench/.

`openadmit generate-catalogue --programmes N --seed 1` into SQLite
(var/bench/catalogue-N.sqlite3) or into a PostgreSQL database of its own
(openadmit_bench_catalogue_N on the server the tests use). A stamp beside it names the
programmes, the seed and a digest of the catalogue's migrations: a catalogue built by
older code is built again, never measured.
"""

import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "var" / "bench"
SEED = 1
MIGRATIONS = ROOT / "src" / "openadmit" / "catalogue" / "migrations"


def _schema() -> str:
    """A digest of the catalogue's migrations: any change to them builds anew."""
    digest = hashlib.sha256()
    for path in sorted(MIGRATIONS.glob("0*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _admin_url() -> str:
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        base = "postgresql://postgres@127.0.0.1:5432/postgres"
    return base.replace("postgres://", "postgresql://", 1)


def postgres_available() -> bool:
    try:
        with psycopg.connect(_admin_url(), connect_timeout=3):
            return True
    except psycopg.Error:
        return False


def catalogue(kind: str, programmes: int) -> tuple[str, float | None]:
    """The DATABASE_URL of the ``kind`` ("sqlite" or "postgres") catalogue of this size,
    and the seconds it took to build now (None when it was already built)."""
    FOLDER.mkdir(parents=True, exist_ok=True)
    stamp = FOLDER / f"catalogue-{kind}-{programmes}.done"
    wanted = f"{programmes} programmes, seed {SEED}, schema {_schema()}"
    if kind == "sqlite":
        path = FOLDER / f"catalogue-{programmes}.sqlite3"
        url = f"sqlite:///{path}"
    else:
        name = f"openadmit_bench_catalogue_{programmes}"
        url = _admin_url().rsplit("/", 1)[0] + f"/{name}"
    if stamp.exists() and stamp.read_text() == wanted:
        return url, None
    stamp.unlink(missing_ok=True)
    if kind == "sqlite":
        for stale in FOLDER.glob(f"{path.name}*"):
            stale.unlink()
    else:
        with psycopg.connect(_admin_url(), autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            admin.execute(f"CREATE DATABASE {name}")
    print(f"building the {programmes:,}-programme catalogue on {kind}", flush=True)
    started = time.perf_counter()
    subprocess.run(
        [Path(sys.executable).parent / "openadmit", "generate-catalogue",
         "--programmes", str(programmes), "--seed", str(SEED)],
        env=environment(url), check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    stamp.write_text(wanted)
    return url, time.perf_counter() - started


def environment(url: str) -> dict[str, str]:
    """The environment of a process on that catalogue (never the demo's database)."""
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "OPENADMIT_VAR_DIR": str(FOLDER),
        "LOG_LEVEL": "ERROR",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("OPENADMIT_TEST_DATABASE", None)
    return env
