"""The watch's HTTP client against a local site: robots.txt, per-host delay, retries with
backoff, conditional GET, redirects, timeouts, size limits, a clear User-Agent."""

from __future__ import annotations

import itertools
import json
import time

import pytest

from storyline.errors import ErrorCode, StorylineError
from storyline.watch.fetch import Fetcher, canonical_url, check_url, is_transient
from tests.localsite import LocalSite, http_date


class Waits:
    """A sleep that records how long it was asked to wait (and waits)."""

    def __init__(self) -> None:
        self.asked: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.asked.append(seconds)
        time.sleep(seconds)


def _fetcher(**kw: object) -> Fetcher:
    args: dict[str, object] = {"host_delay": 0.0, "backoff": 0.01, "retries": 2, "timeout": 2.0}
    args.update(kw)
    return Fetcher(**args)  # type: ignore[arg-type]


def test_fetch_sends_the_user_agent_and_returns_the_body(site: LocalSite) -> None:
    site.add("/a", "<html>hello</html>")
    with _fetcher(user_agent="storyline-test/1.0 (tests)") as f:
        got = f.get(site.url("/a"))
    assert got.status == 200 and got.body == b"<html>hello</html>"
    assert got.content_type == "text/html" and got.charset == "utf-8"
    assert site.hits("/a")[0].headers["user-agent"] == "storyline-test/1.0 (tests)"
    assert site.hits("/robots.txt"), "robots.txt is asked for before the first page"


@pytest.mark.parametrize("validator", ["etag", "last_modified"])
def test_fetch_conditional_get_answers_not_modified(site: LocalSite, validator: str) -> None:
    stamp = http_date(1_700_000_000)
    site.add("/feed.xml", "<rss/>", etag='"v1"' if validator == "etag" else None,
             last_modified=stamp if validator == "last_modified" else None)
    with _fetcher() as f:
        first = f.get(site.url("/feed.xml"))
        assert first.status == 200 and (first.etag or first.last_modified)
        again = f.get(site.url("/feed.xml"), etag=first.etag, last_modified=first.last_modified)
    assert again.not_modified and again.body == b""
    sent = site.hits("/feed.xml")[1].headers
    assert sent.get("if-none-match") == first.etag or sent.get("if-modified-since") == stamp


def test_fetch_retries_server_errors_with_backoff(site: LocalSite) -> None:
    site.add("/flaky", "<html>ok</html>", fail_times=2)
    waits = Waits()
    with _fetcher(sleep=waits, backoff=0.05) as f:
        got = f.get(site.url("/flaky"))
    assert got.status == 200 and len(site.hits("/flaky")) == 3
    # Retry-After: 0 from the server wins over the backoff
    assert waits.asked == [0.0, 0.0]


def test_fetch_backoff_doubles_without_retry_after(site: LocalSite) -> None:
    site.add("/down", "busy", status=502)
    waits = Waits()
    with _fetcher(sleep=waits, backoff=0.05, retries=2) as f, pytest.raises(StorylineError) as exc:
        f.get(site.url("/down"))
    assert waits.asked == [0.05, 0.1]
    assert exc.value.code is ErrorCode.E502 and exc.value.details["status"] == 502
    assert exc.value.where == site.url("/down") and is_transient(exc.value)
    assert len(site.hits("/down")) == 3


def test_fetch_not_found_is_final(site: LocalSite) -> None:
    with _fetcher() as f, pytest.raises(StorylineError) as exc:
        f.get(site.url("/missing"))
    assert exc.value.describe() == f"{site.url('/missing')}: HTTP 404: Not Found [E502]"
    assert not is_transient(exc.value) and len(site.hits("/missing")) == 1


def test_fetch_slow_server_times_out(site: LocalSite) -> None:
    site.add("/slow", "late", delay=1.5)
    started = time.monotonic()
    with _fetcher(timeout=0.3, retries=1) as f, pytest.raises(StorylineError) as exc:
        f.get(site.url("/slow"))
    assert exc.value.code is ErrorCode.E501 and "timed out after 0.3 s (2 tries)" in exc.value.message
    assert is_transient(exc.value) and time.monotonic() - started < 3


def test_fetch_unreachable_host_is_a_network_error() -> None:
    with _fetcher(retries=0) as f, pytest.raises(StorylineError) as exc:
        f.get("http://127.0.0.1:9/nothing-listens-here")
    assert exc.value.code is ErrorCode.E501 and is_transient(exc.value)


def test_fetch_follows_redirects_and_reports_the_final_url(site: LocalSite) -> None:
    site.add("/old", status=301, headers={"Location": "/new"})
    site.add("/new", status=302, headers={"Location": site.url("/final")})
    site.add("/final", "<html>here</html>")
    with _fetcher() as f:
        got = f.get(site.url("/old"))
    assert got.url == site.url("/final") and got.body == b"<html>here</html>"


