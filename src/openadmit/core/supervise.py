"""Keeping a machine's processes running: started together, restarted when one dies, and
stopped together on SIGTERM or Ctrl-C. Used by `openadmit serve` and `openadmit worker`;
on several machines, systemd or Kubernetes does the same for each command."""

import logging
import os
import signal
import subprocess  # nosec B404 # starts openadmit's own commands and nginx
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["Child", "Supervisor", "openadmit_command"]

logger = logging.getLogger(__name__)

# A child that ran this long before it died is restarted at once; one that keeps dying
# young waits longer each time, up to MAX_BACKOFF_SECONDS.
HEALTHY_SECONDS = 10
MAX_BACKOFF_SECONDS = 30
STOP_SECONDS = 30


def openadmit_command(*arguments: str) -> list[str]:
    """An `openadmit` subcommand run by this very interpreter."""
    return [sys.executable, "-m", "openadmit.cli", *arguments]


@dataclass
class Child:
    name: str
    argv: list[str]
    # Sent to stop the child gracefully (nginx stops gracefully on SIGQUIT).
    stop_signal: int = signal.SIGTERM
    # A process group of its own, so that what it leaves behind when it dies can be ended
    # with it; a supervisor's children inside another supervised process stay in its group,
    # and end with it.
    own_group: bool = True
    process: subprocess.Popen | None = None
    started_at: float = 0.0
    failures: int = 0
    restart_at: float | None = None

    def start(self) -> None:
        # argv is openadmit's own command line or nginx's, and no shell reads it.
        self.process = subprocess.Popen(  # nosec B603 # see above
            self.argv, start_new_session=self.own_group
        )
        self.started_at = time.monotonic()
        self.restart_at = None
        logger.info("started %s (pid %s)", self.name, self.process.pid, extra={"child": self.name})

    def end_leftovers(self) -> None:
        """Kill what the dead child left running: gunicorn's workers outlive a killed master
        and keep its port, taking connections they no longer answer."""
        if not self.own_group:
            return
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


class Supervisor:
    def __init__(self, children: list[Child]) -> None:
        self.children = children
        self.stopping = False
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)

    def _stop(self, signum, frame) -> None:
        self.stopping = True

    def start(
        self, child: Child, ready: Callable[[], bool] | None = None, wait: float = 90
    ) -> None:
        """Start a child; with `ready`, wait until it says it is ready (or fail)."""
        child.start()
        if ready is None:
            return
        deadline = time.monotonic() + wait
        while not ready():
            if child.process.poll() is not None or time.monotonic() > deadline or self.stopping:
                self.stop_all()
                raise SystemExit(f"{child.name} did not start; see its output above")
            time.sleep(0.3)

    def run(self, started: list[Child] | None = None) -> int:
        """Start the children not yet `started`, then watch all of them until asked to stop."""
        for child in self.children:
            if child not in (started or []):
                child.start()
        while not self.stopping:
            now = time.monotonic()
            for child in self.children:
                if child.restart_at is not None:
                    if now >= child.restart_at:
                        child.start()
                    continue
                code = child.process.poll()
                if code is None:
                    continue
                lived = now - child.started_at
                child.failures = 0 if lived >= HEALTHY_SECONDS else child.failures + 1
                delay = min(2**child.failures - 1, MAX_BACKOFF_SECONDS)
                logger.warning(
                    "%s (pid %s) exited with %s after %.0f s; restarting in %s s",
                    child.name,
                    child.process.pid,
                    code,
                    lived,
                    delay,
                    extra={"child": child.name, "exit_code": code},
                )
                child.end_leftovers()
                child.restart_at = now + delay
            time.sleep(0.2)
        self.stop_all()
        return 0

    def stop_all(self) -> None:
        running = [c for c in self.children if c.process is not None and c.process.poll() is None]
        for child in running:
            try:
                child.process.send_signal(child.stop_signal)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + STOP_SECONDS
        for child in running:
            try:
                child.process.wait(timeout=max(deadline - time.monotonic(), 0.1))
            except subprocess.TimeoutExpired:
                logger.warning("%s did not stop in time; killing it", child.name)
                child.process.kill()
                child.process.wait()
            child.end_leftovers()
