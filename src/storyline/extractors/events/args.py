"""Event arguments from the dependency parse: source, target and location.

The trigger's frame (``frames.yaml``) lists where to look, in order; the first
slot that names an entity wins. A noun phrase names an entity through its head
("Putin"), or, for a common noun, through its name-bearing modifiers ("the
Ukrainian government", "Ukraine's economy minister, Yulia Svyrydenko", "rebels
in the Ivory Coast"). Coordinated phrases give compound actors ("Trump and
Vance"). Pronouns and descriptions resolve through ``doc._.mentions`` (the
actors work); a subject pronoun of reported speech is the speaker ("Syria says
it is willing …"). Nothing is invented: an actor that names no entity
("foreign ministers") leaves the argument empty.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from spacy.tokens import Doc, Token

from ... import kb
from ..actors.coref import noun_antecedent
from ..actors.groups import group_of, is_group_id, known_groups
from ..actors.mentions import entity_of
from ..text.syntax import (
    ACTIVE_SUBJECTS,
    OBJECTS,
    PASSIVE_SUBJECTS,
    SUBJECTS,
    children,
    clause_subject,
    first_child,
    is_passive,
    lemma,
    marks,
    prep_objects,
    reported_speaker,
    subjectless_infinitive,
    with_conjuncts,
)
from .compose import main_content
from .dyads import dyad_kind, dyad_members, one_side
from .lexicon import Frame, Lexicon
from .mention import EventMention

#: tags of relative pronouns ("who", "whom", "which")
_RELATIVE_TAGS = frozenset({"WP", "WDT"})
#: gazetteer kinds of a place that is a town, not a country or a region
_TOWN_KINDS = frozenset({"city", "town"})
#: modifiers through which a common noun names its entity, most telling first
_NAMING_DEPS = ("appos", "compound", "flat", "poss", "amod", "nmod", "npadvmod")
#: modifiers whose conjuncts name the other members of a compound actor
_COORDINATED_MODIFIERS = frozenset({"amod", "compound", "nmod"})
#: prepositions that attach a people or place noun to the entity it belongs to
_BELONGING_PREPS = frozenset({"in", "from", "for", "at", "based", "near", "throughout", "across"})
#: prepositions and clause links that lead from a trigger into what it is about
_INTO = frozenset({"xcomp", "ccomp", "dobj", "dative", "pobj", "agent", "acl", "attr", "oprd",
                   "pcomp", "nsubj", "nsubjpass", "conj", "appos", "prep", "advcl"})
_NOT_ABOUT = frozenset({"after", "before", "during", "following", "amid", "amidst", "since",
                        "despite", "while", "because", "until", "till", "as", "like", "unlike",
                        "besides", "including", "unless", "if", "although", "though", "when",
                        "near", "outside", "inside", "around",
                        # the source of the report, not the content: "according to a statement from X"
                        "according"})
#: prepositions that, on the trigger itself, say where it happened
_WHERE = frozenset({"in", "at", "near", "outside", "inside", "around", "across", "throughout"})
#: a reporting clause inside a sentence ("…, a Saudi-owned weekly reports") is not content
_REPORTING = frozenset({"say", "report", "tell", "add", "announce", "state", "claim"})
#: endings of nouns for people who do something (an open class the lists cannot hold)
_AGENT_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent", "ee")
#: prepositions that give an event's place
_PLACE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "across", "throughout",
                          "around", "on", "into", "over"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: named-entity labels of a preposition's object that say where or when
_PLACE_OR_TIME = _PLACE_LABELS | {"DATE", "TIME", "EVENT"}
#: nouns that count people ("thousands of workers"): the people are the actor
_QUANTITIES = frozenset({"thousand", "hundred", "dozen", "score", "ten", "million", "group",
                         "crowd", "number", "handful"})
#: the speaker's own words for themselves or their side ("we will retaliate", "let me …")
_FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself", "we", "us", "our", "ours",
                           "ourselves"})
#: quotes in the speaker's own words, where the first person is the speaker
_OWN_WORDS = frozenset({"direct", "partial"})


#: separators that end a dateline ("BEIJING --", "Washington - ", "Lucknow:")
_DATELINE_ENDS = frozenset({"-", "--", "—", "–", ":"})
#: the most tokens a dateline takes ("New York, May 17, IRNA -")
_DATELINE_MAX = 12


def dateline_tokens(doc: Doc) -> frozenset[int]:
    """Token indices of the dateline that opens an article ("GAZA CITY, Gaza Strip --",
    "New York, May 17, IRNA -", "Lucknow:"): names, numbers and punctuation up to a dash
    or colon, with no verb among them."""
    for i, tok in enumerate(doc[:_DATELINE_MAX]):
        # a double dash the tokenizer left on the capitalized last word ("TEL AVIV-- …")
        glued = tok.text.endswith(("--", "—")) and tok.text.rstrip("-—").isupper()
        # a dash set off by spaces, not the hyphen of "Secretary-General" or "al-Bashir"
        if glued or (tok.text in _DATELINE_ENDS and i > 0
                     and (tok.text == ":" or doc[i - 1].whitespace_)):
            head = doc[:i + 1] if glued else doc[:i]
            if all(t.pos_ in {"PROPN", "NUM", "PUNCT", "X", "SYM"} or t.is_punct or t.is_upper
                   for t in head) and any(t.pos_ == "PROPN" for t in head):
                return frozenset(range(i + 1))
            return frozenset()
        if tok.pos_ in {"VERB", "AUX"}:
            return frozenset()
    return frozenset()


def quoted_first_person(doc: Doc) -> dict[int, str]:
    """Token index -> speaker entity of every first-person word ("I", "we", "us", "our")
    inside a direct or partial quote whose speaker is an entity: in the speaker's own
    words the first person is the speaker ("'We will not give up,' the minister said")."""
    out: dict[int, str] = {}
    for q in doc._.quotes or []:
        if q.kind not in _OWN_WORDS or q.speaker is None:
            continue
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None:
            continue
        for tok in span:
            if tok.lower_ in _FIRST_PERSON and tok.pos_ == "PRON":
                out[tok.i] = q.speaker
    return out


class ArgResolver:
    """Resolves noun phrases of one Doc to entity ids."""

    def __init__(self, doc: Doc, lex: Lexicon, groups: bool = False) -> None:
        self.doc = doc
        #: whether groups named by a common noun resolve to group actors
        self.groups = groups
        self.lex = lex
        self.speech = lex.words("speech")
        self.actor_nouns = lex.words("actor_nouns") | lex.words("civilians") | lex.words("military")
        self.place_nouns = lex.words("place_nouns")
        self.relational = lex.words("relational_people")
        self.business_nouns = lex.words("business_nouns")
        self.private_persons = lex.words("private_persons")
        self.serving_forces = lex.words("serving_forces")
        self.crossings = lex.words("crossings")
        self.abduction_acts = lex.words("abduction_acts")
        self.stance_prefixes = tuple(f"{w}-" for w in lex.words("stance_prefixes"))
        self.undergone = lex.words("undergone")
        self.entities = {e.id: e for e in (doc._.entities or [])}
        self.dateline = dateline_tokens(doc)
        #: first-person words inside a quote, with the quote's speaker (context pass only)
        self.quoted: dict[int, str] = quoted_first_person(doc) if groups else {}
        self._memo: dict[int, list[str]] = {}
        self._known: dict[str, list[str]] | None = None
        self._abductors: list[str] | None = None

    def np_entities(self, tok: Token, depth: int = 0) -> list[str]:
        """Entity ids a noun phrase headed by ``tok`` names (its conjuncts included)."""
        if depth == 0:
            cached = self._memo.get(tok.i)
            if cached is None:
                cached = self._memo[tok.i] = self._np_entities(tok, 0)
            return list(cached)
        return self._np_entities(tok, depth)

    def np_entities_one(self, tok: Token) -> list[str]:
        """Entity ids the noun phrase headed by ``tok`` names, its conjuncts left out."""
        return self._one(tok, 0)

    def _np_entities(self, tok: Token, depth: int) -> list[str]:
        out: list[str] = []
        for t in with_conjuncts(tok):
            for eid in self._one(t, depth):
                if eid not in out:
                    out.append(eid)
        return out

    def _one(self, tok: Token, depth: int) -> list[str]:
        if tok.i in self.dateline:
            return []       # "KABUL (AP) --": where the report was filed, not an actor
        pair = self.dyad(tok)
        if pair:
            # "the two countries", "both sides": the two actors named before (coreference
            # takes such a phrase for the one entity of its kind named last)
            return pair
        eid = entity_of(self.doc, tok)
        if eid is not None and self.is_stance(eid):
            return []       # "pro-British towns": what the towns are for, not who they are
        if eid is not None and tok.pos_ == "NOUN":
            # "the largest Catholic party, the Freedom Party": a description explained by
            # a name in apposition, set off by a comma, is the actor that name codes
            # (PETRARCH2 codes the name)
            named = next((n for c in children(tok, {"appos"}) if c.pos_ == "PROPN"
                          and c.left_edge.i > 0 and self.doc[c.left_edge.i - 1].text == ","
                          and (n := entity_of(self.doc, c)) is not None and n != eid), None)
            if named is not None:
                return [named]
        if eid is not None:
            mention = (self.doc._.mention_index or {}).get(tok.i)
            # a name the tagger ran on from the dateline names the phrase only as its head
            # ("ALGIERS, Algeria - Police have arrested …"), not as a modifier ("Nairobi,
            # May 17, KNA - Union leaders …": "KNA - Union" is the filing line)
            if depth > 0 and mention is not None and mention.start in self.dateline:
                return []
            return [eid]
        if tok.tag_ in _RELATIVE_TAGS and depth < 3:
            # "Saddam, with whom the king met": the noun the relative clause is about
            rel = _relative_antecedent(tok)
            return self._one(rel, depth + 1) if rel is not None else []
        if tok.pos_ == "PRON":
            if tok.i in self.quoted:
                # "'We will retaliate,' the minister said": the quote's speaker
                return [self.quoted[tok.i]]
            speaker = reported_speaker(tok, self.speech)
            if speaker is not None:
                return self.np_entities(speaker, depth + 1) if depth < 3 else []
            # "the supporters … they smashed cars": the group the pronoun refers to
            noun = noun_antecedent(self.doc, tok) if self.groups else None
            return self._antecedent_group(noun, depth) if noun is not None else []
        if depth > 3:
            return []
        # "his Chinese counterpart", "Ukraine's allies", "rivals of Hamas": the possessor
        # or of-phrase of a relational noun is the one it relates to, not its referent
        relational = lemma(tok) in self.relational
        for dep in _NAMING_DEPS:
            if relational and dep == "poss":
                continue
            for c in children(tok, dep):
                found = self._one(c, depth + 1)
                if found and dep == "poss" and self._follows_a_person(tok, found):
                    continue
                if found and self._resides(tok) and all(
                        self.entity_type(e) in ("GPE", "LOC") and not self.is_country(e) for e in found):
                    # "the Kirkland, Wash., company", "a southwest Ohio man": where a
                    # company is or a person lives, not who acts
                    continue
                if found:
                    # coordinated modifiers name a compound actor ("British and EU
                    # negotiators", "UK and EU negotiators")
                    for other in (c.conjuncts if dep in _COORDINATED_MODIFIERS else ()):
                        found += [e for e in self._one(other, depth + 1) if e not in found]
                    # a hyphenated pair names both sides ("the US-Cuba dispute"), in text order
                    for other in (_hyphen_partners(c) if dep in _COORDINATED_MODIFIERS else ()):
                        more = [e for e in self._one(other, depth + 1) if e not in found]
                        found = more + found if other.i < c.i else found + more
                    return found
                # "militants loyal to Iraq's Al-Qaeda frontman"
                if c.pos_ == "ADJ":
                    for _, obj in prep_objects(c, {"to", "of"}):
                        found = self._one(obj, depth + 1)
                        if found:
                            return found
        # "the president of Armenia", "positions of the Palestinian security forces"
        for _, obj in prep_objects(tok, set() if relational else {"of"}):
            found = self._one(obj, depth + 1)
            if found and self._follows_a_person(tok, found):
                # "supporters of Ershad" are a group of their own, as "Ershad's supporters"
                return []
            if found:
                return found
        # a group of people its own noun names is the actor, wherever it is from
        # ("the 24 students from the state university", "police in the town")
        group = self._group(tok, depth)
        if group:
            return group
        # "rebels in the Ivory Coast", "a camp for Congolese refugees" (people and places
        # only: "the war in Ukraine" is not Ukraine)
        if not self.names_people_or_place(tok):
            return []
        if lemma(tok) in self.place_nouns and children(tok, {"poss"}):
            # "the man's house in Ankara": a place someone's own is theirs, named or not;
            # its town only says where it is
            return []
        for _, obj in prep_objects(tok, _BELONGING_PREPS):
            found = self._one(obj, depth + 1)
            if found:
                return found
        # "a group based in Trinidad", "workers affiliated with the Serbian Workers' Union"
        for c in children(tok, {"acl"}):
            for _, obj in prep_objects(c, {"in", "from", "with", "to", "of"}):
                found = self._one(obj, depth + 1)
                if found:
                    return found
        return []

    def _resides(self, tok: Token) -> bool:
        """Whether ``tok`` names a company or one private person, whom a town or state
        named with it only places."""
        lem = lemma(tok)
        return lem in self.business_nouns or (lem in self.private_persons and tok.tag_ == "NN")

    def dyad(self, tok: Token) -> list[str]:
        """The two actors a plural description names ("the two countries", "both sides";
        :mod:`.dyads`); empty for any other phrase."""
        kind = dyad_kind(tok, self.lex)
        return dyad_members(tok, kind, self.entities, self.dateline) if kind else []

    def _antecedent_group(self, noun: Token, depth: int) -> list[str]:
        """The group a pronoun's antecedent noun names: the noun itself ("the supporters"),
        or the people a quantity counts ("thousands of striking workers")."""
        found = self._group(noun, depth + 1)
        if found or lemma(noun) not in _QUANTITIES:
            return found
        return next((g for _, o in prep_objects(noun, {"of"}) if (g := self._group(o, depth + 1))), [])

    def _group(self, tok: Token, depth: int) -> list[str]:
        """A group of people named by a common noun ("police", "the court", "students"):
        a provisional group actor, an entity once an event keeps it (:mod:`..actors.groups`)."""
        g = group_of(self.doc, tok) if self.groups else None
        if g is None:
            return []
        if tok.dep_ == "appos":
            # the same referent as the phrase it explains ("the settlers, religious students")
            found = self._one(tok.head, depth + 1)
            if found:
                return found
        if self._known is None:
            self._known = known_groups(self.doc, self.doc._.entities or [])
        # the group the article names with its country elsewhere ("Israeli troops" …
        # "the troops"; "soldiers" when the article's only military is Israel's)
        head = tok.lemma_.lower()
        for k in (head, f"#{g.sector}"):
            same = self._known.get(k, [])
            if len(same) == 1:
                return list(same)
        return [g.key]

    def _follows_a_person(self, tok: Token, found: list[str]) -> bool:
        """"Ershad's supporters", "Putin's critics": a group of people a person has is a
        group of its own, not that person (a country's or a party's people are theirs)."""
        return tok.tag_ == "NNS" and self.names_people(tok) and all(
            self.entity_type(e) == "PERSON" for e in found)

    def names_people_or_place(self, tok: Token) -> bool:
        """Whether a noun names people or a place ("rebels", "the capital")."""
        return lemma(tok) in self.place_nouns or self.names_people(tok)

    def names_people(self, tok: Token) -> bool:
        """Whether a noun names people: an actor noun, or a plural agent noun
        ("dockworkers", "protesters", "activists", "residents")."""
        lem = lemma(tok)
        if lem in self.actor_nouns:
            return True
        return tok.tag_ == "NNS" and lem.endswith(_AGENT_SUFFIXES)

    def entity_type(self, eid: str) -> str | None:
        """The entity's label, None for an id that names no entity (a group key)."""
        e = self.entities.get(eid)
        return e.type if e is not None else None

    def is_country(self, eid: str) -> bool:
        """Whether an entity is a country named as such ("Rwanda", not "Kigali")."""
        e = self.entities.get(eid)
        if e is None or e.type != "GPE":
            return False
        found = kb.country(e.name)
        return found is not None and found.iso3 == e.country

    def recipient_within(self, tok: Token) -> list[str]:
        """The recipient a target phrase names inside it, ahead of its own modifiers: the
        other side of a border ("closed Venezuela's borders with Brazil"), or the country a
        force or mission serves when forces are given to it ("sent troops to the UN force in
        South Sudan", "contribute troops to the security force in Afghanistan": CAMEO 074,
        military protection or peacekeeping, aids the country protected, not the body that
        leads the force). Empty for any other phrase."""
        if lemma(tok) in self.crossings:
            # "closed Venezuela's borders with Brazil": the other side (PETRARCH2's pattern
            # "FORCES * (TO BORDER) (WITH +)", 154), not the side whose border it is
            return next((found for _, obj in prep_objects(tok, {"with"})
                         if (found := self.np_entities(obj))), [])
        # forces given "to" a force or mission: the country it serves (CAMEO 074)
        if tok.dep_ != "pobj" or tok.head.lower_ != "to" or lemma(tok) not in self.serving_forces:
            return []
        for _, obj in prep_objects(tok, {"in"}):
            for eid in self.np_entities(obj):
                if self.is_country(eid):
                    return [eid]
        return []

    def abductors_named(self) -> list[str]:
        """The actor the article's first kidnappers or abductors name, if any (the doc is
        scanned once)."""
        if self._abductors is None:
            doers = self.lex.words("abductors")
            self._abductors = next((found for tok in self.doc if lemma(tok) in doers
                                    and (found := self.np_entities(tok))), [])
        return list(self._abductors)

    def is_town(self, eid: str | None) -> bool:
        """Whether an entity is a city or town the gazetteer knows, not a country and no
        capital ("Birmingham", not "Washington": a capital names its government)."""
        e = self.entities.get(eid) if eid is not None else None
        if e is None or e.type != "GPE" or kb.country(e.name) is not None \
                or kb.capital_country(e.name) is not None:
            return False
        entries = [p for p in kb.places(e.name) if not p.alias]
        return bool(entries) and entries[0].kind in _TOWN_KINDS

    def is_stance(self, eid: str) -> bool:
        """A people's name made a stance by its prefix ("pro-British", "anti-Arab") with no
        actor code of its own: what a noun is for or against, never an actor (PETRARCH2's
        agents code ANTI_GOVERNMENT_ACTIVIST as opposition, [~OPP])."""
        e = self.entities.get(eid)
        return e is not None and e.actor is None and e.name.lower().startswith(self.stance_prefixes)

    def not_an_actor(self, eid: str) -> bool:
        """A named happening ("mobilized troops for the Gulf War against Iraq") with no
        actor code: what the event is for or about, never the one acted on (PLOVER's
        recipient is an actor; PETRARCH2's actor dictionaries code no happenings)."""
        e = self.entities.get(eid)
        return e is not None and e.actor is None and e.type == "EVENT"

    def is_place(self, eid: str, places: set[str] | None) -> bool:
        if places:
            return eid in places
        return self.entity_type(eid) in _PLACE_LABELS

    def is_location(self, eid: str, places: set[str] | None) -> bool:
        """Whether an event can have happened at entity ``eid``: a place, named as one
        (a people the geocoder places at its country, "Palestinians", is not where)."""
        return self.is_place(eid, places) and self.entity_type(eid) in _PLACE_LABELS


