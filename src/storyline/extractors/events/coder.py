"""Political events of an article, coded in PLOVER with CAMEO codes.

The pipeline, per article:

1. **Triggers** (``triggers``): words and phrases of the lexicon read in
   the sense their context selects (``resources/en/events/*.yaml``).
2. **Composition** (``compose``): content of promises, requests, refusals
   and threats folds into them; two triggers of one event in a clause merge;
   stated intentions and "X said Y must …" are recoded.
3. **Arguments, status, place, attribution** (``args``, ``status``,
   quotes): from the dependency parse and the other extractors' output.
4. **Dates** (``dates``): from the event's clause, the sentence, the
   narrative, or the publication date — the source is kept in ``date_source``.
5. **Coreference** (``coref``): mentions of one event across sentences
   join, so casualty counts (``casualties``) reach the attack they belong to.
6. **Records**: one :class:`~storyline.record.Event` per event, ids v1, v2, …,
   with a confidence in [0, 1].

Inputs from other extractors are optional: without ``doc._.timexes`` events
get the publication date (marked so), without ``doc._.places`` places are the
GPE/LOC/FAC entities, without quotes nothing is attributed.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Span

from ... import kb
from ...record import Casualties, Count, Event, Quote, TextSpan
from ..actors.business import business_ids
from ..actors.groups import is_group_id
from ..text.syntax import SUBJECTS, DocWords, first_child, lemma
from .args import (
    ArgResolver,
    condition_target,
    contact_partner,
    destination_country,
    expressed_recipient,
    fill_arguments,
    find_location,
    forces_moved,
    inherit_targets,
    place_acted_on,
    preceding_entity,
    resisted_party,
    share_coordinated_target,
    split_reciprocal,
    stative_intent,
    yielded_to,
)
from .casualties import (
    CasualtyCount,
    combine,
    find_casualties,
    is_cumulative,
    refers_to_happening,
    toll_hosts,
)
from .chooser import ArgChooser, choose_arguments
from .compose import compose, disapproval_statements, obligation_demands, ruled_out_statements, speech_verb
from .coref import WINDOW, EventCluster, cluster_mentions
from .dates import (
    DateAnchor,
    DatingContext,
    anchor_clauses,
    date_anchors,
    ends_before,
    event_date,
    is_after,
    own_date,
    tense,
)
from .features import mention_features, mention_vector, retyped_cameo
from .lexicon import Lexicon, lexicon
from .mention import EventMention
from .model import NO_EVENT, TypeModel, type_model
from .status import cancels_previous, event_status
from .triggers import find_triggers

_UNDATED = frozenset({"planned", "postponed", "cancelled", "hypothetical"})
_MATERIAL_CONFLICT = frozenset({"ASSAULT", "COERCE", "PROTEST", "MOBILIZE"})
#: clauses and subjects around a trigger say nothing about how it was done
_NOT_MODE = frozenset({"nsubj", "nsubjpass", "relcl", "advcl", "ccomp", "conj", "parataxis", "punct"})
_SENTENCE_END = re.compile(r"[.!?:;\"”’')\]]\s*$")


def _attribution_lookup(quotes: list[Quote]) -> Callable[[int, int], str | None]:
    """Speaker of the quote whose content contains a span (the quotes work's
    ``QuoteSpeakers`` when it is installed), built once per article."""
    try:
        from ..quotes.finder import QuoteSpeakers
    except ImportError:
        def inside(start: int, end: int) -> str | None:
            around = [q for q in quotes if q.start <= start and end <= q.end and q.speaker]
            return min(around, key=lambda q: q.end - q.start).speaker if around else None
        return inside
    return QuoteSpeakers(quotes).speaker_at


def _is_headline(sent: Span) -> bool:
    """A title line: short, without final punctuation."""
    if len(sent) > 14:
        return False
    text = sent.text.strip()
    return bool(text) and not _SENTENCE_END.search(text)


def _mode(m: EventMention, lex: Lexicon) -> str | None:
    """The sense's mode, else a mode cue among the words around the trigger ("drone attacks")."""
    if m.mode:
        return m.mode
    cues = lex.mode_cues.get(m.type or "", {})
    if not cues:
        return None
    # the trigger, then the words of its phrase and its instrument or object phrases,
    # nearest first ("pounded with missiles and drone attacks", "a Russian air strike")
    frontier = [m.token]
    for _ in range(4):
        for t in frontier:
            for w in (lemma(t), t.lower_):
                if w in cues:
                    return cues[w]
        frontier = [c for t in frontier for c in t.children if c.dep_ not in _NOT_MODE]
    return None


