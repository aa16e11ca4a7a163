"""Eligibility speed: verdicts per second for PIONEER, and one profile against a catalogue.

Part 1: 100,000 synthetic PIONEER profiles (fixed seed), each evaluated by the engine
(every criterion's outcome, explanation and source, the deadline and the scholarship)
and by a hand-written Python function that decides the same rules and returns only the
outcomes. Both start from the same validated profiles; validation is timed apart. The
two must agree on every profile. Target: the engine at 50% or more of the function's rate.

Part 2: "Where can I apply?" for one profile against the 100,000-programme synthetic
catalogue (`openadmit generate-catalogue --programmes 100000 --seed 1`, built once into
var/bench/eligibility-catalogue.sqlite3 and kept), in a child process on that database.
The server keeps the open intakes in memory per catalogue revision and evaluates each
distinct requirement set once. Beside it: the same count done by the database alone
(one GROUP BY query, what an uncached design pays at least), the first answer of a fresh
process (reads the intakes, compiles every set), and evaluating every intake on its own.
Target: the warm answer under 200 ms at the 95th percentile.
"""

import bisect
import gc
import json
import os
import random
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from openadmit.eligibility import (
    compile_requirement_set,
    load_requirement_set,
    parse_profile,
    requirement_file,
)
from openadmit.eligibility.codes import EEA_COUNTRIES
from openadmit.eligibility.education_systems import education_system, normalise

PROFILES = 100_000
SEED = 20260901
RATE_TARGET = 0.5
ROOT = Path(__file__).resolve().parents[1]
CATALOGUE_PROGRAMMES = int(os.environ.get("BENCH_PROGRAMMES", "100000"))
CATALOGUE_DB = ROOT / "var" / "bench" / "eligibility-catalogue.sqlite3"
WHERE_AT = datetime(2026, 12, 1, 12, tzinfo=UTC)
WHERE_PROFILES = 40
WHERE_TARGET_MS = 200
PASSES = 3
CHUNK = 2_000

NATIONALITIES = ["BE", "NL", "DE", "PT", "EE", "IT", "IN", "NG", "CN", "BR", "US", "GB", "KE", "VN"]
FOREIGN_TITLES = [
    ("Bachelor of Laws", "law"),
    ("BSc Computer Science", "computer science"),
    ("BA Political Science", "political science"),
    ("BSc Biology", "biology"),
    ("BBA", "business administration"),
    ("BA History", "history"),
    ("BSc Information Systems", "information systems"),
]
TESTS = [("ielts_academic", 5.5, 9.0, 0.5), ("toefl_ibt", 80, 120, 1), ("pte_academic", 60, 90, 1),
         ("duolingo", 90, 160, 5)]  # fmt: skip


def synthetic_profile(rng: random.Random, listed) -> dict:
    nationalities = rng.sample(NATIONALITIES, rng.choice([1, 1, 1, 2]))
    degrees = []
    for _ in range(rng.choice([0, 1, 1, 1, 2])):
        kind = rng.random()
        if kind < 0.3:
            degree = rng.choice(listed)
            degrees.append(
                {"level": degree.level, "title": degree.title, "country": "BE",
                 "city": rng.choice([*degree.cities, "Gent"]), "education_system": "BE-nl",
                 "language_of_instruction": "nl", "completed": rng.random() < 0.9}
            )  # fmt: skip
        else:
            title, field = rng.choice(FOREIGN_TITLES)
            degrees.append(
                {"level": rng.choice(["bachelor", "bachelor", "master", "other"]),
                 "title": title, "field": field if rng.random() < 0.9 else None,
                 "country": rng.choice(NATIONALITIES),
                 "language_of_instruction": rng.choice(["en", "en", "fr", "nl"])}
            )  # fmt: skip
    tests = []
    for _ in range(rng.choice([0, 1, 1, 2])):
        test, low, high, step = rng.choice(TESTS)
        tests.append(
            {"test": test, "overall": low + step * rng.randint(0, int((high - low) / step))}
        )
    profile = {
        "nationalities": nationalities,
        "degrees": [{k: v for k, v in d.items() if v is not None} for d in degrees],
        "language_tests": tests,
        "relevant_experience_months": rng.choice([0, 0, 0, 6, 24]),
        "previous_erasmus_mundus_scholarship": rng.random() < 0.05,
        "wants_scholarship": rng.random() < 0.4,
    }
    if rng.random() < 0.5:
        profile["secondary_school"] = {
            "country": rng.choice(NATIONALITIES),
            "language_of_instruction": rng.choice(["en", "nl", "fr"]),
        }
    return profile


