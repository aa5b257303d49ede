"""The event lexicon (data): coverage, validation, and the generated CAMEO table."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
import yaml

from storyline.extractors.events.lexicon import (
    PLOVER_TYPES,
    LexiconError,
    build_lexicon,
    lexicon,
)
from storyline.resources import load_yaml, path

ROOT = Path(__file__).resolve().parents[3]


def test_lexicon_covers_all_plover_types() -> None:
    lex = lexicon()
    by_type: dict[str, set[str]] = {}
    for senses in [*lex.senses.values(), *lex.phrases.values()]:
        for s in senses:
            if s.type:
                by_type.setdefault(s.type, set()).update(s.pos)
    assert set(by_type) == set(PLOVER_TYPES)
    # every type can be told by a verb and by a noun
    assert all({"VERB", "NOUN"} <= pos for pos in by_type.values()), by_type


def test_lexicon_codes_exist_in_codebook() -> None:
    lex = lexicon()
    for senses in lex.senses.values():
        for s in senses:
            assert s.cameo is None or s.cameo in lex.cameo


def test_lexicon_blocker_outranks_event_sense() -> None:
    # "meet" with an expectation as object is no event; with a person it is CONSULT
    senses = lexicon().senses["meet"]
    assert senses[0].type is None


def _minimal(**entry: object) -> dict:
    return {"type": "ASSAULT", "frame": "harm", "verbs": [{"lemma": "bomb", "cameo": "195", **entry}]}


@pytest.mark.parametrize(
    "entry",
    [
        {"prep": [True]},                 # an unquoted on/off/yes/no in YAML
        {"object": "@no_such_list"},
        {"cameo": "999"},
        {"frame": "nonexistent"},
        {"colour": "blue"},
    ],
)
def test_lexicon_rejects_malformed_entries(entry) -> None:
    with pytest.raises(LexiconError):
        build_lexicon([_minimal(**entry)], {}, load_yaml("events/lists.yaml"),
                      load_yaml("events/frames.yaml"), load_yaml("events/composition.yaml"),
                      load_yaml("events/status.yaml"), load_yaml("events/cameo.yaml"))


def _cameo_script():
    spec = importlib.util.spec_from_file_location(
        "build_cameo_table", ROOT / "scripts" / "build_cameo_table.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_lexicon_cameo_table_parses_mapping_lines() -> None:
    table = _cameo_script().parse(
        "0311: AGREE,  ,   economic # Express intent to cooperate economically\n"
        "0813: RETREAT, ,   legal # Ease curfew  21.09.17: \"ease\" is no longer a mode\n"
        "175: ASSAULT, pro_autocracy , military # Use violent repression\n"
        "175: ASSAULT, pro_autocracy , military # Use tactics of violent repression\n")
    assert table["0311"] == {"type": "AGREE", "mode": None, "context": "economic",
                             "description": "Express intent to cooperate economically"}
    assert table["0813"]["description"] == "Ease curfew"
    assert table["175"]["description"] == "Use violent repression"


@pytest.mark.shared
def test_lexicon_cameo_table_is_regenerated_identically(shared_dir: Path, tmp_path: Path) -> None:
    script = _cameo_script()
    out = tmp_path / "cameo.yaml"
    assert script.main(["--source", str(shared_dir / "data" / "plover" / "CAMEO2PLOVER-2021.txt"),
                        "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == path("events/cameo.yaml").read_text(encoding="utf-8"), \
        "rerun scripts/build_cameo_table.py"


class _UniqueKeyLoader(yaml.SafeLoader):
    """A YAML loader that fails on a key given twice in one mapping (PyYAML keeps the last)."""

    def construct_mapping(self, node, deep=False):  # type: ignore[no-untyped-def]
        keys = [self.construct_object(k, deep=deep) for k, _ in node.value]
        repeated = sorted({str(k) for k in keys if keys.count(k) > 1})
        if repeated:
            raise yaml.constructor.ConstructorError(None, None, f"repeated keys {repeated}", node.start_mark)
        return super().construct_mapping(node, deep=deep)


@pytest.mark.parametrize("name", sorted(p.name for p in path("events/lists.yaml").parent.glob("*.yaml")))
def test_lexicon_files_name_each_key_once(name: str) -> None:
    # a list named twice in lists.yaml silently loses the first (the refusal senses once
    # read "@requests" as the petitions an authority grants, not the offers they decline)
    text = path(f"events/{name}").read_text(encoding="utf-8")
    assert yaml.load(text, Loader=_UniqueKeyLoader) is not None
