"""Worker processes that never lose an item and never hang: an ordered map over chunks.

:func:`ordered_map` sends chunks of items to worker processes and yields one result per
item, in input order:

- each item's result travels back pickled on its own, so a result that cannot be sent
  (or received) fails that item alone;
- a worker function that raises fails the items of its chunk, each one named;
- a worker process that dies (killed, out of memory, a crash in native code) breaks the
  pool: a new pool starts, the chunk that was first in line is run again one item at a
  time (so the item that kills a worker is found and reported) and the other chunks in
  flight are run again as they were.

At most ``window`` chunks are in flight, so memory does not grow with the number of items.
Workers are forked: what the parent loaded before the first chunk (a spaCy pipeline) is
shared, and the initializer runs once per worker process, not per chunk. A worker whose
parent is killed ends itself within a second.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: ``work(chunk)`` returns one result per item of the chunk, in order.
Work = Callable[[list[T]], Sequence[R]]
#: ``failed(item, reason)`` is the result that stands for an item that could not be processed.
Failed = Callable[[T, str], R]


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


def _run_chunk(work: Work[T, R], failed: Failed[T, R], chunk: list[T]) -> list[bytes]:
    """In the worker: the chunk's results, each pickled on its own."""
    try:
        results = list(work(chunk))
        if len(results) != len(chunk):
            raise RuntimeError(f"{len(results)} results for {len(chunk)} items")
    except Exception as exc:
        results = [failed(item, _describe(exc)) for item in chunk]
    payloads = []
    for item, result in zip(chunk, results, strict=True):
        try:
            payloads.append(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
        except Exception as exc:
            payloads.append(pickle.dumps(failed(item, f"its result could not be sent back "
                                                      f"from the worker ({_describe(exc)})")))
    return payloads


def _exit_with_parent(parent: int) -> None:
    """In a worker: end this process when the parent is gone (killed with SIGKILL, a
    worker would otherwise wait on its queue for ever)."""
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:
            os._exit(1)


def _start_worker(parent: int, initializer: Callable[..., None] | None,
                  initargs: tuple[Any, ...]) -> None:
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    if initializer is not None:
        initializer(*initargs)


class _Pool(Generic[T, R]):
    """A process pool that can be replaced when one of its workers dies."""

    def __init__(self, processes: int, work: Work[T, R], failed: Failed[T, R],
                 initializer: Callable[..., None] | None, initargs: tuple[Any, ...]) -> None:
        self.processes, self.work, self.failed = processes, work, failed
        self.initializer, self.initargs = initializer, initargs
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.processes, mp_context=multiprocessing.get_context("fork"),
                                   initializer=_start_worker,
                                   initargs=(os.getpid(), self.initializer, self.initargs))

    def submit(self, chunk: list[T]) -> Future[list[bytes]]:
        return self.executor.submit(_run_chunk, self.work, self.failed, chunk)

    def restart(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = self._start()

    def results(self, chunk: list[T], future: Future[list[bytes]]) -> list[R]:
        """The chunk's results from its future; raises BrokenProcessPool if a worker died."""
        try:
            payloads = future.result()
        except BrokenProcessPool:
            raise
        except Exception as exc:  # the chunk could not be sent to a worker
            return [self.failed(item, _describe(exc)) for item in chunk]
        out = []
        for item, payload in zip(chunk, payloads, strict=True):
            try:
                out.append(pickle.loads(payload))
            except Exception as exc:
                out.append(self.failed(item, f"its result could not be read ({_describe(exc)})"))
        return out

    def one_at_a_time(self, chunk: list[T]) -> Iterator[R]:
        """A chunk whose worker died, run again item by item in a fresh pool."""
        for item in chunk:
            try:
                yield from self.results([item], self.submit([item]))
            except BrokenProcessPool:
                yield self.failed(item, "the worker process died while extracting it "
                                        "(killed, out of memory, or a crash in native code)")
                self.restart()


def ordered_map(work: Work[T, R], chunks: Iterable[list[T]], *, processes: int,
                failed: Failed[T, R], initializer: Callable[..., None] | None = None,
                initargs: tuple[Any, ...] = (), window: int | None = None) -> Iterator[R]:
    """One result per item of ``chunks``, in input order, computed in ``processes`` workers.

    ``work`` and ``failed`` must be picklable (module-level functions, or partials of them).
    Nothing an item does can stop the others: see the module docstring.
    """
    window = max(window or 2 * processes, 1)
    pool: _Pool[T, R] = _Pool(processes, work, failed, initializer, initargs)
    pending: deque[tuple[list[T], Future[list[bytes]]]] = deque()
    source = iter(chunks)
    try:
        while True:
            while len(pending) < window and (chunk := next(source, None)) is not None:
                pending.append((chunk, pool.submit(chunk)))
            if not pending:
                return
            chunk, future = pending.popleft()
            try:
                results = pool.results(chunk, future)
            except BrokenProcessPool:
                pool.restart()
                yield from pool.one_at_a_time(chunk)
                pending = deque((c, pool.submit(c)) for c, _ in pending)
                continue
            yield from results
    finally:
        for _, future in pending:
            future.cancel()
        pool.executor.shutdown(wait=True, cancel_futures=True)
