"""scripts/event_article_misses.py: reading the missed gold events of a verbose score."""

from __future__ import annotations

from pathlib import Path

from .conftest import load_script

VERBOSE = """\
$ .venv/bin/storyline extract --published 1998-02-13 build/splits/articles_timebank/A1.txt
   exit 0 in 2.4s
events
  missed (2):
    - T1 ASSAULT ['rebels'] -> ['army'] None: closest v1 ASSAULT rebels -> - None occurred fails target
    - T3 CONSULT ['X'] -> ['Y'] 1998-02-12
  output events matching no gold event (1):
    - v2 REQUEST - -> Y 1998-02-13 occurred
$ .venv/bin/storyline extract --published 1998-02-14 build/splits/articles_timebank/A2.txt
events
  output events matching no gold event (1):
    - v1 AGREE X -> Y 1998-02-14 occurred
"""


def test_event_article_misses_reads_missed_ids_per_article(tmp_path: Path) -> None:
    script = load_script("event_article_misses")
    verbose = tmp_path / "verbose.txt"
    verbose.write_text(VERBOSE, encoding="utf-8")
    assert script.missed_events(verbose) == {
        ("build/splits/articles_timebank/A1.txt", "1998-02-13"): ["T1", "T3"]}
