"""Event triggers: words and phrases of a sentence read as PLOVER events.

For every token (and every lexicon phrase) the senses of its lemma are tried
from the most specific to the least; the first whose conditions hold decides:
an event sense gives a trigger, a sense from ``not_events.yaml`` gives none.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ..actors.mentions import entity_of
from ..text.syntax import (
    ACTIVE_SUBJECTS,
    COMPLEMENTS,
    OBJECT_CONTROL,
    OBJECTS,
    PASSIVE_SUBJECTS,
    WH_WORDS,
    DocWords,
    children,
    clause_subject,
    is_passive,
    lemma,
    marks,
    np_tokens,
    prep_objects,
    reported_speaker,
    with_conjuncts,
)
from .lexicon import ANY, Conditions, Lexicon, Sense
from .petrarch import verb_table

_VERB_TAGS = frozenset({"VERB", "AUX"})
_NOUN_TAGS = frozenset({"NOUN", "PROPN"})
_LIGHT_AUX = frozenset({"be", "have", "do", "will", "would", "shall", "should", "can", "could",
                        "may", "might", "must"})
_NAME_LABELS = frozenset({"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT",
                          "WORK_OF_ART", "LAW"})


@dataclass(frozen=True)
class Trigger:
    """A token (with the other tokens of its phrase) read in one sense."""

    token: Token
    tokens: tuple[int, ...]
    sense: Sense

    @property
    def nominal(self) -> bool:
        return "VERB" not in self.sense.pos and "ADJ" not in self.sense.pos


def word_classes(tok: Token) -> frozenset[str]:
    """The lexicon sections a token can be looked up in (VERB, NOUN, ADJ)."""
    out = set()
    # a participle used as an adjective ("killing field", "long-threatened invasion") is no verb
    if tok.pos_ in _VERB_TAGS and lemma(tok) not in _LIGHT_AUX and tok.dep_ not in {"amod", "compound"}:
        out.add("VERB")
    # nouns inside names, dates and numbers ("last March", "Points Finger") are no events
    if tok.pos_ in _NOUN_TAGS and tok.ent_type_ in {"", "EVENT"}:
        out.add("NOUN")
    # a gerund in a noun's place ("Fighting between the army and the RSF continued")
    if tok.tag_ == "VBG" and tok.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj"} and not any(
            c.dep_ in {"dobj", "aux"} for c in tok.children):
        out = {"NOUN"}
    if tok.pos_ == "ADJ" or (tok.tag_ == "VBN" and tok.dep_ in {"acomp", "amod", "oprd"}) or (
            tok.tag_ == "VBN" and any(c.dep_ == "xcomp" for c in tok.children)):
        out.add("ADJ")
    return frozenset(out)


def lookup_keys(tok: Token) -> tuple[str, ...]:
    """Lemma and lower-cased form ("prepared" is both a verb form and an adjective)."""
    lem, low = lemma(tok), tok.lower_
    return (lem,) if lem == low else (lem, low)


# ---------------------------------------------------------------- the words around a trigger

def objects(tok: Token) -> list[Token]:
    """Direct objects (or, in a passive, the subject) of a verb, with conjuncts."""
    found = children(tok, OBJECTS) or (children(tok, PASSIVE_SUBJECTS) if is_passive(tok) else [])
    if not found and is_passive(tok):
        # raised from a passive infinitive: "the deal was due to be signed"
        raised = clause_subject(tok)
        found = [raised] if raised is not None else []
    if not found and tok.dep_ in {"acl", "amod"} and tok.tag_ == "VBN":
        found = [tok.head]   # "the scheduled meeting", "a proposal put forward"
    if not found and lemma(tok) in OBJECT_CONTROL:
        # "allowed X to bring out a rally" parsed with X as the subject of the infinitive
        found = [s for c in children(tok, {"ccomp"}) for s in children(c, ACTIVE_SUBJECTS)]
    return [t for o in found for t in with_conjuncts(o)]


def object_words(tok: Token) -> set[str]:
    """Lemmas naming a verb's object: its head, compounds and of-complement
    ("imposed a state of emergency" → state, emergency). A modifier counts by its form
    too: a gerund the tagger reads as a verb is the noun the lists name ("closed all
    crossing points": crossing, not cross)."""
    words: set[str] = set()
    for o in objects(tok):
        words.add(lemma(o))
        words.add(o.lower_)
        for c in o.children:
            if c.dep_ in {"compound", "amod"}:
                words.add(lemma(c))
                words.add(c.lower_)
            elif c.dep_ == "prep" and c.lower_ == "of":
                words.update(lemma(p) for p in c.children if p.dep_ == "pobj")
    return words


def _prep_object_words(tok: Token) -> set[str]:
    """Lemmas naming the objects of a word's prepositions, with their compounds
    ("agreed on the draft text of a free-trade deal" → text; "agreed to a trade deal" →
    deal, trade)."""
    words: set[str] = set()
    for prep in (c for c in tok.children if c.dep_ == "prep"):
        for o in (p for p in prep.children if p.dep_ == "pobj"):
            words.add(lemma(o))
            words |= {w for c in o.children if c.dep_ in {"compound", "amod"}
                      for w in (lemma(c), c.lower_)}
            words |= {lemma(p) for c in o.children if c.dep_ == "prep" and c.lower_ == "of"
                      for p in c.children if p.dep_ == "pobj"}
    return words


def modifier_words(tok: Token) -> set[str]:
    """Lemmas of a noun's modifiers ("air strike", "joint exercises", "heart attack")."""
    words = {lemma(c) for c in tok.children if c.dep_ in {"compound", "amod", "nmod", "npadvmod"}}
    words |= {c.lower_ for c in tok.children if c.dep_ in {"compound", "amod", "nmod"}}
    # hyphenated compounds the tokenizer splits ("drone-strike", "live-fire")
    if tok.i >= 2 and tok.doc[tok.i - 1].text == "-":
        words.add(lemma(tok.doc[tok.i - 2]))
    return words


#: what a personal pronoun can stand for, until coreference says which entity it is
_PRONOUN_LABELS = {
    "he": {"PERSON"}, "she": {"PERSON"}, "him": {"PERSON"}, "her": {"PERSON"},
    "it": {"GPE", "ORG"}, "its": {"GPE", "ORG"},
    "they": {"GPE", "ORG", "NORP", "PERSON"}, "them": {"GPE", "ORG", "NORP", "PERSON"},
    "we": {"GPE", "ORG", "NORP", "PERSON"}, "their": {"GPE", "ORG", "NORP", "PERSON"},
}


def entity_labels(doc: Doc, tok: Token, labels: dict[str, str]) -> set[str]:
    """Entity labels of a noun phrase's name-bearing tokens (NER spans and mentions);
    an unresolved personal pronoun counts as the kinds of entity it can stand for."""
    out: set[str] = set()
    if tok.pos_ == "PRON" and entity_of(doc, tok) is None:
        return set(_PRONOUN_LABELS.get(tok.lower_, ()))
    for t in np_tokens(tok):
        if t.ent_type_ in _NAME_LABELS:
            out.add(t.ent_type_)
        eid = entity_of(doc, t)
        if eid is not None and eid in labels:
            out.add(labels[eid])
    return out


def _entity_ok(found: set[str], wanted: frozenset[str]) -> bool:
    return bool(found) if wanted == ANY else bool(found & wanted)


@dataclass
class _Context:
    doc: Doc
    words: DocWords
    start: int
    end: int
    labels: dict[str, str]
    speech: frozenset[str]
    support_verbs: frozenset[str]
    own: frozenset[str] = frozenset()
    _lemmas: frozenset[str] | None = None

    @property
    def lemmas(self) -> frozenset[str]:
        """Lemmas and forms of the sentence (built on first use)."""
        if self._lemmas is None:
            w = self.words
            self._lemmas = frozenset(w.lemmas[self.start:self.end]) | frozenset(w.lowers[self.start:self.end])
        return self._lemmas


def _subject_tokens(tok: Token, speech: frozenset[str]) -> list[Token]:
    if "NOUN" in word_classes(tok) and tok.pos_ != "VERB":
        return []
    subj = clause_subject(tok)
    if subj is not None and subj.dep_ in PASSIVE_SUBJECTS and subj.head == tok:
        return [o for _, o in prep_objects(tok, {"by"})]
    if subj is not None and subj.pos_ == "PRON":
        subj = reported_speaker(subj, speech) or subj
    return with_conjuncts(subj) if subj is not None else []


def _has_agent(tok: Token) -> bool:
    if is_passive(tok):
        return any(True for _ in prep_objects(tok, {"by"}))
    return any(c.dep_ in ACTIVE_SUBJECTS for c in tok.children) or clause_subject(tok) is not None


def _complements(tok: Token) -> list[Token]:
    out = children(tok, COMPLEMENTS)
    # "ready to move on", "willing to withdraw": the adjective's own infinitive
    if not out and tok.dep_ == "acomp":
        out = children(tok, {"xcomp"})
    return out


def infinitives(tok: Token) -> list[Token]:
    """Infinitive complements and purpose clauses ("told Putin to halt", "sent … to investigate")."""
    return [c for c in tok.children if c.dep_ == "xcomp" or (
        c.dep_ in {"advcl", "ccomp"} and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children))]


