"""What every article record must satisfy, whatever the input: the JSON Schema, and every
offset inside the text, each span's text the text at its offsets."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

SCHEMA = Path(__file__).resolve().parents[2] / "src" / "storyline" / "schema" / \
    "article-record.schema.json"


@lru_cache(maxsize=1)
def _validator() -> Any:
    import jsonschema

    return jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))


def spans(node: Any) -> list[dict[str, Any]]:
    """Every object with ``start`` and ``end`` in a record (as JSON)."""
    out = []
    if isinstance(node, dict):
        if isinstance(node.get("start"), int) and isinstance(node.get("end"), int):
            out.append(node)
        for value in node.values():
            out += spans(value)
    elif isinstance(node, list):
        for value in node:
            out += spans(value)
    return out


def check_record(record: dict[str, Any]) -> None:
    """Raise AssertionError unless ``record`` is valid (schema, offsets, span texts)."""
    errors = sorted(_validator().iter_errors(record), key=str)
    assert not errors, errors[0].message
    text = record["text"]
    for span in spans(record):
        assert 0 <= span["start"] <= span["end"] <= len(text), span
        if "text" in span and span is not record:
            assert span["text"] == text[span["start"]:span["end"]], span
    for entity in record["entities"]:
        for start, end in entity["mentions"]:
            assert 0 <= start < end <= len(text), entity
