"""Build the corpus tables (resolved entities, stories, event clusters, event sources)
from the stored article records."""

from __future__ import annotations

import hashlib
import json
import time
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
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
from .stories import StoryParams, cluster_articles


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


def story_article(r: ArticleRecord) -> StoryArticle:
    return StoryArticle(r.id, _published(r), r.title, r.text,
                        [(e.id, e.type, e.country, len(e.mentions) or 1) for e in r.entities],
                        [d for v in r.events for d in interval(v.date) if d])


def story_rows(stories: list[list[str]], by_id: dict[str, StoryArticle], res: Resolution,
               who: dict[str, Who], clusters: list[EventCluster]
               ) -> tuple[list[Row], list[Row]]:
    """The ``stories`` and ``story_articles`` rows of ``stories`` (lists of article ids)."""
    rows, links = [], []
    events_per_story: Counter[str] = Counter()
    for c in clusters:
        if c.members[0].story:
            events_per_story[c.members[0].story] += 1
    for members in stories:
        sid = story_id(members)
        arts = sorted((by_id[a] for a in members), key=lambda r: (r.published or date.max, r.id))
        countries: Counter[str] = Counter()
        actors: Counter[str] = Counter()
        for r in arts:
            links.append({"story_id": sid, "article_id": r.id})
            for eid, etype, country, weight in r.entities:
                if country:
                    countries[country] += weight
                rid = res.of(r.id, eid)
                if rid and etype in ("PERSON", "ORG", "NORP", "GPE"):
                    actors[who[rid].name] += weight
        days = [r.published for r in arts if r.published]
        if not days:
            days = [d for r in arts for d in r.event_days]
        titled = next((r.title for r in arts if r.title), None)
        title = titled or _excerpt(arts[0].text)
        top_actors = [a for a, _ in actors.most_common(8)]
        rows.append({
            "id": sid, "title": title, "first_date": min(days) if days else None,
            "last_date": max(days) if days else None, "n_articles": len(arts),
            "n_events": 0, "countries": [c for c, _ in countries.most_common(6)],
            "actors": top_actors,
            "search_text": " ".join([title, *top_actors, *(r.title or "" for r in arts)]).lower(),
        })
    for row in rows:
        row["n_events"] = events_per_story[str(row["id"])]
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
        stories = cluster_articles(records, res, params)
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
    return dict(tables)