def _confidence(c: EventCluster) -> float:
    """How sure the coding is: the sense's prior, raised by stated actors and a dated
    clause, lowered by recoding, hypothetical mood and dates taken from elsewhere."""
    m = c.head
    score = m.sense.confidence
    score += 0.1 if c.sources() else -0.1
    score += 0.05 if c.targets() else 0.0
    score += 0.05 if m.date_source == "clause" else 0.0
    score -= 0.1 if m.date_source == "published" else 0.0
    score -= 0.1 if m.converted else 0.0
    score -= 0.15 if m.status == "hypothetical" else 0.0
    score -= 0.05 if m.nominal and len(c.mentions) == 1 else 0.0
    return round(min(max(score, 0.05), 0.99), 2)


#: PLOVER's cooperative types, verbal and material: what one side of a deal does for the other
_COOPERATION = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})
#: statuses that make an event worth keeping without a stated actor: a change of plan
_TOLD_CHANGES = frozenset({"postponed", "cancelled"})
_OCCURRED = frozenset({"occurred", "ongoing"})


def _among_businesses(c: EventCluster, business: frozenset[str]) -> bool:
    """Whether every actor an event states is a business (:mod:`..actors.business`): a
    deal, bid or suit of companies alone is business news, which PLOVER does not code
    ("Sony agreed to buy Columbia Pictures"). A business acting towards a government or
    court stays an event; so does one acted on by an unstated party in conflict ("the
    company was fined", "raided"), which is mostly a state's act. Cooperation with a
    business by an unstated party ("Compaq will be given more time") is the other side
    of a deal."""
    actors = (*c.sources(), *c.targets())
    if not actors or not all(a in business for a in actors):
        return False
    return bool(c.sources()) or c.type in _COOPERATION


def _counted_subject(m: EventMention, lex: Lexicon) -> bool:
    """Whether the subject of the mention's own clause (of its carrier verb, for a noun)
    counts its members ("About 1,100 contract employees stopped work"). An inherited
    subject does not count ("arrested 24 students for calling …": the students are the
    arrest's object)."""
    tok = m.carrier if m.nominal and m.carrier is not None else m.token
    subj = next((c for c in tok.children if c.dep_ in SUBJECTS), None)
    if subj is None:
        return False
    # "Hundreds of soldiers were deployed": a count noun heading the subject counts too
    return any(c.dep_ == "nummod" for c in subj.children) or (
        lemma(subj) in lex.words("count_nouns")
        and any(c.dep_ == "prep" and c.lower_ == "of" for c in subj.children))


def _criminal_subject(m: EventMention) -> bool:
    """Whether the subject of the mention's own clause is a criminal agent noun
    (PETRARCH2's agents dictionary, sector CRM: "kidnappers", "robbers")."""
    tok = m.carrier if m.nominal and m.carrier is not None else m.token
    subj = first_child(tok, SUBJECTS)
    g = kb.group(lemma(subj)) if subj is not None else None
    return g is not None and g.sector == "CRM"


def _named_by_its_patient(c: EventCluster, lex: Lexicon) -> bool:
    """Whether a mention's agentless passive names its actor in its subject, a named
    actor and no bare group: the forces moved ("Russian soldiers were deployed", PLOVER
    MOBILIZE: a side moving its own forces; CAMEO codes them RUSMIL) or the one committed
    ("the Ethiopian government is committed to …", a state of intent, CAMEO 030). The
    argument pass fills these sources with the group actors; they name an actor as a
    nationality-coded noun does in CAMEO's actor dictionaries."""
    return any(not m.nominal and any(not is_group_id(e) for e in m.source)
               and (forces_moved(m) or stative_intent(m, lex)) for m in c.mentions)


