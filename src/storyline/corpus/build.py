"""Build the corpus tables (resolved entities, stories, event clusters, event sources)
from the stored article records."""

from __future__ import annotations

import hashlib
import json
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..record import ArticleRecord
from ..store.codes import plover_score, quad_class
from ..store.dates import interval
from ..store.rows import Row
from .events import (
    EventCluster,
    SourceEvent,
    casualty_range,
    cluster_events,
    disagreements,
    majority,
    merged_date,
    merged_place,
    most_common,
    reporter,
    source_events,
)
from .resolve import KeyCountries, Resolution, ResolvedEntity, resolve_entities
from .stories import StoryParams, article_terms, cluster_articles


def _published(r: ArticleRecord) -> date | None:
    try:
        return date.fromisoformat(r.published) if r.published else None
    except ValueError:
        return None


def story_id(article_ids: Sequence[str]) -> str:
    return "s" + hashlib.sha1(min(article_ids).encode("utf-8")).hexdigest()[:12]


def _excerpt(text: str, width: int = 90) -> str:
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return line if len(line) <= width else line[: width - 1].rstrip() + "…"


def _resolved_rows(res: Resolution, records: Sequence[ArticleRecord]) -> list[Row]:
    in_events = events_per_entity(records, res)
    rows = []
    for rid, g in res.entities.items():
        rows.append(resolved_row(g, g.n_articles, in_events[rid]))
    return rows


def resolved_row(g: ResolvedEntity, n_articles: int, n_events: int) -> Row:
    """The ``resolved_entities`` row of one resolved entity."""
    return {"id": g.id, "name": g.name, "type": g.top(g.types),
            "country": g.top(g.countries), "actor": g.top(g.actors),
            "aliases": sorted(g.names), "n_articles": n_articles,
            "n_mentions": g.n_mentions, "n_events": n_events,
            "counts": json.dumps(g.counts(), ensure_ascii=False, sort_keys=True),
            "last_name": g.last_name}


def events_per_entity(records: Sequence[ArticleRecord], res: Resolution) -> Counter[str]:
    """How many article events name each resolved entity as source or target."""
    in_events: Counter[str] = Counter()
    for r in records:
        for v in r.events:
            for eid in {*v.source, *v.target}:
                rid = res.of(r.id, eid)
                if rid:
                    in_events[rid] += 1
    return in_events


def terms_row(article_id: str, terms: dict[str, Counter[str]]) -> Row:
    """The ``article_terms`` row of one article: its story terms (:func:`.article_terms`),
    kept so that an update reads the terms of the articles around new ones instead of
    their records."""
    return {"article_id": article_id, "terms": json.dumps(terms, ensure_ascii=False)}


def stored_terms(value: str) -> dict[str, Counter[str]]:
    """The terms of an ``article_terms`` row (inverse of :func:`terms_row`)."""
    return {block: Counter(counts) for block, counts in json.loads(value).items()}


def key_rows(key_countries: KeyCountries) -> list[Row]:
    """The ``entity_keys`` rows: the countries article entities give each name key."""
    return [{"kind": kind, "key": key, "country": country, "n": n}
            for (kind, key), counts in key_countries.items() for country, n in counts.items()]


@dataclass(frozen=True)
class StoryArticle:
    """What a story's row needs of one of its articles."""

    id: str
    published: date | None
    title: str | None
    text: str  # for the excerpt that stands for a missing title (its start is enough)
    #: (entity id, type, country, mentions or 1), in the record's order
    entities: list[tuple[str, str, str | None, int]]
    event_days: list[date]  # the first and last day of each dated event

    @property
    def order(self) -> tuple[str, str]:
        """Where the article comes in its story: by publication day (undated last), then id."""
        return ((self.published or date.max).isoformat(), self.id)


def story_article(r: ArticleRecord) -> StoryArticle:
    return StoryArticle(r.id, _published(r), r.title, r.text,
                        [(e.id, e.type, e.country, len(e.mentions) or 1) for e in r.entities],
                        [d for v in r.events for d in interval(v.date) if d])


