"""Group actors: groups of people named by a common noun that an event takes as actor.

"Police fired tear gas", "the court sentenced him", "striking workers protested":
the actor is a group or institution the text names by a common noun, not a name.
Such a noun phrase becomes an entity (type ``GROUP``) only when an event takes it
as its source, so the entity list does not fill with every "officials" an article
mentions:

1. Once the events are decided on the named actors, their arguments are filled again
   (``events.args``, ``groups=True``): a noun phrase whose head is a group noun
   (:func:`group_of`) resolves to a provisional id (:func:`group_id`). Group nouns are
   the CAMEO sector nouns of ``roles.yaml`` ("government", "court", "military",
   "opposition", "authorities") and the person agent nouns of PETRARCH2's agents
   dictionary (``agent_groups.yaml``: "students", "settlers", "workers"). A person noun
   names a group only in the plural ("students", not "a student", who is a person); an
   institution noun in either number.
2. :func:`promote_groups` turns every provisional id an event kept into an entity with
   all mentions of that group in the article (one entity per group noun and country),
   and renumbers the entity ids in order of first mention across the whole record.

The group's country is the dateline's or the article's when the text names none (a
country named with it makes it a nominal actor of its own, see :mod:`.attributes`);
``name`` is the noun phrase without determiner, number or quantity words ("opposition
parties", "striking workers").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from ... import kb
from ...record import Entity, Event, Place, Quote
from .attributes import story_country, token_group
from .mentions import Mention, entity_of

#: prefix of the provisional ids events hold until :func:`promote_groups`
GROUP_PREFIX = "group:"
#: the entity type of a group actor (a storyline type beside the OntoNotes labels)
GROUP_TYPE = "GROUP"
_PLURAL_TAGS = frozenset({"NNS", "NNPS"})
#: modifiers kept in a group's name ("opposition parties", "white farmers", "riot police")
_NAME_DEPS = frozenset({"amod", "compound", "nmod"})
#: adjectives of quantity or sequence that do not say which group it is ("many students")
_QUANTITY = frozenset({
    "many", "several", "some", "other", "more", "most", "few", "numerous", "various", "all",
    "both", "additional", "further", "hundreds", "thousands", "dozens", "scores", "tens",
    "millions", "fellow", "such", "same", "certain", "local", "least", "another", "new",
    "remaining"})
#: words that tell a set apart from others of its kind told before ("eight other students")
_DISTINCT = frozenset({"other", "another", "more", "additional", "further", "new"})


@dataclass(frozen=True)
class GroupNoun:
    """What a group noun phrase names: its sector, the words of its name and its key."""

    name: str
    sector: str
    country: str | None
    start: int
    end: int
    #: a set told apart from the others of its kind ("eight other students"): its own referent
    distinct: bool = False

    @property
    def key(self) -> str:
        return group_id(self.name, self.country, self.end - 1 if self.distinct else None)


def group_id(name: str, country: str | None, at: int | None = None) -> str:
    """Provisional id of a group: its name and country (one referent per article), and the
    head's token for a set told apart from the others of its kind."""
    return f"{GROUP_PREFIX}{country or ''}:{'' if at is None else at}:{name.casefold()}"


def is_group_id(eid: str) -> bool:
    return eid.startswith(GROUP_PREFIX)


def phrase_group(tok: Token) -> kb.Group | None:
    """The group a head names with the modifier right before it, as PETRARCH2's agents
    dictionary lists the pair ("armed men" ARMED_MEN [~UAF], "a rebel group" REBEL_GROUP
    [~REB]): "men" or "group" alone names no kind of people."""
    if tok.i == 0:
        return None
    mod = tok.doc[tok.i - 1]
    if mod.text == "-" and tok.i >= 2:
        # a hyphenated pair ("asylum-seekers") is the same phrase
        mod = tok.doc[tok.i - 2]
    if mod.head != tok or mod.dep_ not in _NAME_DEPS:
        return None
    return kb.group(f"{mod.lower_} {tok.lower_}") or kb.group(f"{mod.lower_} {tok.lemma_.lower()}")


def _is_group_noun(tok: Token) -> kb.Group | None:
    if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ in ("compound", "amod", "nmod"):
        return None
    g = token_group(tok)
    if g is None:
        # a collective head named by its modifier ("armed men"), in either number
        return phrase_group(tok)
    # a person noun in the singular is one person ("a student"), not a group; an
    # institution noun ("the court", "police") is a group in either number
    if g.type != "ORG" and tok.tag_ not in _PLURAL_TAGS and tok.lower_ == g.lemma:
        return None
    return g


def _name_tokens(tok: Token) -> list[Token]:
    """The head with the modifiers that say which group it is, in text order: adjacent
    compounds and adjectives, not determiners, numbers, possessors or quantity words."""
    keep = [tok]
    for c in reversed(list(tok.lefts)):
        if c.text == "-" and c.i == keep[0].i - 1:
            # a hyphenated pair ("asylum-seekers") is one name
            keep.insert(0, c)
            continue
        if c.dep_ not in _NAME_DEPS or c.i != keep[0].i - 1 or c.lower_ in _QUANTITY \
                or c.like_num or c.ent_type_ in ("CARDINAL", "QUANTITY") or not c.is_alpha:
            break
        keep.insert(0, c)
    while keep[0].text == "-":
        keep.pop(0)
    return keep


