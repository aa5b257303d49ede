"""Incremental corpus updates: the corpus tables brought up to date for new articles only.

The stored articles that are in no story yet are taken in date order (undated
ones last), ``chunk`` at a time; each chunk is one transaction:

1. **Entities.** The chunk's entities are resolved as :func:`.resolve_entities`
   resolves a corpus, against what is stored: the countries each name key was
   given (``entity_keys``), the counts of each resolved entity (its names, types,
   countries and actor codes, kept in ``resolved_entities.counts``), the people
   whose full name ends with a one-word name (``resolved_entities.last_name``) and
   which resolved entities share an article (``entity_links``). Only the resolved
   entities the chunk names are rewritten. Links already stored never change.
2. **Stories.** The chunk and the stored articles published nearest to it (up to
   ``block_size`` articles in all, as one time block of the full clustering)
   form a block; its similarities are computed as in :func:`.cluster_articles`,
   but only for the new articles' rows. Average linkage starts from the stored
   stories (each one row, the mean similarity of its members in the block) and
   the new articles, and never merges two stored stories: a new article joins the
   story it is most similar to on average, or starts one with other new articles.
3. **Merged events.** A new article event is compared (:func:`.same_event`) with
   the stored events that share a bucket with it (type, status group and a
   participant in its role, or its story) and whose dates can be compatible; the
   merged events it joins are merged with it (and with each other when it links
   them), and only those are recomputed from all their sources.

The work grows with the new articles, the block around them and the stories and
merged events they touch, not with the corpus; the differences from a full
rebuild are listed in docs/store.md ("Incremental updates").
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from ..extractors.actors.entities import name_key
from ..record import ArticleRecord
from ..store.db import Database
from ..store.rows import Row
from .build import (
    StoryArticle,
    Who,
    cluster_rows,
    events_per_entity,
    key_rows,
    resolved_row,
    story_id,
    story_rows,
    timed,
)
from .events import (
    STATUS_GROUP,
    EventCluster,
    SourceEvent,
    bucket_keys,
    bucket_pairs,
    find_root,
    make_cluster,
    same_event,
    source_events,
)
from .resolve import (
    EntityRef,
    KeyCountries,
    Resolution,
    ResolvedEntity,
    canonical_key,
    cooccurrence,
    count_key_countries,
    kind_of,
    persons_by_last_name,
    resolve_full_names,
    resolve_short_names,
)
from .stories import BLOCKS, StoryParams, article_terms, average_linkage, similarity, story_date

#: New articles per update step (one transaction): bounds the memory an update needs.
CHUNK = 500


def update_corpus(db: Database, params: StoryParams | None = None, chunk: int = CHUNK,
                  timings: dict[str, float] | None = None) -> int:
    """Add the stored articles that are in no story yet to the corpus tables; returns how
    many. ``timings``, when given, receives the seconds of each stage."""
    params = params or StoryParams()
    done = 0
    while pending := db.pending_articles(chunk):
        dated = [a for a, day in pending if day is not None]
        ids = dated or [a for a, _ in pending]  # undated articles only after every dated one
        with db.transaction():
            _update(db, ids, params, timings)
        done += len(ids)
    return done


def _update(db: Database, ids: list[str], params: StoryParams,
            timings: dict[str, float] | None) -> None:
    with timed(timings, "reading"):
        new = db.records(ids)
    with timed(timings, "resolution"):
        res = _resolve(db, new)
    with timed(timings, "stories"):
        story_of, touched_stories = _stories(db, new, res, params)
    with timed(timings, "events"):
        recount = _events(db, new, res, story_of)
    db.recount_story_events(sorted(recount | touched_stories))


# -- entities ----------------------------------------------------------------------------


def _resolve(db: Database, new: list[ArticleRecord]) -> Resolution:
    """Link the new articles' entities; rewrite the resolved entities they name."""
    delta: KeyCountries = defaultdict(Counter)
    count_key_countries(new, delta)
    wanted = sorted({(kind_of(e.type), canonical_key(e.name)) for r in new for e in r.entities})
    countries: KeyCountries = defaultdict(Counter)
    for key, counts in db.key_countries(wanted).items():
        countries[key].update(counts)
    for key, counts in delta.items():
        countries[key].update(counts)
    groups: dict[str, ResolvedEntity] = {}
    link: dict[EntityRef, str] = {}
    short = resolve_full_names(new, countries, groups, link)
    base: dict[str, tuple[int, int]] = {}  # stored n_articles, n_events

    def load(rids: Iterable[str]) -> None:
        for rid, row in db.resolved_rows(sorted(rids)).items():
            g = groups.setdefault(rid, ResolvedEntity(rid))
            g.merge_counts(json.loads(row["counts"] or "{}"))
            g.n_mentions += int(row["n_mentions"] or 0)
            base[rid] = (int(row["n_articles"] or 0), int(row["n_events"] or 0))

    load(groups)
    lasts = sorted({name_key(e.name) for _, e in short})
    by_last: dict[str, list[str]] = defaultdict(list)
    fresh = persons_by_last_name(groups)
    for last, rids in db.persons_by_last_name(lasts).items():
        by_last[last].extend(r for r in rids if r not in groups)
    for last in lasts:
        by_last[last].extend(fresh.get(last, []))
    load({r for rids in by_last.values() for r in rids} - set(groups))
    context, here = cooccurrence(link)
    candidates = sorted({r for rids in by_last.values() for r in rids})
    others = sorted({r for rids in here.values() for r in rids})
    for c, x in db.cooccurring(candidates, others):
        context[c][x] += 1
    resolve_short_names(short, groups, link, by_last, context, here)

    res = Resolution(groups, link)
    touched = sorted(set(link.values()))
    in_events = events_per_entity(new, res)
    rows = []
    for rid in touched:
        n_articles, n_events = base.get(rid, (0, 0))
        rows.append(resolved_row(groups[rid], n_articles + groups[rid].n_articles,
                                 n_events + in_events[rid]))
    db.replace_rows("resolved_entities", ("id",), [(r,) for r in touched], rows)
    db.replace_rows("entity_links", (), [], [
        {"article_id": a, "entity_id": e, "resolved_id": rid} for (a, e), rid in link.items()])
    db.replace_rows("entity_keys", ("kind", "key"), sorted(delta),
                    key_rows({k: countries[k] for k in sorted(delta)}))
    return res


