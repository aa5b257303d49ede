"""``storyline export``: the corpus as Parquet, CSV or JSON Lines, with a GDELT-style
event table and PLOVER-style JSON."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

from ..errors import StorylineError
from . import app
from .common import fail, setting_option


@app.command("export")
def export_command(
    out_dir: Path = typer.Argument(..., help="Folder to write into (created if missing)."),
    fmt: str = typer.Option("parquet", "--format", help="parquet, csv or jsonl."),
    tables: list[str] = typer.Option(
        None, "--table", help="Only these tables (repeatable): articles, entities, events, "
        "event_clusters, event_sources, stories, quotes, gdelt_events, plover, …"),
    db: str = setting_option("db", "--db"),
) -> None:
    """Write every table, gdelt_events.<fmt> (GDELT 2.0 columns) and plover.jsonl."""
    from ..store import open_db
    from ..store.export import export

    try:
        with open_db(db) as database:
            written = export(database, out_dir, fmt, tuple(tables or ()))
    except StorylineError as err:
        raise fail(err) from None
    console = Console(stderr=True)
    for name, (path, n) in written.items():
        console.print(f"{n:>8} rows  {name:<20} {path}", highlight=False)
