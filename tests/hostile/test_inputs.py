"""Hostile and broken input at every reader: one clear error per bad item, the good ones kept.

Each case puts a good article next to the bad input, so a reader that failed the
whole batch (or raised) would be caught. No model is loaded here; extraction of odd
but readable text is in ``test_extraction.py``.
"""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from storyline.errors import ErrorCode, StorylineError
from storyline.sources import ArticleInput, read_inputs, read_path
from storyline.sources.checks import check_article

GOOD = "Officials met in Oslo on Monday and agreed to resume the talks next week, the ministry said."
PAGE = (f"<html><head><title>Talks</title></head><body><article><p>{GOOD}</p><p>{GOOD}</p>"
        "</article></body></html>")
FEED_ITEM = f"<item><title>Talks</title><description>{GOOD}</description></item>"


def _results(paths: list[Path]) -> tuple[list[ArticleInput], list[StorylineError]]:
    out = list(read_inputs([str(p) for p in paths]))
    assert all(isinstance(r, (ArticleInput, StorylineError)) for r in out)
    return ([r for r in out if isinstance(r, ArticleInput)],
            [r for r in out if isinstance(r, StorylineError)])


def _one_error_and_the_good(tmp_path: Path, name: str, data: bytes) -> StorylineError:
    """Read ``data`` as file ``name`` between two good files: one error naming it."""
    first, last = tmp_path / "0-good.txt", tmp_path / "9-good.txt"
    first.write_text(GOOD, encoding="utf-8")
    last.write_text(GOOD.replace("Oslo", "Bern"), encoding="utf-8")
    bad = tmp_path / name
    bad.write_bytes(data)
    good, errors = _results([first, bad, last])
    assert [g.source for g in good] == [str(first), str(last)]
    assert len(errors) == 1, [e.describe() for e in errors]
    assert errors[0].where is not None and errors[0].where.startswith(str(bad))
    return errors[0]


# ---------------------------------------------------------------- bytes that are not text


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("zero.txt", b"", ErrorCode.E102),
        ("blank.txt", b"\n\n  \t\n", ErrorCode.E102),
        ("binary.txt", bytes(range(256)) * 64, ErrorCode.E103),
        ("png.html", b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" * 200, ErrorCode.E103),
        ("nul.jsonl", b"\x00" * 5000, ErrorCode.E103),
        ("zero.json", b"", ErrorCode.E102),
        ("zero.jsonl.gz", gzip.compress(b""), ErrorCode.E102),
        ("zero.warc", b"", ErrorCode.E110),
        ("zero.rss", b"", ErrorCode.E109),
    ],
)
def test_hostile_binary_and_empty_inputs(tmp_path: Path, name: str, data: bytes,
                                         code: ErrorCode) -> None:
    err = _one_error_and_the_good(tmp_path, name, data)
    assert err.code is code


def test_hostile_nul_bytes_inside_text_are_dropped(tmp_path: Path) -> None:
    f = tmp_path / "nul.txt"
    f.write_bytes((GOOD + " ").encode() * 20 + b"\x00" + b" The talks ended.\x1b[2J")
    (item,) = list(read_path(f))
    assert isinstance(item, ArticleInput)
    assert "\x00" not in item.text and "\x1b" not in item.text and item.text.endswith("ended.[2J")


# ---------------------------------------------------------------- encodings


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "latin-1", "cp1252",
                                      "utf-8-sig"])
def test_hostile_encodings_are_decoded(tmp_path: Path, encoding: str) -> None:
    text = "Le président de la Fédération met officials in Zürich and Genève on Monday."
    f = tmp_path / f"{encoding}.txt"
    f.write_bytes(text.encode(encoding))
    (item,) = list(read_path(f))
    assert isinstance(item, ArticleInput) and item.text == text


def test_hostile_mixed_utf8_and_cp1252_keeps_both(tmp_path: Path) -> None:
    f = tmp_path / "mixed.txt"
    f.write_bytes("Talks in Zürich “ended”, ".encode() + "then Genève – café.".encode("cp1252"))
    (item,) = list(read_path(f))
    assert item.text == "Talks in Zürich “ended”, then Genève – café."