def small_clauses(tok: Token) -> list[Token]:
    """Participles predicated of the verb's object ("ordered Pinochet arrested", "ordered
    nine ministers jailed"): a bare participle complement, or one right after the object."""
    out = [c for c in tok.children if c.dep_ in {"ccomp", "xcomp", "oprd"} and c.tag_ in {"VBN", "VBD"}
           and not any(a.dep_ in {"aux", "auxpass", "mark", "nsubjpass"} for a in c.children)]
    out += [a for o in children(tok, {"dobj"}) for a in o.children
            if a.dep_ == "acl" and a.tag_ == "VBN" and a.i == o.i + 1]
    return out


def _preps(tok: Token, ctx: _Context) -> set[str]:
    """Prepositions on the trigger, on its object, or (for a noun) on the verb that carries it."""
    # a preposition that only dates the event is not part of the sense ("called Putin on
    # Tuesday" is no "call on")
    found = {c.lower_ for c in tok.children if c.dep_ in {"prep", "agent", "dative"}
             and not _dates_only(c)}
    # on the object, or on another phrase's object ("spoke by telephone with Putin")
    for o in children(tok, OBJECTS) + [o for _, o in prep_objects(tok)]:
        found |= {c.lower_ for c in o.children if c.dep_ == "prep"}
    if tok.pos_ in _NOUN_TAGS and tok.dep_ in {"dobj", "nsubjpass"} and lemma(tok.head) in ctx.support_verbs:
        found |= {c.lower_ for c in tok.head.children if c.dep_ in {"prep", "dative"}}
    return found