def _relative_antecedent(tok: Token) -> Token | None:
    """The noun a relative pronoun stands for: the head of its relative clause, whose
    clause it is in within two steps ("whom" → "with" → "met" (relcl) → "Saddam")."""
    t = tok
    for _ in range(3):
        if t.dep_ == "relcl":
            return t.head if t.head.pos_ in {"NOUN", "PROPN"} else None
        if t.head is t:
            return None
        t = t.head
    return None


# ---------------------------------------------------------------- slots

def _subject(tok: Token, resolver: ArgResolver) -> list[Token]:
    subj = clause_subject(tok)
    if subj is None:
        return _noun_controller(tok, resolver)
    if subj.i in resolver.dateline:
        # "MOSCOW -- A Russian court has charged …": the parser can take the dateline for
        # a subject; the clause's actor is its other subject, the dateline none
        # (or an apposition to it: "TIRANA, Albania (AP) -- Albania's parliament passed …")
        subj = next((c for c in (*subj.head.children, *subj.children)
                     if c.dep_ in SUBJECTS | {"appos"} and c.i not in resolver.dateline), None)
        if subj is None:
            return []
    if tok.dep_ == "acl" and _bracketed_gloss(subj):
        # "sent a letter to the World Health Organization (WHO) threatening …": the
        # acronym glosses the name before it; the participle describes its noun
        subj = tok.head
    if tok.dep_ == "relcl" and subj.i == tok.head.i and subjectless_infinitive(tok) \
            and not resolver.np_entities(subj):
        # "started a hunger strike to protest against …": an infinitive on a noun that
        # names no actor is a purpose, done by whoever the noun's clause says (the parser
        # may label it a relative clause; "the first country to recognize X" keeps its noun)
        return _noun_controller(tok, resolver)
    if tok.dep_ == "acl" and subj.i == tok.head.i and subj.dep_ in OBJECTS:
        # "issued a declaration demanding …": the one who issued it demands
        issuer = clause_subject(subj.head)
        return [subj] + ([issuer] if issuer is not None else [])
    if tok.dep_ in {"acl", "relcl"} and subj.i == tok.head.i:
        # "issued a statement that condemned …", "said in a statement that praised …":
        # what an issued text says is said by its issuer
        issuer = _text_issuer(subj, resolver)
        if issuer is not None:
            return [subj, issuer]
    if subj.dep_ in PASSIVE_SUBJECTS and subj.head == tok:
        return []          # the passive subject is the patient, not the agent
    if subj.dep_ in PASSIVE_SUBJECTS and is_passive(subj.head) and subj.head != tok:
        # raised from a passive ("the deal was due to be signed"): no agent there
        return [] if shares_passive(tok) else [subj]
    return [subj]


