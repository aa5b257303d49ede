"""The corpus store: ingest article records into DuckDB, query and export them.

Library first: the CLI (``storyline ingest``, ``events`` …) and the HTTP API
call these functions. All SQL lives in :mod:`storyline.store.db`.
"""

from __future__ import annotations

from pathlib import Path

from .. import settings
from .db import Database, Page
from .filters import Filters, page
from .ingest import IngestReport, ingest, rebuild_corpus, store_records


def open_db(path: str | Path | None = None, *, read_only: bool = False) -> Database:
    """Open (creating and migrating) the corpus database: ``path``, else ``STORYLINE_DB``,
    else ``./storyline.duckdb``."""
    return Database(settings.get("db", str(path) if path is not None else None),
                    read_only=read_only)


__all__ = ["Database", "Filters", "IngestReport", "Page", "ingest", "open_db", "page",
           "rebuild_corpus", "store_records"]
