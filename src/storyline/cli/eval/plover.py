"""``storyline eval plover FILE``: event type and actor accuracy on the PLOVER gold standard."""

from __future__ import annotations

from pathlib import Path

import typer

from ... import settings
from ...errors import StorylineError
from .. import eval_app
from ..common import fail, report, setting_option


@eval_app.command("plover")
def eval_plover_command(
    gold: Path = typer.Argument(..., metavar="FILE", help="PLOVER gold-standard JSON (PLOVER_GSR_*.json)."),
    limit: int = typer.Option(None, "--limit", metavar="N", help="First N coded records only."),
    details: bool = typer.Option(False, "--details", help="List the records missed and why."),
    model: str = setting_option("model", "--model"),
    batch_size: int = setting_option("batch_size", "--batch-size"),
) -> None:
    """Score storyline's events on PLOVER gold-standard sentences.

    Prints type accuracy, full accuracy (type + source + target) and precision,
    per type too; the last line is machine-readable, as the shared scorer prints it.
    """
    from ...eval.plover import load_gold, run, score
    from ...eval.plover import report as plover_report
    from ...nlp import load_pipeline
    from ...record import ArticleRecord

    if not gold.is_file():
        report(f"{gold}: not a file")
        raise typer.Exit(code=2)
    try:
        records = load_gold(gold, limit)
    except (OSError, ValueError) as exc:
        report(f"{gold}: cannot read PLOVER gold standard ({exc})")
        raise typer.Exit(code=2) from None
    try:
        nlp = load_pipeline(settings.get("model", model))
    except StorylineError as err:
        raise fail(err) from None
    out: list[ArticleRecord] = []
    for result in run(records, nlp=nlp, batch_size=batch_size):
        if isinstance(result, ArticleRecord):
            out.append(result)
        else:
            report(result if isinstance(result, StorylineError) else str(result))
    typer.echo(plover_report(score(records, out), details=details))
