"""FastAPI application: the corpus over HTTP, and the offline web page.

Every endpoint is a thin caller of :mod:`storyline.store`. Lists are paged
(``limit``/``offset``) and return ``{total, limit, offset, items}``; bad
parameters get a 4xx answer with ``detail`` saying what is wrong.
"""

from __future__ import annotations

from datetime import date
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query, Request
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field

from .. import __version__, settings
from ..alerts import check_alerts
from ..errors import ErrorCode, StorylineError
from ..ingest import ingest, rebuild_corpus
from ..sources.base import ArticleInput, parse_date
from ..store import Database, Filters, Page, open_db, page
from .basemap import country_outlines


class ArticleIn(BaseModel):
    """An article to extract and store."""

    text: str = Field(min_length=1, description="The article body")
    id: str | None = Field(default=None, description="Id to store it under (default: text hash)")
    title: str | None = None
    url: str | None = None
    published: str | None = Field(default=None, description="YYYY-MM-DD")


class PageOut(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[dict[str, Any]]


_STATUS = {ErrorCode.E403: 404, ErrorCode.E404: 422, ErrorCode.E112: 422, ErrorCode.E203: 422,
           ErrorCode.E406: 403}


def _page_out(p: Page) -> dict[str, Any]:
    return {"total": p.total, "limit": p.limit, "offset": p.offset, "items": p.items}


def _bucket(start: date | None, end: date | None) -> str:
    if start is None or end is None:
        return "month"
    days = (end - start).days
    if days <= 92:
        return "day"
    if days <= 3 * 365:
        return "week"
    return "month" if days <= 30 * 365 else "year"


def event_filters(
    actor: Annotated[str | None, Query(description="Actor name, CAMEO code or resolved id")] = None,
    country: Annotated[str | None, Query(description="ISO3 code of an actor or the place")] = None,
    type: Annotated[str | None, Query(description="PLOVER type(s), comma-separated")] = None,
    status: Annotated[str | None, Query(description="Status(es), comma-separated")] = None,
    date_from: Annotated[str | None, Query(alias="from", description="YYYY-MM-DD")] = None,
    date_to: Annotated[str | None, Query(alias="to", description="YYYY-MM-DD")] = None,
    place: Annotated[str | None, Query(description="Place name substring")] = None,
    q: Annotated[str | None, Query(description="Text search")] = None,
    story: Annotated[str | None, Query(description="Story id")] = None,
    article: Annotated[str | None, Query(description="Article id")] = None,
    killed: Annotated[str | None, Query(
        description="At least this many killed (highest figure any source reports)")] = None,
    injured: Annotated[str | None, Query(
        description="At least this many injured (highest figure any source reports)")] = None,
) -> Filters:
    return Filters.build(actor=actor, country=country, type=type, status=status,
                         date_from=date_from, date_to=date_to, place=place, q=q, story=story,
                         article=article, killed=killed, injured=injured)


def paging(limit: Annotated[int, Query(description="1..1000")] = 50,
           offset: Annotated[int, Query(description=">= 0")] = 0) -> tuple[int, int]:
    return page(limit, offset)


FiltersDep = Annotated[Filters, Depends(event_filters)]
PagingDep = Annotated[tuple[int, int], Depends(paging)]


def create_app(db: Database | str | Path | None = None, *, model: str | None = None,
               read_only: bool = False) -> FastAPI:
    """The API and web page over the database ``db`` (an open one, or a path).

    ``read_only`` opens a path read-only, so other processes can read it too;
    POST is then refused (403).
    """
    database = db if isinstance(db, Database) else open_db(db, read_only=read_only)
    app = FastAPI(title="storyline", version=__version__,
                  description="Who did what to whom, when, where, with what toll, and "
                  "according to whom: events, stories, entities, quotes and articles.")
    app.state.db = database
    app.state.model = model

    @app.exception_handler(StorylineError)
    async def _storyline_error(_: Request, err: StorylineError) -> JSONResponse:
        return JSONResponse(status_code=_STATUS.get(err.code, 400),
                            content={"detail": err.message, "code": err.code.name,
                                     "item": err.where, "article": err.article})

    @app.get("/api/health", tags=["meta"])
    def health() -> dict[str, Any]:
        """Database path and row counts."""
        return {"version": __version__, "db": database.path, "counts": database.counts()}

    @app.get("/api/events", response_model=PageOut, tags=["events"])
    def events(f: FiltersDep, p: PagingDep) -> dict[str, Any]:
        """Events merged across articles, oldest first; each has its number of sources, and
        the first and last ingest run that brought one (``first_run``, ``last_run``: what
        is new since a run the client saw, see ``/api/updates``)."""
        out = _page_out(database.events(f, *p))
        runs = database.cluster_runs([e["id"] for e in out["items"]])
        for e in out["items"]:
            e["first_run"], e["last_run"] = runs.get(e["id"], (0, 0))
        return out

    @app.get("/api/updates", tags=["meta"])
    def updates() -> dict[str, Any]:
        """What changed last, for pages that keep up by polling: the last finished ingest
        run, the last alert firing, when the corpus tables were rebuilt, and counts."""
        return database.updates()

    @app.get("/api/events/{event_id}", tags=["events"])
    def event(event_id: str) -> dict[str, Any]:
        """One merged event with all its sources (article, trigger span, who reports it)."""
        return database.event(event_id)

    @app.get("/api/article-events", response_model=PageOut, tags=["events"])
    def article_events(f: FiltersDep, p: PagingDep) -> dict[str, Any]:
        """Events as each article states them, before merging."""
        return _page_out(database.article_events(f, *p))

    @app.get("/api/timeline", tags=["events"])
    def timeline(f: FiltersDep, bucket: Annotated[
            str, Query(description="auto, day, week, month or year")] = "auto") -> dict[str, Any]:
        """Counts of merged events per date bucket and quad class (server-side aggregation)."""
        start, end = database.date_range(f)
        chosen = _bucket(start, end) if bucket == "auto" else bucket
        return {"bucket": chosen, "from": start, "to": end,
                "bins": database.timeline(f, chosen)}

    @app.get("/api/graph", tags=["events"])
    def graph(f: FiltersDep, limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> dict[str, Any]:
        """Who acts on whom: actor pairs with counts of cooperation and conflict."""
        return {"edges": database.graph(f, limit)}

    @app.get("/api/places", tags=["events"])
    def places(f: FiltersDep, limit: Annotated[int, Query(ge=1, le=5000)] = 500) -> dict[str, Any]:
        """Geocoded places of the matching events, with counts."""
        return {"places": database.places(f, limit)}

    @app.get("/api/basemap", tags=["meta"])
    def basemap() -> dict[str, Any]:
        """Country outlines for drawing the map: ``countries`` of ``{iso3, name, rings}``,
        each ring a flat ``[lon, lat, lon, lat, …]`` list (Natural Earth 1:110m, simplified)."""
        return country_outlines()

    @app.get("/api/facets", tags=["events"])
    def facets(f: FiltersDep) -> dict[str, Any]:
        """Counts per type, status and country of the matching events."""
        return database.facets(f)

    @app.get("/api/stories", response_model=PageOut, tags=["stories"])
    def stories(f: FiltersDep, p: PagingDep) -> dict[str, Any]:
        """Stories (clusters of articles), most recent first."""
        return _page_out(database.stories(f, *p))

    @app.get("/api/stories/{story_id}", tags=["stories"])
    def story(story_id: str) -> dict[str, Any]:
        """One story with its articles."""
        return database.story(story_id)

    @app.get("/api/entities", response_model=PageOut, tags=["entities"])
    def entities(f: FiltersDep, p: PagingDep, entity_type: Annotated[
            str | None, Query(alias="entity_type", description="PERSON, ORG, GPE, …")] = None,
            ) -> dict[str, Any]:
        """Entities resolved across articles, most frequent first."""
        return _page_out(database.entities(f, entity_type, *p))

    @app.get("/api/entities/{entity_id}", tags=["entities"])
    def entity(entity_id: str) -> dict[str, Any]:
        """One resolved entity with the articles that name it."""
        return database.entity(entity_id)

    @app.get("/api/quotes", response_model=PageOut, tags=["quotes"])
    def quotes(f: FiltersDep, p: PagingDep) -> dict[str, Any]:
        """Quotes with their speakers (``actor`` selects the speaker)."""
        return _page_out(database.quotes(f, *p))

    @app.get("/api/articles", response_model=PageOut, tags=["articles"])
    def articles(f: FiltersDep, p: PagingDep) -> dict[str, Any]:
        """Stored articles (without text), most recent first."""
        return _page_out(database.articles(f, *p))

    @app.get("/api/articles/{article_id}", tags=["articles"])
    def article(article_id: str) -> dict[str, Any]:
        """One article: its text and every span (entities, timexes, quotes, event triggers)."""
        return database.article(article_id)

    @app.post("/api/articles", status_code=201, tags=["articles"])
    def post_article(body: ArticleIn, rebuild: Annotated[bool, Query(
            description="Rebuild stories and merged events now (false: later, in one "
            "POST /api/rebuild after a batch)")] = True) -> dict[str, Any]:
        """Extract an article, store it (and rebuild the corpus); returns its id and counts."""
        if database.read_only:
            raise StorylineError(ErrorCode.E406)
        if not body.text.strip():
            raise StorylineError(ErrorCode.E404, name="text", detail="empty text")
        published = parse_date(body.published, "published") if body.published else None
        item = ArticleInput(text=body.text, source=body.url or "<api>", id=body.id,
                            title=body.title, url=body.url, published=published,
                            published_source="api" if published else None)
        report = ingest(database, [item], inputs=["<api>"], rebuild=rebuild,
                        model=settings.get("model", app.state.model))
        if report.failures:
            raise report.failures[0]
        if rebuild and report.stored:
            check_alerts(database)
        record = database.article(item.article_id)
        return {"id": item.article_id, "stored": bool(report.stored),
                "already_stored": bool(report.skipped),
                "counts": {k: len(record[k]) for k in ("entities", "timexes", "places",
                                                       "quotes", "events")}}

    @app.get("/api/errors", tags=["articles"])
    def ingest_errors(
        run: Annotated[int | None, Query(description="Only this ingest run's errors")] = None,
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    ) -> dict[str, Any]:
        """Items that failed in ingests, most recent first: the item (file, ``file.jsonl:12``,
        ``feed.xml#3``), the article id when known, the error code and message."""
        return {"rows": database.errors(run, limit)}

    @app.get("/api/alerts", tags=["alerts"])
    def alerts() -> dict[str, Any]:
        """Saved alerts (``storyline alert add``) with how often each fired."""
        return {"alerts": database.alerts()}

    @app.get("/api/alerts/firings", tags=["alerts"])
    def alert_firings(
        alert: Annotated[int | None, Query(description="Only this alert's firings")] = None,
        after: Annotated[int, Query(ge=0, description="Only firings with a larger id")] = 0,
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    ) -> dict[str, Any]:
        """Alert firings, newest first: the alert, new or changed, the event as it was
        when it fired, and whether it was delivered."""
        return {"items": database.firings(alert, after, limit)}

    @app.get("/api/watch", tags=["alerts"])
    def watch_state(limit: Annotated[int, Query(ge=1, le=1000)] = 50) -> dict[str, Any]:
        """Watched feeds and sitemaps (last check, errors) and the items that failed."""
        return {"feeds": database.watch_feeds(),
                "failed": database.watch_items("retry", limit)
                + database.watch_items("failed", limit)}

    @app.post("/api/rebuild", tags=["articles"])
    def rebuild_tables() -> dict[str, Any]:
        """Recompute resolved entities, stories and merged events from the stored articles."""
        if database.read_only:
            raise StorylineError(ErrorCode.E406)
        return {"rows": rebuild_corpus(database)}

    web = Path(str(resources.files("storyline.web")))
    app.mount("/static", StaticFiles(directory=web), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(web / "index.html", media_type="text/html")

    return app
