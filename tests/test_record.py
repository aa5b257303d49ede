"""The article record: the shipped JSON Schema, and records of every reader validating against it."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from storyline.record import (
    ArticleRecord,
    Entity,
    Event,
    TextSpan,
    json_schema,
    json_schema_text,
    read_records,
)

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _shipped_schema() -> str:
    return resources.files("storyline").joinpath("schema/article-record.schema.json").read_text("utf-8")


def test_record_shipped_schema_is_regenerated_from_models() -> None:
    assert _shipped_schema() == json_schema_text(), "run `make schema` after changing record.py"


def test_record_schema_is_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(json_schema())


def test_record_serializes_spec_shape() -> None:
    rec = ArticleRecord(
        id="abc", source="x.txt", published="2025-04-24", text="Trump told Putin.",
        entities=[Entity(id="e1", name="Trump", type="PERSON", mentions=[(0, 5)])],
        events=[Event(id="v1", type="REQUEST", source=["e1"], target=[],
                      trigger=TextSpan(start=6, end=10, text="told"), sentence=(0, 17),
                      confidence=0.9)],
    )
    data = json.loads(rec.to_json())
    assert data["entities"][0]["mentions"] == [[0, 5]]
    assert data["events"][0]["sentence"] == [0, 17]
    assert data["events"][0]["casualties"] is None
    assert set(data) >= {"id", "source", "title", "url", "published", "text", "entities",
                         "timexes", "places", "quotes", "events"}
    jsonschema.validate(data, json_schema())


def test_record_rejects_unknown_event_type() -> None:
    with pytest.raises(ValueError):
        Event(id="v1", type="PARTY", trigger=TextSpan(start=0, end=1, text="x"),
              sentence=(0, 1), confidence=0.5)


@pytest.mark.model
def test_record_every_reader_output_validates(nlp, tmp_path: Path) -> None:
    from storyline import extract_many
    from storyline.sources import read_inputs

    (tmp_path / "a.txt").write_text("Police arrested 12 protesters in Lagos on Monday.",
                                    encoding="utf-8")
    inputs = [str(EXAMPLES / "articles.jsonl"), str(EXAMPLES / "web"), str(tmp_path / "a.txt")]
    records = [r for r in extract_many(read_inputs(inputs), nlp=nlp)]
    assert len(records) == 9
    validator = jsonschema.Draft202012Validator(json.loads(_shipped_schema()))
    for rec in records:
        assert isinstance(rec, ArticleRecord), rec
        errors = list(validator.iter_errors(json.loads(rec.to_json())))
        assert not errors, (rec.source, errors[:3])


def test_record_read_records_keeps_unicode_line_separators_and_names_bad_lines() -> None:
    good = ArticleRecord(id="a1", source="a1.txt",
                         text="Police fired tear gas.\u2028Protesters fled.\u0085End.")
    text = good.to_json() + "\n\nnot json\n" + json.dumps({"id": 3}) + "\n"
    out = list(read_records(text))
    assert out[0] == (1, good)
    assert [n for n, r in out[1:] if isinstance(r, str)] == [3, 4]
