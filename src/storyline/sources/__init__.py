"""Readers: every input ``storyline extract`` takes, turned into :class:`ArticleInput`.

:func:`read_inputs` walks paths (files, directories, ``-`` for stdin) and yields
one article per item, or a :class:`~storyline.errors.StorylineError` naming an
item that could not be read. A bad item never stops the batch, and a reader that
fails in an unforeseen way costs its own input only (E117).

Nothing holds a whole corpus in memory: directories are walked lazily, JSON Lines
(plain or gzipped), WARC archives and feeds are read one item at a time; a text,
HTML or JSON file is read whole only up to the ``max_input_bytes`` setting (E114
past it). In a directory walk, files of unknown type are skipped and named in one
summary line (a ``storyline.sources`` log warning); named on the command line,
such a file is an error (E105).
"""

from __future__ import annotations

import logging
import os
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import ErrorCode, StorylineError
from .base import ArticleInput, ReadResult, decode_text, parse_date, text_id
from .feed import looks_like_feed, read_feed
from .html import read_html
from .jsonfile import read_json, read_jsonl, read_jsonl_stream
from .streams import GZIP_MAGIC, buffered, corrupt, gunzip, max_input_bytes, read_whole, too_large
from .warc import read_warc

__all__ = [
    "ArticleInput", "ReadResult", "decode_text", "parse_date", "read_bytes", "read_inputs",
    "read_path", "read_stream", "text_id",
]

log = logging.getLogger(__name__)

_TEXT = {".txt", ".text", ""}
_HTML = {".html", ".htm", ".xhtml"}
_JSON = {".json"}
_JSONL = {".jsonl", ".ndjson"}
#: Bytes looked at to tell the kind of an input.
_HEAD = 4096
#: Unknown files named in a walk's summary line (the others are counted).
_NAMED_SKIPS = 5


def _suffix(path: Path) -> str:
    """The type suffix: ``.jsonl``, ``.warc.gz``, ``.jsonl.gz`` …"""
    name = path.name.lower()
    if name.endswith(".gz"):
        inner = Path(name[:-3]).suffix
        return f"{inner}.gz" if inner else ".gz"
    return path.suffix.lower()


def _sniff(data: bytes) -> str:
    """Kind of an input without a telling name (stdin): json, jsonl, feed, html, warc or text."""
    if data.startswith(b"WARC/"):
        return "warc"
    head = data[:_HEAD].lstrip().decode("utf-8", "replace")
    if head.startswith("{"):
        first_line = head.split("\n", 1)[0].strip()
        return "jsonl" if first_line.endswith("}") else "json"
    if head.startswith("["):
        return "json"
    if head.startswith("<"):
        return "feed" if looks_like_feed(head) else "html"
    return "text"


def _whole(data: bytes, source: str, kind: str) -> Iterator[ReadResult]:
    """Articles of a text, HTML or JSON input read whole."""
    text = decode_text(data, source)
    if kind == "json":
        yield from read_json(text, source)
    elif kind == "jsonl":
        yield from read_jsonl(text, source)
    elif kind == "html":
        yield read_html(text, source)
    else:
        yield ArticleInput(text=text, source=source)


def read_bytes(data: bytes, source: str, kind: str | None = None) -> Iterator[ReadResult]:
    """Articles from raw bytes of a given kind (sniffed when ``kind`` is None; gzipped data
    is decompressed first)."""
    if len(data) > max_input_bytes():
        yield too_large(source, len(data))
        return
    yield from read_stream(buffered(data, _EMPTY), source, kind)


class _Empty:
    def read(self, size: int = -1) -> bytes:
        return b""


_EMPTY: BinaryIO = _Empty()  # type: ignore[assignment]


def _dispatch(stream: BinaryIO, source: str, kind: str) -> Iterator[ReadResult]:
    """Articles of a stream whose kind is known: streamed kinds item by item, others whole."""
    if kind == "warc":
        yield from read_warc(stream, source)
    elif kind == "feed":
        yield from read_feed(stream, source)
    elif kind == "jsonl":
        yield from read_jsonl_stream(stream, source)
    else:
        yield from _whole(read_whole(stream, source), source, kind)


def read_stream(stream: BinaryIO, source: str, kind: str | None = None) -> Iterator[ReadResult]:
    """Articles from a binary stream (standard input): its kind is sniffed from its first
    bytes unless given; gzipped data is decompressed (a gzipped WARC goes to warcio whole)."""
    yield from _guarded(source, _read_stream(stream, source, kind))


def _read_stream(stream: BinaryIO, source: str, kind: str | None) -> Iterator[ReadResult]:
    head = stream.read(_HEAD)
    stream = buffered(head, stream)
    if head.startswith(GZIP_MAGIC):
        try:
            inner_head = zlib.decompressobj(wbits=31).decompress(head)
        except zlib.error as exc:
            yield corrupt(source, exc)
            return
        if inner_head.startswith(b"WARC/"):
            yield from read_warc(stream, source)  # warcio reads gzipped WARC itself
            return
        stream = gunzip(stream)
        head = inner_head
    if not head.strip():
        yield StorylineError(ErrorCode.E102, source)
        return
    yield from _dispatch(stream, source, kind or _sniff(head))


