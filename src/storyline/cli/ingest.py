"""``storyline ingest`` (extract and store articles) and ``storyline status`` (what is stored)."""

from __future__ import annotations

import contextlib
import sys

import typer
from rich.console import Console
from rich.table import Table

from ..errors import StorylineError
from . import app
from .alert import check_and_report
from .common import fail, report, setting_option


@app.command("ingest")
def ingest_command(
    paths: list[str] = typer.Argument(
        ..., metavar="PATH ...",
        help="Everything `storyline extract` reads: .txt, .html, .json, .jsonl, RSS/Atom, "
        ".warc[.gz], directories (walked), - for standard input."),
    published: str = typer.Option(
        None, "--published", metavar="YYYY-MM-DD",
        help="Publication date; wins over any date the input carries."),
    replace: bool = typer.Option(
        False, "--replace", help="Re-extract and replace articles already stored."),
    db: str = setting_option("db", "--db"),
    model: str = setting_option("model", "--model"),
    batch_size: int = setting_option("batch_size", "--batch-size"),
    progress: bool = typer.Option(
        None, "--progress/--no-progress",
        help="A live progress line on stderr (default: when stderr is a terminal); "
        "otherwise one progress line per batch."),
) -> None:
    """Extract PATH ... and store the records in the corpus database.

    Articles already stored (same id) are skipped, so an interrupted ingest can
    simply be run again. Each batch is one transaction. Bad inputs are reported
    on stderr and recorded in the database; the exit status is 1 if any failed.
    """
    from ..ingest import ingest
    from ..sources import parse_date, read_inputs
    from ..store import open_db

    status = Console(stderr=True)
    show = progress if progress is not None else sys.stderr.isatty()
    try:
        day = parse_date(published, "--published") if published else None
        database = open_db(db)
    except StorylineError as err:
        raise fail(err) from None
    items = (i.with_published(day, "flag") if day and not isinstance(i, StorylineError) else i
             for i in read_inputs(paths))
    reported = 0

    with database, (status.status("ingesting…") if show else contextlib.nullcontext()) as live:
        def on_batch(r: object) -> None:
            nonlocal reported
            from ..ingest import IngestReport

            assert isinstance(r, IngestReport)
            for line in r.errors[reported:]:
                report(line)
            reported = len(r.errors)
            if live is not None:
                live.update(f"ingesting… {r.stored} stored, {r.skipped} already stored, "
                            f"{r.failed} error(s)")
            else:
                sys.stderr.write(f"storyline: ingest: {r.stored} stored, {r.skipped} skipped, "
                                 f"{r.failed} failed\n")
        try:
            result = ingest(database, items, inputs=paths, model=model, batch_size=batch_size,
                            replace=replace, progress=on_batch)
        except StorylineError as err:
            raise fail(err) from None
        # alerts (storyline alert add) see what was stored
        failed_alerts = check_and_report(database) if result.stored else 0
        counts = database.counts()
    status.print(f"{result.stored} article(s) stored, {result.skipped} already stored, "
                 f"{result.failed} error(s) · database {database.path}: {counts['articles']} "
                 f"articles, {counts['event_clusters']} events, {counts['stories']} stories",
                 highlight=False)
    if result.failed or failed_alerts:
        raise typer.Exit(code=1)


@app.command("status")
def status_command(db: str = setting_option("db", "--db")) -> None:
    """Rows per table, recent ingest runs and their errors."""
    from ..store import open_db

    try:
        database = open_db(db)
    except StorylineError as err:
        raise fail(err) from None
    console = Console()
    with database:
        console.print(f"database {database.path} · schema version {database.version()}"
                      + (" · corpus tables out of date" if database.corpus_stale() else ""))
        t = Table(title="rows")
        t.add_column("table")
        t.add_column("rows", justify="right")
        for name, n in database.counts().items():
            t.add_row(name, str(n))
        console.print(t)
        runs = Table(title="recent ingest runs")
        for col in ("id", "started_at", "status", "n_stored", "n_skipped", "n_failed", "inputs"):
            runs.add_column(col, overflow="fold")
        for r in database.runs(10):
            runs.add_row(*(str(r[c]) for c in ("id", "started_at", "status", "n_stored",
                                               "n_skipped", "n_failed", "inputs")))
        console.print(runs)
        errors = database.errors(limit=20)
        if errors:
            et = Table(title="recent errors")
            for col in ("run_id", "item", "article", "code", "message"):
                et.add_column(col, overflow="fold")
            for e in errors:
                et.add_row(str(e["run_id"]), e["item"], e["article_id"] or "", e["code"],
                           e["message"])
            console.print(et)


@app.command("rebuild")
def rebuild_command(db: str = setting_option("db", "--db")) -> None:
    """Recompute resolved entities, stories and merged events from the stored articles."""
    from ..ingest import rebuild_corpus
    from ..store import open_db

    try:
        with open_db(db) as database:
            counts = rebuild_corpus(database)
    except StorylineError as err:
        raise fail(err) from None
    Console(stderr=True).print(", ".join(f"{n} {t}" for t, n in counts.items()))


