"""Exports for the tools analysts already use: a GDELT-style event table and
PLOVER-style JSON, built from the merged events (no SQL here)."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from ..errors import ErrorCode, StorylineError
from .codes import cameo_code, goldstein, quad_class
from .db import EXPORT_QUERIES, Database
from .rows import Row

FORMATS = ("parquet", "csv", "jsonl")
#: Cooperative types the PLOVER manual codes as AGREE when only planned or promised.
_FOLDED_INTO_AGREE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID", "RETREAT", "CONCEDE"})
_FUTURE = frozenset({"planned", "postponed"})


def _first(actors: list[Row], role: str) -> Row:
    return next((a for a in actors if a["role"] == role), {})


def _day(value: Any) -> int | None:
    return int(value.strftime("%Y%m%d")) if value is not None else None


def gdelt_events(db: Database) -> list[Row]:
    """One row per merged event, with GDELT 2.0 event-table column names.

    Actor codes are CAMEO actor codes (else the actor's country); the event
    code is the CAMEO code (else the most general code of the PLOVER type),
    ``GoldsteinScale`` the CAMEO root's Goldstein weight (else the PLOVER
    score), ``NumSources``/``NumArticles`` count the articles that report it.
    """
    actors: dict[str, list[Row]] = defaultdict(list)
    for a in db.cluster_actor_rows():
        actors[a["cluster_id"]].append(a)
    out = []
    for c in db.gdelt_rows():
        a1, a2 = _first(actors[c["id"]], "source"), _first(actors[c["id"]], "target")
        code = cameo_code(c["type"], c["cameo"]) or ""
        out.append({
            "GlobalEventID": c["id"], "Day": _day(c["date_start"]), "DateValue": c["date"],
            "Actor1Code": a1.get("actor") or a1.get("country"), "Actor1Name": a1.get("name"),
            "Actor1CountryCode": a1.get("country"),
            "Actor2Code": a2.get("actor") or a2.get("country"), "Actor2Name": a2.get("name"),
            "Actor2CountryCode": a2.get("country"),
            "EventCode": code, "EventBaseCode": code[:3], "EventRootCode": code[:2],
            "QuadClass": quad_class(c["type"], c["cameo"]),
            "GoldsteinScale": goldstein(c["type"], c["cameo"], c["mode"]),
            "PloverType": c["type"], "PloverMode": c["mode"], "Status": c["status"],
            "NumMentions": c["n_sources"], "NumSources": c["n_articles"],
            "NumArticles": c["n_articles"], "Killed": c["killed_min"],
            "Injured": c["injured_min"], "Disputed": c["disputed"],
            "ActionGeo_FullName": c["place"], "ActionGeo_CountryCode": c["place_country"],
            "ActionGeo_Lat": c["lat"], "ActionGeo_Long": c["lon"],
            "DATEADDED": _day(c["date_added"]), "SOURCEURL": c["source_url"],
            "StoryID": c["story_id"],
        })
    return out


def plover_events(db: Database) -> Iterator[dict[str, Any]]:
    """PLOVER-style JSON objects, one per merged event, with every source.

    Planned or postponed cooperation is coded AGREE as the PLOVER manual asks
    (``storyline_type`` keeps the type storyline extracted).
    """
    actors: dict[str, list[Row]] = defaultdict(list)
    for a in db.cluster_actor_rows():
        actors[a["cluster_id"]].append(a)
    sources: dict[str, list[Row]] = defaultdict(list)
    for s in db.source_rows():
        sources[s["cluster_id"]].append(s)
    for c in db.gdelt_rows():
        etype = c["type"]
        folded = etype in _FOLDED_INTO_AGREE and c["status"] in _FUTURE
        yield {
            "id": c["id"], "event_date": c["date"], "event_type": "AGREE" if folded else etype,
            "event_mode": c["mode"], "storyline_type": etype, "status": c["status"],
            "cameo": cameo_code(etype, c["cameo"]),
            "actor": [{"name": a["name"], "code": a["actor"], "country": a["country"]}
                      for a in actors[c["id"]] if a["role"] == "source"],
            "recipient": [{"name": a["name"], "code": a["actor"], "country": a["country"]}
                          for a in actors[c["id"]] if a["role"] == "target"],
            "location": ({"placename": c["place"], "country": c["place_country"],
                          "lat": c["lat"], "lon": c["lon"]} if c["place"] else None),
            "casualties": {"killed": [c["killed_min"], c["killed_max"]],
                           "injured": [c["injured_min"], c["injured_max"]]},
            "disagreements": c["disagreements"],
            "story_id": c["story_id"],
            "sources": [{"article_id": s["article_id"], "event_id": s["event_id"],
                         "url": s["url"], "published": str(s["published"]) if s["published"]
                         else None, "reported_by": s["reported_by"],
                         "event_text": s["sentence"],
                         "trigger": [s["trigger_start"], s["trigger_end"], s["trigger_text"]]}
                        for s in sources[c["id"]]],
        }


def _write_rows(rows: list[Row], path: Path, fmt: str) -> None:
    if fmt == "jsonl":
        with path.open("w", encoding="utf-8") as fh:
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
        return
    table = pa.Table.from_pylist(rows) if rows else pa.table({})
    if fmt == "parquet":
        pq.write_table(table, path)
    else:
        pacsv.write_csv(table, path)


def export(db: Database, out_dir: Path, fmt: str = "parquet",
           tables: tuple[str, ...] = ()) -> dict[str, tuple[Path, int]]:
    """Write the store's tables, ``gdelt_events`` and ``plover.jsonl`` under ``out_dir``.

    Returns ``{name: (path, rows)}``. ``tables`` limits the export to those names.
    """
    if fmt not in FORMATS:
        raise StorylineError(ErrorCode.E302, value=fmt)
    known = (*EXPORT_QUERIES, "gdelt_events", "plover")
    unknown = [t for t in tables if t not in known]
    if unknown:
        raise StorylineError(ErrorCode.E404, name="table",
                             detail=f"{', '.join(unknown)} (expected some of {', '.join(known)})")
    wanted = tables or known
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        detail = exc.strerror or str(exc)
        raise StorylineError(ErrorCode.E303, str(out_dir), detail=detail) from None
    written: dict[str, tuple[Path, int]] = {}
    for name in wanted:
        if name == "plover":
            path = out_dir / "plover.jsonl"
            plover = list(plover_events(db))
            _write_rows(plover, path, "jsonl")
            written[name] = (path, len(plover))
        elif name == "gdelt_events":
            path = out_dir / f"gdelt_events.{fmt}"
            rows = gdelt_events(db)
            _write_rows(rows, path, fmt)
            written[name] = (path, len(rows))
        else:
            path = out_dir / f"{name}.{fmt}"
            written[name] = (path, db.export_to(name, path, fmt))
    return written
