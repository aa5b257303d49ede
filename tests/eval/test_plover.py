"""storyline's PLOVER scorer: matching rules, figures, and agreement with the shared scorer."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from storyline.eval.plover import (
    GoldActor,
    GoldRecord,
    PloverScores,
    actor_matches,
    canonical_type,
    load_gold,
    names_overlap,
    report,
    score,
    score_record,
)
from storyline.record import ArticleRecord, Entity, Event, TextSpan


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Israeli army", "Israeli", True),
        ("Rebels in the Ivory Coast", "Ivory Coast", True),
        ("U.N.", "the U.N.", True),
        ("President of the Republic", "the Republic of Chad", True),
        ("International Atomic Energy Agency", "IAEA", False),
        ("Hamas", "Fatah", False),
    ],
)
def test_plover_names_overlap(a, b, expected) -> None:
    assert names_overlap(a, b) is expected


def test_plover_canonical_type_maps_old_names() -> None:
    assert [canonical_type(t) for t in ("DEMAND", "disapprove", "INVESTIGATE", "FIGHT", "AGREE")] == \
        ["REQUEST", "ACCUSE", "ACCUSE", "ASSAULT", "AGREE"]


@pytest.mark.parametrize(("output", "expected"), [("CONCEDE", True), ("RETREAT", True), ("AGREE", False)])
def test_plover_yield_accepts_concede_or_retreat(output: str, expected: bool) -> None:
    gold = GoldRecord("r", "Rebels freed two hostages.", None, canonical_type("YIELD"), (), ())
    event = Event(id="v1", type=output, trigger=TextSpan(start=7, end=12, text="freed"),
                  sentence=(0, 26), confidence=0.8)
    scores = PloverScores()
    score_record(gold, ArticleRecord(id="r", source="r", text=gold.text, events=[event]), scores)
    assert scores.type_ok == int(expected)


def test_plover_actor_matches_by_code_prefix() -> None:
    ent = Entity(id="e1", name="Kremlin", type="ORG", country="RUS", actor="RUSGOV")
    assert actor_matches(GoldActor(None, "RUSMIL"), ent, "")
    assert not actor_matches(GoldActor(None, "UKR"), ent, "")


def _gold_file(tmp_path: Path) -> Path:
    data = [
        {"id": "DOC", "event": "DOCUMENT", "eventText": "notes"},
        {"id": "r1", "date": "2000-01-01", "event": "DEMAND",
         "text": "Poland demanded talks with Moscow.",
         "source": [{"actorText": "Poland", "code": "POL"}],
         "target": [{"actorText": "Moscow", "code": "RUS"}]},
        {"id": "r2", "date": "2000-01-01", "event": "FIGHT", "text": "Rebels shelled Goma.",
         "source": [{"actorText": "Rebels"}], "target": ""},
    ]
    p = tmp_path / "gold.json"
    p.write_text(json.dumps(data), encoding="utf-8")
    return p


def _record(rid: str, text: str, ents: list[Entity], events: list[Event]) -> ArticleRecord:
    return ArticleRecord(id=rid, source=rid, text=text, entities=ents, events=events)


def _event(ptype: str, source: list[str], target: list[str]) -> Event:
    return Event(id="v1", type=ptype, source=source, target=target,
                 trigger=TextSpan(start=0, end=1, text="x"), sentence=(0, 1), confidence=0.5)


def test_plover_score_counts_type_full_and_precision(tmp_path: Path) -> None:
    gold = load_gold(_gold_file(tmp_path))
    assert [g.id for g in gold] == ["r1", "r2"]
    text1 = "Poland demanded talks with Moscow."
    ents1 = [Entity(id="e1", name="Poland", type="GPE", mentions=[(0, 6)]),
             Entity(id="e2", name="Moscow", type="GPE", mentions=[(27, 33)])]
    out = [_record("r1", text1, ents1, [_event("REQUEST", ["e1"], ["e2"]), _event("CONSULT", ["e1"], [])]),
           _record("r2", "Rebels shelled Goma.", [], [_event("ASSAULT", [], [])])]
    s = score(gold, out)
    assert (s.type_ok, s.full_ok, s.right_type_events, s.events) == (2, 1, 2, 3)
    assert report(s).splitlines()[-1] == "plover: typeAcc=1.000 fullAcc=0.500 P=0.667"


@pytest.mark.model
@pytest.mark.shared
def test_plover_agrees_with_shared_scorer(shared_dir: Path, tmp_path: Path, nlp) -> None:
    from storyline.eval.plover import run

    gold_path = shared_dir / "data" / "plover" / "PLOVER_GSR_dev.json"
    gold = load_gold(gold_path, limit=25)
    records = [r for r in run(gold, nlp=nlp) if isinstance(r, ArticleRecord)]
    out = tmp_path / "out.jsonl"
    out.write_text("".join(r.to_json() + "\n" for r in records), encoding="utf-8")
    proc = subprocess.run([sys.executable, str(shared_dir / "eval" / "score.py"), "plover",
                           "--gold", str(gold_path), "--limit", "25", "--output", str(out)],
                          capture_output=True, text=True, check=True, timeout=300)
    theirs = proc.stdout.strip().splitlines()[-1]
    ours = report(score(gold, records)).splitlines()[-1]
    assert re.match(r"plover: typeAcc=[\d.]+ fullAcc=[\d.]+ P=[\d.]+$", ours)
    assert ours == theirs