def _keep(c: EventCluster, casualties: dict[str, list[Count]], named: set[int], lex: Lexicon) -> bool:
    """An event with no stated actor is kept only when it says something on its own:
    a toll, a change of plan (postponed, cancelled), or (for violence and protest) a
    place or a day of its own. A merely planned or hypothetical act of no one ("calls
    for a boycott of the May elections") is not coded. ``named``: the mentions (by id)
    that had an actor before groups named by a common noun were actors too — a group
    fills a slot but does not make an event worth keeping on its own (docs/actors.md),
    unless its clause counts it (:func:`_counted_subject`)."""
    if not c.sources() and all(x.sense.casualty and is_cumulative(x.token) for x in c.mentions):
        # a running total with no act nor actor of its own ("In all, five have been killed",
        # "killed since March"): a summary over many happenings, not one (ACLED divides such
        # totals among the events it has and codes no event of them); "suicide bombers have
        # killed 81 people since April" tells who did it and stays their attack
        return False
    if any(id(m) in named for m in c.mentions):
        return True
    if _named_by_its_patient(c, lex):
        # the actor the passive's subject names (its forces, the one committed)
        return True
    m = c.head
    if c.sources() and _counted_subject(m, lex):
        # a counted group as the actor: PLOVER codes an unnamed actor by its sector, and
        # a count of the ones who acted tells a happening, not a generic statement
        return True
    if c.sources() and _criminal_subject(m):
        # criminals as the actor: a crime story has no other (CAMEO sector CRM)
        return True
    if m.status in _TOLD_CHANGES:
        return True
    if casualties:
        return True
    if m.type not in _MATERIAL_CONFLICT:
        return False
    if any(x.location for x in c.mentions):
        return True
    # PLOVER codes an unidentified actor (sector UNK: "two civilians were killed by a
    # bomb"); a protest, clash or curfew that its own clause dates ("a demonstration on
    # Tuesday", TimeML: an event anchored to its time expression) is a told occurrence
    return m.status in _OCCURRED and any(x.date_source == "clause" for x in c.mentions)


def _link_casualties(doc: Doc, clusters: list[EventCluster], counts: list[CasualtyCount],
                     sent_of: list[int]) -> dict[int, dict[str, list[Count]]]:
    """Counts per cluster: the cluster of the reporting word, else of the happening its
    clause counts it in ("five people died during the demonstration"), else the nearest
    attack (arrest) in that sentence, else the last one before it within two sentences."""
    owner = {m.token.i: k for k, c in enumerate(clusters) for m in c.mentions}
    nouns = {i: k for k, c in enumerate(clusters) for m in c.mentions if m.nominal
             for i in m.trigger.tokens}
    out: dict[int, dict[str, list[Count]]] = {}
    for cc in counts:
        k = owner.get(cc.token)
        if k is None and cc.field != "arrested":
            k = next((nouns[h.i] for h in toll_hosts(doc[cc.token]) if h.i in nouns
                      and clusters[nouns[h.i]].type in _MATERIAL_CONFLICT), None)
        if k is None:
            wanted = {"COERCE"} if cc.field == "arrested" else {"ASSAULT"}
            s = sent_of[cc.token]
            near = [(abs(m.token.i - cc.token), j) for j, c in enumerate(clusters) if c.type in wanted
                    for m in c.mentions if m.sent == s]
            if not near:
                near = [(cc.token - m.token.i, j) for j, c in enumerate(clusters) if c.type in wanted
                        for m in c.mentions if s - 2 <= m.sent < s]
            if not near:
                continue
            k = min(near)[1]
        out.setdefault(k, {}).setdefault(cc.field, []).append(cc.count)
    return out


