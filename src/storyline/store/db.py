"""The corpus database: the ONE module that holds SQL.

DuckDB, embedded, one file. The schema is versioned: each migration is a
function registered with :func:`migration` and applied in order, inside a
transaction, when a database is opened read-write. Article tables
(``articles``, ``entities``, ``mentions``, ``timexes``, ``places``,
``quotes``, ``events``, ``event_actors``) are written once per article id;
corpus tables (``resolved_entities``, ``entity_links``, ``stories``,
``story_articles``, ``event_clusters``, ``event_cluster_actors``,
``event_sources``) are derived from them and replaced wholesale by
:meth:`Database.replace_corpus`.
"""

from __future__ import annotations

import json
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from ..errors import ErrorCode, StorylineError
from ..record import ArticleRecord
from .filters import Filters
from .rows import ARTICLE_TABLES, Row, _entity_key, record_from_rows, record_rows

Migration = Callable[[duckdb.DuckDBPyConnection], None]
MIGRATIONS: dict[int, tuple[str, Migration]] = {}


def migration(version: int, name: str) -> Callable[[Migration], Migration]:
    """Register ``fn`` as the migration to schema ``version`` (applied in order)."""

    def register(fn: Migration) -> Migration:
        if version in MIGRATIONS:
            raise ValueError(f"migration {version} registered twice")
        MIGRATIONS[version] = (name, fn)
        return fn

    return register


def latest_version() -> int:
    return max(MIGRATIONS)


