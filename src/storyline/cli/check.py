"""``storyline check``: is the database whole? Every table read, row counts and links checked."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from .. import settings
from ..errors import ErrorCode, StorylineError
from . import app
from .common import fail, report, setting_option


@app.command("check")
def check_command(db: str = setting_option("db", "--db")) -> None:
    """Check the database's integrity: every table is read in full (DuckDB verifies each
    block's checksum), and every link between tables and every span offset is checked.
    Exit status 0 when consistent, 1 when a check fails. Safe while other storyline
    commands run (it reads, under the database's shared lock)."""
    from .query import _open

    path = settings.get("db", db)
    try:
        if not Path(path).exists():
            raise StorylineError(ErrorCode.E401, path, detail="no such database")
        with _open(path) as database:  # read-only, unless migrations are pending
            found = database.integrity()
    except StorylineError as err:
        raise fail(err) from None
    console = Console()
    rows = Table(title=f"rows in {settings.get('db', db)}")
    rows.add_column("table")
    rows.add_column("rows", justify="right")
    for table, n in found.counts.items():
        rows.add_row(table, str(n))
    console.print(rows)
    checks = Table(title="checks")
    checks.add_column("check")
    checks.add_column("rows failing", justify="right")
    for name, n in found.problems.items():
        checks.add_row(name, "ok" if n == 0 else f"[red]{n}[/red]")
    console.print(checks)
    if found.corpus_stale:
        console.print("corpus tables are out of date (articles were added since the last "
                      "rebuild): their links to the articles were not checked; "
                      "`storyline rebuild` brings them up to date")
    if found.pending and not found.corpus_stale:
        console.print(f"{found.pending} stored article(s) are not in the corpus tables yet "
                      "(their update was interrupted or deferred): the next ingest, or "
                      "`storyline rebuild`, adds them")
    if found.unfinished_runs:
        console.print(f"{found.unfinished_runs} ingest run(s) did not finish (interrupted or "
                      "still running); what they stored is whole, batch by batch")
    if not found.ok:
        failing = [f"{name} ({n})" for name, n in found.problems.items() if n]
        report(StorylineError(ErrorCode.E408, settings.get("db", db), detail="; ".join(failing)))
        raise typer.Exit(code=1)
    console.print("the database is consistent")
