"""schemathesis against the OpenAPI spec: valid and invalid requests to every operation, no
server error (a few cases per operation here; ``bench/fuzz.py --targets api`` runs more)."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.ingest import store_records
from storyline.store import open_db
from storyline.store.synthetic import sample_corpus

from .fuzz_targets import fuzz_api


@pytest.mark.model
def test_api_fuzz_no_server_errors(tmp_path: Path) -> None:
    with open_db(tmp_path / "api.duckdb") as db:
        store_records(db, sample_corpus())
    run = fuzz_api(str(tmp_path / "api.duckdb"), cases_per_operation=4, derandomize=True)
    assert run.server_errors == []
    assert len(run.cases) >= 30 and sum(run.cases.values()) >= 80
