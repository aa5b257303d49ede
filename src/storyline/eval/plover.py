"""Event coding against the PLOVER gold standard (one coded sentence per record).

Input: the PLOVER project's gold-standard JSON (``PLOVER_GSR_*.json``): a list
of records with ``id``, ``text``, ``date``, ``event`` (a PLOVER type, pre-2.0
names allowed) and ``source`` / ``target`` actor lists (``actorText``, ``code``).
Records of type DOCUMENT are notes and are skipped.

Figures (as the shared ``plover`` scorer defines them):

- **typeAcc**: share of records where some output event has the gold type.
- **fullAcc**: share of records where one output event of the gold type has a
  source matching a gold source and a target matching a gold target (each only
  when the gold lists one). An output entity matches a gold actor when its name
  or a mention text and the actor text contain one another or share a content
  word, or when its country or actor code begins with the gold code's first
  three letters.
- **P**: output events of the record's gold type over all output events.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..record import ArticleRecord, Entity

#: PLOVER type names of the gold standard's pre-2.0 version
RENAMED = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT",
           # YIELD (PLOVER before 2021, the PLV sentences) was split into CONCEDE and RETREAT
           "YIELD": "CONCEDE|RETREAT"}
#: words that do not make two actor names overlap
_FUNCTION_WORDS = frozenset({"the", "a", "an", "of", "and", "in", "on", "for", "to", "at", "by",
                             "with", "from", "s"})
_WORD = re.compile(r"\w+")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                         "\u2013": "-", "\u2014": "-", "\u00a0": " "})


@dataclass(frozen=True)
class GoldActor:
    text: str | None
    code: str | None


@dataclass(frozen=True)
class GoldRecord:
    id: str
    text: str
    published: date | None
    type: str
    source: tuple[GoldActor, ...]
    target: tuple[GoldActor, ...]


def canonical_type(name: Any) -> str:
    """A PLOVER type in upper case with pre-2.0 names mapped ("A|B": either is right)."""
    upper = str(name or "").upper()
    return RENAMED.get(upper, upper)


def _actors(value: Any) -> tuple[GoldActor, ...]:
    if not isinstance(value, list):
        return ()
    out = []
    for a in value:
        if isinstance(a, dict) and (a.get("actorText") or a.get("code")):
            out.append(GoldActor(a.get("actorText") or None, a.get("code") or None))
    return tuple(out)


def load_gold(path: Path, limit: int | None = None) -> list[GoldRecord]:
    """Coded records of a gold-standard file (DOCUMENT notes and text-less records skipped)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(data, dict):
        data = data.get("records") or data.get("data") or list(data.values())
    out: list[GoldRecord] = []
    for n, rec in enumerate(data):
        if not isinstance(rec, dict) or not str(rec.get("text") or "").strip():
            continue
        if canonical_type(rec.get("event")) == "DOCUMENT":
            continue
        raw_date = rec.get("date")
        published = (date.fromisoformat(raw_date)
                     if isinstance(raw_date, str) and _DAY.match(raw_date) else None)
        out.append(GoldRecord(str(rec.get("id") or f"plover-{n}"), rec["text"], published,
                              canonical_type(rec.get("event")), _actors(rec.get("source")),
                              _actors(rec.get("target"))))
        if limit and len(out) >= limit:
            break
    return out


# ---------------------------------------------------------------- matching

def _normal(text: str) -> str:
    return " ".join(text.translate(_QUOTES).casefold().split())


def _content_words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text) if len(w) > 1 and w not in _FUNCTION_WORDS}


def names_overlap(a: str, b: str) -> bool:
    """One name contains the other, or they share a content word."""
    na, nb = _normal(a), _normal(b)
    if not na or not nb:
        return False
    return na in nb or nb in na or bool(_content_words(na) & _content_words(nb))


def entity_texts(entity: Entity, text: str) -> list[str]:
    """An entity's name and the text of each of its mentions."""
    return [entity.name, *(text[s:e] for s, e in entity.mentions)]


def actor_matches(gold: GoldActor, entity: Entity, text: str) -> bool:
    """Whether an output entity stands for a gold actor (by name or by code)."""
    if gold.text and any(names_overlap(gold.text, t) for t in entity_texts(entity, text)):
        return True
    prefix = (gold.code or "").upper()[:3]
    return len(prefix) == 3 and any(str(c or "").upper().startswith(prefix)
                                    for c in (entity.country, entity.actor))


