"""Which mentions tell the same event, within a sentence and across sentences.

- In a sentence, mentions linked by ``merge_with`` (composition) are one event,
  and a casualty verb ("were killed", "injured") joins the sentence's attack.
- Across sentences, a later mention joins an earlier event of the same type when
  it refers back to it — a definite or possessive noun ("the largest attack on
  the capital", "the strikes") or a verb with no stated actor ("drones had hit the
  city": a weapon is no actor) — and nothing contradicts: its actors and date agree or are unstated,
  and it is told with the same status. This is how a toll reported three
  sentences later reaches its attack.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..text.syntax import children, lemma
from .casualties import is_cumulative
from .lexicon import lexicon
from .mention import EventMention

#: how many sentences back a referring mention may find its event
WINDOW = 6
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})


@dataclass(eq=False)
class EventCluster:
    """The mentions of one event; the first is its head (trigger, sentence, date)."""

    mentions: list[EventMention] = field(default_factory=list)

    @property
    def head(self) -> EventMention:
        return self.mentions[0]

    @property
    def type(self) -> str | None:
        return self.head.type

    @property
    def sent(self) -> int:
        return self.head.sent

    def sources(self) -> list[str]:
        return _union(m.source for m in self.mentions)

    def targets(self) -> list[str]:
        return _union(m.target for m in self.mentions)

    def absorb(self, other: EventCluster) -> None:
        head, rest = self.mentions[0], self.mentions[1:] + other.mentions
        self.mentions = [head, *sorted(rest, key=lambda m: m.token.i)]


def _union(lists: object) -> list[str]:
    out: list[str] = []
    for ids in lists:  # type: ignore[attr-defined]
        for i in ids:
            if i not in out:
                out.append(i)
    return out


def _refers_back(c: EventCluster) -> bool:
    """A cluster whose wording points at an event already told."""
    # a running total ("In all, five have been killed") counts no one event
    if any(m.sense.casualty and is_cumulative(m.token) for m in c.mentions):
        return False
    for m in c.mentions:
        if m.nominal:
            tok = m.token
            if any(d.lower_ in _DEFINITE for d in children(tok, {"det"})) or children(tok, {"poss"}):
                return True
        elif not m.source and not _states_an_actor(m):
            return True
    return False


def _states_an_actor(m: EventMention) -> bool:
    """Whether a verb's clause states its actor, named or not ("Soldiers detained
    him"): such a clause tells an event of its own. A weapon is no actor ("a number of
    drones and ballistic missiles had hit the city" tells the attack again)."""
    tok = m.token
    if any(c.dep_ == "agent" for c in tok.children):
        return True
    weapons = lexicon().words("weapons")
    for c in tok.children:
        if c.dep_ in {"nsubj", "csubj"} and c.pos_ in {"NOUN", "PROPN"}:
            heads = {lemma(c)} | {lemma(o) for p in children(c, {"prep"}) if p.lower_ == "of"
                                  for o in children(p, {"pobj"})}
            if not heads & weapons:
                return True
    return False


#: statuses of an event asserted as real (TimeML factuality FACTUAL): an operation told as
#: going on and its later telling as done are one happening
_FACTUAL = frozenset({"occurred", "ongoing"})


def _same_status(a: str, b: str) -> bool:
    return a == b or (a in _FACTUAL and b in _FACTUAL)


def _compatible(a: EventCluster, b: EventCluster) -> bool:
    if a.type != b.type or not _same_status(a.head.status, b.head.status):
        return False
    sa, sb, ta, tb = set(a.sources()), set(b.sources()), set(a.targets()), set(b.targets())
    if sa and sb and not sa & sb:
        return False
    if ta and tb and not ta & tb:
        return False
    # the days their own clauses give (in any mention) must agree
    da = {m.date for m in a.mentions if m.date and m.date_source == "clause"}
    db = {m.date for m in b.mentions if m.date and m.date_source == "clause"}
    return not (da and db and not da & db)


def _casualty_only(c: EventCluster) -> bool:
    return all(m.sense.casualty for m in c.mentions)


def cluster_mentions(mentions: list[EventMention]) -> list[EventCluster]:
    """Group coded mentions into events, in order of first mention."""
    by_root: dict[int, EventCluster] = {}
    order: list[EventCluster] = []
    for m in sorted(mentions, key=lambda x: x.token.i):
        if m.type is None or m.content_of is not None:
            continue
        root = m.root()
        if root.type is None or root.content_of is not None:
            continue
        c = by_root.get(id(root))
        if c is None:
            c = by_root[id(root)] = EventCluster([root])
            order.append(c)
        if m is not root:
            c.mentions.append(m)
    for c in order:
        # the attack heads its event, not the casualty verb it was parsed under
        # ("Rebels attacked Goma on Monday; 40 were killed")
        act = next((m for m in c.mentions if not m.sense.casualty), None)
        if act is not None and c.head.sense.casualty:
            c.mentions.remove(act)
            c.mentions.insert(0, act)
    order = _merge_casualty_verbs(order)
    return _merge_across_sentences(order)


def _merge_casualty_verbs(clusters: list[EventCluster]) -> list[EventCluster]:
    """"nine people were killed and more than 70 injured in the attack": one event."""
    out: list[EventCluster] = []
    assaults: dict[int, list[int]] = {}  # sentence -> positions in out of its assaults
    for c in clusters:
        if c.type == "ASSAULT":
            same_sent = [out[k] for k in assaults.get(c.sent, ())]
            host = next((o for o in same_sent if not _casualty_only(o)), None) or (
                same_sent[0] if same_sent else None)
            if host is not None and (_casualty_only(c) or _casualty_only(host)) and _compatible_args(host, c):
                if _casualty_only(host) and not _casualty_only(c):
                    # the attack itself heads the event, the casualty verbs follow
                    c.mentions.extend(host.mentions)
                    out[next(k for k in assaults[c.sent] if out[k] is host)] = c
                else:
                    host.mentions.extend(c.mentions)
                continue
            assaults.setdefault(c.sent, []).append(len(out))
        out.append(c)
    return out


def _compatible_args(a: EventCluster, b: EventCluster) -> bool:
    sa, sb = set(a.sources()), set(b.sources())
    return not (sa and sb and not sa & sb)


def _merge_across_sentences(clusters: list[EventCluster]) -> list[EventCluster]:
    out: list[EventCluster] = []
    by_sent: dict[int, list[int]] = {}  # sentence -> positions in out of the clusters it heads
    for c in clusters:
        if _refers_back(c):
            # only the WINDOW sentences before are looked up; the latest compatible one wins
            near = sorted((i for s in range(c.sent - WINDOW, c.sent) for i in by_sent.get(s, ())),
                          reverse=True)
            earlier = next((out[i] for i in near if _compatible(out[i], c)), None)
            if earlier is not None:
                earlier.absorb(c)
                continue
        by_sent.setdefault(c.sent, []).append(len(out))
        out.append(c)
    return out
