"""HTTP for ``storyline watch``: polite, bounded, and clear about what went wrong.

Every request carries storyline's User-Agent, waits its turn per host
(``host_delay``, or the site's robots.txt ``Crawl-delay`` when longer), obeys
robots.txt (RFC 9309: a missing robots.txt allows everything, an unreachable one
forbids everything until it answers again), times out, retries timeouts, lost
connections, 429 and 5xx with exponential backoff (or the server's
``Retry-After``), follows at most five redirects (each checked against robots.txt)
and reads at most ``max_bytes``. Feeds are asked for conditionally (``ETag`` /
``Last-Modified``). Every failure is a :class:`~storyline.errors.StorylineError`
naming the URL: E501 (network), E502 (HTTP status), E503 (robots.txt), E505 (too
large), E507 (not an http(s) URL).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from .. import settings
from ..errors import ErrorCode, StorylineError

#: Largest body read from a server (pages, feeds, sitemaps), after decompression.
MAX_BYTES = 10 * 1024 * 1024
#: Redirects followed before giving up.
MAX_REDIRECTS = 5
#: Longest wait honoured from ``Retry-After`` or ``Crawl-delay``.
MAX_WAIT = 60.0
#: How long a robots.txt is trusted before it is fetched again.
ROBOTS_TTL = 3600.0
#: How long an unreachable robots.txt keeps its site closed before it is asked again.
UNREACHABLE_TTL = 300.0
#: Statuses worth another try: the server may answer later.
RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True)
class Fetched:
    """A server's answer: the final URL (after redirects), its status (200 … or 304 Not
    Modified), headers and body."""

    url: str
    status: int
    headers: Mapping[str, str]
    body: bytes = b""

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";", 1)[0].strip().lower()

    @property
    def charset(self) -> str | None:
        for part in self.headers.get("content-type", "").split(";")[1:]:
            key, _, value = part.partition("=")
            if key.strip().lower() == "charset" and value.strip():
                return value.strip().strip('"').lower()
        return None

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag") or None

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified") or None


def canonical_url(url: str) -> str:
    """``url`` without its fragment, scheme and host lowercased (the key of a seen item)."""
    url = urldefrag(url.strip())[0]
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return url
    return parts._replace(scheme=parts.scheme.lower(), netloc=parts.netloc.lower()).geturl()


def check_url(url: str) -> str:
    """``url`` if it is an absolute http(s) URL; E507 otherwise."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise StorylineError(ErrorCode.E507, url, detail="expected an http:// or https:// URL")
    return url


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.lower()}"


def _retry_after(headers: Mapping[str, str]) -> float | None:
    """Seconds the server asks to wait (a number or an HTTP date), or None."""
    raw = headers.get("retry-after", "").strip()
    if not raw:
        return None
    if raw.isdigit():
        return float(raw)
    try:
        when = parsedate_to_datetime(raw)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


@dataclass
class _Robots:
    parser: RobotFileParser | None  # None: everything allowed (no robots.txt)
    disallow_all: str | None  # why everything is forbidden (robots.txt unreachable)
    fetched_at: float
    url: str


