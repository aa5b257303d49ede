"""Options and helpers shared by the CLI verbs (declared from :mod:`storyline.settings`)."""

from __future__ import annotations

import sys
from typing import Any

import typer

from .. import settings
from ..errors import StorylineError


def setting_option(name: str, *flags: str) -> Any:
    """A Typer option whose help and environment variable come from the setting ``name``."""
    s = settings.SETTINGS[name]
    return typer.Option(None, *flags, help=settings.help_for(name), show_default=False,
                        envvar=s.env)


def report(err: StorylineError | str) -> None:
    """One clear line on stderr for a failed item: ``storyline: error: <where>: <why> [code]``."""
    text = err.describe() if isinstance(err, StorylineError) else err
    sys.stderr.write(f"storyline: error: {text}\n")
    sys.stderr.flush()


def fail(err: StorylineError) -> typer.Exit:
    """Report a fatal user error and return the exit to raise (status 2)."""
    report(err)
    return typer.Exit(code=2)