@migration(1, "article tables, ingest runs and errors")
def _v1(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("""
        CREATE SEQUENCE ingest_run_ids START 1;
        CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR);
        CREATE TABLE ingest_runs (
            id INTEGER PRIMARY KEY DEFAULT nextval('ingest_run_ids'),
            started_at TIMESTAMP, finished_at TIMESTAMP, inputs VARCHAR, model VARCHAR,
            status VARCHAR, n_stored INTEGER DEFAULT 0, n_skipped INTEGER DEFAULT 0,
            n_failed INTEGER DEFAULT 0);
        CREATE TABLE ingest_errors (
            run_id INTEGER, item VARCHAR, code VARCHAR, message VARCHAR, logged_at TIMESTAMP);
        CREATE TABLE articles (
            id VARCHAR PRIMARY KEY, source VARCHAR, title VARCHAR, url VARCHAR,
            published DATE, published_source VARCHAR, text VARCHAR, run_id INTEGER);
        CREATE TABLE entities (
            article_id VARCHAR, id VARCHAR, name VARCHAR, type VARCHAR, country VARCHAR,
            actor VARCHAR, roles VARCHAR[], n_mentions INTEGER, PRIMARY KEY (article_id, id));
        CREATE TABLE mentions (
            article_id VARCHAR, entity_id VARCHAR, start_char INTEGER, end_char INTEGER);
        CREATE TABLE timexes (
            article_id VARCHAR, n INTEGER, start_char INTEGER, end_char INTEGER, text VARCHAR,
            type VARCHAR, value VARCHAR, PRIMARY KEY (article_id, n));
        CREATE TABLE places (
            article_id VARCHAR, n INTEGER, entity_id VARCHAR, name VARCHAR, country VARCHAR,
            lat DOUBLE, lon DOUBLE, geonameid BIGINT, PRIMARY KEY (article_id, n));
        CREATE TABLE quotes (
            article_id VARCHAR, n INTEGER, start_char INTEGER, end_char INTEGER, text VARCHAR,
            kind VARCHAR, speaker VARCHAR, speaker_text VARCHAR, cue_start INTEGER,
            cue_end INTEGER, cue_text VARCHAR, PRIMARY KEY (article_id, n));
        CREATE TABLE events (
            article_id VARCHAR, id VARCHAR, type VARCHAR, mode VARCHAR, cameo VARCHAR,
            date VARCHAR, date_start DATE, date_end DATE, date_source VARCHAR, status VARCHAR,
            location VARCHAR, attributed_to VARCHAR, killed_min INTEGER, killed_max INTEGER,
            injured_min INTEGER, injured_max INTEGER, arrested_min INTEGER,
            arrested_max INTEGER, trigger_start INTEGER, trigger_end INTEGER,
            trigger_text VARCHAR, sentence_start INTEGER, sentence_end INTEGER,
            confidence DOUBLE, PRIMARY KEY (article_id, id));
        CREATE TABLE event_actors (
            article_id VARCHAR, event_id VARCHAR, role VARCHAR, n INTEGER, entity_id VARCHAR);
    """)


@migration(2, "corpus tables: resolved entities, stories, event clusters and sources")
def _v2(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("""
        CREATE TABLE resolved_entities (
            id VARCHAR PRIMARY KEY, name VARCHAR, type VARCHAR, country VARCHAR, actor VARCHAR,
            aliases VARCHAR[], n_articles INTEGER, n_mentions INTEGER, n_events INTEGER);
        CREATE TABLE entity_links (article_id VARCHAR, entity_id VARCHAR, resolved_id VARCHAR);
        CREATE TABLE stories (
            id VARCHAR PRIMARY KEY, title VARCHAR, first_date DATE, last_date DATE,
            n_articles INTEGER, n_events INTEGER, countries VARCHAR[], actors VARCHAR[],
            search_text VARCHAR);
        CREATE TABLE story_articles (story_id VARCHAR, article_id VARCHAR);
        CREATE TABLE event_clusters (
            id VARCHAR PRIMARY KEY, story_id VARCHAR, type VARCHAR, mode VARCHAR,
            cameo VARCHAR, quad INTEGER, score DOUBLE, status VARCHAR, date VARCHAR,
            date_start DATE, date_end DATE, place VARCHAR, place_country VARCHAR, lat DOUBLE,
            lon DOUBLE, source_names VARCHAR, target_names VARCHAR, source_actors VARCHAR,
            target_actors VARCHAR, countries VARCHAR[], actors_text VARCHAR,
            killed_min INTEGER, killed_max INTEGER, injured_min INTEGER, injured_max INTEGER,
            n_sources INTEGER, n_articles INTEGER, disputed BOOLEAN, disagreements VARCHAR,
            summary VARCHAR, search_text VARCHAR);
        CREATE TABLE event_cluster_actors (
            cluster_id VARCHAR, role VARCHAR, resolved_id VARCHAR, name VARCHAR,
            country VARCHAR, actor VARCHAR);
        CREATE TABLE event_sources (
            cluster_id VARCHAR, article_id VARCHAR, event_id VARCHAR, reported_by VARCHAR,
            article_title VARCHAR, url VARCHAR, published DATE, status VARCHAR, date VARCHAR,
            place VARCHAR, killed_min INTEGER, killed_max INTEGER, injured_min INTEGER,
            injured_max INTEGER, trigger_start INTEGER, trigger_end INTEGER,
            trigger_text VARCHAR, sentence VARCHAR);
        CREATE INDEX event_sources_article ON event_sources (article_id);
        CREATE INDEX event_sources_cluster ON event_sources (cluster_id);
        CREATE INDEX story_articles_story ON story_articles (story_id);
    """)


@migration(3, "participant ids on merged events, for the actor graph")
def _v3(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("""
        ALTER TABLE event_clusters ADD COLUMN source_ids VARCHAR[];
        ALTER TABLE event_clusters ADD COLUMN target_ids VARCHAR[];
        INSERT OR REPLACE INTO meta VALUES ('corpus_stale', '1');
    """)


@migration(4, "the id of the article an ingest error is about")
def _v4(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("ALTER TABLE ingest_errors ADD COLUMN article_id VARCHAR")


@migration(5, "incremental corpus updates: entity key countries, resolved entity counts")
def _v5(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("""
        ALTER TABLE resolved_entities ADD COLUMN counts VARCHAR;
        ALTER TABLE resolved_entities ADD COLUMN last_name VARCHAR;
        CREATE TABLE entity_keys (kind VARCHAR, key VARCHAR, country VARCHAR, n INTEGER);
        INSERT OR REPLACE INTO meta
            SELECT 'corpus_stale', CASE WHEN EXISTS (SELECT 1 FROM articles) THEN '1' ELSE '0' END;
    """)


@migration(6, "watched feeds, seen feed items, alerts and their firings")
def _v6(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("""
        CREATE TABLE watch_feeds (
            url VARCHAR PRIMARY KEY, kind VARCHAR, etag VARCHAR, last_modified VARCHAR,
            last_checked TIMESTAMP, last_ok TIMESTAMP, http_status INTEGER, code VARCHAR,
            message VARCHAR, n_entries INTEGER, n_failures INTEGER DEFAULT 0);
        CREATE TABLE watch_items (
            url VARCHAR PRIMARY KEY, feed VARCHAR, title VARCHAR, first_seen TIMESTAMP,
            last_attempt TIMESTAMP, attempts INTEGER, status VARCHAR, article_id VARCHAR,
            code VARCHAR, message VARCHAR);
        CREATE SEQUENCE alert_ids START 1;
        CREATE TABLE alerts (
            id INTEGER PRIMARY KEY DEFAULT nextval('alert_ids'), name VARCHAR, query VARCHAR,
            filters VARCHAR, sink VARCHAR, created_at TIMESTAMP, checked_run INTEGER);
        CREATE SEQUENCE alert_firing_ids START 1;
        CREATE TABLE alert_firings (
            id INTEGER PRIMARY KEY DEFAULT nextval('alert_firing_ids'), alert_id INTEGER,
            cluster_id VARCHAR, kind VARCHAR, fingerprint VARCHAR, fired_at TIMESTAMP,
            delivered BOOLEAN, error VARCHAR, payload VARCHAR);
        CREATE TABLE alert_events (
            alert_id INTEGER, event_key VARCHAR, cluster_id VARCHAR, fingerprint VARCHAR,
            firing_id INTEGER, PRIMARY KEY (alert_id, event_key));
    """)


#: Corpus tables, replaced together by :meth:`Database.replace_corpus`.
CORPUS_TABLES = ("resolved_entities", "entity_links", "stories", "story_articles",
                 "event_clusters", "event_cluster_actors", "event_sources", "entity_keys")

_CLUSTER_COLUMNS = """c.id, c.story_id, c.type, c.mode, c.cameo, c.quad, c.score, c.status,
    c.date, c.date_start, c.date_end, c.place, c.place_country, c.lat, c.lon, c.source_names,
    c.target_names, c.source_actors, c.target_actors, c.countries, c.killed_min, c.killed_max,
    c.injured_min, c.injured_max, c.n_sources, c.n_articles, c.disputed, c.disagreements,
    c.summary"""


@dataclass(frozen=True)
class Page:
    """One page of a query: the rows and the number of rows matching in total."""

    total: int
    limit: int
    offset: int
    items: list[Row]


class _Where:
    """A WHERE clause built from optional conditions (a condition whose value is unset is
    left out)."""

    def __init__(self) -> None:
        self.clauses: list[str] = []
        self.params: list[Any] = []

    def add(self, clause: str, *params: Any) -> None:
        if params and all(p is None or p == "" for p in params):
            return
        self.clauses.append(clause)
        self.params.extend(params)

    def like(self, column: str, text: str | None) -> None:
        """``column`` (already lowercase) contains ``text``, case-insensitively."""
        if text:
            self.add(f"contains({column}, ?)", text.lower())

    def among(self, column: str, values: Sequence[str]) -> None:
        if values:
            self.add(f"{column} IN ({', '.join('?' * len(values))})", *values)

    @property
    def sql(self) -> str:
        return (" WHERE " + " AND ".join(self.clauses)) if self.clauses else ""


class Database:
    """A connection to one corpus database, safe to share between threads."""

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.path = str(path)
        self._lock = threading.RLock()
        self._depth = 0
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.IOException as exc:
            code = ErrorCode.E405 if "lock" in str(exc).lower() else ErrorCode.E401
            raise StorylineError(code, self.path, detail=str(exc).splitlines()[0]) from None
        except (duckdb.Error, OSError) as exc:
            detail = str(exc).splitlines()[0]
            raise StorylineError(ErrorCode.E401, self.path, detail=detail) from None
        self.read_only = read_only
        self.migrate()

    # -- schema -------------------------------------------------------------

    def version(self) -> int:
        """Schema version of this database (0 when empty)."""
        with self._lock:
            exists = self._value(
                "SELECT count(*) FROM information_schema.tables "
                "WHERE table_name = 'schema_migrations'")
            if not exists:
                return 0
            return int(self._value("SELECT max(version) FROM schema_migrations") or 0)

    def migrate(self) -> list[int]:
        """Apply every registered migration newer than the database; returns those applied."""
        with self._lock:
            current = self.version()
            if current > latest_version():
                raise StorylineError(ErrorCode.E402, self.path, found=current,
                                     supported=latest_version())
            pending = sorted(v for v in MIGRATIONS if v > current)
            if pending and self.read_only:
                raise StorylineError(ErrorCode.E401, self.path,
                                     detail="schema is out of date; open it read-write once")
            for version in pending:
                name, fn = MIGRATIONS[version]
                with self.transaction():
                    if version == 1:
                        self._exec("CREATE TABLE schema_migrations (version INTEGER "
                                         "PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)")
                    fn(self.con)
                    self._exec("INSERT INTO schema_migrations VALUES (?, ?, ?)",
                                     [version, name, datetime.now()])
            return pending

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """BEGIN … COMMIT, rolled back if the block raises (or the process dies).

        Nested blocks join the outermost transaction.
        """
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield
                finally:
                    self._depth -= 1
                return
            self._exec("BEGIN TRANSACTION")
            self._depth = 1
            try:
                yield
            except BaseException:
                self._exec("ROLLBACK")
                raise
            finally:
                self._depth = 0
            self._exec("COMMIT")

    def close(self) -> None:
        with self._lock:
            self.con.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- low-level helpers --------------------------------------------------

    def _exec(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run one statement to completion (DuckDB refuses other work on a pending result)."""
        with self._lock:
            return self.con.execute(sql, list(params)).fetchall()

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        with self._lock:
            cur = self.con.execute(sql, list(params))
            names = [d[0] for d in cur.description or []]
            return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]

    def _value(self, sql: str, params: Sequence[Any] = ()) -> Any:
        with self._lock:
            rows = self.con.execute(sql, list(params)).fetchall()
            return rows[0][0] if rows else None

    def _insert(self, table: str, rows: list[Row]) -> None:
        """Bulk insert through Arrow (column names of ``rows`` must be table columns)."""
        if not rows:
            return
        columns = list(rows[0])
        data = pa.table({c: [r.get(c) for r in rows] for c in columns})
        with self._lock:
            self.con.register("_incoming", data)
            try:
                cols = ", ".join(columns)
                self._exec(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM _incoming")
            finally:
                self.con.unregister("_incoming")

    # -- ingest -------------------------------------------------------------

    def start_run(self, inputs: Sequence[str], model: str | None) -> int:
        with self._lock:
            return int(self._value(
                "INSERT INTO ingest_runs (started_at, inputs, model, status) "
                "VALUES (?, ?, ?, 'running') RETURNING id",
                [datetime.now(), json.dumps(list(inputs)), model]))

    def finish_run(self, run_id: int, status: str, stored: int, skipped: int, failed: int) -> None:
        with self._lock:
            self._exec(
                "UPDATE ingest_runs SET finished_at = ?, status = ?, n_stored = ?, n_skipped = ?, "
                "n_failed = ? WHERE id = ?",
                [datetime.now(), status, stored, skipped, failed, run_id])

    def record_error(self, run_id: int, item: str, code: str, message: str,
                     article_id: str | None = None) -> None:
        with self._lock:
            self._exec("INSERT INTO ingest_errors (run_id, item, code, message, logged_at, "
                       "article_id) VALUES (?, ?, ?, ?, ?, ?)",
                       [run_id, item, code, message, datetime.now(), article_id])

    def existing_ids(self, ids: Iterable[str]) -> set[str]:
        """Those of ``ids`` already stored."""
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return set()
        with self._lock:
            self.con.register("_ids", pa.table({"id": wanted}))
            try:
                rows = self._exec("SELECT a.id FROM articles a JOIN _ids USING (id)")
            finally:
                self.con.unregister("_ids")
        return {r[0] for r in rows}

    def write_records(self, records: Sequence[ArticleRecord], run_id: int | None,
                      replace: bool = False,
                      errors: Sequence[tuple[str, str, str, str | None]] = ()) -> int:
        """Store a batch of records in ONE transaction; returns how many were written.

        Records whose id is already stored are skipped, or replaced when
        ``replace`` is true, so writing the same batch twice adds nothing.
        ``errors`` (item, code, message, article id or None) of the same batch are
        recorded with it.
        """
        with self.transaction():
            for item, code, message, article_id in errors:
                if run_id is not None:
                    self.record_error(run_id, item, code, message, article_id)
            ids = [r.id for r in records]
            if replace:
                self._delete_articles(ids)
                existing: set[str] = set()
            else:
                existing = self.existing_ids(ids)
            tables: dict[str, list[Row]] = defaultdict(list)
            seen: set[str] = set()
            for record in records:
                if record.id in existing or record.id in seen:
                    continue
                seen.add(record.id)
                for table, rows in record_rows(record, run_id).items():
                    tables[table].extend(rows)
            for table in ("articles", *ARTICLE_TABLES):
                self._insert(table, tables.get(table, []))
            if seen and replace:
                # replaced articles may have left stories and merged events: rebuild
                self._set_meta("corpus_stale", "1")
            return len(seen)

    def _delete_articles(self, ids: list[str]) -> None:
        if not ids:
            return
        with self._lock:
            self.con.register("_ids", pa.table({"id": ids}))
            try:
                for table in ARTICLE_TABLES:
                    self._exec(f"DELETE FROM {table} WHERE article_id IN (SELECT id FROM _ids)")
                self._exec("DELETE FROM articles WHERE id IN (SELECT id FROM _ids)")
            finally:
                self.con.unregister("_ids")

    def _set_meta(self, key: str, value: str) -> None:
        self._exec("INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, value])

    def corpus_stale(self) -> bool:
        """True when the corpus tables must be rebuilt whole (stored articles were replaced,
        or the schema changed); new articles alone are :meth:`count_pending`."""
        return self._value("SELECT value FROM meta WHERE key = 'corpus_stale'") == "1"

    # -- corpus tables ------------------------------------------------------

    def iter_records(self, batch: int = 5000) -> Iterator[ArticleRecord]:
        """Every stored article record, in id order, read ``batch`` articles at a time
        (each article table is read once per batch, by a range of ids)."""
        ids = [r[0] for r in self._exec("SELECT id FROM articles ORDER BY id")]
        for i in range(0, len(ids), batch):
            chunk = ids[i:i + batch]
            yield from self._read_records("BETWEEN ? AND ?", [chunk[0], chunk[-1]], chunk)

    def records(self, ids: Sequence[str]) -> list[ArticleRecord]:
        """The stored records of ``ids`` (missing ids are left out), in the order given."""
        if not ids:
            return []
        with self._lock:
            self.con.register("_ids", pa.table({"id": list(ids)}))
            try:
                return self._read_records("IN (SELECT id FROM _ids)", [], ids)
            finally:
                self.con.unregister("_ids")

    def _read_records(self, match: str, params: list[Any], ids: Sequence[str]
                      ) -> list[ArticleRecord]:
        """The records of ``ids`` among the articles whose id matches ``match`` (SQL)."""
        with self._lock:
            articles = {a["id"]: a for a in self._all_rows(
                f"SELECT * FROM articles WHERE id {match}", params)}
            parts: dict[str, dict[str, list[Row]]] = defaultdict(lambda: defaultdict(list))
            for table in ARTICLE_TABLES:
                for row in self._all_rows(
                        f"SELECT * FROM {table} WHERE article_id {match}", params):
                    parts[row["article_id"]][table].append(row)
        return [record_from_rows(articles[i], parts[i]) for i in ids if i in articles]

    def _all_rows(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        """Like :meth:`_rows`, through a relation (faster for large results)."""
        with self._lock:
            return self.con.sql(sql, params=list(params)).to_dicts()

    def replace_corpus(self, tables: dict[str, list[Row]]) -> None:
        """Replace every corpus table with ``tables`` in one transaction."""
        unknown = set(tables) - set(CORPUS_TABLES)
        if unknown:
            raise ValueError(f"not corpus tables: {sorted(unknown)}")
        with self.transaction():
            for table in CORPUS_TABLES:
                self._refill(table, tables.get(table, []))
            self._set_meta("corpus_stale", "0")
            self._set_meta("corpus_built_at", datetime.now().isoformat())

    def _refill(self, table: str, rows: list[Row]) -> None:
        """Replace every row of ``table``: drop it and create it again from its own catalog
        definition, then its indexes after the bulk insert. (Deleting every row instead
        made the commit take seconds for tables of 100,000 rows.)"""
        with self._lock:
            create = self._value("SELECT sql FROM duckdb_tables() WHERE schema_name = 'main' "
                                 "AND table_name = ? AND database_name = current_database()",
                                 [table])
            indexes = [r[0] for r in self._exec(
                "SELECT sql FROM duckdb_indexes() WHERE schema_name = 'main' "
                "AND table_name = ? AND database_name = current_database() ORDER BY index_name",
                [table])]
            self._exec(f"DROP TABLE {table}")
            self._exec(create)
            self._insert(table, rows)
            for sql in indexes:
                self._exec(sql)

    # -- incremental corpus updates -------------------------------------------

    @contextmanager
    def _registered(self, name: str, columns: dict[str, list[Any]] | pa.Table) -> Iterator[None]:
        """``columns`` visible to SQL as the table ``name`` for the block."""
        with self._lock:
            self.con.register(name, columns if isinstance(columns, pa.Table) else pa.table(columns))
            try:
                yield
            finally:
                self.con.unregister(name)

    def pending_articles(self, limit: int) -> list[tuple[str, date | None]]:
        """Up to ``limit`` stored articles that the corpus tables do not hold yet (in no
        story), with their publication dates, in date order (undated last, then by id)."""
        return [(r[0], r[1]) for r in self._exec(
            "SELECT a.id, a.published FROM articles a LEFT JOIN story_articles s "
            "ON s.article_id = a.id WHERE s.article_id IS NULL "
            "ORDER BY a.published NULLS LAST, a.id LIMIT ?", [limit])]

    def count_pending(self) -> int:
        """How many stored articles the corpus tables do not hold yet."""
        return int(self._value(
            "SELECT count(*) FROM articles a LEFT JOIN story_articles s "
            "ON s.article_id = a.id WHERE s.article_id IS NULL"))

    def nearest_articles(self, first: date | None, last: date | None, limit: int) -> list[str]:
        """Up to ``limit`` articles already in stories, published nearest to the days
        ``first``..``last`` (when ``first`` is None: undated articles, latest ids first)."""
        if first is None:
            rows = self._exec(
                "SELECT a.id FROM articles a JOIN story_articles s ON s.article_id = a.id "
                "WHERE a.published IS NULL ORDER BY a.id DESC LIMIT ?", [limit])
        else:
            rows = self._exec(
                "SELECT a.id FROM articles a JOIN story_articles s ON s.article_id = a.id "
                "WHERE a.published IS NOT NULL ORDER BY CASE "
                "WHEN a.published < ? THEN date_diff('day', a.published, ?) "
                "WHEN a.published > ? THEN date_diff('day', ?, a.published) ELSE 0 END, a.id "
                "LIMIT ?", [first, first, last, last, limit])
        return [r[0] for r in rows]

    def stories_of(self, article_ids: Sequence[str]) -> dict[str, str]:
        """Article id → its story id, for those of ``article_ids`` in a story."""
        if not article_ids:
            return {}
        with self._registered("_ids", {"id": list(article_ids)}):
            rows = self._exec("SELECT article_id, story_id FROM story_articles "
                              "WHERE article_id IN (SELECT id FROM _ids)")
        return dict(rows)

    def story_article_rows(self, article_ids: Sequence[str]
                           ) -> tuple[list[Row], dict[str, list[Row]], dict[str, list[Row]]]:
        """What story rows need of ``article_ids``, without reading whole records: article
        rows (id, published, title, and the start of the text when there is no title),
        their entities (article id → rows in record order) and event intervals."""
        if not article_ids:
            return [], {}, {}
        entities: dict[str, list[Row]] = defaultdict(list)
        events: dict[str, list[Row]] = defaultdict(list)
        with self._registered("_ids", {"id": list(article_ids)}):
            articles = self._all_rows(
                "SELECT id, published, title, CASE WHEN title IS NULL THEN left(text, 4000) "
                "ELSE '' END AS text FROM articles WHERE id IN (SELECT id FROM _ids)")
            for row in self._all_rows(
                    "SELECT article_id, id, type, country, n_mentions FROM entities "
                    "WHERE article_id IN (SELECT id FROM _ids)"):
                entities[row["article_id"]].append(row)
            for row in self._all_rows(
                    "SELECT article_id, date_start, date_end FROM events WHERE article_id IN "
                    "(SELECT id FROM _ids) AND date_start IS NOT NULL"):
                events[row["article_id"]].append(row)
        return articles, {a: sorted(rows, key=_entity_key) for a, rows in entities.items()}, \
            dict(events)

    def story_members(self, story_ids: Sequence[str]) -> dict[str, list[str]]:
        """Story id → its article ids (sorted)."""
        if not story_ids:
            return {}
        out: dict[str, list[str]] = defaultdict(list)
        with self._registered("_ids", {"id": list(story_ids)}):
            for sid, aid in self._exec(
                    "SELECT story_id, article_id FROM story_articles "
                    "WHERE story_id IN (SELECT id FROM _ids) ORDER BY story_id, article_id"):
                out[sid].append(aid)
        return dict(out)

    def links_of(self, article_ids: Sequence[str]) -> dict[tuple[str, str], str]:
        """(article id, entity id) → resolved id, for the entities of ``article_ids``."""
        if not article_ids:
            return {}
        with self._registered("_ids", {"id": list(article_ids)}):
            rows = self._exec("SELECT article_id, entity_id, resolved_id FROM entity_links "
                              "WHERE article_id IN (SELECT id FROM _ids)")
        return {(a, e): r for a, e, r in rows}

    def key_countries(self, keys: Sequence[tuple[str, str]]) -> dict[tuple[str, str], dict[str, int]]:
        """(kind, name key) → {country: article entities of that key naming it}."""
        if not keys:
            return {}
        out: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
        with self._registered("_keys", {"kind": [k for k, _ in keys], "key": [k for _, k in keys]}):
            for kind, key, country, n in self._exec(
                    "SELECT k.kind, k.key, k.country, k.n FROM entity_keys k "
                    "JOIN _keys USING (kind, key)"):
                out[(kind, key)][country] = n
        return dict(out)

    def resolved_rows(self, resolved_ids: Sequence[str]) -> dict[str, Row]:
        """Resolved id → its ``resolved_entities`` row (counts included)."""
        if not resolved_ids:
            return {}
        with self._registered("_ids", {"id": list(resolved_ids)}):
            rows = self._rows("SELECT * FROM resolved_entities WHERE id IN (SELECT id FROM _ids)")
        return {str(r["id"]): r for r in rows}

    def persons_by_last_name(self, last_names: Sequence[str]) -> dict[str, list[str]]:
        """Last-name key → resolved people whose full name ends with it (ids sorted)."""
        if not last_names:
            return {}
        out: dict[str, list[str]] = defaultdict(list)
        with self._registered("_names", {"name": list(last_names)}):
            for last, rid in self._exec(
                    "SELECT last_name, id FROM resolved_entities WHERE last_name IN "
                    "(SELECT name FROM _names) ORDER BY last_name, id"):
                out[last].append(rid)
        return dict(out)

    def cooccurring(self, candidates: Sequence[str], others: Sequence[str]
                    ) -> set[tuple[str, str]]:
        """Pairs (candidate, other) of resolved ids named together in some stored article."""
        if not candidates or not others:
            return set()
        with self._registered("_c", {"id": list(candidates)}), \
                self._registered("_o", {"id": list(others)}):
            rows = self._exec(
                "SELECT DISTINCT a.resolved_id, b.resolved_id FROM entity_links a "
                "JOIN entity_links b ON a.article_id = b.article_id "
                "WHERE a.resolved_id IN (SELECT id FROM _c) AND b.resolved_id IN "
                "(SELECT id FROM _o) AND a.resolved_id <> b.resolved_id")
        return {(a, b) for a, b in rows}

    def event_candidates(self, keys: dict[str, list[Any]]) -> list[tuple[str, str]]:
        """Stored article events that may report the same event as a new one.

        ``keys`` (columns ``type, status, role, resolved_id, first, last, story``): per
        row, events of that type and status with that resolved participant in that role
        (``actor``: any role), dated within a day of ``first``..``last`` or in ``story``;
        for role ``story``, the events of the type and status in ``story`` whose dates
        may be compatible, and (unless ``bare``: the new event has no participant) only
        those without a resolved participant.
        """
        if not keys["type"]:
            return []
        types = {"first": pa.date32(), "last": pa.date32(), "bare": pa.bool_()}
        table = pa.table({c: pa.array(v, type=types.get(c, pa.string())) for c, v in keys.items()})
        with self._registered("_keys", table):
            rows = self._exec("""
                SELECT DISTINCT e.article_id, e.id FROM _keys k
                JOIN events e ON e.type = k.type AND e.status = k.status
                JOIN story_articles sa ON sa.article_id = e.article_id
                JOIN event_actors ea ON ea.article_id = e.article_id AND ea.event_id = e.id
                     AND (k.role = 'actor' OR ea.role = k.role)
                JOIN entity_links l ON l.article_id = ea.article_id
                     AND l.entity_id = ea.entity_id AND l.resolved_id = k.resolved_id
                WHERE k.role <> 'story' AND (
                      ((k.first IS NULL OR e.date_start IS NULL) AND sa.story_id = k.story)
                      OR (e.date_start <= k.last + 1 AND e.date_end >= k.first - 1))
                UNION
                SELECT e.article_id, e.id FROM _keys k
                JOIN events e ON e.type = k.type AND e.status = k.status
                JOIN story_articles sa ON sa.article_id = e.article_id AND sa.story_id = k.story
                WHERE k.role = 'story' AND (k.first IS NULL OR e.date_start IS NULL
                      OR (e.date_start <= k.last + 1 AND e.date_end >= k.first - 1))
                  AND (k.bare OR NOT EXISTS (
                      SELECT 1 FROM event_actors ea JOIN entity_links l
                      ON l.article_id = ea.article_id AND l.entity_id = ea.entity_id
                      WHERE ea.article_id = e.article_id AND ea.event_id = e.id))""")
        return [(a, v) for a, v in rows]

    def clusters_of(self, events: Sequence[tuple[str, str]]) -> dict[tuple[str, str], str]:
        """(article id, event id) → the merged event it belongs to."""
        if not events:
            return {}
        with self._registered("_ev", {"article_id": [a for a, _ in events],
                                      "event_id": [v for _, v in events]}):
            rows = self._exec("SELECT s.article_id, s.event_id, s.cluster_id FROM event_sources s "
                              "JOIN _ev USING (article_id, event_id)")
        return {(a, v): c for a, v, c in rows}

    def cluster_members(self, cluster_ids: Sequence[str]) -> dict[str, list[tuple[str, str]]]:
        """Merged event id → its (article id, event id) sources, sorted."""
        if not cluster_ids:
            return {}
        out: dict[str, list[tuple[str, str]]] = defaultdict(list)
        with self._registered("_ids", {"id": list(cluster_ids)}):
            for cid, aid, vid in self._exec(
                    "SELECT cluster_id, article_id, event_id FROM event_sources "
                    "WHERE cluster_id IN (SELECT id FROM _ids) ORDER BY ALL"):
                out[cid].append((aid, vid))
        return dict(out)

    def cluster_stories(self, cluster_ids: Sequence[str]) -> set[str]:
        """The stories of these merged events."""
        if not cluster_ids:
            return set()
        with self._registered("_ids", {"id": list(cluster_ids)}):
            rows = self._exec("SELECT DISTINCT story_id FROM event_clusters "
                              "WHERE id IN (SELECT id FROM _ids) AND story_id IS NOT NULL")
        return {r[0] for r in rows}

    def replace_rows(self, table: str, key: Sequence[str], keys: Sequence[Sequence[Any]],
                     rows: list[Row]) -> None:
        """Delete the rows of corpus ``table`` whose ``key`` columns take one of ``keys``,
        then insert ``rows`` (call inside :meth:`transaction`)."""
        if table not in CORPUS_TABLES:
            raise ValueError(f"not a corpus table: {table}")
        if keys:
            columns = {f"k{i}": [k[i] for k in keys] for i in range(len(key))}
            match = " AND ".join(f"t.{c} = _del.k{i}" for i, c in enumerate(key))
            with self._registered("_del", columns):
                self._exec(f"DELETE FROM {table} t WHERE EXISTS "
                           f"(SELECT 1 FROM _del WHERE {match})")
        self._insert(table, rows)

    def recount_story_events(self, story_ids: Sequence[str]) -> None:
        """Set ``stories.n_events`` of ``story_ids`` from the merged events in them."""
        if not story_ids:
            return
        with self._registered("_ids", {"id": list(story_ids)}):
            self._exec("UPDATE stories SET n_events = (SELECT count(*) FROM event_clusters c "
                       "WHERE c.story_id = stories.id) WHERE id IN (SELECT id FROM _ids)")

    def rename_stories(self, renamed: dict[str, str]) -> None:
        """Point merged events at the new id of stories whose id changed."""
        if not renamed:
            return
        with self._registered("_ren", {"old": list(renamed), "new": list(renamed.values())}):
            self._exec("UPDATE event_clusters SET story_id = _ren.new FROM _ren "
                       "WHERE event_clusters.story_id = _ren.old")

    # -- counts -------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Rows per table."""
        names = ("articles", *ARTICLE_TABLES, *CORPUS_TABLES, "ingest_runs", "ingest_errors")
        return {t: int(self._value(f"SELECT count(*) FROM {t}")) for t in names}

    # -- queries: event clusters ---------------------------------------------

    @staticmethod
    def _cluster_where(f: Filters) -> tuple[str, list[Any]]:
        w = _Where()
        w.like("c.actors_text", f.actor)
        w.add("list_contains(c.countries, ?)", f.country)
        w.among("c.type", f.types)
        w.among("c.status", f.statuses)
        w.add("c.date_end >= ?", f.date_from)
        w.add("c.date_start <= ?", f.date_to)
        w.like("lower(c.place)", f.place)
        w.like("c.search_text", f.q)
        w.add("c.story_id = ?", f.story)
        w.add("c.id IN (SELECT cluster_id FROM event_sources WHERE article_id = ?)", f.article)
        # the highest figure any source reports
        w.add("c.killed_max >= ?", f.killed)
        w.add("c.injured_max >= ?", f.injured)
        return w.sql, w.params

    def _page(self, select: str, base: str, where: tuple[str, list[Any]], order: str,
              limit: int, offset: int) -> Page:
        """``SELECT {select} {base}{where} ORDER BY {order}``, one page, with the total."""
        sql, params = where
        total = self._value(f"SELECT count(*) {base}{sql}", params)
        items = self._rows(f"SELECT {select} {base}{sql} ORDER BY {order} LIMIT ? OFFSET ?",
                           [*params, limit, offset])
        return Page(int(total), limit, offset, items)

    def events(self, f: Filters, limit: int = 50, offset: int = 0) -> Page:
        """Merged events (event clusters) matching ``f``, oldest first (undated last)."""
        p = self._page(_CLUSTER_COLUMNS, "FROM event_clusters c", self._cluster_where(f),
                       "c.date_start NULLS LAST, c.id", limit, offset)
        return Page(p.total, limit, offset, [_decode_cluster(r) for r in p.items])

    def events_since(self, f: Filters, run: int, limit: int = 50, offset: int = 0) -> Page:
        """Merged events matching ``f`` that an article of an ingest run after ``run``
        reports (what can be new or changed for an alert), oldest first."""
        where, params = self._cluster_where(f)
        where += (" AND " if where else " WHERE ") + (
            "c.id IN (SELECT s.cluster_id FROM event_sources s JOIN articles a "
            "ON a.id = s.article_id WHERE a.run_id > ?)")
        p = self._page(_CLUSTER_COLUMNS, "FROM event_clusters c", (where, [*params, run]),
                       "c.date_start NULLS LAST, c.id", limit, offset)
        return Page(p.total, limit, offset, [_decode_cluster(r) for r in p.items])

    def event(self, cluster_id: str) -> Row:
        """One merged event with every source that reports it."""
        out = _decode_cluster(self._one(
            f"SELECT {_CLUSTER_COLUMNS} FROM event_clusters c WHERE c.id = ?", cluster_id,
            "event"))
        out["sources"] = self._rows(
            "SELECT * EXCLUDE (cluster_id) FROM event_sources WHERE cluster_id = ? "
            "ORDER BY published NULLS LAST, article_id, event_id", [cluster_id])
        out["actors"] = self._rows(
            "SELECT role, resolved_id, name, country, actor FROM event_cluster_actors "
            "WHERE cluster_id = ? ORDER BY role DESC, name", [cluster_id])
        return out

    def _one(self, sql: str, key: str, kind: str) -> Row:
        rows = self._rows(sql, [key])
        if not rows:
            raise StorylineError(ErrorCode.E403, kind=kind, id=key)
        return rows[0]

    def timeline(self, f: Filters, bucket: str) -> list[Row]:
        """Counts of matching merged events per date bucket and quad class (dated events only)."""
        if bucket not in ("day", "week", "month", "year"):
            raise StorylineError(ErrorCode.E404, name="bucket",
                                 detail=f"{bucket!r} (expected day, week, month or year)")
        where, params = self._cluster_where(f)
        where = (where + " AND " if where else " WHERE ") + "c.date_start IS NOT NULL"
        return self._rows(
            f"SELECT date_trunc('{bucket}', c.date_start)::DATE AS bucket, c.quad, "
            f"count(*) AS n FROM event_clusters c{where} GROUP BY ALL ORDER BY bucket, c.quad",
            params)

    def date_range(self, f: Filters) -> tuple[date | None, date | None]:
        where, params = self._cluster_where(f)
        rows = self._exec(
            f"SELECT min(c.date_start), max(c.date_end) FROM event_clusters c{where}", params)
        return (rows[0][0], rows[0][1]) if rows else (None, None)

    def graph(self, f: Filters, limit: int = 100) -> list[Row]:
        """Who acts on whom: source → target actor pairs over matching merged events."""
        where, params = self._cluster_where(f)
        return self._rows(
            f"""WITH c AS (SELECT c.quad, c.score, c.source_ids, c.target_ids
                           FROM event_clusters c{where}),
            by_source AS (SELECT unnest(source_ids) AS source, target_ids, quad, score FROM c),
            pairs AS (SELECT source, unnest(target_ids) AS target, quad, score FROM by_source),
            edges AS (
                SELECT source, target, count(*) AS n,
                       count(*) FILTER (WHERE quad >= 3) AS n_conflict,
                       count(*) FILTER (WHERE quad <= 2) AS n_cooperation, avg(score) AS score
                FROM pairs WHERE source <> target GROUP BY source, target
                ORDER BY n DESC, source, target LIMIT ?)
            SELECT e.source, s.name AS source_name, s.country AS source_country,
                   e.target, t.name AS target_name, t.country AS target_country,
                   e.n, e.n_conflict, e.n_cooperation, e.score
            FROM edges e JOIN resolved_entities s ON s.id = e.source
                 JOIN resolved_entities t ON t.id = e.target
            ORDER BY e.n DESC, e.source, e.target""",
            [*params, limit])

    def places(self, f: Filters, limit: int = 500) -> list[Row]:
        """Places of matching merged events with their counts (geocoded ones only)."""
        where, params = self._cluster_where(f)
        where = (where + " AND " if where else " WHERE ") + "c.lat IS NOT NULL"
        return self._rows(
            f"""SELECT c.place AS name, c.place_country AS country, round(c.lat, 3) AS lat,
                   round(c.lon, 3) AS lon, count(*) AS n,
                   count(*) FILTER (WHERE c.quad >= 3) AS n_conflict
            FROM event_clusters c{where} GROUP BY ALL ORDER BY n DESC, name LIMIT ?""",
            [*params, limit])

    def facets(self, f: Filters) -> dict[str, list[Row]]:
        """Counts per type, status and country over matching merged events (for filters)."""
        where, params = self._cluster_where(f)
        out = {}
        for name, expr in (("type", "c.type"), ("status", "c.status")):
            out[name] = self._rows(f"SELECT {expr} AS value, count(*) AS n FROM event_clusters c"
                                   f"{where} GROUP BY 1 ORDER BY n DESC", params)
        out["country"] = self._rows(
            f"SELECT unnest(c.countries) AS value, count(*) AS n FROM event_clusters c{where} "
            "GROUP BY 1 ORDER BY n DESC LIMIT 60", params)
        return out

    # -- queries: article-level events (raw) ------------------------------------

    def article_events(self, f: Filters, limit: int = 50, offset: int = 0) -> Page:
        """Events as each article states them (before merging), filtered like clusters."""
        where, params = self._cluster_where(f)
        return self._page(
            """s.cluster_id, s.article_id, s.event_id, s.reported_by, s.article_title, s.url,
               s.published, s.status, s.date, s.place, s.killed_min, s.killed_max,
               s.injured_min, s.injured_max, s.trigger_text, s.sentence, e.type, e.mode,
               e.cameo, e.confidence""",
            "FROM event_sources s JOIN events e ON e.article_id = s.article_id "
            "AND e.id = s.event_id",
            (f" WHERE s.cluster_id IN (SELECT c.id FROM event_clusters c{where})", params),
            "s.published NULLS LAST, s.article_id, s.event_id", limit, offset)

    # -- queries: stories, entities, quotes, articles ---------------------------

    def stories(self, f: Filters, limit: int = 50, offset: int = 0) -> Page:
        """Stories (clusters of articles) matching ``f``, most recent first."""
        w = _Where()
        w.like("s.search_text", f.q)
        w.like("s.search_text", f.actor)
        w.add("list_contains(s.countries, ?)", f.country)
        w.add("s.last_date >= ?", f.date_from)
        w.add("s.first_date <= ?", f.date_to)
        w.add("s.id = ?", f.story)
        w.add("s.id IN (SELECT story_id FROM story_articles WHERE article_id = ?)", f.article)
        if f.types or f.statuses or f.place:
            sub, sub_params = self._cluster_where(
                Filters(types=f.types, statuses=f.statuses, place=f.place))
            w.add(f"s.id IN (SELECT c.story_id FROM event_clusters c{sub})", *sub_params)
        return self._page("s.* EXCLUDE (search_text)", "FROM stories s", (w.sql, w.params),
                          "s.last_date DESC NULLS LAST, s.n_articles DESC, s.id", limit, offset)

    def story(self, story_id: str) -> Row:
        out = self._one("SELECT * EXCLUDE (search_text) FROM stories WHERE id = ?", story_id,
                        "story")
        out["articles"] = self._rows(
            "SELECT a.id, a.title, a.source, a.url, a.published FROM story_articles sa "
            "JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = ? "
            "ORDER BY a.published NULLS LAST, a.id", [story_id])
        return out

    def entities(self, f: Filters, entity_type: str | None = None, limit: int = 50,
                 offset: int = 0) -> Page:
        """Entities resolved across the corpus, most frequent first."""
        w = _Where()
        for text in (f.q, f.actor):
            if text:
                w.add("(contains(lower(r.name), ?) OR contains(lower(r.actor), ?) "
                      "OR contains(lower(array_to_string(r.aliases, '|')), ?))",
                      *[text.lower()] * 3)
        w.add("r.type = ?", entity_type.upper() if entity_type else None)
        w.add("r.country = ?", f.country)
        w.add("r.id IN (SELECT l.resolved_id FROM entity_links l JOIN story_articles sa "
              "ON sa.article_id = l.article_id WHERE sa.story_id = ?)", f.story)
        w.add("r.id IN (SELECT resolved_id FROM entity_links WHERE article_id = ?)", f.article)
        return self._page("r.*", "FROM resolved_entities r", (w.sql, w.params),
                          "r.n_articles DESC, r.n_mentions DESC, r.name", limit, offset)

    def entity(self, resolved_id: str) -> Row:
        out = self._one("SELECT * FROM resolved_entities WHERE id = ?", resolved_id, "entity")
        out["articles"] = self._rows(
            "SELECT a.id, a.title, a.published, e.id AS entity_id, e.name, e.roles "
            "FROM entity_links l JOIN entities e ON e.article_id = l.article_id "
            "AND e.id = l.entity_id JOIN articles a ON a.id = l.article_id "
            "WHERE l.resolved_id = ? ORDER BY a.published NULLS LAST, a.id LIMIT 200",
            [resolved_id])
        return out

    def quotes(self, f: Filters, limit: int = 50, offset: int = 0) -> Page:
        """Quotes with their speakers; ``actor``/``country`` select the speaker."""
        w = _Where()
        if f.actor:
            w.add("(contains(lower(coalesce(r.name, e.name, q.speaker_text, '')), ?) "
                  "OR contains(lower(coalesce(q.speaker_text, '')), ?) "
                  "OR contains(lower(coalesce(e.actor, '')), ?) OR r.id = ?)",
                  *[f.actor.lower()] * 3, f.actor)
        w.add("coalesce(r.country, e.country) = ?", f.country)
        w.like("lower(q.text)", f.q)
        w.add("a.published >= ?", f.date_from)
        w.add("a.published <= ?", f.date_to)
        w.add("sa.story_id = ?", f.story)
        w.add("q.article_id = ?", f.article)
        return self._page(
            """q.article_id, q.n, q.start_char, q.end_char, q.text, q.kind, q.speaker,
               coalesce(r.name, e.name) AS speaker_name, q.speaker_text,
               r.id AS speaker_resolved_id, coalesce(r.country, e.country) AS speaker_country,
               q.cue_text, a.title AS article_title, a.published, sa.story_id""",
            """FROM quotes q JOIN articles a ON a.id = q.article_id
            LEFT JOIN entities e ON e.article_id = q.article_id AND e.id = q.speaker
            LEFT JOIN entity_links l ON l.article_id = q.article_id AND l.entity_id = q.speaker
            LEFT JOIN resolved_entities r ON r.id = l.resolved_id
            LEFT JOIN story_articles sa ON sa.article_id = q.article_id""",
            (w.sql, w.params), "a.published NULLS LAST, q.article_id, q.n", limit, offset)

    def articles(self, f: Filters, limit: int = 50, offset: int = 0) -> Page:
        """Articles (without their text) matching ``f``, most recent first."""
        w = _Where()
        if f.q:
            w.add("(contains(lower(a.title), ?) OR contains(lower(a.text), ?))",
                  *[f.q.lower()] * 2)
        if f.actor:
            w.add("a.id IN (SELECT article_id FROM entities WHERE contains(lower(name), ?) "
                  "OR contains(lower(coalesce(actor, '')), ?))",
                  *[f.actor.lower()] * 2)
        w.add("a.id IN (SELECT article_id FROM entities WHERE country = ?)", f.country)
        w.add("a.published >= ?", f.date_from)
        w.add("a.published <= ?", f.date_to)
        w.add("sa.story_id = ?", f.story)
        w.add("a.id = ?", f.article)
        return self._page(
            """a.id, a.title, a.source, a.url, a.published, sa.story_id,
               length(a.text) AS n_chars,
               (SELECT count(*) FROM events e WHERE e.article_id = a.id) AS n_events,
               (SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS n_quotes""",
            "FROM articles a LEFT JOIN story_articles sa ON sa.article_id = a.id",
            (w.sql, w.params), "a.published DESC NULLS LAST, a.id", limit, offset)

    def article(self, article_id: str) -> Row:
        """One article with its text and every span (entities, timexes, quotes, events)."""
        records = self.records([article_id])
        if not records:
            raise StorylineError(ErrorCode.E403, kind="article", id=article_id)
        out = records[0].to_dict()
        out["story_id"] = self._value(
            "SELECT story_id FROM story_articles WHERE article_id = ?", [article_id])
        links = self._rows(
            "SELECT entity_id, resolved_id FROM entity_links WHERE article_id = ?", [article_id])
        resolved = {r["entity_id"]: r["resolved_id"] for r in links}
        for e in out["entities"]:
            e["resolved_id"] = resolved.get(e["id"])
        clusters = self._rows(
            "SELECT event_id, cluster_id FROM event_sources WHERE article_id = ?", [article_id])
        cluster_of = {r["event_id"]: r["cluster_id"] for r in clusters}
        for v in out["events"]:
            v["cluster_id"] = cluster_of.get(v["id"])
        return out

    def runs(self, limit: int = 20) -> list[Row]:
        return self._rows("SELECT * FROM ingest_runs ORDER BY id DESC LIMIT ?", [limit])

    def errors(self, run_id: int | None = None, limit: int = 100) -> list[Row]:
        if run_id is None:
            return self._rows("SELECT * FROM ingest_errors ORDER BY logged_at DESC LIMIT ?",
                              [limit])
        return self._rows("SELECT * FROM ingest_errors WHERE run_id = ? ORDER BY logged_at LIMIT ?",
                          [run_id, limit])

    # -- watching feeds -------------------------------------------------------

    def watch_feed(self, url: str) -> Row | None:
        """The state of a watched feed or sitemap (validators, last check), or None."""
        rows = self._rows("SELECT * FROM watch_feeds WHERE url = ?", [url])
        return rows[0] if rows else None

    def save_watch_feed(self, url: str, *, kind: str | None, etag: str | None,
                        last_modified: str | None, http_status: int | None, ok: bool,
                        code: str | None = None, message: str | None = None,
                        n_entries: int | None = None) -> None:
        """Record one check of a feed: its validators when it answered, else the error
        (``n_failures`` counts checks failed in a row)."""
        now = datetime.now()
        with self._lock:
            self._exec(
                """INSERT INTO watch_feeds (url, kind, etag, last_modified, last_checked, last_ok,
                       http_status, code, message, n_entries, n_failures)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT (url) DO UPDATE SET
                       kind = coalesce(excluded.kind, watch_feeds.kind),
                       etag = CASE WHEN ? THEN excluded.etag ELSE watch_feeds.etag END,
                       last_modified = CASE WHEN ? THEN excluded.last_modified
                                       ELSE watch_feeds.last_modified END,
                       last_checked = excluded.last_checked,
                       last_ok = coalesce(excluded.last_ok, watch_feeds.last_ok),
                       http_status = excluded.http_status, code = excluded.code,
                       message = excluded.message,
                       n_entries = coalesce(excluded.n_entries, watch_feeds.n_entries),
                       n_failures = CASE WHEN ? THEN 0 ELSE watch_feeds.n_failures + 1 END""",
                [url, kind, etag, last_modified, now, now if ok else None, http_status, code,
                 message, n_entries, 0 if ok else 1, ok, ok, ok])

    def watch_feeds(self) -> list[Row]:
        return self._rows("SELECT * FROM watch_feeds ORDER BY url")

    def watch_items_state(self, urls: Iterable[str]) -> dict[str, Row]:
        """``status`` and ``attempts`` of those of ``urls`` already seen."""
        wanted = list(dict.fromkeys(urls))
        if not wanted:
            return {}
        with self._lock:
            self.con.register("_urls", pa.table({"url": wanted}))
            try:
                rows = self._rows("SELECT w.url, w.status, w.attempts, w.article_id "
                                  "FROM watch_items w JOIN _urls USING (url)")
            finally:
                self.con.unregister("_urls")
        return {r["url"]: r for r in rows}

    def save_watch_items(self, items: Sequence[Row]) -> None:
        """Record what happened to feed items (keys: url, feed, title, status, article_id,
        code, message), in one transaction; attempts are counted."""
        now = datetime.now()
        with self.transaction():
            for it in items:
                self._exec(
                    """INSERT INTO watch_items (url, feed, title, first_seen, last_attempt,
                           attempts, status, article_id, code, message)
                       VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?)
                       ON CONFLICT (url) DO UPDATE SET
                           last_attempt = excluded.last_attempt,
                           attempts = watch_items.attempts + 1, status = excluded.status,
                           article_id = excluded.article_id, code = excluded.code,
                           message = excluded.message,
                           title = coalesce(excluded.title, watch_items.title)""",
                    [it["url"], it.get("feed"), it.get("title"), now, now, it["status"],
                     it.get("article_id"), it.get("code"), it.get("message")])

    def watch_items(self, status: str | None = None, limit: int = 100) -> list[Row]:
        """Seen feed items, most recently tried first (``status``: stored, duplicate,
        failed, retry)."""
        if status is None:
            return self._rows("SELECT * FROM watch_items ORDER BY last_attempt DESC, url "
                              "LIMIT ?", [limit])
        return self._rows("SELECT * FROM watch_items WHERE status = ? "
                          "ORDER BY last_attempt DESC, url LIMIT ?", [status, limit])

    # -- alerts ---------------------------------------------------------------

    def add_alert(self, name: str, query: str, filters: str, sink: str,
                  checked_run: int | None = None) -> int:
        """Save an alert (``filters``: the parsed query as JSON; ``checked_run``: the
        last ingest run whose articles it need not look at, None: look at every
        article); returns its id."""
        with self._lock:
            return int(self._value(
                "INSERT INTO alerts (name, query, filters, sink, created_at, checked_run) "
                "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                [name, query, filters, sink, datetime.now(), checked_run]))

    def set_alert_checked(self, alert_id: int, run: int | None) -> None:
        """Record that an alert has seen every article of ingest runs up to ``run`` (None:
        it must look at every article again)."""
        self._exec("UPDATE alerts SET checked_run = ? WHERE id = ?", [run, alert_id])

    def last_run(self) -> int:
        """The id of the last finished ingest run (0 when none)."""
        return int(self._value("SELECT coalesce(max(id), 0) FROM ingest_runs "
                               "WHERE status = 'done'"))

    def alerts(self) -> list[Row]:
        """Every alert with how often it fired and when it last did."""
        return self._rows(
            """SELECT a.*, count(f.id) FILTER (WHERE f.delivered) AS n_fired,
                   max(f.fired_at) FILTER (WHERE f.delivered) AS last_fired,
                   count(f.id) FILTER (WHERE NOT f.delivered) AS n_failed
            FROM alerts a LEFT JOIN alert_firings f ON f.alert_id = a.id
            GROUP BY ALL ORDER BY a.id""")

    def alert(self, alert_id: int) -> Row:
        rows = self._rows("SELECT * FROM alerts WHERE id = ?", [alert_id])
        if not rows:
            raise StorylineError(ErrorCode.E512, id=alert_id)
        return rows[0]

    def remove_alert(self, alert_id: int) -> None:
        """Delete an alert with its firings and what it has seen."""
        self.alert(alert_id)
        with self.transaction():
            for table in ("alert_events", "alert_firings"):
                self._exec(f"DELETE FROM {table} WHERE alert_id = ?", [alert_id])
            self._exec("DELETE FROM alerts WHERE id = ?", [alert_id])

    def alert_seen(self, alert_id: int) -> dict[str, str]:
        """What an alert has reported: article event key (``article/event``) -> fingerprint
        of the merged event it belonged to when it last fired."""
        return {r[0]: r[1] for r in self._exec(
            "SELECT event_key, fingerprint FROM alert_events WHERE alert_id = ?", [alert_id])}

    def event_keys(self, cluster_ids: Sequence[str]) -> dict[str, list[str]]:
        """``article_id/event_id`` of the article events merged into each cluster."""
        if not cluster_ids:
            return {}
        out: dict[str, list[str]] = defaultdict(list)
        with self._lock:
            self.con.register("_ids", pa.table({"id": list(cluster_ids)}))
            try:
                rows = self._exec(
                    "SELECT s.cluster_id, s.article_id || '/' || s.event_id FROM event_sources s "
                    "JOIN _ids ON _ids.id = s.cluster_id ORDER BY 1, 2")
            finally:
                self.con.unregister("_ids")
        for cid, key in rows:
            out[cid].append(key)
        return dict(out)

    def record_firing(self, alert_id: int, cluster_id: str, kind: str, fingerprint: str,
                      payload: str, keys: Sequence[str], error: str | None = None) -> int:
        """Log one firing; when it was delivered (no ``error``), remember the event's keys
        with its fingerprint, so it fires again only when that changes."""
        with self.transaction():
            firing = int(self._value(
                "INSERT INTO alert_firings (alert_id, cluster_id, kind, fingerprint, fired_at, "
                "delivered, error, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                [alert_id, cluster_id, kind, fingerprint, datetime.now(), error is None, error,
                 payload]))
            if error is None:
                for key in keys:
                    self._exec(
                        "INSERT OR REPLACE INTO alert_events VALUES (?, ?, ?, ?, ?)",
                        [alert_id, key, cluster_id, fingerprint, firing])
        return firing

    def remember_events(self, alert_id: int, seen: Sequence[tuple[str, str, Sequence[str]]]
                        ) -> None:
        """Mark merged events (cluster id, fingerprint, keys) as known to an alert without
        firing (what already matched when the alert was added)."""
        with self.transaction():
            for cluster_id, fingerprint, keys in seen:
                for key in keys:
                    self._exec("INSERT OR REPLACE INTO alert_events VALUES (?, ?, ?, ?, NULL)",
                               [alert_id, key, cluster_id, fingerprint])

    def firings(self, alert_id: int | None = None, after: int = 0, limit: int = 100) -> list[Row]:
        """Alert firings newer than firing id ``after``, newest first."""
        w = _Where()
        w.add("f.alert_id = ?", alert_id)
        w.add("f.id > ?", after)
        rows = self._rows(
            f"""SELECT f.*, a.name AS alert_name, a.query AS alert_query
            FROM alert_firings f JOIN alerts a ON a.id = f.alert_id{w.sql}
            ORDER BY f.id DESC LIMIT ?""", [*w.params, limit])
        for r in rows:
            r["payload"] = json.loads(r["payload"]) if r["payload"] else None
        return rows

    # -- changes, for pages that keep up ----------------------------------------

    def updates(self) -> Row:
        """What a page polls to know that something changed: the last finished ingest run,
        the last alert firing, when the corpus tables were last rebuilt, and counts that
        change when an incremental update adds articles to stories and sources to events."""
        row = self._rows(
            """SELECT (SELECT max(id) FROM ingest_runs WHERE status = 'done') AS run,
                   (SELECT max(id) FROM alert_firings WHERE delivered) AS firing,
                   (SELECT value FROM meta WHERE key = 'corpus_built_at') AS corpus_built_at,
                   (SELECT count(*) FROM articles) AS articles,
                   (SELECT count(*) FROM story_articles) AS in_stories,
                   (SELECT count(*) FROM event_clusters) AS events,
                   (SELECT count(*) FROM event_sources) AS sources""")[0]
        row["run"] = row["run"] or 0
        row["firing"] = row["firing"] or 0
        return row

    def cluster_runs(self, cluster_ids: Sequence[str]) -> dict[str, tuple[int, int]]:
        """First and last ingest run that brought a source of each merged event."""
        if not cluster_ids:
            return {}
        with self._lock:
            self.con.register("_ids", pa.table({"id": list(cluster_ids)}))
            try:
                rows = self._exec(
                    "SELECT s.cluster_id, min(a.run_id), max(a.run_id) FROM event_sources s "
                    "JOIN _ids ON _ids.id = s.cluster_id JOIN articles a ON a.id = s.article_id "
                    "GROUP BY 1")
            finally:
                self.con.unregister("_ids")
        return {r[0]: (r[1] or 0, r[2] or 0) for r in rows}

    # -- export -------------------------------------------------------------

    def export_to(self, name: str, path: Path, fmt: str) -> int:
        """Write export ``name`` to ``path`` as parquet, csv or jsonl; returns rows written."""
        options = {"parquet": "FORMAT PARQUET", "csv": "FORMAT CSV, HEADER",
                   "jsonl": "FORMAT JSON"}
        if fmt not in options:
            raise StorylineError(ErrorCode.E302, value=fmt)
        rel_sql = EXPORT_QUERIES.get(name)
        if rel_sql is None:
            raise StorylineError(ErrorCode.E404, name="table",
                                 detail=f"{name!r} (expected one of {', '.join(EXPORT_QUERIES)})")
        with self._lock:
            n = int(self._value(f"SELECT count(*) FROM ({rel_sql})"))
            target = str(path).replace("'", "''")
            self._exec(f"COPY ({rel_sql}) TO '{target}' ({options[fmt]})")
        return n

    def dump_sorted(self, table: str, path: Path) -> int:
        """Write a whole article or corpus table to ``path`` as JSON Lines, rows sorted by
        every column, so two databases can be compared row by row; returns rows written."""
        if table not in ("articles", *ARTICLE_TABLES, *CORPUS_TABLES):
            raise StorylineError(ErrorCode.E404, name="table", detail=repr(table))
        with self._lock:
            target = str(path).replace("'", "''")
            self._exec(f"COPY (SELECT * FROM {table} ORDER BY ALL) TO '{target}' (FORMAT JSON)")
            return int(self._value(f"SELECT count(*) FROM {table}"))

    def gdelt_rows(self) -> list[Row]:
        """Merged events with their first source, for the GDELT-style table."""
        return self._rows(
            f"""SELECT {_CLUSTER_COLUMNS},
                   (SELECT coalesce(s.url, s.article_id) FROM event_sources s
                    WHERE s.cluster_id = c.id ORDER BY s.published NULLS LAST, s.article_id
                    LIMIT 1) AS source_url,
                   (SELECT min(s.published) FROM event_sources s WHERE s.cluster_id = c.id)
                     AS date_added
            FROM event_clusters c ORDER BY c.date_start NULLS LAST, c.id""")

    def cluster_actor_rows(self) -> list[Row]:
        return self._rows("SELECT * FROM event_cluster_actors ORDER BY cluster_id, role, name")

    def source_rows(self) -> list[Row]:
        return self._rows("SELECT * FROM event_sources ORDER BY cluster_id, article_id, event_id")


#: Tables and views ``storyline export`` writes.
EXPORT_QUERIES: dict[str, str] = {
    "articles": "SELECT * FROM articles ORDER BY id",
    "entities": "SELECT e.*, l.resolved_id FROM entities e LEFT JOIN entity_links l "
                "ON l.article_id = e.article_id AND l.entity_id = e.id ORDER BY e.article_id, e.id",
    "resolved_entities": "SELECT * FROM resolved_entities ORDER BY id",
    "timexes": "SELECT * FROM timexes ORDER BY article_id, n",
    "places": "SELECT * FROM places ORDER BY article_id, n",
    "quotes": "SELECT * FROM quotes ORDER BY article_id, n",
    "events": "SELECT e.*, s.cluster_id FROM events e LEFT JOIN event_sources s "
              "ON s.article_id = e.article_id AND s.event_id = e.id ORDER BY e.article_id, e.id",
    "event_clusters": "SELECT * EXCLUDE (search_text, actors_text) FROM event_clusters ORDER BY id",
    "event_sources": "SELECT * FROM event_sources ORDER BY cluster_id, article_id, event_id",
    "stories": "SELECT * EXCLUDE (search_text) FROM stories ORDER BY id",
    "story_articles": "SELECT * FROM story_articles ORDER BY story_id, article_id",
}


def _decode_cluster(row: Row) -> Row:
    raw = row.get("disagreements")
    row["disagreements"] = json.loads(raw) if raw else []
    return row
