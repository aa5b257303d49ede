"""The seed article scored by the shared scorer (skips when ../shared is absent)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.model, pytest.mark.shared]

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def seed_scores(shared_dir: Path) -> dict[str, float]:
    """The scorer's final `seed:` line as a dict (n/a → -1)."""
    cmd = f"{sys.executable} -m storyline extract"
    proc = subprocess.run(
        [sys.executable, str(shared_dir / "eval" / "score.py"), "gold",
         "--gold", str(shared_dir / "examples" / "seed-article.gold.json"),
         "--article", str(shared_dir / "examples" / "seed-article.txt"), "--run", cmd],
        capture_output=True, text=True, cwd=ROOT, timeout=600, check=True,
    )
    line = next(ln for ln in reversed(proc.stdout.splitlines()) if ln.startswith("seed:"))
    return {k: (float(v) if v != "n/a" else -1.0)
            for k, v in re.findall(r"(\w+)=([\d.]+|n/a)", line)}


def test_seed_score_entity_recall(seed_scores: dict[str, float]) -> None:
    assert seed_scores["entitiesR"] >= 0.85


def test_seed_score_quotes(seed_scores: dict[str, float]) -> None:
    assert seed_scores["quotesR"] == 1.0
    assert seed_scores["quotesP"] >= 0.6


def test_seed_score_events_and_tolls(seed_scores: dict[str, float]) -> None:
    assert (seed_scores["eventsR"], seed_scores["eventsP"], seed_scores["casualties"]) == (1.0, 1.0, 1.0)
