"""Hand-built and synthetic article records, for tests, demos and benchmarks.

:func:`article` builds a valid :class:`ArticleRecord` from a text and names:
mention offsets are found in the text, so tests read like the article they
describe. :func:`corpus` generates a large random corpus quickly (no model).
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ..record import ArticleRecord, Casualties, Count, Entity, Event, Place, Quote, TextSpan
from ..sources.base import text_id

if TYPE_CHECKING:
    from .db import Database


@dataclass(frozen=True)
class E:
    """An entity named in the text: every occurrence of ``name`` (and ``aliases``) is a mention."""

    name: str
    type: str = "PERSON"
    country: str | None = None
    actor: str | None = None
    aliases: tuple[str, ...] = ()
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None


@dataclass(frozen=True)
class V:
    """An event: its trigger (first occurrence after ``after``) and its participants by name."""

    type: str
    trigger: str
    source: tuple[str, ...] = ()
    target: tuple[str, ...] = ()
    date: str | None = None
    status: str = "occurred"
    location: str | None = None
    attributed_to: str | None = None
    killed: int | None = None
    injured: int | None = None
    cameo: str | None = None
    after: int = 0


@dataclass(frozen=True)
class Q:
    """A direct quote: the quoted text and the speaker's name."""

    text: str
    speaker: str | None = None


@dataclass
class _Ids:
    by_name: dict[str, str] = field(default_factory=dict)


def _spans(text: str, name: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text)]


def _sentence(text: str, pos: int) -> tuple[int, int]:
    start = max(text.rfind(". ", 0, pos) + 2, text.rfind("\n", 0, pos) + 1, 0)
    if start == 1:
        start = 0
    ends = [i for i in (text.find(". ", pos), text.find("\n", pos)) if i >= 0]
    end = min(ends) + 1 if ends else len(text)
    return start, min(end, len(text))


def article(text: str, *, id: str | None = None, published: str | None = None,
            title: str | None = None, url: str | None = None, source: str = "<test>",
            entities: Sequence[E] = (), events: Sequence[V] = (),
            quotes: Sequence[Q] = ()) -> ArticleRecord:
    """A valid article record for ``text`` with the given entities, events and quotes."""
    ids = _Ids()
    ents, places = [], []
    for n, e in enumerate(entities, start=1):
        eid = f"e{n}"
        ids.by_name[e.name] = eid
        for alias in e.aliases:
            ids.by_name[alias] = eid
        mentions = _spans(text, e.name)
        for alias in e.aliases:
            # an alias inside the full name ("Trump" in "Donald Trump") is not another mention
            mentions += [s for s in _spans(text, alias)
                         if not any(a <= s[0] and s[1] <= b for a, b in mentions)]
        mentions.sort()
        ents.append(Entity(id=eid, name=e.name, type=e.type, country=e.country, actor=e.actor,
                           mentions=mentions))
        if e.lat is not None or e.geonameid is not None:
            places.append(Place(entity=eid, name=e.name, country=e.country, lat=e.lat,
                                lon=e.lon, geonameid=e.geonameid))
    evs = []
    for n, v in enumerate(events, start=1):
        start = text.find(v.trigger, v.after)
        if start < 0:
            raise ValueError(f"trigger {v.trigger!r} not in text")
        counts = {}
        if v.killed is not None:
            counts["killed"] = Count(min=v.killed)
        if v.injured is not None:
            counts["injured"] = Count(min=v.injured)
        evs.append(Event(
            id=f"v{n}", type=v.type, cameo=v.cameo,  # type: ignore[arg-type]
            source=[ids.by_name[s] for s in v.source], target=[ids.by_name[t] for t in v.target],
            date=v.date, status=v.status,  # type: ignore[arg-type]
            location=ids.by_name.get(v.location or ""),
            attributed_to=ids.by_name.get(v.attributed_to or ""),
            casualties=Casualties(**counts) if counts else None,
            trigger=TextSpan(start=start, end=start + len(v.trigger), text=v.trigger),
            sentence=_sentence(text, start), confidence=0.9))
    qs = []
    for q in quotes:
        start = text.find(q.text)
        if start < 0:
            raise ValueError(f"quote {q.text!r} not in text")
        qs.append(Quote(start=start, end=start + len(q.text), text=q.text, kind="direct",
                        speaker=ids.by_name.get(q.speaker or ""), speaker_text=q.speaker))
    return ArticleRecord(id=id or text_id(text), source=source, title=title, url=url,
                         published=published, text=text, entities=ents, places=places,
                         events=evs, quotes=qs)


_COUNTRIES = [("Ukraine", "UKR", 50.45, 30.52), ("Russia", "RUS", 55.75, 37.62),
              ("France", "FRA", 48.85, 2.35), ("Kenya", "KEN", -1.29, 36.82),
              ("Brazil", "BRA", -15.79, -47.88), ("India", "IND", 28.61, 77.21),
              ("Germany", "DEU", 52.52, 13.40), ("Nigeria", "NGA", 9.08, 7.40),
              ("Japan", "JPN", 35.68, 139.69), ("Mexico", "MEX", 19.43, -99.13)]
