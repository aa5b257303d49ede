"""A small trained model that decides the PLOVER type of a candidate event.

The lexicon finds candidate events and reads them (a sense, a CAMEO code,
composition, arguments, status); which PLOVER type such a reading stands for
in news is learned. A softmax regression over the sparse features and the
dense word-vector part of :mod:`.features` gives a probability for each of
the sixteen types; the most probable is the event's type. The rule reading is
itself a feature, so the model keeps it unless the data taught otherwise
(PLOVER's conventions: "imposed a blockade on the ports" is ASSAULT,
"called for sanctions against X" an ACCUSE of X).

The weights are a JSON file (``resources/en/events/type_model.json``)
written by ``scripts/train_event_model.py`` from the tuning part of the PLV
sentences and the PLOVER gold-standard dev half (``storyline.eval.splits``);
nothing is downloaded and prediction is a few dot products.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ...resources import path as resource_path

MODEL_RESOURCE = "events/type_model.json"
#: the class of a candidate that is no event
NO_EVENT = "NONE"
#: the word-vector blocks a model reads when its file names none (``features.DENSE_BLOCKS``)
DEFAULT_BLOCKS = ("trigger", "object")


@dataclass(frozen=True)
class TypeModel:
    """Per-class weights of sparse features, a dense weight matrix (features × classes)
    over the word-vector ``blocks`` it was trained on, a bias per class, how sure the
    model must be of a candidate the lexicon does not read itself (a PETRARCH2 verb) to
    keep it (``fallback_threshold``), how sure that a lexicon reading is no event to
    drop it (``drop_threshold``; 1.0 never drops), and how sure of a PETRARCH2 candidate
    whose clause names no actor to keep it (``actorless_threshold``; 1.0, the default,
    never keeps one: the no-actor gate of ``coder._decide``)."""

    classes: tuple[str, ...]
    sparse: dict[str, np.ndarray]
    dense: np.ndarray
    bias: np.ndarray
    fallback_threshold: float = 0.5
    drop_threshold: float = 1.0
    #: the word-vector blocks the dense weights read, in order (``features.DENSE_BLOCKS``)
    blocks: tuple[str, ...] = DEFAULT_BLOCKS
    actorless_threshold: float = 1.0

    @property
    def gates_actorless(self) -> bool:
        """Whether no PETRARCH2 candidate whose clause names no actor is kept (the no-actor
        gate: ``actorless_threshold`` 1.0)."""
        return self.actorless_threshold >= 1.0

    def scores(self, features: Iterable[str], vector: np.ndarray) -> np.ndarray:
        """Unnormalised log-probabilities of the classes."""
        z = self.bias.copy()
        for f in set(features):
            w = self.sparse.get(f)
            if w is not None:
                z += w
        if self.dense.size and vector.shape[0] == self.dense.shape[0]:
            z += vector @ self.dense
        return z

    def probabilities(self, features: Iterable[str], vector: np.ndarray) -> np.ndarray:
        z = self.scores(features, vector)
        e = np.exp(z - z.max())
        return e / e.sum()

    def predict(self, features: Sequence[str], vector: np.ndarray, fallback: bool = False,
                threshold: float | None = None) -> str:
        """The most probable class; for a ``fallback`` candidate (PETRARCH2's reading, not
        the lexicon's) no event unless that class reaches ``threshold`` (default
        ``fallback_threshold``)."""
        p = self.probabilities(features, vector)
        best = int(np.argmax(p))
        if fallback and p[best] < (self.fallback_threshold if threshold is None else threshold):
            return NO_EVENT
        return self.classes[best]

    def decide(self, features: Sequence[str], vector: np.ndarray, reading: str, fallback: bool,
               actorless: bool = False) -> str:
        """A candidate's type, or ``NO_EVENT``. A lexicon ``reading`` keeps its type unless
        "no event" reaches ``drop_threshold``; a ``fallback`` candidate takes the most
        probable type when that type reaches ``fallback_threshold``, or
        ``actorless_threshold`` when its clause names no actor (``actorless``)."""
        if not fallback:
            p = self.probabilities(features, vector)
            return NO_EVENT if p[self.classes.index(NO_EVENT)] >= self.drop_threshold else reading
        if actorless and self.gates_actorless:
            return NO_EVENT
        return self.predict(features, vector, fallback=True,
                            threshold=self.actorless_threshold if actorless else None)

    def to_json(self) -> str:
        """The model as JSON text, one sparse feature per line (sorted, diffable)."""
        def nums(v: Iterable[float]) -> str:
            return "[" + ",".join(_num(x) for x in v) + "]"
        lines = [json.dumps(k, ensure_ascii=False) + ": " + nums(w) for k, w in sorted(self.sparse.items())]
        dense = ",\n".join("  " + nums(row) for row in self.dense)
        return ('{"classes": ' + json.dumps(list(self.classes)) + ', "fallback_threshold": '
                + _num(self.fallback_threshold) + ', "drop_threshold": ' + _num(self.drop_threshold)
                + ', "actorless_threshold": ' + _num(self.actorless_threshold)
                + ', "dense_blocks": ' + json.dumps(list(self.blocks))
                + ',\n"bias": ' + nums(self.bias)
                + ',\n"sparse": {\n' + ",\n".join("  " + x for x in lines) + "\n},\n"
                + '"dense": [\n' + dense + "\n]}\n")

    @classmethod
    def from_json(cls, text: str) -> TypeModel:
        data = json.loads(text)
        classes = tuple(data["classes"])
        sparse = {str(k): np.asarray(v, dtype=np.float64) for k, v in data["sparse"].items()}
        dense = np.asarray(data["dense"], dtype=np.float64).reshape(-1, len(classes))
        return cls(classes, sparse, dense, np.asarray(data["bias"], dtype=np.float64),
                   float(data.get("fallback_threshold", 0.5)), float(data.get("drop_threshold", 1.0)),
                   tuple(data.get("dense_blocks", DEFAULT_BLOCKS)),
                   float(data.get("actorless_threshold", 1.0)))


def _num(x: float) -> str:
    r = round(float(x), 4)
    return "0" if r == 0 else repr(r)


@lru_cache(maxsize=1)
def type_model() -> TypeModel:
    """The shipped type model (loaded once per process)."""
    return TypeModel.from_json(resource_path(MODEL_RESOURCE).read_text(encoding="utf-8"))
