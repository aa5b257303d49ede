"""The package's layers: every import (lazy ones inside functions too) points down."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "storyline"

#: Rank of each part of the package; a module may import only parts of the same or a lower rank.
RANKS: dict[str, float] = {
    "errors": 0, "resources": 0, "sorted_table": 0, "__version__": 0, "settings": 0.1, "sources": 0.2,
    "record": 0.3, "kb": 0.3, "fast_pipes": 0.3, "pool": 0.3,
    "extractors": 1, "extractors.text": 1.0, "extractors.time": 1.1, "extractors.actors": 1.1,
    "extractors.places": 1.2, "extractors.quotes": 1.2, "extractors.events": 1.3,
    "nlp": 2, "article": 3, "cluster": 3.2, "eval": 3.5, "store": 4, "corpus": 5, "ingest": 6,
    "watch": 6.3, "alerts": 6.5,
    "api": 7, "web": 7, "cli": 7.5, "__main__": 8,
}


def _part(module: str) -> str:
    """``storyline.extractors.time.tagger`` -> ``extractors.time``; ``storyline.store.db`` -> ``store``."""
    parts = module.split(".")[1:]
    if parts[:1] == ["extractors"] and len(parts) > 1:
        return ".".join(parts[:2])
    return parts[0]


def _imports(path: Path) -> list[tuple[str, int]]:
    """Absolute ``storyline.…`` modules that the file imports, with line numbers."""
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    package = list(rel.parts)[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            target = ".".join(base + ([node.module] if node.module else []))
            if node.module is None:
                found += [(f"{target}.{a.name}", node.lineno) for a in node.names]
            else:
                found.append((target, node.lineno))
        elif isinstance(node, ast.Import):
            found += [(a.name, node.lineno) for a in node.names]
    return [(t, line) for t, line in found if t.startswith("storyline.")]


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if p != PACKAGE / "__init__.py")


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_layers_imports_point_down(path: Path) -> None:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    here = _part(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    assert here in RANKS, f"{here} has no rank in RANKS"
    for target, line in _imports(path):
        there = _part(target)
        assert there in RANKS, f"{path.name}:{line} imports {target}, which has no rank"
        assert RANKS[there] <= RANKS[here], (
            f"{path.relative_to(PACKAGE)}:{line}: {here} imports {target} from a higher layer")


def test_layers_store_imports_nothing_from_corpus() -> None:
    for path in (PACKAGE / "store").rglob("*.py"):
        assert not [t for t, _ in _imports(path) if _part(t) in ("corpus", "ingest")], path.name
