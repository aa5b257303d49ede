"""What became of the candidates behind each missed gold event of a tuning article part.

Reads the scorer's verbose output for a tuning part of whole articles (``score.py
gold-dir DIR --run R --verbose``, where DIR is ``build/splits/articles_timebank`` or
``build/splits/articles_tuning``), codes each article with a missed required gold event
again with ``coder.extract_events`` and a ``coder.Fates`` recorder, and prints, for each
such gold event, its note and the candidates of its paragraph (the gold ``line``): word,
part of speech, dependency, origin (lexicon or PETRARCH2 table), proposed and decided type
and the step that dropped it (``coder.STEPS``). The cause of each miss is then read by hand.

Validation parts are refused: their errors are never read.

    python scripts/event_article_misses.py VERBOSE_OUTPUT [VERBOSE_OUTPUT ...]
"""

from __future__ import annotations

import argparse
import bisect
import json
import re
import sys
from datetime import date
from pathlib import Path

from storyline import nlp, settings
from storyline.extractors.events import coder
from storyline.extractors.events.chooser import arg_chooser
from storyline.extractors.events.model import type_model

#: the tuning parts of whole articles (``scripts/event_splits.py``)
TUNING = ("articles_timebank", "articles_tuning")

_RUN = re.compile(r"extract --published (\S+) (\S+\.txt)")
_MISS = re.compile(r"\s+- ([A-Z]+\d+) ")


def missed_events(verbose: Path) -> dict[tuple[str, str], list[str]]:
    """(article path, published date) → ids of its missed gold events, from one verbose
    scorer output."""
    out: dict[tuple[str, str], list[str]] = {}
    article, in_missed = None, False
    for line in verbose.read_text(encoding="utf-8").splitlines():
        if m := _RUN.search(line):
            article, in_missed = (m.group(2), m.group(1)), False
        elif re.match(r"\s+missed \(\d+\)", line):
            in_missed = True
        elif (m := _MISS.match(line)) and in_missed and article:
            out.setdefault(article, []).append(m.group(1))
        elif not line.lstrip().startswith("- "):
            in_missed = False
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("verbose", type=Path, nargs="+", help="score.py gold-dir --verbose output")
    args = ap.parse_args()
    missed: dict[tuple[str, str], list[str]] = {}
    for v in args.verbose:
        missed.update(missed_events(v))
    if any(Path(a).parent.name not in TUNING for a, _ in missed):
        print("only the tuning article parts may be read: " + ", ".join(TUNING), file=sys.stderr)
        return 2
    pipeline = nlp.load_pipeline()
    chooser = arg_chooser() if settings.get("event_arg_chooser") else None
    for (article, published), ids in missed.items():
        text = Path(article).read_text(encoding="utf-8")
        gold = json.loads(Path(article[:-4] + ".gold.json").read_text(encoding="utf-8"))
        by_id = {e["id"]: e for e in gold["events"]}
        doc = nlp.process(pipeline, nlp.make_doc(pipeline, text, date.fromisoformat(published)))
        fates = coder.Fates()
        coder.extract_events(doc, True, type_model(), chooser, fates)
        starts = [0]
        for line in text.split("\n"):
            starts.append(starts[-1] + len(line) + 1)
        for gid in ids:
            g = by_id[gid]
            if g.get("optional"):
                continue
            print(f"{Path(article).name} {gid} {'/'.join(g['type'])} line {g['line']}: {g.get('note', '')}")
            for f in fates:
                t = f.mention.token
                if bisect.bisect_right(starts, t.idx) == g["line"]:
                    print(f"    {t.text}/{t.pos_}/{t.dep_} {f.mention.sense.origin} "
                          f"proposed={f.proposed} decided={f.decided} dropped_by={f.dropped_by}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