def _side_ok(gold: Sequence[GoldActor], ids: Iterable[str], record: ArticleRecord) -> bool:
    if not gold:
        return True
    ents = {e.id: e for e in record.entities}
    found = [ents[i] for i in ids if i in ents]
    return any(actor_matches(g, e, record.text) for g in gold for e in found)


# ---------------------------------------------------------------- scoring

@dataclass
class TypeRow:
    records: int = 0
    type_ok: int = 0
    full_ok: int = 0
    wrong_events: int = 0


@dataclass
class PloverScores:
    records: int = 0
    events: int = 0
    type_ok: int = 0
    full_ok: int = 0
    right_type_events: int = 0
    by_type: dict[str, TypeRow] = field(default_factory=dict)
    wrong_type: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    @staticmethod
    def _ratio(num: int, den: int) -> float | None:
        return num / den if den else None

    @property
    def type_accuracy(self) -> float | None:
        return self._ratio(self.type_ok, self.records)

    @property
    def full_accuracy(self) -> float | None:
        return self._ratio(self.full_ok, self.records)

    @property
    def precision(self) -> float | None:
        return self._ratio(self.right_type_events, self.events)


def score_record(gold: GoldRecord, record: ArticleRecord | None, scores: PloverScores) -> None:
    """Add one record's outcome to ``scores``."""
    row = scores.by_type.setdefault(gold.type, TypeRow())
    scores.records += 1
    row.records += 1
    if record is None:
        scores.missing.append(gold.id)
        return
    events = record.events
    same = [e for e in events if canonical_type(e.type) in gold.type.split("|")]
    full = any(_side_ok(gold.source, e.source, record) and _side_ok(gold.target, e.target, record)
               for e in same)
    scores.events += len(events)
    scores.right_type_events += len(same)
    scores.type_ok += bool(same)
    scores.full_ok += full
    row.type_ok += bool(same)
    row.full_ok += full
    row.wrong_events += len(events) - len(same)
    if events and not same:
        scores.wrong_type.append(f"{gold.id}: gold {gold.type}, output {sorted({e.type for e in events})}")
    elif not full:
        scores.misses.append(f"{gold.id}: {gold.type} " + (
            "actors differ" if same else "no event") + f" | {gold.text[:90]}")


def score(gold: Sequence[GoldRecord], records: Iterable[ArticleRecord]) -> PloverScores:
    """Score output records (matched to gold records by id)."""
    by_id = {r.id: r for r in records}
    scores = PloverScores()
    for g in gold:
        score_record(g, by_id.get(g.id), scores)
    return scores


def run(gold: Sequence[GoldRecord], *, nlp: Any = None, model: str | None = None,
        batch_size: int | None = None) -> Iterator[ArticleRecord | Exception]:
    """storyline's records for the gold texts, in order (errors passed through)."""
    from ..article import extract_many
    from ..sources import ArticleInput

    items = [ArticleInput(text=g.text, source=g.id, id=g.id, published=g.published,
                          published_source="gold" if g.published else None) for g in gold]
    yield from extract_many(items, nlp=nlp, model=model, batch_size=batch_size)


def _fmt(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.3f}"


def report(scores: PloverScores, details: bool = False) -> str:
    """A printable report; its last line is ``plover: typeAcc=… fullAcc=… P=…``."""
    lines = [
        f"PLOVER gold standard: {scores.records} records, {scores.events} output events",
        f"  type accuracy  {scores.type_ok}/{scores.records}  {_fmt(scores.type_accuracy)}",
        f"  full accuracy  {scores.full_ok}/{scores.records}  {_fmt(scores.full_accuracy)}",
        f"  precision      {scores.right_type_events}/{scores.events}  {_fmt(scores.precision)}",
        "",
        f"  {'type':<10} {'records':>7} {'type ok':>7} {'full ok':>7} {'wrong-type':>10}",
    ]
    for t, row in sorted(scores.by_type.items()):
        lines.append(f"  {t:<10} {row.records:>7} {row.type_ok:>7} {row.full_ok:>7} {row.wrong_events:>10}")
    if details:
        for title, items in (("wrong type", scores.wrong_type), ("actors or event missed", scores.misses),
                             ("no output record", scores.missing)):
            if items:
                lines += ["", f"  {title} ({len(items)}):", *(f"    - {i}" for i in items)]
    lines += ["", f"plover: typeAcc={_fmt(scores.type_accuracy)} fullAcc={_fmt(scores.full_accuracy)} "
              f"P={_fmt(scores.precision)}"]
    return "\n".join(lines)
