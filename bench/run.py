"""`make bench`: run every benchmark under bench/ (or those named) and print their tables.

Each benchmark is a module `bench/<name>_bench.py` with `main() -> int`; it measures its
subject beside a baseline in the same run and returns non-zero when a target is missed.
"""

import importlib.util
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent


def main(names: list[str]) -> int:
    paths = sorted(BENCH_DIR.glob("*_bench.py"))
    if names:
        paths = [p for p in paths if p.stem.removesuffix("_bench") in names]
    failures = []
    for path in paths:
        print(f"\n=== {path.stem.removesuffix('_bench')}", flush=True)
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        started = time.perf_counter()
        if module.main() != 0:
            failures.append(path.stem)
        print(f"({time.perf_counter() - started:.0f} s)", flush=True)
    if failures:
        print(f"\nTargets missed: {', '.join(failures)}")
        return 1
    print("\nEvery benchmark met its targets.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
