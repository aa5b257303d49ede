"""A local web site for tests: a threaded ``http.server`` on 127.0.0.1 that serves
feeds, sitemaps and pages from a table of routes, answers conditional requests, can
be slow, fail a few times, redirect or send anything else, and logs every request."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    """What the site answers for one path (query string included)."""

    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    #: Seconds to wait before answering.
    delay: float = 0.0
    #: Answer 304 to a request carrying this ETag (If-None-Match).
    etag: str | None = None
    #: Answer 304 to a request carrying this date (If-Modified-Since).
    last_modified: str | None = None
    #: Answer 503 this many times before answering normally.
    fail_times: int = 0


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    at: float


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass  # quiet: the site keeps its own log

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        site = self.server.site
        with site.lock:
            site.requests.append(Request(self.command, self.path,
                                         {k.lower(): v for k, v in self.headers.items()}, body,
                                         time.monotonic()))
            route = site.routes.get(self.path)
            failing = route is not None and route.fail_times > 0
            if failing:
                assert route is not None
                route.fail_times -= 1
        if route is None:
            return self._send(404, "text/plain", b"not found", {})
        if route.delay:
            time.sleep(route.delay)
        if failing:
            return self._send(503, "text/plain", b"try again later", {"Retry-After": "0"})
        headers = dict(route.headers)
        if route.etag:
            headers["ETag"] = route.etag
        if route.last_modified:
            headers["Last-Modified"] = route.last_modified
        if (route.etag and self.headers.get("If-None-Match") == route.etag) or (
                route.last_modified and self.headers.get("If-Modified-Since")
                == route.last_modified):
            return self._send(304, None, b"", headers)
        self._send(route.status, route.content_type, route.body, headers)

    def _send(self, status: int, content_type: str | None, body: bytes,
              headers: dict[str, str]) -> None:
        try:
            self.send_response(status)
            if content_type:
                self.send_header("Content-Type", content_type)
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout test)

    do_GET = do_POST = do_HEAD = _answer


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    site: LocalSite


class LocalSite:
    """The site: ``add`` routes, ``url`` to address them, ``requests`` to see what came."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Request] = []
        self.lock = threading.Lock()
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.site = self
        self.port = self._server.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,),
                                        daemon=True)
        self._thread.start()

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, body: bytes | str = b"", **kw: object) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = Route(data, **kw)  # type: ignore[arg-type]
        return self.url(path)

    def hits(self, path: str, method: str = "GET") -> list[Request]:
        with self.lock:
            return [r for r in self.requests if r.path == path and r.method == method]

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


def http_date(ts: float) -> str:
    return formatdate(ts, usegmt=True)


def article_page(title: str, paragraphs: list[str], published: str | None = None) -> str:
    """An HTML news page as sites write them: navigation, the article, a footer."""
    meta = (f'<meta property="article:published_time" content="{published}T08:00:00Z">'
            if published else "")
    body = "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return f"""<!doctype html><html><head><meta charset="utf-8"><title>{escape(title)}</title>
{meta}</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>{escape(title)}</h1>{body}</article>
<footer>© 2019 Example News. All rights reserved.</footer></body></html>"""


def rss(items: list[tuple[str, str, str | None]], title: str = "Example News") -> str:
    """An RSS 2.0 feed of (title, link, RFC 822 date or None) items."""
    out = []
    for t, link, date in items:
        pub = f"<pubDate>{date}</pubDate>" if date else ""
        out.append(f"<item><title>{escape(t)}</title><link>{escape(link)}</link>"
                   f"<guid>{escape(link)}</guid>{pub}<description>{escape(t)}</description></item>")
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>{escape(title)}</title><link>http://example.invalid/</link>"
            f"<description>news</description>{''.join(out)}</channel></rss>")


def sitemap(urls: list[tuple[str, str | None]]) -> str:
    """A sitemap of (loc, lastmod or None)."""
    rows = "".join(f"<url><loc>{escape(u)}</loc>" + (f"<lastmod>{d}</lastmod>" if d else "")
                   + "</url>" for u, d in urls)
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{rows}</urlset>')


def sitemap_index(locs: list[str]) -> str:
    rows = "".join(f"<sitemap><loc>{escape(u)}</loc></sitemap>" for u in locs)
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{rows}'
            "</sitemapindex>")
