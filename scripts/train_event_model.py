"""Train the event type model on the tuning part of the event development data.

Writes ``src/storyline/resources/en/events/type_model.json``: softmax-regression
weights over the features of :mod:`storyline.extractors.events.features`, and
the two thresholds of its decision (``TypeModel.decide``).

Training data (``storyline.eval.splits``; the validation part is never read):
the PLV sentences of the tuning part (``PLV_train.json``, one coded relation
each), the PLOVER gold-standard dev half, the tuning articles and the
project's TimeBank articles (``eval/articles/timebank``, events-only gold of
TimeBank tuning documents, texts from ``../shared/data/timebank``). Each text is
parsed and run through the event coder up to the decision
(:func:`storyline.extractors.events.coder.code_mentions`, PETRARCH2's verbs
included); every candidate the model decides on (:func:`candidates`) is an
example:

- in a sentence, the candidate that tells the coded relation is found from the
  gold actors: the candidate whose phrase (the trigger's subtree, and its
  carrier verb's) holds the gold target, then the gold source, and whose own
  arguments name them; the smallest such phrase wins. It is labelled with the
  gold type (a pre-2021 ``YIELD`` allows CONCEDE or RETREAT). The sentence's
  other candidates are "no event" (``NONE``), unless a lexicon reading has the
  gold type (then it tells the relation again);
- in an article, whose gold lists every event, a candidate on the line of gold
  events whose reading has one of their types is that event, as is the only
  candidate on the line of the only gold event there; any other is no event.
  An article example weighs ``ARTICLE_WEIGHT`` sentence examples: a sentence
  codes one relation, so its other candidates are "no event" only for that
  sentence's coder, not always in news. A TimeBank article's example weighs
  ``TIMEBANK_WEIGHT``. The alignment reads the gold events' lines and types
  only, never gold entities (the TimeBank gold has none).

The L2 strength, the article weights and the thresholds were chosen by
five-fold cross-validation on the tuning part, scoring the coder's output on
the held-out folds with the shared scorers
(``scripts/event_model_cv.py``; figures in docs/events.md); the thresholds were
checked on whole tuning articles too (``scripts/event_threshold_cv.py``). Fitting is
full-batch AdaGrad on the softmax loss (numpy, no randomness), so a rerun on
the same parses writes the same file. The features read the other extractors'
output (entities, dates, quotes), so rerun this script after they change.

    python scripts/train_event_model.py [--shared ../shared] [--out FILE] [--cache FILE]
        [--limit N]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from event_corpus import (
    SHARED,
    Text,
    article_names,
    article_texts,
    gsr_records,
    parse,
    plv_records,
    record_texts,
    timebank_corpus,
    timebank_golds,
    timebank_names,
    timebank_texts,
)

from storyline.eval.plover import GoldRecord, entity_texts, names_overlap
from storyline.extractors.events.coder import code_mentions
from storyline.extractors.events.features import DENSE_BLOCKS, VECTOR_WIDTH, mention_features, mention_vector
from storyline.extractors.events.lexicon import PLOVER_TYPES
from storyline.extractors.events.mention import EventMention
from storyline.extractors.events.model import MODEL_RESOURCE, TypeModel
from storyline.extractors.events.model import NO_EVENT as NONE
from storyline.resources import path as resource_path

DEFAULT_OUT = resource_path(MODEL_RESOURCE)
CLASSES = (*sorted(PLOVER_TYPES), NONE)
#: Features seen in fewer examples are dropped.
MIN_COUNT = 2
L2 = 1e-2
STEPS = 400
LEARNING_RATE = 0.3
#: how sure the model must be of a PETRARCH2 candidate to keep it: more likely than not
FALLBACK_THRESHOLD = 0.5
#: how much an article example weighs against a sentence's: the article gold lists every
#: event, a PLV or gold-standard sentence codes one relation
ARTICLE_WEIGHT = 5.0
#: how much a TimeBank article example weighs: every weight tried lowered the validation
#: part's precision (docs/events.md, tbtrain), so none: the examples are left out
TIMEBANK_WEIGHT = 0.0
#: how sure the model must be that a lexicon reading is no event to drop it
DROP_THRESHOLD = 0.6
#: how sure of a PETRARCH2 candidate whose clause names no actor to keep it: 1, never (the
#: no-actor gate; PLOVER's event has an actor). Cross-validation over whole tuning articles
#: (``scripts/event_threshold_cv.py``) chose 0.5, which lowered the validation articles'
#: precision (docs/events.md, evthresh)
ACTORLESS_THRESHOLD = 1.0
#: sparse weights whose every class weight is smaller than this are left out of the file
PRUNE = 1e-3
#: the word-vector blocks the model reads (``features.DENSE_BLOCKS``)
BLOCKS = ("trigger", "object")
#: how much a sentence's candidate that does not tell its relation weighs (as "no event")
OTHER_WEIGHT = 1.0


@dataclass(frozen=True)
class Example:
    """One aligned candidate: its features, vector (every block of ``DENSE_BLOCKS``),
    allowed types, record id, whether it is a sentence's candidate that does not tell
    the sentence's relation, and whether it comes from a TimeBank article."""

    features: tuple[str, ...]
    vector: np.ndarray
    allowed: frozenset[str]
    record: str
    other: bool = False
    timebank: bool = False


