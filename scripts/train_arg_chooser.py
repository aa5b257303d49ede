"""Train the event argument chooser on the tuning part of the event development data.

Writes ``src/storyline/resources/en/events/arg_model.json``: a logistic
regression per role (source, target) over the features of
:func:`storyline.extractors.events.chooser.pair_features`, and the thresholds
of its decision (``ArgChooser.choose``).

Training data (``storyline.eval.splits``; the validation part is never read):
the PLV tuning sentences, the PLOVER gold-standard dev half, the tuning
articles and the project's TimeBank articles (``eval/articles/timebank``,
events-only gold: its actors are strings, matched as below), parsed and
coded by the rules alone up to the final arguments
(:func:`storyline.extractors.events.coder.coded_clusters`). Each example is
one entity the event's sentence mentions, for one role:

- in a sentence, the candidate that tells the coded relation
  (``train_event_model.aligned_mention``) gives examples; an entity is
  positive for a role when it matches a gold actor of that role the way the
  PLOVER scorer matches (a shared content word, or the CAMEO code's country);
  a role the gold leaves empty gives none;
- in an article, a candidate on the line of exactly one gold event of its type
  gives examples the same way; a gold side that is empty (null) makes every
  entity negative for that role (the article gold leaves unnamed actors open).
  An article example weighs ``ARTICLE_WEIGHT`` sentence examples, a TimeBank
  article's ``TIMEBANK_WEIGHT``.

The thresholds are chosen by ``--cv`` (five folds by a hash of the text id,
as ``scripts/event_model_cv.py``): each fold's chooser codes its held-out
texts, scored by the shared scorers' measures. Fitting is full-batch AdaGrad
(numpy, no randomness), so a rerun on the same parses writes the same file.

    python scripts/train_arg_chooser.py [--shared ../shared] [--out FILE] [--cache FILE] [--cv]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from event_corpus import SHARED, timebank_corpus
from event_model_cv import article_scores, fold_of
from train_event_model import aligned_mention, tuning_corpus

from storyline.eval.plover import GoldActor, GoldRecord, actor_matches
from storyline.eval.plover import score as plover_score
from storyline.extractors.events.args import ArgResolver
from storyline.extractors.events.chooser import (
    MODEL_RESOURCE,
    ROLES,
    ArgChooser,
    eligible_roles,
    pair_features,
    sentence_candidates,
)
from storyline.extractors.events.coder import coded_clusters, extract_events
from storyline.record import ArticleRecord, Entity
from storyline.resources import path as resource_path

DEFAULT_OUT = resource_path(MODEL_RESOURCE)
MIN_COUNT = 2
L2 = 1e-2
STEPS = 300
LEARNING_RATE = 0.3
#: how much an article example weighs against a sentence's
ARTICLE_WEIGHT = 2.0
#: how much a TimeBank article example weighs: out of fold, weight 2 decided exactly as
#: none (docs/events.md, tbtrain), so none: the examples are left out
TIMEBANK_WEIGHT = 0.0
#: decision thresholds, chosen out of fold (``--cv``; docs/events.md)
FILL = {"source": 0.5, "target": 0.4}
#: the target threshold of a type whose recipient PLOVER makes optional (above 1: never)
OPTIONAL_TARGET = 2.0
#: whether only the pairs the chooser decides on (an empty side, an entity it may take)
#: are examples, instead of every entity of the sentence for both roles
DECISION_ONLY = False
#: replacing a rule's choice never helped out of fold: off
KEEP = 0.0
REPLACE = 2.0
PRUNE = 1e-3


@dataclass(frozen=True)
class Example:
    """One (event, entity) pair: its features, a label per role (None: no label), weight."""

    features: tuple[str, ...]
    labels: dict[str, bool | None]
    weight: float


def _matches(gold: str, entity: Entity, text: str) -> bool:
    """A gold actor written as one string (a name, or a CAMEO code in capitals) against an
    entity, as the PLOVER scorer matches (:func:`storyline.eval.plover.actor_matches`)."""
    return actor_matches(GoldActor(gold, gold if gold.isupper() else None), entity, text)


def _pair_examples(doc, c, resolver: ArgResolver, sents, gold: dict[str, list[str] | None],
                   weight: float, decision_only: bool = DECISION_ONLY) -> list[Example]:
    """Examples of one event's candidates; ``gold``: per role the gold actors (strings),
    an empty list when none is named (every entity negative), None when unknown.
    ``decision_only``: a role gives an example only where the chooser decides (the rules
    left the side empty and the entity may take it)."""
    m = c.head
    cands = sentence_candidates(m, resolver, sents[m.sent])
    ents = {e.id: e for e in doc._.entities or []}
    chosen = {"source": c.sources(), "target": c.targets()}
    out = []
    for cand in cands:
        e = ents.get(cand.entity)
        if e is None:
            continue
        roles = eligible_roles(m, cand, resolver, DECIDING) if decision_only else ROLES
        labels = {r: (None if gold[r] is None or (decision_only and (chosen[r] or r not in roles))
                      else any(_matches(g, e, doc.text) for g in gold[r]))
                  for r in ROLES}
        if all(v is None for v in labels.values()):
            continue
        features = pair_features(m, cand, cands, resolver, chosen["source"], chosen["target"])
        out.append(Example(tuple(features), labels, weight))
    return out


def _as_list(v) -> list:
    return v if isinstance(v, list) else [v]


#: the decision settings that say which entity may take which role (``eligible_roles``)
DECIDING = ArgChooser({}, {}, {})


def text_examples(doc, gold: GoldRecord | dict, article_weight: float = ARTICLE_WEIGHT,
                  decision_only: bool = DECISION_ONLY,
                  timebank_weight: float = TIMEBANK_WEIGHT) -> list[Example]:
    """The examples of one parsed text, coded by the rules alone."""
    coding, clusters, _ = coded_clusters(doc, True)
    resolver = ArgResolver(doc, coding.lex, groups=True)
    clusters = [c for c in clusters if c.type is not None]
    by_head = {id(c.head): c for c in clusters}
    if isinstance(gold, GoldRecord):
        m = aligned_mention(doc, [c.head for c in clusters], gold)
        if m is None:
            return []
        sides = {"source": [a.text or a.code or "" for a in gold.source] or None,
                 "target": [a.text or a.code or "" for a in gold.target] or None}
        return _pair_examples(doc, by_head[id(m)], resolver, coding.sents, sides, 1.0, decision_only)
    out = []
    weight = timebank_weight if gold.get("corpus") == "timebank" else article_weight
    for c in clusters:
        m = c.head
        line = doc.text.count("\n", 0, m.token.idx) + 1
        here = [g for g in gold.get("events") or [] if int(g["line"]) == line
                and m.type in _as_list(g["type"])]
        if len(here) != 1:
            continue
        g = here[0]
        sides = {r: [s for s in _as_list(g.get(r)) if s is not None] for r in ROLES}
        out += _pair_examples(doc, c, resolver, coding.sents, sides, weight, decision_only)
    return out


def fit(exs: Sequence[Example], l2: float = L2, fill: dict[str, float] | None = None,
        keep: float = KEEP, replace_at: float = REPLACE) -> ArgChooser:
    """A logistic regression per role on the labelled examples (full-batch AdaGrad, L2)."""
    weights: dict[str, dict[str, float]] = {}
    bias: dict[str, float] = {}
    for role in ROLES:
        # an example that weighs nothing is left out, its features not counted
        rows = [e for e in exs if e.labels[role] is not None and e.weight > 0]
        counts = Counter(f for e in rows for f in set(e.features))
        names = sorted(f for f, c in counts.items() if c >= MIN_COUNT)
        index = {f: k for k, f in enumerate(names)}
        x = np.zeros((len(rows), len(names)))
        for i, e in enumerate(rows):
            for f in set(e.features):
                if f in index:
                    x[i, index[f]] = 1.0
        y = np.array([1.0 if e.labels[role] else 0.0 for e in rows])
        sw = np.array([e.weight for e in rows])
        sw = sw / sw.sum()
        w, b = np.zeros(len(names)), 0.0
        g2w, g2b = np.full(len(names), 1e-8), 1e-8
        for _ in range(STEPS):
            p = 1.0 / (1.0 + np.exp(-(x @ w + b)))
            g = (p - y) * sw
            gw = x.T @ g + l2 * w
            gb = float(g.sum())
            g2w += gw * gw
            g2b += gb * gb
            w -= LEARNING_RATE * gw / np.sqrt(g2w)
            b -= LEARNING_RATE * gb / np.sqrt(g2b)
        weights[role] = {f: round(float(w[index[f]]), 4) for f in names if abs(w[index[f]]) >= PRUNE}
        bias[role] = round(b, 4)
    return ArgChooser(weights, bias, dict(fill or FILL), keep, replace_at, optional_target=OPTIONAL_TARGET)


def _record(text, doc, chooser: ArgChooser) -> ArticleRecord:
    return ArticleRecord(id=text.id, source=text.id, text=text.text,
                         published=text.published.isoformat() if text.published else None,
                         entities=doc._.entities or [], timexes=doc._.timexes or [],
                         places=doc._.places or [], quotes=doc._.quotes or [],
                         events=extract_events(doc, fallback=True, chooser=chooser))


#: (name, fill per role, target threshold of a type that need not have one, keep, replace)
SETTINGS: list[tuple[str, dict[str, float], float, float, float]] = [
    ("rules only", {"source": 2.0, "target": 2.0}, 2.0, 0.0, 2.0),
    *[(f"fill target {ft:g}, optional target {fo:g}", {"source": 2.0, "target": ft}, fo, 0.0, 2.0)
      for ft in (0.3, 0.4, 0.5) for fo in (2.0, 0.7, 0.6, 0.5, 0.4)],
    *[(f"fill source {fs:g}, target {ft:g}, optional target {fo:g}", {"source": fs, "target": ft},
       fo, 0.0, 2.0) for fs in (0.3, 0.4, 0.5, 0.6, 0.7) for ft, fo in ((2.0, 2.0), (0.4, 2.0))],
    *[(f"replace {k:g}/{r:g}", {"source": 2.0, "target": 2.0}, 2.0, k, r)
      for k, r in ((0.3, 0.7), (0.2, 0.6))],
]


def cross_validate(shared: Path, corpus, per_text: list[list[Example]], l2: float) -> None:
    """Out-of-fold figures of each decision setting (one line each)."""
    texts, docs = [t for t, _, _ in corpus], [d for _, d, _ in corpus]
    golds = [g for _, _, g in corpus]
    folds = [fold_of(t.id) for t in texts]
    models = [fit([e for k, exs in enumerate(per_text) if folds[k] != f for e in exs], l2) for f in range(5)]
    plv = [i for i, g in enumerate(golds) if isinstance(g, GoldRecord) and g.id.startswith("PLV")]
    gsr = [i for i, g in enumerate(golds) if isinstance(g, GoldRecord) and not g.id.startswith("PLV")]
    arts = [i for i, g in enumerate(golds) if isinstance(g, dict) and "corpus" not in g]
    timebank = [i for i, g in enumerate(golds) if isinstance(g, dict) and "corpus" in g]
    for name, fill, optional, keep, rep in SETTINGS:
        recs = [_record(t, d, replace(models[f], fill=fill, optional_target=optional, keep=keep, replace=rep))
                for t, d, f in zip(texts, docs, folds, strict=True)]
        parts = []
        for label, idx in (("PLV", plv), ("GSR", gsr)):
            s = plover_score([golds[i] for i in idx], [recs[i] for i in idx])  # type: ignore[misc]
            parts.append(f"{label} {s.type_accuracy:.3f}/{s.full_accuracy:.3f}/{s.precision:.3f}")
        parts.append("articles " + article_scores(shared, [recs[i] for i in arts]))
        parts.append("TimeBank " + article_scores(shared, [recs[i] for i in timebank]))
        print(f"  {name}: " + ", ".join(parts), flush=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--cache", type=Path, help="keep the parsed texts here (pickle)")
    ap.add_argument("--cv", action="store_true", help="print out-of-fold figures of the thresholds")
    ap.add_argument("--l2", type=float, default=L2)
    ap.add_argument("--article-weight", type=float, default=ARTICLE_WEIGHT)
    ap.add_argument("--timebank-weight", type=float, default=TIMEBANK_WEIGHT)
    ap.add_argument("--decision-only", action=argparse.BooleanOptionalAction, default=DECISION_ONLY,
                    help="examples only where the chooser decides (an empty side)")
    args = ap.parse_args()
    if not (args.shared / "data" / "plover" / "PLV_train.json").is_file():
        print(f"no PLV sentences under {args.shared}", file=sys.stderr)
        return 2
    if not timebank_corpus(args.shared).is_dir():
        print(f"no TimeBank corpus under {args.shared}", file=sys.stderr)
        return 2
    # the TimeBank articles only where they weigh or are scored (out of fold)
    corpus = tuning_corpus(args.shared, args.cache, timebank=args.timebank_weight > 0 or args.cv)
    per_text = [text_examples(d, g, args.article_weight, args.decision_only, args.timebank_weight)
                for _, d, g in corpus]
    exs = [e for x in per_text for e in x]
    print(f"{len(corpus)} texts, {len(exs)} examples: " + ", ".join(
        f"{r} {sum(e.labels[r] is True for e in exs)}+/{sum(e.labels[r] is False for e in exs)}-"
        for r in ROLES))
    if args.cv:
        cross_validate(args.shared, corpus, per_text, args.l2)
        return 0
    model = fit(exs, args.l2)
    args.out.write_text(model.to_json(), encoding="utf-8")
    print(f"wrote {args.out}: {sum(map(len, model.weights.values()))} weights")
    return 0


if __name__ == "__main__":
    sys.exit(main())