def _tie_tolls(clusters: list[EventCluster], sent_of: list[int]) -> list[EventCluster]:
    """A toll told with no act of its own (an attack headed by a casualty verb: "six
    were killed") joins the happening its clause counts it in — a fatality count
    belongs to the event that caused it (TimeML: the casualty event is IS_INCLUDED in
    it; ACLED codes the fatalities on that event): the event of the noun its relative
    clause modifies or of its in/during phrase ("Friday's demonstration in which two
    were injured" → the demonstration), else, for a noun referring back to a violent
    happening ("injured in the operation"), the latest attack told within the
    coreference window before it."""
    owner = {i: c for c in clusters for m in c.mentions for i in m.trigger.tokens}
    gone: set[int] = set()
    for c in clusters:
        # the killed and the injured; an arrest is an act of its own (COERCE), not a toll
        if not c.head.sense.casualty or c.type != "ASSAULT" or is_cumulative(c.head.token):
            continue
        host = None
        for noun in (n for m in c.mentions for n in toll_hosts(m.token)):
            host = owner.get(noun.i)
            if host is None and refers_to_happening(noun):
                # the latest attack, or the happening told with the noun's own word ("police
                # raided the offices … killed in the raid")
                told = [h for h in clusters if (h.type == "ASSAULT" or lemma(h.head.token) == lemma(noun))
                        and not h.head.sense.casualty
                        and h.head.token.i < noun.i and sent_of[noun.i] - WINDOW <= h.sent]
                host = max(told, key=lambda h: h.head.token.i, default=None)
            if host is not None and host is not c and id(host) not in gone \
                    and host.type in _MATERIAL_CONFLICT and not host.head.sense.casualty:
                break
            host = None
        if host is not None:
            host.absorb(c)
            gone.add(id(c))
            if host.type == "COERCE":
                # a raid or crackdown in which people were killed or hurt did physical harm:
                # PLOVER ASSAULT, not COERCE ("short of violence")
                head = host.head
                head.type, head.cameo, head.mode = "ASSAULT", "190", None
    return [c for c in clusters if id(c) not in gone]


def _dating_mention(c: EventCluster) -> EventMention | None:
    """The mention whose date dates the event: the head's, unless the head only borrows a
    date (from the clause that reports it, the narrative, or the publication) and a later
    mention's own clause dates it ("have arrested 24 students, a report said Thursday" …
    "were arrested during a demonstration on Tuesday"; "were killed in a knife attack" …
    "The attack occurred on Sunday": TimeML anchors an event by the time expression of any
    of its mentions, and the publication day is only the default)."""
    head = c.head
    if head.date_source in {"sentence", "narrative", "published"} or not head.date:
        own = next((x for x in c.mentions if x.date and x.date_source == "clause"), None)
        if own is not None:
            return own
    if head.date:
        return head
    return next((x for x in c.mentions if x.date), None)


def _record(c: EventCluster, n: int, doc: Doc, sents: list[Span], lex: Lexicon,
            counts: dict[str, list[Count]]) -> Event:
    m = c.head
    sent = sents[m.sent]
    first, last = min(m.trigger.tokens), max(m.trigger.tokens)
    span = doc[first:last + 1]
    start, end = span.start_char, span.end_char
    cas = Casualties(**{f: combine(v) for f, v in counts.items()}) if counts else None
    dated = _dating_mention(c)
    return Event(
        id=f"v{n}",
        type=m.type,  # type: ignore[arg-type]
        mode=next((md for x in c.mentions if (md := _mode(x, lex))), None),
        cameo=m.cameo,
        source=c.sources(),
        target=[t for t in c.targets() if t not in c.sources()],
        date=dated.date if dated else None,
        date_source=dated.date_source if dated else None,  # type: ignore[arg-type]
        status=m.status,  # type: ignore[arg-type]
        location=next((x.location for x in c.mentions if x.location), None),
        # on whose word the event rests: its first telling, else a later one ("…, the
        # Ukrainian government said" of the toll that joined the attack)
        attributed_to=next((x.attributed_to for x in c.mentions if x.attributed_to), None),
        casualties=cas,
        trigger=TextSpan(start=start, end=end, text=span.text),
        sentence=(sent.start_char, sent.end_char),
        confidence=_confidence(c),
    )


@dataclass(frozen=True)
class Coding:
    """One article's candidate events before their type is decided: every mention
    (content mentions included) and the live ones, with arguments, status and place."""

    lex: Lexicon
    sents: list[Span]
    sent_of: list[int]
    headlines: frozenset[int]
    words: DocWords
    mentions: list[EventMention]
    live: list[EventMention]
    #: ids of the doc's places (``doc._.places``), None when it has none
    places: set[str] | None