#: Entity types that count as a story's actors.
_ACTOR_TYPES = frozenset({"PERSON", "ORG", "NORP", "GPE"})


def _line(text: str) -> str:
    """``text`` lowercased on one line (the lines of a story's search text)."""
    return " ".join(text.lower().split())


def _span(days: list[str]) -> list[str]:
    """The first and last of ``days`` (ISO), or [] when there are none."""
    return [min(days), max(days)] if days else []


@dataclass
class StoryTotals:
    """What a story's row is computed from, summed over its articles. Stored with the row
    (``stories.totals``, the titles in ``search_text``), so an update adds articles to a
    story without reading the ones it holds; a rebuild computes the same from scratch."""

    first_id: str = ""  # the smallest article id: the story's id comes from it
    n_articles: int = 0
    countries: Counter[str] = field(default_factory=Counter)  # country → mentions
    actors: Counter[str] = field(default_factory=Counter)  # resolved id → mentions
    published: list[str] = field(default_factory=list)  # first and last publication day
    event_days: list[str] = field(default_factory=list)  # first and last event day
    first: list[str] = field(default_factory=list)  # order of the first article, its excerpt
    titled: list[str] = field(default_factory=list)  # order of the first titled one, title
    titles: list[str] = field(default_factory=list)  # every article's title (a line), sorted

    @property
    def id(self) -> str:
        return story_id([self.first_id])

    def add(self, articles: Iterable[StoryArticle], res: Resolution) -> None:
        """Count ``articles`` in (their entities linked by ``res``)."""
        titles = []
        for a in articles:
            self.first_id = min(self.first_id, a.id) if self.first_id else a.id
            self.n_articles += 1
            for eid, etype, country, weight in a.entities:
                if country:
                    self.countries[country] += weight
                rid = res.of(a.id, eid)
                if rid and etype in _ACTOR_TYPES:
                    self.actors[rid] += weight
            if a.published:
                self.published = _span([*self.published, a.published.isoformat()])
            self.event_days = _span([*self.event_days, *(d.isoformat() for d in a.event_days)])
            order = list(a.order)
            if not self.first or order < self.first[:2]:
                self.first = [*order, _excerpt(a.text)]
            if a.title and (not self.titled or order < self.titled[:2]):
                self.titled = [*order, a.title]
            if a.title and _line(a.title):
                titles.append(_line(a.title))
        self.titles = sorted([*self.titles, *titles])

    def merge(self, other: StoryTotals) -> None:
        """Count in the articles of another story (the same as adding them one by one)."""
        self.first_id = min(self.first_id, other.first_id) if self.first_id else other.first_id
        self.n_articles += other.n_articles
        self.countries.update(other.countries)
        self.actors.update(other.actors)
        self.published = _span([*self.published, *other.published])
        self.event_days = _span([*self.event_days, *other.event_days])
        if other.first and (not self.first or other.first[:2] < self.first[:2]):
            self.first = other.first
        if other.titled and (not self.titled or other.titled[:2] < self.titled[:2]):
            self.titled = other.titled
        self.titles = sorted([*self.titles, *other.titles])

    def row(self, who: dict[str, Who]) -> Row:
        """The ``stories`` row (``n_events`` 0: merged events are counted afterwards)."""
        days = self.published or self.event_days
        title = self.titled[2] if self.titled else self.first[2]
        named: Counter[str] = Counter()
        for rid, weight in self.actors.items():
            named[who[rid].name] += weight
        top_actors = [a for a, _ in _top(named, 8)]
        return {
            "id": self.id, "title": title,
            "first_date": date.fromisoformat(days[0]) if days else None,
            "last_date": date.fromisoformat(days[1]) if days else None,
            "n_articles": self.n_articles, "n_events": 0,
            "countries": [c for c, _ in _top(self.countries, 6)], "actors": top_actors,
            "search_text": "\n".join([_line(" ".join([title, *top_actors])), *self.titles]),
            "totals": json.dumps({
                "first_id": self.first_id, "countries": self.countries, "actors": self.actors,
                "published": self.published, "event_days": self.event_days,
                "first": self.first, "titled": self.titled}, ensure_ascii=False, sort_keys=True),
        }

    @classmethod
    def stored(cls, row: Row) -> StoryTotals:
        """The totals of a stored ``stories`` row."""
        t = json.loads(row["totals"])
        return cls(t["first_id"], int(row["n_articles"]), Counter(t["countries"]),
                   Counter(t["actors"]), t["published"], t["event_days"], t["first"],
                   t["titled"], str(row["search_text"]).split("\n")[1:])