class HandWrittenPioneer:
    """PIONEER's rules typed out as one function: outcomes only, no explanations."""

    def __init__(self, rs):
        flemish = rs.degree.listed_degrees[0]
        self.listed = {}
        for d in flemish.degrees:
            self.listed.setdefault(normalise(d.title), set()).update(normalise(c) for c in d.cities)
        self.fields = {
            normalise(name) for f in rs.degree.accepted_fields.fields for name in (f.name, *f.also)
        }
        self.minimums = {"ielts_academic": 7.0, "toefl_ibt": 100, "pte_academic": 84}
        self.exempt = {"AU", "CA", "IE", "NZ", "GB", "US"}
        brussels = rs.zone
        self.closes = {
            cat: datetime(y, m, d, tzinfo=brussels) + timedelta(days=1)
            for cat, (y, m, d) in {
                "eea": (2026, 8, 31),
                "non_eea": (2026, 7, 1),
                "scholarship": (2026, 3, 1),
            }.items()
        }

    def degree(self, d, months):
        # 0 eligible, 1 review, 2 incomplete, 3 ineligible
        if d.level == "other":
            return 1
        system = education_system(d)
        if system is None:
            return 2
        if system == "BE-nl":
            if not d.title:
                return 2
            cities = self.listed.get(normalise(d.title))
            if cities is not None:
                if not d.city:
                    return 2
                return 0 if normalise(d.city) in cities else 1
            if d.field and normalise(d.field) in self.fields:
                return 1
            if not d.field:
                return 2
            return 1 if months >= 1 else 3
        if not d.field:
            return 2
        if normalise(d.field) in self.fields:
            return 0
        return 1 if months >= 1 else 3

    def english(self, p):
        school = p.secondary_school
        if school and school.country in self.exempt and school.language_of_instruction == "en":
            return 0
        for d in p.degrees:
            if d.country in self.exempt and d.language_of_instruction == "en":
                return 0
        failed = False
        for t in p.language_tests:
            minimum = self.minimums.get(t.test)
            if minimum is not None:
                if t.overall >= minimum:
                    return 0
                failed = True
        return 3 if failed else 2

    def decide(self, p, at):
        degree = 3
        for d in p.degrees:
            outcome = self.degree(d, p.relevant_experience_months)
            degree = min(degree, outcome)
        english = self.english(p)
        eea = any(n in EEA_COUNTRIES for n in p.nationalities)
        deadline = 0 if at < self.closes["eea" if eea else "non_eea"] else 3
        overall = max(degree, english, deadline)
        if not p.wants_scholarship:
            scholarship = "not_requested"
        elif p.previous_erasmus_mundus_scholarship or at >= self.closes["scholarship"]:
            scholarship = "ineligible"
        else:
            scholarship = "eligible"
        return ("eligible", "review", "incomplete", "ineligible")[overall], scholarship


