"""Signing in under load, through the real form, against the production-style server.

Each simulated applicant opens the sign-in page, posts the form (the real password hash and
the lockout check) and opens "My account". The baseline, in the same run and at the same
concurrency, is the sign-in page alone: what the server costs without a password check.
Target: p99 of a sign-in under 1 s with CONCURRENCY applicants at once, and no sign-in lost.
"""

import http.cookiejar
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
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from loopback import create_verified_applicants_code, free_port

APPLICANTS = 120
CONCURRENCY = 4
WORKERS = 3
P99_TARGET_S = 1.0
PASSWORD = "Bench-Lantern-9021"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

CREATE_APPLICANTS = create_verified_applicants_code(APPLICANTS, PASSWORD)


def _opener() -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )


def _sign_in(base: str, index: int) -> float:
    """One applicant signs in; returns the seconds the form post took (with its redirect)."""
    opener = _opener()
    page = opener.open(f"{base}/accounts/login/", timeout=30).read().decode()
    token = CSRF.search(page).group(1)
    email = f"bench{index}@example.org"
    form = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "login": email, "password": PASSWORD}
    ).encode()
    started = time.perf_counter()
    response = opener.open(
        urllib.request.Request(
            f"{base}/accounts/login/", data=form, headers={"Referer": f"{base}/accounts/login/"}
        ),
        timeout=30,
    )
    landed = response.read().decode()
    elapsed = time.perf_counter() - started
    if not response.geturl().endswith("/accounts/") or email not in landed:
        raise RuntimeError(f"{email} was not signed in (ended at {response.geturl()})")
    return elapsed


def _open_sign_in_page(base: str, _index: int) -> float:
    started = time.perf_counter()
    urllib.request.urlopen(f"{base}/accounts/login/", timeout=30).read()
    return time.perf_counter() - started


def _run(task, base: str) -> tuple[list[float], float, int]:
    started = time.perf_counter()
    timings, failures = [], 0
    with ThreadPoolExecutor(max_workers=CONCURRENCY) as pool:
        for future in [pool.submit(task, base, i) for i in range(APPLICANTS)]:
            try:
                timings.append(future.result())
            except (RuntimeError, urllib.error.URLError, OSError) as error:
                failures += 1
                print(f"  failed: {error}", file=sys.stderr)
    return timings, time.perf_counter() - started, failures


def _row(label: str, timings: list[float], wall: float, failures: int) -> str:
    cuts = statistics.quantiles(timings, n=100, method="inclusive")
    p50, p95, p99 = (1000 * t for t in (statistics.median(timings), cuts[94], cuts[98]))
    return (
        f"{label:<28} {len(timings):>5} {failures:>6} {len(timings) / wall:>8.1f}"
        f" {p50:>8.0f} {p95:>8.0f} {p99:>8.0f}"
    )


def _wait_until_up(base: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("the server stopped while starting")
        try:
            urllib.request.urlopen(f"{base}/healthz", timeout=2).read()
            return
        except (urllib.error.URLError, OSError):
            time.sleep(0.3)
    raise RuntimeError("the server did not answer within 60 s")


def main() -> int:
    openadmit = str(Path(sys.executable).parent / "openadmit")
    with tempfile.TemporaryDirectory(prefix="openadmit-accounts-bench-") as var_dir:
        env = {
            **os.environ,
            "OPENADMIT_VAR_DIR": var_dir,
            "DEBUG": "false",
            # allauth's per-address limits would refuse a crowd that all comes from loopback.
            "ACCOUNT_RATE_LIMITS": "false",
        }
        env.pop("OPENADMIT_TEST_DATABASE", None)
        subprocess.run([openadmit, "manage", "migrate", "-v", "0"], env=env, check=True)
        subprocess.run(
            [openadmit, "manage", "shell", "-v", "0", "-c", CREATE_APPLICANTS], env=env, check=True
        )
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [openadmit, "serve", "--port", str(port), "--workers", str(WORKERS)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            _wait_until_up(base, server)
            _run(_open_sign_in_page, base)  # warm the workers up
            baseline = _run(_open_sign_in_page, base)
            signins = _run(_sign_in, base)
        finally:
            server.terminate()
            server.wait(timeout=30)

    print(f"{APPLICANTS} applicants, {CONCURRENCY} at once, {WORKERS} workers on loopback, SQLite")
    header = ("done", "failed", "per s", "p50 ms", "p95 ms", "p99 ms")
    print(f"{'':<28} {header[0]:>5} {header[1]:>6}", *(f"{h:>8}" for h in header[2:]))
    print(_row("sign-in page (baseline)", *baseline))
    print(_row("sign in (form post)", *signins))
    timings, _, failures = signins
    p99 = statistics.quantiles(timings, n=100, method="inclusive")[98]
    ok = failures == 0 and len(timings) == APPLICANTS and p99 < P99_TARGET_S
    verdict = "met" if ok else "MISSED"
    print(f"target: every sign-in succeeds, p99 under {P99_TARGET_S:.0f} s: {verdict}")
    return 0 if ok else 1