def test_hostile_jsonl_line_in_another_encoding(tmp_path: Path) -> None:
    f = tmp_path / "mixed.jsonl"
    f.write_bytes(b'{"id": "a", "text": "Z\xfcrich talks ended."}\n'
                  + json.dumps({"id": "b", "text": "Genève"}).encode() + b"\n")
    good, bad = _results([f])
    assert [g.text for g in good] == ["Zürich talks ended.", "Genève"] and not bad


# ---------------------------------------------------------------- size


def test_hostile_huge_files_are_refused_with_the_setting(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("STORYLINE_MAX_INPUT_BYTES", "10000")
    for name, data in (("big.txt", GOOD.encode() * 200), ("big.html", PAGE.encode() * 60),
                       ("big.json", json.dumps([{"text": GOOD}] * 200).encode()),
                       ("bomb.txt.gz", gzip.compress(b"a " * 1_000_000))):
        err = _one_error_and_the_good(tmp_path, name, data)
        assert err.code is ErrorCode.E114 and "max_input_bytes" in err.message
        (tmp_path / name).unlink()


def test_hostile_streamed_inputs_have_no_size_limit_but_items_do(tmp_path: Path,
                                                                 monkeypatch) -> None:
    monkeypatch.setenv("STORYLINE_MAX_INPUT_BYTES", "10000")
    rows = [json.dumps({"id": f"a{i}", "text": f"{GOOD} Report {i}."}) for i in range(400)]
    rows[7] = json.dumps({"id": "huge", "text": "x " * 20000})
    f = tmp_path / "many.jsonl.gz"
    f.write_bytes(gzip.compress("\n".join(rows).encode()))
    assert f.stat().st_size < 10000 < len("\n".join(rows))
    good, bad = _results([f])
    assert len(good) == 399 and good[7].article_id == "a8"
    assert [(e.where, e.code) for e in bad] == [(f"{f}:8", ErrorCode.E114)]


def test_hostile_article_longer_than_the_setting(monkeypatch) -> None:
    monkeypatch.setenv("STORYLINE_MAX_ARTICLE_CHARS", "1000")
    item = ArticleInput(text="word " * 1000, source="long.txt")
    err = check_article(item)
    assert isinstance(err, StorylineError) and err.code is ErrorCode.E115
    assert err.where == "long.txt" and "5,000 characters" in err.message
    assert check_article(ArticleInput(text=GOOD, source="ok.txt")) is not None


def test_hostile_million_character_line_without_punctuation(tmp_path: Path) -> None:
    f = tmp_path / "line.jsonl"
    f.write_text(json.dumps({"id": "long", "text": "word " * 200_000}) + "\n"
                 + json.dumps({"id": "ok", "text": GOOD}) + "\n", encoding="utf-8")
    good, bad = _results([f])
    assert [g.article_id for g in good] == ["long", "ok"] and not bad
    assert len(good[0].text) == 1_000_000 and check_article(good[0]) is good[0]


# ---------------------------------------------------------------- JSON


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ('{"text": 42}', ErrorCode.E108),
        ('{"text": ["a", "b"]}', ErrorCode.E108),
        ('{"text": "ok words here", "id": {"a": 1}}', ErrorCode.E113),
        ('{"text": "ok words here", "title": [1]}', ErrorCode.E113),
        ('{"text": "ok words here", "published": 20250101}', ErrorCode.E112),
        ('{"text": "ok words here", "published": "2025-13-45"}', ErrorCode.E112),
        ('"just a string"', ErrorCode.E113),
        ("null", ErrorCode.E113),
        ('{"text": "unterminated', ErrorCode.E107),
        ("[" * 100_000 + "]" * 100_000, ErrorCode.E107),
        ('{"a":' * 50_000 + "1" + "}" * 50_000, ErrorCode.E107),
    ],
)
def test_hostile_json_with_wrong_types(tmp_path: Path, line: str, code: ErrorCode) -> None:
    f = tmp_path / "x.jsonl"
    f.write_text(json.dumps({"id": "ok1", "text": GOOD}) + "\n" + line + "\n"
                 + json.dumps({"id": "ok2", "text": GOOD}) + "\n", encoding="utf-8")
    good, bad = _results([f])
    assert [g.article_id for g in good] == ["ok1", "ok2"]
    assert [(e.where, e.code) for e in bad] == [(f"{f}:2", code)]


