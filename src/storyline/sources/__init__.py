"""Readers: every input ``storyline extract`` takes, turned into :class:`ArticleInput`.

:func:`read_inputs` walks paths (files, directories, ``-`` for stdin) and yields
one article per item, or a :class:`~storyline.errors.StorylineError` naming an
item that could not be read. A bad item never stops the batch.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import ErrorCode, StorylineError
from .base import ArticleInput, ReadResult, decode_text, parse_date, text_id
from .feed import looks_like_feed, read_feed
from .html import read_html
from .jsonfile import read_json, read_jsonl
from .warc import read_warc

__all__ = [
    "ArticleInput", "ReadResult", "decode_text", "parse_date", "read_bytes", "read_inputs",
    "read_path", "text_id",
]

_TEXT = {".txt", ".text", ""}
_HTML = {".html", ".htm", ".xhtml"}
_JSON = {".json"}
_JSONL = {".jsonl", ".ndjson"}
_FEED = {".rss", ".atom", ".xml"}


def _suffix(path: Path) -> str:
    name = path.name.lower()
    if name.endswith(".warc.gz"):
        return ".warc.gz"
    return path.suffix.lower()


def _sniff(data: bytes) -> str:
    """Kind of an input without a telling name (stdin): json, jsonl, feed, html, warc or text."""
    if data.startswith(b"WARC/") or data[:2] == b"\x1f\x8b":
        return "warc"
    head = data[:4096].lstrip().decode("utf-8", "replace")
    if head.startswith("{"):
        first_line = head.split("\n", 1)[0].strip()
        return "jsonl" if first_line.endswith("}") else "json"
    if head.startswith("["):
        return "json"
    if head.startswith("<"):
        return "feed" if looks_like_feed(head) else "html"
    return "text"


def read_bytes(data: bytes, source: str, kind: str | None = None) -> Iterator[ReadResult]:
    """Articles from raw bytes of a given kind (sniffed when ``kind`` is None)."""
    kind = kind or _sniff(data)
    try:
        if kind == "warc":
            yield from read_warc(io.BytesIO(data), source)
        elif kind == "feed":
            yield from read_feed(data, source)
        else:
            text = decode_text(data, source)
            if kind == "json":
                yield from read_json(text, source)
            elif kind == "jsonl":
                yield from read_jsonl(text, source)
            elif kind == "html":
                yield read_html(text, source)
            else:
                yield ArticleInput(text=text, source=source)
    except StorylineError as err:
        yield err


def _kind_of(path: Path, data_head: bytes) -> str | None:
    suffix = _suffix(path)
    if suffix in (".warc", ".warc.gz"):
        return "warc"
    if suffix in _HTML:
        return "html"
    if suffix in _JSON:
        return "json"
    if suffix in _JSONL:
        return "jsonl"
    if suffix in _FEED:
        return "feed" if looks_like_feed(data_head.decode("utf-8", "replace")) else None
    if suffix in _TEXT:
        return "text"
    return None


def read_path(path: Path) -> Iterator[ReadResult]:
    """Articles from one file or a directory (walked in sorted order, hidden files skipped)."""
    where = str(path)
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            rel = child.relative_to(path)
            if child.is_file() and not any(part.startswith(".") for part in rel.parts):
                yield from read_path(child)
        return
    if not path.exists():
        yield StorylineError(ErrorCode.E101, where)
        return
    kind = _kind_of(path, _head(path))
    if kind is None:
        yield StorylineError(ErrorCode.E105, where, suffix=_suffix(path) or path.name)
        return
    if kind == "warc":
        try:
            with path.open("rb") as fh:
                yield from read_warc(fh, where)
        except OSError as exc:
            yield StorylineError(ErrorCode.E111, where, detail=exc.strerror or str(exc))
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield StorylineError(ErrorCode.E111, where, detail=exc.strerror or str(exc))
        return
    yield from read_bytes(data, where, kind)


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as fh:
            return fh.read(4096)
    except OSError:
        return b""


def read_inputs(paths: Iterable[str], stdin: BinaryIO | None = None) -> Iterator[ReadResult]:
    """Articles from every path in order; ``-`` reads standard input."""
    for p in paths:
        if p == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from read_bytes(stream.read(), "<stdin>")
        else:
            yield from read_path(Path(p))
