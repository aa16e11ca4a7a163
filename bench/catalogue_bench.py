"""Catalogue search with nothing cached, shape by shape, on SQLite and on PostgreSQL.

For each database (SQLite, and PostgreSQL when a server answers) and each size
(BENCH_SIZES, default "10000,100000"; add 1000000 to see how cost grows), the generated
catalogue (bench/catalogues.py, built once and kept) is served by `openadmit serve`
(3 gunicorn workers, 4 threads each, workers keep their connections) on a loopback port
with a shared Redis cache, and measured three ways:

1. Uncached latency (the target). Searches in every shape a reader produces (a single
   broad word, browsing with no words, filters only, words with filters, deep pages, each
   sort order, two words, a rare word, no hits, open intakes only), SEARCHES_PER_SHAPE of
   each, asked one at a time of the search page and of the API list. Each request is
   made once (its first and only try) right after Django's cache (Redis: the page cache
   and anything else cached) is emptied. The search keeps no answers of its own: what a
   worker keeps is the index of the current revision (the search entries as arrays),
   built before measuring and reported on its own line (first search in a fresh worker).
   Per shape and over the whole mix: p50, p95 and the slowest. Beside them the floor, the
   server's trivial view (/healthz) asked the same way, which no page can beat.
   Target: p95 over the whole mix under 50 ms for the search page and for the API list,
   on each database, at every size up to 100,000 (larger sizes are reported only).
2. Cached throughput, reported beside it (no target): wrk (8 connections, BENCH_SECONDS s)
   over a Zipf mix of the same searches with every page already cached, and the floor's.
3. Memory: each worker's resident size after the run.
"""

import json
import math
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

import redis

sys.path.insert(0, str(Path(__file__).resolve().parent))

from catalogues import catalogue, environment, postgres_available  # noqa: E402
from loopback import free_port  # noqa: E402

SIZES = [int(n) for n in os.environ.get("BENCH_SIZES", "10000,100000").split(",")]
TARGET_SIZE = 100_000
TARGET_P95_MS = 50
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
SEARCHES_PER_SHAPE = 10
CONNECTIONS = 8
WORKERS = 3
REDIS_DATABASE = "redis://127.0.0.1:6379/14"
SYNTHETIC = Path(__file__).resolve().parents[1] / "src/openadmit/catalogue/synthetic"
# Words in most programmes of the generated catalogue, and pairs that go together.
BROAD = ["students", "programme", "research", "university", "projects", "science", "theory"]
PAIRS = [
    "data science", "public policy", "business management", "students research",
    "machine learning", "health systems", "international relations", "civil engineering",
]  # fmt: skip
VOCABULARY = """
import json
from django.db.models import Count
from openadmit.catalogue.models import Institution, Programme
cities = sorted(Institution.objects.values_list("city", flat=True).distinct())
print(json.dumps({
    "cities": cities,
    "countries": sorted(Institution.objects.values_list("country", flat=True).distinct()),
    "subjects": sorted(Programme.objects.values_list("subject_area", flat=True).distinct()),
    "degrees": [d for d, n in Programme.objects.values_list("degree").annotate(n=Count("pk"))
                .order_by("-n")[:8]],
}))
"""

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
    'RESULT {"requests": %d, "seconds": %.3f, "p95": %.3f, "errors": %d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(95) / 1e3,
    e.connect + e.read + e.write + e.status + e.timeout))
