"""``storyline extract``: article records for every input, as JSON Lines or JSON."""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Iterable, Iterator
from datetime import date
from enum import Enum
from pathlib import Path
from typing import IO

import typer

from .. import settings
from ..errors import ErrorCode, StorylineError
from ..sources.base import ArticleInput, ReadResult
from . import app
from .common import fail, report, setting_option


class OutputFormat(str, Enum):
    jsonl = "jsonl"
    json = "json"


@contextlib.contextmanager
def _output(out: Path | None) -> Iterator[IO[str]]:
    if out is None:
        yield sys.stdout
        return
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fh = out.open("w", encoding="utf-8")
    except OSError as exc:
        raise fail(StorylineError(ErrorCode.E303, str(out), detail=exc.strerror or str(exc))) from None
    with fh:
        yield fh


@app.command("extract")
def extract_command(
    paths: list[str] = typer.Argument(
        None, metavar="[PATH ...]",
        help="Files (.txt, .html, .json, .jsonl, RSS/Atom, .warc[.gz]), directories (walked), "
        "or - for standard input (the default when no path is given).",
    ),
    published: str = typer.Option(
        None, "--published", metavar="YYYY-MM-DD",
        help="Publication date; wins over any date the input carries. Relative dates "
        "('44 days ago', 'this week') are resolved against it.",
    ),
    fmt: OutputFormat = typer.Option(
        OutputFormat.jsonl, "--format", help="jsonl: one record per line; json: one array."
    ),
    out: Path = typer.Option(None, "--out", help="Write here instead of standard output."),
    model: str = setting_option("model", "--model"),
    batch_size: int = setting_option("batch_size", "--batch-size"),
    n_process: int = setting_option("n_process", "--n-process"),
    dask: str = typer.Option(
        None, "--dask", metavar="ADDRESS",
        help="Extract on a Dask cluster (scheduler ADDRESS, or 'local' for a LocalCluster "
        "with one worker per core) into Parquet partitions in the directory --out."),
    progress: bool = typer.Option(
        None, "--progress/--no-progress",
        help="A progress bar (articles/s, ETA) and a closing summary on stderr "
        "(default: when stderr is a terminal).",
    ),
) -> None:
    """Extract one article record per article in PATH ...

    Bad inputs are reported on stderr, one line each, and the rest go on; the
    exit status is 1 if any input failed.
    """
    from ..article import extract_many
    from ..nlp import load_pipeline
    from ..sources import parse_date, read_inputs
    from .progress import ArticleProgress, rate

    try:
        day = parse_date(published, "--published") if published else None
        load_pipeline(settings.get("model", model))  # fails fast on an unknown model
    except StorylineError as err:
        raise fail(err) from None
    if not paths:
        if sys.stdin.isatty():
            report("no input: give a PATH, or pipe text to standard input (see --help)")
            raise typer.Exit(code=2)
        paths = ["-"]

    failed = done = events = 0
    started = time.perf_counter()
    if dask:
        _extract_on_dask(dask, read_inputs(paths), day, out, model, batch_size, progress, paths)
        return
    results = extract_many(read_inputs(paths), published=day, model=model,
                           batch_size=batch_size, n_process=n_process)
    with _output(out) as fh, ArticleProgress("extracting", paths, progress) as bar:
        if fmt is OutputFormat.json:
            fh.write("[")
        for result in results:
            if isinstance(result, StorylineError):
                failed += 1
                report(result)
            else:
                if fmt is OutputFormat.json:
                    fh.write(",\n" if done else "\n")
                fh.write(result.to_json())
                if fmt is OutputFormat.jsonl:
                    fh.write("\n")
                done += 1
                events += len(result.events)
            bar.update(done + failed, failed)
        if fmt is OutputFormat.json:
            fh.write("\n]\n")
        fh.flush()
    if bar.show:
        bar.summary(f"{done} article(s) extracted, {events} event(s), {failed} error(s) · "
                    f"{rate(done + failed, time.perf_counter() - started)}")
    if failed:
        raise typer.Exit(code=1)


def _extract_on_dask(address: str, items: Iterable[ReadResult], day: date | None,
                     out: Path | None, model: str | None, batch_size: int | None,
                     progress: bool | None, paths: list[str]) -> None:
    """``extract --dask``: Parquet partitions in ``out``, errors on stderr, a summary."""
    from ..cluster import connect, extract_to_parquet
    from .progress import ArticleProgress, rate

    if out is None:
        raise fail(StorylineError(ErrorCode.E320, flag="--out DIR"))
    try:
        client = connect(address)
    except StorylineError as err:
        raise fail(err) from None
    stream = (i.with_published(day, "flag") if day and isinstance(i, ArticleInput) else i
              for i in items)
    done = failed = 0
    started = time.perf_counter()
    with client, ArticleProgress("extracting", paths, progress) as bar:
        for part in extract_to_parquet(client, stream, out, model=model, batch_size=batch_size):
            for lost in part.errors:
                report(lost)
            done += part.records
            failed += len(part.errors)
            bar.update(done + failed, failed)
    bar.summary(f"{done} article(s) extracted into {out}, {failed} error(s) · "
                f"{rate(done + failed, time.perf_counter() - started)}")
    if failed:
        raise typer.Exit(code=1)
