"""How trigger readings combine within a sentence (data: ``composition.yaml``).

- **Content**: an event inside the complement of a promise, request, refusal,
  threat or accusation is that event's content, not an event of its own ("agreed
  to share information" is one AGREE); its type refines the outer event
  ("vowed to retaliate" → THREATEN, "demanded talks" → REQUEST mode meet).
- **Same event**: two triggers of one type in one clause are one event
  ("killed in a suicide bombing", "pounded with missiles and drone attacks").
- **Stated intent**: cooperation stated with will/would is AGREE, force or
  sanctions stated so are THREATEN ("Finland will give Tanzania a grant"), and
  "will not accept" is REJECT; scheduled actions ("is set to meet") keep their type.
- **Obligation**: "X said Y must …" is a REQUEST by X on Y.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from spacy.tokens import Token

from ..text.syntax import OBJECTS, SUBJECTS, lemma, marks, subjectless_infinitive
from .casualties import toll_hosts
from .lexicon import Conditions, Lexicon, Sense
from .mention import EventMention
from .triggers import Trigger, infinitives, small_clauses

#: types that take another event as their content (verbal acts about an action)
CONTENT_TAKERS = frozenset({"AGREE", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "SUPPORT",
                            "CONCEDE", "CONSULT"})
#: a preposition or subordinator that introduces circumstances, not content
_CIRCUMSTANCE = frozenset({"after", "before", "during", "following", "amid", "amidst", "since",
                           "despite", "while", "when", "as", "because", "until", "till", "in",
                           "at", "near", "outside", "inside", "throughout", "across", "within",
                           "although", "though", "whereas", "unless", "if", "once", "where"})
#: dependency labels that leave the content of a trigger
_INDEPENDENT = frozenset({"relcl", "appos", "parataxis", "conj", "nsubj", "nsubjpass", "csubj",
                          "npadvmod", "advmod", "cc", "punct"})
_CARRIED = frozenset({"dobj", "nsubj", "nsubjpass", "attr", "oprd"})
_FUTURE_PARTS = frozenset({"going"})


def carrier_of(tok: Token) -> Token | None:
    """The verb a nominal trigger is the subject or object of ("held talks",
    "the meeting was postponed", "the strikes took place", "for talks")."""
    head = tok.head
    if tok.dep_ in _CARRIED and head.pos_ in {"VERB", "AUX"}:
        return head
    if tok.dep_ == "conj":
        return carrier_of(head) if head != tok else None
    if tok.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ == "for" and head.head.pos_ == "VERB":
        return head.head
    return None


def _path_to(m: EventMention, by_token: Mapping[int, EventMention]
             ) -> tuple[EventMention, list[Token]] | None:
    """The nearest trigger above ``m`` in the tree, with the tokens on the way."""
    path: list[Token] = []
    cur = m.token
    while cur.head != cur:
        path.append(cur)
        cur = cur.head
        g = by_token.get(cur.i)
        if g is not None and g != m:
            return g, path
    return None


def _is_content(m: EventMention, g: EventMention, path: list[Token]) -> bool:
    """Whether ``m`` (reached from ``g`` through ``path``) is what ``g`` is about."""
    # an order's participle on its object is the act ordered ("ordered Pinochet arrested")
    if g.sense.conditions.flags.get("small_clause") and m.token in small_clauses(g.token):
        return True
    for tok in path:
        if tok.dep_ == "relcl" and subjectless_infinitive(tok):
            # an infinitive on a noun parsed as a relative clause ("an offer to host a
            # summit", "a bid to issue a statement"): what the offer or bid is for
            continue
        if tok.dep_ in _INDEPENDENT:
            return False
        # a participle on a noun is a fact of its own ("nationals suspected of blowing up
        # a plane"); an infinitive on a noun is not ("efforts to negotiate")
        if tok.dep_ == "acl" and tok.tag_ in {"VBN", "VBG"}:
            return False
        if tok.dep_ == "advcl" and (marks(tok) & _CIRCUMSTANCE or tok not in infinitives(tok.head)):
            return False
        if tok.dep_ == "prep" and tok.lower_ in _CIRCUMSTANCE:
            return False
    top = path[-1]
    if g.sense.content is not None or g.type in CONTENT_TAKERS:
        return True
    # a material act on an event noun: "lifted the blockade", "suspended aid deliveries",
    # or on what its sense's preposition names ("moved on from efforts to negotiate")
    if top.dep_ in OBJECTS or top.dep_ in {"xcomp", "nsubjpass"}:
        return True
    preps = g.sense.conditions.words.get("prep", frozenset())
    return len(path) >= 2 and path[-2].dep_ == "pobj" and top.dep_ == "prep" and top.lower_ in preps


def _same_event(m: EventMention, g: EventMention, path: list[Token]) -> bool:
    """One event told twice in a clause ("killed in a bombing", "meet … to discuss")."""
    if m.type != g.type:
        return False
    top = path[-1]
    if top.dep_ in {"conj", "relcl", "appos", "parataxis"}:
        return False
    return not (top.dep_ in SUBJECTS and not m.nominal)


def _table_entry(table: Mapping[str, Any], ptype: str | None, lex: Lexicon) -> Mapping[str, Any] | None:
    if ptype is None:
        return None
    if ptype in table:
        return table[ptype] or {}
    quad = lex.quad_of.get(ptype)
    if quad is not None and quad in table:
        return table[quad] or {}
    return None


def _content_entry(table: Mapping[str, Any], c: EventMention | None,
                   lex: Lexicon) -> Mapping[str, Any] | None:
    """The content table's entry for content ``c``: its type's, unless that entry holds for a
    noun only (``noun_only``: "called for sanctions", not "urged X to impose sanctions") and
    the content is a clause; then its quad category's."""
    if c is None:
        return None
    entry = _table_entry(table, c.type, lex)
    if entry is not None and entry.get("noun_only") and not c.nominal:
        quad = lex.quad_of.get(c.type or "")
        return table.get(quad) if quad is not None else None
    return entry