def _dates_only(prep: Token) -> bool:
    objs = [o for o in prep.children if o.dep_ == "pobj"]
    return bool(objs) and all(o.ent_type_ in {"DATE", "TIME"} for o in objs)


def _mark_words(tok: Token) -> set[str]:
    found: set[str] = set()
    for c in tok.children:
        if c.dep_ in {"ccomp", "advcl", "xcomp"}:
            found |= marks(c)
            first = min(c.subtree, key=lambda t: t.i)
            if first.lower_ in WH_WORDS:
                found.add(first.lower_)
            if _direct_question(c, tok):
                found.add("?")
    return found


def _direct_question(clause: Token, verb: Token) -> bool:
    """Whether a quoted clause told by ``verb`` is a direct question ('"Is that fair?"
    asked an analyst'); its question mark hangs on the clause or on the verb. A modal
    put to "you" asks for an act ("Will you help us?"), not for an answer."""
    asked = any(t.text == "?" for t in clause.subtree) or any(
        t.dep_ == "punct" and t.text == "?" and t.i < verb.i for t in verb.children)
    if not asked:
        return False
    words = [t for t in clause.subtree if not t.is_punct][:2]
    return not (len(words) == 2 and words[0].tag_ == "MD" and words[1].lower_ == "you")


def _check_words(key: str, want: frozenset[str], tok: Token, ctx: _Context) -> bool:
    base = key.removesuffix("_not")
    if base == "object":
        have = object_words(tok)
    elif base == "prep":
        have = _preps(tok, ctx)
    elif base == "prep_object":
        have = _prep_object_words(tok)
    elif base == "particle":
        have = {c.lower_ for c in tok.children if c.dep_ == "prt"}
        # "called off", "pulled out of": some parses attach the particle as a preposition
        have |= {c.lower_ for c in tok.children if c.dep_ in {"prep", "advmod"} and c.i == tok.i + 1}
    elif base == "xcomp":
        have = {lemma(c) for c in infinitives(tok)}
    elif base == "mark":
        have = _mark_words(tok)
    elif base == "modifier":
        have = modifier_words(tok)
    elif base == "context":
        have = set(ctx.lemmas - ctx.own)
    elif base == "subject":
        have = {lemma(t) for s in _subject_tokens(tok, ctx.speech) for t in np_tokens(s)}
    elif base == "dep":
        have = {tok.dep_}
    elif base == "object_predicate":
        # what the object is called ("called X a liar", "branded them terrorists")
        have = {w for c in tok.children if c.dep_ == "oprd" for p in with_conjuncts(c)
                for t in (p, *(m for m in p.children if m.dep_ in {"amod", "compound"}))
                for w in (lemma(t), t.lower_)}
    else:
        raise KeyError(key)
    hit = bool(have & want)
    return not hit if key.endswith("_not") else hit


