"""The corpus store: article records and corpus tables in DuckDB, queried and exported.

Library first: the CLI (``storyline events``, ``timeline`` …) and the HTTP API
call these functions. All SQL lives in :mod:`storyline.store.db`. Running an
ingest (extract, store, update the corpus tables) is :mod:`storyline.ingest`,
which sits above both this package and :mod:`storyline.corpus`.
"""

from __future__ import annotations

from pathlib import Path

from .. import settings
from .db import Database, Integrity, Page
from .filters import Filters, page


def open_db(path: str | Path | None = None, *, read_only: bool = False) -> Database:
    """Open (creating and migrating) the corpus database: ``path``, else ``STORYLINE_DB``,
    else ``./storyline.duckdb``."""
    return Database(settings.get("db", str(path) if path is not None else None),
                    read_only=read_only)


__all__ = ["Database", "Filters", "Integrity", "Page", "open_db", "page"]
