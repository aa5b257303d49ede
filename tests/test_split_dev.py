"""scripts/split_dev.py: the fixed tune/validation split of the dev data."""

from __future__ import annotations

import hashlib
from pathlib import Path

from .conftest import load_script


def _corpus(path: Path, articles: list[str]) -> Path:
    path.write_text("<articles>" + "".join(articles) + "</articles>", encoding="utf-8")
    return path


def test_split_dev_even_positions_are_tune(tmp_path: Path) -> None:
    split = load_script("split_dev")
    corpus = _corpus(tmp_path / "lgl.xml", [f"<article><text>t{i}</text></article>" for i in range(5)])
    assert split.tune_flags(corpus) == [True, False, True, False, True]
    assert split.split_corpus(corpus, tmp_path) == (3, 2)
    assert (tmp_path / "lgl.val.xml").read_text(encoding="utf-8").count("<article>") == 2


def test_split_dev_geovirus_by_source_hash(tmp_path: Path) -> None:
    split = load_script("split_dev")
    sources = ["https://a.example/1", "https://a.example/2", "https://a.example/1"]
    corpus = _corpus(tmp_path / "GeoVirus.xml",
                     [f"<article><source>{s}</source><text>x</text></article>" for s in sources])
    want = [int(hashlib.sha1(s.encode()).hexdigest()[0], 16) % 2 == 0 for s in sources]
    flags = split.tune_flags(corpus)
    assert flags == want and flags[0] == flags[2]  # the parts of one story stay together


def test_split_dev_gold_dir_alternates_by_name(tmp_path: Path) -> None:
    split = load_script("split_dev")
    src = tmp_path / "dev"
    src.mkdir()
    for name in ("b", "a", "c"):
        (src / f"{name}.gold.json").write_text("{}", encoding="utf-8")
        (src / f"{name}.txt").write_text("x", encoding="utf-8")
    assert split.split_gold_dir(src, tmp_path / "out") == (2, 1)
    assert sorted(p.name for p in (tmp_path / "out" / "dev-val").iterdir()) == ["b.gold.json", "b.txt"]