def verdict_rates() -> bool:
    rs = load_requirement_set(requirement_file("pioneer", "2026-09"))
    rng = random.Random(SEED)
    listed = rs.degree.listed_degrees[0].degrees
    start = datetime(2026, 1, 1, tzinfo=UTC)
    data = [synthetic_profile(rng, listed) for _ in range(PROFILES)]
    moments = [start + timedelta(minutes=rng.randint(0, 300 * 24 * 60)) for _ in range(PROFILES)]

    began = time.perf_counter()
    profiles = [parse_profile(d) for d in data]
    validation = time.perf_counter() - began

    compiled = compile_requirement_set(rs)
    hand = HandWrittenPioneer(rs)
    pairs = list(zip(profiles, moments, strict=True))
    # The machine is shared: alternate the two in small chunks so that a busy moment
    # slows both alike, and keep each one's best of PASSES passes.
    engine = baseline = float("inf")
    # As timeit does, keep the cyclic garbage collector out of the timings: both sides
    # only make acyclic objects, and its pauses grow with the verdicts kept for checking.
    gc.collect()
    gc.disable()
    for _ in range(PASSES):
        engine_pass = baseline_pass = 0.0
        verdicts, decisions = [], []
        for number, start_at in enumerate(range(0, PROFILES, CHUNK)):
            chunk = pairs[start_at : start_at + CHUNK]
            # Whichever runs second finds the chunk's profiles in the CPU cache: take turns.
            for side in ("engine", "baseline") if number % 2 else ("baseline", "engine"):
                began = time.perf_counter()
                if side == "engine":
                    verdicts += [compiled.evaluate(p, at) for p, at in chunk]
                    engine_pass += time.perf_counter() - began
                else:
                    decisions += [hand.decide(p, at) for p, at in chunk]
                    baseline_pass += time.perf_counter() - began
        engine, baseline = min(engine, engine_pass), min(baseline, baseline_pass)
    gc.enable()

    disagreements = sum(
        (v.outcome, v.scholarship.outcome) != d for v, d in zip(verdicts, decisions, strict=True)
    )
    explained = sum(len(c.explanation) for v in verdicts for c in v.criteria)
    engine_rate, baseline_rate = PROFILES / engine, PROFILES / baseline
    ratio = engine_rate / baseline_rate
    outcomes = {}
    for v in verdicts:
        outcomes[str(v.outcome)] = outcomes.get(str(v.outcome), 0) + 1

    shares = ", ".join(f"{outcome} {n:,}" for outcome, n in outcomes.items())
    print(f"PIONEER 2026-09, {PROFILES:,} synthetic profiles (seed {SEED}): {shares}")
    print(f"{'what':58} {'per second':>12}")
    print(f"{'profile validation (pydantic, shared by both)':58} {PROFILES / validation:>12,.0f}")
    print(f"{'engine: verdicts with every explanation and source':58} {engine_rate:>12,.0f}")
    print(f"{'baseline: hand-written function, outcomes only':58} {baseline_rate:>12,.0f}")
    print(f"engine at {ratio:.0%} of the baseline (target {RATE_TARGET:.0%}); "
          f"{explained / PROFILES:.0f} characters of explanation per verdict; "
          f"{disagreements} disagreements")  # fmt: skip
    return ratio >= RATE_TARGET and disagreements == 0


def _catalogue_env() -> dict[str, str]:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{CATALOGUE_DB}", "LOG_LEVEL": "ERROR"}
    env.pop("OPENADMIT_TEST_DATABASE", None)
    return env


