"""The worker pool: results in order, one result per item, whatever an item does."""

from __future__ import annotations

import itertools
import os
import threading
from functools import partial

from storyline.pool import ordered_map


def _failed(item: object, reason: str) -> str:
    return f"failed {item}: {reason}"


def _square(chunk: list[int]) -> list[object]:
    out: list[object] = []
    for n in chunk:
        if n == 13:
            out.append(threading.Lock())  # a result that cannot be pickled
        elif n == 66:
            os._exit(3)  # the worker process dies
        else:
            out.append(n * n)
    return out


def _raise_on(bad: int, chunk: list[int]) -> list[int]:
    if bad in chunk:
        raise ValueError(f"cannot take {bad}")
    return [n * n for n in chunk]


def _chunks(items: list[int], size: int) -> list[list[int]]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def test_pool_results_in_input_order() -> None:
    items = list(range(20, 60))
    out = list(ordered_map(_square, _chunks(items, 4), processes=2, failed=_failed))
    assert out == [n * n for n in items]


def test_pool_a_raising_chunk_fails_its_items_only() -> None:
    out = list(ordered_map(partial(_raise_on, 7), _chunks(list(range(12)), 3), processes=2,
                           failed=_failed))
    assert out[:6] == [0, 1, 4, 9, 16, 25] and out[9:] == [81, 100, 121]
    assert out[6:9] == [f"failed {n}: ValueError: cannot take 7" for n in (6, 7, 8)]


def test_pool_an_unpicklable_result_fails_that_item_only() -> None:
    out = list(ordered_map(_square, _chunks(list(range(10, 17)), 3), processes=2, failed=_failed))
    assert out[:3] == [100, 121, 144] and out[4:] == [196, 225, 256]
    assert out[3].startswith("failed 13: its result could not be sent back from the worker")


def test_pool_a_dying_worker_fails_that_item_only_and_the_run_goes_on() -> None:
    items = list(range(60, 75))
    out = list(ordered_map(_square, _chunks(items, 4), processes=2, failed=_failed))
    assert len(out) == len(items)
    assert out[6].startswith("failed 66: the worker process died")
    assert [o for k, o in enumerate(out) if k != 6] == [n * n for n in items if n != 66]


def test_pool_reads_its_input_lazily() -> None:
    endless = ([n] for n in itertools.count())
    out = list(itertools.islice(ordered_map(_square, endless, processes=2, failed=_failed,
                                            window=3), 5))
    assert out == [0, 1, 4, 9, 16]


_ORPHAN_SCRIPT = """
import os, sys, time
from storyline.pool import ordered_map

def work(chunk):
    os.write(1, f"{os.getpid()}\\n".encode())  # one write: the two workers print at once
    time.sleep(60)
    return chunk

def failed(item, reason):
    return None

for _ in ordered_map(work, ([i] for i in range(2)), processes=2, failed=failed):
    pass
"""


def _running(pid: int) -> bool:
    """The process exists and is not a zombie (Linux /proc)."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split()[2] != "Z"
    except FileNotFoundError:
        return False


def test_pool_workers_end_when_the_parent_is_killed(tmp_path) -> None:
    import signal
    import subprocess
    import sys
    import time

    script = tmp_path / "orphans.py"
    script.write_text(_ORPHAN_SCRIPT, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    workers = [int(proc.stdout.readline()) for _ in range(2)]
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 10
    alive = workers
    while alive and time.monotonic() < deadline:
        time.sleep(0.2)
        alive = [pid for pid in workers if _running(pid)]
    assert not alive, f"workers {alive} outlived their parent"