def _top(counts: Counter[str], n: int) -> list[tuple[str, int]]:
    """The ``n`` largest counts, equal counts in alphabetical order."""
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


def story_rows(stories: list[list[str]], by_id: dict[str, StoryArticle], res: Resolution,
               who: dict[str, Who], clusters: list[EventCluster]
               ) -> tuple[list[Row], list[Row]]:
    """The ``stories`` and ``story_articles`` rows of ``stories`` (lists of article ids)."""
    rows: list[Row] = []
    links: list[Row] = []
    events_per_story: Counter[str] = Counter()
    for c in clusters:
        if c.members[0].story:
            events_per_story[c.members[0].story] += 1
    for members in stories:
        totals = StoryTotals()
        totals.add((by_id[a] for a in members), res)
        row = totals.row(who)
        row["n_events"] = events_per_story[str(row["id"])]
        rows.append(row)
        links.extend({"story_id": row["id"], "article_id": a} for a in sorted(members))
    return rows, links


@dataclass(frozen=True)
class Who:
    """What the rows say about a resolved entity, computed once per rebuild."""

    id: str
    name: str
    country: str | None
    actor: str | None


def _who(res: Resolution) -> dict[str, Who]:
    return {rid: Who(rid, g.name, g.top(g.countries), g.top(g.actors))
            for rid, g in res.entities.items()}


def _names(who: dict[str, Who], ids: set[str]) -> list[Who]:
    return sorted((who[i] for i in ids), key=lambda g: g.name)


def cluster_rows(c: EventCluster, who: dict[str, Who],
                  entity_names: dict[str, dict[str, str]]) -> tuple[Row, list[Row], list[Row]]:
    members = c.members
    etype = majority(members, "type")
    mode = majority(members, "mode")
    cameo = majority(members, "cameo")
    date_value = merged_date(members)
    start, end = interval(date_value)
    place = merged_place(members)
    sources = set().union(*(m.sources for m in members))
    targets = set().union(*(m.targets for m in members))
    actor_rows = []
    for role, ids in (("source", sources), ("target", targets)):
        for g in _names(who, ids):
            actor_rows.append({"cluster_id": c.id, "role": role, "resolved_id": g.id,
                               "name": g.name, "country": g.country, "actor": g.actor})
    countries = sorted({a["country"] for a in actor_rows if a["country"]}
                       | ({place.country} if place and place.country else set()))
    killed = casualty_range(members, "killed")
    injured = casualty_range(members, "injured")
    disagree = disagreements(members)
    src_names = ", ".join(str(a["name"]) for a in actor_rows if a["role"] == "source")
    tgt_names = ", ".join(str(a["name"]) for a in actor_rows if a["role"] == "target")
    trigger = most_common(m.event.trigger.text.lower() for m in members)
    # an event without a named source reads "ASSAULT Kyiv", never "? ASSAULT Kyiv"
    summary = " ".join(x for x in (src_names, etype, tgt_names) if x) + f" ({trigger})"
    if place:
        summary += f" in {place.name}"
    sentences = [m.record.text[m.event.sentence[0]:m.event.sentence[1]] for m in members]
    actors_text = "|".join(x for a in actor_rows for x in (a["name"], a["actor"], a["country"],
                                                             a["resolved_id"]) if x).lower()
    status = majority(members, "status")
    row = {
        "id": c.id, "story_id": members[0].story, "type": etype, "mode": mode, "cameo": cameo,
        "quad": quad_class(etype, cameo), "score": plover_score(etype, mode), "status": status,
        "date": date_value, "date_start": start, "date_end": end,
        "place": place.name if place else None, "place_country": place.country if place else None,
        "lat": place.lat if place else None, "lon": place.lon if place else None,
        "source_names": src_names, "target_names": tgt_names,
        "source_actors": ", ".join(sorted({a["actor"] or a["country"] or "" for a in actor_rows
                                           if a["role"] == "source"} - {""})),
        "target_actors": ", ".join(sorted({a["actor"] or a["country"] or "" for a in actor_rows
                                           if a["role"] == "target"} - {""})),
        "countries": countries, "actors_text": "|" + actors_text + "|",
        "source_ids": sorted(sources), "target_ids": sorted(targets),
        "killed_min": killed[0], "killed_max": killed[1],
        "injured_min": injured[0], "injured_max": injured[1],
        "n_sources": len(members), "n_articles": len({m.record.id for m in members}),
        "disputed": bool([d for d in disagree if d["field"] != "status"]),
        "disagreements": json.dumps(disagree, ensure_ascii=False) if disagree else "[]",
        "summary": summary,
        "search_text": " ".join([summary, *sentences]).lower(),
    }
    return row, actor_rows, [_source_row(c.id, m, entity_names[m.record.id]) for m in members]