def _check_entities(key: str, want: frozenset[str], tok: Token, ctx: _Context,
                    sense: Sense) -> bool:
    base = key.removesuffix("_not")
    if base == "object_entity":
        found = {lab for o in objects(tok) for lab in entity_labels(ctx.doc, o, ctx.labels)}
    elif base == "subject_entity":
        found = {lab for s in _subject_tokens(tok, ctx.speech)
                 for lab in entity_labels(ctx.doc, s, ctx.labels)}
    elif base == "prep_entity":
        preps = sense.conditions.words.get("prep")
        objs = [o for _, o in prep_objects(tok, preps)]
        objs += [o2 for _, o in prep_objects(tok) for _, o2 in prep_objects(o, preps)]
        found = {lab for o in objs for t in with_conjuncts(o)
                 for lab in entity_labels(ctx.doc, t, ctx.labels)}
    elif base == "modifier_entity":
        found = {lab for c in tok.children if c.dep_ in {"compound", "amod", "nmod", "poss"}
                 for lab in entity_labels(ctx.doc, c, ctx.labels)}
    else:
        raise KeyError(key)
    ok = _entity_ok(found, want)
    return not ok if key.endswith("_not") else ok


def _check_flag(key: str, value: bool, tok: Token, support: Callable[[Token], bool]) -> bool:
    if key == "object_none":
        result = not children(tok, OBJECTS)
    elif key == "complement":
        result = bool(_complements(tok))
    elif key == "complement_not":
        result = not _complements(tok)
    elif key == "infinitive":
        result = bool(infinitives(tok))
    elif key == "small_clause":
        result = bool(small_clauses(tok))
    elif key == "plural":
        result = tok.tag_ in {"NNS", "NNPS"}
    elif key == "predicate":
        # an object predicate: "called Major a liar", "declared the vote void"
        result = any(c.dep_ == "oprd" for c in tok.children)
    elif key == "has_agent":
        result = _has_agent(tok)
    elif key == "passive":
        # told in the passive ("was returned by X to Y")
        result = is_passive(tok)
    elif key == "support_only":
        result = support(tok)
    else:
        raise KeyError(key)
    return result == value


