"""``storyline show``, ``schema`` and ``settings``: reading records, the format, the knobs."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.table import Table

from .. import settings as settings_mod
from . import app
from .common import report

if TYPE_CHECKING:
    from ..record import ArticleRecord


@app.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of the article record."""
    from ..record import json_schema_text

    sys.stdout.write(json_schema_text())


@app.command("settings")
def settings_command() -> None:
    """List every setting with its default, environment variable and help."""
    table = Table(title="storyline settings")
    for col in ("setting", "default", "environment", "help"):
        table.add_column(col, overflow="fold")
    for s in settings_mod.SETTINGS.values():
        table.add_row(s.name, str(s.default), s.env, s.help)
    Console().print(table)


def _excerpt(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _entity_names(record: ArticleRecord) -> dict[str, str]:
    return {e.id: e.name for e in record.entities}


def show_record(record: ArticleRecord, console: Console, limit: int = 12) -> None:
    """A readable summary of one article record."""
    title = record.title or _excerpt(record.text.strip().split("\n", 1)[0], 80)
    console.rule(f"[bold]{title}")
    console.print(
        f"id {record.id} · source {record.source} · published {record.published or '?'} · "
        f"{len(record.entities)} entities · {len(record.timexes)} dates · "
        f"{len(record.quotes)} quotes · {len(record.events)} events · {len(record.places)} places"
    )
    names = _entity_names(record)

    def who(ids: list[str]) -> str:
        return ", ".join(names.get(i, i) for i in ids)

    tables: list[tuple[str, tuple[str, ...], list[tuple[str, ...]]]] = [
        ("entities", ("name", "type", "country", "actor", "roles", "mentions"),
         [(e.name, e.type, e.country or "", e.actor or "", ", ".join(e.roles), str(len(e.mentions)))
          for e in sorted(record.entities, key=lambda e: -len(e.mentions))]),
        ("dates", ("text", "type", "value"),
         [(x.text, x.type, x.value or "") for x in record.timexes]),
        ("events", ("date", "type", "source", "target", "status", "trigger"),
         [(v.date or "", v.type, who(v.source), who(v.target), v.status, v.trigger.text)
          for v in record.events]),
        ("quotes", ("speaker", "kind", "text"),
         [(names.get(q.speaker, "") if q.speaker else (q.speaker_text or ""), q.kind,
           _excerpt(q.text)) for q in record.quotes]),
    ]
    for title_, columns, rows in tables:
        if not rows:
            continue
        table = Table(title=title_)
        for col in columns:
            table.add_column(col)
        for row in rows[:limit]:
            table.add_row(*row)
        console.print(table)


@app.command("show")
def show_command(
    path: Path = typer.Argument(..., help="A JSON Lines file of article records (or - for stdin)."),
    limit: int = typer.Option(12, help="Rows per table."),
) -> None:
    """Print a readable summary of article records written by `storyline extract`."""
    from ..record import read_records

    console = Console()
    try:
        text = sys.stdin.read() if str(path) == "-" else path.read_text("utf-8")
    except OSError as exc:
        report(f"{path}: cannot read: {exc.strerror or exc}")
        raise typer.Exit(code=2) from None
    failed = 0
    for n, rec in read_records(text):
        if isinstance(rec, str):
            failed += 1
            report(f"{path}:{n}: not an article record: {rec}")
        else:
            show_record(rec, console, limit)
    if failed:
        raise typer.Exit(code=1)