def test_hostile_deeply_nested_json_file(tmp_path: Path) -> None:
    err = _one_error_and_the_good(tmp_path, "deep.json", b"[" * 200_000 + b"]" * 200_000)
    assert err.code is ErrorCode.E107


# ---------------------------------------------------------------- HTML


@pytest.mark.parametrize(
    "page",
    [
        "<html><body>" + "<div>" * 100_000 + f"<p>{GOOD}</p>" + "</div>" * 100_000 + "</body></html>",
        "<html><body>" + "<div><span><b>" * 30_000 + f"<p>{GOOD}</p>",
        "<html><body>" + "<table><tr><td>" * 20_000 + f"<p>{GOOD}</p></body></html>",
        "<!DOCTYPE html [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'>"
        "<!ENTITY c '&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;'><!ENTITY d '&c;&c;&c;&c;&c;&c;&c;&c;&c;'>]>"
        "<html><body><p>&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;</p></body></html>",
        "<html><body><script>" + "var a = 1;" * 100_000 + "</script></body></html>",
        "<html><body>" + "<p>" + "&amp;" * 200_000 + "</p></body></html>",
        "<html><body><article><p title='" + "x" * 2_000_000 + "'>hi</p></article></body></html>",
        "\ufeff<<<<>>>><<html<<body>>" + "<" * 10_000,
    ],
    ids=["nested-divs", "unclosed-nesting", "nested-tables", "entity-bomb", "script-only",
         "entity-heavy", "huge-attribute", "not-html"],
)
def test_hostile_html_bombs_give_an_article_or_one_error(tmp_path: Path, page: str) -> None:
    first = tmp_path / "0-good.html"
    first.write_text(PAGE, encoding="utf-8")
    bad = tmp_path / "1-bad.html"
    bad.write_text(page, encoding="utf-8")
    good, errors = _results([first, bad])
    assert good[0].source == str(first)
    assert len(good) + len(errors) == 2
    for e in errors:
        assert e.code in (ErrorCode.E106, ErrorCode.E119) and e.where == str(bad)
    for g in good[1:]:
        assert "lol" not in g.text and len(g.text) < 2_000_000


# ---------------------------------------------------------------- feeds


@pytest.mark.parametrize(
    ("feed", "n_good", "codes"),
    [
        # cut short after the first item: the first is kept
        (f"<rss><channel>{FEED_ITEM}<item><title>Cut", 1, None),
        (f"<rss><channel>{FEED_ITEM}</channel></rss>" + "<junk>" * 3, 1, None),
        ("<html><body><p>not a feed</p></body></html>", 0, [ErrorCode.E109]),
        ("<rss><channel></channel></rss>", 0, [ErrorCode.E109]),
        ("<rss><channel><item><title>only a title</title></item></channel></rss>", 0,
         [ErrorCode.E108]),
        ("not xml at all <<<", 0, [ErrorCode.E109]),
        ("<?xml version='1.0'?><!DOCTYPE r [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"
         f"<rss><channel><item><title>t</title><description>&x; {GOOD}</description></item>"
         "</channel></rss>", 1, None),
        ("<?xml version='1.0'?><!DOCTYPE r [<!ENTITY a 'aaaaaaaaaaaaaaaa'>"
         "<!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'>"
         "<!ENTITY c '&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;'>"
         "<!ENTITY d '&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;'>]>"
         f"<rss><channel><item><title>&d;&d;&d;&d;</title><description>{GOOD}</description>"
         "</item></channel></rss>", 1, None),
        ("<feed xmlns='http://www.w3.org/2005/Atom'><entry><title>A</title><content "
         f"type='xhtml'><div xmlns='http://www.w3.org/1999/xhtml'><p>{GOOD}</p></div></content>"
         "<published>not a date</published></entry></feed>", 1, None),
        (f"<rss><channel>{FEED_ITEM}<item><description>&nbsp;&bogus; {GOOD}</description>"
         "<pubDate>Tue, 99 Foo 2025</pubDate></item></channel></rss>", 2, None),
    ],
    ids=["truncated", "trailing-junk", "html", "no-items", "item-without-text", "not-xml", "xxe",
         "billion-laughs", "atom-xhtml", "undefined-entities"],
)
def test_hostile_malformed_feeds(tmp_path: Path, feed: str, n_good: int,
                                 codes: list[ErrorCode] | None) -> None:
    f = tmp_path / "feed.rss"
    f.write_text(feed, encoding="utf-8")
    good, bad = _results([f])
    assert len(good) == n_good
    for g in good:
        assert "root:" not in g.text and "aaaaaaaaaaaaaaaaaaaaaaaa" not in g.text
        assert GOOD in g.text
    if codes is not None:
        assert [e.code for e in bad] == codes