def _who(db: Database, rids: Iterable[str]) -> dict[str, Who]:
    return {rid: Who(rid, row["name"], row["country"], row["actor"])
            for rid, row in db.resolved_rows(sorted(set(rids))).items()}


def _linked(db: Database, records: Sequence[ArticleRecord]) -> Resolution:
    """The stored links of ``records`` (entities only as far as rows need them)."""
    return Resolution({}, db.links_of([r.id for r in records]))


# -- stories -----------------------------------------------------------------------------


def _stories(db: Database, new: list[ArticleRecord], res: Resolution, params: StoryParams
             ) -> tuple[dict[str, str], set[str]]:
    """Put each new article in a story; returns article id → story id for the new articles
    and the ids of the stories written."""
    dates = [story_date(r) for r in new]
    known = [d for d in dates if d is not None]
    near = db.nearest_articles(min(known) if known else None, max(known) if known else None,
                               max(params.block_size - len(new), 0))
    around = db.records(near)
    stored_story = db.stories_of(near)
    block_res = Resolution({}, {**db.links_of(near), **res.link})
    block = [*new, *around]
    terms = [article_terms(r, block_res) for r in block]
    sim = similarity({name: [t[name] for t in terms] for name in BLOCKS},
                     [*dates, *(story_date(r) for r in around)], params, rows=len(new))
    labels = _join(sim, [stored_story[r.id] for r in around], params.threshold)
    joined: dict[int, str] = {}
    fresh: dict[int, list[str]] = defaultdict(list)
    for label, value in labels:
        if isinstance(value, str):
            joined[label] = value
    for (label, _), r in zip(labels[:len(new)], new, strict=True):
        fresh[label].append(r.id)
    members = db.story_members(sorted(set(joined.values())))
    stories: list[list[str]] = []
    renamed: dict[str, str] = {}
    for label, ids in fresh.items():
        old = joined.get(label)
        story = sorted([*members.get(old, []), *ids]) if old else sorted(ids)
        stories.append(story)
        if old is not None:
            renamed[old] = story_id(story)
    story_of = {a: story_id(s) for s in stories for a in s}
    by_id = _story_articles(db, [a for s in stories for a in s])
    links = Resolution({}, db.links_of(list(by_id)))
    rows, story_links = story_rows(stories, by_id, links, _who(db, links.link.values()), [])
    old_ids = sorted(renamed)
    db.replace_rows("stories", ("id",), [(s,) for s in old_ids], rows)
    db.replace_rows("story_articles", ("story_id",), [(s,) for s in old_ids], story_links)
    db.rename_stories({o: n for o, n in renamed.items() if o != n})
    return {r.id: story_of[r.id] for r in new}, {str(row["id"]) for row in rows}


