"""``storyline events``, ``timeline``, ``stories``, ``entities``, ``quotes``, ``articles``:
query the corpus database, as a table, JSON or CSV."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Sequence
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.console import Console
from rich.table import Table

from .. import settings
from ..errors import ErrorCode, StorylineError
from . import app
from .common import fail, setting_option

if TYPE_CHECKING:
    from ..store import Database, Filters, Page


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


DB = setting_option("db", "--db")
ACTOR = typer.Option(None, "--actor",
                     help="Actor name (substring), CAMEO actor code or resolved id.")
COUNTRY = typer.Option(None, "--country", help="ISO 3166-1 alpha-3 code of an actor or the place.")
TYPE = typer.Option(None, "--type", help="PLOVER type(s), comma-separated (e.g. ASSAULT,COERCE).")
STATUS = typer.Option(None, "--status", help="Status(es), comma-separated (occurred, planned …).")
DATE_FROM = typer.Option(None, "--from", metavar="YYYY-MM-DD", help="On or after this date.")
DATE_TO = typer.Option(None, "--to", metavar="YYYY-MM-DD", help="On or before this date.")
PLACE = typer.Option(None, "--place", help="Place name (substring).")
TEXT = typer.Option(None, "--q", "--search", help="Text search (case-insensitive substring).")
STORY = typer.Option(None, "--story", help="Story id.")
ARTICLE = typer.Option(None, "--article", help="Article id.")
KILLED = typer.Option(None, "--killed", metavar="N",
                      help="At least N killed (the highest figure any source reports).")
INJURED = typer.Option(None, "--injured", metavar="N",
                       help="At least N injured (the highest figure any source reports).")
LIMIT = typer.Option(50, "--limit", help="Rows to show (1-1000).")
OFFSET = typer.Option(0, "--offset", help="Rows to skip.")
FORMAT = typer.Option(Format.table, "--format", help="table (readable), json or csv.")


_SHORT = frozenset({"id", "date", "first_date", "last_date", "published", "type", "status",
                    "article_id", "cluster_id", "story_id", "country", "actor", "kind"})


def _value(v: Any) -> Any:
    if isinstance(v, list | tuple):
        return ", ".join(str(x) for x in v)
    if isinstance(v, dict):
        return json.dumps(v, ensure_ascii=False, default=str)
    return "" if v is None else v


def emit(rows: Sequence[dict[str, Any]], fmt: Format, columns: Sequence[str], title: str,
         total: int | None = None) -> None:
    """Print rows as a rich table (``columns`` only), JSON (every field) or CSV."""
    if fmt is Format.json:
        sys.stdout.write(json.dumps(list(rows), ensure_ascii=False, default=str, indent=1) + "\n")
        return
    if fmt is Format.csv:
        fields = list(rows[0]) if rows else list(columns)
        writer = csv.DictWriter(sys.stdout, fieldnames=fields, extrasaction="ignore")
        writer.writeheader()
        for r in rows:
            writer.writerow({k: _value(r.get(k)) for k in fields})
        return
    shown = f"{len(rows)} of {total}" if total is not None else str(len(rows))
    table = Table(title=f"{title} ({shown})", show_lines=False)
    for col in columns:
        # ids, dates and counts never wrap; long text is cut with an ellipsis
        short = col in _SHORT or col.startswith("n_")
        # (text keeps a readable width even in a narrow terminal)
        table.add_column(col, no_wrap=short, overflow="ellipsis" if short else "fold",
                         max_width=None if short else 48, min_width=None if short else 10)
    for r in rows:
        table.add_row(*(str(_value(r.get(c))) for c in columns))
    console = Console()
    if not console.is_terminal:
        # piped or redirected: no terminal to fit, so no column is squeezed or cut
        console = Console(width=max(console.width, 200))
    console.print(table)


def _open(db_path: str | None) -> Database:
    """Read-only when possible, so several readers (and a read-only server) can share it."""
    from ..store import open_db  # the store (DuckDB, Arrow) loads only when a query runs

    path = Path(settings.get("db", db_path))
    if not path.exists():
        return open_db(path)
    try:
        return open_db(path, read_only=True)
    except StorylineError as err:
        if err.code is not ErrorCode.E401:
            raise
        return open_db(path)  # the schema needs a migration: once, read-write


def _run(db_path: str | None, query: Callable[[Database], Any]) -> Any:
    try:
        with _open(db_path) as db:
            return query(db)
    except StorylineError as err:
        raise fail(err) from None


def _filters(**kw: Any) -> Filters:
    from ..store import Filters

    try:
        return Filters.build(**kw)
    except StorylineError as err:
        raise fail(err) from None


def _page(limit: int, offset: int) -> tuple[int, int]:
    from ..store import page

    try:
        return page(limit, offset)
    except StorylineError as err:
        raise fail(err) from None


def _casualties(row: dict[str, Any]) -> str:
    parts = []
    for kind in ("killed", "injured"):
        lo, hi = row.get(f"{kind}_min"), row.get(f"{kind}_max")
        if lo is not None or hi is not None:
            span = str(lo) if hi in (None, lo) else f"{lo}-{hi}"
            parts.append(f"{span} {kind}")
    return "; ".join(parts)


def _event_rows(p: Page) -> list[dict[str, Any]]:
    for r in p.items:
        r["toll"] = _casualties(r)
        r["flag"] = "disputed" if r.get("disputed") else ""
    return p.items


@app.command("events")
def events_command(
    actor: str = ACTOR, country: str = COUNTRY, type: str = TYPE, status: str = STATUS,
    date_from: str = DATE_FROM, date_to: str = DATE_TO, place: str = PLACE, q: str = TEXT,
    story: str = STORY, article: str = ARTICLE, killed: int = KILLED, injured: int = INJURED,
    limit: int = LIMIT, offset: int = OFFSET, fmt: Format = FORMAT, db: str = DB,
    per_article: bool = typer.Option(
        False, "--per-article", help="One row per article statement instead of merged events."),
) -> None:
    """Events merged across articles (who did what to whom, when, where, per how many sources)."""
    f = _filters(actor=actor, country=country, type=type, status=status, date_from=date_from,
                 date_to=date_to, place=place, q=q, story=story, article=article, killed=killed,
                 injured=injured)
    lim, off = _page(limit, offset)
    if per_article:
        p = _run(db, lambda d: d.article_events(f, lim, off))
        emit(p.items, fmt, ("date", "type", "trigger_text", "status", "place", "reported_by",
                            "article_id", "cluster_id"), "article events", p.total)
        return
    p = _run(db, lambda d: d.events(f, lim, off))
    emit(_event_rows(p), fmt, ("id", "date", "type", "source_names", "target_names", "status",
                               "place", "toll", "n_sources", "flag"), "events", p.total)


@app.command("timeline")
def timeline_command(
    actor: str = ACTOR, country: str = COUNTRY, type: str = TYPE, status: str = STATUS,
    date_from: str = DATE_FROM, date_to: str = DATE_TO, place: str = PLACE, q: str = TEXT,
    story: str = STORY, killed: int = KILLED, injured: int = INJURED,
    limit: int = typer.Option(200, "--limit", help="Events to show (1-1000)."),
    fmt: Format = FORMAT, db: str = DB,
) -> None:
    """Dated events in date order, grouped by day, with their sources and disagreements."""
    f = _filters(actor=actor, country=country, type=type, status=status, date_from=date_from,
                 date_to=date_to, place=place, q=q, story=story, killed=killed, injured=injured)
    lim, _ = _page(limit, 0)
    p = _run(db, lambda d: d.events(f, lim, 0))
    rows = [r for r in _event_rows(p) if r.get("date")]
    if fmt is not Format.table:
        emit(rows, fmt, (), "timeline")
        return
    console = Console()
    current = None
    for r in rows:
        if r["date"] != current:
            current = r["date"]
            console.rule(f"[bold]{current}")
        toll = f" — {r['toll']}" if r["toll"] else ""
        console.print(f"[cyan]{r['type']:<9}[/] {r['summary']}{toll} "
                      f"[dim]({r['status']}; {r['n_sources']} source(s); {r['id']})[/]",
                      markup=True, highlight=False)
        for d in r["disagreements"]:
            said = "; ".join(f"{v['value']} per {', '.join(v['reported_by'])}" for v in d["values"])
            console.print(f"    [yellow]sources disagree on {d['field']}:[/] {said}",
                          highlight=False)
    console.print(f"[dim]{len(rows)} dated event(s) of {p.total} matching[/]")


@app.command("stories")
def stories_command(
    actor: str = ACTOR, country: str = COUNTRY, type: str = TYPE, status: str = STATUS,
    date_from: str = DATE_FROM, date_to: str = DATE_TO, place: str = PLACE, q: str = TEXT,
    story: str = STORY, article: str = ARTICLE, limit: int = LIMIT, offset: int = OFFSET,
    fmt: Format = FORMAT, db: str = DB,
) -> None:
    """Stories: clusters of articles about the same happening."""
    f = _filters(actor=actor, country=country, type=type, status=status, date_from=date_from,
                 date_to=date_to, place=place, q=q, story=story, article=article)
    lim, off = _page(limit, offset)
    p = _run(db, lambda d: d.stories(f, lim, off))
    emit(p.items, fmt, ("id", "first_date", "last_date", "n_articles", "n_events", "countries",
                        "title"), "stories", p.total)


@app.command("entities")
def entities_command(
    actor: str = ACTOR, country: str = COUNTRY, q: str = TEXT, story: str = STORY,
    article: str = ARTICLE,
    entity_type: str = typer.Option(None, "--entity-type", help="PERSON, ORG, GPE, …"),
    limit: int = LIMIT, offset: int = OFFSET, fmt: Format = FORMAT, db: str = DB,
) -> None:
    """Entities resolved across articles (one row per real-world referent)."""
    f = _filters(actor=actor, country=country, q=q, story=story, article=article)
    lim, off = _page(limit, offset)
    p = _run(db, lambda d: d.entities(f, entity_type, lim, off))
    emit(p.items, fmt, ("id", "name", "type", "country", "actor", "n_articles", "n_mentions",
                        "n_events"), "entities", p.total)


@app.command("quotes")
def quotes_command(
    actor: str = typer.Option(None, "--actor", "--speaker", help="Speaker name, code or id."),
    country: str = COUNTRY, q: str = TEXT, date_from: str = DATE_FROM, date_to: str = DATE_TO,
    story: str = STORY, article: str = ARTICLE, limit: int = LIMIT, offset: int = OFFSET,
    fmt: Format = FORMAT, db: str = DB,
) -> None:
    """Quotes with their speakers."""
    f = _filters(actor=actor, country=country, q=q, date_from=date_from, date_to=date_to,
                 story=story, article=article)
    lim, off = _page(limit, offset)
    p = _run(db, lambda d: d.quotes(f, lim, off))
    emit(p.items, fmt, ("published", "speaker_name", "speaker_text", "kind", "text",
                        "article_id"), "quotes", p.total)


@app.command("articles")
def articles_command(
    actor: str = ACTOR, country: str = COUNTRY, q: str = TEXT, date_from: str = DATE_FROM,
    date_to: str = DATE_TO, story: str = STORY, limit: int = LIMIT, offset: int = OFFSET,
    fmt: Format = FORMAT, db: str = DB,
) -> None:
    """Stored articles."""
    f = _filters(actor=actor, country=country, q=q, date_from=date_from, date_to=date_to,
                 story=story)
    lim, off = _page(limit, offset)
    p = _run(db, lambda d: d.articles(f, lim, off))
    emit(p.items, fmt, ("id", "published", "title", "source", "n_events", "n_quotes",
                        "story_id"), "articles", p.total)
