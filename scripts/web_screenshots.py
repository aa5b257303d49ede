"""Screenshots of the web page for the docs: timeline, map and alerts view after two watch
cycles (``docs/web-timeline.png``, ``docs/web-map.png``, ``docs/web-alerts.png``).

A local web site (127.0.0.1, a thread of this script) serves the bundled example
articles and a few more written here (fictional reporting) as news pages with an RSS
feed. ``storyline watch`` reads it twice — before the second cycle more articles are
published and an alert is added — into a temporary database, which ``storyline
serve`` shows to Debian's Chromium (driven by Playwright), with the first cycle as the
"last visit". Needs the default model and ``/usr/bin/chromium``; nothing leaves the machine.

    python scripts/web_screenshots.py [--out docs/]
"""

from __future__ import annotations

import argparse
import html
import io
import sys
import tempfile
import threading
from datetime import UTC, datetime
from email.utils import format_datetime
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]

#: Articles written for these screenshots: (slug, published, title, paragraphs).
MORE = [
    ("kharkiv-shelling", "2025-06-02", "Shelling kills five in Kharkiv", [
        "Russian forces shelled the Ukrainian city of Kharkiv on Monday, killing five civilians "
        "and wounding 12 others, the regional governor said.",
        "The strikes hit a residential district in the north of the city overnight."]),
    ("odesa-drones", "2025-06-05", "Drones strike Odesa port", [
        "Russian drones struck the port city of Odesa on Thursday, killing eight people, "
        "Ukrainian officials said.",
        "The attack damaged grain warehouses and several apartment blocks."]),
    ("zaporizhzhia-strike", "2025-07-11", "Missile strike on Zaporizhzhia", [
        "A Russian missile hit an industrial site in Zaporizhzhia on Friday, killing three "
        "workers, the regional administration said.",
        "Rescue teams searched the rubble through the night."]),
    ("kyiv-talks", "2025-07-22", "Ukraine and Poland hold talks in Kyiv", [
        "Ukrainian President Volodymyr Zelenskyy met Polish President Andrzej Duda in Kyiv on "
        "Tuesday to discuss grain exports and air defence.",
        "The two presidents agreed to meet again in Warsaw in September."]),
    ("dnipro-attack", "2025-08-19", "Attack on Dnipro kills seven", [
        "Russian forces attacked the city of Dnipro with ballistic missiles on Tuesday, killing "
        "seven people and injuring 30, Ukrainian emergency services said.",
        "A five-storey apartment building partly collapsed."]),
    ("kherson-shelling", "2025-09-03", "Kherson under fire", [
        "Russian artillery shelled Kherson on Wednesday, killing two residents, the city's "
        "military administration said.",
        "Power was cut in several districts after the shelling."]),
    ("sudan-el-fasher", "2025-09-28", "Fighting in El Fasher", [
        "The Rapid Support Forces attacked El Fasher in North Darfur on Sunday, killing at "
        "least 40 civilians, local aid groups said.",
        "The United Nations called for an immediate ceasefire around the city."]),
    ("lagos-arrests", "2025-10-08", "Arrests at Lagos fuel protest", [
        "Police in Lagos arrested 30 protesters on Wednesday after a march against fuel prices "
        "turned violent, a police spokesman said.",
        "Witnesses said officers fired tear gas at the crowd."]),
]


class _QuietFiles(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _page(title: str, paragraphs: list[str], published: str) -> str:
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (f'<!doctype html><html><head><meta charset="utf-8"><title>{html.escape(title)}'
            f'</title><meta property="article:published_time" content="{published}T08:00:00Z">'
            f"</head><body><nav><a href='/'>Home</a></nav><article><h1>{html.escape(title)}"
            f"</h1>{body}</article><footer>Example News</footer></body></html>")


def _articles() -> list[tuple[str, str, str, list[str]]]:
    """The bundled examples and :data:`MORE`, as (slug, published, title, paragraphs)."""
    index = yaml.safe_load((ROOT / "examples" / "index.yaml").read_text(encoding="utf-8"))
    out = []
    for name, meta in sorted(index.items()):
        lines = (ROOT / "examples" / "articles" / name).read_text(encoding="utf-8").splitlines()
        out.append((Path(name).stem, meta["published"], lines[0], [x for x in lines[1:] if x]))
    return out + MORE


def _publish(site: Path, base: str, articles: list[tuple[str, str, str, list[str]]]) -> None:
    items = []
    for slug, day, title, paragraphs in articles:
        (site / f"{slug}.html").write_text(_page(title, paragraphs, day), encoding="utf-8")
        when = format_datetime(datetime.fromisoformat(day).replace(tzinfo=UTC), usegmt=True)
        items.append(f"<item><title>{html.escape(title)}</title><link>{base}/{slug}.html</link>"
                     f"<pubDate>{when}</pubDate></item>")
    (site / "feed.xml").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Example News</title>'
        f"<link>{base}/</link><description>demo</description>{''.join(items)}</channel></rss>",
        encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    from storyline.alerts import add_alert, check_alerts
    from storyline.api import create_app
    from storyline.store import open_db
    from storyline.watch import Fetcher, Watcher

    sys.path.insert(0, str(ROOT))
    from tests.web.conftest import ARGS, CHROMIUM, serving

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        site.mkdir()
        server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietFiles, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}"
        articles = _articles()
        db = open_db(Path(tmp) / "demo.duckdb")
        watcher = Watcher(db, [f"{base}/feed.xml"], fetcher=Fetcher(host_delay=0.0))
        _publish(site, base, articles[:7])
        first = watcher.cycle()
        add_alert(db, "type=ASSAULT country=UKR killed>=5", name="Ukraine: 5 or more killed")
        add_alert(db, "type=ASSAULT killed>=20", name="Any attack with 20 or more dead")
        _publish(site, base, articles)
        second = watcher.cycle()
        fired = check_alerts(db, out=io.StringIO()).fired
        print(f"cycle 1: {first.summary()}\ncycle 2: {second.summary()}\n"
              f"{len(fired)} alert(s) fired", file=sys.stderr)
        last_visit = first.ingest.run_id if first.ingest else 0
        args.out.mkdir(parents=True, exist_ok=True)
        with serving(create_app(db)) as url, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            page = browser.new_page(viewport={"width": 1300, "height": 860})
            for view, name in (("", "timeline"), ("#/map", "map"), ("#/alerts", "alerts")):
                # each view as seen on a visit after the first cycle (the page remembers its
                # last visit, so the mark is set again before each)
                page.goto(f"{url}/{view}")
                page.wait_for_selector("body[data-ready='1']")
                page.evaluate(f"localStorage.setItem('storyline.lastRun', '{last_visit}')")
                page.evaluate("localStorage.removeItem('storyline.lastFiring')")
                page.reload()
                page.wait_for_selector("body[data-ready='1']")
                page.wait_for_timeout(500)
                page.screenshot(path=str(args.out / f"web-{name}.png"))
                print(f"wrote {args.out / f'web-{name}.png'}", file=sys.stderr)
            browser.close()
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
