"""Extraction on a Dask cluster, into Parquet record partitions.

:func:`extract_to_parquet` cuts the inputs into partitions of ``partition_size``
articles, sends each to a Dask worker, which extracts it (loading the pipeline
once per worker process) and writes ``part-NNNNNN.parquet`` into ``out_dir``:
one row per article, the record's scalar fields as columns and its lists
(``entities``, ``timexes``, ``places``, ``quotes``, ``events``) as JSON text, so
DuckDB can query the partitions in place::

    SELECT id, published, json_array_length(events) AS n FROM 'parts/*.parquet'

Partitions come back in input order with the errors of their items; at most
``window`` partitions are in flight, so the client's memory does not grow with the
input. ``out_dir`` must be a path every worker can write and the client can read
(a shared file system on a real cluster). :func:`read_partition` turns a partition
back into the same :class:`ArticleRecord` objects the local path gives.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.parquet as pq

from . import settings
from .article import _chunks
from .errors import ErrorCode, StorylineError
from .record import ArticleRecord
from .sources.base import ArticleInput, ReadResult

if TYPE_CHECKING:
    from distributed import Client, Future, LocalCluster

#: The list fields of a record, stored as JSON text columns.
LIST_FIELDS = ("entities", "timexes", "places", "quotes", "events")

SCHEMA = pa.schema([
    ("id", pa.string()), ("source", pa.string()), ("title", pa.string()), ("url", pa.string()),
    ("published", pa.date32()), ("published_source", pa.string()), ("text", pa.string()),
    ("n_entities", pa.int32()), ("n_events", pa.int32()),
    *((name, pa.string()) for name in LIST_FIELDS),
])


#: Dask config that Dask's nanny turns into the workers' environment: ``None`` leaves
#: ``MALLOC_TRIM_THRESHOLD_`` unset. Dask sets it to 64 KiB so that workers hand freed
#: memory back to the system at once; spaCy makes many small allocations, and with it
#: extraction takes about 15 % longer (docs/store.md, "Dask speed"). glibc's default
#: (dynamic) threshold is what the local path runs with.
WORKER_CONFIG = {"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}


def local_cluster(n_workers: int | None = None) -> LocalCluster:
    """A LocalCluster of ``n_workers`` (default: one per core) single-threaded worker
    processes, set up for extraction (:data:`WORKER_CONFIG`)."""
    import dask
    from distributed import LocalCluster

    with dask.config.set(WORKER_CONFIG):
        return LocalCluster(n_workers=n_workers or settings.processes(), threads_per_worker=1,
                            processes=True, dashboard_address=None)


def connect(address: str) -> Client:
    """A Dask client: ``local`` starts a LocalCluster with one single-threaded worker
    process per core (:func:`local_cluster`); anything else is a scheduler address
    (``tcp://host:8786``)."""
    try:
        from distributed import Client
    except ImportError as exc:  # pragma: no cover - a dependency
        raise StorylineError(ErrorCode.E220, address, detail=str(exc)) from None
    try:
        if address == "local":
            return Client(local_cluster())
        return Client(address, timeout=30)
    except (OSError, TimeoutError, ValueError) as exc:
        raise StorylineError(ErrorCode.E220, address, detail=str(exc)) from None


def record_row(r: ArticleRecord) -> dict[str, Any]:
    """One Parquet row of a record."""
    data = r.to_dict()
    row = {k: data[k] for k in ("id", "source", "title", "url", "published_source", "text")}
    row["published"] = date.fromisoformat(r.published) if r.published else None
    row["n_entities"] = len(r.entities)
    row["n_events"] = len(r.events)
    for name in LIST_FIELDS:
        row[name] = json.dumps(data[name], ensure_ascii=False)
    return row


def record_of(row: dict[str, Any]) -> ArticleRecord:
    """The record of one Parquet row (inverse of :func:`record_row`)."""
    data = {k: row[k] for k in ("id", "source", "title", "url", "published_source", "text")}
    data["published"] = row["published"].isoformat() if row["published"] else None
    for name in LIST_FIELDS:
        data[name] = json.loads(row[name])
    return ArticleRecord.model_validate(data)


def write_partition(records: list[ArticleRecord], path: Path) -> None:
    """Write ``records`` as one Parquet file (atomically: a partial file is never left)."""
    table = pa.Table.from_pylist([record_row(r) for r in records], schema=SCHEMA)
    tmp = path.with_suffix(".parquet.tmp")
    pq.write_table(table, tmp)
    tmp.replace(path)


def read_partition(path: Path) -> Iterator[ArticleRecord]:
    """The records of one partition, in their order."""
    for batch in pq.ParquetFile(path).iter_batches(batch_size=256):
        for row in batch.to_pylist():
            yield record_of(row)


@dataclass
class Partition:
    """One partition's outcome: where its records are, how many, and its failed items."""

    index: int
    path: Path
    records: int
    errors: list[StorylineError] = field(default_factory=list)


def _extract_partition(index: int, items: list[ReadResult], out_dir: str, model: str,
                       batch_size: int) -> Partition:
    """On a worker: extract one partition and write it (the pipeline is loaded once per
    worker process and cached)."""
    from .article import extract_many
    from .nlp import load_pipeline

    records: list[ArticleRecord] = []
    errors: list[StorylineError] = []
    for result in extract_many(items, nlp=load_pipeline(model), batch_size=batch_size):
        (errors if isinstance(result, StorylineError) else records).append(result)  # type: ignore[arg-type]
    path = Path(out_dir) / f"part-{index:06d}.parquet"
    write_partition(records, path)
    return Partition(index, path, len(records), errors)


#: Articles per partition: a few seconds of work, so the workers finish close together
#: (a run ends when its slowest worker does), yet enough that scheduling a task and
#: writing its Parquet file cost little.
PARTITION = 64


def extract_to_parquet(client: Client, items: Iterable[ReadResult], out_dir: Path, *,
                       model: str | None = None, batch_size: int | None = None,
                       partition_size: int = PARTITION, window: int | None = None
                       ) -> Iterator[Partition]:
    """Extract ``items`` on the cluster into Parquet partitions in ``out_dir``; yields each
    :class:`Partition` in input order. A partition whose task fails (its worker died,
    say) reports each of its articles with E221; the others go on."""
    out_dir.mkdir(parents=True, exist_ok=True)
    model_name = settings.get("model", model)
    size = max(int(settings.get("batch_size", batch_size)), 1)
    workers = max(len(client.scheduler_info().get("workers", {})), 1)
    window = window or 2 * workers
    pending: deque[tuple[list[ReadResult], Future]] = deque()
    parts = enumerate(_chunks(items, partition_size))
    while True:
        while len(pending) < window and (nxt := next(parts, None)) is not None:
            index, part = nxt
            pending.append((part, client.submit(_extract_partition, index, part, str(out_dir),
                                                model_name, size, pure=False)))
        if not pending:
            return
        part, future = pending.popleft()
        try:
            yield future.result()
        except Exception as exc:
            yield Partition(-1, out_dir, 0, [_lost(item, exc) for item in part])
        finally:
            future.release()


def _lost(item: ReadResult, exc: Exception) -> StorylineError:
    if isinstance(item, StorylineError):
        return item
    return StorylineError(ErrorCode.E221, item.location, article=item.article_id,
                          detail=f"{type(exc).__name__}: {exc}")


def extract_results(client: Client, items: Iterable[ReadResult], out_dir: Path, **options: Any
                    ) -> Iterator[ArticleRecord | StorylineError]:
    """Records (read back from their partitions) and errors, partition by partition in
    input order (within a partition, records first): what :func:`storyline.ingest.ingest`
    stores."""
    for part in extract_to_parquet(client, items, out_dir, **options):
        if part.records:
            yield from read_partition(part.path)
        yield from part.errors


__all__ = ["ArticleInput", "Partition", "connect", "extract_results", "extract_to_parquet",
           "local_cluster", "read_partition", "record_of", "record_row"]