def _text_issuer(noun: Token, resolver: ArgResolver) -> Token | None:
    """The subject of the clause that issues the text ``noun`` names ("issued a
    statement", "said in a statement"): an issuing verb's object or an in-phrase."""
    if lemma(noun) not in resolver.lex.words("issued_texts"):
        return None
    verb = noun.head
    if noun.dep_ == "pobj" and verb.lower_ == "in":
        verb = verb.head
    elif noun.dep_ not in OBJECTS or lemma(verb) not in resolver.lex.words("issuing_verbs"):
        return None
    return clause_subject(verb)


def _text_addressee(tok: Token, resolver: ArgResolver) -> list[Token]:
    """Whom an issued text is sent or delivered to, for what the text says ("sent a letter
    to the WHO threatening …": the WHO is threatened)."""
    if tok.dep_ == "advcl" and tok.tag_ == "VBG":
        # the parser can hang the participle on the sending verb itself
        verb = tok.head
        if not any(_text_issuer(o, resolver) is not None for o in children(verb, OBJECTS)):
            return []
    elif tok.dep_ in {"acl", "relcl"} and tok.head.dep_ in OBJECTS \
            and _text_issuer(tok.head, resolver) is not None:
        verb = tok.head.head
    else:
        return []
    return _verb_slot("dative", verb, resolver) + [o for _, o in prep_objects(verb, {"to"})]