def _place_ids(doc: Doc) -> set[str] | None:
    """The entity ids of the doc's places (what ``find_location`` and ``place_acted_on``
    read), None when it has none: built once per article, in :func:`code_mentions`."""
    return {p.entity for p in (doc._.places or []) if p.entity} or None


@dataclass
class Fate:
    """What became of one candidate event (a :class:`Fates` entry): its type before
    the type model decided (``proposed``) and after it (``decided``, None: no event),
    and the step that dropped it (``dropped_by``, one of :data:`STEPS`), None when it
    is in an output event."""

    mention: EventMention
    proposed: str | None
    decided: str | None = None
    dropped_by: str | None = None


#: the steps that drop a candidate event: a PETRARCH2 verb whose clause names no actor
#: (the gate of :func:`_decide`); the type model (no type kept); merged into a mention
#: that was dropped; an event :func:`_keep` does not keep; the content of another event
STEPS = ("no-actor", "model", "merged", "keep", "content")


class Fates:
    """A recorder of what becomes of an article's candidate events, given to
    :func:`extract_events` (the pipeline passes none): the live mentions of
    :func:`code_mentions`, then its content mentions that have a type, in that order."""

    def __init__(self) -> None:
        self._of: dict[int, Fate] = {}

    def __iter__(self) -> Iterator[Fate]:
        return iter(self._of.values())

    def __len__(self) -> int:
        return len(self._of)

    def _propose(self, coding: Coding) -> None:
        for m in coding.live:
            self._of[id(m)] = Fate(m, m.type)
        for m in coding.mentions:
            if m.content_of is not None and m.type:
                self._of[id(m)] = Fate(m, m.type, m.type, "content")

    def _drop(self, m: EventMention, step: str) -> None:
        fate = self._of.get(id(m))
        if fate is not None and fate.dropped_by is None:
            fate.dropped_by = step

    def _decided(self, coding: Coding, live: list[EventMention]) -> None:
        kept = {id(m) for m in live}
        for m in coding.live:
            self._of[id(m)].decided = m.type
            if id(m) not in kept:
                # merged into a mention the gate or the model dropped
                self._drop(m, "merged")


def code_mentions(doc: Doc, fallback: bool = True) -> Coding:
    """Triggers, composition, arguments, status and place of an article's events (what
    the type model reads; see the module docstring, steps 1–3). ``fallback``: verbs the
    lexicon does not know are candidates too (PETRARCH2's reading)."""
    lex = lexicon()
    sents = list(doc.sents)
    words = DocWords.of(doc)
    sent_of = [0] * len(doc)
    for k, s in enumerate(sents):
        sent_of[s.start:s.end] = [k] * (s.end - s.start)
    headlines = frozenset(k for k, s in enumerate(sents) if _is_headline(s))
    mentions = _composed_mentions(doc, lex, sents, words, fallback)
    live = [m for m in mentions if m.type is not None and m.content_of is None]
    places = _place_ids(doc)
    _describe(doc, lex, mentions, live, sents, headlines, places)
    return Coding(lex, sents, sent_of, headlines, words, mentions, live, places)


def extract_events(doc: Doc, fallback: bool = True, model: TypeModel | None = None,
                   chooser: ArgChooser | None = None, fates: Fates | None = None) -> list[Event]:
    """The events an article reports (see the module docstring). The trained type model
    (``model``, default the shipped one) decides which candidates are events; a trained
    argument chooser (``chooser``, e.g. :func:`.chooser.arg_chooser`; none by default)
    fills or corrects their actors; ``fallback``: verbs the lexicon does not know are candidates too,
    read by PETRARCH2's verb table (the ``event_fallback`` setting); ``fates``: a
    :class:`Fates` to record what became of each candidate (the pipeline records none)."""
    coding, clusters, named = coded_clusters(doc, fallback, model, chooser, fates)
    sents = coding.sents
    counts = _link_casualties(doc, clusters, find_casualties(doc, coding.words), coding.sent_of)
    business = business_ids(doc._.entities or [])
    events: list[Event] = []
    for k, c in enumerate(clusters):
        cas = counts.get(k, {})
        if c.type is None:
            continue
        if not _keep(c, cas, named, coding.lex) or _among_businesses(c, business):
            if fates is not None:
                for m in c.mentions:
                    fates._drop(m, "keep")
            continue
        events.append(_record(c, len(events) + 1, doc, sents, coding.lex, cas))
    return events


