"""The event trigger lexicon, loaded from ``resources/en/events/`` (data, not code).

One YAML file per PLOVER type lists its trigger senses: a lemma (or a lemma
phrase) with its part of speech, CAMEO code, PLOVER mode, argument frame and the
conditions under which the word has that sense ("strike" with a labour word in
the sentence is PROTEST; with "air" or "on <target>" it is ASSAULT).
``not_events.yaml`` holds senses that are no event at all ("meeting
expectations"). ``frames.yaml``, ``composition.yaml``, ``status.yaml`` and
``lists.yaml`` hold the argument, composition and status rules; ``cameo.yaml``
(generated) and ``cameo_extra.yaml`` the CAMEO codebook.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

from ...resources import load_yaml

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
TYPE_FILES = tuple(f"events/{t.lower()}.yaml" for t in PLOVER_TYPES)
POS_SECTIONS = {"verbs": "VERB", "nouns": "NOUN", "adjectives": "ADJ"}

#: condition keys that take a word list (lemmas or "@list")
_WORD_CONDITIONS = (
    "object", "object_not", "prep", "prep_not", "particle", "particle_not", "xcomp", "xcomp_not",
    "mark", "modifier", "modifier_not", "context", "context_not", "subject", "subject_not",
    "dep", "dep_not", "prep_object", "prep_object_not", "object_predicate",
)
#: condition keys that take entity labels, or true for any entity
_ENTITY_CONDITIONS = (
    "object_entity", "object_entity_not", "subject_entity", "subject_entity_not",
    "prep_entity", "modifier_entity",
)
#: condition keys that take true/false
_FLAG_CONDITIONS = ("object_none", "complement", "complement_not", "infinitive", "plural",
                    "has_agent", "support_only", "predicate", "small_clause", "passive")
_SENSE_KEYS = frozenset({
    "lemma", "phrase", "pos", "cameo", "mode", "frame", "content", "requires_content",
    "casualty", "confidence", "priority",
    *_WORD_CONDITIONS, *_ENTITY_CONDITIONS, *_FLAG_CONDITIONS,
})
ANY = frozenset({"*"})


class LexiconError(ValueError):
    """A malformed lexicon file (raised at load time, so tests catch it)."""


@dataclass(frozen=True, eq=False)
class Conditions:
    """When a word has a sense: each set condition must hold (see ``triggers``)."""

    words: Mapping[str, frozenset[str]] = field(default_factory=dict)
    entities: Mapping[str, frozenset[str]] = field(default_factory=dict)
    flags: Mapping[str, bool] = field(default_factory=dict)
    priority: int = 0

    @property
    def specificity(self) -> int:
        """Number of positive conditions (plus the entry's priority): a more specific
        sense is tried first."""
        positive = [k for k in self.words if not k.endswith("_not")]
        positive += [k for k in self.entities if not k.endswith("_not")]
        positive += [k for k, v in self.flags.items() if v and k not in {"support_only"}]
        return len(positive) + self.priority


@dataclass(frozen=True, eq=False)
class Sense:
    """One reading of a trigger word (``type`` None: the word is no event here)."""

    key: str
    pos: frozenset[str]
    type: str | None
    cameo: str | None
    mode: str | None
    frame: str
    conditions: Conditions
    phrase: tuple[str, ...] = ()
    content: str | None = None
    requires_content: bool = False
    casualty: str | None = None
    confidence: float = 0.75
    order: int = 0
    #: "lexicon" (hand-written) or "petrarch" (PETRARCH2's verb table, see ``.petrarch``)
    origin: str = "lexicon"

    @property
    def sort_key(self) -> tuple[int, int, int]:
        return (-self.conditions.specificity, self.type is not None, self.order)


@dataclass(frozen=True)
class Frame:
    """Ordered slots where a trigger's source and target are looked for."""

    source: tuple[str, ...]
    target: tuple[str, ...]
    noun_source: tuple[str, ...]
    noun_target: tuple[str, ...]
    place_target: bool = False


@dataclass(frozen=True)
class Lexicon:
    """Everything the event extractor reads from data."""

    senses: Mapping[str, tuple[Sense, ...]]
    phrases: Mapping[str, tuple[Sense, ...]]
    frames: Mapping[str, Frame]
    mode_cues: Mapping[str, Mapping[str, str]]
    cameo: Mapping[str, Mapping[str, Any]]
    lists: Mapping[str, frozenset[str]]
    composition: Mapping[str, Any]
    status: Mapping[str, Any]
    quad_of: Mapping[str, str]
    #: each PLOVER type's default argument frame (its file's ``frame``)
    type_frames: Mapping[str, str] = field(default_factory=dict)

    @cached_property
    def trigger_words(self) -> frozenset[str]:
        """Every word a single-word sense is keyed by."""
        return frozenset(self.senses)

    @cached_property
    def general_codes(self) -> dict[str, str]:
        """Each PLOVER type's most general CAMEO code (the shortest, then the lowest)."""
        out: dict[str, str] = {}
        for code in sorted(self.cameo, key=lambda c: (len(c), c)):
            out.setdefault(str(self.cameo[code].get("type")), code)
        return out

    @cached_property
    def phrase_starts(self) -> frozenset[str]:
        """Every word a phrase sense starts with."""
        return frozenset(self.phrases)

    def senses_for(self, keys: Iterable[str]) -> list[Sense]:
        out: list[Sense] = []
        for k in keys:
            out.extend(self.senses.get(k, ()))
        return sorted(set(out), key=lambda s: s.sort_key)

    @cached_property
    def _named_words(self) -> dict[str, frozenset[str]]:
        out = {k: frozenset(str(v).lower() for v in vs) for k, vs in self.status.items()
               if isinstance(vs, list)}
        out.update(self.lists)
        return out

    def words(self, name: str) -> frozenset[str]:
        """A named word list of ``lists.yaml`` (or of ``status.yaml``)."""
        return self._named_words[name]


def _word_set(value: Any, lists: Mapping[str, frozenset[str]], where: str) -> frozenset[str]:
    items = value if isinstance(value, list) else [value]
    out: set[str] = set()
    for item in items:
        if isinstance(item, bool):
            # YAML reads a bare on/off/yes/no as a boolean: quote such words
            raise LexiconError(f"{where}: {item!r} in a word list (quote on/off/yes/no)")
        text = str(item).lower()
        if text.startswith("@"):
            if text[1:] not in lists:
                raise LexiconError(f"{where}: unknown word list {text!r}")
            out |= lists[text[1:]]
        else:
            out.add(text)
    return frozenset(out)


def _entity_set(value: Any) -> frozenset[str]:
    if value is True:
        return ANY
    items = value if isinstance(value, list) else [value]
    return frozenset(str(v).upper() for v in items)


def _conditions(entry: Mapping[str, Any], lists: Mapping[str, frozenset[str]], where: str) -> Conditions:
    entry = dict(entry)
    if isinstance(entry.get("xcomp"), bool):
        # "xcomp: true" asks for an infinitive complement; "xcomp: [words]" for one of these verbs
        entry["infinitive"] = entry.pop("xcomp")
    words = {k: _word_set(entry[k], lists, where) for k in _WORD_CONDITIONS if k in entry}
    entities = {k: _entity_set(entry[k]) for k in _ENTITY_CONDITIONS if k in entry}
    flags = {k: bool(entry[k]) for k in _FLAG_CONDITIONS if k in entry}
    return Conditions(words, entities, flags, int(entry.get("priority", 0)))


def _sense(entry: Mapping[str, Any], *, ptype: str | None, pos: frozenset[str], frame: str,
           lists: Mapping[str, frozenset[str]], frames: Mapping[str, Frame], order: int,
           where: str) -> Sense:
    unknown = set(entry) - _SENSE_KEYS
    if unknown:
        raise LexiconError(f"{where}: unknown keys {sorted(unknown)}")
    if ("lemma" in entry) == ("phrase" in entry):
        raise LexiconError(f"{where}: give exactly one of lemma or phrase")
    frame_name = str(entry.get("frame", frame))
    if frame_name not in frames:
        raise LexiconError(f"{where}: unknown frame {frame_name!r}")
    phrase = tuple(str(entry["phrase"]).lower().split()) if "phrase" in entry else ()
    key = phrase[0] if phrase else str(entry["lemma"]).lower()
    cameo = entry.get("cameo")
    return Sense(
        key=key,
        pos=frozenset(entry["pos"]) if "pos" in entry else pos,
        type=ptype,
        cameo=str(cameo) if cameo is not None else None,
        mode=entry.get("mode"),
        frame=frame_name,
        conditions=_conditions(entry, lists, where),
        phrase=phrase,
        content=entry.get("content"),
        requires_content=bool(entry.get("requires_content", False)),
        casualty=entry.get("casualty"),
        confidence=float(entry.get("confidence", 0.75)),
        order=order,
    )


def _frames(data: Mapping[str, Any]) -> dict[str, Frame]:
    defaults = data["defaults"]
    out = {}
    for name, spec in data["frames"].items():
        spec = {**defaults, **(spec or {})}
        # the complement of an event is the last place its target is looked for
        for key in ("target", "noun_target"):
            spec[key] = [s for s in spec[key] if s != "complement"] + (
                ["complement"] if spec.get("complement", True) else [])
        out[name] = Frame(source=tuple(spec["source"]), target=tuple(spec["target"]),
                          noun_source=tuple(spec["noun_source"]), noun_target=tuple(spec["noun_target"]),
                          place_target=bool(spec.get("place_target", False)))
    return out


def build_lexicon(type_files: Iterable[Mapping[str, Any]], not_events: Mapping[str, Any],
                  lists_data: Mapping[str, Any], frames_data: Mapping[str, Any],
                  composition: Mapping[str, Any], status: Mapping[str, Any],
                  cameo: Mapping[str, Mapping[str, Any]]) -> Lexicon:
    """Assemble a :class:`Lexicon` from parsed data files (validated)."""
    lists = {k: frozenset(str(w).lower() for w in v) for k, v in lists_data.items()}
    frames = _frames(frames_data)
    senses: list[Sense] = []
    mode_cues: dict[str, dict[str, str]] = {}
    type_frames: dict[str, str] = {}
    order = 0
    for data in type_files:
        ptype = data.get("type")
        if ptype not in PLOVER_TYPES:
            raise LexiconError(f"unknown PLOVER type {ptype!r}")
        mode_cues[ptype] = {str(k).lower(): str(v) for k, v in (data.get("mode_cues") or {}).items()}
        type_frames[ptype] = str(data.get("frame", "act"))
        for section, pos in POS_SECTIONS.items():
            for i, entry in enumerate(data.get(section) or []):
                order += 1
                where = f"{ptype.lower()}.yaml {section}[{i}]"
                sense = _sense(entry, ptype=ptype, pos=frozenset({pos}), frame=data.get("frame", "act"),
                               lists=lists, frames=frames, order=order, where=where)
                if sense.cameo is not None and sense.cameo not in cameo:
                    raise LexiconError(f"{where}: CAMEO code {sense.cameo} not in the codebook")
                senses.append(sense)
    for i, entry in enumerate(not_events.get("senses") or []):
        order += 1
        senses.append(_sense(entry, ptype=None, pos=frozenset(entry.get("pos") or ["VERB", "NOUN"]),
                             frame="act", lists=lists, frames=frames, order=order,
                             where=f"not_events.yaml senses[{i}]"))
    by_key: dict[str, list[Sense]] = {}
    by_phrase: dict[str, list[Sense]] = {}
    for s in senses:
        (by_phrase if s.phrase else by_key).setdefault(s.key, []).append(s)
    quad_of = {t: quad for quad, types in composition["quads"].items() for t in types}
    return Lexicon(
        senses={k: tuple(sorted(v, key=lambda s: s.sort_key)) for k, v in by_key.items()},
        phrases={k: tuple(sorted(v, key=lambda s: -len(s.phrase))) for k, v in by_phrase.items()},
        frames=frames, mode_cues=mode_cues, cameo=cameo, lists=lists,
        composition=composition, status=status, quad_of=quad_of, type_frames=type_frames,
    )


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The English event lexicon (loaded once per process)."""
    cameo = {**load_yaml("events/cameo.yaml"), **load_yaml("events/cameo_extra.yaml")}
    return build_lexicon(
        [load_yaml(f) for f in TYPE_FILES],
        load_yaml("events/not_events.yaml"),
        load_yaml("events/lists.yaml"),
        load_yaml("events/frames.yaml"),
        load_yaml("events/composition.yaml"),
        load_yaml("events/status.yaml"),
        {str(k): v for k, v in cameo.items()},
    )