def _bracketed_gloss(subj: Token) -> bool:
    """A one-word subject in brackets right after a name ("the World Health Organization
    (WHO)"): an acronym standing for the name before it, which the parser can hang on the
    next verb as its subject; it is that name's apposition, no clause's actor."""
    doc = subj.doc
    return (2 <= subj.i < len(doc) - 1 and doc[subj.i - 1].text == "(" and doc[subj.i + 1].text == ")"
            and doc[subj.i - 2].pos_ == "PROPN")


def _noun_controller(tok: Token, resolver: ArgResolver) -> list[Token]:
    """Who does what an infinitive on a noun says (control into a noun's infinitive):
    the subject of the verb that takes the noun ("let me take this opportunity to
    express …", "reiterated its commitment to support the police"), or the noun's own
    actor when it is no verb's object ("Israel's decision to build … angered"). Another
    actor's act that the subject judges ("praised Trump's decision to recognize …") is
    left to the noun: the judged act is not the subject's."""
    if tok.dep_ not in {"acl", "relcl"} or not subjectless_infinitive(tok):
        return []
    noun = tok.head
    own = resolver.np_entities(noun)
    if noun.dep_ not in OBJECTS:
        return [noun] if own else []
    if first_child(noun.head, {"dative"}) is not None:
        return []           # "gave Iran a deadline to respond": the recipient would act
    taker = clause_subject(noun.head)
    if taker is None or (own and not set(own) <= set(resolver.np_entities(taker))):
        return []
    return [taker]


def shares_passive(tok: Token) -> bool:
    """A passive clause, or a participle coordinated with one and sharing its auxiliary
    and subject ("was tortured and killed", "were arrested and detained"): the shared
    subject is acted on there too. A conjunct with an auxiliary or subject of its own
    ("was arrested and has confessed") is a clause of its own."""
    if is_passive(tok):
        return True
    return (tok.dep_ == "conj" and tok.tag_ == "VBN" and tok.head.pos_ in {"VERB", "AUX"}
            and not any(c.dep_ in SUBJECTS or c.dep_ in {"aux", "auxpass"} for c in tok.children)
            and shares_passive(tok.head))


def _agent(tok: Token) -> list[Token]:
    return [o for _, o in prep_objects(tok, {"by"}) if is_passive(tok) or tok.tag_ == "VBN"]


def _patient(tok: Token) -> list[Token]:
    if not shares_passive(tok):
        return []
    own = children(tok, PASSIVE_SUBJECTS)
    if own:
        return own
    subj = clause_subject(tok)
    if subj is not None:
        return [subj]
    return [tok.head] if tok.dep_ in {"acl", "amod"} else []


def _preps_of(tok: Token, word: str) -> list[Token]:
    found = [o for _, o in prep_objects(tok, {word})]
    # a preposition hung on another phrase's object ("spoke by telephone with Putin")
    found += [o2 for _, o in prep_objects(tok) for _, o2 in prep_objects(o, {word})]
    # a preposition on the object ("signed a memorandum of intent with the United States")
    for o in children(tok, OBJECTS):
        found += [p for _, p in prep_objects(o, {word})]
        for _, inner in prep_objects(o, {"of"}):
            found += [p for _, p in prep_objects(inner, {word})]
    return found


def _place_of_place_noun(obj: Token, resolver: ArgResolver) -> list[Token]:
    """The named place a place noun lies in, near or off ("three cities west of the capital
    Tripoli", "villages near Kandahar"): a direction word's of-phrase, else the noun's own
    locative phrase; nothing for a noun that names no place."""
    if lemma(obj) not in resolver.place_nouns:
        return []
    found = [o for d in obj.children if d.dep_ in {"advmod", "npadvmod", "amod"}
             and d.lower_ in resolver.lex.words("directions") for _, o in prep_objects(d, {"of"})]
    return found + [o for _, o in prep_objects(obj, _WHERE)]


def _hyphen_partners(mod: Token) -> list[Token]:
    """Names joined to a modifier by a hyphen with no space ("US-Cuba", "Israeli-Syrian"):
    its own modifier, or its sibling modifier, on either side of the hyphen."""
    doc = mod.doc
    out = []
    for other in [*mod.children, *(s for s in mod.head.children if s != mod)]:
        if other.dep_ not in _COORDINATED_MODIFIERS or abs(other.i - mod.i) != 2:
            continue
        a, b = doc[min(other.i, mod.i)], doc[min(other.i, mod.i) + 1]
        if b.text == "-" and not a.whitespace_ and not b.whitespace_:
            out.append(other)
    return out


def _says_where(prep: Token, resolver: ArgResolver | None) -> bool:
    """Whether a locative preposition on the trigger gives where it happened. "At" also
    marks what a verb's act is directed at (the conative "hinted at openness to dialogue
    with X", "aimed at", "pointed at"): its object is a place only when it is one (a place
    name, a place noun, a time), so an "at" with any other object on a verb leads into the
    content. On a noun ("a strike in protest at the ruling") it keeps its old reading."""
    if prep.lower_ != "at" or prep.head.pos_ != "VERB" or resolver is None:
        return prep.lower_ in _WHERE
    for obj in children(prep, {"pobj"}):
        if obj.ent_type_ in _PLACE_OR_TIME or lemma(obj) in resolver.place_nouns:
            return True
        if any(resolver.entity_type(e) in _PLACE_LABELS for e in resolver.np_entities(obj)):
            return True
    return False


def _about(tok: Token, light: frozenset[str] = frozenset(), limit: int = 40,
           resolver: ArgResolver | None = None) -> list[Token]:
    """Noun phrases inside what an event is about, nearest first: its complement
    clauses, objects and their prepositional phrases ("threatened to break relations
    with Russia", "an extension of the mandate for the force in Lebanon"), not the
    circumstances ("after …", "despite …", if-clauses) nor relative clauses."""
    out: list[Token] = []
    # with an object of its own, an infinitive on the trigger is a purpose, not its
    # content ("the guarantees Zelenskyy has demanded to prevent future aggression")
    # (an object that is part of the expression, "opened fire", does not count)
    has_object = any(lemma(o) not in light for o in children(tok, OBJECTS)) or tok.dep_ in {"acl", "relcl"}
    # the trigger's own place ("demonstrated in Kirkuk") is where it happened, not what about
    frontier = [c for c in tok.children if _leads_into(c) and c.dep_ not in {
        "nsubj", "nsubjpass", "conj"} and not (has_object and c.dep_ in {"xcomp", "advcl"})
        and not (c.dep_ == "prep" and _says_where(c, resolver))]
    seen = 0
    while frontier and seen < limit:
        nxt: list[Token] = []
        for t in frontier:
            seen += 1
            if t.pos_ in {"NOUN", "PROPN", "PRON"}:
                out.append(t)
            nxt.extend(c for c in t.children if _leads_into(c) and not (
                c.dep_ == "conj" and t.pos_ in {"VERB", "AUX"}))
        frontier = nxt
    return out


def _leads_into(c: Token) -> bool:
    if c.dep_ not in _INTO or lemma(c) in _REPORTING:
        return False
    if c.dep_ == "prep" and c.lower_ in _NOT_ABOUT:
        return False
    if c.dep_ in {"advcl", "ccomp", "xcomp", "acl"} and marks(c) & _NOT_ABOUT:
        return False
    return not (c.dep_ == "advcl" and not any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                and c.tag_ != "VBG")


def _ccomp_subject(tok: Token) -> list[Token]:
    for c in tok.children:
        if c.dep_ in {"ccomp", "xcomp"}:
            s = first_child(c, SUBJECTS)
            if s is None and c.pos_ == "ADJ":
                # "found Barbarin guilty": the parser can hang a small clause's named
                # subject on its adjective as a compound
                s = next((k for k in c.children if k.dep_ == "compound" and k.pos_ == "PROPN"
                          and k.i < c.i), None)
            if s is not None:
                return [s]
    return []


