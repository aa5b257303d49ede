"""A trained chooser of event arguments: which entity of the sentence is the source,
which the target.

The rules of :mod:`.args` read the arguments off the trigger's frame; where no
slot of the frame names an entity they leave the side empty, and where the
parser hung a phrase elsewhere they take another entity. The chooser scores
every entity the event's sentence mentions (by name, pronoun or description;
the dateline excluded) for each role with a logistic regression over cheap
features of the parse: the dependency path from the trigger to the mention
(labels, length, the clause links it crosses, the preposition it goes
through), the trigger's voice and part of speech, the mention's position and
kind, the entity's label, the event's type and frame, and whether the rules
chose the entity for either side.

It is used conservatively (:meth:`ArgChooser.choose`): an empty side takes
the best-scored entity when that score reaches ``fill`` (an empty target only
in an event whose PLOVER type requires a recipient, ``lists.yaml``
``requires_recipient``, unless ``optional_target`` is set); a side the rules
filled keeps their choice unless every entity they chose scores under
``keep`` and another reaches ``replace``. The weights and thresholds are a
JSON file (``resources/en/events/arg_model.json``) written by
``scripts/train_arg_chooser.py`` from the tuning part of the event data; the
thresholds were chosen out of fold on that part (docs/events.md). The event
coder uses it by default (setting ``event_arg_chooser``): it fills an empty
source (PLOVER codes no event without an actor) and the empty target of the
types that require a recipient; filling the optional targets of the other types
helped PLOVER sentence coding but lowered events R/P on unseen articles, so it
is off.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span, Token

from ...resources import path as resource_path
from ..actors.groups import is_group_id
from ..actors.mentions import entity_of
from ..text.syntax import OBJECTS, children, clause_subject, is_passive
from .args import ArgResolver
from .coref import EventCluster
from .mention import EventMention

MODEL_RESOURCE = "events/arg_model.json"
ROLES = ("source", "target")
#: dependency labels that lead into another clause
_CLAUSE_LINKS = frozenset({"ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "parataxis", "pcomp"})
#: the longest path written out whole; longer paths are "long"
_MAX_PATH = 4
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "poss"})


@dataclass(frozen=True)
class Candidate:
    """An entity the event's sentence mentions: its id, the root token of its mention
    nearest the trigger, and how it is mentioned (name, pronoun, description, metonym)."""

    entity: str
    token: Token
    kind: str


def sentence_candidates(m: EventMention, resolver: ArgResolver, sent: Span) -> list[Candidate]:
    """The entities with a mention in the event's sentence (not in the dateline), each
    by its mention nearest the trigger."""
    doc = resolver.doc
    best: dict[str, Candidate] = {}
    for mention in doc._.mentions or []:
        if mention.start < sent.start or mention.end > sent.end or mention.start in resolver.dateline:
            continue
        root = doc[mention.start:mention.end].root
        old = best.get(mention.entity)
        if old is None or abs(root.i - m.token.i) < abs(old.token.i - m.token.i):
            best[mention.entity] = Candidate(mention.entity, root, mention.kind)
    return sorted(best.values(), key=lambda c: c.token.i)


def _path(a: Token, b: Token) -> tuple[list[str], list[str]]:
    """Dependency labels up from ``a`` to the lowest common ancestor, and down from it to ``b``."""
    up_from_a = [a, *a.ancestors]
    index = {t.i: k for k, t in enumerate(up_from_a)}
    down: list[str] = []
    cur = b
    while cur.i not in index:
        down.append(cur.dep_)
        if cur.head.i == cur.i:
            return [t.dep_ for t in up_from_a], down[::-1]
        cur = cur.head
    return [t.dep_ for t in up_from_a[:index[cur.i]]], down[::-1]


def _path_name(up: list[str], down: list[str]) -> str:
    """A path as one feature value ("^nsubjvdobj"), or "long" past ``_MAX_PATH`` steps."""
    steps = [f"^{d}" for d in up] + [f"v{d}" for d in down]
    return "".join(steps) if len(steps) <= _MAX_PATH else "long"


def _preposition(trigger: Token, b: Token) -> str | None:
    """The preposition nearest the mention on its way up to the trigger's clause."""
    cur = b
    while cur.head.i != cur.i and cur != trigger:
        if cur.dep_ == "pobj" and cur.head.dep_ in {"prep", "agent", "dative"}:
            return cur.head.lower_
        if cur.dep_ in _CLAUSE_LINKS:
            return None
        cur = cur.head
    return None


