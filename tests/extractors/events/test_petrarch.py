"""PETRARCH2's verb table: the generated file, its readings, and its regeneration."""

from __future__ import annotations

from pathlib import Path

from storyline.extractors.events.petrarch import TABLE_RESOURCE, verb_table
from storyline.resources import path as resource_path

from ...conftest import load_script


def _builder():
    return load_script("build_petrarch_verbs")


def test_petrarch_reading_of_a_verb_and_its_object() -> None:
    table = verb_table()
    assert table.plover(table.reading("condemn")[1]) == "ACCUSE"     # type: ignore[index]
    # an object pattern of the verb's group wins over the verb's own code
    group, code = table.reading("impose", ["curfew"])                  # type: ignore[misc]
    assert table.plover(code) == "COERCE" and group == "impose"
    assert table.reading("frobnicate") is None


def test_petrarch_parse_reads_groups_verbs_and_patterns() -> None:
    text = "\n".join([
        "&WEAPON", "+GUN", "+ROCKETS", "", "####### VERB PATTERNS #######",
        "---  BLAME   [112]  ---", "ACCUSE [112]", "CONDEMN [111]", "CHARGE",
        "- * {TERRORIST ATTACK}            [018]         # CONDEMN",
        "- * &WEAPON                       [190]         # CHARGE",
        "- * (FOR VIOLATING)               [1122]        # CENSURE",
        "- SYMBOLICALLY *                  [---]         # CHARGE",
        "######## TRANSFORMATIONS ##########",
    ])
    groups, verbs = _builder().parse(text)
    assert verbs == {"accuse": ("blame", "112"), "condemn": ("blame", "111"), "charge": ("blame", "112")}
    assert groups["blame"]["objects"] == {"attack": "018", "gun": "190", "rocket": "190"}


def test_petrarch_table_regenerates(shared_dir: Path) -> None:
    source = shared_dir / "data" / "lexicons" / "petrarch2" / "CAMEO.2.0.txt"
    text = _builder().build(source.read_text(encoding="utf-8", errors="replace"))
    assert text == resource_path(TABLE_RESOURCE).read_text(encoding="utf-8")