def _verb_slot(slot: str, tok: Token, resolver: ArgResolver,
               light: frozenset[str] = frozenset()) -> list[Token]:
    if slot == "subj":
        return _subject(tok, resolver)
    if slot == "agent":
        return _agent(tok)
    if slot == "patient":
        return _patient(tok)
    if slot in {"dobj", "dobj_entity"}:
        return children(tok, OBJECTS)
    if slot == "dobj_place":
        return [p for o in children(tok, OBJECTS) for p in _place_of_place_noun(o, resolver)]
    if slot == "dative":
        found = []
        for c in children(tok, {"dative", "iobj"}):
            found += [c] if c.pos_ != "ADP" else [o for o in c.children if o.dep_ == "pobj"]
        return found
    if slot == "ccomp_subj":
        return _ccomp_subject(tok)
    if slot == "text_addressee":
        return _text_addressee(tok, resolver)
    if slot == "complement":
        return _about(tok, light, resolver=resolver)
    if slot.startswith("prep:"):
        return _preps_of(tok, slot[5:])
    raise ValueError(f"unknown verb slot {slot!r}")


def _noun_slot(slot: str, m: EventMention, resolver: ArgResolver) -> list[Token]:
    tok, carrier = m.token, m.carrier
    if slot in {"poss", "poss_undergoer"}:
        # "Rabin's assassination", "his arrest": with no of-phrase the possessor of a noun
        # told of the one who suffers it (lists.yaml ``undergone``) is that one, the target
        undergoer = lemma(tok) in resolver.undergone and not any(prep_objects(tok, {"of"}))
        return children(tok, {"poss"}) if undergoer == (slot == "poss_undergoer") else []
    if slot == "modifier":
        # "the Birmingham bombing", "a Tel Aviv rally": a town that is no seat of government
        # tells where the event was, not who did it (capitals stand for their governments)
        return [c for c in tok.children if c.dep_ in {"amod", "compound", "nmod"}
                and not resolver.is_town(entity_of(resolver.doc, c))]
    if slot.startswith("prep:"):
        return [o for _, o in prep_objects(tok, {slot[5:]})]
    if slot == "complement":
        # a support verb's "at" ("called a strike in protest at the ruling") is the noun's
        return _about(tok) + (_about(carrier) if carrier is not None else [])
    raised = _raising_verb(tok, carrier)
    if raised is not None:
        # "declared a state of siege to begin at midnight": the declaring verb carries it
        carrier = raised
    elif carrier is None or tok.dep_ not in {"dobj", "attr", "pobj", "conj", "nsubjpass"}:
        return []
    if slot == "support_subj":
        return _subject(carrier, resolver) or _agent(carrier)
    if slot == "support_dative":
        return _verb_slot("dative", carrier, resolver)
    if slot == "support_dobj":
        return [o for o in children(carrier, OBJECTS) if o != tok]
    if slot.startswith("support_prep:"):
        return [o for _, o in prep_objects(carrier, {slot[13:]})]
    raise ValueError(f"unknown noun slot {slot!r}")


def _raising_verb(tok: Token, carrier: Token | None) -> Token | None:
    """The verb an event noun is the object of when the parser made it the subject of that
    verb's infinitive ("declared a curfew to begin at dusk", "announced a truce to take
    effect on Monday"): the noun is declared or announced, so the verb above the infinitive
    carries it and lends it its subject (the one who imposes or announces it: CAMEO 1724
    "impose state of emergency or martial law", 0871 "declare ceasefire"). None otherwise."""
    if carrier is None or tok.dep_ != "nsubj" or tok.head != carrier or not any(
            a.dep_ == "aux" and a.lower_ == "to" for a in carrier.children):
        return None
    upper = carrier.head
    if carrier.dep_ not in {"ccomp", "xcomp"} or upper.pos_ != "VERB":
        return None
    return upper


def _fill(tokens_for: Iterable[tuple[str, list[Token]]], resolver: ArgResolver,
          exclude: set[str], groups: bool = True) -> list[str]:
    """Entity ids of the first slot that names any (for the complement slot, its
    nearest noun phrase that does); ``groups``: group actors count (sources only)."""
    for slot, toks in tokens_for:
        found: list[str] = []
        for t in toks:
            # a target: "troops to the UN force in South Sudan" serve South Sudan
            within = [] if groups else resolver.recipient_within(t)
            for eid in within or resolver.np_entities(t):
                if not groups and (is_group_id(eid) or resolver.not_an_actor(eid)):
                    continue
                if eid not in exclude and eid not in found:
                    found.append(eid)
            if found and slot == "complement":
                break
        if found:
            return found
    return []


def preceding_entity(m: EventMention, resolver: ArgResolver, sent_start: int) -> list[str]:
    """The last entity named before the trigger in its sentence (for headlines, whose
    parse is unreliable: "Zelenskyy Points Finger at Moscow")."""
    for i in range(m.token.i - 1, sent_start - 1, -1):
        eid = entity_of(resolver.doc, resolver.doc[i])
        if eid is not None:
            return [eid]
    return []


def share_coordinated_target(mentions: list[EventMention]) -> None:
    """A coordinated verb with no target of its own shares its first conjunct's
    ("to meet U.S. Treasury Secretary Scott Bessent and finalize the deal")."""
    by_token = {m.token.i: m for m in mentions}
    for m in mentions:
        if m.target or m.nominal or m.token.dep_ != "conj":
            continue
        first = by_token.get(m.token.head.i)
        if first is not None and first.target and set(first.source) == set(m.source):
            m.target = list(first.target)


def inherit_targets(mentions: list[EventMention]) -> None:
    """An event with no target of its own takes its content's ("promised to continue
    military aid to Mozambique" → Mozambique; "demanded that Hamas renounce …" → Hamas),
    when the lexicon reads that content: a verb only PETRARCH2's table proposes is no
    event of its own until the type model decides, and lends nothing."""
    for m in mentions:
        if m.target or not m.contents:
            continue
        c = main_content(m)
        if c is None or c.sense.origin == "petrarch":
            continue
        found = [t for t in c.target if t not in m.source] or [s for s in c.source if s not in m.source]
        m.target = [t for t in found if not is_group_id(t)]


#: prepositions that name where people are sent or travel to
_DESTINATION = frozenset({"to", "into"})


def _country_place(eid: str, resolver: ArgResolver) -> str | None:
    """The country code of a place that names a country actor: a country named as such,
    or its capital (PETRARCH2's country dictionary lists capitals under their country:
    "+BAGHDAD_" under "IRAQ_", "+KABUL_" under "AFGHANISTAN_"); None for any other place."""
    e = resolver.entities.get(eid)
    if e is None or e.type != "GPE" or e.country is None:
        return None
    if resolver.is_country(eid):
        return e.country
    capital = kb.capital_country(e.name)
    return e.country if capital is not None and capital.iso3 == e.country else None


def destination_country(m: EventMention, resolver: ArgResolver) -> list[str]:
    """The country people were sent or travelled to, for the event they went there to do
    when it has no target ("sent experts to Saudi Arabia to investigate" → Saudi Arabia):
    the destination hosts the visit (CAMEO 042 "make a visit", 0874 deployment; PLOVER
    CONSULT: the host is the recipient). It takes one named actor, the one who sends or
    goes; a country of its own is no host."""
    tok = m.token
    if m.target or len(m.source) != 1 or tok.dep_ not in {"advcl", "xcomp"} \
            or not subjectless_infinitive(tok) or lemma(tok.head) not in resolver.lex.words("movement_verbs"):
        return []
    own = {resolver.entities[e].country for e in m.source if e in resolver.entities}
    for prep in tok.head.children:
        if prep.dep_ not in {"prep", "dative"} or prep.lower_ not in _DESTINATION:
            continue
        for obj in children(prep, {"pobj"}):
            for eid in resolver.np_entities(obj):
                country = _country_place(eid, resolver)
                if country is not None and country not in own:
                    return [eid]
    return []


