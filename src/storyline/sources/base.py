"""What every reader yields: an article to extract, or an error naming a bad item."""

from __future__ import annotations

import codecs
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
#: Control characters dropped from every text read (all of C0 but tab and line ends, and
#: DEL): NUL bytes and terminal escapes carry nothing an article says.
_DROPPED_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _utf16_order(head: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` for UTF-16 text without a byte-order mark: NUL bytes in
    every other position (the high byte of Latin letters), else None."""
    pairs = len(head) // 2
    if pairs < 8:
        return None
    even, odd = head[0:2 * pairs:2], head[1:2 * pairs:2]
    for order, high, low in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        # Latin text: the high bytes are NUL, the low ones printable ASCII
        if high.count(0) > 0.4 * pairs and low.count(0) < 0.05 * pairs and \
                sum(1 for b in low if 32 <= b < 127 or b in (9, 10, 13)) > 0.9 * pairs:
            return order
    return None


def looks_binary(data: bytes) -> bool:
    """Many NUL bytes or control characters in the first 8 KiB (text has none or few)."""
    head = data[:8192]
    if not head or head.startswith((b"\xff\xfe", b"\xfe\xff")) or _utf16_order(head):
        return False
    nuls = head.count(0)
    controls = sum(1 for b in head if b in _CONTROL)
    return nuls > max(2, len(head) // 100) or controls / len(head) > 0.05


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


def _cp1252_fallback(err: UnicodeError) -> tuple[str, int]:
    """Decode error handler: a byte that is not UTF-8 is read as cp1252 (latin-1 where cp1252
    leaves it undefined)."""
    assert isinstance(err, UnicodeDecodeError)
    byte = err.object[err.start:err.start + 1]
    try:
        return byte.decode("cp1252"), err.start + 1
    except UnicodeDecodeError:
        return byte.decode("latin-1"), err.start + 1


codecs.register_error("storyline-cp1252", _cp1252_fallback)


def _decode_mixed(data: bytes) -> str | None:
    """UTF-8 text with some cp1252 bytes in it (two sources pasted together), or None when
    the data has no UTF-8 multi-byte character at all (then it is one legacy encoding)."""
    utf8_part = data.decode("utf-8", "ignore")
    if utf8_part.isascii():
        return None
    return data.decode("utf-8", "storyline-cp1252")


def decode_line(data: bytes) -> str:
    """One line of a UTF-8 stream (JSON Lines): bytes that are not UTF-8 are read as cp1252."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("utf-8", "storyline-cp1252")


def clean_text(text: str) -> str:
    """Line ends as ``\\n`` and no control characters other than tab and line end."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _DROPPED_CONTROLS.sub("", text)


def decode_text(data: bytes, where: str) -> str:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16, UTF-8 mixed with cp1252, else
    the detected encoding.

    Raises E102 for empty input, E103 for binary data, E104 when no encoding fits.
    Line endings are normalized to ``\\n`` and control characters dropped (:func:`clean_text`).
    """
    if not data.strip():
        raise StorylineError(ErrorCode.E102, where)
    if looks_binary(data):
        raise StorylineError(ErrorCode.E103, where)
    order = None if data.startswith((b"\xff\xfe", b"\xfe\xff")) else _utf16_order(data[:8192])
    try:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            text = data.decode("utf-16")
        elif order is not None:
            text = data.decode(order)
        else:
            text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        if order is not None or data.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise StorylineError(ErrorCode.E104, where, detail="invalid UTF-16") from None
        mixed = _decode_mixed(data)
        text = mixed if mixed is not None else _decode_legacy(data, where)
    text = clean_text(text)
    if not text.strip():
        raise StorylineError(ErrorCode.E102, where)
    return text


def size_text(n: int) -> str:
    """A byte count as people read it: ``812 bytes``, ``3.4 MB``."""
    if n < 1000:
        return f"{n} bytes"
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} bytes"