_VERBS = [("ASSAULT", "attacked"), ("CONSULT", "met"), ("ACCUSE", "accused"),
          ("AID", "helped"), ("PROTEST", "protested"), ("AGREE", "agreed"),
          ("THREATEN", "threatened"), ("SANCTION", "sanctioned"), ("REQUEST", "asked"),
          ("COOPERATE", "cooperated")]


def corpus(n_articles: int, events_per_article: int = 5, seed: int = 7,
           start: date = date(2020, 1, 1)) -> Iterator[ArticleRecord]:
    """A random corpus: short articles whose events relate governments of ten countries."""
    rng = random.Random(seed)
    for k in range(n_articles):
        day = start + timedelta(days=rng.randrange(0, 5 * 365))
        lines, specs = [], []
        chosen = rng.sample(_COUNTRIES, 3)
        ents = [E(f"{c} government", "ORG", code, f"{code}GOV") for c, code, _, _ in chosen]
        ents += [E(c, "GPE", code, None, lat=lat, lon=lon) for c, code, lat, lon in chosen]
        pos = 0
        for _ in range(events_per_article):
            (a, _, _, _), (b, _, _, _) = rng.sample(chosen, 2)
            place = rng.choice(chosen)[0]
            etype, verb = rng.choice(_VERBS)
            line = f"The {a} government {verb} the {b} government in {place}."
            specs.append(V(etype, verb, (f"{a} government",), (f"{b} government",),
                           date=day.isoformat(), location=place,
                           killed=rng.randrange(1, 50) if etype == "ASSAULT" else None,
                           after=pos))
            pos += len(line) + 1
            lines.append(line)
        text = "\n".join(lines) + f"\nReport {k}."
        yield article(text, id=f"syn{k:07d}", published=day.isoformat(),
                      title=f"Synthetic report {k}", entities=ents, events=specs)


def store_corpus(db: Database, n_articles: int, events_per_article: int = 5,
                 batch: int = 2000) -> None:
    """Write :func:`corpus` into ``db`` in batches of ``batch`` records (for benchmarks)."""
    pending: list[ArticleRecord] = []
    for record in corpus(n_articles, events_per_article):
        pending.append(record)
        if len(pending) == batch:
            db.write_records(pending, None)
            pending = []
    db.write_records(pending, None)


def sample_corpus() -> list[ArticleRecord]:
    """Four short hand-built articles: two reports of one strike that disagree on the
    toll, a follow-up quote, and an unrelated story about a trade deal."""
    kyiv = E("Kyiv", "GPE", "UKR", lat=50.45, lon=30.52, geonameid=703448)
    return [
        article(
            "Russia launched missiles at Kyiv on April 24, killing nine people, the Ukrainian "
            "government said. Ukraine condemned the strikes.",
            id="kyiv-a", published="2025-04-24", title="Missiles hit Kyiv", url="https://a.example/kyiv",
            entities=[E("Russia", "GPE", "RUS", "RUS"), kyiv,
                      E("Ukrainian government", "ORG", "UKR", "UKRGOV"),
                      E("Ukraine", "GPE", "UKR", "UKR")],
            events=[V("ASSAULT", "launched", ("Russia",), ("Kyiv",), date="2025-04-24",
                      location="Kyiv", killed=9, attributed_to="Ukrainian government",
                      cameo="195"),
                    V("ACCUSE", "condemned", ("Ukraine",), ("Russia",), date="2025-04-24")]),
        article(
            "At least 12 people died when Russia attacked Kyiv with drones and missiles on "
            "April 24, the Kyiv City Military Administration said.",
            id="kyiv-b", published="2025-04-25", title="Kyiv toll rises",
            entities=[E("Russia", "GPE", "RUS", "RUS"), kyiv,
                      E("Kyiv City Military Administration", "ORG", "UKR", "UKRGOV")],
            events=[V("ASSAULT", "attacked", ("Russia",), ("Kyiv",), date="2025-04-24",
                      location="Kyiv", killed=12,
                      attributed_to="Kyiv City Military Administration")]),
        article(
            "Donald Trump told Vladimir Putin to stop the strikes on Kyiv. \"Vladimir, STOP!\" "
            "Trump wrote on April 24.",
            id="kyiv-c", published="2025-04-24", title="Trump to Putin: stop",
            entities=[E("Donald Trump", "PERSON", "USA", "USAGOV", aliases=("Trump",)),
                      E("Vladimir Putin", "PERSON", "RUS", "RUSGOV"), kyiv],
            events=[V("REQUEST", "told", ("Donald Trump",), ("Vladimir Putin",),
                      date="2025-04-24")],
            quotes=[Q("Vladimir, STOP!", "Donald Trump")]),
        article(
            "Kenya and India signed a trade agreement in Nairobi on March 3. Kenya will "
            "meet India again in June to review it.",
            id="trade-a", published="2025-03-03", title="Kenya and India sign trade deal",
            entities=[E("Kenya", "GPE", "KEN", "KEN"), E("India", "GPE", "IND", "IND"),
                      E("Nairobi", "GPE", "KEN", lat=-1.29, lon=36.82, geonameid=184745)],
            events=[V("COOPERATE", "signed", ("Kenya",), ("India",), date="2025-03-03",
                      location="Nairobi"),
                    V("CONSULT", "meet", ("Kenya",), ("India",), date="2025-06",
                      status="planned")]),
    ]
