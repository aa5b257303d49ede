"""Why a tuning sentence gets no event of its gold type: where its candidates are lost.

Codes each PLV tuning and PLOVER gold-standard dev sentence (the tuning part,
``storyline.eval.splits``; the validation part is never read) with
``coder.extract_events``, as the pipeline runs it by default (the argument chooser
included), recording what became of each candidate (``coder.Fates``), and sorts the
record into:

- ``gold``: an output event has the gold type;
- ``other``: output events, none of the gold type;
- ``candidates``: candidates but no output; each candidate is marked by where it was
  lost: ``petrarch-no-actor`` (a PETRARCH2 verb whose clause names no actor: the gate of
  ``coder._decide``), ``petrarch-model`` (the type model kept no type for it),
  ``lexicon-model`` (the model dropped a lexicon reading), ``keep`` (decided, dropped by
  ``coder._keep``: no stated actor and nothing of its own), ``content`` (the content of
  another event), ``merged`` (merged into a mention the gate or the model dropped);
- ``none``: no candidate at all.

A record with candidates counts under the reasons of its candidates of the gold type,
else under those of all its candidates.

    python scripts/event_candidate_breakdown.py [--cache FILE] [--examples]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from event_corpus import SHARED
from train_event_model import tuning_corpus

from storyline import settings
from storyline.eval.plover import GoldRecord
from storyline.extractors.events import coder
from storyline.extractors.events.chooser import arg_chooser
from storyline.extractors.events.model import type_model


def _of_gold_type(ptype: str | None, gold: str) -> bool:
    return ptype is not None and ptype in gold.split("|")


#: the script's name for each step that drops a candidate (``coder.STEPS``); the
#: type model's drops are told apart by the reading's origin
_REASONS = {"no-actor": "petrarch-no-actor", "keep": "keep", "merged": "merged", "content": "content"}


def breakdown(doc, gold: GoldRecord) -> tuple[str, list[tuple[str, str, bool]]]:
    """The record's category and, for ``candidates``, (reason, word, of the gold type)
    for each candidate."""
    fates = coder.Fates()
    chooser = arg_chooser() if settings.get("event_arg_chooser") else None
    out = coder.extract_events(doc, True, type_model(), chooser, fates)
    if any(_of_gold_type(e.type, gold.type) for e in out):
        return "gold", []
    if out:
        return "other", []
    if not fates:
        return "none", []
    reasons = []
    for f in fates:
        if f.dropped_by == "model":
            why = "petrarch-model" if f.mention.sense.origin == "petrarch" else "lexicon-model"
        else:
            why = _REASONS[f.dropped_by or "kept"]
        reasons.append((why, f.mention.token.text, _of_gold_type(f.proposed, gold.type)))
    return "candidates", reasons


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--cache", type=Path, help="keep the parsed texts here (pickle)")
    ap.add_argument("--examples", action="store_true", help="print each record with candidates")
    args = ap.parse_args()
    categories: Counter = Counter()
    reasons: Counter = Counter()
    for text, doc, gold in tuning_corpus(args.shared, args.cache):
        if not isinstance(gold, GoldRecord):
            continue
        category, found = breakdown(doc, gold)
        categories[category] += 1
        if category != "candidates":
            continue
        of_gold = sorted({why for why, _, ok in found if ok})
        key = ("gold type: " + ", ".join(of_gold)) if of_gold else \
            "other types: " + ", ".join(sorted({why for why, _, _ in found}))
        reasons[key] += 1
        if args.examples:
            print(f"{text.id} {gold.type} [{key}] {text.text[:160]!r}")
            print("    " + "; ".join(f"{w} {why}{' (gold type)' if ok else ''}" for why, w, ok in found))
    print(", ".join(f"{k} {v}" for k, v in categories.most_common()))
    for key, n in reasons.most_common():
        print(f"  {n:3d}  {key}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