def _apply(m: EventMention, change: Mapping[str, Any]) -> None:
    if "type" in change:
        m.type = change["type"]
        m.converted = True
    if "cameo" in change:
        m.cameo = str(change["cameo"])
    if "mode" in change:
        m.mode = change["mode"]


def link_contents(mentions: list[EventMention]) -> None:
    """Set ``content_of`` / ``merge_with`` from the dependency tree."""
    by_token = {m.token.i: m for m in mentions}
    carried = {m.carrier.i: m for m in mentions if m.nominal and m.carrier is not None}
    for m in mentions:
        found = _path_to(m, by_token)
        if found is None:
            g = carried.get(m.token.head.i)
            # the purpose of the verb that carries an event noun of the same type is that
            # event ("held rallies … to protest the verdict", "launched an offensive to retake")
            if g is not None and g is not m and g.type == m.type and m.token in infinitives(m.token.head):
                m.merge_with = g
            continue
        g, path = found
        if g.sense.origin != "lexicon":
            continue    # a verb the lexicon does not read takes no content and joins nothing
        if _same_event(m, g, path):
            m.merge_with = g
        elif _is_content(m, g, path):
            m.content_of = g
            g.contents.append(m)


def main_content(g: EventMention) -> EventMention | None:
    """The content that decides: a complement clause first, then an object."""
    def rank(c: EventMention) -> tuple[int, int]:
        dep = c.token.dep_
        order = 0 if dep in {"xcomp", "ccomp"} else 1 if dep in OBJECTS else 2
        return order, abs(c.token.i - g.token.i)
    return min(g.contents, key=rank) if g.contents else None


def apply_contents(mentions: list[EventMention], lex: Lexicon) -> None:
    """Refine content-taking events by their content (``composition.yaml`` content tables)."""
    tables = lex.composition["content"]
    for g in mentions:
        if g.type is None:
            continue
        table_name = g.sense.content
        c = main_content(g)
        if table_name is None:
            continue
        entry = _content_entry(tables[table_name], c, lex)
        if entry is not None and entry.get("from_content") and c is not None:
            # the act itself: its type, CAMEO code and mode ("ordered Pinochet arrested")
            _apply(g, {"type": c.type, "cameo": c.cameo, "mode": c.mode})
        elif entry is not None:
            _apply(g, entry)
        elif g.sense.requires_content:
            # "failed to win" is no event of its own: the content stands, negated
            g.type = None
            for cont in g.contents:
                cont.content_of = None
            g.contents.clear()


