#!/usr/bin/env python3
"""Build the bundled example inputs from ``examples/articles/*.txt`` and ``examples/index.yaml``.

Writes, deterministically (rerun it and nothing changes):
- ``examples/articles.jsonl``: every article as a JSON record (id, title, url, published, text);
- ``examples/web/page.html``: the first article as a small news web page;
- ``examples/web/feed.xml``: an RSS 2.0 feed with the second and third articles;
- ``examples/web/archive.warc.gz``: a WARC with the fourth article's page (plus a
  non-HTML response, which readers skip).

Usage: ``python scripts/make_examples.py [--out DIR]`` (default: examples/).
"""

from __future__ import annotations

import argparse
import html
import io
import json
from datetime import UTC, date, datetime
from email.utils import format_datetime
from pathlib import Path

import yaml
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def load_articles(examples: Path = EXAMPLES) -> list[dict[str, str]]:
    """The example articles with their metadata, in file-name order."""
    index = yaml.safe_load((examples / "index.yaml").read_text(encoding="utf-8"))
    articles = []
    for name in sorted(index):
        text = (examples / "articles" / name).read_text(encoding="utf-8")
        meta = index[name]
        articles.append({
            "id": meta["id"],
            "title": text.split("\n", 1)[0].strip(),
            "url": meta["url"],
            "published": str(meta["published"]),
            "text": text,
        })
    return articles


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n")[1:] if p.strip()]


def html_page(article: dict[str, str]) -> str:
    """A news page with explicit date metadata, navigation and a misleading copyright footer."""
    body = "\n".join(f"      <p>{html.escape(p)}</p>" for p in _paragraphs(article["text"]))
    title = html.escape(article["title"])
    return f"""<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>{title} | Example News</title>
    <link rel="canonical" href="{article['url']}">
    <meta property="og:title" content="{title}">
    <meta property="article:published_time" content="{article['published']}T08:30:00Z">
  </head>
  <body>
    <nav><a href="/">Home</a> · <a href="/world">World</a> · <a href="/business">Business</a></nav>
    <article>
      <h1>{title}</h1>
{body}
    </article>
    <footer>© 2019 Example News. All rights reserved. Updated 2019-01-01.</footer>
  </body>
</html>
"""


def rss_feed(articles: list[dict[str, str]]) -> str:
    """An RSS 2.0 feed whose items carry their text as HTML in <description>."""
    items = []
    for a in articles:
        when = datetime.fromisoformat(a["published"]).replace(hour=9, tzinfo=UTC)
        desc = "".join(f"<p>{html.escape(p)}</p>" for p in _paragraphs(a["text"]))
        items.append(f"""    <item>
      <title>{html.escape(a['title'])}</title>
      <link>{a['url']}</link>
      <guid isPermaLink="true">{a['url']}</guid>
      <pubDate>{format_datetime(when)}</pubDate>
      <description>{html.escape(desc)}</description>
    </item>""")
    joined = "\n".join(items)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>Example News — World</title>
    <link>https://news.example.org/world</link>
    <description>Example feed bundled with storyline.</description>
{joined}
  </channel>
</rss>
"""


def warc_archive(article: dict[str, str]) -> bytes:
    """A gzipped WARC: one HTML response (the article page) and one text/plain response."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    crawled = f"{date.fromisoformat(article['published']).isoformat()}T12:00:00Z"
    responses = [
        (article["url"], "text/html; charset=utf-8", html_page(article).encode("utf-8"), 1),
        ("https://news.example.org/robots.txt", "text/plain", b"User-agent: *\nAllow: /\n", 2),
    ]
    for uri, ctype, payload, n in responses:
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype),
                                              ("Content-Length", str(len(payload)))],
                                   protocol="HTTP/1.1")
        record = writer.create_warc_record(
            uri, "response", payload=io.BytesIO(payload), http_headers=headers,
            warc_headers_dict={"WARC-Date": crawled,
                               "WARC-Record-ID": f"<urn:uuid:00000000-0000-4000-8000-00000000000{n}>"},
        )
        writer.write_record(record)
    return out.getvalue()


def build(out: Path, examples: Path = EXAMPLES) -> dict[str, bytes]:
    """Every generated file (relative path → bytes); written under ``out``."""
    articles = load_articles(examples)
    files = {
        "articles.jsonl": "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles).encode(),
        "web/page.html": html_page(articles[0]).encode("utf-8"),
        "web/feed.xml": rss_feed(articles[1:3]).encode("utf-8"),
        "web/archive.warc.gz": warc_archive(articles[3]),
    }
    for rel, data in files.items():
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=EXAMPLES, help="output folder")
    args = parser.parse_args()
    for rel in build(args.out):
        print(args.out / rel)


if __name__ == "__main__":
    main()