def _source_row(cluster_id: str, m: SourceEvent, names: dict[str, str]) -> Row:
    v, r = m.event, m.record
    c = v.casualties
    killed = c.killed if c else None
    injured = c.injured if c else None
    attributed = names.get(v.attributed_to or "")
    return {
        "cluster_id": cluster_id, "article_id": r.id, "event_id": v.id,
        "reported_by": attributed or reporter(m, names), "article_title": r.title, "url": r.url,
        "published": _published(r), "status": v.status, "date": v.date,
        "place": m.place.name if m.place else None,
        "killed_min": killed.min if killed else None, "killed_max": killed.max if killed else None,
        "injured_min": injured.min if injured else None,
        "injured_max": injured.max if injured else None,
        "trigger_start": v.trigger.start, "trigger_end": v.trigger.end,
        "trigger_text": v.trigger.text, "sentence": r.text[v.sentence[0]:v.sentence[1]],
    }


@contextmanager
def timed(timings: dict[str, float] | None, name: str) -> Iterator[None]:
    """Add the seconds spent in the block to ``timings[name]`` (when timings are wanted)."""
    start = time.perf_counter()
    yield
    if timings is not None:
        timings[name] = timings.get(name, 0.0) + time.perf_counter() - start


def corpus_tables(records: Sequence[ArticleRecord], params: StoryParams | None = None,
                  timings: dict[str, float] | None = None) -> dict[str, list[Row]]:
    """Every corpus table, computed from the article records.

    ``timings``, when given, receives the seconds spent in each stage
    (resolution, stories, events, rows), for benchmarks.
    """
    with timed(timings, "resolution"):
        res = resolve_entities(records)
    with timed(timings, "stories"):
        terms = [article_terms(r, res) for r in records]
        stories = cluster_articles(records, res, params, terms)
    with timed(timings, "events"):
        story_of = {a: story_id(members) for members in stories for a in members}
        clusters = cluster_events(source_events(records, res, story_of))
    with timed(timings, "rows"):
        who = _who(res)
        entity_names = {r.id: {e.id: e.name for e in r.entities} for r in records}
        by_id = {r.id: story_article(r) for r in records}
        stories_out, story_links = story_rows(stories, by_id, res, who, clusters)
        tables: dict[str, list[Any]] = defaultdict(list)
        for c in clusters:
            row, actors, sources = cluster_rows(c, who, entity_names)
            tables["event_clusters"].append(row)
            tables["event_cluster_actors"].extend(actors)
            tables["event_sources"].extend(sources)
        tables["resolved_entities"] = _resolved_rows(res, records)
        tables["entity_keys"] = key_rows(res.key_countries)
        tables["entity_links"] = [{"article_id": a, "entity_id": e, "resolved_id": rid}
                                  for (a, e), rid in res.link.items()]
        tables["stories"] = stories_out
        tables["story_articles"] = story_links
        tables["article_terms"] = [terms_row(r.id, t) for r, t in zip(records, terms, strict=True)]
    return dict(tables)
