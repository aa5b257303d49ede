"""Inputs as byte streams: plain or gzipped, read whole only up to a bound, or line by line.

Nothing here holds more than one item in memory: :func:`read_whole` refuses an input
larger than the ``max_input_bytes`` setting (after decompression, so a gzip bomb
is refused too), :func:`lines` reads JSON Lines one line at a time and refuses one
overlong line without reading it into memory.
"""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from .. import settings
from ..errors import ErrorCode, StorylineError
from .base import size_text

GZIP_MAGIC = b"\x1f\x8b"
#: What a truncated or corrupt gzip stream raises while being read.
GZIP_ERRORS = (EOFError, gzip.BadGzipFile, zlib.error)
_CHUNK = 1 << 16


def max_input_bytes() -> int:
    return int(settings.get("max_input_bytes"))


def too_large(where: str, size: int | None = None) -> StorylineError:
    """E114 for an input over ``max_input_bytes`` (``size`` when known)."""
    limit = max_input_bytes()
    shown = size_text(size) if size is not None else f"more than {size_text(limit)}"
    return StorylineError(ErrorCode.E114, where, size=shown, limit=size_text(limit))


def corrupt(where: str, exc: BaseException) -> StorylineError:
    """E118 for a compressed stream that ends early or does not decompress."""
    detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return StorylineError(ErrorCode.E118, where, detail=detail)


def read_whole(stream: BinaryIO, where: str) -> bytes:
    """Every byte of ``stream``; E114 past ``max_input_bytes``, E118 for broken gzip data."""
    limit = max_input_bytes()
    try:
        data = stream.read(limit + 1)
    except GZIP_ERRORS as exc:
        raise corrupt(where, exc) from None
    if len(data) > limit:
        raise too_large(where)
    return data


def lines(stream: BinaryIO, where: str) -> Iterator[tuple[int, bytes | StorylineError]]:
    """(line number, line without its end) for each line of ``stream``; a line longer than
    ``max_input_bytes`` is an E114 error for that line (skipped, never held whole); broken
    gzip data ends the stream with an E118 error."""
    limit = max_input_bytes()
    n = 0
    try:
        while True:
            line = stream.readline(limit + 1)
            if not line:
                return
            n += 1
            if len(line) > limit and not line.endswith(b"\n"):
                while (rest := stream.readline(_CHUNK)) and not rest.endswith(b"\n"):
                    pass
                yield n, too_large(f"{where}:{n}")
                continue
            yield n, line.rstrip(b"\r\n")
    except GZIP_ERRORS as exc:
        yield n + 1, corrupt(f"{where}:{n + 1}", exc)


class Prefixed(io.RawIOBase):
    """A stream whose first bytes were already read (to sniff its kind): they come first."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self.head, self.rest = head, rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self.head:
            n = min(len(buffer), len(self.head))
            buffer[:n] = self.head[:n]
            self.head = self.head[n:]
            return n
        data = self.rest.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)


def buffered(head: bytes, rest: BinaryIO) -> BinaryIO:
    """``head`` then the rest of ``rest``, as one buffered binary stream."""
    return io.BufferedReader(Prefixed(head, rest), buffer_size=_CHUNK)


def gunzip(stream: BinaryIO) -> BinaryIO:
    """The decompressed bytes of a gzip stream (read as they are needed)."""
    return gzip.GzipFile(fileobj=stream, mode="rb")  # type: ignore[return-value]