def group_of(doc: Doc, tok: Token) -> GroupNoun | None:
    """The group a noun phrase headed by ``tok`` names, if its head is a group noun and no
    word of the phrase's name is an entity's mention."""
    g = _is_group_noun(tok)
    if g is None:
        return None
    words = _name_tokens(tok)
    if any(entity_of(doc, w) is not None for w in words):
        return None
    name = "".join((w.text if w.ent_type_ or (w.is_upper and len(w) > 1) else w.lower_) + w.whitespace_
                   for w in words).strip()
    distinct = any(c.lower_ in _DISTINCT for c in tok.lefts)
    return GroupNoun(name, g.sector, story_country(doc), words[0].i, tok.i + 1, distinct)


def known_groups(doc: Doc, entities: Sequence[Entity]) -> dict[str, list[str]]:
    """The nominal actors with a country (``kb.group`` nouns: "Israeli troops", "the
    Philippine police") by their head noun's lemma and by their sector (``"#MIL"``)."""
    by_id = {e.id: e for e in entities}
    out: dict[str, list[str]] = {}
    for m in doc._.mentions or []:
        e = by_id.get(m.entity)
        if m.kind != "description" or e is None or not e.country or e.type == GROUP_TYPE:
            continue
        head = doc[m.end - 1]
        g = token_group(head)
        if g is None:
            continue
        for k in (g.lemma, f"#{g.sector}"):
            if e.id not in out.setdefault(k, []):
                out[k].append(e.id)
    return out


def group_mentions(doc: Doc, keys: Iterable[str]) -> dict[str, list[Span]]:
    """Every mention in the article of the groups ``keys`` (their own noun phrases)."""
    wanted = set(keys)
    found: dict[str, list[Span]] = {k: [] for k in wanted}
    if not wanted:
        return found
    for tok in doc:
        g = group_of(doc, tok)
        if g is not None and g.key in wanted:
            found[g.key].append(doc[g.start:g.end])
    return found


def _group_entity(eid: str, key: str, spans: Sequence[Span]) -> Entity:
    country, _, rest = key.removeprefix(GROUP_PREFIX).partition(":")
    name = rest.partition(":")[2]
    head = spans[0][-1]
    g = token_group(head) or phrase_group(head)
    sector = g.sector if g is not None else None
    shown = next((s.text for s in spans if s.text.casefold() == name), spans[0].text)
    return Entity(id=eid, name=shown, type=GROUP_TYPE, country=country or None,
                  actor=kb.actor_code(country or None, sector),
                  mentions=[(s.start_char, s.end_char) for s in spans])


@dataclass(frozen=True)
class Promoted:
    """The record parts after the group actors became entities (ids renumbered)."""

    entities: list[Entity]
    mentions: list[Mention]
    events: list[Event]
    places: list[Place]
    quotes: list[Quote]


def promote_groups(doc: Doc, entities: Sequence[Entity], mentions: Sequence[Mention],
                   events: Sequence[Event], places: Sequence[Place],
                   quotes: Sequence[Quote]) -> Promoted:
    """Group actors the events kept become entities; every entity id (``e1, e2, …`` in
    order of first mention) is renumbered in all parts of the record."""
    used = [i for ev in events for i in (*ev.source, *ev.target) if is_group_id(i)]
    if not used:
        return Promoted(list(entities), list(mentions), list(events), list(places), list(quotes))
    spans = {k: v for k, v in group_mentions(doc, used).items() if v}
    order: list[tuple[str, Entity | str]] = []
    pending = sorted(spans.items(), key=lambda kv: kv[1][0].start_char)
    for e in entities:
        first = min(e.mentions)[0] if e.mentions else None
        while pending and first is not None and pending[0][1][0].start_char < first:
            order.append((pending[0][0], pending.pop(0)[0]))
        order.append((e.id, e))
    order += [(k, k) for k, _ in pending]
    new_id = {old: f"e{n}" for n, (old, _) in enumerate(order, start=1)}
    out_entities = [item.model_copy(update={"id": new_id[old]}) if isinstance(item, Entity)
                    else _group_entity(new_id[old], item, spans[item]) for old, item in order]
    out_mentions = [replace(m, entity=new_id.get(m.entity, m.entity)) for m in mentions]
    out_mentions += [Mention(s.start, s.end, new_id[k], "description")
                     for k, found in spans.items() for s in found]
    out_mentions.sort(key=lambda m: (m.start, m.end))

    def ids(values: Iterable[str]) -> list[str]:
        out: list[str] = []
        for v in values:
            if v in new_id and new_id[v] not in out:
                out.append(new_id[v])
        return out

    def one(value: str | None) -> str | None:
        return new_id.get(value) if value is not None else None

    def renumbered(ev: Event) -> Event:
        source = ids(ev.source)
        return ev.model_copy(update={
            "source": source, "target": [t for t in ids(ev.target) if t not in source],
            "location": one(ev.location), "attributed_to": one(ev.attributed_to)})

    out_events = [renumbered(ev) for ev in events]
    out_places = [p.model_copy(update={"entity": one(p.entity)}) for p in places]
    out_quotes = [q.model_copy(update={"speaker": one(q.speaker)}) for q in quotes]
    return Promoted(out_entities, out_mentions, out_events, out_places, out_quotes)