#: the phrases an expressed noun names what it is for ("support for the GNA", "solidarity with")
_EXPRESSED_FOR = frozenset({"for", "to", "with"})


def expressed_recipient(m: EventMention, resolver: ArgResolver) -> list[str]:
    """The actor an expressed stance is for, when the verb's object is the sense's own noun
    or a stance noun (``lists.yaml`` ``stance_nouns``) with a possessor ("reiterated
    Turkey's support for the GNA" → the GNA, not Turkey): the possessor of the expressed
    noun is who holds the stance (the source's side), its for-, to- or with-phrase the one
    supported (PLOVER SUPPORT "express support for … actor", CAMEO 051; AGREE and REQUEST
    likewise name their recipient there). Empty when the noun has no possessor or the
    phrase names no actor; a target taken from elsewhere than the possessor is kept."""
    if m.nominal:
        return []
    stances = m.sense.conditions.words.get("object", frozenset()) | resolver.lex.words("stance_nouns")
    for obj in children(m.token, OBJECTS):
        poss = first_child(obj, {"poss"})
        if lemma(obj) not in stances or poss is None:
            continue
        if m.target and not set(m.target) <= set(resolver.np_entities(poss)):
            return []
        found = []
        for _, o in prep_objects(obj, _EXPRESSED_FOR):
            # "support to the negotiations among Sudanese parties": a process supported
            # names no actor itself; its participants are the ones supported
            named = resolver.np_entities(o) or [
                e for _, p in prep_objects(o, {"among", "between"}) for e in resolver.np_entities(p)]
            for eid in named:
                if eid not in found and _is_other_actor(eid, m.source, resolver):
                    found.append(eid)
        if found:
            return found
    return []


def contact_partner(m: EventMention, resolver: ArgResolver) -> tuple[list[str], list[str]] | None:
    """Source and target of a consultation told as the purpose of a contact ("called the
    minister to discuss …", "invited him to talk"): the one who calls, invites or hosts is
    the actor, the one contacted the partner (CAMEO 040 consult, 043 host; PLOVER CONSULT:
    the visitor or caller is the actor, the host or the one called the recipient). The
    parser reads the infinitive with object control, which made the one called the source
    and the topic the target. None when the contact verb names no subject or no object
    entity, or the infinitive itself names a with-partner ("to discuss it with Paris")."""
    tok = m.token
    if m.nominal or m.type != "CONSULT" or tok.dep_ not in {"xcomp", "advcl"} \
            or not subjectless_infinitive(tok) or lemma(tok.head) not in resolver.lex.words("contact_verbs") \
            or any(prep_objects(tok, {"with"})):
        return None
    head = tok.head
    subj = clause_subject(head)
    objs = children(head, OBJECTS)
    if subj is None or not objs:
        return None
    source = [e for e in resolver.np_entities(subj) if not is_group_id(e)]
    target = [e for o in objs for e in _other_actors(o, source, resolver)]
    return (source, target) if source and target else None


def _is_other_actor(eid: str, source: list[str], resolver: ArgResolver) -> bool:
    """Whether an event of ``source`` can be aimed at ``eid``: not the source itself, no
    group actor, nothing that is no actor."""
    return eid not in source and not is_group_id(eid) and not resolver.not_an_actor(eid)


def _other_actors(tok: Token, source: list[str], resolver: ArgResolver) -> list[str]:
    """The named actors the phrase headed by ``tok`` names that an event of ``source`` can
    be aimed at (:func:`_is_other_actor`)."""
    return [e for e in resolver.np_entities(tok) if _is_other_actor(e, source, resolver)]


def _first_other_actors(phrases: Iterable[Token], source: list[str],
                        resolver: ArgResolver) -> list[str]:
    """:func:`_other_actors` of the first of ``phrases`` that names any."""
    return next((found for t in phrases if (found := _other_actors(t, source, resolver))), [])


#: subordinators of a clause that states the condition of a threat or a refusal
_CONDITIONS = frozenset({"if", "unless", "until"})
#: PLOVER THREATEN ("coercive or forceful warnings") and REJECT, whose act can be made to
#: hang on what another actor does
_CONDITIONED = frozenset({"THREATEN", "REJECT"})


def condition_target(m: EventMention, resolver: ArgResolver) -> list[str]:
    """The actor whose act a threat or a refusal with no target is conditioned on ("threatened
    to stop the talks if the United States goes ahead", "will not lift the embargo until
    Cuba undertakes reforms"): a coercive warning is addressed to the one it coerces. The
    subject of an if-, unless- or until-clause in the trigger's clause or its complements."""
    if m.target or m.type not in _CONDITIONED:
        return []

    def is_condition(c: Token) -> bool:
        return c.dep_ == "advcl" and bool(marks(c) & _CONDITIONS or _refusal_term(m, c))

    for c in _clause_children(m.token, is_condition):
        if is_condition(c):
            found = _condition_actor(c, m.source, resolver)
            if found:
                return found
    return []


def _clause_children(tok: Token, stop: Callable[[Token], bool] | None = None) -> Iterator[Token]:
    """The children of ``tok`` and of its complement and adverbial clauses, three clauses
    down, level by level; a clause ``stop`` holds for is not entered."""
    frontier = [tok]
    for _ in range(3):
        nxt = []
        for t in frontier:
            for c in t.children:
                yield c
                if c.dep_ in {"xcomp", "ccomp", "advcl"} and not (stop is not None and stop(c)):
                    nxt.append(c)
        frontier = nxt


def _refusal_term(m: EventMention, clause: Token) -> bool:
    """A before-clause of a refusal states its condition as "until" does ("will not end the
    strike before the managers are sacked" = "until they are sacked"): PLOVER REJECT, a
    refusal held until another actor acts (the until-condition of ``condition_target``)."""
    return m.type == "REJECT" and "before" in marks(clause)


def _condition_actor(clause: Token, source: list[str], resolver: ArgResolver) -> list[str]:
    """The actors the condition's subject names that the event can be aimed at
    (:func:`_is_other_actor`: not the source, no group, no named happening); through one
    complement clause when the subject is the source itself ("until he is satisfied
    Vietnam is doing …")."""
    for _ in range(2):
        # "until the plan is reviewed and the management is sacked": each coordinated
        # condition's subject, the first that names another actor
        for part in (clause, *clause.conjuncts):
            subj = first_child(part, SUBJECTS)
            found = _other_actors(subj, source, resolver) if subj is not None else []
            if found:
                return found
        nxt = first_child(clause, {"ccomp"})
        if nxt is None:
            return []
        clause = nxt
    return []


def resisted_party(m: EventMention, resolver: ArgResolver) -> list[str]:
    """The actor whose demand a refusal with no target holds out against ("declined to resign
    despite growing pressure by the commission", "refused despite the president's calls"):
    CAMEO 12 "reject" declines another actor's request or demand, and a despite-phrase on the
    refusal or its complement names that demand: its own named actor, else its by- or
    from-phrase ("pressure by X", "calls from X")."""
    if m.target or not m.source or m.type != "REJECT":
        return []
    for c in _clause_children(m.token):
        if c.dep_ == "prep" and c.lower_ == "despite":
            for obj in children(c, {"pobj"}):
                found = _demander(obj, m.source, resolver)
                if found:
                    return found
    return []


def _demander(obj: Token, source: list[str], resolver: ArgResolver) -> list[str]:
    """The named actor of a resisted demand, other than the one who refuses."""
    return _first_other_actors([obj, *(p for _, p in prep_objects(obj, {"by", "from"}))],
                               source, resolver)


#: subordinators of a clause that tells what the other side did before a concession
_ANSWERED = frozenset({"after", "once"})
#: PLOVER's yields (CAMEO 08): a concession or retreat answers another actor's act or demand
_YIELDS = frozenset({"CONCEDE", "RETREAT"})