def coded_clusters(doc: Doc, fallback: bool = True, model: TypeModel | None = None,
                   chooser: ArgChooser | None = None,
                   fates: Fates | None = None) -> tuple[Coding, list[EventCluster], set[int]]:
    """The coding, the events (clusters of the mentions the type model keeps, with their
    final actors) and the ids of the mentions whose actors were named before group actors
    joined (what ``_keep`` reads); ``chooser``, ``fates``: see :func:`extract_events`
    (here ``fates`` records the candidates the type model's step drops)."""
    coding = code_mentions(doc, fallback)
    lex, sents, sent_of, headlines, words = (coding.lex, coding.sents, coding.sent_of,
                                             coding.headlines, coding.words)
    if fates is not None:
        fates._propose(coding)
    live = _decide(doc, coding, model or type_model(), fates)
    if fates is not None:
        fates._decided(coding, live)
    # groups named by a common noun fill the slots of the events decided without them
    # (the type model reads the named actors only; docs/actors.md, group actors)
    named = {id(m) for m in live if m.source or m.target}
    _describe(doc, lex, coding.mentions, live, sents, headlines, coding.places, groups=True)
    _apply_pronoun_cancellations(doc, sents, live, lex, words)
    _date(doc, live, sent_of, headlines, lex, coding.mentions)
    clusters = _tie_tolls(cluster_mentions(live), sent_of)
    # one resolver for both steps, built when one of them needs it
    resolver = _target_places(doc, lex, clusters, coding.places)
    # once mentions of one event have joined (an actorless mention joins the event it
    # tells again), the chooser fills or corrects each event's actors
    if chooser is not None:
        choose_arguments(clusters, resolver or ArgResolver(doc, lex, groups=True), sents, chooser)
    return coding, clusters, named


def _target_places(doc: Doc, lex: Lexicon, clusters: list[EventCluster],
                   places: set[str] | None) -> ArgResolver | None:
    """An act of violence whose mentions name no target takes the named place it was aimed
    at or done in (:func:`.args.place_acted_on`), once its mentions have joined: a mention
    that names whom it harmed ("an Israeli woman was killed") tells the event's target.
    Returns the resolver (groups as actors) it built, None when no event needed one."""
    resolver: ArgResolver | None = None
    for c in clusters:
        if c.type is None or c.targets():
            continue
        resolver = resolver or ArgResolver(doc, lex, groups=True)
        for m in c.mentions:
            found = place_acted_on(m, resolver, places)
            if found:
                m.target = found
                m.location = m.location or found[0]
                break
    return resolver


def _decide(doc: Doc, coding: Coding, model: TypeModel, fates: Fates | None = None) -> list[EventMention]:
    """The type model's decision on each candidate event (a mention that heads its group
    of merged mentions): a lexicon reading keeps its type unless the model is sure it is
    no event; a verb PETRARCH2's table proposed takes the model's type, or no event, and
    when its clause names no actor (PLOVER's ``actor``) only if the model reaches the
    file's ``actorless_threshold`` (1.0: never, the no-actor gate). The lexicon's
    types are written from the PLOVER manual and are never changed. Casualty verbs carry
    tolls and are always kept, so are the acts a verbal judgment presupposes ("condemned
    the raid": the judgment tells that the raid happened). A retyped mention gets its
    status and place again (both read the type); a dropped one takes the mentions merged
    into it along. ``fates``: records the candidates the gate and the model drop."""
    lex = coding.lex
    resolver: ArgResolver | None = None
    labels = {e.id: e.type for e in (doc._.entities or [])}
    judge_lexicon = model.drop_threshold < 1.0
    for m in coding.live:
        fallback = m.sense.origin == "petrarch"
        if m.merge_with is not None or m.type is None or not (fallback or judge_lexicon) or m.sense.casualty \
                or m.presupposed:
            continue
        actorless = fallback and not m.source
        if actorless and model.gates_actorless:
            # the no-actor gate: PLOVER's event has an actor
            m.type = None
            if fates is not None:
                fates._drop(m, "no-actor")
            continue
        new = model.decide(mention_features(m, lex, labels), mention_vector(m, model.blocks), m.type,
                           fallback, actorless)
        if new == m.type:
            continue
        if new == NO_EVENT:
            m.type = None
            if fates is not None:
                fates._drop(m, "model")
            continue
        m.type, m.mode = new, None
        m.cameo = retyped_cameo(m, new, lex)
        m.status = event_status(m, lex)
        resolver = resolver or ArgResolver(doc, lex)
        m.location = find_location(m, resolver, coding.places)
    return [m for m in coding.live if m.type is not None and m.root().type is not None]


