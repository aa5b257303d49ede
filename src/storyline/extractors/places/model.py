"""The place ranker: a linear score over the features of :mod:`.features`.

The reading of a toponym with the highest score wins (a conditional logit: the
probability of a reading is the softmax of the scores of the name's readings).
The weights are a JSON file (``resources/en/places/ranker.json``, one feature per
line) written by ``scripts/train_place_ranker.py`` from the tune halves of the
geoparsing dev corpora; nothing but the standard library runs at prediction time.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from ...resources import path as resource_path

MODEL_RESOURCE = "places/ranker.json"


@dataclass(frozen=True)
class PlaceRanker:
    """Weights of the place ranker's features."""

    weights: Mapping[str, float]

    def score(self, features: Mapping[str, float]) -> float:
        w = self.weights
        return sum(w.get(k, 0.0) * v for k, v in features.items())

    def to_json(self) -> str:
        """The model as JSON text with one weight per line, features sorted (diffable)."""
        body = ",\n".join(f"  {json.dumps(k)}: {round(v, 6)!r}"
                          for k, v in sorted(self.weights.items()))
        return f'{{"weights": {{\n{body}\n}}}}\n'

    @classmethod
    def from_json(cls, text: str) -> PlaceRanker:
        return cls({str(k): float(v) for k, v in json.loads(text)["weights"].items()})


@lru_cache(maxsize=1)
def place_ranker() -> PlaceRanker:
    """The shipped ranker (loaded once)."""
    return PlaceRanker.from_json(resource_path(MODEL_RESOURCE).read_text(encoding="utf-8"))
