#!/usr/bin/env python3
"""Peak memory of ``storyline ingest`` at 500 and at all 2,452 bench articles.

    .venv/bin/python bench/ingest_memory.py [--sizes 500 0] [--n-process 0]

For each size (0 = the whole corpus) the first articles of
``../shared/data/bench/news-silver.jsonl.gz`` are written, decompressed, to
``build/bench/news-silver-<size>.jsonl`` (plain JSON Lines, which every
``storyline ingest`` reads), then ``storyline ingest FILE --progress`` runs in a
child process into a fresh ``build/bench/ingest-<size>.duckdb`` (extraction on
``--n-process`` workers, 0 = one per core, then the incremental corpus update).
Its progress bar and closing summary go to ``build/bench/ingest-<size>.log``.

Printed per run: articles stored, errors, exit status, seconds; the peak resident
memory of the largest process of the ingest (the writer or a worker; exact, from
the kernel's accounting of the finished child and everything it waited for), the
writer's and the largest worker's own peaks and the peak of their sum (both
sampled every 0.2 s from ``/proc``; forked workers share the model's pages, so
the sum counts them more than once). Then the ratio of the largest process's peak
between the last and the first size, against the goal (≤ 1.5 GB, growth ≤ 10 %).
"""

from __future__ import annotations

import argparse
import gzip
import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "bench" / "news-silver.jsonl.gz"
OUT = ROOT / "build" / "bench"
GOAL_MB = 1536
GOAL_GROWTH = 0.10


def decompress(size: int) -> Path:
    """The first ``size`` articles of the corpus (0: all) as plain JSON Lines."""
    path = OUT / f"news-silver-{size or 'all'}.jsonl"
    if not path.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".part")
        with gzip.open(CORPUS, "rt", encoding="utf-8") as src, tmp.open("w", encoding="utf-8") as dst:
            for n, line in enumerate(src):
                if size and n >= size:
                    break
                dst.write(line)
        tmp.rename(path)
    return path


def _status(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (peak) of one process, in kB ({} when it is gone)."""
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return {}
    out = {}
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            out[key] = int(value.split()[0])
    return out


def _children(pid: int) -> list[int]:
    """Every descendant of ``pid``."""
    parent: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parent[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        kids = [c for c, pp in parent.items() if pp == p]
        out.extend(kids)
        todo.extend(kids)
    return out


@dataclass
class Sampler:
    """Peaks of the writer, of each worker and of their sum, sampled while they run."""

    pid: int
    writer_kb: int = 0
    workers_kb: dict[int, int] = field(default_factory=dict)
    total_kb: int = 0
    done: threading.Event = field(default_factory=threading.Event)

    def run(self) -> None:
        while not self.done.wait(0.2):
            total = 0
            for p in (self.pid, *_children(self.pid)):
                s = _status(p)
                if not s:
                    continue
                total += s["VmRSS"]
                if p == self.pid:
                    self.writer_kb = max(self.writer_kb, s["VmHWM"])
                else:
                    self.workers_kb[p] = max(self.workers_kb.get(p, 0), s["VmHWM"])
            self.total_kb = max(self.total_kb, total)


def ingest(size: int, n_process: int) -> float:
    """Run one ingest; print its figures; return the largest process's peak in MB."""
    path = decompress(size)
    db = OUT / f"ingest-{size or 'all'}.duckdb"
    log = OUT / f"ingest-{size or 'all'}.log"
    for old in (db, Path(f"{db}.wal")):
        old.unlink(missing_ok=True)
    cmd = [sys.executable, "-m", "storyline", "ingest", str(path.relative_to(ROOT)),
           "--db", str(db.relative_to(ROOT)), "--progress", "--n-process", str(n_process)]
    started = time.perf_counter()
    with log.open("w", encoding="utf-8") as err:
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=err, stderr=err,
                                env={**os.environ, "COLUMNS": "200"})
        sampler = Sampler(proc.pid)
        thread = threading.Thread(target=sampler.run, daemon=True)
        thread.start()
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        sampler.done.set()
        thread.join()
    seconds = time.perf_counter() - started
    peak = usage.ru_maxrss / 1024
    lines = [ln.strip() for ln in log.read_text("utf-8").splitlines() if ln.strip()]
    workers = max(sampler.workers_kb.values(), default=0) / 1024
    print(f"{path.name}: exit status {proc.returncode}, {seconds:.0f} s; log {log.relative_to(ROOT)}")
    for ln in lines[-2:]:
        print(f"  {ln}")
    print(f"  peak RSS: largest process {peak:.0f} MB (writer {sampler.writer_kb / 1024:.0f} MB, "
          f"largest of {len(sampler.workers_kb)} worker(s) {workers:.0f} MB; "
          f"sum {sampler.total_kb / 1024:.0f} MB, sampled)")
    return peak


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[500, 0],
                    help="articles per run (0 = all 2,452)")
    ap.add_argument("--n-process", type=int, default=0)
    args = ap.parse_args()
    if not CORPUS.is_file():
        print(f"corpus not found: {CORPUS}", file=sys.stderr)
        return 2
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    peaks = [ingest(size, args.n_process) for size in args.sizes]
    growth = peaks[-1] / peaks[0] - 1
    ok = max(peaks) <= GOAL_MB and growth <= GOAL_GROWTH
    print(f"largest process peak: {' → '.join(f'{p:.0f} MB' for p in peaks)}, growth "
          f"{growth:+.1%} (goal ≤ {GOAL_MB} MB and ≤ +{GOAL_GROWTH:.0%}): "
          f"{'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