def _aux_words(tok: Token) -> set[str]:
    return {c.lower_ for c in tok.children if c.dep_ in {"aux", "auxpass"}}


def _negated(tok: Token, lex: Lexicon) -> bool:
    negs = lex.words("negations")
    return any(c.dep_ == "neg" or (c.lower_ in negs and c.dep_ in {"advmod", "det"}) for c in tok.children)


def _under_schedule(tok: Token, lex: Lexicon) -> bool:
    """Whether the clause hangs from a schedule word ("is set to", "was due to")."""
    planned = lex.words("planned_governors")
    cur = tok
    for _ in range(3):
        if cur.dep_ not in {"xcomp", "acomp", "advcl", "conj"} or cur.head == cur:
            return False
        cur = cur.head
        if lemma(cur) in planned or cur.lower_ in planned:
            return True
    return False


def stated(tok: Token, lex: Lexicon) -> bool:
    """Whether ``tok``'s clause is what someone said, announced or promised ("Hungary
    said it will support …", "Finland will give Tanzania a grant, a statement said"),
    rather than the reporter's own account ("Blinken will travel to Beijing")."""
    return speech_verb(tok, lex) is not None


def speech_verb(tok: Token, lex: Lexicon) -> Token | None:
    """The verb of saying, announcing or promising whose content ``tok``'s clause is."""
    speech = lex.words("speech") | lex.words("promise_verbs")
    cur = tok
    for _ in range(6):
        said = next((c for c in cur.children
                     if c.dep_ in {"parataxis", "ccomp"} and lemma(c) in speech), None)
        if said is not None:
            return said      # "…, sources said" parsed under the event's clause
        if cur.head == cur:
            return None
        if cur.dep_ in {"ccomp", "parataxis"} and lemma(cur.head) in speech:
            return cur.head
        if cur.dep_ not in {"conj", "xcomp", "advcl", "acomp"}:
            return None
        cur = cur.head
    return None


def intention_clause(tok: Token, lex: Lexicon) -> str | None:
    """'future' or 'future_negated' when ``tok``'s clause is told in the future:
    will/shall ('ll), going to, or would in reported speech ("said they would boycott")."""
    aux = _aux_words(tok)
    future = aux & lex.words("future_auxiliaries")
    if not future and aux & lex.words("would") and tok.dep_ in {"ccomp", "conj"}:
        future = aux & lex.words("would")
    if not future and "going" in aux and any(c.lower_ == "to" for c in tok.children):
        future = {"going"}
    if not future or _under_schedule(tok, lex):
        return None
    return "future_negated" if _negated(tok, lex) else "future"


def apply_intentions(mentions: list[EventMention], lex: Lexicon) -> None:
    """PLOVER's reading of stated intentions (``composition.yaml`` future tables): only
    what an actor or a source states; a reported schedule keeps its type, planned."""
    for m in mentions:
        if m.type is None or m.content_of is not None or m.converted:
            continue
        clause = m.clause
        if clause is None:
            continue
        kind = intention_clause(clause, lex)
        if kind is None:
            # a verb told as not done (a noun's clause is only what is said of it)
            if not m.nominal and _withheld(clause, lex):
                entry = _table_entry(lex.composition["withheld_yield"], m.type, lex)
                if entry:
                    _apply(m, entry)
            continue
        # a refusal told in the future is a refusal whoever tells it ("X will not end the
        # strike"); a stated intention needs a speaker (a reporter's "will meet" is planned)
        if kind == "future" and not stated(clause, lex):
            continue
        entry = _table_entry(lex.composition[kind], m.type, lex)
        if entry:
            _apply(m, entry)


