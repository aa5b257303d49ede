"""Cutting a very long text into pieces for the model (no model)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.extractors.text.pieces import text_pieces


@pytest.mark.parametrize(
    ("text", "size", "expected"),
    [
        # short enough: one piece
        ("One paragraph.", 20, ["One paragraph."]),
        ("", 5, [""]),
        # after the last blank line of the piece, with the whitespace after it
        ("First one here.\n\n Second one.", 20, ["First one here.\n\n ", "Second one."]),
        ("A.\n\nB b b b b b b b b.", 12, ["A.\n\n", "B b b b b b ", "b b b."]),
        # no blank line: after a line break, else after a space
        ("aaaa bbbb\ncccc dddd", 12, ["aaaa bbbb\n", "cccc dddd"]),
        ("aaaa bbbb cccc dddd", 12, ["aaaa bbbb ", "cccc dddd"]),
        # no separator: a hard cut at the size
        ("a bcdefghijklmnop", 8, ["a ", "bcdefghi", "jklmnop"]),
    ],
)
def test_pieces_cut_after_paragraphs_lines_spaces(text: str, size: int,
                                                  expected: list[str]) -> None:
    assert text_pieces(text, size) == expected


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab .\n", max_size=300), st.integers(1, 40))
def test_pieces_join_to_the_text_and_stay_small(text: str, size: int) -> None:
    pieces = text_pieces(text, size)
    assert "".join(pieces) == text
    for p in pieces:
        assert len(p.rstrip()) <= size
    assert all(pieces[1:]) and not any(p[:1].isspace() for p in pieces[1:])
