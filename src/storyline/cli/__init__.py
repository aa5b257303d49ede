"""The ``storyline`` command: a thin caller of the library.

Each verb lives in its own module and registers itself on :data:`app`.
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
import sys

import typer

from .. import __version__

app = typer.Typer(
    name="storyline",
    help="Turn English news articles into a dated, sourced, queryable record of political events.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"storyline {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """storyline: who did what to whom, when, where, with what toll, and according to whom."""


#: ``storyline eval …``: scorers over evaluation corpora (one module per corpus adds a command).
eval_app = typer.Typer(
    name="eval", help="Score storyline on evaluation corpora.", no_args_is_help=True,
)
app.add_typer(eval_app, name="eval")


def _register() -> None:
    # Every module of this package adds its commands to ``app`` or ``eval_app`` when imported.
    for module in sorted(m.name for m in pkgutil.iter_modules(__path__)):
        if module != "common":
            importlib.import_module(f"{__name__}.{module}")


def _log_to_stderr() -> None:
    """Warnings of the library (a folder walk's skipped files, a sentence cut) as one line
    each on stderr: ``storyline: skipped 1 file of unknown type: examples/index.yaml``."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("storyline: %(message)s"))
    root = logging.getLogger("storyline")
    root.addHandler(handler)
    root.setLevel(logging.WARNING)
    root.propagate = False


def main() -> None:
    """Console entry point."""
    _log_to_stderr()
    _register()
    try:
        app()
    except BrokenPipeError:
        # the reader of our output went away (e.g. `| head`): stop quietly
        sys.stderr.close()
        sys.exit(1)
    except KeyboardInterrupt:
        sys.stderr.write("storyline: interrupted\n")
        sys.exit(130)