def _stated(m: EventMention, resolver: ArgResolver) -> str:
    """What the clause states as its subject and object: each none, an entity, or
    people or things that name no entity ("students protested": PLOVER's unidentified
    actor, not another entity of the sentence)."""
    clause = m.clause
    if clause is None:
        return "none/none"
    subj = clause_subject(clause)
    objs = [o for o in children(clause, OBJECTS) if o != m.token]
    return f"{_named(subj, resolver)}/{_named(objs[0] if objs else None, resolver)}"


def _named(tok: Token | None, resolver: ArgResolver) -> str:
    if tok is None:
        return "none"
    return "entity" if resolver.np_entities(tok) else "unnamed"


def pair_features(m: EventMention, c: Candidate, cands: Sequence[Candidate], resolver: ArgResolver,
                  source: Sequence[str], target: Sequence[str]) -> list[str]:
    """What the chooser reads about one entity of the sentence as an argument of the
    event ``m`` heads, whose actors the rules chose (``source``, ``target``; the same
    features for both roles, each role has its own weights)."""
    trig = m.token
    up, down = _path(trig, c.token)
    path = _path_name(up, down)
    etype = resolver.entity_type(c.entity) or "?"
    etype = "COUNTRY" if resolver.is_country(c.entity) else etype
    before = c.token.i < trig.i
    dist = min(abs(c.token.i - trig.i) // 3, 5)
    sides = [s for s, ids in (("source", source), ("target", target)) if c.entity in ids]
    rule = "+".join(sides) or "none"
    frame = m.sense.frame
    out = [f"path={path}", f"up={min(len(up), 4)}", f"down={min(len(down), 4)}",
           f"first_up={up[0] if up else '-'}", f"last_down={down[-1] if down else '-'}",
           f"rule={rule}", f"rule|path={rule}|{path}", f"etype={etype}", f"kind={c.kind}",
           f"side={'before' if before else 'after'}", f"dist={dist}",
           f"type={m.type}", f"frame={frame}", f"type|path={m.type}|{path}",
           f"frame|last_down={frame}|{down[-1] if down else '-'}",
           f"etype|side={etype}|{'before' if before else 'after'}",
           f"pos={'N' if m.nominal else 'V'}", f"passive={is_passive(trig)}",
           f"source_empty={not source}", f"target_empty={not target}",
           f"n={min(len(cands), 4)}"]
    out += [f"cross={d}" for d in {*up, *down} & _CLAUSE_LINKS]
    stated = _stated(m, resolver)
    out += [f"stated={stated}", f"stated|rule={stated}|{rule}", f"stated|path={stated}|{path}"]
    prep = _preposition(trig, c.token)
    if prep is not None:
        out += [f"prep={prep}", f"prep|passive={prep}|{is_passive(trig)}", f"frame|prep={frame}|{prep}"]
    nearest_before = next((x for x in reversed(cands) if x.token.i < trig.i), None)
    nearest_after = next((x for x in cands if x.token.i > trig.i), None)
    if nearest_before is c:
        out.append("nearest_before")
    if nearest_after is c:
        out.append("nearest_after")
    if m.carrier is not None:
        out.append("carrier_path=" + _path_name(*_path(m.carrier, c.token)))
    return out


@dataclass(frozen=True)
class ArgChooser:
    """Logistic-regression weights per role (feature → weight), a bias per role, and the
    decision thresholds (:meth:`choose`): ``fill`` per role, ``keep`` and ``replace``.
    A threshold above 1 never acts; ``places``: whether a place that is not a country
    may take a side (PLV codes "sent experts to Saudi Arabia" with the place as the
    target; the article gold leaves such a side open)."""

    weights: dict[str, dict[str, float]]
    bias: dict[str, float]
    fill: dict[str, float]
    keep: float = 0.0
    replace: float = 2.0
    #: whether a place (a town, a region, a facility; not a country) may take a side
    places: bool = False
    #: the roles whose entity must be named in the event's own phrase
    inside: tuple[str, ...] = ROLES
    #: the threshold that fills an empty target of a type whose recipient PLOVER makes
    #: optional (above 1: only the types that require one, ``fill`` theirs, are filled)
    optional_target: float = 2.0

    def probability(self, role: str, features: Iterable[str]) -> float:
        """The probability that an entity with these features fills ``role``."""
        w = self.weights.get(role, {})
        z = self.bias.get(role, 0.0) + sum(w.get(f, 0.0) for f in set(features))
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))

    @property
    def active(self) -> bool:
        return any(t <= 1.0 for t in self.fill.values()) or self.replace <= 1.0

    def _fill(self, requires_target: bool) -> dict[str, float]:
        """The fill threshold per role (an event whose type needs no target: ``optional_target``)."""
        return self.fill if requires_target else {**self.fill, "target": self.optional_target}

    def may_change(self, sides: dict[str, list[str]], requires_target: bool = True) -> bool:
        """Whether :meth:`choose` could change any side (else the chooser need not score)."""
        fill = self._fill(requires_target)
        return any(fill.get(r, 2.0) <= 1.0 if not sides[r] else self.replace <= 1.0 for r in ROLES)

    def choose(self, sides: dict[str, list[str]], probs: dict[str, dict[str, float]],
               requires_target: bool = True) -> dict[str, list[str]]:
        """The actors per role, from the rules' (``sides``) and the candidates'
        probabilities per role (entity id → probability): an empty side takes the best
        entity that reaches ``fill`` (an empty target of an event whose type does not
        require one, ``requires_target`` false: ``optional_target``); a side whose every
        entity scores under ``keep`` takes the best that reaches ``replace``; otherwise
        the rules' choice stays."""
        fill = self._fill(requires_target)
        out = {r: list(sides[r]) for r in ROLES}
        for role in ROLES:
            mine = out[role]
            other = out["target" if role == "source" else "source"]
            scored = {e: p for e, p in probs[role].items() if e not in other}
            if not scored:
                continue
            best = max(scored, key=lambda e: scored[e])
            if not mine:
                take = scored[best] >= fill.get(role, 2.0)
            else:
                # a group actor or an entity outside the sentence the rules chose stays
                weak = all(e in probs[role] and probs[role][e] < self.keep for e in mine)
                take = weak and best not in mine and scored[best] >= self.replace
            if take:
                out[role] = [best]
        return out

    def to_json(self) -> str:
        """The model as JSON text, one feature per line (sorted, diffable)."""
        feats = sorted({f for w in self.weights.values() for f in w})
        rows = [json.dumps(f, ensure_ascii=False) + ": ["
                + ",".join(_num(self.weights[r].get(f, 0.0)) for r in ROLES) + "]" for f in feats]
        head = {"roles": list(ROLES), "bias": [round(self.bias[r], 4) for r in ROLES],
                "fill": [self.fill[r] for r in ROLES], "keep": self.keep, "replace": self.replace,
                "places": self.places, "inside": list(self.inside), "optional_target": self.optional_target}
        return json.dumps(head)[:-1] + ',\n"weights": {\n' + ",\n".join("  " + r for r in rows) + "\n}}\n"

    @classmethod
    def from_json(cls, text: str) -> ArgChooser:
        data = json.loads(text)
        roles = data["roles"]
        weights: dict[str, dict[str, float]] = {r: {} for r in roles}
        for f, ws in data["weights"].items():
            for r, w in zip(roles, ws, strict=True):
                if w:
                    weights[r][f] = float(w)
        return cls(weights, dict(zip(roles, map(float, data["bias"]), strict=True)),
                   dict(zip(roles, map(float, data["fill"]), strict=True)),
                   float(data["keep"]), float(data["replace"]), bool(data.get("places", False)),
                   tuple(data.get("inside", ROLES)), float(data.get("optional_target", 2.0)))