def sense_applies(sense: Sense, tok: Token, ctx: _Context, support: Callable[[Token], bool]) -> bool:
    """Whether every condition of ``sense`` holds for ``tok``."""
    cond = sense.conditions
    return (all(_check_flag(k, v, tok, support) for k, v in cond.flags.items())
            and all(_check_words(k, w, tok, ctx) for k, w in cond.words.items())
            and all(_check_entities(k, w, tok, ctx, sense) for k, w in cond.entities.items()))


def _governed_by_support(lex: Lexicon, verb_triggers: set[int]) -> Callable[[Token], bool]:
    """A noun that is the object (or passive subject) of a support verb or of a
    trigger verb: "reached an agreement", "issued an appeal", "granted asylum"."""
    support_verbs = lex.words("support_verbs")

    def check(tok: Token) -> bool:
        head = tok.head
        if tok.dep_ in {"pobj"} and head.dep_ == "prep":
            head = head.head
        if tok.dep_ not in {"dobj", "nsubjpass", "pobj", "attr", "conj", "appos"}:
            return False
        if tok.dep_ == "conj":
            return check(head)
        return head.pos_ in _VERB_TAGS and (lemma(head) in support_verbs or head.i in verb_triggers)

    return check


def _phrase_at(sent: Span, i: int, phrase: tuple[str, ...]) -> list[int] | None:
    """Token indices matching a lemma phrase from sentence-relative index ``i`` (hyphens skipped)."""
    got: list[int] = []
    j = i
    for word in phrase:
        while j < len(sent) and sent[j].text in {"-", "–"}:
            j += 1
        if j >= len(sent) or word not in lookup_keys(sent[j]):
            return None
        got.append(sent[j].i)
        j += 1
    return got


def _phrase_head(doc: Doc, idx: list[int], sense: Sense) -> Token:
    """The phrase's verb for a verb phrase ("point the finger"), else its syntactic head."""
    if "VERB" in sense.pos:
        return doc[idx[0]]
    inside = set(idx)
    for i in idx:
        if doc[i].head.i not in inside or doc[i].head.i == i:
            return doc[i]
    return doc[idx[-1]]


def find_triggers(doc: Doc, lex: Lexicon, sentences: Iterable[Span] | None = None,
                  words: DocWords | None = None, fallback: bool = False) -> list[Trigger]:
    """Every event trigger of the Doc, in text order. ``fallback``: also verbs the lexicon
    has no holding sense for, read by PETRARCH2's verb table (:func:`petrarch_sense`)."""
    labels = {e.id: e.type for e in (doc._.entities or [])} if doc.has_extension("entities") else {}
    speech, support_verbs = lex.words("speech"), lex.words("support_verbs")
    carriers = lex.words("carrier_nouns")
    words = words or DocWords.of(doc)
    out: list[Trigger] = []
    # the words looked up: the lexicon's (and, for the fallback, PETRARCH2's verbs)
    lookup = _with_petrarch(lex.trigger_words) if fallback else lex.trigger_words
    for sent in sentences if sentences is not None else doc.sents:
        ctx = _Context(doc, words, sent.start, sent.end, labels, speech, support_verbs)
        out.extend(_sentence_triggers(sent, lex, ctx, carriers, lookup, fallback))
    return sorted(out, key=lambda t: t.token.i)


@lru_cache(maxsize=4)
def _with_petrarch(trigger_words: frozenset[str]) -> frozenset[str]:
    """The lexicon's trigger words and PETRARCH2's verbs (built once per lexicon)."""
    return trigger_words | verb_table().lemmas