def _story_articles(db: Database, ids: list[str]) -> dict[str, StoryArticle]:
    articles, entities, events = db.story_article_rows(ids)
    return {a["id"]: StoryArticle(
        a["id"], a["published"], a["title"], a["text"],
        [(e["id"], e["type"], e["country"], e["n_mentions"] or 1) for e in entities.get(a["id"], [])],
        [d for v in events.get(a["id"], []) for d in (v["date_start"], v["date_end"])])
        for a in articles}


def _join(sim: np.ndarray, stored: list[str], threshold: float) -> list[tuple[int, Any]]:
    """Average linkage of the new articles (the rows of ``sim``) among themselves and into
    stored stories (``stored``: the story of each further column), never merging two stored
    stories. Per column of ``sim``: (cluster label, the stored story it joined or None)."""
    m = sim.shape[0]
    story_ids = sorted(set(stored))
    columns: dict[str, list[int]] = defaultdict(list)
    for j, sid in enumerate(stored):
        columns[sid].append(m + j)
    k = len(story_ids)
    nodes = np.full((m + k, m + k), -np.inf)
    nodes[:m, :m] = sim[:, :m]
    for x, sid in enumerate(story_ids):
        mean = sim[:, columns[sid]].mean(axis=1)
        nodes[:m, m + x] = mean
        nodes[m + x, :m] = mean
    labels = average_linkage(nodes, threshold, [1] * m + [len(columns[s]) for s in story_ids])
    label_of = {sid: labels[m + x] for x, sid in enumerate(story_ids)}
    story_of_label = {label: sid for sid, label in label_of.items()}
    return [(labels[i], story_of_label.get(labels[i])) for i in range(m)] + \
        [(label_of[sid], sid) for sid in stored]


# -- merged events -----------------------------------------------------------------------


def _keys(events: Sequence[SourceEvent]) -> dict[str, list[Any]]:
    """The rows of :meth:`Database.event_candidates` for the buckets of ``events``."""
    statuses: dict[str, list[str]] = defaultdict(list)
    for status, group in STATUS_GROUP.items():
        statuses[group].append(status)
    out: dict[str, list[Any]] = {c: [] for c in ("type", "status", "role", "resolved_id",
                                                 "first", "last", "story", "bare")}
    for ev in events:
        for key in bucket_keys(ev):
            etype, group, role, value = key
            for status in statuses[group]:
                out["type"].append(etype)
                out["status"].append(status)
                out["role"].append(role)
                out["resolved_id"].append(None if role == "story" else value)
                out["first"].append(ev.span[0])
                out["last"].append(ev.span[1])
                out["story"].append(value if role == "story" else ev.story)
                out["bare"].append(not (ev.sources or ev.targets))
    return out


