"""``storyline eval ecb DIR``: story clustering on ECB+ scored with B³."""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from ...errors import ErrorCode, StorylineError
from .. import eval_app
from ..common import fail, report, setting_option


@eval_app.command("ecb")
def eval_ecb_command(
    corpus_dir: Path = typer.Argument(..., help="ECB+ folder with topic sub-folders (1/, 2/, …)."),
    limit: int = typer.Option(None, "--limit", help="Only the first N topics."),
    model: str = setting_option("model", "--model"),
    records: Path = typer.Option(
        None, "--records", help="Reuse article records (JSON Lines) saved by --save-records."),
    save_records: Path = typer.Option(None, "--save-records", help="Save the extracted records."),
    per_topic: bool = typer.Option(False, "--per-topic", help="Print B³ per topic."),
) -> None:
    """Extract every ECB+ article, cluster them all into stories, print B³ P/R/F1.

    The gold story of an article is its sub-topic (N_Mecb vs N_Mecbplus files of
    topic N); clustering sees only the text.
    """
    from ...article import extract_many
    from ...corpus import cluster_articles, resolve_entities
    from ...eval.ecb import read_corpus, score_stories
    from ...record import read_records

    try:
        docs = list(read_corpus(corpus_dir, limit))
        wanted = {d.article.article_id for d in docs}
        if records is not None:
            recs = []
            for n, rec in read_records(records.read_text("utf-8")):
                if isinstance(rec, str):
                    report(f"{records}:{n}: not an article record: {rec}")
                elif rec.id in wanted:
                    recs.append(rec)
        else:
            recs = []
            for result in extract_many([d.article for d in docs], model=model):
                if isinstance(result, StorylineError):
                    report(result)
                else:
                    recs.append(result)
    except StorylineError as err:
        raise fail(err) from None
    except (OSError, ValueError) as err:
        raise fail(StorylineError(ErrorCode.E111, str(records), detail=str(err))) from None
    if save_records is not None:
        save_records.write_text("".join(r.to_json() + "\n" for r in recs), "utf-8")
    stories = cluster_articles(recs, resolve_entities(recs))
    result = score_stories(docs, stories)
    console = Console()
    if per_topic:
        t = Table(title="B³ per topic")
        for col in ("topic", "P", "R", "F1"):
            t.add_column(col)
        for topic, s in result.per_topic.items():
            t.add_row(topic, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}")
        console.print(t)
    s = result.score
    console.print(f"{result.articles} articles, {result.gold_clusters} gold sub-topics, "
                  f"{result.predicted_clusters} predicted stories", highlight=False)
    sys.stdout.write("ecb: " + " ".join(f"{k}={v:.4f}" for k, v in
                                        (("b3P", s.precision), ("b3R", s.recall),
                                         ("b3F1", s.f1))) + "\n")