def _sentence_triggers(sent: Span, lex: Lexicon, ctx: _Context, carriers: frozenset[str],
                       lookup: frozenset[str], fallback: bool) -> list[Trigger]:
    """Phrases first, then verbs and adjectives, then nouns (which may need a trigger verb)."""
    doc = ctx.doc
    out: list[Trigger] = []
    verb_triggers: set[int] = set()
    support = _governed_by_support(lex, verb_triggers)
    taken: set[int] = set()
    for i in ctx.words.hits(sent.start, sent.end, lex.phrase_starts):
        for sense in lex.phrases.get(ctx.words.lemmas[i], ()):
            idx = _phrase_at(sent, i - sent.start, sense.phrase)
            if idx is None or taken & set(idx):
                continue
            head = _phrase_head(doc, idx, sense)
            ctx.own = frozenset(k for j in idx for k in lookup_keys(doc[j]))
            if sense_applies(sense, head, ctx, support):
                taken.update(idx)
                if sense.type is not None:
                    out.append(Trigger(head, tuple(idx), sense))
                    if "NOUN" not in sense.pos:
                        verb_triggers.add(head.i)
                break
    candidates = [doc[i] for i in ctx.words.hits(sent.start, sent.end, lookup)]
    proposed: list[Trigger] = []
    receipts: set[int] = set()
    for wanted in ({"VERB", "ADJ"}, {"NOUN"}):
        receipts |= {t.token.i for t in out if t.sense.frame == "receipt"}
        for tok in candidates:
            if tok.i in taken:
                continue
            classes = word_classes(tok) & wanted
            # a noun modifying another noun names the event only on a carrier noun
            # ("mediation effort", "rescue operation"), not elsewhere ("aid workers")
            if tok.dep_ == "compound" and lemma(tok.head) not in carriers:
                classes = classes - {"NOUN"}
            # what a verb of receiving takes ("received aid from Japan") is told by that
            # verb, whose frame knows the giver from the recipient
            if tok.head.i in receipts and tok.dep_ in OBJECTS:
                classes = classes - {"NOUN"}
            if not classes:
                continue
            ctx.own = frozenset(lookup_keys(tok))
            for sense in lex.senses_for(lookup_keys(tok)):
                if not (sense.pos & classes) or not sense_applies(sense, tok, ctx, support):
                    continue
                taken.add(tok.i)
                if sense.type is not None:
                    out.append(_on_carrier_noun(tok, sense, classes, taken))
                    if "NOUN" not in classes:
                        verb_triggers.add(tok.i)
                break
            else:
                # no sense of the lexicon holds: PETRARCH2's reading of the verb, if it has one
                found = petrarch_sense(tok, lex) if fallback and "VERB" in classes else None
                if found is not None:
                    proposed.append(Trigger(tok, (tok.i,), found))
    # a verb that carries a trigger of the lexicon ("held talks", "the talks did not go
    # ahead") tells that event, not one of its own
    heads = {doc[i].head.i for t in out for i in t.tokens}
    proposed = [t for t in proposed if t.token.i not in heads]
    return sorted(out + proposed, key=lambda t: t.token.i)


def _on_carrier_noun(tok: Token, sense: Sense, classes: frozenset[str], taken: set[int]) -> Trigger:
    """A trigger; a noun on a carrier noun ("a mediation effort", "the rescue operation")
    is told through that noun's phrase, so the phrase is the trigger and its head the
    token the clause reaches ("launched a mediation effort": the support verb's subject
    is the mediator)."""
    if tok.dep_ == "compound" and classes == {"NOUN"} and tok.head.i not in taken:
        taken.add(tok.head.i)
        return Trigger(tok.head, (tok.i, tok.head.i), sense)
    return Trigger(tok, (tok.i,), sense)


def petrarch_sense(tok: Token, lex: Lexicon) -> Sense | None:
    """A verb's sense from PETRARCH2's verb table (its object refining it), for a verb
    the lexicon has no holding sense for; None when the table codes no PLOVER event."""
    reading = verb_table().reading(lemma(tok), sorted(object_words(tok)))
    if reading is None:
        return None
    ptype = verb_table().plover(reading[1])
    if ptype is None:
        return None
    return _generated_sense(lemma(tok), ptype, reading[1], lex.type_frames.get(ptype, "act"))


@lru_cache(maxsize=4096)
def _generated_sense(key: str, ptype: str, cameo: str | None, frame: str) -> Sense:
    return Sense(key=key, pos=frozenset({"VERB"}), type=ptype, cameo=cameo, mode=None, frame=frame,
                 conditions=Conditions(), confidence=0.6, order=1 << 30, origin="petrarch")
