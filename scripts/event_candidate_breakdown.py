"""Why a tuning sentence gets no event of its gold type: where its candidates are lost.

Codes each PLV tuning and PLOVER gold-standard dev sentence (the tuning part,
``storyline.eval.splits``; the validation part is never read) the way
``coder.extract_events`` does, step by step (the argument chooser included, as the
pipeline runs it by default), and sorts the record into:

- ``gold``: an output event has the gold type;
- ``other``: output events, none of the gold type;
- ``candidates``: candidates but no output; each candidate is marked by where it was
  lost: ``petrarch-no-actor`` (a PETRARCH2 verb whose clause names no actor: the gate of
  ``coder._decide``), ``petrarch-model`` (the type model kept no type for it),
  ``lexicon-model`` (the model dropped a lexicon reading), ``keep`` (decided, dropped by
  ``coder._keep``: no stated actor and nothing of its own), ``content`` (the content of
  another event), ``merged`` (joined another event);
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
from storyline.extractors.events.args import ArgResolver
from storyline.extractors.events.casualties import find_casualties
from storyline.extractors.events.chooser import arg_chooser, choose_arguments
from storyline.extractors.events.model import type_model


def _of_gold_type(ptype: str | None, gold: str) -> bool:
    return ptype is not None and ptype in gold.split("|")


def breakdown(doc, gold: GoldRecord) -> tuple[str, list[tuple[str, str, bool]]]:
    """The record's category and, for ``candidates``, (reason, word, of the gold type)
    for each candidate."""
    coding = coder.code_mentions(doc, True)
    before = {id(m): (m.type, m.sense.origin == "petrarch", bool(m.source)) for m in coding.live}
    contents = [(m.type, m.token.text) for m in coding.mentions if m.content_of is not None and m.type]
    live = coder._decide(doc, coding, type_model())
    named = {id(m) for m in live if m.source or m.target}
    coder._describe(doc, coding.lex, coding.mentions, live, coding.sents, coding.headlines, groups=True)
    coder._apply_pronoun_cancellations(doc, coding.sents, live, coding.lex, coding.words)
    coder._date(doc, live, coding.sent_of, coding.headlines, coding.lex)
    clusters = coder._tie_tolls(coder.cluster_mentions(live), coding.sent_of)
    # after the mentions join, as ``coder.coded_clusters``: the place acted on, then the
    # argument chooser the pipeline runs by default (the ``event_arg_chooser`` setting)
    resolver = ArgResolver(doc, coding.lex, groups=True)
    coder._target_places(doc, clusters, resolver)
    if settings.get("event_arg_chooser"):
        choose_arguments(clusters, resolver, coding.sents, arg_chooser())
    counts = coder._link_casualties(doc, clusters, find_casualties(doc, coding.words), coding.sent_of)
    kept = [coder._keep(c, counts.get(k, {}), named, coding.lex) for k, c in enumerate(clusters)]
    out = [c for c, k in zip(clusters, kept, strict=True) if c.type is not None and k]
    if any(_of_gold_type(c.type, gold.type) for c in out):
        return "gold", []
    if out:
        return "other", []
    if not coding.live and not contents:
        return "none", []
    dropped = {id(m) for c, k in zip(clusters, kept, strict=True) if c.type is not None and not k
               for m in c.mentions}
    reasons = []
    for m in coding.live:
        ptype, petrarch, had_source = before[id(m)]
        if petrarch and not had_source:
            why = "petrarch-no-actor"
        elif m.type is None:
            why = "petrarch-model" if petrarch else "lexicon-model"
        elif id(m) in dropped:
            why = "keep"
        else:
            why = "merged"
        reasons.append((why, m.token.text, _of_gold_type(ptype, gold.type)))
    reasons += [("content", word, _of_gold_type(ptype, gold.type)) for ptype, word in contents]
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