def _kind_of(path: Path) -> str | None:
    """The kind of a file by its name (``.xml`` files must look like a feed); None: unknown."""
    suffix = _suffix(path)
    gz = suffix.endswith(".gz")
    inner = suffix[:-3] if gz else suffix
    if inner == ".warc":
        return "warc"
    if inner in _HTML:
        return "html"
    if inner in _JSON:
        return "json"
    if inner in _JSONL:
        return "jsonl"
    if inner in (".rss", ".atom"):
        return "feed"
    if inner == ".xml":
        # any XML document may be called .xml: only a feed is an input
        return "feed" if looks_like_feed(_head(path, gz).decode("utf-8", "replace")) else None
    if inner in _TEXT and suffix != ".gz":
        return "text"
    return None


def _head(path: Path, gz: bool) -> bytes:
    try:
        with path.open("rb") as fh:
            return (gunzip(fh) if gz else fh).read(_HEAD)
    except (OSError, EOFError):
        return b""


def _read_file(path: Path, kind: str) -> Iterator[ReadResult]:
    """Articles of one file of a known kind."""
    where = str(path)
    gz = _suffix(path).endswith(".gz")
    try:
        size = path.stat().st_size
        fh = path.open("rb")
    except OSError as exc:
        yield StorylineError(ErrorCode.E111, where, detail=exc.strerror or str(exc))
        return
    with fh:
        if kind not in ("warc", "jsonl", "feed") and not gz and size > max_input_bytes():
            yield too_large(where, size)
            return
        # warcio reads gzipped WARC itself (one gzip member per record)
        stream: BinaryIO = gunzip(fh) if gz and kind != "warc" else fh
        yield from _dispatch(stream, where, kind)


def _guarded(where: str, items: Iterator[ReadResult]) -> Iterator[ReadResult]:
    """The items of one input; a reader failing in an unforeseen way ends that input with
    one error (E117), never the batch. Errors a reader raises are yielded in place."""
    try:
        yield from items
    except StorylineError as err:
        yield err
    except (Exception, RecursionError, MemoryError) as exc:
        detail = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
        yield StorylineError(ErrorCode.E117, where, detail=detail.rstrip(": "))


def _walk(root: Path) -> Iterator[Path]:
    """Files under ``root`` in sorted path order, lazily, one directory listing at a time;
    hidden files and folders are left out, symbolic links to folders are not followed."""
    try:
        entries = list(os.scandir(root))
    except OSError:
        return
    # a folder sorts as its path with "/": "a.txt" < "a/…", as sorting whole paths does
    keyed = []
    for e in entries:
        if e.name.startswith("."):
            continue
        try:
            is_dir = e.is_dir(follow_symlinks=False)
        except OSError:
            continue
        keyed.append((e.name + "/" if is_dir else e.name, is_dir, Path(e.path)))
    for _, is_dir, path in sorted(keyed):
        if is_dir:
            yield from _walk(path)
        elif path.is_file():
            yield path


def _read_folder(root: Path) -> Iterator[ReadResult]:
    skipped: list[Path] = []
    for path in _walk(root):
        kind = _kind_of(path)
        if kind is None:
            skipped.append(path)
            continue
        yield from _guarded(str(path), _read_file(path, kind))
    if skipped:
        names = ", ".join(str(p) for p in skipped[:_NAMED_SKIPS])
        more = f" and {len(skipped) - _NAMED_SKIPS} more" if len(skipped) > _NAMED_SKIPS else ""
        log.warning("skipped %d file%s of unknown type: %s%s", len(skipped),
                    "" if len(skipped) == 1 else "s", names, more)


def read_path(path: Path) -> Iterator[ReadResult]:
    """Articles from one file or a directory (walked in sorted order, hidden files skipped,
    files of unknown type skipped with one summary line)."""
    where = str(path)
    if path.is_dir():
        yield from _read_folder(path)
        return
    if not path.exists():
        yield StorylineError(ErrorCode.E101, where)
        return
    kind = _kind_of(path)
    if kind is None:
        yield StorylineError(ErrorCode.E105, where, suffix=_suffix(path) or path.name)
        return
    yield from _guarded(where, _read_file(path, kind))


def read_inputs(paths: Iterable[str], stdin: BinaryIO | None = None) -> Iterator[ReadResult]:
    """Articles from every path in order; ``-`` reads standard input (as a stream)."""
    for p in paths:
        if p == "-":
            yield from read_stream(stdin if stdin is not None else sys.stdin.buffer, "<stdin>")
        else:
            yield from read_path(Path(p))
