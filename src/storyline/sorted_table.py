"""Text tables sorted by key, looked up in place: opening one reads nothing.

A sorted table is a UTF-8 text file: a header line, then one line per key,
``key<TAB>value<TAB>value…``, the lines in the byte order of their keys, each key
once, every line ending in a newline. :class:`SortedTable` maps the file into
memory and finds a key's line by binary search over its bytes, so a lookup
touches a few pages of the file and no table is ever parsed whole (the
knowledge base's name indexes, :mod:`storyline.kb`). :func:`write_sorted_table`
writes one, so a build script gives the same bytes on every run.
"""

from __future__ import annotations

import mmap
from collections.abc import Iterable, Iterator, Sequence
from itertools import pairwise
from pathlib import Path


def open_mapped(path: Path) -> mmap.mmap | bytes:
    """``path``'s bytes, mapped read-only (an empty file, which cannot be mapped: b"")."""
    with path.open("rb") as fh:
        if fh.seek(0, 2) == 0:
            return b""
        return mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)


def line_at(data: mmap.mmap | bytes, offset: int) -> str:
    """The line that starts at byte ``offset`` of ``data``, without its newline."""
    end = data.find(b"\n", offset)
    return data[offset: end if end >= 0 else len(data)].decode("utf-8")


def lines_at(data: mmap.mmap | bytes, offsets: str) -> list[str]:
    """The lines that start at the comma-separated byte ``offsets`` of ``data`` (an index
    value, as build scripts write it), in that order."""
    return [line_at(data, int(o)) for o in offsets.split(",") if o]


class SortedTable:
    """A sorted table (see the module), searched where it lies on disk."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._data = open_mapped(path)
        header_end = self._data.find(b"\n")
        self._first = header_end + 1 if header_end >= 0 else len(self._data)

    def get(self, key: str) -> list[str] | None:
        """The values on ``key``'s line (after its key), or None when the table lacks it."""
        try:
            wanted = key.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: no UTF-8 file holds it
            return None
        data = self._data
        lo, hi = self._first, len(data)
        # lo and hi are line starts; the key, if present, starts a line in [lo, hi)
        while lo < hi:
            mid = (lo + hi) // 2
            start = data.rfind(b"\n", lo, mid) + 1
            if start == 0:
                start = lo
            end = data.find(b"\n", start)
            if end < 0:
                end = len(data)
            tab = data.find(b"\t", start, end)
            found = data[start: tab if tab >= 0 else end]
            if found == wanted:
                return data[start: end].decode("utf-8").split("\t")[1:]
            if found < wanted:
                lo = end + 1
            else:
                hi = start
        return None

    def keys(self) -> Iterable[str]:
        """Every key, in the table's order (reads the whole file)."""
        for line in self._data[self._first:].split(b"\n"):
            if line:
                yield line.split(b"\t", 1)[0].decode("utf-8")


def rows_with_offsets(path: Path) -> Iterator[tuple[int, list[str]]]:
    """(byte offset, fields) of every row of a tab-separated file after its header line:
    what a build script indexes, the offsets being what :func:`line_at` reads."""
    data = path.read_bytes()
    offset = data.find(b"\n") + 1
    for line in data[offset:].split(b"\n")[:-1]:
        yield offset, line.decode("utf-8").split("\t")
        offset += len(line) + 1


def write_sorted_table(path: Path, header: Sequence[str],
                       rows: Iterable[tuple[str, Sequence[str]]]) -> Path:
    """Write ``rows`` (key, values) as a sorted table under ``header``; keys must be unique
    and hold no tab or newline (neither may the values)."""
    lines = sorted(((key.encode("utf-8"), "\t".join((key, *values)))
                    for key, values in rows), key=lambda kv: kv[0])
    for (a, _), (b, _) in pairwise(lines):
        if a == b:
            raise ValueError(f"{path.name}: key {a.decode()!r} twice")
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write("\t".join(header) + "\n")
        for _, line in lines:
            fh.write(line + "\n")
    return path