def _num(x: float) -> str:
    r = round(float(x), 4)
    return "0" if r == 0 else repr(r)


def _modifies_a_thing(c: Candidate, resolver: ArgResolver) -> bool:
    """Whether a mention only qualifies a noun whose actor it is not, as the rules read
    a noun phrase: a thing ("Russian aggression", "Iran's nuclear programme"), or people
    the rules read as a group of its own ("Besigye's supporters"); a modifier names the
    actor of a people or place noun only where the rules read it so ("Chinese
    counterparts")."""
    tok = c.token
    head = tok.head
    if tok.dep_ not in _MODIFIER_DEPS or head.i == tok.i or entity_of(resolver.doc, head) is not None:
        return False
    return not resolver.names_people_or_place(head) or c.entity not in resolver.np_entities(head)


def _is_place(eid: str, resolver: ArgResolver) -> bool:
    return resolver.entity_type(eid) in _PLACE_LABELS and not resolver.is_country(eid)


@lru_cache(maxsize=1)
def arg_chooser() -> ArgChooser:
    """The shipped chooser (loaded once per process)."""
    return ArgChooser.from_json(resource_path(MODEL_RESOURCE).read_text(encoding="utf-8"))


def choose_arguments(clusters: Sequence[EventCluster], resolver: ArgResolver, sents: Sequence[Span],
                     chooser: ArgChooser) -> None:
    """Let the chooser fill or correct the actors of each event (a cluster of mentions,
    read at its head); a side the event's mentions fill together is corrected only in
    an event of one mention."""
    if not chooser.active:
        return
    for c in clusters:
        m = c.head
        if m.type is None:
            continue
        sides = {"source": c.sources(), "target": c.targets()}
        requires_target = m.type.lower() in resolver.lex.words("requires_recipient")
        if not chooser.may_change(sides, requires_target):
            continue
        probs = chooser_probabilities(m, resolver, sents, chooser, sides)
        if probs is None:
            continue
        new = chooser.choose(sides, probs, requires_target)
        for role in ROLES:
            if new[role] == sides[role] or (sides[role] and len(c.mentions) > 1):
                continue
            if role == "source":
                m.source = new[role]
            else:
                m.target = new[role]


