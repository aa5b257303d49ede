"""Where an alert writes its firings: standard output, a JSON Lines file, or a webhook.

A sink is stored as text: ``stdout``, ``jsonl:/abs/path/alerts.jsonl`` or
``webhook:https://host/path``. Each firing is one JSON object (one line on stdout
and in the file; the body of a POST to the webhook).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, TextIO

from ..errors import ErrorCode, StorylineError
from ..watch.fetch import Fetcher, check_url


def parse_sink(value: str | None) -> str:
    """The stored form of ``--to``: ``stdout`` (or ``-``, or nothing), an http(s) URL (a
    webhook), else a file path (JSON Lines, made absolute); E510 when unusable."""
    raw = (value or "stdout").strip()
    if raw in ("stdout", "-"):
        return "stdout"
    if raw.startswith(("http://", "https://")):
        try:
            check_url(raw)
        except StorylineError as err:
            raise StorylineError(ErrorCode.E510, sink=raw, detail=err.message) from None
        return f"webhook:{raw}"
    if "://" in raw:
        raise StorylineError(ErrorCode.E510, sink=raw,
                             detail="expected stdout, a file path or an http(s) URL")
    path = Path(raw.removeprefix("jsonl:")).expanduser().resolve()
    if path.is_dir():
        raise StorylineError(ErrorCode.E510, sink=raw, detail="is a directory")
    return f"jsonl:{path}"


class Sinks:
    """Delivers firings; opens the webhook client only when a webhook is used."""

    def __init__(self, out: TextIO | None = None, fetcher: Fetcher | None = None) -> None:
        self.out = out
        self._fetcher = fetcher

    def deliver(self, sink: str, payload: dict[str, Any]) -> None:
        """Write ``payload`` to ``sink``; E511 saying why when it cannot."""
        line = json.dumps(payload, ensure_ascii=False, default=str)
        kind, _, target = sink.partition(":")
        try:
            if kind == "stdout":
                out = self.out or sys.stdout
                out.write(line + "\n")
                out.flush()
            elif kind == "jsonl":
                path = Path(target)
                path.parent.mkdir(parents=True, exist_ok=True)
                with path.open("a", encoding="utf-8") as fh:
                    fh.write(line + "\n")
            elif kind == "webhook":
                if self._fetcher is None:
                    self._fetcher = Fetcher()
                self._fetcher.post_json(target, payload)
            else:
                raise StorylineError(ErrorCode.E510, sink=sink, detail="unknown kind of sink")
        except OSError as exc:
            raise StorylineError(ErrorCode.E511, target or sink,
                                 detail=exc.strerror or str(exc)) from None
        except StorylineError as err:
            if err.code is ErrorCode.E510:
                raise
            raise StorylineError(ErrorCode.E511, target or sink, detail=err.message) from None

    def close(self) -> None:
        if self._fetcher is not None:
            self._fetcher.close()