def yielded_to(m: EventMention, resolver: ArgResolver) -> list[str]:
    """The other side a concession with no target answers ("called off the strike after
    reaching agreement with the government", "reversed the decision after a refugee begged
    the prime minister"): CAMEO 08 "yield" is done to the actor whose act or demand it
    answers. The after-clause on the trigger, or on a relative clause of its object ("a
    strike that had caused disruption after the government accepted …"), names that actor:
    its subject, else the partner of the deal it reached ("reaching agreement with X")."""
    tok = m.token
    if m.target or not m.source or m.nominal or m.type not in _YIELDS:
        return []
    hosts = [tok, *(r for o in children(tok, OBJECTS) for r in children(o, {"relcl", "acl"}))]
    for host in hosts:
        for c in host.children:
            if c.dep_ == "advcl" and marks(c) & _ANSWERED:
                clause: Token | None = c
            elif c.dep_ == "prep" and c.lower_ in _ANSWERED:
                clause = first_child(c, {"pcomp"})
            else:
                continue
            found = _answered_party(clause, m.source, resolver) if clause is not None else []
            if found:
                return found
    return []


def _answered_party(clause: Token, source: list[str], resolver: ArgResolver) -> list[str]:
    """The named actor of the clause a concession answers, other than the one who yields:
    its subject, else the with-phrase of the clause or of its object ("reaching agreement
    with the government")."""
    subj = first_child(clause, SUBJECTS)
    phrases = [subj] if subj is not None else []
    phrases += [p for _, p in prep_objects(clause, {"with"})]
    phrases += [p for o in children(clause, OBJECTS) for _, p in prep_objects(o, {"with"})]
    return _first_other_actors(phrases, source, resolver)


#: event types whose coordinated actors act on one another ("Jordan and Britain agreed to
#: hold exercises"): PLOVER AGREE (agree to meet, negotiate, cooperate), CONSULT, COOPERATE
_RECIPROCAL_TYPES = frozenset({"AGREE", "CONSULT", "COOPERATE"})
#: the frame of joint acts (meetings, talks, signing or agreeing a deal): reciprocal in any type
_RECIPROCAL_FRAMES = frozenset({"meet"})


def _joint_act(m: EventMention) -> bool:
    return m.type in _RECIPROCAL_TYPES or m.sense.frame in _RECIPROCAL_FRAMES


#: the reciprocal pronouns: the head word and the determiner it takes ("each other",
#: "one another"; spaCy attaches either word as the head)
_RECIPROCAL_PRONOUNS = {"other": "each", "another": "one", "one": "another"}


def _acts_on_each_other(m: EventMention) -> bool:
    """The trigger's object is a reciprocal pronoun ("blamed each other", "fired at one
    another"): whatever the act, each actor does it to the other."""
    objects = children(m.token, {"dobj", "dative"})
    objects += [o for p in children(m.token, "prep") for o in children(p, "pobj")]
    return any(
        o.lower_ in _RECIPROCAL_PRONOUNS
        and any(c.lower_ == _RECIPROCAL_PRONOUNS[o.lower_] for c in o.children)
        for o in objects
    )


def _reciprocal(m: EventMention) -> bool:
    if _joint_act(m) or _acts_on_each_other(m):
        return True
    # a joint act refused or failed ("failed to reach an agreement", "refused to hold
    # talks"): PLOVER REJECT, mode "meet" (meetings and negotiations), as reciprocal as
    # the act it rejects
    c = main_content(m) if m.type == "REJECT" else None
    return c is not None and _joint_act(c)


def _coordination(subj: Token) -> Token | None:
    """Where a subject coordinates its actors: the phrase itself ("Canada and Costa
    Rica"), else a coordinated modifier ("British and EU negotiators")."""
    if subj.conjuncts:
        return subj
    return next((c for c in subj.children if c.dep_ in _COORDINATED_MODIFIERS and c.conjuncts), None)


def split_reciprocal(mentions: list[EventMention], resolver: ArgResolver) -> None:
    """A reciprocal event whose only actors are a coordinated subject ("Canada and Costa
    Rica agreed to start negotiations", "the US and China signed an agreement") is coded
    as CAMEO codes a dyad: the first conjunct acts, the others receive (the PLOVER
    manual's compound actors, sec. "Compound and Reciprocal Actors", lists both sides;
    the dyadic reading keeps each side in one role). Nothing is split when the actors
    are not coordinated."""
    for m in mentions:
        if len(m.source) < 2 or not _reciprocal(m):
            continue
        clause = m.clause
        subj = clause_subject(clause) if clause is not None else None
        pair = resolver.dyad(subj) if subj is not None else []
        point = _coordination(subj) if subj is not None else None
        if point is None and not pair:
            continue
        # a dyad named by a plural description ("the two countries agreed") splits as
        # a coordinated subject does: the first named acts
        named = pair[:1] if pair or point is None else resolver.np_entities_one(point)
        first = [e for e in named if e in m.source]
        rest = [e for e in m.source if e not in first]
        if first and rest and not any(is_group_id(e) for e in rest):
            # the partner first; what the event is about ("agreed to a truce in Kashmir") after it
            m.source, m.target = first, rest + [t for t in m.target if t not in rest]


def fill_arguments(m: EventMention, frame: Frame, resolver: ArgResolver) -> None:
    """Set ``m.source`` and ``m.target`` from the frame's slots."""
    if m.nominal:
        m.source = _fill(((s, _noun_slot(s, m, resolver)) for s in frame.noun_source), resolver, set())
        m.target = _fill(((s, _noun_slot(s, m, resolver)) for s in frame.noun_target), resolver,
                         set(m.source), groups=False)
        m.target = _other_side(m.source, m.target, resolver)
        return
    # a phrase's other words carry arguments too ("point the finger at Moscow")
    toks = [m.token, *(resolver.doc[i] for i in m.trigger.tokens if i != m.token.i)]
    light = m.sense.conditions.words.get("object", frozenset())
    m.source = _fill(((s, [t for tok in toks for t in _verb_slot(s, tok, resolver, light)])
                      for s in frame.source), resolver, set())
    reporter = _reporter_of_adjunct(m, resolver)
    if reporter:
        # "said Trump's deal cements despair, calling out the deal": the speaker's own words
        m.source = _fill([("subj", reporter)], resolver, set()) or m.source
    if not m.source and m.type in _STATE_ACTS and shares_passive(m.token) and not _agent(m.token):
        m.source = _state_of_place(m.token, resolver)
    if not m.source and m.cameo in _STATE_RELEASES and shares_passive(m.token) and not _agent(m.token):
        # "were released from captivity in Libya": the state that held them let them go
        m.source = _state_of_place(m.token, resolver)
    if not m.source and resolver.groups and lemma(m.token) in resolver.abduction_acts \
            and shares_passive(m.token) and not _agent(m.token):
        # "Hernandez was kidnapped from his store": by the kidnappers the article names
        m.source = resolver.abductors_named()
    if not m.source and resolver.groups and (stative_intent(m, resolver.lex) or forces_moved(m)):
        # "Pakistan is committed to resuming talks": the one committed states the intent;
        # "Nigerian troops were deployed": the forces moved are their side's (MOBILIZE)
        m.source = _fill([("patient", _patient(m.token))], resolver, set())
    slots = frame.target
    if _unnamed_people_patient(toks, resolver, light):
        # "arrested 24 students in Yogyakarta": the people acted on are the recipient,
        # unnamed; the place is where it happened, not the target
        slots = tuple(s for s in slots if s.removeprefix("prep:") not in _WHERE)
    # a group named by a common noun is taken as the source, not as the target: the
    # article gold leaves an unnamed recipient ("arrested 24 students") open, and a
    # group without a country there matched less often than an empty target (docs/actors.md)
    m.target = _fill(((s, [t for tok in toks for t in _verb_slot(s, tok, resolver, light)])
                      for s in slots), resolver, set(m.source), groups=False)
    m.target = _other_side(m.source, m.target, resolver)


