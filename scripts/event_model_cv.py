"""Cross-validate the event type model's settings on the tuning part.

The tuning texts (PLV tuning sentences, the PLOVER gold-standard dev half, the
tuning articles; ``storyline.eval.splits``, the validation part is never read)
are cut into five folds by a hash of their id. For each fold a model is
trained on the other four (``scripts/train_event_model.py``'s examples and
fitting) and the held-out fold is coded with it; the held-out output of all
folds is then scored the way the shared scorers score it: PLOVER type
accuracy, type + actors and precision on the PLV and gold-standard sentences
(``storyline.eval.plover``), events recall and precision on the articles (the
shared ``gold`` scorer, read from ``--shared``). One line per drop threshold;
the settings the trainer ships were chosen from this table (docs/events.md).
``--blocks`` picks the word-vector blocks the model reads
(``features.DENSE_BLOCKS``), ``--other-weight`` the weight of a sentence's
candidates that do not tell its relation, ``--dense-l2`` the L2 of the
word-vector weights apart. ``--validate`` fits on the whole
tuning part instead and prints the validation part's scores, nothing else
(a finalist's check: its errors are never printed).

    python scripts/event_model_cv.py [--shared ../shared] [--cache FILE] [--l2 0.01]
        [--article-weight 5] [--drop 0.55 0.6 0.65 0.7 1.0]
        [--fallback 0.5] [--blocks trigger object] [--other-weight 1] [--dense-l2 L2]
        [--validate [--validation-cache FILE]]
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import re
import sys
import tempfile
from argparse import Namespace
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from event_corpus import (
    SHARED,
    TIMEBANK_GOLD,
    Text,
    article_names,
    article_texts,
    parse,
    plv_records,
    record_texts,
    timebank_names,
    timebank_texts,
)
from train_event_model import (
    ARTICLE_WEIGHT,
    BLOCKS,
    DROP_THRESHOLD,
    FALLBACK_THRESHOLD,
    L2,
    OTHER_WEIGHT,
    TIMEBANK_WEIGHT,
    fit_examples,
    text_examples,
    tuning_corpus,
)

from storyline.eval.plover import GoldRecord
from storyline.eval.plover import score as plover_score
from storyline.extractors.actors.groups import promote_groups
from storyline.extractors.events.coder import extract_events
from storyline.extractors.events.features import DENSE_BLOCKS
from storyline.record import ArticleRecord

FOLDS = 5


def fold_of(text_id: str) -> int:
    return int(hashlib.sha256(("cv:" + text_id).encode()).hexdigest()[:8], 16) % FOLDS


def _record(text: Text, doc, model, chooser=None) -> ArticleRecord:
    """The record ``storyline extract`` would write with ``model`` (and an argument
    ``chooser``, if given): the events, and the groups they took promoted to entities (as
    the pipeline's events component does)."""
    events = extract_events(doc, fallback=True, model=model, chooser=chooser)
    done = promote_groups(doc, doc._.entities or [], doc._.mentions or [], events, doc._.places or [],
                          doc._.quotes or [])
    return ArticleRecord(id=text.id, source=text.id, text=text.text,
                         published=text.published.isoformat() if text.published else None,
                         entities=done.entities, timexes=doc._.timexes or [],
                         places=done.places, quotes=done.quotes, events=done.events)


def article_scores(shared: Path, records: list[ArticleRecord]) -> str:
    """Macro events R and P of article records, by the shared ``gold`` scorer."""
    sys.path.insert(0, str(shared))
    from eval import goldjson  # the shared scorers' package

    found: dict[str, list[float]] = {"eventsR": [], "eventsP": []}
    with tempfile.TemporaryDirectory() as tmp:
        for rec in records:
            out = Path(tmp) / f"{rec.id}.jsonl"
            out.write_text(rec.model_dump_json() + "\n", encoding="utf-8")
            folder = shared / "examples" / "dev"
            if (TIMEBANK_GOLD / f"{rec.id}.gold.json").is_file():
                # a TimeBank article: its text is written, not stored
                folder = Path(tmp)
                (folder / f"{rec.id}.txt").write_text(rec.text, encoding="utf-8")
                (folder / f"{rec.id}.gold.json").symlink_to(TIMEBANK_GOLD / f"{rec.id}.gold.json")
            args = Namespace(gold=str(folder / f"{rec.id}.gold.json"), article=str(folder / f"{rec.id}.txt"),
                             label=rec.id, run=None, output=str(out), save_output=None, timeout=60)
            buf = io.StringIO()
            with contextlib.redirect_stdout(buf):
                goldjson.main(args)
            last = [ln for ln in buf.getvalue().splitlines() if ln.strip()][-1]
            for k, v in re.findall(r"(\w+)=([\d.]+)", last):
                if k in found:
                    found[k].append(float(v))
    return " ".join(f"{k} {sum(v) / len(v):.3f}" for k, v in found.items() if v)


def validation_scores(shared: Path, model, cache: Path | None = None) -> str:
    """The validation part coded with ``model``, scored only (PLV validation type accuracy,
    type + actors, precision; validation articles events R and P): no record is printed."""
    gold = plv_records(shared, "validation")
    names = article_names(shared, "validation")
    texts = record_texts(gold) + article_texts(names, shared)
    recs = [_record(t, d, model) for t, d in zip(texts, parse(texts, cache), strict=True)]
    s = plover_score(gold, recs[:len(gold)])
    return (f"validation: PLV {s.type_accuracy:.3f}/{s.full_accuracy:.3f}/{s.precision:.3f}, "
            "articles " + article_scores(shared, recs[len(gold):]))


def _leave_out(args: Namespace, corpus) -> int:
    """Fit both models without the ``--leave-out`` TimeBank articles and score those."""
    from train_arg_chooser import fit as fit_chooser
    from train_arg_chooser import text_examples as chooser_examples

    held = set(args.leave_out)
    kept = [(t, d, g) for t, d, g in corpus if t.id not in held]
    model = fit_examples([e for _, d, g in kept for e in text_examples(d, g)[0]], args.l2,
                         args.article_weight, blocks=args.blocks, other_weight=args.other_weight,
                         dense_l2=args.dense_l2, timebank_weight=args.timebank_weight)
    model = replace(model, drop_threshold=args.drop[0], fallback_threshold=args.fallback[0])
    chooser = fit_chooser([e for _, d, g in kept for e in chooser_examples(d, g)])
    names = [n for n in timebank_names() if n in held]
    texts = timebank_texts(names, args.shared)
    recs = [_record(t, d, model, chooser) for t, d in zip(texts, parse(texts), strict=True)]
    print(f"{len(names)} TimeBank articles left out: " + article_scores(args.shared, recs))
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--cache", type=Path, help="keep the parsed texts here (pickle)")
    ap.add_argument("--l2", type=float, default=L2)
    ap.add_argument("--article-weight", type=float, default=ARTICLE_WEIGHT)
    ap.add_argument("--timebank-weight", type=float, default=TIMEBANK_WEIGHT,
                    help="weight of a TimeBank article's example")
    ap.add_argument("--leave-out", nargs="+", default=[], metavar="ID",
                    help="fit on the tuning part without these TimeBank articles and print their "
                         "scores (first drop and fallback threshold)")
    ap.add_argument("--drop", type=float, nargs="+", default=[0.55, 0.6, DROP_THRESHOLD, 0.7, 1.0])
    ap.add_argument("--fallback", type=float, nargs="+", default=[FALLBACK_THRESHOLD],
                    help="thresholds for PETRARCH2's candidates, each scored at every drop threshold")
    ap.add_argument("--blocks", nargs="+", choices=DENSE_BLOCKS, default=list(BLOCKS),
                    help="the word-vector blocks the model reads")
    ap.add_argument("--dense-l2", type=float, help="L2 of the word-vector weights (default: --l2)")
    ap.add_argument("--other-weight", type=float, default=OTHER_WEIGHT,
                    help="weight of a sentence's candidates that do not tell its relation")
    ap.add_argument("--validate", action="store_true",
                    help="fit on the whole tuning part and print the validation part's scores only "
                         "(first drop and fallback threshold)")
    ap.add_argument("--validation-cache", type=Path, help="keep the parsed validation texts here (pickle)")
    args = ap.parse_args()
    corpus = tuning_corpus(args.shared, args.cache)
    if args.leave_out:
        return _leave_out(args, corpus)
    texts, docs = [t for t, _, _ in corpus], [d for _, d, _ in corpus]
    plv = [g for _, _, g in corpus if isinstance(g, GoldRecord) and g.id.startswith("PLV")]
    gsr = [g for _, _, g in corpus if isinstance(g, GoldRecord) and not g.id.startswith("PLV")]
    per_text = [text_examples(d, g)[0] for _, d, g in corpus]
    if args.validate:
        model = fit_examples([e for exs in per_text for e in exs], args.l2, args.article_weight,
                             blocks=args.blocks, other_weight=args.other_weight,
                             dense_l2=args.dense_l2, timebank_weight=args.timebank_weight)
        print(validation_scores(args.shared, replace(model, drop_threshold=args.drop[0],
                                                     fallback_threshold=args.fallback[0]),
                                args.validation_cache))
        return 0
    folds = [fold_of(t.id) for t in texts]
    models = [fit_examples([e for k, exs in enumerate(per_text) if folds[k] != f for e in exs],
                           args.l2, args.article_weight, blocks=args.blocks, other_weight=args.other_weight,
                           dense_l2=args.dense_l2, timebank_weight=args.timebank_weight)
              for f in range(FOLDS)]
    print(f"{len(texts)} texts, {sum(map(len, per_text))} examples; L2 {args.l2:g}, "
          f"article weight {args.article_weight:g}, TimeBank weight {args.timebank_weight:g}, "
          f"other weight {args.other_weight:g}, "
          f"dense L2 {args.dense_l2}, "
          f"dense blocks {' '.join(args.blocks)}; out of fold:")
    for drop, keep in [(d, k) for d in args.drop for k in args.fallback]:
        fold_models = [replace(m, drop_threshold=drop, fallback_threshold=keep) for m in models]
        recs = [_record(t, d, fold_models[f]) for t, d, f in zip(texts, docs, folds, strict=True)]
        parts = []
        sentences = (("PLV", plv, recs[:len(plv)]), ("GSR", gsr, recs[len(plv):len(plv) + len(gsr)]))
        for name, gold, part in sentences:
            s = plover_score(gold, part)
            parts.append(f"{name} {s.type_accuracy:.3f}/{s.full_accuracy:.3f}/{s.precision:.3f}")
        arts = [(r, g) for r, (_, _, g) in zip(recs, corpus, strict=True) if isinstance(g, dict)]
        parts.append("articles " + article_scores(args.shared, [r for r, g in arts if "corpus" not in g]))
        parts.append("TimeBank " + article_scores(args.shared, [r for r, g in arts if "corpus" in g]))
        print(f"  drop {drop:g}, fallback {keep:g}: " + ", ".join(parts), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