def _withheld(tok: Token, lex: Lexicon) -> bool:
    """Whether ``tok``'s clause tells its act as not done, in the past or present and
    without a modal ("did not give permission", "has not lifted the ban"; not "could not",
    "would not", nor under an if-clause or in a question)."""
    if not _negated(tok, lex):
        return False
    aux = _aux_words(tok)
    modal = lex.words("hypothetical_modals") | lex.words("would") | lex.words("future_auxiliaries")
    if aux & (modal | {"can", "ca", "should", "must", "need"}):
        return False
    return not (marks(tok) & lex.words("conditional_marks"))


def _speech_mentions(mentions: list[EventMention], lex: Lexicon, sent_index: int,
                     sent_tokens: list[Token], rule: str, frame: str, content: str | None,
                     holds: Callable[[Token], bool]) -> list[EventMention]:
    """New mentions of the composition table ``rule`` triggered by a speech verb whose
    that-clause ``holds`` (one per speech verb; a verb that is a trigger already is left)."""
    speech = lex.words("speech")
    spec = lex.composition[rule]
    taken = {m.token.i for m in mentions}
    out = []
    for tok in sent_tokens:
        if tok.i in taken or lemma(tok) not in speech or tok.pos_ != "VERB":
            continue
        if any(holds(c) for c in tok.children if c.dep_ == "ccomp"):
            sense = Sense(key=lemma(tok), pos=frozenset({"VERB"}), type=spec["type"],
                          cameo=str(spec["cameo"]), mode=spec.get("mode"), frame=frame,
                          conditions=Conditions(), content=content)
            out.append(EventMention(Trigger(tok, (tok.i,), sense), sent_index, sense.type,
                                    sense.cameo, sense.mode))
    return out


def obligation_demands(mentions: list[EventMention], lex: Lexicon, sent_index: int,
                       sent_tokens: list[Token]) -> list[EventMention]:
    """New REQUEST mentions for "X said (that) Y must/should …" (the speech verb is the trigger)."""
    obligation = lex.words("obligation")

    def obliges(comp: Token) -> bool:
        aux = {lemma(a) for a in comp.children if a.dep_ in {"aux", "auxpass"}}
        # "must", "should", "ought to", "have to" / "need to" before an infinitive
        return bool(aux & obligation) or (
            lemma(comp) in {"have", "need"} and any(c.dep_ == "xcomp" for c in comp.children))

    return _speech_mentions(mentions, lex, sent_index, sent_tokens, "obligation_demand",
                            "request", "request", obliges)


#: verbs that link a subject to the judgment predicated of it ("was", "became intolerable")
_LINKING = frozenset({"be", "become", "remain", "seem", "appear", "prove", "look", "sound"})
#: named-entity labels of actors
_ACTOR_LABELS = frozenset({"PERSON", "NORP", "ORG", "GPE"})


def disapproval_statements(mentions: list[EventMention], lex: Lexicon, sent_index: int,
                           sent_tokens: list[Token]) -> list[EventMention]:
    """New ACCUSE mentions for "X said (that) Y('s act) was unacceptable / became
    intolerable" (the speech verb is the trigger, as for obligations): a judgment stated
    of an act disapproves of it (PLOVER ACCUSE, CAMEO 111). A negated judgment ("was not
    illegal") or one under an if-clause is no disapproval."""
    judging, blame, harms = lex.words("disapproval"), lex.words("blame"), lex.words("harms")

    def blames(p: Token) -> bool:
        # "responsible" blames for a harm, or for what the sentence leaves unsaid
        if lemma(p) not in blame:
            return True
        named = [o for c in p.children if c.dep_ == "prep" and c.lower_ == "for"
                 for o in c.children if o.dep_ == "pobj"]
        return not named or any(lemma(o) in harms for o in named)

    def disapproves(comp: Token) -> bool:
        # a negated judgment, an indirect question, a condition ("would be illegal if …")
        if lemma(comp) not in _LINKING or marks(comp) & {"if", "whether"} or any(
                c.dep_ == "neg" or (c.dep_ == "advcl" and marks(c) & {"if", "unless"})
                for c in comp.children):
            return False
        predicate = [c for c in comp.children if c.dep_ in {"acomp", "attr", "oprd"}]
        if not any((lemma(p) in judging or p.lower_ in judging) and blames(p) for p in predicate):
            return False
        # what is judged is someone's act: its phrase names who did it ("Uganda's move",
        # "the American sanctions"); "the row was regrettable" accuses no one
        return any(t.ent_type_ in _ACTOR_LABELS for c in comp.children if c.dep_ in SUBJECTS
                   for t in c.subtree)

    return _speech_mentions(mentions, lex, sent_index, sent_tokens, "disapproval_statement",
                            "speech", None, disapproves)


