"""Readers: every input kind, and every kind of bad input (one error per bad item)."""

from __future__ import annotations

import gzip
import io
import json
from datetime import date
from pathlib import Path

import pytest

from storyline.errors import ErrorCode, StorylineError
from storyline.sources import ArticleInput, read_bytes, read_inputs, read_path, text_id

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _split(results):
    good = [r for r in results if isinstance(r, ArticleInput)]
    bad = [r for r in results if isinstance(r, StorylineError)]
    return good, bad


def test_readers_text_file_gets_text_id(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Officials met in Oslo on Monday.\r\nThey agreed.\n", encoding="utf-8")
    (item,) = list(read_path(f))
    assert isinstance(item, ArticleInput)
    assert item.text == "Officials met in Oslo on Monday.\nThey agreed.\n"
    assert item.article_id == text_id(item.text) and len(item.article_id) == 16
    assert item.source == str(f) and item.published is None


def test_readers_same_text_same_id(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Same words.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Same words.", encoding="utf-8")
    ids = {r.article_id for r in read_path(tmp_path)}
    assert len(ids) == 1


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", ErrorCode.E102),
        (b"  \n\t\n", ErrorCode.E102),
        (b"\x00\x01\x02\x03binary\x00\x00garbage" * 20, ErrorCode.E103),
        (bytes(range(256)) * 4, ErrorCode.E103),
    ],
)
def test_readers_bad_text_gives_one_error(tmp_path: Path, data: bytes, code: ErrorCode) -> None:
    f = tmp_path / "bad.txt"
    f.write_bytes(data)
    (err,) = list(read_path(f))
    assert isinstance(err, StorylineError) and err.code is code
    assert str(f) in err.describe()


def test_readers_non_utf8_text_is_decoded(tmp_path: Path) -> None:
    f = tmp_path / "latin1.txt"
    f.write_bytes("Le président a visité Genève et Zürich lundi, a déclaré le ministère.".encode("latin-1"))
    (item,) = list(read_path(f))
    assert isinstance(item, ArticleInput)
    assert "président" in item.text and "Genève" in item.text


def test_readers_utf8_bom_is_dropped(tmp_path: Path) -> None:
    f = tmp_path / "bom.txt"
    f.write_bytes("\ufeffKyiv, Ukraine".encode())
    (item,) = list(read_path(f))
    assert item.text == "Kyiv, Ukraine"


def test_readers_missing_and_unknown_inputs(tmp_path: Path) -> None:
    (tmp_path / "x.pdf").write_bytes(b"%PDF-1.4")
    results = list(read_inputs([str(tmp_path / "nope.txt"), str(tmp_path / "x.pdf")]))
    assert [r.code for r in results] == [ErrorCode.E101, ErrorCode.E105]


@pytest.mark.parametrize("sep", ["\u2028", "\u2029", "\x85"])
def test_readers_jsonl_unicode_line_separators_inside_strings(tmp_path: Path, sep: str) -> None:
    # json.dumps(ensure_ascii=False) leaves these unescaped; only "\n" ends a JSON line
    f = tmp_path / "batch.jsonl"
    rows = [{"id": "a1", "text": f"Police fired tear gas.{sep}Protesters fled."},
            {"id": "a2", "text": "Talks resumed in Doha."}]
    f.write_bytes(("\r\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\r\n")
                  .encode("utf-8"))
    good, bad = _split(list(read_path(f)))
    assert bad == []
    assert [(g.article_id, g.text) for g in good] == [(r["id"], r["text"]) for r in rows]


def test_readers_jsonl_bad_lines_named_and_good_kept(tmp_path: Path) -> None:
    f = tmp_path / "batch.jsonl"
    f.write_text(
        '{"id": "a1", "text": "Protesters marched in Lima.", "published": "2024-05-01"}\n'
        '{"id": "a2", "text": \n'
        '\n'
        '{"id": "a3"}\n'
        '{"id": "a4", "text": "Talks resumed.", "published": "yesterday"}\n'
        '[1, 2]\n'
        '{"id": 5, "text": "Rain fell.", "title": "Weather", "url": "https://x.example/5"}\n',
        encoding="utf-8",
    )
    good, bad = _split(list(read_path(f)))
    assert [g.article_id for g in good] == ["a1", "5"]
    assert good[0].published == date(2024, 5, 1) and good[0].published_source == "json"
    assert good[1].title == "Weather" and good[1].url == "https://x.example/5"
    assert [(b.where, b.code) for b in bad] == [
        (f"{f}:2", ErrorCode.E107), (f"{f}:4", ErrorCode.E108),
        (f"{f}:5", ErrorCode.E112), (f"{f}:6", ErrorCode.E113),
    ]


def test_readers_json_array_and_object(tmp_path: Path) -> None:
    arr = tmp_path / "arr.json"
    arr.write_text(json.dumps([{"text": "One."}, {"text": ""}, {"text": "Two."}]), encoding="utf-8")
    good, bad = _split(list(read_path(arr)))
    assert [g.text for g in good] == ["One.", "Two."]
    assert [b.where for b in bad] == [f"{arr}[1]"]
    obj = tmp_path / "obj.json"
    obj.write_text(json.dumps({"text": "Alone.", "id": "solo"}), encoding="utf-8")
    (item,) = list(read_path(obj))
    assert item.article_id == "solo"
    broken = tmp_path / "broken.json"
    broken.write_text('{"text": "unterminated', encoding="utf-8")
    (err,) = list(read_path(broken))
    assert err.code is ErrorCode.E107


