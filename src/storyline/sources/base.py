"""What every reader yields: an article to extract, or an error naming a bad item."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from datetime import date, datetime

from charset_normalizer import from_bytes

from ..errors import ErrorCode, StorylineError


@dataclass(frozen=True)
class ArticleInput:
    """One article as read from its source, before extraction."""

    text: str
    source: str
    id: str | None = None
    title: str | None = None
    url: str | None = None
    published: date | None = None
    published_source: str | None = None
    #: Where in its input the article is, when the input holds several (``file.jsonl:12``).
    where: str | None = None

    @property
    def location(self) -> str:
        """The item as a user finds it: ``file.jsonl:12``, ``feed.xml#3``, else the source."""
        return self.where or self.source

    @property
    def article_id(self) -> str:
        """The input's id, else the first 16 hex digits of the text's sha256."""
        return self.id if self.id else text_id(self.text)

    def with_published(self, published: date | None, source: str) -> ArticleInput:
        return replace(self, published=published, published_source=source if published else None)


#: A reader yields articles, and errors for the items it could not read.
ReadResult = ArticleInput | StorylineError


def text_id(text: str) -> str:
    """sha256 of the text (UTF-8), first 16 hex digits: the same text gets the same id."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


def parse_date(value: object, where: str) -> date:
    """A publication date from ``YYYY-MM-DD`` or an ISO date-time; E112 otherwise."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    m = _ISO_DATE.match(value) if isinstance(value, str) else None
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            pass
    raise StorylineError(ErrorCode.E112, where, value=value)


_CONTROL = set(range(0, 9)) | {11, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28,
                                29, 30, 31}


def looks_binary(data: bytes) -> bool:
    """NUL bytes, or many control characters, in the first 8 KiB (text never has them)."""
    head = data[:8192]
    if b"\x00" in head and not (head.startswith((b"\xff\xfe", b"\xfe\xff"))):
        return True
    controls = sum(1 for b in head if b in _CONTROL)
    return bool(head) and controls / len(head) > 0.05


#: Among equally plausible legacy encodings, the one Western news most often uses.
_PREFERRED_LEGACY = ("cp1252", "latin_1", "iso8859_15")


def _decode_legacy(data: bytes, where: str) -> str:
    """Decode non-UTF-8 bytes with the most plausible encoding (cp1252 on a tie)."""
    matches = list(from_bytes(data))
    if not matches:
        raise StorylineError(ErrorCode.E104, where, detail="not UTF-8 and no other encoding fits")
    least = min(m.chaos for m in matches)
    tied = [m for m in matches if m.chaos <= least + 0.01]
    chosen = next((m for enc in _PREFERRED_LEGACY for m in tied if m.encoding == enc), tied[0])
    return str(chosen)


def decode_text(data: bytes, where: str) -> str:
    """Text from bytes: UTF-8 (with or without BOM), else the detected encoding.

    Raises E102 for empty input, E103 for binary data, E104 when no encoding fits.
    Line endings are normalized to ``\\n``.
    """
    if not data.strip():
        raise StorylineError(ErrorCode.E102, where)
    if looks_binary(data):
        raise StorylineError(ErrorCode.E103, where)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = _decode_legacy(data, where)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise StorylineError(ErrorCode.E102, where)
    return text
