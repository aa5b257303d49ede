#!/usr/bin/env python3
"""Fuzz every part that meets raw input, 10,000 cases per target: failures must be 0.

Not a test (``tests/hostile/test_fuzz.py`` and ``test_api_fuzz.py`` run a few cases of
each in CI): it prints figures for the README and issue notes.

    .venv/bin/python bench/fuzz.py [--cases 10000] [--targets time casualties quotes
        geocoder readers api] [--seed 16]

Targets and their properties: ``tests/hostile/fuzz_targets.py`` (the time
normalizer, the casualty parser, the quote finder through the whole pipeline, the
geocoder, the readers; ``api``: schemathesis over the OpenAPI spec, valid and
invalid requests to every operation, ``--cases`` in all). For each target it prints
the cases run, the failures (each failing case is shrunk and printed), and seconds.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the targets live with the tests

from hypothesis import HealthCheck, given, seed, settings  # noqa: E402
from tests.hostile.fuzz_targets import TARGETS, Target, fuzz_api  # noqa: E402


def run_target(target: Target, cases: int, rng_seed: int) -> tuple[int, list[str]]:
    """Cases run and failures (one shrunk example each: hypothesis stops at the first)."""
    count = [0]

    @seed(rng_seed)
    @settings(max_examples=cases, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(target.strategy)
    def prop(case: object) -> None:
        count[0] += 1
        target.check(case)

    try:
        prop()
    except Exception:
        return count[0], [traceback.format_exc(limit=3)]
    return count[0], []


def run_api(cases: int) -> tuple[int, list[str]]:
    from storyline.ingest import store_records
    from storyline.store import open_db
    from storyline.store.synthetic import sample_corpus

    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "api.duckdb")
        with open_db(path) as db:
            store_records(db, sample_corpus())
        import schemathesis

        from storyline.api import create_app

        operations = sum(1 for _ in schemathesis.openapi.from_asgi(
            "/openapi.json", create_app(path, hosts=[])).get_all_operations())
        # positive and negative requests for each operation
        run = fuzz_api(path, max(cases // (2 * operations), 1))
        for label, n in sorted(run.cases.items()):
            print(f"    {label}: {n}")
        return sum(run.cases.values()), run.server_errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--targets", nargs="+", default=[*TARGETS, "api"],
                        choices=[*TARGETS, "api"])
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args()
    print(f"{'target':12s} {'cases':>8s} {'failures':>9s} {'seconds':>8s}")
    failed = False
    for name in args.targets:
        start = time.perf_counter()
        if name == "api":
            n, failures = run_api(args.cases)
        else:
            n, failures = run_target(TARGETS[name], args.cases, args.seed)
        print(f"{name:12s} {n:8d} {len(failures):9d} {time.perf_counter() - start:8.0f}",
              flush=True)
        for f in failures:
            print(f)
        failed = failed or bool(failures)
    if failed:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
