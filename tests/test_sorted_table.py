"""Sorted tables: written in key order, every key found in place, absent keys refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.sorted_table import (
    SortedTable,
    line_at,
    lines_at,
    open_mapped,
    rows_with_offsets,
    write_sorted_table,
)

_ROWS = [("paris", ("1", "")), ("", ("0", "x")), ("zürich", ("2", "3,4")), ("kyiv", ("5", "")),
         ("paris texas", ("6", "")), ("a", ("7", "")), ("pari", ("8", ""))]


@pytest.fixture
def table(tmp_path: Path) -> SortedTable:
    return SortedTable(write_sorted_table(tmp_path / "t.tsv", ("key", "a", "b"), _ROWS))


def test_sorted_table_writes_header_then_keys_in_byte_order(tmp_path: Path) -> None:
    path = write_sorted_table(tmp_path / "t.tsv", ("key", "a", "b"), _ROWS)
    lines = path.read_bytes().split(b"\n")
    assert lines[0] == b"key\ta\tb" and lines[-1] == b""
    keys = [line.split(b"\t")[0] for line in lines[1:-1]]
    assert keys == sorted(k.encode() for k, _ in _ROWS)


@pytest.mark.parametrize(("key", "expected"), [(k, list(v)) for k, v in _ROWS])
def test_sorted_table_get_finds_every_key(table: SortedTable, key: str,
                                         expected: list[str]) -> None:
    assert table.get(key) == expected


@pytest.mark.parametrize("key", ["par", "paris t", "zz", "b", "key", " ", "\ud800", "kyiv\t5"])
def test_sorted_table_get_refuses_absent_keys(table: SortedTable, key: str) -> None:
    assert table.get(key) is None


def test_sorted_table_keys_in_file_order(table: SortedTable) -> None:
    assert list(table.keys()) == sorted((k for k, _ in _ROWS), key=str.encode)


@pytest.mark.parametrize("size", [0, 1, 2, 3, 50])
def test_sorted_table_get_on_tables_of_any_size(tmp_path: Path, size: int) -> None:
    rows = [(f"k{n:03d}", (str(n),)) for n in range(size)]
    table = SortedTable(write_sorted_table(tmp_path / "t.tsv", ("key", "n"), rows))
    assert [table.get(k) for k, _ in rows] == [[v] for _, (v,) in rows]
    assert table.get("k") is None and table.get("k999") is None


def test_sorted_table_refuses_a_key_twice(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="twice"):
        write_sorted_table(tmp_path / "t.tsv", ("key",), [("a", ()), ("a", ())])


def test_sorted_table_line_at_reads_one_line(tmp_path: Path) -> None:
    path = tmp_path / "rows.tsv"
    path.write_text("head\nfirst\tröw\nlast", encoding="utf-8")
    data = open_mapped(path)
    assert line_at(data, 5) == "first\tröw" and line_at(data, data.find(b"last")) == "last"
    empty = tmp_path / "empty.tsv"
    empty.write_bytes(b"")
    assert SortedTable(empty).get("a") is None


def test_sorted_table_rows_with_offsets_point_at_their_lines(tmp_path: Path) -> None:
    path = tmp_path / "rows.tsv"
    path.write_text("id\tname\n1\tKyïv\n2\t\n3\tRome, Ga.\n", encoding="utf-8")
    rows = list(rows_with_offsets(path))
    assert [fields for _, fields in rows] == [["1", "Kyïv"], ["2", ""], ["3", "Rome, Ga."]]
    data = open_mapped(path)
    assert [line_at(data, offset) for offset, _ in rows] == ["1\tKyïv", "2\t", "3\tRome, Ga."]


def test_sorted_table_lines_at_reads_an_index_value(tmp_path: Path) -> None:
    path = tmp_path / "rows.tsv"
    path.write_text("id\tname\n1\tKyïv\n2\t\n3\tRome, Ga.\n", encoding="utf-8")
    offsets = [offset for offset, _ in rows_with_offsets(path)]
    data = open_mapped(path)
    value = f"{offsets[2]},{offsets[0]}"
    assert lines_at(data, value) == ["3\tRome, Ga.", "1\tKyïv"]
    assert lines_at(data, "") == []
