"""Progress of long runs on stderr: a rich progress bar (articles/s, ETA) and a closing summary.

The bar is shown when asked (``--progress``) or when stderr is a terminal, and
never with ``--no-progress``. Its total is counted in a background thread from
the inputs' names and lines (one article per text or HTML file, one per line of
JSON Lines); inputs whose count would need reading them whole (feeds, WARC,
JSON arrays, standard input) leave the total unknown, and the bar then shows
the count and the rate without an ETA.
"""

from __future__ import annotations

import gzip
import sys
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

_ONE_ARTICLE = {".txt", ".text", "", ".html", ".htm", ".xhtml"}
_LINES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")


def _files(path: Path) -> Iterator[Path]:
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            rel = child.relative_to(path)
            if child.is_file() and not any(part.startswith(".") for part in rel.parts):
                yield child
    else:
        yield path


def _lines(path: Path) -> int:
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    with opener(path, "rb") as fh:
        return sum(1 for line in fh if line.strip())


def count_articles(paths: Iterable[str]) -> int | None:
    """How many articles ``paths`` hold, when that can be told without reading them whole."""
    total = 0
    for p in paths:
        if p == "-":
            return None
        for f in _files(Path(p)):
            name = f.name.lower()
            if name.endswith(_LINES):
                try:
                    total += _lines(f)
                except (OSError, EOFError, gzip.BadGzipFile):
                    return None
            elif f.suffix.lower() in _ONE_ARTICLE or not f.exists():
                total += 1  # a missing file is one item too (its error)
            else:
                return None
    return total


class _Rate(ProgressColumn):
    """Articles per second over the run so far."""

    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0.0
        rate = task.completed / elapsed if elapsed > 0 else 0.0
        return Text(f"{rate:.1f} articles/s", style="progress.data.speed")


class ArticleProgress:
    """A progress bar over articles, or nothing when not shown.

    ``update(done, errors)`` moves it; the total is filled in by a background count.
    """

    def __init__(self, what: str, paths: Iterable[str], show: bool | None) -> None:
        self.show = sys.stderr.isatty() if show is None else show
        self.what = what
        self.paths = list(paths)
        self.console = Console(stderr=True)
        self.progress: Progress | None = None
        self.task: TaskID | None = None

    def __enter__(self) -> ArticleProgress:
        if not self.show:
            return self
        self.progress = Progress(
            SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
            MofNCompleteColumn(), _Rate(), TextColumn("{task.fields[errors]} error(s)"),
            TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
            console=self.console, redirect_stderr=True, transient=False)
        self.progress.start()
        self.task = self.progress.add_task(self.what, total=None, errors=0)
        threading.Thread(target=self._count, daemon=True).start()
        return self

    def _count(self) -> None:
        try:
            total = count_articles(self.paths)
        except OSError:
            return
        if total is not None and self.progress is not None and self.task is not None:
            self.progress.update(self.task, total=total)

    def update(self, done: int, errors: int = 0) -> None:
        if self.progress is not None and self.task is not None:
            self.progress.update(self.task, completed=done, errors=errors)

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self.progress is not None:
            self.progress.stop()

    def summary(self, text: str) -> None:
        """The closing line (always printed, bar or not)."""
        self.console.print(text, highlight=False)


def rate(n: int, seconds: float) -> str:
    return f"{seconds:.1f} s, {n / seconds:.1f} articles/s" if seconds > 0 else f"{seconds:.1f} s"
