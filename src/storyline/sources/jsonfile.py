"""JSON and JSON Lines: objects with ``text`` and optional ``id``, ``title``, ``url``, ``published``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from ..errors import ErrorCode, StorylineError
from .base import ArticleInput, ReadResult, clean_text, decode_line, looks_binary, parse_date
from .streams import buffered, lines

_OPTIONAL_STR = ("id", "title", "url")


def article_from_object(obj: Any, source: str, where: str) -> ArticleInput:
    """An article from one JSON object; E108/E113/E112 name what is wrong with it."""
    if not isinstance(obj, dict):
        raise StorylineError(ErrorCode.E113, where, field="<record>",
                             detail=f"expected an object, got {type(obj).__name__}")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise StorylineError(ErrorCode.E108, where)
    fields: dict[str, str | None] = {}
    for key in _OPTIONAL_STR:
        value = obj.get(key)
        if value is not None and not isinstance(value, (str, int)):
            raise StorylineError(ErrorCode.E113, where, field=key,
                                 detail=f"expected a string, got {type(value).__name__}")
        fields[key] = str(value) if value is not None and str(value) != "" else None
    published = obj.get("published")
    day = parse_date(published, where) if published not in (None, "") else None
    return ArticleInput(
        text=clean_text(text),
        source=source,
        id=fields["id"],
        title=fields["title"],
        url=fields["url"],
        published=day,
        published_source="json" if day else None,
        where=where if where != source else None,
    )


def _checked(obj: Any, source: str, where: str) -> ReadResult:
    try:
        return article_from_object(obj, source, where)
    except StorylineError as err:
        return err


def jsonl_lines(text: str) -> Iterator[tuple[int, str]]:
    """(line number, line) for each non-blank line of a JSON Lines text.

    Lines end at "\\n" (or "\\r\\n") only: JSON strings may hold U+2028, U+2029 or
    U+0085 unescaped, which ``str.splitlines`` would take for line ends.
    """
    for n, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            yield n, line


def _line_result(line: str, source: str, where: str) -> ReadResult:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return StorylineError(ErrorCode.E107, where, detail=exc.msg)
    except RecursionError:
        return StorylineError(ErrorCode.E107, where, detail="nested too deeply")
    return _checked(obj, source, where)


def read_jsonl(text: str, source: str) -> Iterator[ReadResult]:
    """One article per non-empty line; a bad line is an error naming ``source:line``."""
    for n, line in jsonl_lines(text):
        yield _line_result(line, source, f"{source}:{n}")


def read_jsonl_stream(stream: BinaryIO, source: str) -> Iterator[ReadResult]:
    """:func:`read_jsonl` over a byte stream, one line in memory at a time (JSON Lines and
    gzipped JSON Lines of any size). A binary file is one error (E103), not one per line."""
    head = stream.read(8192)
    if looks_binary(head):
        yield StorylineError(ErrorCode.E103, source)
        return
    if not head.strip():
        yield StorylineError(ErrorCode.E102, source)
        return
    for n, raw in lines(buffered(head, stream), source):
        if isinstance(raw, StorylineError):
            yield raw
            continue
        if n == 1:
            raw = raw.removeprefix(b"\xef\xbb\xbf")
        if raw.strip():
            yield _line_result(decode_line(raw), source, f"{source}:{n}")


def read_json(text: str, source: str) -> Iterator[ReadResult]:
    """A JSON object, or an array of them (``source[i]`` names a bad element)."""
    try:
        data = json.loads(text)
    except RecursionError:
        yield StorylineError(ErrorCode.E107, source, detail="nested too deeply")
        return
    except json.JSONDecodeError as exc:
        # several objects one per line in a .json file: read it as JSON Lines
        if exc.msg == "Extra data":
            yield from read_jsonl(text, source)
            return
        yield StorylineError(ErrorCode.E107, source, detail=f"{exc.msg} (line {exc.lineno})")
        return
    if isinstance(data, list):
        for i, obj in enumerate(data):
            yield _checked(obj, source, f"{source}[{i}]")
    else:
        yield _checked(data, source, source)
