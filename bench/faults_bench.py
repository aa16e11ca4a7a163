"""The production topology under faults, then under a spike: nothing acknowledged is lost.

`openadmit serve --production` on this machine (nginx, three gunicorn processes, two task
workers with their outbox relays) over a PostgreSQL cluster and a Redis server of its own.
Applicants apply as in the applications benchmark (sign in, seven steps, six PDFs, submit);
like people, they send a step again after an error page, up to ten times.

Faults, while they apply: PostgreSQL restarted; a gunicorn worker killed; the gunicorn
master killed (the supervisor starts another); a task worker killed with the job it was
running; Redis stopped for ten seconds and started again, empty.
Then the spike: four times the applications benchmark's concurrency (4), beside a run at
that steady concurrency in the same topology.

Afterwards, every acknowledged submission (a receipt with its reference) must be stored
exactly once with its six files intact, every stored submission must have its confirmation
delivered over SMTP, every failed request must have had a clear "try again" page within
HANG_SECONDS, and every killed process must be running again. p99 and the error rate of
each phase are reported. Exit status 1 when any of these fails.
"""

import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_DIR))

from aiosmtpd.controller import Controller  # noqa: E402 - after the path
from tests.mail import Mailbox  # noqa: E402 - the suite's SMTP sink
from tests.services import ProductionSite, free_port, wait_until  # noqa: E402

from applications_bench import PASSWORD, Applicant, _verify  # noqa: E402
from loopback import create_verified_applicants_code  # noqa: E402

FAULT_APPLICANTS = 120
STEADY_APPLICANTS = 60
SPIKE_APPLICANTS = 160
STEADY = 4  # the applications benchmark's concurrency
SPIKE = 4 * STEADY
WEB_WORKERS = 3
TASK_WORKERS = 2
RETRIES = 10
HANG_SECONDS = 10.0
TRY_AGAIN = "Please try again in a minute"
REFERENCE_IN_SUBJECT = re.compile(r"Application received: (\S+)")

STORED = """
import json
from openadmit.applications.models import Submission
from openadmit.core.models import OutboxMessage
print(json.dumps({
    "references": list(Submission.objects.values_list("reference", flat=True)),
    "unsent": OutboxMessage.objects.filter(sent_at__isnull=True).count(),
}))
"""


@dataclass
class Failure:
    kind: str
    status: int  # 0: no answer at all
    clear: bool
    seconds: float
    at: float  # seconds since the benchmark's clock started


CLOCK = time.monotonic()


class PersistentApplicant(Applicant):
    """An applicant who, shown an error, sends the same step again a second later."""

    def __init__(self, base: str, index: int) -> None:
        super().__init__(base, index)
        self.failures: list[Failure] = []

    @staticmethod
    def clock() -> float:
        return time.monotonic() - CLOCK

    def request(self, kind, path, data=None, headers=None):
        for _ in range(RETRIES):
            started = time.perf_counter()
            try:
                return super().request(kind, path, data, headers)
            except urllib.error.HTTPError as error:
                body = error.read().decode(errors="replace")
                error.close()
                clear = error.code == 503 and TRY_AGAIN in body
                self.failures.append(
                    Failure(kind, error.code, clear, time.perf_counter() - started, self.clock())
                )
            except (urllib.error.URLError, OSError):
                self.failures.append(
                    Failure(kind, 0, False, time.perf_counter() - started, self.clock())
                )
            time.sleep(1)
        raise RuntimeError(f"{self.email}: {kind} failed {RETRIES} times in a row")


@dataclass
class Phase:
    name: str
    applicants: list[PersistentApplicant]
    references: list[str | None]
    wall: float
    gave_up: int
    faults: list[str] = field(default_factory=list)

    def timings(self) -> list[float]:
        return [t for a in self.applicants for _, t in a.timings]

    def failures(self) -> list[Failure]:
        return [f for a in self.applicants for f in a.failures]


def run_phase(name: str, base: str, first: int, count: int, concurrency: int, faults=None):
    applicants = [PersistentApplicant(base, first + i) for i in range(count)]
    references: list[str | None] = []
    gave_up = 0
    injected: list[str] = []
    injector = None
    if faults is not None:
        injector = threading.Thread(target=faults, args=(injected,), daemon=True)
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        futures = [pool.submit(a.apply) for a in applicants]
        if injector:
            injector.start()
        for future in futures:
            try:
                references.append(future.result())
            except (RuntimeError, urllib.error.URLError, OSError) as error:
                gave_up += 1
                references.append(None)
                print(f"  gave up: {error}", file=sys.stderr)
    if injector:
        injector.join()
    return Phase(name, applicants, references, time.perf_counter() - started, gave_up, injected)


