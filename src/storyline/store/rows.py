"""Article records as table rows and back (pure data, no SQL).

Each function returns ``{table: [row dict, ...]}`` with the column names of
the store's tables, so :mod:`storyline.store.db` can insert them in bulk.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from ..record import (
    ArticleRecord,
    Casualties,
    Count,
    Event,
)
from .dates import interval

Row = dict[str, Any]

#: Tables that hold one article's extraction, keyed by ``article_id``.
ARTICLE_TABLES = ("entities", "mentions", "timexes", "places", "quotes", "events", "event_actors")
#: The article tables merged events are computed from (no mentions, time expressions or
#: quotes).
EVENT_TABLES = ("entities", "places", "events", "event_actors")


def _count(c: Casualties | None, kind: str) -> tuple[int | None, int | None]:
    n: Count | None = getattr(c, kind) if c is not None else None
    return (n.min, n.max) if n is not None else (None, None)


def _published(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def record_rows(record: ArticleRecord, run_id: int | None) -> dict[str, list[Row]]:
    """Rows of every table for one article record."""
    aid = record.id
    out: dict[str, list[Row]] = defaultdict(list)
    out["articles"].append({
        "id": aid, "source": record.source, "title": record.title, "url": record.url,
        "published": _published(record.published), "published_source": record.published_source,
        "text": record.text, "run_id": run_id,
    })
    for e in record.entities:
        out["entities"].append({
            "article_id": aid, "id": e.id, "name": e.name, "type": e.type, "country": e.country,
            "actor": e.actor, "roles": list(e.roles), "n_mentions": len(e.mentions),
        })
        out["mentions"].extend({"article_id": aid, "entity_id": e.id, "start_char": s,
                                "end_char": t}
                               for s, t in e.mentions)
    for n, x in enumerate(record.timexes):
        out["timexes"].append({"article_id": aid, "n": n, "start_char": x.start, "end_char": x.end,
                               "text": x.text, "type": x.type, "value": x.value})
    for n, p in enumerate(record.places):
        out["places"].append({"article_id": aid, "n": n, "entity_id": p.entity, "name": p.name,
                              "country": p.country, "lat": p.lat, "lon": p.lon,
                              "geonameid": p.geonameid})
    for n, q in enumerate(record.quotes):
        out["quotes"].append({
            "article_id": aid, "n": n, "start_char": q.start, "end_char": q.end, "text": q.text,
            "kind": q.kind, "speaker": q.speaker, "speaker_text": q.speaker_text,
            "cue_start": q.cue.start if q.cue else None, "cue_end": q.cue.end if q.cue else None,
            "cue_text": q.cue.text if q.cue else None,
        })
    for v in record.events:
        out["events"].append(event_row(aid, v))
        for role, ids in (("source", v.source), ("target", v.target)):
            out["event_actors"].extend({"article_id": aid, "event_id": v.id, "role": role,
                                        "n": i, "entity_id": eid} for i, eid in enumerate(ids))
    return out


def event_row(article_id: str, v: Event) -> Row:
    start, end = interval(v.date)
    killed, injured, arrested = (_count(v.casualties, k) for k in ("killed", "injured", "arrested"))
    return {
        "article_id": article_id, "id": v.id, "type": v.type, "mode": v.mode, "cameo": v.cameo,
        "date": v.date, "date_start": start, "date_end": end, "date_source": v.date_source,
        "status": v.status, "location": v.location, "attributed_to": v.attributed_to,
        "killed_min": killed[0], "killed_max": killed[1], "injured_min": injured[0],
        "injured_max": injured[1], "arrested_min": arrested[0], "arrested_max": arrested[1],
        "trigger_start": v.trigger.start, "trigger_end": v.trigger.end,
        "trigger_text": v.trigger.text, "sentence_start": v.sentence[0],
        "sentence_end": v.sentence[1], "confidence": v.confidence,
    }


def _casualties(row: Row) -> dict[str, dict[str, int | None]] | None:
    counts = {}
    for kind in ("killed", "injured", "arrested"):
        lo, hi = row[f"{kind}_min"], row[f"{kind}_max"]
        if lo is not None or hi is not None:
            counts[kind] = {"min": lo, "max": hi}
    return counts or None


def _span(start: int | None, end: int | None, text: str | None) -> dict[str, Any] | None:
    return {"start": start, "end": end, "text": text} if start is not None else None


def record_from_rows(article: Row, tables: dict[str, list[Row]]) -> ArticleRecord:
    """The article record stored in these rows (inverse of :func:`record_rows`).

    The record is validated once, as a whole (one pydantic call per article
    rather than one per entity, event and span).
    """
    mentions: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for m in sorted(tables.get("mentions", []), key=lambda m: (m["start_char"], m["end_char"])):
        mentions[m["entity_id"]].append((m["start_char"], m["end_char"]))
    actors: dict[tuple[str, str], list[str]] = defaultdict(list)
    for a in sorted(tables.get("event_actors", []), key=lambda a: a["n"]):
        actors[(a["event_id"], a["role"])].append(a["entity_id"])
    published = article["published"]
    return ArticleRecord.model_validate({
        "id": article["id"], "source": article["source"], "title": article["title"],
        "url": article["url"], "published": published.isoformat() if published else None,
        "published_source": article["published_source"], "text": article["text"],
        "entities": [{"id": e["id"], "name": e["name"], "type": e["type"],
                      "country": e["country"], "actor": e["actor"],
                      "roles": list(e["roles"] or []), "mentions": mentions[e["id"]]}
                     for e in _ordered(tables.get("entities", []), _entity_key)],
        "timexes": [{"start": x["start_char"], "end": x["end_char"], "text": x["text"],
                     "type": x["type"], "value": x["value"]}
                    for x in _ordered(tables.get("timexes", []), _n)],
        "places": [{"entity": p["entity_id"], "name": p["name"], "country": p["country"],
                    "lat": p["lat"], "lon": p["lon"], "geonameid": p["geonameid"]}
                   for p in _ordered(tables.get("places", []), _n)],
        "quotes": [{"start": q["start_char"], "end": q["end_char"], "text": q["text"],
                    "kind": q["kind"], "speaker": q["speaker"], "speaker_text": q["speaker_text"],
                    "cue": _span(q["cue_start"], q["cue_end"], q["cue_text"])}
                   for q in _ordered(tables.get("quotes", []), _n)],
        "events": [{"id": v["id"], "type": v["type"], "mode": v["mode"], "cameo": v["cameo"],
                    "source": actors[(v["id"], "source")], "target": actors[(v["id"], "target")],
                    "date": v["date"], "date_source": v["date_source"], "status": v["status"],
                    "location": v["location"], "attributed_to": v["attributed_to"],
                    "casualties": _casualties(v),
                    "trigger": _span(v["trigger_start"], v["trigger_end"], v["trigger_text"]),
                    "sentence": (v["sentence_start"], v["sentence_end"]),
                    "confidence": v["confidence"]}
                   for v in _ordered(tables.get("events", []), _entity_key)],
    })


def _n(row: Row) -> Any:
    return row["n"]


def _entity_key(row: Row) -> tuple[int, str]:
    """e2 before e10: ids are a letter prefix and a number."""
    digits = "".join(ch for ch in row["id"] if ch.isdigit())
    return (int(digits) if digits else 0, row["id"])


def _ordered(rows: list[Row], key: Any) -> list[Row]:
    return sorted(rows, key=key)
