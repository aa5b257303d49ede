"""``storyline eval polnear DIR``: quotes scored against PolNeAR attribution spans."""

from __future__ import annotations

from pathlib import Path

import typer

from ... import settings
from ...errors import StorylineError
from .. import eval_app
from ..common import fail, report, setting_option


@eval_app.command("polnear")
def eval_polnear_command(
    folder: Path = typer.Argument(..., help="A PolNeAR split: text/*.txt and attributions/*.ann."),
    limit: int = typer.Option(None, "--limit", help="First N articles only (sorted by name)."),
    output: Path = typer.Option(
        None, "--output", help="Score these article records (JSON Lines) instead of extracting."),
    model: str = setting_option("model", "--model"),
) -> None:
    """Score quote content, cue and source spans against PolNeAR (Newell et al. 2018)."""
    from ...article import extract_many
    from ...eval.polnear import load_corpus, score_corpus
    from ...eval.polnear import report as table
    from ...record import ArticleRecord, read_records
    from ...sources.base import ArticleInput

    if not (folder / "text").is_dir() or not (folder / "attributions").is_dir():
        report(f"{folder}: not a PolNeAR split (expected text/ and attributions/)")
        raise typer.Exit(code=2)
    docs = load_corpus(folder, limit)
    records: dict[str, ArticleRecord] = {}
    if output is not None:
        try:
            text = output.read_text(encoding="utf-8")
        except OSError as exc:
            report(f"{output}: cannot read: {exc.strerror or exc}")
            raise typer.Exit(code=2) from None
        for n, rec in read_records(text):
            if isinstance(rec, str):
                report(f"{output}:{n}: not an article record: {rec}")
                continue
            records[rec.id] = rec
    else:
        items = [ArticleInput(text=d.text, source=d.id, id=d.id) for d in docs]
        try:
            for result in extract_many(items, model=settings.get("model", model)):
                if isinstance(result, StorylineError):
                    report(result)
                else:
                    records[result.id] = result
        except StorylineError as err:
            raise fail(err) from None
    typer.echo(f"PolNeAR {folder}: {len(docs)} articles")
    typer.echo(table(score_corpus(docs, records)))
