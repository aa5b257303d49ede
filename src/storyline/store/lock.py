"""Who may open the database file, and how: many readers or one writer, across processes.

DuckDB lets one process open a database file read-write, or many processes open it
read-only, and refuses a conflicting open at once with a lock error. storyline's
processes (``serve``, ``ingest``, ``watch``, the query verbs) take turns instead:
each keeps the file open only for one short session (a query, a batch of
articles, the swap of the corpus tables), under an advisory lock on a side file,
``<database>.lock``: shared for a read session, exclusive for a write session. A
session that cannot have the lock waits for it (up to the ``lock_timeout``
setting, then E407), so nobody sees a lock error, and a reader sees the database
as it was at the last commit.

``flock`` locks belong to an open file, not to a process: two threads of one
process each take their own, and the kernel drops them when a process dies, so a
killed ingest never leaves the database locked.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager

from ..errors import ErrorCode, StorylineError

#: First and longest pause between two tries to take a busy lock, in seconds.
_FIRST_PAUSE, _LONGEST_PAUSE = 0.005, 0.1


def lock_path(db_path: str) -> str:
    return f"{db_path}.lock"


def _open_lock_file(path: str) -> int | None:
    """A descriptor of the lock file (created if missing), or None when it cannot be
    opened (a read-only folder: then a reader goes without, as nobody can write there)."""
    for flags in (os.O_RDWR | os.O_CREAT, os.O_RDONLY):
        try:
            return os.open(path, flags, 0o644)
        except OSError:
            continue
    return None


@contextmanager
def held(db_path: str, *, exclusive: bool, timeout: float) -> Iterator[None]:
    """Hold the database's lock (shared or exclusive) for the block; wait for it up to
    ``timeout`` seconds, then raise E407."""
    fd = _open_lock_file(lock_path(db_path))
    if fd is None:
        if exclusive:
            raise StorylineError(ErrorCode.E401, db_path,
                                 detail=f"cannot create the lock file {lock_path(db_path)}")
        yield
        return
    mode = fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH
    deadline = time.monotonic() + timeout
    pause = _FIRST_PAUSE
    try:
        while True:
            try:
                fcntl.flock(fd, mode | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise StorylineError(ErrorCode.E407, db_path,
                                         seconds=f"{timeout:g}") from None
                time.sleep(pause)
                pause = min(pause * 2, _LONGEST_PAUSE)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock
