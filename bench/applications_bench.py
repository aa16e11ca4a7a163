"""200 applicants apply, 4 at a time, against the production-style server; nothing is lost.

Each simulated applicant signs in through the form, starts an application, fills every
step (each post followed to the next page, as a browser would), uploads six PDFs (one of
1 MB), gives the video link, submits, and opens the receipt. Four applicants are in
progress at any moment (a pool of 4 clients works through the 200 in turn), so this
measures 4 concurrent applicants, not 200. The baseline, at the same concurrency in the
same run, is the sign-in page alone. Afterwards every applicant's
submission is read back from the database: exactly one each, with the reference the
receipt showed, and each stored file's SHA-256 equal to what was uploaded.

The bench database is PostgreSQL (a database of its own, dropped afterwards) when the
machine's server answers, else SQLite in a temporary folder.
Target on this 2-core machine: p99 of every request under 1 s, nothing lost.
"""

import hashlib
import http.cookiejar
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_DIR))

from tests.applications.form_posts import STEP_POSTS  # noqa: E402 - the tests' own answers
from tests.applications.pdfs import pdf_bytes  # noqa: E402 - the tests' own PDF maker

from loopback import create_verified_applicants_code, free_port  # noqa: E402 - bench/ is on the path

APPLICANTS = 200
CONCURRENCY = 4
WORKERS = 3
P99_TARGET_S = 1.0
PASSWORD = "Bench-Harbour-7740"
BENCH_DATABASE = "openadmit_bench_applications"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
REFERENCE = re.compile(r'id="reference">([^<]+)<')

BIG_PDF = pdf_bytes(pages=2, size=1024 * 1024)
SMALL_PDF = pdf_bytes(pages=1)
DOCUMENTS = {
    "diploma": SMALL_PDF,
    "transcript": SMALL_PDF,
    "cv": SMALL_PDF,
    "motivation_letter": BIG_PDF,
    "passport": SMALL_PDF,
    "language_certificate": SMALL_PDF,
}
SET_UP = (
    "from tests.applications.factories import pioneer_intake\npioneer_intake()\n"
    + create_verified_applicants_code(APPLICANTS, PASSWORD)
)

READ_BACK = """
import hashlib, json
from openadmit.applications.models import Application
result = {}
for application in Application.objects.select_related("applicant").prefetch_related("documents"):
    submissions = [application.submission.reference] if hasattr(application, "submission") else []
    files = {}
    for document in application.documents.all():
        with document.file.open("rb") as stored:
            files[document.kind] = [document.sha256, hashlib.sha256(stored.read()).hexdigest()]
    result.setdefault(application.applicant.email, []).append(
        {"status": application.status, "submissions": submissions, "files": files}
    )
print(json.dumps(result))
"""


