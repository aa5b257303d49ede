"""``storyline serve``: the HTTP API and the web page (binds 127.0.0.1 by default)."""

from __future__ import annotations

import typer
from rich.console import Console

from .. import settings
from ..errors import StorylineError
from . import app
from .common import fail, setting_option

#: Addresses only this machine can reach.
_LOOPBACK = ("127.0.0.1", "localhost", "::1")


def bind_warning(host: str) -> str | None:
    """What to tell someone who binds the server to an address other machines can reach."""
    if host in _LOOPBACK or host.startswith("127."):
        return None
    return (f"warning: serving on {host}: anyone who can reach this machine on that address "
            "can read the corpus and add articles to it (no login). Bind 127.0.0.1 (the "
            "default) unless this network is trusted, or put an authenticating proxy in front.")


@app.command("serve")
def serve_command(
    db: str = setting_option("db", "--db"),
    host: str = setting_option("host", "--host"),
    port: int = setting_option("port", "--port"),
    model: str = setting_option("model", "--model"),
    read_only: bool = typer.Option(
        False, "--read-only", help="Open the database read-only: other storyline commands can "
        "read it at the same time; POST /api/articles is refused."),
) -> None:
    """Serve the corpus: web page at /, API under /api, OpenAPI docs at /docs."""
    import uvicorn

    from ..api import create_app

    try:
        application = create_app(settings.get("db", db), model=model, read_only=read_only)
    except StorylineError as err:
        raise fail(err) from None
    bind_host, bind_port = settings.get("host", host), int(settings.get("port", port))
    warning = bind_warning(bind_host)
    if warning:
        Console(stderr=True).print(f"storyline: {warning}", highlight=False, style="bold")
    Console(stderr=True).print(
        f"storyline: serving {application.state.db.path} — open http://{bind_host}:{bind_port}/ "
        f"(API docs: http://{bind_host}:{bind_port}/docs); Ctrl-C stops", highlight=False)
    uvicorn.run(application, host=bind_host, port=bind_port, log_level="warning")
