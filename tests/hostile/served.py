"""`storyline serve` in a subprocess, for the tests that need a real server."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def get(url: str) -> tuple[int, Any]:
    """Status and JSON body of a GET."""
    try:
        with urllib.request.urlopen(url, timeout=60) as res:
            return res.status, json.loads(res.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read() or b"{}")


def storyline(*args: str) -> list[str]:
    return [sys.executable, "-m", "storyline", *args]


@contextmanager
def serving(db: Path, *args: str) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """``storyline serve --db DB ARGS`` on a free port: its base URL and process; stopped
    (and its stderr checked for tracebacks) at the end."""
    port = free_port()
    server = subprocess.Popen(storyline("serve", "--db", str(db), "--port", str(port), *args),
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONUNBUFFERED": "1"})
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if get(base + "/api/health")[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline and server.poll() is None, "server did not start"
            time.sleep(0.2)
        yield base, server
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert "Traceback" not in (server.stderr.read() if server.stderr else "")
