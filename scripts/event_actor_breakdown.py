"""Why type + actors fails where the type is right, on a PLOVER-shaped gold file.

Codes each record with storyline (in process) and, for every record where an
output event has the gold type but no such event matches the gold actors the
way the shared ``plover`` scorer matches them (``storyline.eval.plover``), sorts
each failing side (source or target) of the best such event (fewest failing
sides) into:

- ``a`` the gold actor is an entity of the text the event did not take: the
  slot is empty, holds another entity, or the entity sits in the other slot
  (swapped);
- ``b`` the gold actor names no entity: a group of people the event lexicon's
  actor nouns name ("the government", "police") or anything else ("hundreds of
  banks", "the legislation");
- ``c`` an entity covers the gold words but matches neither by name nor by code;
- ``d`` a convention of the gold the PLOVER manual does not share: a place as the
  target ("sent experts to Saudi Arabia"), a compound actor split into source
  and target ("Jordan and Britain agreed"); a gold actor whose text is not in the
  sentence ("a recipient", a placeholder) is counted apart as ``x``.

Meant for the tuning part (``build/splits/plv_tuning.json``, written by
``scripts/event_splits.py``): the validation part's errors are not read.

    python scripts/event_actor_breakdown.py [--gold build/splits/plv_tuning.json] [--examples N]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from storyline.eval import plover  # noqa: E402
from storyline.extractors.events.lexicon import lexicon  # noqa: E402
from storyline.record import ArticleRecord, Entity, Event  # noqa: E402

_PLACES = frozenset({"GPE", "LOC", "FAC"})
#: what ends a simple noun phrase's head ("a handful of journalists", "men who …")
_BEFORE_HEAD = re.compile(r"\s+(?:of|in|from|at|on|for|with|who|which|that|near)\s+|,")


def _spans(text: str, needle: str) -> list[tuple[int, int]]:
    out, i = [], text.find(needle) if needle else -1
    while i >= 0:
        out.append((i, i + len(needle)))
        i = text.find(needle, i + 1)
    return out


def _matching(gold: Sequence[plover.GoldActor], record: ArticleRecord) -> list[Entity]:
    return [e for e in record.entities if any(plover.actor_matches(g, e, record.text) for g in gold)]


def side_category(g: plover.GoldRecord, ev: Event, side: str, record: ArticleRecord) -> str:
    """The category of one failing side of ``ev`` (see the module's docstring)."""
    other = "target" if side == "source" else "source"
    gold, slot, oslot = getattr(g, side), getattr(ev, side), getattr(ev, other)
    found = _matching(gold, record)
    if found:
        ids = {e.id for e in found}
        both = len(oslot) > 1 and plover._side_ok(getattr(g, other), oslot, record)
        if both and any(i in ids for i in oslot):
            return "d compound actor split into source and target"
        if side == "target" and all(e.type in _PLACES for e in found):
            return "d place as target"
        if any(i in ids for i in oslot):
            return f"a {side}: in the other slot (swapped)"
        return f"a {side}: " + ("slot empty" if not slot else "another entity in the slot")
    spans = [sp for a in gold for sp in _spans(record.text, a.text or "")]
    if any(s < b and a < t for e in record.entities for s, t in e.mentions for a, b in spans):
        return "c entity on the gold words, no name or code match"
    if len(gold) > 1 or any(" and " in (a.text or "") for a in gold):
        return "d compound actor naming no entity"
    if not spans:
        return "x gold text not in the sentence"
    people = lexicon().words("actor_nouns") | lexicon().words("military")
    heads = {_head(a.text or "") for a in gold}
    return f"b {side}: names no entity, " + ("a group of people (police, troops, the government …)"
                                             if heads & people else "a thing or unnamed people")


def _head(phrase: str) -> str:
    """The head noun of a simple noun phrase: its last word before a preposition, comma
    or relative pronoun, plural s removed ("the army and intelligence chiefs" → chief)."""
    words = _BEFORE_HEAD.split(phrase.lower())[0].split()
    if not words:
        return ""
    return words[-1][:-3] + "y" if words[-1].endswith("ies") else words[-1].removesuffix("s")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", type=Path, default=ROOT / "build" / "splits" / "plv_tuning.json")
    ap.add_argument("--examples", type=int, default=0, help="records to list per category")
    args = ap.parse_args()
    gold = plover.load_gold(args.gold)
    records = {r.id: r for r in plover.run(gold) if isinstance(r, ArticleRecord)}
    counts: Counter[str] = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    type_ok = failing = 0
    for g in gold:
        record = records.get(g.id)
        if record is None:
            continue
        same = [e for e in record.events if plover.canonical_type(e.type) in g.type.split("|")]
        type_ok += bool(same)
        fails = {e.id: [s for s in ("source", "target")
                        if not plover._side_ok(getattr(g, s), getattr(e, s), record)] for e in same}
        if not same or any(not f for f in fails.values()):
            continue
        failing += 1
        best = min(same, key=lambda e: len(fails[e.id]))
        for side in fails[best.id]:
            cat = side_category(g, best, side, record)
            counts[cat] += 1
            examples[cat].append(f"{g.id}: {' / '.join(a.text or a.code or '' for a in getattr(g, side))}"
                                 f" | {record.text[:100]}")
    print(f"{len(gold)} records, type right {type_ok}, of which actors fail {failing}; failing sides:")
    for cat, n in sorted(counts.items()):
        print(f"  {n:4d}  {cat}")
        for line in examples[cat][:args.examples]:
            print(f"        {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