def _composed_mentions(doc: Doc, lex: Lexicon, sents: list[Span], words: DocWords,
                       fallback: bool) -> list[EventMention]:
    """Trigger mentions, sentence by sentence, after the composition rules."""
    triggers = find_triggers(doc, lex, sents, words, fallback)
    speech = lex.words("speech")
    mentions: list[EventMention] = []
    at = [t.token.i for t in triggers]  # triggers come in token order
    for k, sent in enumerate(sents):
        ms = [EventMention(t, k, t.sense.type, t.sense.cameo, t.sense.mode)
              for t in triggers[bisect_left(at, sent.start):bisect_left(at, sent.end)]]
        said = [doc[i] for i in words.hits(sent.start, sent.end, speech)]
        ms += obligation_demands(ms, lex, k, said)
        ms += disapproval_statements(ms, lex, k, said)
        ms += ruled_out_statements(ms, lex, k, said)
        ms.sort(key=lambda m: m.token.i)
        compose(ms, lex)
        mentions.extend(ms)
    return mentions


def _describe(doc: Doc, lex: Lexicon, mentions: list[EventMention], live: list[EventMention],
              sents: list[Span], headlines: frozenset[int], places: set[str] | None,
              groups: bool = False) -> None:
    """Arguments (content events too: outer events inherit their targets), status,
    place and attribution; ``places``: the doc's place ids (:func:`_place_ids`);
    ``groups``: groups named by a common noun are actors too."""
    resolver = ArgResolver(doc, lex, groups=groups)
    for m in mentions:
        if m.type is None:
            continue
        fill_arguments(m, lex.frames[m.sense.frame], resolver)
        if not m.source and m.sent in headlines:
            m.source = [e for e in preceding_entity(m, resolver, sents[m.sent].start) if e not in m.target]
    share_coordinated_target(live)
    inherit_targets(live)
    for m in live:
        # "reiterated Turkey's support for the GNA": the expressed noun's for-phrase
        recipient = expressed_recipient(m, resolver)
        if recipient:
            m.target = recipient
        # "called the minister to discuss …": the caller consults the one called
        sides = contact_partner(m, resolver)
        if sides is not None:
            m.source, m.target = sides
        # "sent experts to Saudi Arabia to investigate": the destination hosts the purpose
        if not m.target:
            m.target = destination_country(m, resolver)
        # "threatened to stop the talks if the United States goes ahead": the one coerced
        if not m.target:
            m.target = condition_target(m, resolver)
        # "called off the strike after reaching agreement with the government": yielded to it
        if not m.target:
            m.target = yielded_to(m, resolver)
        # "declined to resign despite pressure by the commission": the demand refused
        if not m.target:
            m.target = resisted_party(m, resolver)
    if groups:
        split_reciprocal(live, resolver)
    quotes = list(doc._.quotes or [])
    speaker_at = _attribution_lookup(quotes) if quotes else None
    for m in live:
        m.status = event_status(m, lex)
        m.location = find_location(m, resolver, places)
        if not m.target and m.location and lex.frames[m.sense.frame].place_target:
            m.target = [m.location]
        if speaker_at is not None:
            m.attributed_to = speaker_at(m.token.idx, m.token.idx + len(m.token))