def test_hostile_large_feed_is_streamed(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("STORYLINE_MAX_INPUT_BYTES", "5000")
    f = tmp_path / "big.xml.gz"
    items = "".join(FEED_ITEM.replace("Talks", f"Talks {i}") for i in range(2000))
    f.write_bytes(gzip.compress(f"<rss><channel>{items}</channel></rss>".encode()))
    good, bad = _results([f])
    assert len(good) == 2000 and not bad and good[-1].title == "Talks 1999"


# ---------------------------------------------------------------- compressed and WARC


def _warc(records: list[tuple[str | None, bytes]]) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    for uri, page in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(page),
                                                      http_headers=headers))
    return out.getvalue()


def test_hostile_truncated_warc_record_without_target_uri(tmp_path: Path) -> None:
    # issue 16: warcio raised AttributeError ('NoneType' … 'startswith') and the batch died
    data = _warc([(None, PAGE.encode())])
    err = _one_error_and_the_good(tmp_path, "cut.warc", data[:-200])
    assert err.code is ErrorCode.E110 and "truncated" in err.message


def test_hostile_warc_without_target_uris_is_read(tmp_path: Path) -> None:
    f = tmp_path / "a.warc"
    f.write_bytes(_warc([(None, PAGE.encode()), (None, PAGE.replace("Oslo", "Bern").encode())]))
    good, bad = _results([f])
    assert [g.source for g in good] == [f"{f}#1", f"{f}#2"] and not bad


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("cut.warc.gz", lambda d: gzip.compress(d)[: len(gzip.compress(d)) * 2 // 3]),
        ("junk.warc", lambda d: b"WARC/1.0\r\nnot really\r\n\r\n" + bytes(range(256)) * 10),
        ("flipped.warc.gz", lambda d: gzip.compress(d)[:40] + b"\xff" * 50 + gzip.compress(d)[90:]),
    ],
)
def test_hostile_damaged_warc(tmp_path: Path, name: str, make: Callable[[bytes], bytes]) -> None:
    data = _warc([("https://example.org/a", PAGE.encode())])
    err = _one_error_and_the_good(tmp_path, name, make(data))
    assert err.code is ErrorCode.E110


