#!/usr/bin/env python3
"""Start-up of ``storyline extract``: wall time and peak memory of the whole command on a
one-sentence article (goal, issue 15: under 3 s).

    .venv/bin/python bench/startup.py [--runs 7] [--model NAME] [--vs-src DIR]

The article ("Kyiv was hit on Monday.") is written to ``build/bench/startup.txt``;
``python -m storyline extract build/bench/startup.txt`` runs in a child process,
once to warm the file cache (not counted), then ``--runs`` times. Printed per run:
wall seconds (a monotonic clock around the child), CPU seconds (user + system) and
peak resident memory (the kernel's accounting of the finished child); then the
minimum, median and maximum of each.

``--vs-src DIR`` runs the same command with storyline imported from ``DIR`` (the
``src`` folder of another checkout, e.g. ``git archive main | tar -x -C /tmp/main``)
in turn with this one, and prints the ratios this / other of the medians and the
median of the pairwise ratios; it also checks that both print the same record.
Start-up is whole-process time: on a shared machine compare only figures of one
invocation.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "build" / "bench" / "startup.txt"
GOAL_S = 3.0


@dataclass(frozen=True)
class Run:
    wall: float
    cpu: float
    peak_mb: float
    output: bytes


def run_once(src: Path, model: str | None) -> Run:
    """One ``storyline extract`` of the article, storyline imported from ``src``."""
    cmd = [sys.executable, "-m", "storyline", "extract", str(ARTICLE.relative_to(ROOT))]
    if model:
        cmd += ["--model", model]
    env = {**os.environ, "PYTHONPATH": str(src)}
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL)
    assert proc.stdout is not None
    output = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.stdout.close()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"storyline extract failed (exit {proc.returncode}, storyline from {src})")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, output)


def summary(name: str, runs: list[Run]) -> None:
    for label, values, unit in (("wall", [r.wall for r in runs], "s"),
                                ("cpu", [r.cpu for r in runs], "s"),
                                ("peak", [r.peak_mb for r in runs], "MB")):
        print(f"  {name:6s} {label:4s} min {min(values):7.2f}  median "
              f"{statistics.median(values):7.2f}  max {max(values):7.2f} {unit}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=7, help="timed runs of each command")
    ap.add_argument("--model", help="spaCy pipeline (default: the model setting's default)")
    ap.add_argument("--vs-src", type=Path, metavar="DIR",
                    help="also time storyline imported from DIR (another checkout's src)")
    args = ap.parse_args()
    ARTICLE.parent.mkdir(parents=True, exist_ok=True)
    ARTICLE.write_text("Kyiv was hit on Monday.\n", encoding="utf-8")
    sources = {"this": ROOT / "src"}
    if args.vs_src:
        sources["other"] = args.vs_src.resolve()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; "
          f"{args.runs} runs each after one warm-up, in turn")
    for src in sources.values():
        run_once(src, args.model)
    runs: dict[str, list[Run]] = {name: [] for name in sources}
    for n in range(args.runs):
        for name, src in sources.items():
            r = run_once(src, args.model)
            runs[name].append(r)
            print(f"  run {n + 1} {name:5s} wall {r.wall:5.2f} s  cpu {r.cpu:5.2f} s  "
                  f"peak {r.peak_mb:6.1f} MB")
    for name, found in runs.items():
        summary(name, found)
    if "other" in runs:
        this, other = runs["this"], runs["other"]
        for label, get in (("wall", lambda r: r.wall), ("cpu", lambda r: r.cpu),
                           ("peak", lambda r: r.peak_mb)):
            medians = statistics.median(map(get, this)) / statistics.median(map(get, other))
            paired = statistics.median(get(a) / get(b) for a, b in zip(this, other, strict=True))
            print(f"  this / other {label}: {medians:.2f} (medians), {paired:.2f} (paired median)")
        same = all(r.output == other[0].output for r in this + other)
        print(f"  same record from both: {'yes' if same else 'NO'}")
    wall = statistics.median(r.wall for r in runs["this"])
    print(f"median wall {wall:.2f} s (goal < {GOAL_S:.0f} s): {'met' if wall < GOAL_S else 'NOT met'}")
    return 0 if wall < GOAL_S else 1


if __name__ == "__main__":
    sys.exit(main())