def test_fetch_redirect_loop_gives_up(site: LocalSite) -> None:
    site.add("/a", status=302, headers={"Location": "/b"})
    site.add("/b", status=302, headers={"Location": "/a"})
    with _fetcher() as f, pytest.raises(StorylineError) as exc:
        f.get(site.url("/a"))
    assert exc.value.code is ErrorCode.E501 and "redirects" in exc.value.message


def test_fetch_robots_txt_is_obeyed_on_every_hop(site: LocalSite) -> None:
    site.add("/robots.txt", "User-agent: *\nDisallow: /private/\n\nUser-agent: otherbot\n"
             "Disallow: /\n", content_type="text/plain")
    site.add("/private/a", "<html>secret</html>")
    site.add("/open", status=302, headers={"Location": "/private/a"})
    site.add("/public", "<html>ok</html>")
    with _fetcher() as f:
        assert f.get(site.url("/public")).status == 200
        for path in ("/private/a", "/open"):
            with pytest.raises(StorylineError) as exc:
                f.get(site.url(path))
            assert exc.value.code is ErrorCode.E503 and exc.value.where == site.url(path)
            assert not is_transient(exc.value)
    assert not site.hits("/private/a")
    assert len(site.hits("/robots.txt")) == 1, "robots.txt is remembered"


def test_fetch_robots_txt_for_our_agent(site: LocalSite) -> None:
    site.add("/robots.txt", "User-agent: storyline\nDisallow: /\n", content_type="text/plain")
    site.add("/a", "<html>x</html>")
    with _fetcher(user_agent="storyline/0.1.0 (test)") as f:
        assert not f.allowed(site.url("/a"))
    with _fetcher(user_agent="otherbot/2.0") as f:
        assert f.allowed(site.url("/a"))


def test_fetch_unreachable_robots_txt_closes_the_site_for_now(site: LocalSite) -> None:
    site.add("/robots.txt", "oops", status=500)
    site.add("/a", "<html>x</html>")
    with _fetcher(retries=0) as f, pytest.raises(StorylineError) as exc:
        f.get(site.url("/a"))
    assert exc.value.code is ErrorCode.E501 and "robots.txt unreachable" in exc.value.message
    assert is_transient(exc.value) and not site.hits("/a")


def test_fetch_waits_between_requests_to_one_host(site: LocalSite) -> None:
    site.add("/a", "a")
    site.add("/b", "b")
    waits = Waits()
    with _fetcher(host_delay=0.3, sleep=waits) as f:
        f.get(site.url("/a"))
        f.get(site.url("/b"))
    times = [r.at for r in site.requests]
    assert len(times) == 3  # robots.txt, /a, /b
    # (measured where the requests arrive: a little less than where they leave)
    assert min(b - a for a, b in itertools.pairwise(times)) >= 0.2
    assert waits.asked and all(0 < w <= 0.3 for w in waits.asked)


def test_fetch_crawl_delay_wins_when_longer(site: LocalSite) -> None:
    # (Python's robots.txt parser reads whole seconds only)
    site.add("/robots.txt", "User-agent: *\nCrawl-delay: 1\n", content_type="text/plain")
    site.add("/a", "a")
    site.add("/b", "b")
    waits = Waits()
    with _fetcher(host_delay=0.05, sleep=waits) as f:
        f.get(site.url("/a"))
        f.get(site.url("/b"))
    assert site.hits("/b")[0].at - site.hits("/a")[0].at >= 0.9


def test_fetch_refuses_oversized_responses(site: LocalSite) -> None:
    site.add("/big", b"x" * 5000)
    with _fetcher(max_bytes=1000) as f, pytest.raises(StorylineError) as exc:
        f.get(site.url("/big"))
    assert exc.value.code is ErrorCode.E505


@pytest.mark.parametrize("url", ["ftp://example.org/feed", "file:///etc/passwd", "example.org",
                                 "http://"])
def test_fetch_only_http_urls(url: str) -> None:
    with pytest.raises(StorylineError) as exc:
        check_url(url)
    assert exc.value.code is ErrorCode.E507


def test_fetch_redirect_to_another_scheme_is_refused(site: LocalSite) -> None:
    site.add("/r", status=302, headers={"Location": "file:///etc/passwd"})
    with _fetcher() as f, pytest.raises(StorylineError) as exc:
        f.get(site.url("/r"))
    assert exc.value.code is ErrorCode.E507 and exc.value.where == site.url("/r")


def test_fetch_post_json_to_a_webhook(site: LocalSite) -> None:
    site.add("/hook", "", status=204)
    with _fetcher() as f:
        assert f.post_json(site.url("/hook"), {"a": "ü"}) == 204
    hit = site.hits("/hook", "POST")[0]
    assert json.loads(hit.body) == {"a": "ü"}
    assert hit.headers["content-type"] == "application/json"


@pytest.mark.parametrize(("url", "key"), [
    ("HTTP://Example.ORG/a/b?x=1#frag", "http://example.org/a/b?x=1"),
    ("https://example.org/a", "https://example.org/a"),
])
def test_fetch_canonical_url(url: str, key: str) -> None:
    assert canonical_url(url) == key
