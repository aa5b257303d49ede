"""``storyline serve``: the HTTP API and the web page (binds 127.0.0.1 by default),
optionally watching feeds in the same process (``--watch``)."""

from __future__ import annotations

import threading

import typer
from rich.console import Console

from .. import settings
from ..errors import StorylineError
from . import app
from .common import fail, report, setting_option
from .watch import EVERY, FEEDS, MAX_ITEMS, after_cycle, make_watcher, watch_sources


@app.command("serve")
def serve_command(
    db: str = setting_option("db", "--db"),
    host: str = setting_option("host", "--host"),
    port: int = setting_option("port", "--port"),
    model: str = setting_option("model", "--model"),
    read_only: bool = typer.Option(
        False, "--read-only", help="Open the database read-only: other storyline commands can "
        "read it at the same time; POST /api/articles is refused."),
    watch: list[str] = typer.Option(
        None, "--watch", metavar="URL",
        help="Also watch this feed or sitemap (repeatable), as `storyline watch` does, in this "
        "process: the page shows new events as they are stored."),
    feeds: str = FEEDS,
    every: str = EVERY,
    max_items: int = MAX_ITEMS,
) -> None:
    """Serve the corpus: web page at /, API under /api, OpenAPI docs at /docs."""
    import uvicorn

    from ..api import create_app
    from ..watch import parse_interval, watch_forever

    try:
        sources = watch_sources(watch, feeds)
        interval = parse_interval(settings.get("watch_every", every))
        application = create_app(settings.get("db", db), model=model, read_only=read_only)
    except StorylineError as err:
        raise fail(err) from None
    if sources and read_only:
        report("--watch stores articles: it cannot be used with --read-only")
        raise typer.Exit(code=2)
    bind_host, bind_port = settings.get("host", host), int(settings.get("port", port))
    console = Console(stderr=True)
    console.print(
        f"storyline: serving {application.state.db.path} — open http://{bind_host}:{bind_port}/ "
        f"(API docs: http://{bind_host}:{bind_port}/docs); Ctrl-C stops", highlight=False)
    stop = threading.Event()
    thread = None
    if sources:
        database = application.state.db
        watcher = make_watcher(database, sources, model=model, batch_size=None,
                               max_items=max_items)

        def watch_in_background() -> None:
            try:
                watch_forever(watcher, interval, stop=stop, on_error=report,
                              after_cycle=lambda result: after_cycle(database, result))
            finally:
                watcher.fetcher.close()

        console.print(f"storyline: watching {len(sources)} feed(s) every {interval:g} s",
                      highlight=False)
        thread = threading.Thread(target=watch_in_background, daemon=True, name="watch")
        thread.start()
    try:
        uvicorn.run(application, host=bind_host, port=bind_port, log_level="warning")
    finally:
        stop.set()
        if thread is not None:
            # a cycle half way through an ingest is left to roll back (whole batches only)
            thread.join(timeout=5)
