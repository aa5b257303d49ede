"""``storyline ingest`` (extract and store articles) and ``storyline status`` (what is stored)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from ..errors import StorylineError
from ..record import ArticleRecord
from ..sources.base import ReadResult
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
    n_process: int = setting_option("n_process", "--n-process"),
    full_rebuild: bool = typer.Option(
        False, "--rebuild",
        help="Recompute the corpus tables from every stored article afterwards, instead of "
        "updating them for the new articles only."),
    dask: str = typer.Option(
        None, "--dask", metavar="ADDRESS",
        help="Extract on a Dask cluster (scheduler ADDRESS, or 'local' for a LocalCluster "
        "with one worker per core); partitions are written as Parquet to --parts."),
    parts: Path = typer.Option(
        None, "--parts", help="Directory for the Parquet partitions of --dask (default: "
        "DB.parts/ next to the database; on a real cluster a shared file system)."),
    progress: bool = typer.Option(
        None, "--progress/--no-progress",
        help="A progress bar (articles/s, ETA) on stderr (default: when stderr is a "
        "terminal)."),
) -> None:
    """Extract PATH ... and store the records in the corpus database.

    Articles already stored (same id) are skipped, so an interrupted ingest can
    simply be run again. Each batch is one transaction. Bad inputs are reported
    on stderr and recorded in the database; the exit status is 1 if any failed.
    """
    from ..ingest import IngestReport, ingest
    from ..sources import parse_date, read_inputs
    from ..store import open_db
    from .progress import ArticleProgress, rate

    try:
        day = parse_date(published, "--published") if published else None
        database = open_db(db)
    except StorylineError as err:
        raise fail(err) from None
    items = (i.with_published(day, "flag") if day and not isinstance(i, StorylineError) else i
             for i in read_inputs(paths))

    extract = None
    if dask:
        from ..cluster import connect, extract_results

        try:
            client = connect(dask)
        except StorylineError as err:
            raise fail(err) from None
        out = parts or Path(f"{database.path}.parts")

        def extract(todo: Iterable[ReadResult]) -> Iterator[ArticleRecord | StorylineError]:
            return extract_results(client, todo, out, model=model, batch_size=batch_size)

    with database, ArticleProgress("ingesting", paths, progress) as bar:
        def on_batch(r: IngestReport) -> None:
            for err in r.batch_failures:
                report(err)
            bar.update(r.seen, r.failed)
        try:
            result = ingest(database, items, inputs=paths, model=model, batch_size=batch_size,
                            n_process=n_process, replace=replace, progress=on_batch,
                            full_rebuild=full_rebuild, extract=extract)
        except StorylineError as err:
            raise fail(err) from None
        # alerts (storyline alert add) see what was stored
        failed_alerts = check_and_report(database) if result.stored else 0
        counts = database.counts()
    bar.summary(f"{result.stored} article(s) stored, {result.skipped} already stored, "
                f"{result.events} event(s), {result.failed} error(s) · "
                f"{rate(result.seen, result.seconds)} · corpus {result.corpus} · "
                f"database {database.path}: {counts['articles']} articles, "
                f"{counts['event_clusters']} merged events, {counts['stories']} stories")
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
                      + (" · corpus tables out of date" if database.corpus_stale()
                         or database.count_pending() else ""))
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