def test_hostile_truncated_jsonl_gz_keeps_the_lines_before(tmp_path: Path) -> None:
    rows = "".join(json.dumps({"id": f"a{i}", "text": f"{GOOD} {i}"}) + "\n" for i in range(300))
    data = gzip.compress(rows.encode())
    f = tmp_path / "cut.jsonl.gz"
    f.write_bytes(data[: len(data) // 2])
    good, bad = _results([f])
    assert 0 < len(good) < 300 and [g.article_id for g in good] == [f"a{i}" for i in
                                                                      range(len(good))]
    assert len(bad) <= 1 and all(e.code in (ErrorCode.E118, ErrorCode.E107) for e in bad)


def test_hostile_corrupt_gzip_text(tmp_path: Path) -> None:
    err = _one_error_and_the_good(tmp_path, "x.txt.gz", b"\x1f\x8b\x08\x00" + b"\x00" * 40)
    assert err.code in (ErrorCode.E118, ErrorCode.E102)


# ---------------------------------------------------------------- walks and stdin


def test_hostile_folder_walk_skips_unknown_types_with_one_line(tmp_path: Path, caplog) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "index.yaml").write_text("a: 1", encoding="utf-8")
    (tmp_path / "sitemap.xml").write_text("<urlset></urlset>", encoding="utf-8")
    (tmp_path / "x.tar.gz").write_bytes(gzip.compress(b"tar"))
    with caplog.at_level("WARNING", logger="storyline.sources"):
        good, bad = _results([tmp_path])
    assert len(good) == 1 and not bad
    (line,) = [r.getMessage() for r in caplog.records]
    assert line == (f"skipped 3 files of unknown type: {tmp_path / 'index.yaml'}, "
                    f"{tmp_path / 'sitemap.xml'}, {tmp_path / 'x.tar.gz'}")
    # named on the command line, the same file keeps its error
    good, bad = _results([tmp_path / "index.yaml"])
    assert [e.code for e in bad] == [ErrorCode.E105]


def test_hostile_folder_walk_order_and_symlink_loops(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.txt").write_text(GOOD + " one", encoding="utf-8")
    (tmp_path / "a.txt").write_text(GOOD + " two", encoding="utf-8")
    (tmp_path / "a" / "loop").symlink_to(tmp_path, target_is_directory=True)
    good, bad = _results([tmp_path])
    assert not bad
    # the order of sorted whole paths: "a.txt" before "a/x.txt"
    assert [g.source for g in good] == [str(tmp_path / "a.txt"), str(tmp_path / "a" / "x.txt")]


@pytest.mark.parametrize(
    "data",
    [b"", b"\x1f\x8b\x08\x00garbage", gzip.compress(b'{"text": "From gzipped JSON lines."}\n'),
     gzip.compress(_warc([(None, PAGE.encode())])), "Kyiv said".encode("utf-16"),
     b"<rss><channel>" + FEED_ITEM.encode()],
)
def test_hostile_stdin_never_raises(data: bytes) -> None:
    results = list(read_inputs(["-"], stdin=io.BytesIO(data)))
    assert results and all(isinstance(r, (ArticleInput, StorylineError)) for r in results)


def test_hostile_a_reader_that_breaks_costs_its_input_only(tmp_path: Path, monkeypatch) -> None:
    import trafilatura  # what storyline.sources.html calls when it reads a page

    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("unexpected")

    monkeypatch.setattr(trafilatura, "bare_extraction", broken)
    err = _one_error_and_the_good(tmp_path, "p.html", PAGE.encode())
    assert err.code is ErrorCode.E117 and "RuntimeError" in err.message


# ---------------------------------------------------------------- language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Le président a rencontré lundi à Genève le ministre des Affaires étrangères pour "
         "discuter de la sécurité régionale et du commerce, a indiqué le ministère.", "fr"),
        ("Der Bundeskanzler traf sich am Montag in Berlin mit dem Präsidenten, um über die Lage "
         "in der Region und die Sanktionen zu sprechen, teilte das Ministerium mit.", "de"),
        ("Президент встретился в понедельник с министром иностранных дел, чтобы обсудить "
         "ситуацию в регионе и новые санкции, сообщило министерство.", "ru"),
        ("قال الرئيس إن المحادثات مع الوفد ستستأنف الأسبوع المقبل في القاهرة بعد توقف قصير، "
         "وأضاف أن الجانبين اتفقا على مواصلة الحوار بشأن الأمن الإقليمي والتجارة.", "ar"),
    ],
)
def test_hostile_non_english_articles_are_skipped(text: str, language: str) -> None:
    err = check_article(ArticleInput(text=text, source="x.txt"))
    assert isinstance(err, StorylineError) and err.code is ErrorCode.E116
    assert f"looks like {language}" in err.message and err.where == "x.txt"


@pytest.mark.parametrize(
    "text",
    [GOOD, "Trump said that " + "he said that " * 50 + "nothing.", "U.S. " * 100,
     "🙂🎉🔥 " * 200 + "Kyiv", "12 345 678 " * 50,
     GOOD + " «Nous sommes prêts», a déclaré le ministre, before he flew to Paris."],
)
def test_hostile_english_and_letterless_texts_are_kept(text: str) -> None:
    item = ArticleInput(text=text, source="x.txt")
    assert check_article(item) is item


def test_hostile_language_check_can_be_switched_off(monkeypatch) -> None:
    monkeypatch.setenv("STORYLINE_CHECK_LANGUAGE", "0")
    item = ArticleInput(text="Le président a rencontré lundi à Genève le ministre des Affaires "
                             "étrangères pour discuter de la sécurité régionale.", source="x")
    assert check_article(item) is item