def where_latency() -> bool:
    """Part 2, from the parent: build the catalogue once, measure in a child process."""
    CATALOGUE_DB.parent.mkdir(parents=True, exist_ok=True)
    env = _catalogue_env()
    stamp = CATALOGUE_DB.with_suffix(".done")
    if not (
        CATALOGUE_DB.exists() and stamp.exists() and stamp.read_text() == str(CATALOGUE_PROGRAMMES)
    ):
        for stale in CATALOGUE_DB.parent.glob(CATALOGUE_DB.name + "*"):
            stale.unlink()
        stamp.unlink(missing_ok=True)
        started = time.perf_counter()
        subprocess.run(
            [ROOT / ".venv" / "bin" / "openadmit", "generate-catalogue",
             "--programmes", str(CATALOGUE_PROGRAMMES), "--seed", "1"],
            env=env, check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        stamp.write_text(str(CATALOGUE_PROGRAMMES))
        print(f"built the {CATALOGUE_PROGRAMMES:,}-programme catalogue in "
              f"{time.perf_counter() - started:.0f} s")  # fmt: skip
    child = subprocess.run(
        [sys.executable, __file__, "--where"], env=env, check=True, capture_output=True, text=True
    )
    figures = json.loads(child.stdout.strip().splitlines()[-1])
    print(f"\nOne profile against {figures['programmes']:,} programmes: "
          f"{figures['open']:,} intakes open on {WHERE_AT:%d %B %Y}, "
          f"{figures['documents']:,} distinct requirement sets")  # fmt: skip
    print(f"{'what':58} {'ms':>12}")
    rows = [
        ("floor: counting open intakes per requirement set in SQL", figures["floor_ms"]),
        ("first answer in a fresh process (reads intakes, compiles)", figures["cold_ms"]),
        ("where can I apply, warm, p50 over profiles (best of 3 each)", figures["p50_ms"]),
        ("where can I apply, warm, p95 over profiles (best of 3 each)", figures["p95_ms"]),
        ("every intake evaluated on its own (no sharing), one profile", figures["per_intake_ms"]),
    ]
    for label, value in rows:
        print(f"{label:58} {value:>12.1f}")
    print(f"p95 {figures['p95_ms']:.0f} ms (target under {WHERE_TARGET_MS} ms)")
    return figures["p95_ms"] < WHERE_TARGET_MS


def measure_where() -> dict:
    """Part 2, in the child: Django on the bench catalogue."""
    from openadmit.core.django_setup import setup_django

    setup_django()
    from django.db import connection

    from openadmit.catalogue.models import Programme
    from openadmit.selfcheck import service

    rs = load_requirement_set(requirement_file("pioneer", "2026-09"))
    rng = random.Random(SEED)
    listed = rs.degree.listed_degrees[0].degrees
    profiles = [parse_profile(synthetic_profile(rng, listed)) for _ in range(WHERE_PROFILES)]

    began = time.perf_counter()
    found = service.where_can_i_apply(profiles[0], at=WHERE_AT)
    cold = time.perf_counter() - began

    floors, times = [], []
    for profile in profiles:
        began = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT requirement_set_id, COUNT(*) FROM catalogue_intake"
                " WHERE is_open AND closes_at >= %s GROUP BY requirement_set_id",
                [connection.ops.adapt_datetimefield_value(WHERE_AT)],
            )
            cursor.fetchall()
        floors.append(time.perf_counter() - began)
        # Each profile's best of three: the machine is shared, and a busy neighbour
        # should not count as the engine's time.
        tries = []
        for _ in range(3):
            began = time.perf_counter()
            service.where_can_i_apply(profile, at=WHERE_AT)
            tries.append(time.perf_counter() - began)
        times.append(min(tries))
    intakes = service.open_intakes()
    start = bisect.bisect_left(intakes.closes, WHERE_AT)
    compiled = service.compiled_sets(intakes.hashes)
    began = time.perf_counter()
    for _programme, set_id, _code in intakes.rows[start:]:
        compiled[set_id].evaluate(profiles[0], WHERE_AT)
    per_intake = time.perf_counter() - began
    times.sort()
    return {
        "programmes": Programme.objects.count(),
        "open": found.total,
        "documents": found.documents,
        "floor_ms": statistics.median(floors) * 1000,
        "cold_ms": cold * 1000,
        "p50_ms": statistics.median(times) * 1000,
        "p95_ms": times[int(0.95 * (len(times) - 1))] * 1000,
        "per_intake_ms": per_intake * 1000,
    }


def main() -> int:
    rates_met = verdict_rates()
    where_met = where_latency()
    return 0 if rates_met and where_met else 1


if __name__ == "__main__":
    if sys.argv[1:] == ["--where"]:
        print(json.dumps(measure_where()))
        sys.exit(0)
    sys.exit(main())