class Applicant:
    """One browser-like client: cookies, CSRF token, and a log of request timings."""

    def __init__(self, base: str, index: int) -> None:
        self.base = base
        self.email = f"bench{index}@example.org"
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.timings: list[tuple[str, float]] = []

    def _csrf(self) -> str:
        return next(c.value for c in self.jar if c.name == "csrftoken")

    def request(
        self, kind: str, path: str, data: bytes | None = None, headers=None
    ) -> tuple[str, str]:
        url = path if path.startswith("http") else f"{self.base}{path}"
        headers = {"Referer": url, **(headers or {})}
        started = time.perf_counter()
        with self.opener.open(
            urllib.request.Request(url, data=data, headers=headers), timeout=60
        ) as response:
            body = response.read().decode()
            final = response.geturl()
        self.timings.append((kind, time.perf_counter() - started))
        return final, body

    def post(self, kind: str, path: str, fields: dict[str, str]) -> tuple[str, str]:
        form = urllib.parse.urlencode({"csrfmiddlewaretoken": self._csrf(), **fields}).encode()
        return self.request(kind, path, form)

    def upload(self, path: str, kind: str, content: bytes) -> None:
        boundary = uuid.uuid4().hex
        parts = []
        for name, value in (
            ("csrfmiddlewaretoken", self._csrf()),
            ("action", "upload"),
            ("kind", kind),
        ):
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
            )
        head = (
            f"--{boundary}\r\n"
            f'Content-Disposition: form-data; name="file"; filename="{kind}.pdf"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        )
        body = (
            "".join(parts).encode() + head.encode() + content + f"\r\n--{boundary}--\r\n".encode()
        )
        final, page = self.request(
            "upload", path, body, {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        )
        if f"{kind}.pdf" not in page:
            raise RuntimeError(f"{self.email}: upload of {kind} was not accepted")

    def apply(self) -> str:
        _, page = self.request("sign-in page", "/accounts/login/")
        token = CSRF.search(page).group(1)
        form = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": token, "login": self.email, "password": PASSWORD}
        )
        self.request("sign in", "/accounts/login/", form.encode())
        step_url, _ = self.post("start", "/programmes/pioneer/2026-09/apply/", {})
        for step, fields in STEP_POSTS.items():
            if f"/steps/{step}/" not in step_url:
                raise RuntimeError(f"{self.email}: expected step {step}, got {step_url}")
            step_url, _ = self.post("step", step_url, fields)
        for kind, content in DOCUMENTS.items():
            self.upload(step_url, kind, content)
        review_url, _ = self.post(
            "step", step_url, {"action": "continue", "video_url": "https://video.example.org/bench"}
        )
        receipt_url, receipt = self.post("submit", review_url, {})
        found = REFERENCE.search(receipt)
        if "/receipt/" not in receipt_url or not found:
            raise RuntimeError(f"{self.email}: not submitted (ended at {receipt_url})")
        return found.group(1)


def _postgres_url() -> str | None:
    import psycopg

    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        base = "postgresql://postgres@127.0.0.1:5432/postgres"
    admin = base.replace("postgres://", "postgresql://", 1)
    try:
        with psycopg.connect(admin, connect_timeout=3, autocommit=True) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {BENCH_DATABASE}")
            connection.execute(f"CREATE DATABASE {BENCH_DATABASE}")
    except psycopg.Error:
        return None
    return admin.rsplit("/", 1)[0] + f"/{BENCH_DATABASE}"


def _drop_postgres(url: str) -> None:
    import psycopg

    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {BENCH_DATABASE} WITH (FORCE)")


@contextmanager
def _server(env: dict[str, str]):
    openadmit = str(Path(sys.executable).parent / "openadmit")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = open(Path(env["OPENADMIT_VAR_DIR"]) / "server.log", "w")  # noqa: SIM115
    server = subprocess.Popen(
        [openadmit, "serve", "--port", str(port), "--workers", str(WORKERS)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 90
        while True:
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the server did not start; see server.log")
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=2).read()
                break
            except (urllib.error.URLError, OSError):
                time.sleep(0.3)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def _run(base: str, work) -> tuple[list[Applicant], list[str], float, int]:
    applicants = [Applicant(base, i) for i in range(APPLICANTS)]
    started = time.perf_counter()
    results, failures = [], 0
    with ThreadPoolExecutor(max_workers=CONCURRENCY) as pool:
        futures = [pool.submit(work, applicant) for applicant in applicants]
        for future in futures:
            try:
                results.append(future.result())
            except (RuntimeError, urllib.error.URLError, OSError) as error:
                failures += 1
                results.append(None)
                print(f"  failed: {error}", file=sys.stderr)
    return applicants, results, time.perf_counter() - started, failures


def _row(label: str, timings: list[float], wall: float) -> str:
    cuts = statistics.quantiles(timings, n=100, method="inclusive")
    p50, p95, p99 = (1000 * t for t in (statistics.median(timings), cuts[94], cuts[98]))
    rate = len(timings) / wall
    return f"{label:<22} {len(timings):>6} {rate:>8.1f} {p50:>8.0f} {p95:>8.0f} {p99:>8.0f}"


def _verify(env: dict[str, str], references: dict[str, str]) -> list[str]:
    openadmit = str(Path(sys.executable).parent / "openadmit")
    out = subprocess.run(
        [openadmit, "manage", "shell", "-v", "0", "-c", READ_BACK],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    stored = json.loads(out.strip().splitlines()[-1])
    uploaded = {kind: hashlib.sha256(content).hexdigest() for kind, content in DOCUMENTS.items()}
    problems = []
    for email, reference in references.items():
        applications = stored.get(email, [])
        if len(applications) != 1 or applications[0]["submissions"] != [reference]:
            problems.append(f"{email}: expected one submission {reference}, found {applications}")
            continue
        for kind, digest in uploaded.items():
            recorded, on_disk = applications[0]["files"].get(kind, [None, None])
            if not recorded == on_disk == digest:
                problems.append(
                    f"{email}: {kind} stored {on_disk}, recorded {recorded}, uploaded {digest}"
                )
    return problems


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="openadmit-applications-bench-") as var_dir:
        postgres = _postgres_url()
        env = {
            **os.environ,
            "OPENADMIT_VAR_DIR": var_dir,
            "DEBUG": "false",
            "PYTHONPATH": str(PROJECT_DIR),
            # allauth's per-address limits would refuse a crowd that all comes from loopback.
            "ACCOUNT_RATE_LIMITS": "false",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "DB_CONN_MAX_AGE": "60",
        }
        env.pop("OPENADMIT_TEST_DATABASE", None)
        if postgres:
            env["DATABASE_URL"] = postgres
        openadmit = str(Path(sys.executable).parent / "openadmit")
        try:
            subprocess.run([openadmit, "manage", "migrate", "-v", "0"], env=env, check=True)
            subprocess.run(
                [openadmit, "manage", "shell", "-v", "0", "-c", SET_UP], env=env, check=True
            )
            with _server(env) as base:
                _run(base, lambda a: a.request("warm-up", "/accounts/login/"))
                baseline_clients, _, baseline_wall, _ = _run(
                    base, lambda a: a.request("sign-in page", "/accounts/login/")
                )
                applicants, references, wall, failures = _run(base, Applicant.apply)
            problems = _verify(
                env, {a.email: ref for a, ref in zip(applicants, references, strict=True) if ref}
            )
        finally:
            if postgres:
                _drop_postgres(postgres)

    database = "PostgreSQL" if postgres else "SQLite"
    submitted = sum(1 for r in references if r)
    print(
        f"{APPLICANTS} applicants, {CONCURRENCY} at once, {WORKERS} workers on loopback, {database}"
    )
    print(f"each: sign in, 7 steps, 6 PDF uploads (one of 1 MB), video link, submit; {wall:.1f} s")
    print(f"{'':<22} {'count':>6} {'per s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    print(
        _row(
            "sign-in page (baseline)",
            [t for a in baseline_clients for _, t in a.timings],
            baseline_wall,
        )
    )
    every = [t for a in applicants for _, t in a.timings]
    for kind in ("sign in", "step", "upload", "submit"):
        print(_row(kind, [t for a in applicants for k, t in a.timings if k == kind], wall))
    print(_row("every request", every, wall))
    print(
        f"submissions: {submitted} of {APPLICANTS}, {submitted / wall:.1f} per s;"
        f" failed: {failures}"
    )
    print(f"read back: {len(problems)} problem(s)")
    for problem in problems[:10]:
        print(f"  {problem}")
    p99 = statistics.quantiles(every, n=100, method="inclusive")[98]
    ok = failures == 0 and submitted == APPLICANTS and not problems and p99 < P99_TARGET_S
    print(
        f"target: all {APPLICANTS} stored exactly once with intact files, p99 under "
        f"{P99_TARGET_S:.0f} s: {'met' if ok else 'MISSED'}"
    )
    return 0 if ok else 1
