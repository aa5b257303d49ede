"""WARC archives (.warc, .warc.gz): every HTML response is a page to read."""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..errors import ErrorCode, StorylineError
from .base import ReadResult, decode_text
from .html import read_html


def read_warc(stream: BinaryIO, source: str) -> Iterator[ReadResult]:
    """Articles from the HTML responses of a WARC; a truncated archive keeps what came before."""
    n = 0
    try:
        for record in ArchiveIterator(stream):
            if record.rec_type != "response":
                continue
            headers = record.http_headers
            ctype = (headers.get_header("Content-Type") if headers else "") or ""
            if "html" not in ctype.lower():
                continue
            n += 1
            uri = record.rec_headers.get_header("WARC-Target-URI")
            where = f"{source}#{uri or n}"
            body = record.content_stream().read()
            if getattr(record.raw_stream, "limit", 0) > 0:
                # the record ends before its declared length: the archive was cut here
                yield StorylineError(ErrorCode.E110, where, detail="record is truncated")
                return
            try:
                page = decode_text(body, where)
                yield read_html(page, where, url=uri)
            except StorylineError as err:
                yield err
    except (ArchiveLoadFailed, EOFError, OSError, ValueError) as exc:
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        yield StorylineError(ErrorCode.E110, source, detail=detail)
        return
    if n == 0:
        yield StorylineError(ErrorCode.E110, source, detail="no HTML responses in the archive")
