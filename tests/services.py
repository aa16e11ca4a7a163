"""Throwaway servers on free loopback ports, for tests and benchmarks that stop them.

A fault test may restart, stop or kill these; it never touches the machine's own
PostgreSQL or Redis. Each lives in a folder of its own and is removed with it.
"""

import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

__all__ = [
    "MotoServer",
    "ProductionSite",
    "server_environment",
    "ThrowawayPostgres",
    "ThrowawayRedis",
    "free_port",
    "postgres_bindir",
    "wait_until",
]


# What the suite sets for itself and a server of its own must not inherit.
SUITE_ONLY = ("OPENADMIT_TEST_DATABASE", "DJANGO_ALLOW_ASYNC_UNSAFE")


def server_environment(**values: str) -> dict[str, str]:
    """This process's environment without the suite's own variables, plus `values`."""
    return {**{k: v for k, v in os.environ.items() if k not in SUITE_ONLY}, **values}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(check, *, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not happen within {timeout:.0f} s")
        time.sleep(0.1)


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def postgres_bindir() -> Path | None:
    """Where initdb and pg_ctl are: pg_config's word, else Debian's newest version."""
    try:
        found = subprocess.run(
            ["pg_config", "--bindir"], capture_output=True, text=True, check=True
        ).stdout.strip()
        if (Path(found) / "initdb").exists():
            return Path(found)
    except (OSError, subprocess.CalledProcessError):
        pass
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    return versions[-1].parent if versions else None


class ThrowawayPostgres:
    """A PostgreSQL cluster of its own in a temporary folder, with trust authentication.

    As root, the server runs as the `postgres` user, since PostgreSQL refuses root; its
    folder is then a top-level temporary folder, which that user can reach.
    """

    def __init__(self) -> None:
        self.bindir = postgres_bindir()
        if self.bindir is None:
            raise RuntimeError("PostgreSQL's server programs (initdb, pg_ctl) are not installed")
        self.folder = Path(tempfile.mkdtemp(prefix="openadmit-postgres-"))
        self.data = self.folder / "pgdata"
        self.port = free_port()
        self.user = "postgres" if os.geteuid() == 0 else None
        if self.user:
            account = pwd.getpwnam(self.user)
            os.chown(self.folder, account.pw_uid, account.pw_gid)

    def _run(self, *argv: str) -> None:
        command = [str(self.bindir / argv[0]), *argv[1:]]
        if self.user:
            command = ["runuser", "-u", self.user, "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, cwd=self.folder)
        if done.returncode != 0:
            raise RuntimeError(f"{argv[0]} failed: {done.stderr.strip() or done.stdout.strip()}")

    def create(self) -> "ThrowawayPostgres":
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        self.start()
        return self

    def start(self) -> None:
        options = (
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c max_connections=200"
        )
        log = str(self.folder / "server.log")
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", log, "-w", "start")

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    def restart(self, mode: str = "fast") -> None:
        # Not `pg_ctl restart`, which forgets the log file and writes to our pipe instead.
        self.stop(mode)
        self.start()

    def url(self, database: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        import psycopg

        admin = self.url().replace("postgres://", "postgresql://", 1)
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def remove(self) -> None:
        try:
            self.stop("immediate")
        except RuntimeError:
            pass  # already stopped
        shutil.rmtree(self.folder, ignore_errors=True)


class ThrowawayRedis:
    """A redis-server of its own, without persistence: a stop loses what it held."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = free_port()
        self.process: subprocess.Popen | None = None
        folder.mkdir(parents=True, exist_ok=True)

    def start(self) -> "ThrowawayRedis":
        self.process = subprocess.Popen(
            [
                shutil.which("redis-server") or "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.folder),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until(lambda: _answers(self.port), timeout=10, what="redis-server starting")
        return self

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"


class MotoServer:
    """moto's S3-compatible server (`moto_server`), in a process of its own."""

    def __init__(self) -> None:
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    def start(self) -> "MotoServer":
        self.process = subprocess.Popen(
            [str(Path(sys.executable).parent / "moto_server"), "-p", str(self.port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

        def up() -> bool:
            try:
                with urllib.request.urlopen(f"{self.url}/moto-api/", timeout=1):  # noqa: S310
                    return True
            except OSError:
                return False

        wait_until(up, timeout=30, what="moto_server starting")
        return self

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


class ProductionSite:
    """`openadmit serve --production` on a free port, over a PostgreSQL cluster and a Redis
    server of its own (`postgres`, `redis`), its output in `log`."""

    def __init__(self, folder: Path, **env: str) -> None:
        self.folder = folder
        self.postgres = ThrowawayPostgres().create()
        self.redis = ThrowawayRedis(folder / "redis").start()
        (folder / "secret_key").write_text("a-throwaway-site-key-" + "k" * 50)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = folder / "site.log"
        self.env = server_environment(
            OPENADMIT_VAR_DIR=str(folder / "var"),
            DATABASE_URL=self.postgres.create_database("openadmit"),
            DB_CONN_MAX_AGE="600",
            REDIS_URL=self.redis.url,
            SECRET_KEY_FILE=str(folder / "secret_key"),
            **env,
        )
        self.server: subprocess.Popen | None = None

    def openadmit(self, *arguments: str) -> str:
        """Run an `openadmit` command against this site; its output."""
        return subprocess.run(
            [sys.executable, "-m", "openadmit.cli", *arguments],
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    def start(self, *serve_arguments: str) -> "ProductionSite":
        with open(self.log, "w") as output:
            self.server = subprocess.Popen(
                [
                    *[sys.executable, "-m", "openadmit.cli", "serve", "--production"],
                    *["--port", str(self.port), *serve_arguments],
                ],
                env=self.env,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        wait_until(self.ready, timeout=180, what="the site starting")
        return self

    def ready(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.url}/readyz", timeout=2) as answer:  # noqa: S310
                return b'"ready"' in answer.read()
        except OSError:
            return False

    def stop(self) -> None:
        if self.server is not None:
            self.server.send_signal(signal.SIGTERM)
            self.server.wait(timeout=90)
        self.redis.stop()
        self.postgres.remove()