def processes(parent: int) -> list[int]:
    found = subprocess.run(
        ["ps", "-o", "pid=", "--ppid", str(parent)], capture_output=True, text=True
    ).stdout
    return [int(pid) for pid in found.split()]


def process_with(argument: str, under: int) -> int | None:
    for pid in processes(under):
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if argument.encode() in command:
            return pid
    return None


def kill(pid: int | None) -> None:
    if pid is not None:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


class Site(ProductionSite):
    def __init__(self, folder: Path, smtp: Controller) -> None:
        super().__init__(
            folder,
            PYTHONPATH=str(PROJECT_DIR),
            # Every applicant comes from loopback: allauth's per-address limits would refuse.
            ACCOUNT_RATE_LIMITS="false",
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST=smtp.hostname,
            EMAIL_PORT=str(smtp.port),
            OUTBOX_RETRY_SECONDS="5",
            OUTBOX_RELAY_SECONDS="1",
            OUTBOX_CLAIM_SECONDS="20",
            REQUEST_LOG_LEVEL="WARNING",
        )

    def prepare(self, applicants: int) -> None:
        self.openadmit("manage", "migrate", "-v", "0")
        self.openadmit(
            "manage",
            "shell",
            "-v",
            "0",
            "-c",
            "from tests.applications.factories import pioneer_intake\npioneer_intake()\n"
            + create_verified_applicants_code(applicants, PASSWORD),
        )

    def web_master(self) -> int | None:
        return process_with("web", self.server.pid)

    def task_workers(self) -> list[int]:
        """The running `openadmit task-worker` processes, one under each `worker`."""
        found = (process_with("task-worker", pid) for pid in processes(self.server.pid))
        return [pid for pid in found if pid is not None]


def fault_schedule(site: Site):
    def inject(done: list[str]) -> None:
        def at(second: float, what: str, action) -> None:
            time.sleep(max(0.0, second - (time.monotonic() - began)))
            action()
            done.append(f"{time.monotonic() - began:5.1f} s  {what}")

        began = time.monotonic()
        done.append(f"{began - CLOCK:5.1f} s  (the clock of the failures below)")
        at(6, "PostgreSQL restarted", site.postgres.restart)
        master = site.web_master()
        at(14, "a gunicorn worker killed", lambda: kill(processes(master)[0]))
        at(22, "the gunicorn master killed", lambda: kill(site.web_master()))

        def kill_task_worker() -> None:
            task_worker = site.task_workers()[0]
            for horse in processes(task_worker):
                kill(horse)  # the job it was running, mid-run
            kill(task_worker)

        at(30, "a task worker and its running job killed", kill_task_worker)
        at(38, "Redis stopped", site.redis.stop)
        at(48, "Redis started again, empty", site.redis.start)

    return inject


