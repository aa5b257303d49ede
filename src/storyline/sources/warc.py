"""WARC archives (.warc, .warc.gz): every HTML response is a page to read.

The archive is read as a stream, record by record (warcio); each page is read up to
the ``max_input_bytes`` setting. The HTTP headers of a record are parsed here, not
by warcio, which fails on records without a target URI. A damaged archive (cut
short, bad gzip data, a record that is not WARC) gives one error and keeps every
page before the damage.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING, Any, BinaryIO

from ..errors import ErrorCode, StorylineError
from .base import ReadResult, decode_text
from .html import read_html
from .streams import max_input_bytes, too_large

if TYPE_CHECKING:
    from warcio.statusandheaders import StatusAndHeaders, StatusAndHeadersParser


@cache
def _http() -> StatusAndHeadersParser:
    """warcio's parser of HTTP headers (warcio is imported when an archive is read)."""
    from warcio.statusandheaders import StatusAndHeadersParser

    return StatusAndHeadersParser(["HTTP/1.0", "HTTP/1.1"], verify=False)


def _http_headers(record: Any) -> StatusAndHeaders | None:
    """The HTTP status and headers at the start of a response record's block, or None."""
    try:
        headers = _http().parse(record.raw_stream)
    except (EOFError, ValueError, UnicodeDecodeError):
        return None
    return headers if headers.protocol.upper().startswith("HTTP/") else None


def _detail(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else ""
    return text or type(exc).__name__


def _page(record: Any, where: str, uri: str | None) -> ReadResult:
    """The article of one HTML response record (its body read up to ``max_input_bytes``)."""
    limit = max_input_bytes()
    body = record.content_stream().read(limit + 1)
    if len(body) > limit:
        return too_large(where)
    if getattr(record.raw_stream, "limit", 0) > 0:
        # the record ends before its declared length: the archive was cut here
        return StorylineError(ErrorCode.E110, where, detail="record is truncated")
    try:
        return read_html(decode_text(body, where), where, url=uri)
    except StorylineError as err:
        return err


def read_warc(stream: BinaryIO, source: str) -> Iterator[ReadResult]:
    """Articles from the HTML responses of a WARC; a damaged archive keeps what came before."""
    from warcio.archiveiterator import ArchiveIterator

    n = 0
    try:
        for record in ArchiveIterator(stream, no_record_parse=True):
            if record.rec_type != "response":
                continue
            headers = _http_headers(record)
            ctype = (headers.get_header("Content-Type") if headers else "") or ""
            if "html" not in ctype.lower():
                continue
            record.http_headers = headers
            n += 1
            uri = (record.rec_headers.get_header("WARC-Target-URI") or "").strip() or None
            where = f"{source}#{uri or n}"
            page = _page(record, where, uri)
            yield page
            if isinstance(page, StorylineError) and page.code is ErrorCode.E110:
                return
    except Exception as exc:  # warcio raises many kinds on damaged input
        yield StorylineError(ErrorCode.E110, source, detail=_detail(exc))
        return
    if n == 0:
        yield StorylineError(ErrorCode.E110, source, detail="no HTML responses in the archive")
