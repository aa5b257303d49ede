"""Saved alerts, checked against the merged events after each ingest.

An alert fires once per merged event that matches it, and again only when that
event's toll (killed, injured) or status changes. A check looks only at the
merged events reported by articles of ingest runs after the alert's last check
(only those can be new or changed), so it costs what was ingested since, not the
size of the corpus. Merged events are recognised
across corpus rebuilds by the article events they merge (``article/event`` keys),
not by their cluster id, which changes when a new article joins an event. When an
alert is added, the events that already match are remembered without firing
(unless ``fire_existing``), so it reports what happens from then on.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TextIO

from ..errors import StorylineError
from ..store.db import Database
from ..store.filters import MAX_LIMIT, Filters
from ..watch.fetch import Fetcher
from .query import filters_of, parse_query
from .sinks import Sinks, parse_sink

_TOLL = ("killed_min", "killed_max", "injured_min", "injured_max")


@dataclass
class CheckReport:
    """What one check did: firings delivered, and deliveries that failed (tried again at
    the next check)."""

    fired: list[dict[str, Any]] = field(default_factory=list)
    failures: list[StorylineError] = field(default_factory=list)


def fingerprint(event: dict[str, Any]) -> str:
    """What a firing depends on: the event's status and toll."""
    return json.dumps({k: event.get(k) for k in ("status", *_TOLL)}, sort_keys=True)


def add_alert(db: Database, query: str, to: str | None = None, *, name: str | None = None,
              fire_existing: bool = False) -> int:
    """Save an alert (``query`` as for :func:`parse_query`, ``to`` as for
    :func:`parse_sink`); returns its id."""
    args = parse_query(query)
    sink = parse_sink(to)
    alert_id = db.add_alert(name or query, query, json.dumps(args, sort_keys=True), sink,
                            checked_run=None if fire_existing else db.last_run())
    if not fire_existing:
        matches = list(_matching(db, Filters.build(**args), None))
        keys = db.event_keys([e["id"] for e in matches])
        db.remember_events(alert_id, [(e["id"], fingerprint(e), keys.get(e["id"], []))
                                      for e in matches])
    return alert_id


def _matching(db: Database, f: Filters, since_run: int | None) -> Iterator[dict[str, Any]]:
    """Merged events matching ``f`` that an article of a run after ``since_run`` reports
    (every matching event when ``since_run`` is None)."""
    offset = 0
    while True:
        page = (db.events(f, MAX_LIMIT, offset) if since_run is None
                else db.events_since(f, since_run, MAX_LIMIT, offset))
        yield from page.items
        offset += len(page.items)
        if not page.items or offset >= page.total:
            return


def _payload(db: Database, alert: dict[str, Any], event: dict[str, Any], kind: str,
             previous: list[dict[str, Any]]) -> dict[str, Any]:
    detail = db.event(event["id"])
    keep = ("id", "date", "type", "mode", "cameo", "summary", "status", "place",
            "place_country", *_TOLL, "n_sources", "source_names", "target_names", "disputed")
    out = {k: detail.get(k) for k in keep}
    out["sources"] = [{"article_id": s["article_id"], "title": s["article_title"],
                       "url": s["url"], "published": s["published"],
                       "reported_by": s["reported_by"]} for s in detail["sources"]]
    payload = {"alert": {"id": alert["id"], "name": alert["name"], "query": alert["query"]},
               "kind": kind, "fired_at": datetime.now().isoformat(timespec="seconds"),
               "event": out, "previous": previous}
    # as every sink receives it: plain JSON values (dates as YYYY-MM-DD)
    parsed: dict[str, Any] = json.loads(json.dumps(payload, ensure_ascii=False, default=str))
    return parsed


def check_alerts(db: Database, *, out: TextIO | None = None,
                 fetcher: Fetcher | None = None) -> CheckReport:
    """Check every alert against the merged events; deliver what is new or changed."""
    report = CheckReport()
    sinks = Sinks(out, fetcher)
    try:
        for alert in db.alerts():
            _check_one(db, alert, sinks, report)
    finally:
        if fetcher is None:
            sinks.close()
    return report


def _check_one(db: Database, alert: dict[str, Any], sinks: Sinks, report: CheckReport) -> None:
    # only events that articles stored since the last check report can be new or changed
    run = db.last_run()
    failures = len(report.failures)
    matches = list(_matching(db, filters_of(alert["filters"]), alert["checked_run"]))
    keys = db.event_keys([e["id"] for e in matches])
    seen = db.alert_seen(alert["id"])
    quiet: list[tuple[str, str, list[str]]] = []
    for event in matches:
        own = keys.get(event["id"], [])
        current = fingerprint(event)
        before = sorted({seen[k] for k in own if k in seen})
        if current in before:
            # nothing changed; sources that joined since are remembered quietly
            if any(k not in seen for k in own):
                quiet.append((event["id"], current, own))
            continue
        kind = "changed" if before else "new"
        payload = _payload(db, alert, event, kind, [json.loads(b) for b in before])
        text = json.dumps(payload, ensure_ascii=False)
        try:
            sinks.deliver(alert["sink"], payload)
        except StorylineError as err:
            db.record_firing(alert["id"], event["id"], kind, current, text, own,
                             error=err.describe())
            report.failures.append(err)
            continue
        db.record_firing(alert["id"], event["id"], kind, current, text, own)
        report.fired.append(payload)
    if quiet:
        db.remember_events(alert["id"], quiet)
    if len(report.failures) == failures:
        # (after a failed delivery the same runs are looked at again next time)
        db.set_alert_checked(alert["id"], run)