def ruled_out_statements(mentions: list[EventMention], lex: Lexicon, sent_index: int,
                         sent_tokens: list[Token]) -> list[EventMention]:
    """New REJECT mentions for "X said (that) Y is out of the question": an act stated as
    ruled out is refused (PLOVER REJECT "all rejections and refusals", CAMEO 120; the
    speaker is the source). A negated statement ("is not out of the question") or one under
    an if-clause rules nothing out; the phrase is `ruled_out` in lists.yaml."""
    ruled_out = lex.words("ruled_out")

    def rules_out(comp: Token) -> bool:
        if lemma(comp) not in _LINKING or marks(comp) & {"if", "whether"} or any(
                c.dep_ == "neg" or (c.dep_ == "advcl" and marks(c) & {"if", "unless"})
                for c in comp.children):
            return False
        if not any(c.dep_ in SUBJECTS for c in comp.children):
            return False
        # "is out of (the) question": out → of → question
        return any(lemma(o) in ruled_out
                   for c in comp.children if c.dep_ == "prep" and c.lower_ == "out"
                   for p in c.children if p.dep_ == "prep" and p.lower_ == "of"
                   for o in p.children if o.dep_ == "pobj")

    return _speech_mentions(mentions, lex, sent_index, sent_tokens, "ruled_out_statement",
                            "speech", None, rules_out)


def in_question(tok: Token, lex: Lexicon) -> bool:
    """Inside an indirect question ("asked Trump if he thought Putin would acquiesce"):
    what is asked about is not reported as having happened."""
    asking = lex.words("question_verbs")
    cur = tok
    while cur.head != cur:
        if cur.dep_ in {"ccomp", "advcl", "xcomp"} and marks(cur) & {"if", "whether"} \
                and lemma(cur.head) in asking:
            return True
        cur = cur.head
    return False


_TOPIC_LINKS = frozenset({"advcl", "xcomp", "acl", "prep", "pobj", "pcomp", "dobj"})


def absorb_protest_topics(mentions: list[EventMention]) -> None:
    """PLOVER: "the topic of the protest—which will typically be a REQUEST—is not
    coded as a separate event" ("staged demonstrations to demand reforms",
    "demonstrated … calling for independence"); it lends the protest its target."""
    for p in mentions:
        if p.type != "PROTEST" or p.content_of is not None:
            continue
        anchors = {p.token.i} | ({p.carrier.i} if p.carrier is not None else set())
        for r in mentions:
            if r.type != "REQUEST" or r.content_of is not None or r.merge_with is not None:
                continue
            cur = r.token
            while cur.head != cur and cur.dep_ in _TOPIC_LINKS and not marks(cur) & _CIRCUMSTANCE:
                cur = cur.head
                if cur.i in anchors:
                    r.content_of = p
                    p.contents.append(r)
                    break


#: verbal judgments of an act ("condemned the raid", "praised the release"): they presuppose it
_JUDGMENTS = frozenset({"ACCUSE", "SUPPORT"})
#: determiners and adjectives of an act not asserted as having happened ("condemned any
#: attack", "denounced possible sanctions")
_NOT_PRESUPPOSED = frozenset({"any", "all", "every", "no", "such", "possible", "potential", "future",
                              "further", "planned", "proposed", "threatened", "would-be"})


