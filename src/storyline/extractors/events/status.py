"""Event status from the clause an event is told in (cues: ``status.yaml``).

occurred (default), ongoing ("are ongoing", "continued its attacks", "are
demonstrating"), planned ("is set to meet", "was due to travel", "will sign", "a
scheduled meeting"), postponed ("was indefinitely postponed"), cancelled
("was called off", "did not go ahead"), negated ("did not sign", "refused to
sign"), hypothetical ("if there was no progress", "could", "might").
When several cues apply the strongest wins, in that order from the end.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from ..text.syntax import SUBJECTS, lemma, marks
from .compose import intention_clause
from .lexicon import Lexicon
from .mention import EventMention

#: wh-adverbs of a time clause ("could have used protection when the army invaded"):
#: TimeML links such a clause to its governor by a TLINK, not an SLINK, so its past event
#: is presupposed and keeps its own tense rather than the governor's modality
_PAST_WHEN = frozenset({"when", "while"})
#: stronger statuses first
PRECEDENCE = ("cancelled", "postponed", "negated", "hypothetical", "planned", "ongoing", "occurred")
#: finite verb tags: a conjunct with one of them carries its own tense
_FINITE = frozenset({"VBD", "VBZ", "VBP"})


def strongest(statuses: set[str]) -> str:
    for s in PRECEDENCE:
        if s in statuses:
            return s
    return "occurred"


def _aux(tok: Token) -> set[str]:
    return {c.lower_ for c in tok.children if c.dep_ in {"aux", "auxpass"}}


def _negated(tok: Token, lex: Lexicon) -> bool:
    negs = lex.words("negations")
    return any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in negs) for c in tok.children)


def _particles(tok: Token) -> set[str]:
    return {c.lower_ for c in tok.children if c.dep_ in {"prt", "advmod", "prep"} and c.i == tok.i + 1}


def governing_chain(tok: Token) -> Iterator[tuple[Token, Token]]:
    """(clause, governor) pairs from ``tok`` up through infinitives, adjectives and
    coordinated or purpose clauses ("is set to meet", "was due to travel … to meet")."""
    cur = tok
    for _ in range(5):
        if cur.dep_ not in {"xcomp", "acomp", "conj", "advcl"} or cur.head == cur:
            return
        if cur.dep_ == "advcl" and marks(cur):
            return
        if cur.dep_ == "advcl" and cur.tag_ == "VBD" and any(
                c.dep_ == "advmod" and c.lower_ in _PAST_WHEN and c.i < cur.i for c in cur.children):
            return   # a past time clause is a told fact, not in the mood of its governor
        if cur.dep_ == "conj" and any(c.dep_ in SUBJECTS for c in cur.children):
            return
        yield cur, cur.head
        cur = cur.head


def _conditional(tok: Token, lex: Lexicon) -> bool:
    """Inside an if/unless clause, at any depth below the sentence root."""
    cond = lex.words("conditional_marks")
    cur = tok
    while True:
        if cur.dep_ in {"advcl", "ccomp"} and marks(cur) & cond:
            return True
        if cur.head == cur or cur.dep_ in {"relcl", "acl"}:
            return False
        cur = cur.head


#: auxiliaries of the progressive aspect told in the present or the past
_PROGRESSIVE_BE = frozenset({"is", "are", "am", "'s", "'re", "was", "were"})
#: subordinators of a time clause
_TEMPORAL_MARKS = frozenset({"until", "till", "before", "after", "when", "once"})
#: auxiliaries of the present perfect
_PRESENT_PERFECT = frozenset({"has", "have", "'ve"})


def _progressive(tok: Token, aux: set[str]) -> bool:
    """The progressive aspect: "are demonstrating", "was seeking to broker a truce", the
    passive "are being organized", the present perfect progressive "have been ceding"
    (TimeML's PROGRESSIVE and PERFECTIVE_PROGRESSIVE: going on)."""
    if tok.tag_ == "VBG" and aux & _PROGRESSIVE_BE:
        return True
    if tok.tag_ == "VBG" and {"to", "be"} <= aux:
        return True   # the progressive infinitive: "appear to be deteriorating"
    if tok.tag_ == "VBG" and "been" in aux and aux & _PRESENT_PERFECT:
        return True
    return tok.tag_ == "VBN" and "being" in aux and bool(aux & _PROGRESSIVE_BE)


def _counterfactual(tok: Token, aux: set[str]) -> bool:
    """The conditional perfect: "would have caused massive destruction" (it did not)."""
    return "have" in aux and tok.tag_ == "VBN"


def _would_outside_speech(tok: Token, aux: set[str], lex: Lexicon) -> bool:
    """Whether ``tok`` is told with would (not will) in the complement of a governor that
    reports no speech nor commitment (TimeML: only an EVIDENTIAL link makes would a
    future in the past)."""
    if aux & lex.words("future_auxiliaries") or not aux & lex.words("would"):
        return False
    cur = tok
    while cur.dep_ == "conj" and cur.head != cur:
        cur = cur.head
    if cur.dep_ != "ccomp":
        return False
    gov = cur.head
    words = {lemma(gov), gov.lower_}
    return not words & (lex.words("speech") | lex.words("promise_verbs"))


def _has_condition(tok: Token, lex: Lexicon) -> bool:
    """A clause with an if/unless clause of its own ("would be traveling … if …")."""
    return any(c.dep_ == "advcl" and marks(c) & lex.words("conditional_marks") for c in tok.children)


def _kept_from(tok: Token, lex: Lexicon) -> bool:
    """An action a clause keeps from happening: "without seeking approval", "barred the
    crowd from reaching the consulate" (TimeML: polarity NEG, a COUNTER_FACTIVE link)."""
    if tok.dep_ != "pcomp" or tok.tag_ != "VBG":
        return False
    prep = tok.head
    if prep.lower_ == "without":
        return True
    gov = prep.head
    return prep.lower_ == "from" and bool({lemma(gov), gov.lower_} & lex.words("preventing_governors"))


def clause_cues(tok: Token, lex: Lexicon) -> set[str]:
    """Status cues of a verb's clause (and the clauses it hangs from)."""
    cues: set[str] = set()
    aux = _aux(tok)
    if _negated(tok, lex):
        cues.add("negated")
    if aux & lex.words("hypothetical_modals") or _conditional(tok, lex):
        cues.add("hypothetical")
    intent = intention_clause(tok, lex)
    if aux & lex.words("would") and (_counterfactual(tok, aux) or _has_condition(tok, lex)):
        # "would have caused", "would be traveling … if": a condition, not a future
        cues.add("hypothetical")
    elif intent is not None and _would_outside_speech(tok, aux, lex):
        # would under a verb of knowing or judging ("realized the bank would be forced",
        # "confident he would find them") is a modal, not a future in reported speech
        cues.add("hypothetical")
    elif intent is not None:
        cues.add("planned")
    elif aux & lex.words("would"):
        cues.add("hypothetical")
    if _progressive(tok, aux):
        cues.add("ongoing")
    if _kept_from(tok, lex):
        cues.add("negated")
    if (tok.dep_ == "advcl" and tok.tag_ in {"VBZ", "VBP"} and marks(tok) & _TEMPORAL_MARKS
            and "planned" in clause_cues(tok.head, lex)):
        # a time clause in the present under a planned one is planned too ("will stay
        # until the crisis ends", "will meet after the talks end"; TimeML tense FUTURE)
        cues.add("planned")
    if any(c.lower_ in lex.words("ongoing_adverbs") for c in tok.children if c.dep_ == "advmod"):
        cues.add("ongoing")
    planned, negating, ongoing = (lex.words("planned_governors"), lex.words("negating_governors"),
                                  lex.words("ongoing_predicates"))
    for clause, gov in governing_chain(tok):
        words = {lemma(gov), gov.lower_}
        if clause.dep_ in {"xcomp", "acomp"} and words & planned:
            cues.add("planned")
        if clause.dep_ == "xcomp" and words & negating:
            cues.add("negated")
        if clause.dep_ == "xcomp" and words & ongoing:
            cues.add("ongoing")
        if clause.dep_ == "conj" and clause.tag_ in _FINITE:
            # a finite conjunct has its own tense, so it shares no auxiliary or negation:
            # "would not sign the bill and called for dialogue"
            continue
        if clause.dep_ in {"conj", "advcl", "xcomp"}:
            # a coordinated or purpose clause shares its governor's mood ("due to travel … to
            # meet", "will not sign or ratify"); an infinitive shares its aspect too ("was
            # seeking to broker")
            inherited = clause_cues(gov, lex)
            # a participle coordinated under a progressive shares its aspect ("are reading
            # the boxes and deciding"); other conjuncts do not
            shares_aspect = clause.dep_ == "xcomp" or (
                clause.dep_ == "conj" and clause.tag_ == "VBG" and gov.tag_ == "VBG" and not _aux(clause))
            cues |= inherited if shares_aspect else inherited - {"ongoing"}
    return cues


def _nominal_cues(m: EventMention, lex: Lexicon) -> set[str]:
    """Status of an event noun from its modifiers and the predicate it is an argument of."""
    cues: set[str] = set()
    tok = m.token
    modifiers = {lemma(c) for c in tok.children if c.dep_ in {"amod", "compound"}} | {
        c.lower_ for c in tok.children if c.dep_ in {"amod", "compound"}}
    if modifiers & lex.words("planned_modifiers"):
        cues.add("planned")
    pred = m.carrier
    if pred is None:
        return cues | _goal_cues(tok, lex)
    words = {lemma(pred), pred.lower_}
    parts = _particles(pred)
    if words & lex.words("postponed_predicates") or _particle_match(pred, parts, lex, "postponed_particles"):
        cues.add("postponed")
    elif (words & lex.words("cancelled_predicates")
          or _particle_match(pred, parts, lex, "cancelled_particles")):
        cues.add("cancelled")
    elif lemma(pred) in lex.words("negated_happening") and _negated(pred, lex):
        cues.add("cancelled")   # "the visit did not go ahead / take place"
    elif lemma(pred) in lex.words("ongoing_predicates") and lemma(pred) != "go":
        cues.add("ongoing")     # "continued its attacks", "fighting continued"
    elif any(lemma(c) in lex.words("ongoing_adjectives")
             for c in pred.children if c.dep_ in {"acomp", "prep"}):
        cues.add("ongoing")     # "talks are ongoing / underway"
    else:
        cues |= clause_cues(pred, lex)
    return cues


#: prepositions that make a noun the goal a clause leads to ("pave the way for talks")
_GOAL_PREPS = frozenset({"for", "to", "toward", "towards"})


def _goal_cues(tok: Token, lex: Lexicon) -> set[str]:
    """An event noun that is the goal of a clause ("would pave the way for negotiations",
    "could lead to war") has not happened when the clause has not: it takes the clause's
    hypothetical or planned mood (TimeML: the modality of the governing event)."""
    if tok.dep_ != "pobj" or tok.head.lower_ not in _GOAL_PREPS:
        return set()
    cur = tok.head.head
    for _ in range(3):
        if cur.pos_ in {"VERB", "AUX"}:
            return clause_cues(cur, lex) & {"hypothetical", "planned"}
        if cur.head == cur or cur.dep_ not in {"dobj", "pobj", "prep"}:
            return set()
        cur = cur.head
    return set()


def _particle_match(pred: Token, parts: set[str], lex: Lexicon, key: str) -> bool:
    table = lex.status.get(key) or {}
    return bool(set(table.get(lemma(pred), ())) & parts)


def event_status(m: EventMention, lex: Lexicon) -> str:
    """The status of a mention (composition-converted events are statements: occurred)."""
    if m.converted:
        return "hypothetical" if _conditional(m.token, lex) and m.type != "THREATEN" else "occurred"
    cues = _nominal_cues(m, lex) if m.nominal else clause_cues(m.token, lex)
    if m.sense.content is not None and "negated" in cues and m.type == "REJECT":
        cues.discard("negated")
    return strongest(cues)


def cancels_previous(tok: Token, lex: Lexicon) -> str | None:
    """'cancelled'/'postponed' when ``tok`` is a cancellation predicate whose subject is
    a pronoun ("but it did not go ahead", "it was postponed"): it cancels the planned
    event told just before."""
    subj = next((c for c in tok.children if c.dep_ in SUBJECTS), None)
    if subj is None or subj.pos_ != "PRON":
        return None
    words = {lemma(tok), tok.lower_}
    if words & lex.words("postponed_predicates"):
        return "postponed"
    if (words & lex.words("cancelled_predicates")
            or _particle_match(tok, _particles(tok), lex, "cancelled_particles")):
        return "cancelled"
    if lemma(tok) in lex.words("negated_happening") and _negated(tok, lex):
        return "cancelled"
    return None