def _reporter_of_adjunct(m: EventMention, resolver: ArgResolver) -> list[Token]:
    """The speaker of a verbal act told in a subjectless participle after a comma that the
    parser hung on a reported or demanded clause ("X said Trump's deal cements despair,
    calling out the deal …", "demanding Hanoi stop jailing activists, while also condemning
    Vietnam …"): the participle goes on with the speaker's own statement, so its actor is
    the subject of the verb that reports or demands, not that clause's subject. Verbal acts
    only (PLOVER's verbal quads, CAMEO 01–13: statements, whose actor is who makes them);
    a material act there ("rebels attacked the village, killing 10") is the clause's."""
    tok = m.token
    if tok.tag_ != "VBG" or tok.dep_ != "advcl" or first_child(tok, SUBJECTS) is not None \
            or not resolver.lex.quad_of.get(m.type or "", "").startswith("verbal"):
        return []
    before = tok.left_edge.i - 1
    clause = tok.head
    if before < 0 or resolver.doc[before].text != "," or clause.dep_ != "ccomp" \
            or first_child(clause, SUBJECTS) is None:
        return []
    return _subject(clause.head, resolver)


def _other_side(source: list[str], target: list[str], resolver: ArgResolver) -> list[str]:
    """A pair of sides as the target ("settle the US-Cuba dispute", "ended the war between
    Iraq and Iran") is acted on by one of them: the source's own side (a person and their
    country, a country and its government) is the source, the other side the target."""
    if len(target) < 2 or not source:
        return target
    own = [resolver.entities[e] for e in source if e in resolver.entities]
    other = [t for t in target if t not in resolver.entities
             or not any(one_side(o, resolver.entities[t]) for o in own)]
    return other or target


#: acts only a state's authorities perform (CAMEO 17 coerce: arrest, detain; 16 reduce
#: relations, 174 expel): with the agent unstated, the state where it was done did it
_STATE_ACTS = frozenset({"COERCE", "SANCTION"})
#: the release of persons held (CAMEO 0841, PLOVER RETREAT "release of prisoners"), the
#: converse of the arrest: with the agent unstated, the state where they were held did it
_STATE_RELEASES = frozenset({"0841"})


def _state_of_place(tok: Token, resolver: ArgResolver) -> list[str]:
    """The country named as where an agentless state act was done ("was arrested in
    Rwanda", "were expelled from North Korea"): that country's authorities acted."""
    for _, obj in prep_objects(tok, {"in", "from"}):
        for eid in resolver.np_entities(obj):
            if resolver.is_country(eid):
                return [eid]
    return []


def stative_intent(m: EventMention, lex: Lexicon) -> bool:
    """An intent verb in a passive with "to" and no agent, read as a state of its subject
    ("is committed to", "was determined to"), not an act done to it."""
    tok = m.token
    return (m.sense.content == "intent" and lemma(tok) in lex.words("stative_intent")
            and is_passive(tok) and not _agent(tok)
            and any(c.dep_ in {"xcomp", "prep"} and (c.lower_ == "to" or any(
                a.dep_ == "aux" and a.lower_ == "to" for a in c.children)) for c in tok.children))


def forces_moved(m: EventMention) -> bool:
    """A passive MOBILIZE with no agent ("troops were deployed", "police were mobilized"):
    PLOVER's MOBILIZE is a side moving its own forces, so the forces name the actor."""
    return m.type == "MOBILIZE" and shares_passive(m.token) and not _agent(m.token)


def _unnamed_people_patient(toks: list[Token], resolver: ArgResolver, light: frozenset[str]) -> bool:
    """Whether the verb's object (or passive subject) is people that name no entity."""
    found = [t for tok in toks for slot in ("dobj", "patient")
             for t in _verb_slot(slot, tok, resolver, light)]
    return any(t.pos_ in {"NOUN", "NUM"} and resolver.names_people(t)
               and not [e for e in resolver.np_entities(t) if not is_group_id(e)]
               for t in found)


def subject_is_named(tok: Token) -> bool:
    """Whether the trigger verb has an overt active subject (not inherited)."""
    return any(c.dep_ in ACTIVE_SUBJECTS for c in tok.children)


# ---------------------------------------------------------------- location

#: links from a trigger into the phrases that say where its act was aimed or done: its
#: object, its locative phrases, the event noun of its "in"-phrase ("killed 48 people in
#: two attacks in X") and the gerund of its means ("by shelling … in X")
_ACTED_ON_LINKS = frozenset({"dobj", "prep", "pobj", "pcomp", "conj", "appos"})
#: prepositions followed there (the place prepositions, and "by" into a means gerund)
_ACTED_ON_PREPS = _PLACE_PREPS | {"along", "by"}
#: how deep the search goes below the trigger
_ACTED_ON_DEPTH = 5


def place_acted_on(m: EventMention, resolver: ArgResolver, places: set[str] | None) -> list[str]:
    """The named place an act of violence was aimed at or done in, for an event with no
    target (CAMEO 18–20 code the country or place attacked as the target actor, and
    PETRARCH2's country dictionary lists a country's cities under it): the nearest place
    below the trigger through its object, its locative phrases and the gerund of its
    means, else the event's place. Only a place the geocoder puts in a country counts
    ("the region", "Mideast" name no country and are no actor)."""
    if m.target or (m.type or "").lower() not in resolver.lex.words("place_acted_on"):
        return []
    frontier = [m.token]
    for _ in range(_ACTED_ON_DEPTH):
        nxt: list[Token] = []
        for t in frontier:
            for c in t.children:
                if c.dep_ not in _ACTED_ON_LINKS or c.i in resolver.dateline:
                    continue
                if c.dep_ == "prep" and c.lower_ not in _ACTED_ON_PREPS:
                    continue
                if c.dep_ == "prep" and c.lower_ == "by" and not children(c, {"pcomp"}):
                    continue      # "by X" of a passive is the agent, not a means
                if c.dep_ == "conj" and t.dep_ != "pcomp":
                    continue      # only the means coordinated ("by shelling … and firing")
                if c.pos_ in {"NOUN", "PROPN"} and c.dep_ != "conj":
                    found = [e for e in resolver.np_entities(c) if _named_place(e, resolver, places)]
                    if found:
                        return found[:1]
                nxt.append(c)
        frontier = nxt
    if m.location is not None and _named_place(m.location, resolver, places):
        return [m.location]
    return []


def _named_place(eid: str, resolver: ArgResolver, places: set[str] | None) -> bool:
    """A place the geocoder puts in a country (a town, a region of a country, a country)."""
    e = resolver.entities.get(eid)
    return e is not None and bool(e.country) and resolver.is_location(eid, places)


def find_location(m: EventMention, resolver: ArgResolver, places: set[str] | None) -> str | None:
    """The place an event happened: a place in a locative phrase on the trigger, its
    carrier verb or (for a purpose clause) the verb it serves; else, for ASSAULT and
    COERCE, a place among the targets."""
    anchors = [m.token]
    if m.carrier is not None:
        anchors.append(m.carrier)
    cur = m.token
    while cur.dep_ in {"advcl", "xcomp", "conj"} and cur.head != cur:
        cur = cur.head
        anchors.append(cur)
    preps = _PLACE_PREPS | ({"to"} if m.sense.frame in {"visit", "move"} else set())
    # a place phrase the parser hung on the trigger's partner ("met Macron in Beijing"),
    # not on a thing ("discuss the war in Ukraine")
    partners = [o for a in anchors for o in children(a, OBJECTS)]
    partners += [o for a in anchors for _, o in prep_objects(a, {"with"})]
    anchors += [o for o in partners if entity_of(resolver.doc, o) is not None]
    for anchor in anchors:
        for _, obj in prep_objects(anchor, preps):
            for eid in resolver.np_entities(obj):
                if resolver.is_location(eid, places):
                    return eid
        if lemma(anchor) in {"visit"}:
            for o in children(anchor, OBJECTS):
                for eid in resolver.np_entities(o):
                    if resolver.is_location(eid, places):
                        return eid
    if m.type in {"ASSAULT", "COERCE"}:
        for eid in m.target:
            if resolver.is_location(eid, places):
                return eid
    return None