# ---------------------------------------------------------------- alignment


def _actor_root(doc, text: str | None):
    """The root token of the first occurrence of a gold actor text in the Doc."""
    if not text:
        return None
    low = doc.text.lower()
    needle = " ".join(text.split()).lower()
    i = low.find(needle)
    if i < 0 and needle.startswith("the "):
        needle = needle[4:]
        i = low.find(needle)
    if i < 0:
        return None
    span = doc.char_span(i, i + len(needle), alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _names(ids: list[str], doc) -> list[str]:
    ents = {e.id: e for e in doc._.entities or []}
    return [t for i in ids if i in ents for t in entity_texts(ents[i], doc.text)]


def _named(gold: Sequence, names: list[str]) -> bool:
    """Whether one of the names overlaps a gold actor text (as the PLOVER scorer matches)."""
    return any(names_overlap(a.text, n) for a in gold if a.text for n in names)


def aligned_mention(doc, live: Sequence[EventMention], gold: GoldRecord) -> EventMention | None:
    """The candidate that tells the gold relation, or None (see the module docstring)."""
    sources = [r for a in gold.source if (r := _actor_root(doc, a.text)) is not None]
    targets = [r for a in gold.target if (r := _actor_root(doc, a.text)) is not None]
    best: tuple[float, int, int] | None = None
    chosen = None
    for m in live:
        scope = {t.i for t in m.token.subtree}
        if m.carrier is not None:
            scope |= {t.i for t in m.carrier.subtree}
        t_in = any(r.i in scope for r in targets)
        s_in = any(r.i in scope for r in sources)
        s_named = _named(gold.source, _names(m.source, doc))
        t_named = _named(gold.target, _names(m.target, doc))
        if not (t_in or (not targets and s_in) or (s_in and t_named)):
            continue
        key = (2.0 * t_in + s_in + 0.5 * s_named + 0.5 * t_named, -len(scope), -m.token.i)
        if best is None or key > best:
            best, chosen = key, m
    return chosen


def candidates(coding) -> list[EventMention]:
    """The candidates the type model decides on (``coder._decide``): mentions that head
    their merged group, not casualty verbs nor acts a judgment presupposes (always kept),
    PETRARCH2 verbs only with a stated actor."""
    return [m for m in coding.live if m.merge_with is None and not m.sense.casualty
            and not m.presupposed and (m.sense.origin != "petrarch" or m.source)]


def examples(docs: Sequence, golds: Sequence[GoldRecord]) -> tuple[list[Example], Counter]:
    """Training examples of the parsed records, and counts of what happened: the aligned
    candidate with the gold type; the others no event (``NONE``), unless a lexicon
    reading of the gold type (the record's relation told again)."""
    out: list[Example] = []
    stats: Counter = Counter()
    for doc, gold in zip(docs, golds, strict=True):
        coding = code_mentions(doc, fallback=True)
        labels = {e.id: e.type for e in doc._.entities or []}
        live = candidates(coding)
        m = aligned_mention(doc, live, gold)
        allowed = frozenset(gold.type.split("|"))
        for other in live:
            if other is m:
                continue
            same = other.sense.origin != "petrarch" and other.type in allowed
            stats[f"{other.sense.origin}, not aligned" + (", gold type" if same else "")] += 1
            out.append(_example(other, coding, labels, allowed if same else frozenset({NONE}), gold.id,
                                other=True))
        if m is None:
            stats["no candidate" if not live else "not aligned"] += 1
            continue
        stats["aligned"] += 1
        stats["rule right"] += m.type in allowed
        out.append(_example(m, coding, labels, allowed, gold.id))
    return out, stats


def _example(m: EventMention, coding, labels: dict[str, str], allowed: frozenset[str],
             record: str, other: bool = False, timebank: bool = False) -> Example:
    return Example(tuple(mention_features(m, coding.lex, labels)), mention_vector(m, DENSE_BLOCKS),
                   allowed, record, other, timebank)


def article_examples(docs: Sequence, golds: Sequence[dict]) -> tuple[list[Example], Counter]:
    """Examples from hand-gold articles, whose gold lists every event (optional ones
    included): a candidate on the line of gold events whose reading has one of their
    types is that event, as is the only candidate on the line of the only gold event
    there; any other candidate is no event."""
    out: list[Example] = []
    stats: Counter = Counter()
    for doc, gold in zip(docs, golds, strict=True):
        coding = code_mentions(doc, fallback=True)
        labels = {e.id: e.type for e in doc._.entities or []}
        by_line: dict[int, list[set[str]]] = {}
        for g in gold.get("events") or []:
            types = g["type"] if isinstance(g["type"], list) else [g["type"]]
            by_line.setdefault(int(g["line"]), []).append(set(types))
        live = candidates(coding)
        lines = [doc.text.count("\n", 0, m.token.idx) + 1 for m in live]
        for m, line in zip(live, lines, strict=True):
            here = by_line.get(line, [])
            if any(m.type in types for types in here):
                allowed, what = frozenset({m.type}), "article, event"
            elif len(here) == 1 and lines.count(line) == 1:
                allowed, what = frozenset(here[0]), "article, event retyped"
            else:
                allowed, what = frozenset({NONE}), "article, no event"
            stats[what] += 1
            out.append(_example(m, coding, labels, allowed, f"{gold['article']}:{line}",
                                timebank=gold.get("corpus") == "timebank"))
    return out, stats


# ---------------------------------------------------------------- fitting


def fit(rows: Sequence[Sequence[str]], vectors: np.ndarray, allowed: Sequence[frozenset[str]],
        classes: Sequence[str] = CLASSES, l2: float = 1e-2, steps: int = STEPS,
        rate: float = LEARNING_RATE, min_count: int = MIN_COUNT,
        weights: Sequence[float] | None = None, dense_l2: float | None = None) -> TypeModel:
    """Softmax regression with sets of allowed classes and example weights (full-batch
    AdaGrad, L2 — ``dense_l2`` on the word-vector weights if given; deterministic)."""
    counts = Counter(f for r in rows for f in set(r))
    names = sorted(f for f, c in counts.items() if c >= min_count)
    index = {f: k for k, f in enumerate(names)}
    cols = [sorted({index[f] for f in r if f in index}) for r in rows]
    n, d, k = len(rows), len(names), len(classes)
    # sums over a binary sparse matrix by np.add.reduceat: by row (X @ W), by column (X.T @ G)
    col = np.array([c for r in cols for c in r], dtype=np.int64)
    row = np.repeat(np.arange(n), [len(r) for r in cols])
    present = np.array([i for i, r in enumerate(cols) if r], dtype=np.int64)
    row_starts = np.searchsorted(row, present)
    by_col = np.argsort(col, kind="stable")
    used_cols = np.unique(col)
    col_starts = np.searchsorted(col[by_col], used_cols)
    cls = {c: j for j, c in enumerate(classes)}
    mask = np.zeros((n, k))
    for i, a in enumerate(allowed):
        for c in a:
            mask[i, cls[c]] = 1.0
    dense_x = np.asarray(vectors, dtype=np.float64).reshape(n, -1)
    weight = np.ones(n) if weights is None else np.asarray(weights, dtype=np.float64)
    weight = weight / weight.sum()
    w = np.zeros((d, k))
    wd = np.zeros((dense_x.shape[1], k))
    b = np.zeros(k)
    g2w, g2d, g2b = np.full((d, k), 1e-8), np.full(wd.shape, 1e-8), np.full(k, 1e-8)
    for _ in range(steps):
        z = b + dense_x @ wd
        if col.size:
            z[present] += np.add.reduceat(w[col], row_starts, axis=0)
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        q = p * mask
        q /= q.sum(axis=1, keepdims=True)
        g = (p - q) * weight[:, None]
        gw = l2 * w
        if col.size:
            gw[used_cols] += np.add.reduceat(g[row[by_col]], col_starts, axis=0)
        gd = dense_x.T @ g + (l2 if dense_l2 is None else dense_l2) * wd
        gb = g.sum(axis=0)
        g2w += gw * gw
        g2d += gd * gd
        g2b += gb * gb
        w -= rate * gw / np.sqrt(g2w)
        wd -= rate * gd / np.sqrt(g2d)
        b -= rate * gb / np.sqrt(g2b)
    sparse = {f: np.round(w[index[f]], 4) for f in names if np.abs(w[index[f]]).max() >= PRUNE}
    return TypeModel(tuple(classes), sparse, np.round(wd, 4), np.round(b, 4), FALLBACK_THRESHOLD,
                     DROP_THRESHOLD, actorless_threshold=ACTORLESS_THRESHOLD)


def _reading(e: Example) -> str:
    """The type the rules read for an example (its ``rule=`` feature)."""
    return next(f.removeprefix("rule=") for f in e.features if f.startswith("rule="))


def block_columns(blocks: Sequence[str]) -> np.ndarray:
    """The columns of an example's vector (every block of ``DENSE_BLOCKS``) that hold
    ``blocks``, in their order."""
    return np.concatenate([np.arange(VECTOR_WIDTH) + DENSE_BLOCKS.index(b) * VECTOR_WIDTH for b in blocks])


def example_weight(e: Example, article_weight: float = ARTICLE_WEIGHT, other_weight: float = OTHER_WEIGHT,
                   timebank_weight: float = TIMEBANK_WEIGHT) -> float:
    """What an example weighs: a TimeBank article's, another article's, a sentence's
    candidate that does not tell its relation, or a sentence's aligned one (1)."""
    if e.timebank:
        return timebank_weight
    return article_weight if ":" in e.record else other_weight if e.other else 1.0


def fit_examples(exs: Sequence[Example], l2: float = L2, article_weight: float = ARTICLE_WEIGHT,
                 drop: float | None = None, blocks: Sequence[str] = BLOCKS,
                 other_weight: float = OTHER_WEIGHT, dense_l2: float | None = None,
                 timebank_weight: float = TIMEBANK_WEIGHT) -> TypeModel:
    """The model fitted on examples (weighed by :func:`example_weight`) over the
    word-vector ``blocks``, an example that weighs nothing left out (its features not
    counted); ``drop``: its drop threshold, if not ``DROP_THRESHOLD``."""
    weights = [example_weight(e, article_weight, other_weight, timebank_weight) for e in exs]
    exs = [e for e, w in zip(exs, weights, strict=True) if w > 0]
    vectors = np.array([e.vector for e in exs]).reshape(len(exs), -1)[:, block_columns(blocks)]
    model = fit([e.features for e in exs], vectors, [e.allowed for e in exs], l2=l2,
                weights=[w for w in weights if w > 0], dense_l2=dense_l2)
    model = replace(model, blocks=tuple(blocks))
    return model if drop is None else replace(model, drop_threshold=drop)


def train(exs: Sequence[Example], log: Callable[..., None] = print) -> TypeModel:
    """Fit on every example (the L2 strength, the article weight and the thresholds were
    chosen by cross-validation on the tuning part: see the module docstring)."""
    exs = [e for e in exs if example_weight(e) > 0]
    rule = sum(_reading(e) in e.allowed for e in exs) / max(len(exs), 1)
    log(f"  fitting on {len(exs)} examples; the rules alone decide {rule:.3f} of them right")
    return fit_examples(exs)


def tuning_corpus(shared: Path, cache: Path | None = None, nlp=None, limit: int | None = None,
                  leave_out: Sequence[str] = (), timebank: bool = True
                  ) -> list[tuple[Text, Any, GoldRecord | dict]]:
    """The tuning part, parsed: (text, Doc, gold) of the PLV tuning sentences, the PLOVER
    gold-standard dev half, the tuning articles and (``timebank``) the TimeBank articles
    but those named in ``leave_out`` (``limit``: the first N sentences and one article of
    each kind per hundred of them, a quick trial). A trainer whose TimeBank weight is 0
    leaves them out: they would give it no example and cost their parse."""
    golds: list[GoldRecord | dict] = [*plv_records(shared, "tuning"), *gsr_records(shared)]
    names = article_names(shared, "tuning")
    timebank = [n for n in timebank_names() if n not in set(leave_out)] if timebank else []
    if limit is not None:
        golds, names, timebank = golds[:limit], names[:max(limit // 100, 1)], timebank[:max(limit // 100, 1)]
    texts = record_texts(golds) + article_texts(names, shared) + timebank_texts(timebank, shared)  # type: ignore[arg-type]
    golds += [json.loads((shared / "examples" / "dev" / f"{n}.gold.json").read_text(encoding="utf-8"))
              for n in names]
    golds += timebank_golds(timebank)
    return list(zip(texts, parse(texts, cache, nlp=nlp), golds, strict=True))


def text_examples(doc, gold: GoldRecord | dict) -> tuple[list[Example], Counter]:
    """The examples of one parsed text: a sentence's (``examples``) or an article's."""
    return examples([doc], [gold]) if isinstance(gold, GoldRecord) else article_examples([doc], [gold])


def training_examples(shared: Path, cache: Path | None = None, nlp=None,
                      log: Callable[..., None] = print, limit: int | None = None) -> list[Example]:
    """Examples of the tuning part (:func:`tuning_corpus`)."""
    out: list[Example] = []
    stats: Counter = Counter()
    corpus = tuning_corpus(shared, cache, nlp, limit, timebank=TIMEBANK_WEIGHT > 0)
    for _, doc, gold in corpus:
        exs, counts = text_examples(doc, gold)
        out += exs
        stats += counts
    articles = sum(isinstance(g, dict) for _, _, g in corpus)
    timebank = sum(isinstance(g, dict) and g.get("corpus") == "timebank" for _, _, g in corpus)
    log(f"{len(corpus) - articles} sentences, {articles} articles ({timebank} TimeBank): "
        + ", ".join(f"{k} {v}" for k, v in sorted(stats.items())))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--cache", type=Path, help="keep the parsed sentences here (pickle)")
    ap.add_argument("--limit", type=int, help="first N sentences only (a quick trial)")
    args = ap.parse_args()
    if not (args.shared / "data" / "plover" / "PLV_train.json").is_file():
        print(f"no PLV sentences under {args.shared}", file=sys.stderr)
        return 2
    if not timebank_corpus(args.shared).is_dir():
        print(f"no TimeBank corpus under {args.shared}", file=sys.stderr)
        return 2
    model = train(training_examples(args.shared, args.cache, limit=args.limit))
    args.out.write_text(model.to_json(), encoding="utf-8")
    print(f"wrote {args.out}: {len(model.sparse)} sparse features, {model.dense.shape[0]} dense")
    return 0


if __name__ == "__main__":
    sys.exit(main())