def _date(doc: Doc, live: list[EventMention], sent_of: list[int], headlines: frozenset[int],
          lex: Lexicon, mentions: list[EventMention] | None = None) -> None:
    """Dates from the time expressions; an occurred event dated after publication is planned."""
    published = doc._.published
    anchors = date_anchors(doc, doc._.timexes, dict(enumerate(sent_of)))
    ctx = DatingContext(anchor_clauses(anchors, {m.token.i for m in live}), anchors,
                        published.isoformat() if published else None, headlines)
    for m in live:
        verbal = lex.quad_of.get(m.type or "", "").startswith("verbal")
        m.date, m.date_source = event_date(m.token, m.carrier, m.sent, ctx, m.status in _UNDATED, verbal)
        said = speech_verb(m.clause, lex) if m.converted and not m.date and m.clause is not None else None
        if said is not None:
            # a stated intention recoded as the statement ("said it would boycott": THREATEN)
            # happened when it was said
            m.date, m.date_source = event_date(said, None, m.sent, ctx, False)
        if m.status == "occurred" and m.date and published and is_after(m.date, published):
            m.status = "planned"
        elif (m.nominal and m.status in {"planned", "ongoing"} and published and m.date
              and m.date in {own_date(t, ctx) for t in (m.token, m.carrier) if t is not None}
              and ends_before(m.date, published)):
            # an event noun its own modifier (or its carrier verb's) dates before publication
            # happened then ("the November 1995 assassination", "pending meetings with Blair
            # 10 days ago"; TimeML anchors the nominal to that past time), whatever mood the
            # clause around it or a modifier such as "pending" gives
            m.status = "occurred"
    if published is not None and mentions:
        _date_told_again(live, mentions, anchors, ctx, published)


def _date_told_again(live: list[EventMention], mentions: list[EventMention],
                     anchors: list[DateAnchor], ctx: DatingContext, published: date) -> None:
    """A past act told by a verb with no date of its own ("Iraq said it invaded Kuwait")
    takes the past date an earlier event noun of the same type, source and target has in
    its own clause ("Iraq's invasion of Kuwait on Aug. 2"), coded or only the content of
    a judgment: the same event told again happened then (event coreference; TimeML
    IDENTITY links share their time)."""
    loose = [m for m in live if not m.nominal and m.status == "occurred" and m.source
             and m.target and m.date_source in {"narrative", "published"} and tense(m.token) == "past"]
    nouns = [a for a in mentions if a.nominal and a.type and a.source and a.target
             and any(a.token.i < m.token.i and a.type == m.type for m in loose)]
    if not loose or not nouns:
        return
    coded = {id(m) for m in live}
    told = DatingContext(anchor_clauses(anchors, {m.token.i for m in live} | {a.token.i for a in nouns}),
                         anchors, ctx.published, ctx.headlines)
    dated: list[tuple[EventMention, str]] = []
    for a in nouns:
        value, source = ((a.date, a.date_source) if id(a) in coded
                         else event_date(a.token, a.carrier, a.sent, told, False))
        if value and source == "clause" and ends_before(value, published):
            dated.append((a, value))
    for m in loose:
        same = [v for a, v in dated if a.token.i < m.token.i and a.type == m.type
                and set(a.source) & set(m.source) and set(a.target) & set(m.target)]
        if same:
            m.date, m.date_source = same[-1], "narrative"


def _apply_pronoun_cancellations(doc: Doc, sents: list[Span], live: list[EventMention],
                                 lex: Lexicon, words: DocWords) -> None:
    """"The deal was due to be signed in March, but it did not go ahead": the planned
    event told just before (same or previous sentence) is cancelled."""
    if not any(m.status == "planned" for m in live):
        return
    predicates = (lex.words("postponed_predicates") | lex.words("cancelled_predicates")
                  | lex.words("negated_happening") | frozenset(lex.status.get("cancelled_particles") or {}))
    for k, sent in enumerate(sents):
        for tok in (doc[i] for i in words.hits(sent.start, sent.end, predicates)):
            if tok.pos_ not in {"VERB", "AUX"}:
                continue
            status = cancels_previous(tok, lex)
            if status is None:
                continue
            before = [m for m in live if k - 1 <= m.sent <= k and m.token.i < tok.i
                      and m.status == "planned"]
            if before:
                before[-1].status = status