def percentile(values: list[float], fraction: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[round(fraction * 100) - 1]


def report(phase: Phase) -> tuple[float, float]:
    timings = phase.timings()
    failures = phase.failures()
    requests = len(timings) + len(failures)
    error_rate = len(failures) / requests if requests else 0.0
    p99 = percentile(timings, 0.99) * 1000
    p50 = statistics.median(timings) * 1000
    submitted = sum(1 for r in phase.references if r)
    print(
        f"{phase.name:<24} {len(phase.applicants):>5} {submitted:>9} {requests:>8} "
        f"{len(timings) / phase.wall:>7.1f} {p50:>7.0f} {p99:>7.0f} {100 * error_rate:>7.2f}%"
    )
    return p99, error_rate


def main() -> int:
    mailbox = Mailbox()
    smtp = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    smtp.start()
    folder = Path(tempfile.mkdtemp(prefix="openadmit-faults-bench-"))
    site = Site(folder, smtp)
    total = FAULT_APPLICANTS + STEADY_APPLICANTS + SPIKE_APPLICANTS
    try:
        site.prepare(total)
        site.start("--workers", str(WEB_WORKERS), "--task-workers", str(TASK_WORKERS))
        faulted = run_phase(
            "under faults", site.url, 0, FAULT_APPLICANTS, STEADY, fault_schedule(site)
        )
        wait_until(site.ready, timeout=120, what="the site being ready after the faults")
        steady = run_phase(
            "steady (4 at once)", site.url, FAULT_APPLICANTS, STEADY_APPLICANTS, STEADY
        )
        spike = run_phase(
            "spike (16 at once)",
            site.url,
            FAULT_APPLICANTS + STEADY_APPLICANTS,
            SPIKE_APPLICANTS,
            SPIKE,
        )
        phases = [faulted, steady, spike]
        references = {
            a.email: r
            for phase in phases
            for a, r in zip(phase.applicants, phase.references, strict=True)
            if r
        }
        problems = _verify(site.env, references)

        state = {}

        def drained() -> bool:
            state.update(json.loads(site.openadmit("manage", "shell", "-v", "0", "-c", STORED)))
            return state["unsent"] == 0

        try:
            wait_until(drained, timeout=240, what="the outbox emptying")
        except RuntimeError as error:
            problems.append(str(error))
        stored = set(state["references"])
        mailed = [
            REFERENCE_IN_SUBJECT.match(m["Subject"]).group(1)
            for m in mailbox.messages
            if REFERENCE_IN_SUBJECT.match(m["Subject"])
        ]
        unmailed = stored - set(mailed)
        duplicates = len(mailed) - len(set(mailed))
        problems += [f"{reference}: stored, but no confirmation arrived" for reference in unmailed]
        unacknowledged_stored = stored - set(references.values())
        restarts = [
            line for line in (folder / "site.log").read_text().splitlines() if "exited with" in line
        ]
        running = site.web_master() is not None and len(site.task_workers()) == TASK_WORKERS
    finally:
        site.stop()
        smtp.stop()

    print(
        f"production topology: nginx, {WEB_WORKERS} gunicorn workers, {TASK_WORKERS} task "
        "workers with relays, PostgreSQL and Redis of their own; each applicant: sign in, "
        "7 steps, 6 PDF uploads (one of 1 MB), submit"
    )
    print("faults injected while the first phase ran:")
    for line in faulted.faults:
        print(f"  {line}")
    print(
        f"{'phase':<24} {'appl.':>5} {'submitted':>9} {'requests':>8} {'per s':>7} "
        f"{'p50 ms':>7} {'p99 ms':>7} {'errors':>8}"
    )
    figures = {phase.name: report(phase) for phase in phases}
    failures = [f for phase in phases for f in phase.failures()]
    unclear = [f for f in failures if not f.clear]
    hangs = [f for f in failures if f.seconds > HANG_SECONDS]
    slowest = max(t for phase in phases for t in phase.timings())
    print(
        f"failed requests: {len(failures)}, each with a clear try-again page: "
        f"{len(failures) - len(unclear)}; without: {len(unclear)} "
        f"{sorted({(f.kind, f.status) for f in unclear})}; longest failure "
        f"{max((f.seconds for f in failures), default=0):.1f} s; slowest success {slowest:.1f} s"
    )
    for f in sorted(failures, key=lambda f: f.at):
        print(
            f"  at {f.at:6.1f} s: {f.kind:<13} answered {f.status or 'nothing'} after "
            f"{f.seconds:4.1f} s{'' if f.clear else ' WITHOUT a clear page'}"
        )
    gave_up = sum(phase.gave_up for phase in phases)
    print(
        f"acknowledged: {len(references)} of {total}; applicants who gave up: {gave_up}; "
        f"stored: {len(stored)} ({len(unacknowledged_stored)} without a receipt seen); "
        f"confirmations: {len(set(mailed))} of {len(stored)} ({duplicates} sent twice)"
    )
    print(
        f"processes restarted by the supervisor: {len(restarts)}; all running at the end: {running}"
    )
    print(f"read back: {len(problems)} problem(s)")
    for problem in problems[:10]:
        print(f"  {problem}")
    spike_p99, spike_errors = figures["spike (16 at once)"]
    steady_p99, _ = figures["steady (4 at once)"]
    print(
        f"spike: p99 {spike_p99:.0f} ms against {steady_p99:.0f} ms steady; "
        f"errors {100 * spike_errors:.2f}%"
    )
    ok = not problems and not unclear and not hangs and running and gave_up == 0
    if ok:
        shutil.rmtree(folder, ignore_errors=True)
    else:
        print(f"the site's log and files are kept in {folder}")
    print(
        "target: every acknowledged submission stored once with its files, every stored one "
        "mailed, every failure a clear page within "
        f"{HANG_SECONDS:.0f} s, every process back: {'met' if ok else 'MISSED'}"
    )
    return 0 if ok else 1
