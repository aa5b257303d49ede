"""``storyline eval timeml DIR [DIR ...]``: TempEval-3 figures of the temporal tagger."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ... import settings
from ...errors import StorylineError
from .. import eval_app
from ..common import fail, report, setting_option

FoldersArg = Annotated[list[Path], typer.Argument(
    metavar="DIR ...",
    help="Folders searched recursively for TimeML (.tml) files, e.g. TimeBank and AQUAINT; "
    "each is scored on its own, then all together.")]


@eval_app.command("timeml")
def eval_timeml_command(
    folders: FoldersArg,
    limit: int = typer.Option(None, "--limit", metavar="N",
                              help="First N documents of each folder."),
    errors: bool = typer.Option(
        False, "--errors", help="Also list every miss, spurious expression, wrong value and "
        "wrong span (tab-separated, with context)."),
    model: str = setting_option("model", "--model"),
    batch_size: int = setting_option("batch_size", "--batch-size"),
) -> None:
    """Score storyline's TIMEX3 expressions on TimeML corpora, TempEval-3 style.

    Prints strict and relaxed span P/R/F1, value and type F1 (with accuracy over
    relaxed matches) per folder; with several folders, the combined figures last.
    The last line of each table is machine-readable (the shared scorer's format).
    """
    from ...eval.timeml import Counts, error_lines, load_corpus, run
    from ...eval.timeml import report as table
    from ...nlp import load_pipeline

    try:
        nlp = load_pipeline(settings.get("model", model))
    except StorylineError as err:
        raise fail(err) from None
    total, total_docs, scored = Counts(), 0, 0
    for folder in folders:
        if not folder.is_dir():
            report(f"{folder}: not a folder")
            continue
        docs, problems = load_corpus(folder, limit)
        for problem in problems:
            report(f"{problem} (skipped)")
        if not docs:
            report(f"{folder}: no readable .tml files")
            continue
        counts = Counts()
        for result in run(docs, nlp=nlp, batch_size=batch_size):
            counts = counts + result.counts
            if result.error:
                report(f"{result.doc.id}: {result.error}")
            if errors:
                for line in error_lines(result):
                    typer.echo(line)
        typer.echo(table(folder.name or str(folder), counts, len(docs)))
        typer.echo("")
        total, total_docs, scored = total + counts, total_docs + len(docs), scored + 1
    if scored > 1:
        typer.echo(table("all folders", total, total_docs))
    if not scored:
        sys.exit(2)