def _stored_events(db: Database, pairs: Iterable[tuple[str, str]]) -> list[SourceEvent]:
    """The stored article events ``pairs`` (article id, event id) as :class:`SourceEvent`."""
    wanted = set(pairs)
    records = db.records(sorted({a for a, _ in wanted}))
    stories = db.stories_of([r.id for r in records])
    return [ev for ev in source_events(records, _linked(db, records), stories)
            if ev.key in wanted]


def _events(db: Database, new: list[ArticleRecord], res: Resolution,
            story_of: dict[str, str]) -> set[str]:
    """Merge the new article events into merged events; returns the stories whose count of
    merged events may have changed."""
    fresh = source_events(new, res, story_of)
    new_ids = {r.id for r in new}
    found = [p for p in db.event_candidates(_keys(fresh)) if p[0] not in new_ids]
    stored = _stored_events(db, found)
    cluster_of = db.clusters_of([ev.key for ev in stored])
    nodes = [*fresh, *stored]
    parent = list(range(len(nodes)))
    first: dict[str, int] = {}
    for i, ev in enumerate(stored, start=len(fresh)):
        cid = cluster_of[ev.key]
        if cid in first:
            parent[find_root(parent, i)] = find_root(parent, first[cid])
        else:
            first[cid] = i
    buckets: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, ev in enumerate(nodes):
        for key in bucket_keys(ev):
            buckets[key].append(i)
    for key, members in buckets.items():
        for i, j in bucket_pairs(nodes, key, members):
            if i >= len(fresh) and j >= len(fresh):
                continue  # two stored events: already decided
            if find_root(parent, i) != find_root(parent, j) and same_event(nodes[i], nodes[j]):
                parent[find_root(parent, j)] = find_root(parent, i)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(nodes)):
        groups[find_root(parent, i)].append(i)
    affected = sorted({cluster_of[nodes[i].key] for g in groups.values()
                       if min(g) < len(fresh) for i in g if i >= len(fresh)})
    sources_of = db.cluster_members(affected)
    everything = {ev.key: ev for ev in _stored_events(
        db, (p for ps in sources_of.values() for p in ps))}
    clusters: list[EventCluster] = []
    for g in groups.values():
        if min(g) >= len(fresh):
            continue
        olds = {cluster_of[nodes[i].key] for i in g if i >= len(fresh)}
        sources = [nodes[i] for i in g if i < len(fresh)]
        sources += [everything[p] for cid in sorted(olds) for p in sources_of[cid]]
        clusters.append(make_cluster(sources))
    recount = db.cluster_stories(affected)
    _write_clusters(db, clusters, affected)
    return recount | {c.members[0].story for c in clusters if c.members[0].story}


def _write_clusters(db: Database, clusters: list[EventCluster], replaced: list[str]) -> None:
    records = {m.record.id: m.record for c in clusters for m in c.members}
    entity_names = {a: {e.id: e.name for e in r.entities} for a, r in records.items()}
    who = _who(db, (x for c in clusters for m in c.members for x in m.sources | m.targets))
    tables: dict[str, list[Row]] = defaultdict(list)
    for c in sorted(clusters, key=lambda c: c.id):
        row, actors, sources = cluster_rows(c, who, entity_names)
        tables["event_clusters"].append(row)
        tables["event_cluster_actors"].extend(actors)
        tables["event_sources"].extend(sources)
    old = [(cid,) for cid in replaced]
    db.replace_rows("event_clusters", ("id",), old, tables["event_clusters"])
    db.replace_rows("event_cluster_actors", ("cluster_id",), old, tables["event_cluster_actors"])
    db.replace_rows("event_sources", ("cluster_id",), old, tables["event_sources"])
