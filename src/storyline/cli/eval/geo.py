"""``storyline eval geo CORPUS.xml``: geoparsing accuracy (acc@161 km, recall, country)."""

from __future__ import annotations

from pathlib import Path

import typer

from ... import settings
from ...errors import StorylineError
from .. import eval_app
from ..common import fail, setting_option


@eval_app.command("geo")
def eval_geo_command(
    corpus: Path = typer.Argument(..., exists=True, dir_okay=False,
                                  help="GeoWebNews, TR-News, LGL or GeoVirus XML file."),
    limit: int = typer.Option(None, "--limit", help="Score the first N articles only."),
    misses: int = typer.Option(0, "--misses", help="Print up to N toponyms resolved wrongly."),
    disable_repair: list[str] = typer.Option(
        [], "--disable-repair", metavar="RULE",
        help="Switch off an NER repair rule (to measure it); repeatable."),
    model: str = setting_option("model", "--model"),
    batch_size: int = setting_option("batch_size", "--batch-size"),
) -> None:
    """Extract every article of CORPUS and score its places against the gold toponyms."""
    from ...article import extract_many
    from ...eval.geo import load, score
    from ...extractors.actors import repair
    from ...nlp import load_pipeline
    from ...sources.base import ArticleInput, parse_date

    unknown = set(disable_repair) - set(repair.RULES)
    if unknown:
        raise typer.BadParameter(
            f"unknown rule(s) {sorted(unknown)}; known: {sorted(repair.RULES)}")
    try:
        nlp = load_pipeline(settings.get("model", model))
    except StorylineError as err:
        raise fail(err) from None
    docs, counts = load(corpus, limit)
    items = [ArticleInput(text=d.text, source=f"{corpus.name}:{d.id}", id=d.id,
                          published=parse_date(d.published, d.id) if d.published else None)
             for d in docs]
    with repair.disabled(disable_repair):
        records = [r if not isinstance(r, StorylineError) else None
                   for r in extract_many(items, nlp=nlp, batch_size=batch_size)]
    s = score(docs, records)
    n_top = sum(len(d.toponyms) for d in docs)
    typer.echo(f"{corpus.name}: {len(docs)} articles, {n_top} gold toponyms "
               f"({dict(counts)}), {s.places} output places")
    typer.echo(f"  accuracy@161km  {s.geo_ok}/{s.geo_gold} = {s.acc161:.3f}")
    typer.echo(f"  recall (places) {s.recall_place}/{s.recall_gold} = {s.recall:.3f}")
    typer.echo(f"  recall (any entity) {s.recall_entity}/{s.recall_gold}")
    typer.echo(f"  country accuracy {s.country_ok}/{s.country_gold} = {s.country_accuracy:.3f}")
    kinds = sorted(s.per_kind.items(), key=lambda x: -x[1]["n"])[:12]
    typer.echo("  per kind: " + ", ".join(f"{k} {v['ok']}/{v['geo']}" for k, v in kinds))
    for m in s.misses[:misses]:
        typer.echo(f"  miss: {m}")
    typer.echo(f"geo: acc161={s.acc161:.3f} recall={s.recall:.3f}")