def chooser_probabilities(m: EventMention, resolver: ArgResolver, sents: Sequence[Span], chooser: ArgChooser,
                          sides: dict[str, list[str]]) -> dict[str, dict[str, float]] | None:
    """Per role, the probability of each entity of the event's sentence (None: no entity)."""
    cands = sentence_candidates(m, resolver, sents[m.sent])
    probs: dict[str, dict[str, float]] = {r: {} for r in ROLES}
    for c in cands:
        roles = eligible_roles(m, c, resolver, chooser)
        if not roles:
            continue
        f = pair_features(m, c, cands, resolver, sides["source"], sides["target"])
        for r in roles:
            probs[r][c.entity] = chooser.probability(r, f)
    return probs if probs["source"] or probs["target"] else None


def eligible_roles(m: EventMention, c: Candidate, resolver: ArgResolver, chooser: ArgChooser) -> list[str]:
    """The roles the chooser may give the entity ``c`` names: none for a group, a place
    that is not a country (unless ``places``) or a qualifier of a thing; the roles of
    ``inside`` only when it is named in the event's own phrase; not the source for an
    apposition of the target."""
    if is_group_id(c.entity) or (not chooser.places and _is_place(c.entity, resolver)) \
            or _modifies_a_thing(c, resolver):
        return []
    # an actor of the event is named in its own phrase (the trigger's, or the verb's that
    # carries a noun), not in the clause that reports it ("…, police said")
    inside = any(a is not None and (a == c.token or a.is_ancestor(c.token)) for a in (m.token, m.carrier))
    roles = [r for r in ROLES if r not in chooser.inside or inside]
    # "Gul Rahman, a suspected militant, was tortured": an apposition of the target is the
    # target itself (one referent), never the one who acted on it
    if c.token.dep_ == "appos" and set(resolver.np_entities_one(c.token.head)) & set(m.target):
        roles = [r for r in roles if r != "source"]
    return roles