def test_readers_html_prefers_explicit_date_over_footer(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_text(
        "<html><head><title>T</title>"
        '<meta property="article:published_time" content="2025-03-02T10:00:00Z">'
        '<link rel="canonical" href="https://news.example.org/a"></head><body><article>'
        "<h1>Ministers meet in Rome</h1><p>Foreign ministers from six countries met in Rome on "
        "Sunday to discuss the crisis, officials said, and agreed to meet again soon.</p>"
        "</article><footer>Copyright 2011 Example</footer></body></html>",
        encoding="utf-8",
    )
    (item,) = list(read_path(page))
    assert item.published == date(2025, 3, 2)
    assert item.published_source == "html:meta[article:published_time]"
    assert item.url == "https://news.example.org/a"
    assert "Foreign ministers" in item.text and "Copyright" not in item.text


def test_readers_html_footer_alone_is_not_a_date(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_text(
        "<html><body><article><p>Police in Accra arrested dozens of people after the "
        "demonstration turned violent late into the evening, witnesses said.</p></article>"
        "<footer>© 2012 Example Media</footer></body></html>",
        encoding="utf-8",
    )
    (item,) = list(read_path(page))
    assert item.published is None


def test_readers_html_without_article_text(tmp_path: Path) -> None:
    page = tmp_path / "empty.html"
    page.write_text("<html><head><title>Nothing</title></head><body><nav>Home</nav></body></html>",
                    encoding="utf-8")
    (err,) = list(read_path(page))
    assert err.code is ErrorCode.E106


def test_readers_bundled_feed_items(tmp_path: Path) -> None:
    items = list(read_path(EXAMPLES / "web" / "feed.xml"))
    assert all(isinstance(i, ArticleInput) for i in items) and len(items) == 2
    assert items[0].published_source == "feed" and items[0].url and items[0].title
    assert items[0].text.startswith(items[0].title)


def test_readers_malformed_feed(tmp_path: Path) -> None:
    f = tmp_path / "feed.rss"
    f.write_text("<rss><channel><item><title>x", encoding="utf-8")
    results = list(read_path(f))
    assert results and all(isinstance(r, (StorylineError, ArticleInput)) for r in results)
    assert any(isinstance(r, StorylineError) for r in results)


def test_readers_bundled_warc_skips_non_html() -> None:
    (item,) = list(read_path(EXAMPLES / "web" / "archive.warc.gz"))
    assert isinstance(item, ArticleInput)
    assert item.url and item.url.startswith("https://")
    assert item.published_source and item.published_source.startswith("html:")


def test_readers_truncated_warc_keeps_earlier_records(tmp_path: Path) -> None:
    data = (EXAMPLES / "web" / "archive.warc.gz").read_bytes()
    raw = gzip.decompress(data)
    # two records, uncompressed, then cut in the middle of the second one
    cut = raw[: raw.rindex(b"WARC/1.") + 200]
    f = tmp_path / "cut.warc"
    f.write_bytes(cut)
    results = list(read_path(f))
    good, bad = _split(results)
    assert len(good) == 1 and len(bad) <= 1
    junk = tmp_path / "junk.warc.gz"
    junk.write_bytes(data[: len(data) // 3])
    results = list(read_path(junk))
    assert any(isinstance(r, StorylineError) and r.code is ErrorCode.E110 for r in results)


def test_readers_directory_mixed_good_and_bad(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Troops withdrew from the town.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.jsonl").write_text('{"text": "Rebels seized the airport."}\nnot json\n',
                                            encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("skipped", encoding="utf-8")
    good, bad = _split(list(read_path(tmp_path)))
    assert [g.text for g in good] == ["Troops withdrew from the town.", "Rebels seized the airport."]
    assert [b.code for b in bad] == [ErrorCode.E102, ErrorCode.E107]


@pytest.mark.parametrize(
    ("data", "expected_text"),
    [
        (b"Plain words from stdin.", "Plain words from stdin."),
        (b'{"text": "From JSON lines."}\n{"text": "Second."}\n', "From JSON lines."),
        (b"<html><body><article><p>An HTML page arrived on standard input and was read "
         b"as a page, with its paragraphs kept in order.</p></article></body></html>",
         "An HTML page arrived on standard input"),
    ],
)
def test_readers_stdin_is_sniffed(data: bytes, expected_text: str) -> None:
    results = list(read_inputs(["-"], stdin=io.BytesIO(data)))
    assert isinstance(results[0], ArticleInput)
    assert results[0].text.startswith(expected_text)
    assert results[0].source == "<stdin>"


def test_readers_bytes_never_raise_on_garbage() -> None:
    for blob in (b"<", b"{", b"[", b"WARC/", b"\x1f\x8b\x08", b"<rss", "é".encode("utf-16")):
        for r in read_bytes(blob, "blob"):
            assert isinstance(r, (ArticleInput, StorylineError))
