"""The article record: typed models that serialize exactly to the SPEC's JSON.

Offsets are Python string indices into ``ArticleRecord.text`` (start inclusive,
end exclusive). Country codes are ISO 3166-1 alpha-3; dates are TIMEX3 values.
The JSON Schema shipped in ``storyline/schema/article-record.schema.json`` is
generated from these models (``storyline schema`` prints it).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

EntityType = Literal[
    "PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART",
    "LAW", "LANGUAGE", "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL",
]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
QuoteKind = Literal["direct", "partial", "indirect"]
PloverType = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]
EventStatus = Literal[
    "occurred", "ongoing", "planned", "postponed", "cancelled", "negated", "hypothetical",
]
DateSource = Literal["clause", "sentence", "narrative", "published"]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class TextSpan(_Model):
    """A span of the article text."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class Entity(_Model):
    """One real-world referent of the article, with every mention."""

    id: str = Field(description="Article-local id: e1, e2, ...")
    name: str = Field(description="Fullest form of the name found in the article")
    type: str = Field(description="spaCy/OntoNotes label: PERSON, ORG, GPE, LOC, NORP, FAC, ...")
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-3")
    actor: str | None = Field(default=None, description="CAMEO actor code, e.g. USAGOV")
    roles: list[str] = Field(default_factory=list)
    mentions: list[tuple[int, int]] = Field(default_factory=list)


class Timex(_Model):
    """A time expression with its TIMEX3 type and normalized value."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    type: TimexType
    value: str | None


class Place(_Model):
    """A geocoded place mentioned in the article."""

    entity: str | None = Field(description="Id of the entity this place is")
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None


class Quote(_Model):
    """Reported speech: direct, partial or indirect, with its speaker and cue."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str = Field(description="The quoted or reported content")
    kind: QuoteKind
    speaker: str | None = Field(default=None, description="Entity id of the speaker")
    speaker_text: str | None = Field(default=None, description="The words naming the source")
    cue: TextSpan | None = None


class Count(_Model):
    """A casualty count: ``min`` and/or ``max`` (inclusive bounds)."""

    min: int | None = None
    max: int | None = None


class Casualties(_Model):
    killed: Count | None = None
    injured: Count | None = None
    arrested: Count | None = None


class Event(_Model):
    """A political event coded in PLOVER (with its CAMEO code)."""

    id: str
    type: PloverType
    mode: str | None = None
    cameo: str | None = None
    source: list[str] = Field(default_factory=list, description="Entity ids")
    target: list[str] = Field(default_factory=list, description="Entity ids")
    date: str | None = Field(default=None, description="TIMEX3 value")
    date_source: DateSource | None = Field(
        default=None, description="Where the date came from: the event's clause, its "
        "sentence, the narrative's reference time, or the publication date")
    status: EventStatus = "occurred"
    location: str | None = Field(default=None, description="Entity id of the place")
    attributed_to: str | None = Field(default=None, description="Entity id of the reporter")
    casualties: Casualties | None = None
    trigger: TextSpan
    sentence: tuple[int, int]
    confidence: float = Field(ge=0.0, le=1.0)


class ArticleRecord(_Model):
    """Everything storyline extracts from one article."""

    id: str = Field(description="sha256 of the text, first 16 hex digits, unless the input gives one")
    source: str = Field(description="Path or URL the article came from")
    title: str | None = None
    url: str | None = None
    published: str | None = Field(default=None, description="YYYY-MM-DD")
    published_source: str | None = Field(
        default=None, description="Where the publication date came from, e.g. 'flag', "
        "'json', 'feed', 'html:meta[article:published_time]', 'htmldate'")
    text: str
    entities: list[Entity] = Field(default_factory=list)
    timexes: list[Timex] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)

    def to_json(self) -> str:
        """One JSON object on one line (JSON Lines), non-ASCII kept as is."""
        return self.model_dump_json(exclude_none=False)

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the article record, as shipped with the package."""
    schema = ArticleRecord.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://storyline.invalid/schema/article-record.schema.json"
    return schema


def json_schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def read_records(text: str) -> Iterator[tuple[int, ArticleRecord | str]]:
    """Article records of a JSON Lines text: (line number, record), or (line number,
    why the line is not a record) for a bad line. Blank lines are skipped."""
    from .sources.jsonfile import jsonl_lines

    for n, line in jsonl_lines(text):
        try:
            yield n, ArticleRecord.model_validate_json(line)
        except ValidationError as exc:
            yield n, _first_error(exc)


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(x) for x in err.get("loc", ()))
    return f"{where}: {err['msg']}" if where else str(err["msg"])