@dataclass
class Fetcher:
    """A polite HTTP client (one per watch; it remembers robots.txt and when it last
    asked each host). Settings give the defaults of every field left as None."""

    user_agent: str | None = None
    timeout: float | None = None
    retries: int | None = None
    host_delay: float | None = None
    max_bytes: int = MAX_BYTES
    #: First backoff wait in seconds (doubled after each retry).
    backoff: float = 1.0
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    _client: httpx.Client | None = field(default=None, repr=False)
    _robots: dict[str, _Robots] = field(default_factory=dict, repr=False)
    _last_request: dict[str, float] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.user_agent = str(settings.get("user_agent", self.user_agent))
        self.timeout = float(settings.get("fetch_timeout", self.timeout))
        self.retries = max(0, int(settings.get("fetch_retries", self.retries)))
        self.host_delay = max(0.0, float(settings.get("host_delay", self.host_delay)))

    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(
                headers={"User-Agent": str(self.user_agent)}, follow_redirects=False,
                timeout=httpx.Timeout(self.timeout))
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the public calls ---------------------------------------------------------

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
            accept: str | None = None) -> Fetched:
        """GET ``url`` (conditionally when validators are given), following redirects and
        obeying robots.txt; raises a StorylineError naming ``url`` on failure."""
        check_url(url)
        headers = {"Accept": accept or "*/*"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            self._check_robots(current, url)
            answer = self._request("GET", current, headers, url)
            location = answer.headers.get("location")
            if answer.status in _REDIRECTS and location:
                current = urljoin(current, location)
                try:
                    check_url(current)
                except StorylineError as err:
                    raise StorylineError(ErrorCode.E507, url,
                                         detail=f"redirected to {current}: {err.message}") from None
                continue
            if answer.status == 304 or 200 <= answer.status < 300:
                return answer
            raise self._status_error(answer, url)
        raise StorylineError(ErrorCode.E501, url, detail=f"more than {MAX_REDIRECTS} redirects")

    def post_json(self, url: str, payload: Any) -> int:
        """POST ``payload`` as JSON (webhooks); retries like :meth:`get`; returns the
        status, raising E501/E502 when the server does not take it."""
        check_url(url)
        body = json.dumps(payload, ensure_ascii=False, default=str).encode("utf-8")
        answer = self._request("POST", url, {"Content-Type": "application/json"}, url, body)
        if 200 <= answer.status < 300:
            return answer.status
        raise self._status_error(answer, url)

    def allowed(self, url: str) -> bool:
        """True when robots.txt lets storyline fetch ``url``."""
        try:
            self._check_robots(url, url)
        except StorylineError:
            return False
        return True

    # -- robots.txt -----------------------------------------------------------------

    def _robots_for(self, url: str) -> _Robots:
        origin = _origin(url)
        cached = self._robots.get(origin)
        if cached is not None:
            ttl = UNREACHABLE_TTL if cached.disallow_all else ROBOTS_TTL
            if self.clock() - cached.fetched_at < ttl:
                return cached
        robots_url = origin + "/robots.txt"
        entry = _Robots(None, None, self.clock(), robots_url)
        try:
            answer = self._fetch_robots(robots_url)
        except StorylineError as err:
            entry.disallow_all = f"unreachable: {err.message}"
        else:
            if 200 <= answer.status < 300:
                parser = RobotFileParser(robots_url)
                parser.parse(answer.body.decode("utf-8", "replace").splitlines())
                entry.parser = parser
            elif answer.status >= 500:
                entry.disallow_all = f"unreachable: HTTP {answer.status}"
            # 4xx: no robots.txt, everything allowed
        self._robots[origin] = entry
        return entry

    def _fetch_robots(self, robots_url: str) -> Fetched:
        current = robots_url
        for _ in range(MAX_REDIRECTS + 1):
            answer = self._request("GET", current, {"Accept": "text/plain"}, robots_url)
            location = answer.headers.get("location")
            if answer.status in _REDIRECTS and location:
                current = urljoin(current, location)
                check_url(current)
                continue
            return answer
        raise StorylineError(ErrorCode.E501, robots_url, detail="too many redirects")

    def _check_robots(self, url: str, named: str) -> None:
        robots = self._robots_for(url)
        if robots.disallow_all:
            # RFC 9309: nothing is crawled while robots.txt cannot be read (a network failure:
            # tried again in a later cycle)
            raise StorylineError(ErrorCode.E501, named,
                                 detail=f"{robots.url} {robots.disallow_all}; nothing is fetched "
                                 "from this site until it answers")
        if robots.parser is not None and not robots.parser.can_fetch(str(self.user_agent), url):
            raise StorylineError(ErrorCode.E503, named, robots=robots.url)

    def _delay_for(self, origin: str) -> float:
        delay = float(self.host_delay or 0.0)
        robots = self._robots.get(origin)
        if robots is not None and robots.parser is not None:
            crawl = robots.parser.crawl_delay(str(self.user_agent))
            if crawl is not None:
                delay = max(delay, min(float(crawl), MAX_WAIT))
        return delay

    # -- one request, with the host's delay, retries and a size limit -----------------

    def _wait_turn(self, origin: str) -> None:
        last = self._last_request.get(origin)
        if last is not None:
            wait = last + self._delay_for(origin) - self.clock()
            if wait > 0:
                self.sleep(wait)
        self._last_request[origin] = self.clock()

    def _request(self, method: str, url: str, headers: dict[str, str], named: str,
                 body: bytes | None = None) -> Fetched:
        origin = _origin(url)
        attempts = int(self.retries or 0) + 1
        for attempt in range(attempts):
            self._wait_turn(origin)
            last_try = attempt == attempts - 1
            try:
                answer = self._once(method, url, headers, named, body)
            except httpx.TimeoutException:
                if last_try:
                    raise StorylineError(
                        ErrorCode.E501, named,
                        detail=f"timed out after {self.timeout:g} s ({attempts} tries)") from None
                self.sleep(self.backoff * 2 ** attempt)
                continue
            except httpx.HTTPError as exc:
                if last_try:
                    reason = str(exc) or type(exc).__name__
                    raise StorylineError(ErrorCode.E501, named,
                                         detail=f"{reason} ({attempts} tries)") from None
                self.sleep(self.backoff * 2 ** attempt)
                continue
            if answer.status in RETRY_STATUSES and not last_try:
                asked = _retry_after(answer.headers)
                wait = self.backoff * 2 ** attempt if asked is None else asked
                self.sleep(min(wait, MAX_WAIT))
                continue
            return answer
        raise AssertionError("unreachable")  # the loop returns or raises on its last try

    def _once(self, method: str, url: str, headers: dict[str, str], named: str,
              body: bytes | None) -> Fetched:
        started = self.clock()
        with self.client.stream(method, url, headers=headers, content=body) as response:
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > self.max_bytes:
                    raise StorylineError(ErrorCode.E505, named, limit=self.max_bytes)
                # a server that trickles bytes never trips the read timeout: bound the total
                if self.clock() - started > 3 * float(self.timeout or 0):
                    raise httpx.ReadTimeout("the response took too long", request=response.request)
                chunks.append(chunk)
            return Fetched(str(response.url), response.status_code,
                           {k.lower(): v for k, v in response.headers.items()}, b"".join(chunks))

    @staticmethod
    def _status_error(answer: Fetched, named: str) -> StorylineError:
        reason = httpx.codes.get_reason_phrase(answer.status) or "unexpected status"
        return StorylineError(ErrorCode.E502, named, status=answer.status, detail=reason)


def is_transient(err: StorylineError) -> bool:
    """True for failures worth trying again in a later cycle (network, 429, 5xx)."""
    if err.code is ErrorCode.E501:
        return True
    status = err.details.get("status")
    return err.code is ErrorCode.E502 and isinstance(status, int) and (
        status in RETRY_STATUSES)
