"""Catalogue at scale: a 100k-programme catalogue served by the production server.

Builds the synthetic catalogue into its own SQLite database (never the demo's), starts
`openadmit serve` (gunicorn, several workers) on a loopback port and drives it with
`wrk`, each page beside the same server's trivial view (/healthz, the floor):

- search page and API list: a Zipf mix of a few hundred distinct searches, the way real
  traffic repeats popular ones; latency p50/p95 from that run;
- programme pages: a Zipf mix over 3,000 random programmes (popular ones get most views);
- cold: searches and programme pages nobody asked for before (no cache can help), one
  at a time, reported beside the mixes for honesty.

The mixes are measured in steady state: each distinct address is fetched once before
the run, as a long-running site has them in its cache. The server shares one cache
between its workers (Redis, the production setting) when a Redis server answers on
127.0.0.1:6379, else each worker keeps its own; workers keep their database connections
(DB_CONN_MAX_AGE=60).

Targets: search and programme pages at >= 50% of the floor's requests/second; search p95
under 50 ms.
"""

import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

import yaml

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"
PROGRAMMES = int(os.environ.get("BENCH_PROGRAMMES", "100000"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
ROUNDS = 2
CONNECTIONS = 8
WORKERS = 3
PORTS = range(8150, 8200)
REDIS_DATABASE = "redis://127.0.0.1:6379/14"
SYNTHETIC = ROOT / "src" / "openadmit" / "catalogue" / "synthetic"

WRK_SCRIPT = """
local paths = {}
for line in io.lines(os.getenv("BENCH_PATHS")) do paths[#paths + 1] = line end
local counter = 0
local threads = {}
function setup(thread)
  thread:set("offset", #threads * 7919)
  threads[#threads + 1] = thread
end
function request()
  counter = counter + 1
  return wrk.format("GET", paths[((offset or 0) + counter) % #paths + 1])
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests": %d, "seconds": %.3f, "p50": %.3f, "p95": %.3f, "p99": %.3f,'
    .. ' "errors": %d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1e3,
    latency:percentile(95) / 1e3, latency:percentile(99) / 1e3,
    e.connect + e.read + e.write + e.status + e.timeout))
end
"""


def _free_port() -> int:
    for port in PORTS:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise RuntimeError("no free port in 8150-8199")


def _search_mix(rng: random.Random, countries: list[str]) -> list[str]:
    """A few hundred distinct searches in the catalogue's own vocabulary, popular first."""
    subjects = yaml.safe_load((SYNTHETIC / "subjects.yaml").read_text())
    words = sorted({s for spec in subjects.values() for s in spec["subjects"]})
    topics = sorted({t for spec in subjects.values() for t in spec["topics"]})
    areas = sorted(subjects)
    searches: list[dict] = [{}]
    searches += [{"q": w} for w in words]
    searches += [{"q": t} for t in topics[:40]]
    searches += [
        {"q": w, "level": rng.choice(["masters", "bachelor", "doctorate"])} for w in words[:40]
    ]
    searches += [{"subject": a, "country": rng.choice(countries)} for a in areas for _ in range(2)]
    searches += [{"country": c} for c in countries[:20]]
    searches += [{"q": w, "open": "1", "sort": "deadline"} for w in words[:20]]
    searches += [{"q": w, "page": str(rng.randint(2, 4))} for w in words[:20]]
    searches += [{"subject": a, "language": "en", "mode": "online"} for a in areas]
    rng.shuffle(searches)
    searches.sort(key=lambda s: s == {}, reverse=True)  # the empty search is the most popular
    return [urlencode(s) for s in searches]


def _zipf_paths(
    prefix: str, queries: list[str], rng: random.Random, count: int = 20_000
) -> list[str]:
    weights = [1 / (rank + 1) ** 1.07 for rank in range(len(queries))]
    separator = "" if prefix.endswith("/programmes/") else "?"
    return [f"{prefix}{separator}{q}" for q in rng.choices(queries, weights=weights, k=count)]


def _wrk(base: str, paths: list[str]) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        script, listing = Path(folder) / "mix.lua", Path(folder) / "paths.txt"
        script.write_text(WRK_SCRIPT)
        listing.write_text("\n".join(paths) + "\n")
        output = subprocess.run(
            [
                "wrk",
                "-t2",
                f"-c{CONNECTIONS}",
                f"-d{SECONDS}s",
                "--timeout",
                "10s",
                "-s",
                str(script),
                base,
            ],
            env={**os.environ, "BENCH_PATHS": str(listing)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    result = json.loads(output.split("RESULT ", 1)[1].splitlines()[0])
    result["rps"] = result["requests"] / result["seconds"]
    return result


def _latencies(base: str, paths: list[str]) -> list[float]:
    """Milliseconds per request, one request at a time, sorted."""
    times = []
    for path in paths:
        started = time.perf_counter()
        with urllib.request.urlopen(f"{base}{path}", timeout=30) as response:
            response.read()
        times.append((time.perf_counter() - started) * 1000)
    return sorted(times)


def _percentile(sorted_values: list[float], fraction: float) -> float:
    return sorted_values[min(len(sorted_values) - 1, int(fraction * len(sorted_values)))]


def _bench_redis() -> str:
    """An emptied Redis database for the server's cache, or "" without a Redis server."""
    try:
        import redis

        client = redis.Redis.from_url(REDIS_DATABASE, socket_connect_timeout=1)
        client.flushdb()
        return REDIS_DATABASE
    except Exception:  # noqa: BLE001 - no Redis here: the workers keep their own caches
        return ""


def _warm(base: str, paths: list[str]) -> None:
    for path in dict.fromkeys(paths):
        try:
            with urllib.request.urlopen(f"{base}{path}", timeout=60) as response:
                response.read()
        except urllib.error.HTTPError as error:
            if error.code >= 500:
                raise
            print(f"  note: {path} answers {error.code}")


def _ensure_wrk() -> None:
    if shutil.which("wrk"):
        return
    print("installing wrk (Debian package) for the load generator", flush=True)
    subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=True, capture_output=True)


def main() -> int:
    _ensure_wrk()
    folder = ROOT / "var" / "bench"
    folder.mkdir(parents=True, exist_ok=True)
    database = folder / "catalogue.sqlite3"
    for stale in folder.glob("catalogue.sqlite3*"):
        stale.unlink()
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "OPENADMIT_VAR_DIR": str(folder),
        "LOG_LEVEL": "ERROR",
    }
    env.pop("OPENADMIT_TEST_DATABASE", None)
    env["REDIS_URL"] = _bench_redis()
    # Production-style: each worker keeps its database connection between requests.
    env["DB_CONN_MAX_AGE"] = "60"

    started = time.perf_counter()
    subprocess.run(
        [BIN / "openadmit", "generate-catalogue", "--programmes", str(PROGRAMMES), "--seed", "1"],
        env=env,
        check=True,
    )
    built = time.perf_counter() - started

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            BIN / "openadmit",
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(WORKERS),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        return _measure(base, database, built, env["REDIS_URL"])
    finally:
        server.terminate()
        server.wait(timeout=30)


def _measure(base: str, database: Path, built: float, redis_url: str) -> int:
    import sqlite3

    rng = random.Random(1)
    with sqlite3.connect(database) as db:
        slugs = [
            row[0]
            for row in db.execute(
                "SELECT slug FROM catalogue_programme ORDER BY random() LIMIT 1100"
            )
        ]
        countries = [
            row[0]
            for row in db.execute("SELECT DISTINCT country FROM catalogue_institution ORDER BY 1")
        ]
    searches = _search_mix(rng, countries)
    popular, unseen = slugs[:1000], slugs[1000:]
    cold_queries = [
        urlencode({"q": f"{a} {b}"})
        for a, b in zip(
            rng.sample(
                sorted({w for s in searches for w in s.split("=")[-1].split("+") if len(w) > 3}), 60
            ),
            rng.sample(
                [
                    "research",
                    "policy",
                    "design",
                    "systems",
                    "health",
                    "energy",
                    "law",
                    "data",
                    "history",
                    "media",
                ]
                * 6,
                60,
            ),
            strict=True,
        )
    ]

    floor_paths = ["/healthz"]
    _wrk(base, floor_paths)  # warm the workers and their connections
    rows = []
    for name, paths in [
        ("search page", _zipf_paths("/search/", searches, rng)),
        ("programme page", _zipf_paths("/programmes/", [f"{slug}/" for slug in popular], rng)),
        ("API list", _zipf_paths("/api/v1/programmes", searches, rng)),
    ]:
        started = time.perf_counter()
        _warm(base, paths)
        warmed = time.perf_counter() - started
        # Floor and page alternate, twice: the machine's other load then weighs on both.
        floors, runs = [], []
        for _ in range(ROUNDS):
            floors.append(_wrk(base, floor_paths))
            runs.append(_wrk(base, paths))
        floor = {"rps": sum(f["rps"] for f in floors) / ROUNDS}
        measured = {key: sum(r[key] for r in runs) / ROUNDS for key in ("rps", "p50", "p95")}
        measured["errors"] = sum(r["errors"] for r in runs)
        measured["warm"] = warmed
        rows.append((name, measured, floor))
    steady = _latencies(base, _zipf_paths("/search/", searches, rng, count=400))
    cold = _latencies(base, [f"/search/?{q}" for q in cold_queries])
    cold_pages = _latencies(base, [f"/programmes/{slug}/" for slug in unseen[:60]])

    print(
        f"catalogue: {PROGRAMMES} programmes built in {built:.0f} s;"
        f" server: {WORKERS} gunicorn workers,"
        f" wrk {CONNECTIONS} connections x {SECONDS} s on loopback;"
        f" cache: {'Redis, shared' if redis_url else 'per worker (no Redis)'}"
    )
    print(
        f"{'endpoint':<16}{'req/s':>9}{'floor req/s':>13}{'% floor':>9}{'p50 ms':>9}{'p95 ms':>9}"
        f"{'errors':>8}{'warm-up s':>11}"
    )
    ok = True
    for name, measured, floor in rows:
        share = 100 * measured["rps"] / floor["rps"]
        print(
            f"{name:<16}{measured['rps']:>9.0f}{floor['rps']:>13.0f}{share:>8.0f}%"
            f"{measured['p50']:>9.1f}{measured['p95']:>9.1f}{measured['errors']:>8}{measured['warm']:>11.0f}"
        )
        if measured["errors"]:
            ok = False
        if name in ("search page", "programme page") and share < 50:
            ok = False
    p95 = _percentile(steady, 0.95)
    print(
        f"search latency (steady Zipf mix, one at a time): p50 {_percentile(steady, 0.5):.1f} ms,"
        f" p95 {p95:.1f} ms (target p95 < 50 ms)"
    )
    print(
        f"search latency (cold: {len(cold)} never-seen searches, one at a time): "
        f"p50 {_percentile(cold, 0.5):.1f} ms, p95 {_percentile(cold, 0.95):.1f} ms"
    )
    print(
        f"programme page latency (cold: {len(cold_pages)} never-seen programmes, one at a time): "
        f"p50 {_percentile(cold_pages, 0.5):.1f} ms, p95 {_percentile(cold_pages, 0.95):.1f} ms"
    )
    if p95 >= 50:
        ok = False
    print("targets met" if ok else "TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