def release_presupposed_contents(mentions: list[EventMention], lex: Lexicon) -> None:
    """A material act named by a noun that a verbal judgment is about, and whose toll the
    sentence tells ("slammed a fresh Israeli raid where six Palestinians were killed",
    "condemned the bombing of a train, in which 12 passengers were killed"), is also an event
    of its own: condemning and praising presuppose what they judge (TimeML factive
    predicates; the PLOVER manual codes the discrete events a protest is about), and
    the act with its toll is a happening reported in full (ACLED codes it with its
    fatalities). It stays the judgment's content for its target. Without a toll the
    act stays content only: a sentence that codes one relation (the PLV sentences)
    codes the judgment."""
    counted = {h.i for x in mentions if x.sense.casualty for h in toll_hosts(x.token)}
    for m in mentions:
        g = m.content_of
        if g is None or not m.nominal or g.type not in _JUDGMENTS or m.type is None:
            continue
        if m.token.i not in counted:
            continue
        if not lex.quad_of.get(m.type, "").startswith("material"):
            continue
        if any(c.lower_ in _NOT_PRESUPPOSED for c in m.token.children if c.dep_ in {"det", "amod"}):
            continue
        m.content_of = None
        m.presupposed = True
        if m.carrier is not None and m.carrier in (g.token, g.carrier):
            # the judging verb carries the noun but did not do the act ("Pakistan condemned
            # the bombing": Pakistan is no bomber)
            m.carrier = None


#: the marks of a condition clause ("if Damascus does not withdraw", "unless …")
_CONDITIONS = frozenset({"if", "unless"})
#: stated intentions whose conditions are their terms: threats and offers (PLOVER THREATEN
#: and AGREE, CAMEO 13 and 03)
_CONDITIONAL_STATEMENTS = frozenset({"THREATEN", "AGREE"})


def absorb_threat_conditions(mentions: list[EventMention]) -> None:
    """The condition of a threat is part of the threat, not an act of its own ("threatened
    to shell the base if western forces launched any attack", "issued an ultimatum warning
    of military action if Damascus does not withdraw"): PLOVER THREATEN codes "coercive or
    forceful warnings" by their content, and an act told only as the condition is
    hypothetical (PLOVER's auxiliary mode: "If Russian forces were to cross the border …").
    An act whose clause is an if/unless clause under a threat (or under the content of one)
    becomes that threat's content, with the mentions merged into it."""
    by_token = {m.token.i: m for m in mentions if m.type is not None}
    for m in mentions:
        if m.type is None or m.content_of is not None or m.merge_with is not None:
            continue
        cur, conditional, threat = m.token, False, None
        while cur.head != cur:
            conditional = conditional or (cur.dep_ == "advcl" and bool(marks(cur) & _CONDITIONS))
            cur = cur.head
            g = by_token.get(cur.i)
            if g is None or g is m:
                continue
            while g.content_of is not None:
                g = g.content_of
            threat = g if conditional and g.type in _CONDITIONAL_STATEMENTS else None
            break
        if threat is None:
            continue
        for x in mentions:
            if x is m or x.root() is m:
                x.content_of = threat


def release_kept_promises(mentions: list[EventMention], lex: Lexicon) -> None:
    """A promise or threat kept ("kept their promise to kill the hostage", "carried out
    its threat to attack"): the act promised was done, so the noun is no event of its
    own and its content stands for itself (``lists.yaml`` ``kept_promise``)."""
    nouns, carriers = lex.words("kept_promise_nouns"), lex.words("kept_promise_carriers")
    for g in mentions:
        if not (g.nominal and g.contents and g.carrier is not None and lemma(g.carrier) in carriers
                and lemma(g.token) in nouns):
            continue
        g.type = None
        for c in g.contents:
            c.content_of = None
        g.contents.clear()


def compose(mentions: list[EventMention], lex: Lexicon) -> None:
    """Run the composition rules over one sentence's mentions (in place)."""
    for m in mentions:
        if in_question(m.token, lex):
            m.type = None
        if m.nominal:
            m.carrier = carrier_of(m.token)
    link_contents(mentions)
    release_kept_promises(mentions, lex)
    absorb_protest_topics(mentions)
    apply_contents(mentions, lex)
    release_presupposed_contents(mentions, lex)
    apply_intentions(mentions, lex)
    absorb_threat_conditions(mentions)