end
"""


def shapes(rng: random.Random, words: dict, programmes: int) -> dict[str, list[dict]]:
    """SEARCHES_PER_SHAPE searches of each shape, drawn from the catalogue's own words."""
    n = SEARCHES_PER_SHAPE
    pages = max(2, min(500, programmes // 20))
    pick = rng.choice

    def half(always: dict, sometimes) -> list[dict]:
        """``always``, with ``sometimes()`` added to every other search."""
        return [{**always, **(sometimes() if i % 2 else {})} for i in range(n)]

    def broad() -> dict:
        return {"q": pick(BROAD)}

    return {
        "browse, no words": half({}, lambda: {"per_page": "50"}),
        "one broad word": [broad() for _ in range(n)],
        "two words": [{"q": pick(PAIRS)} for _ in range(n)],
        "rare word (a city)": [{"q": pick(words["cities"])} for _ in range(n)],
        "no hits": [{"q": f"zq{rng.randint(1000, 9999)}x"} for _ in range(n)],
        "filters only": [
            {"subject": pick(words["subjects"]), "country": pick(words["countries"])}
            if i % 2
            else {"level": pick(["masters", "bachelor"]), "language": "en", "mode": "online"}
            for i in range(n)
        ],
        "words and filters": [
            {**broad(), "level": pick(["masters", "doctorate"]), "degree": pick(words["degrees"])}
            for _ in range(n)
        ],
        "deep page": [
            {"page": str(rng.randint(pages // 2, pages))}
            if i % 2
            else {"q": pick(BROAD[:4]), "page": str(rng.randint(pages // 4, pages // 2))}
            for i in range(n)
        ],
        "sort by title": half({"sort": "title"}, broad),
        "sort by deadline": half({"sort": "deadline"}, lambda: {"q": pick(PAIRS)}),
        "sort by duration": [{"sort": "duration", **broad()} for _ in range(n)],
        "sort by ECTS": [{"sort": "ects", "subject": pick(words["subjects"])} for _ in range(n)],
        "open intakes only": half({"open": "1"}, broad),
    }


def _get(url: str) -> float:
    """Milliseconds to fetch the whole response."""
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as response:
        response.read()
    return (time.perf_counter() - started) * 1000


def _p(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def _uncached(base: str, cache: redis.Redis, prefix: str, queries: list[tuple[str, dict]]):
    """(shape, ms) per query, each its first try after emptying the cache."""
    timings = []
    for shape, query in queries:
        cache.flushdb()
        timings.append((shape, _get(f"{base}{prefix}?{urlencode(query)}")))
    return timings


def _floor(base: str, cache: redis.Redis, count: int) -> list[float]:
    timings = []
    for _ in range(count):
        cache.flushdb()
        timings.append(_get(f"{base}/healthz"))
    return timings


def _wrk(base: str, paths: list[str]) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        script, listing = Path(folder) / "mix.lua", Path(folder) / "paths.txt"
        script.write_text(WRK_SCRIPT)
        listing.write_text("\n".join(paths) + "\n")
        output = subprocess.run(
            ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--timeout", "10s",
             "-s", str(script), base],
            env={**os.environ, "BENCH_PATHS": str(listing)},
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
    result = json.loads(output.split("RESULT ", 1)[1].splitlines()[0])
    result["rps"] = result["requests"] / result["seconds"]
    return result


def _zipf(prefix: str, queries: list[dict], rng: random.Random, count: int = 20_000):
    weights = [1 / (rank + 1) ** 1.07 for rank in range(len(queries))]
    return [f"{prefix}?{urlencode(q)}" for q in rng.choices(queries, weights=weights, k=count)]


def _workers(server: subprocess.Popen) -> list[int]:
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    return [int(pid) for pid in children]


def _resident_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _ensure_wrk() -> None:
    if shutil.which("wrk"):
        return
    print("installing wrk (Debian package) for the load generator", flush=True)
    subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=True, capture_output=True)


def _load() -> str:
    return "load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


def measure(kind: str, programmes: int, cache: redis.Redis) -> bool:
    url, built = catalogue(kind, programmes)
    env = {**environment(url), "REDIS_URL": REDIS_DATABASE, "DB_CONN_MAX_AGE": "60"}
    openadmit = Path(sys.executable).parent / "openadmit"
    listed = subprocess.run(
        [openadmit, "manage", "shell", "-v", "0", "-c", VOCABULARY],
        env=env, check=True, capture_output=True, text=True,
    )  # fmt: skip
    words = json.loads(listed.stdout.strip().splitlines()[-1])
    rng = random.Random(programmes)
    by_shape = shapes(rng, words, programmes)
    mix = [(shape, q) for shape, queries in by_shape.items() for q in queries]
    rng.shuffle(mix)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [openadmit, "serve", "--host", "127.0.0.1",
         "--port", str(port), "--workers", str(WORKERS)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        print(f"\n{kind}, {programmes:,} programmes"
              + (f" (built in {built:.0f} s)" if built else "") + f"; {_load()}")  # fmt: skip
        cache.flushdb()
        first = _first_search(base)
        floor = _floor(base, cache, len(mix))
        page = _uncached(base, cache, "/search/", mix)
        api = _uncached(base, cache, "/api/v1/programmes", mix)
        cached = {}
        for name, prefix in (("search page", "/search/"), ("API list", "/api/v1/programmes")):
            paths = _zipf(prefix, [q for _, q in mix], rng)
            for path in dict.fromkeys(paths):
                urllib.request.urlopen(f"{base}{path}", timeout=60).read()
            cached[name] = _wrk(base, paths)
        cached["floor (/healthz)"] = _wrk(base, ["/healthz"])
        memory = [_resident_mb(pid) for pid in _workers(server)]
    finally:
        server.terminate()
        server.wait(timeout=30)
    return _report(programmes, by_shape, page, api, floor, first, cached, memory)


def _first_search(base: str) -> float:
    """The first search after start-up, which a fresh worker answers (loading the index of
    the revision and everything a first request loads); then every worker is warmed."""
    from concurrent.futures import ThreadPoolExecutor

    first = _get(f"{base}/search/?q=students")
    with ThreadPoolExecutor(max_workers=WORKERS * 4) as pool:
        list(pool.map(_get, [f"{base}/search/?q=students"] * (WORKERS * 8)))
    return first


def _row(label: str, page: list[float], api: list[float] | None = None) -> str:
    def cells(values: list[float]) -> str:
        median, p95 = statistics.median(values), _p(values, 0.95)
        return f"{median:>9.1f}{p95:>7.1f}{max(values):>7.1f}"

    return f"{label:<22}{len(page):>4}  {cells(page)}  " + (cells(api) if api else "")


def _report(programmes, by_shape, page, api, floor, first, cached, memory) -> bool:
    print(f"uncached: each request its first try, caches emptied before it; {_load()}")
    heading = f"{'p50':>9}{'p95':>7}{'max':>7}"
    print(f"{'shape (ms)':<22}{'n':>4}  {heading}  {heading}")
    print(f"{'':<28}{'search page':^23}  {'API list':^23}")
    for shape in by_shape:
        print(
            _row(shape, [ms for s, ms in page if s == shape], [ms for s, ms in api if s == shape])
        )
    every_page, every_api = [ms for _, ms in page], [ms for _, ms in api]
    print(_row("whole mix", every_page, every_api))
    print(_row("floor (/healthz)", floor))
    print(
        f"first search after start-up, in a fresh worker (loads the revision's index and"
        f" whatever a first request loads): {first:.0f} ms"
    )
    print(
        f"cached (every page already in the page cache), wrk {CONNECTIONS} connections"
        f" x {SECONDS} s: "
        + "; ".join(
            f"{name} {r['rps']:.0f} req/s, p95 {r['p95']:.1f} ms, {r['errors']} errors"
            for name, r in cached.items()
        )
    )
    print("memory per worker (resident): " + ", ".join(f"{mb:.0f} MB" for mb in memory))
    if programmes > TARGET_SIZE:
        print("(reported only: the target is for catalogues up to 100,000 programmes)")
        return True
    met = _p(every_page, 0.95) < TARGET_P95_MS and _p(every_api, 0.95) < TARGET_P95_MS
    met = met and not any(r["errors"] for r in cached.values())
    print(
        f"target: whole-mix p95 under {TARGET_P95_MS} ms for page and API: "
        f"{'met' if met else 'MISSED'}"
    )
    return met


def main() -> int:
    _ensure_wrk()
    cache = redis.Redis.from_url(REDIS_DATABASE, socket_connect_timeout=2)
    try:
        cache.ping()
    except redis.RedisError:
        print("a Redis server on 127.0.0.1:6379 is needed: the bench empties the cache the"
              " workers share before each request")  # fmt: skip
        return 1
    kinds = ["sqlite"] + (["postgres"] if postgres_available() else [])
    if "postgres" not in kinds:
        print("PostgreSQL is not reachable: SQLite only")
    results = [measure(kind, size, cache) for kind in kinds for size in SIZES]
    cache.flushdb()
    print("targets met" if all(results) else "TARGETS MISSED")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
