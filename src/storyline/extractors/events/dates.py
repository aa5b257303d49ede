"""Event dates from the article's time expressions (``doc._.timexes``, the time work).

In order:
1. ``clause``: a date attached to the event's own clause ("On April 23, Trump
   accused …", "a meeting for April 23", "agreed … 44 days ago"), to the event
   it happened during or in ("arrested during a demonstration on Tuesday",
   "killed in rioting the previous day", "Friday's demonstration in which two
   were injured"), or to the clause it is the purpose or complement of ("was due
   to travel … this week to meet"), or to the event an aspectual verb begins or
   ends ("began to fall apart in mid-1996", "completed the purchase yesterday"); an
   event noun with an agent of its own (a possessor, a "by" or "from" phrase) takes the
   day right after its phrase, which the parse hangs on the verb ("had condemned Iraq's
   invasion of Kuwait on Aug. 2", "warnings from Moscow on Thursday"); an
   event noun takes the date of a relative clause that tells when it happened ("the
   merger that took place in 2019"), of the clause it is the setting of ("rose in
   trading yesterday"), of the support verb that realizes it or the measure predicate
   that measures it ("had profit of $1.8 million a year ago", "losses totaled $5
   million last year"), or of the noun it is coordinated with ("Friday's offerings
   and pricings"); a past-tense verb takes a date counted back from the telling on
   its infinitive ("invited Sinn Fein to rejoin two weeks ago"); an attribution
   ("according to") is of the publication day;
2. ``sentence``: a date on a clause that governs the event (the reporting verb:
   "Russia said on Tuesday that …"), unless the event is told in the pluperfect
   (it happened before that) or is a relative clause in the present ("the zone
   it occupies": it holds now);
3. ``narrative``: the date of the story's current reference time — the last
   dated event or date within the two sentences before, for events told in the
   past tense. Only a day of the news itself (within a week before publication)
   carries on: a background date ("in 1990", "two years ago") dates its own
   clause, and the story then returns to its main time — unless the very next
   sentence tells the background story on in the past with no date of its own
   and no day of the news in between ("In July last year Hun Sen staged a coup.
   His loyalists fled the capital."). A statement (a verbal
   event: "also condemned", "called on") is of the report's own time, the day the
   lead dates: a day before it, told in between ("On Monday evening, the Knesset
   voted …"), is a flashback and does not carry to the statement;
4. ``published``: the publication date, for reports of the day (present
   perfect, present, or past with nothing else to go on). Headlines take it too.

Dates after "since", "until", "before", "after" … bound the event; they are not
its date — except "since" on a state told in the present or present perfect
("has maintained an embargo since 1962"): the state began then, and that is its
date (TimeML: the begin point of the state).

Event dates are days (or coarser): a time of day ("Monday evening",
``2006-10-30TEV``) dates the event to its day, as event data do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from spacy.tokens import Doc, Span, Token

from ...record import Timex
from ..text.syntax import SUBJECTS, lemma, marks

#: how many days before publication a day may lie to be the news's own reference time
NEWS_WINDOW_DAYS = 7
#: prepositions whose date bounds an event rather than dating it
_BOUNDING = frozenset({"since", "until", "till", "before", "after", "by", "from", "through",
                       "throughout", "between", "to", "following", "prior", "ahead", "within"})
#: subordinators of a clause told at the same time as the clause it modifies
#: ("were killed when two helicopters crashed last year"; TimeML's SIMULTANEOUS)
_AT_THE_TIME = frozenset({"when", "while", "as"})
#: prepositions that put an event within another ("killed in clashes on Tuesday";
#: TimeML's IS_INCLUDED / DURING between two events)
_WITHIN = frozenset({"during", "in", "amid", "amidst"})
#: prepositions whose event-noun object is the setting a clause happened in or at ("rose
#: in trading yesterday", "said at a news conference on Tuesday"; TimeML's IS_INCLUDED)
_SETTING = frozenset({"during", "in", "at", "amid", "amidst"})
#: verbs that say an event happened ("took place", "occurred", "began on Monday")
_HAPPENING = frozenset({"occur", "happen", "begin", "start", "end", "erupt", "break"})
#: TimeML's ASPECTUAL events: they and the event they begin, go on with or end share a time
#: ("began to fall apart in mid-1996", "will begin withdrawing troops on Friday")
_ASPECTUAL = frozenset({"begin", "start", "initiate", "commence", "continue", "keep", "resume",
                        "proceed", "stop", "cease", "end", "finish", "complete", "quit"})
#: support verbs: their object (or subject) is the event they realize, at the verb's time
#: ("had profit of $1.8 million a year ago", "took a charge in the third quarter",
#: "held talks on Monday"; TimeML annotates the nominal, not the light verb, as the event)
_SUPPORT = frozenset({"have", "hold", "make", "take", "give", "post", "report", "record", "book",
                      "suffer", "incur", "log", "show", "conduct", "stage", "undergo"})
#: measure predicates whose subject is the event measured ("losses totaled $5 million
#: last year", "net income was $2.1 million a year earlier")
_MEASURE = frozenset({"total", "amount", "be", "reach", "stand", "come"})
#: prepositions that name an event noun's agent ("an attack by rebels", "warnings from
#: Moscow": TimeML's nominal event with its participant)
_AGENT_PREPS = frozenset({"by", "from"})
#: words of a date counted back from the time of telling ("two weeks ago", "yesterday",
#: "last month"): such a date tells when the told act happened
_BACKWARD = frozenset({"ago", "yesterday", "last", "earlier", "previous"})
_CALENDAR = re.compile(r"^\d{2,3}X?$|^\d{4}(?:-(?:\d{2}(?:-\d{2})?|W\d{2}|Q\d))?(?:T.*)?$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True)
class DateAnchor:
    """A time expression with a calendar value, and the token it modifies (``since``:
    the expression is the begin point of what it modifies, "since 1962")."""

    value: str
    tokens: frozenset[int]
    attach: Token
    sent: int
    since: bool = False


def _attachment(span: Span) -> tuple[Token, bool] | None:
    """The token a time expression modifies and whether it is a "since" begin point, or
    None when it bounds otherwise ("until July 2024", "after the vote")."""
    root = span.root
    # a coordinated date shares its first conjunct's relation ("between December 2005 and
    # October 2006" bounds the event, "on Monday and Tuesday" dates it)
    while root.dep_ == "conj" and root.head != root and root.head.ent_type_ in {"DATE", "TIME"}:
        root = root.head
    head = root.head
    if head == root:
        return None
    if head.dep_ in {"prep", "agent"} and head.pos_ in {"ADP", "SCONJ"}:
        if head.head == head:
            return None
        if root.dep_ == "npadvmod":
            # a date the parse hangs on a preposition rather than as its object ("fell to $32
            # a share yesterday"): it dates what the phrase modifies, and bounds nothing
            return head.head, False
        if head.lower_ == "since":
            return head.head, True
        if head.lower_ in _BOUNDING:
            return None
        return head.head, False
    return head, False


def day_value(value: str) -> str:
    """A TIMEX3 value cut to its day: "2006-10-30TEV" and "2006-10-30T14:30" → "2006-10-30"."""
    m = _DAY.match(value)
    return m.group(0) if m and len(value) > 10 and value[10] == "T" else value


def in_news_window(value: str, published: date | None) -> bool:
    """Whether a date is a day of the news itself: a day from a week before publication
    on (a year, a month or an older day is background)."""
    if published is None:
        return True
    m = _DAY.match(value)
    if not m:
        return False
    try:
        day = date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return False
    return (published - day).days <= NEWS_WINDOW_DAYS


def date_anchors(doc: Doc, timexes: list[Timex] | None, sent_of: dict[int, int]) -> list[DateAnchor]:
    """Calendar-valued DATE/TIME expressions with their attachment."""
    out = []
    for tx in timexes or []:
        if tx.type not in {"DATE", "TIME"} or not tx.value or not _CALENDAR.match(tx.value):
            continue
        span = doc.char_span(tx.start, tx.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        found = _attachment(span)
        if found is None:
            continue
        attach, since = found
        out.append(DateAnchor(tx.value, frozenset(t.i for t in span), attach, sent_of[span.start], since))
    return out


def is_after(value: str, day: date) -> bool:
    """Whether a TIMEX3 day value lies after ``day`` (only full dates are compared)."""
    m = _DAY.match(value)
    if not m:
        return False
    try:
        return date(int(m[1]), int(m[2]), int(m[3])) > day
    except ValueError:
        return False


def ends_before(value: str, day: date) -> bool:
    """Whether a calendar TIMEX3 value (year, quarter, month, week or day) ends before
    ``day``."""
    m = re.match(r"^(\d{4})(?:-(?:(\d{2})(?:-(\d{2}))?|W(\d{2})|Q(\d)))?", value)
    if not m:
        return False
    year, month, dom, week, quarter = m.groups()
    try:
        if dom:
            last = date(int(year), int(month), int(dom))
        elif month:
            nxt = date(int(year) + int(month) // 12, int(month) % 12 + 1, 1)
            last = date.fromordinal(nxt.toordinal() - 1)
        elif week:
            last = date.fromisocalendar(int(year), int(week), 7)
        elif quarter:
            q = int(quarter)
            nxt = date(int(year) + q // 4, (q * 3) % 12 + 1, 1)
            last = date.fromordinal(nxt.toordinal() - 1)
        else:
            last = date(int(year), 12, 31)
    except ValueError:
        return False
    return last < day


def own_date(tok: Token, ctx: DatingContext) -> str | None:
    """The date a modifier of ``tok``'s own clause gives ("the November 1995
    assassination"), not a "since" begin point."""
    found = _dating(ctx.by_clause.get(tok.i))
    return day_value(_nearest(found, tok).value) if found else None


def past_perfect(tok: Token) -> bool:
    """Told in the pluperfect ("had agreed", "had been signed")."""
    aux = {c.lower_ for c in tok.children if c.dep_ in {"aux", "auxpass"}}
    return "had" in aux and tok.tag_ == "VBN"


def tense(tok: Token) -> str:
    """Coarse tense of a verb: 'perfect' (has/have + VBN), 'present', 'past', 'future' or 'other'."""
    aux = {c.lower_ for c in tok.children if c.dep_ in {"aux", "auxpass"}}
    if aux & {"will", "shall", "'ll", "wo"}:
        return "future"
    if aux & {"has", "have", "'ve"}:
        return "perfect"
    if aux & {"had"} or tok.tag_ == "VBD" or aux & {"was", "were", "did"}:
        return "past"
    if tok.tag_ in {"VBZ", "VBP"} or aux & {"is", "are", "am", "does", "do"}:
        return "present"
    return "other"


def clause_head(tok: Token, triggers: set[int]) -> Token:
    """The clause a token belongs to: the nearest trigger, verb with a subject, or
    finite or infinitival clause above it (a reduced relative such as "put forward
    by the United States 44 days ago" belongs to the clause around it)."""
    cur = tok
    for _ in range(40):
        if cur.i in triggers or cur.head == cur:
            return cur
        if cur.pos_ in {"VERB", "AUX"} and (
                cur.dep_ in {"relcl", "advcl", "ccomp", "xcomp", "conj", "parataxis"}
                or any(c.dep_ in {"nsubj", "nsubjpass", "csubj"} for c in cur.children)):
            return cur
        cur = cur.head
    return cur


def anchor_clauses(anchors: list[DateAnchor], triggers: set[int]) -> dict[int, list[DateAnchor]]:
    """Date anchors indexed by the token of the clause they date ("since" begin points
    included: :func:`event_date` reads them only for states)."""
    out: dict[int, list[DateAnchor]] = {}
    for a in anchors:
        out.setdefault(clause_head(a.attach, triggers).i, []).append(a)
    return out


def ancestor_clauses(tok: Token) -> list[Token]:
    """The verbs that govern ``tok``'s clause, nearest first, up to the sentence root."""
    out = []
    cur = tok
    while cur.head != cur:
        cur = cur.head
        if cur.pos_ in {"VERB", "AUX"}:
            out.append(cur)
    return out


def _nearest(anchors: list[DateAnchor], tok: Token) -> DateAnchor:
    return min(anchors, key=lambda a: min(abs(i - tok.i) for i in a.tokens))


def _governors(tok: Token) -> list[Token]:
    """Verbs an event's clause serves ("set to meet", "due to travel … to meet")."""
    out = []
    cur = tok
    for _ in range(5):
        if cur.dep_ not in {"xcomp", "acomp", "advcl", "conj"} or cur.head == cur:
            break
        if cur.dep_ == "advcl" and any(c.dep_ == "mark" for c in cur.children):
            break
        if cur.dep_ == "conj" and any(c.dep_ in SUBJECTS for c in cur.children):
            break   # a coordinated clause with its own subject is told apart
        cur = cur.head
        out.append(cur)
    return out


def governing_verb(tok: Token) -> Token | None:
    """The verb of the clause a token is in (itself for a verb)."""
    cur = tok
    while cur.pos_ not in {"VERB", "AUX"}:
        if cur.head == cur:
            return None
        cur = cur.head
    return cur


@dataclass(frozen=True)
class DatingContext:
    """What dating an event needs besides the event itself."""

    by_clause: dict[int, list[DateAnchor]]
    anchors: list[DateAnchor]
    published: str | None
    headlines: frozenset[int]

    @cached_property
    def anchors_by_sent(self) -> dict[int, list[int]]:
        """Sentence -> positions in ``anchors`` of the anchors in it."""
        out: dict[int, list[int]] = {}
        for k, a in enumerate(self.anchors):
            out.setdefault(a.sent, []).append(k)
        return out

    @property
    def published_day(self) -> date | None:
        return date.fromisoformat(self.published) if self.published else None

    @cached_property
    def report_time(self) -> str | None:
        """The report's own time: the first day of the news the lead (the first sentence
        that is no headline) gives; None when the lead gives none."""
        lead = next(k for k in range(len(self.headlines) + 1) if k not in self.headlines)
        for k in self.anchors_by_sent.get(lead, ()):
            a = self.anchors[k]
            pub = self.published_day
            if not a.since and in_news_window(a.value, pub) and not (pub and is_after(a.value, pub)):
                return day_value(a.value)
        return None


def _dating(anchors: list[DateAnchor] | None) -> list[DateAnchor]:
    return [a for a in anchors or [] if not a.since]


def _since(anchors: list[DateAnchor] | None) -> list[DateAnchor]:
    return [a for a in anchors or [] if a.since]


def event_date(tok: Token, carrier: Token | None, sent: int, ctx: DatingContext,
               undated_ok: bool, verbal: bool = False) -> tuple[str | None, str | None]:
    """(date, date_source) of an event with trigger ``tok`` (see the module docstring).
    ``undated_ok``: planned, postponed or hypothetical events get no fallback date;
    ``verbal``: the event is a statement (PLOVER's verbal quad categories)."""
    value, source = _event_date(tok, carrier, sent, ctx, undated_ok, verbal)
    return (day_value(value) if value else value), source


def _within(own: list[Token], ctx: DatingContext) -> DateAnchor | None:
    """The date of the dated event this one happened in (TimeML's IS_INCLUDED, DURING)."""
    for t in own:
        # "were arrested during a demonstration on Tuesday", "killed in rioting the
        # previous day": the object is an event its own clause dates
        for prep in t.children:
            if prep.dep_ == "prep" and prep.lower_ in _WITHIN:
                for obj in prep.children:
                    found = _dating(ctx.by_clause.get(obj.i))
                    if obj.dep_ in {"pobj", "pcomp"} and found:
                        return _nearest(found, obj)
        # "were killed when two helicopters crashed last year": a clause of the same time
        for c in t.children:
            found = _dating(ctx.by_clause.get(c.i))
            if c.dep_ == "advcl" and found and (marks(c) & _AT_THE_TIME or any(
                    x.dep_ == "advmod" and x.lower_ in _AT_THE_TIME - {"as"} for x in c.children)):
                return _nearest(found, c)
        # "in 1985, when the Israelis created a buffer zone": a relative clause on a date
        if t.dep_ == "relcl" and any(c.lower_ == "when" for c in t.children):
            found = [a for a in ctx.anchors if t.head.i in a.tokens and not a.since]
            if found:
                return found[0]
        # "Friday's demonstration in which two were injured": a relative clause that
        # tells what happened in the event its noun names
        if t.dep_ == "relcl" and t.head.pos_ in {"NOUN", "PROPN"} and any(
                c.dep_ == "prep" and c.lower_ in _WITHIN and any(o.lower_ == "which" for o in c.children)
                for c in t.children):
            found = _dating(ctx.by_clause.get(t.head.i))
            if found:
                return _nearest(found, t.head)
    return None


def _copula_of(tok: Token, verb: Token) -> bool:
    """Whether ``verb`` is a copula whose predicate is the nominal ``tok``, directly or
    through one preposition ("was under curfew", "were on strike")."""
    if verb.lemma_ != "be":
        return False
    if tok.head == verb:
        return tok.dep_ == "attr"
    return tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head == verb


def _on_clause(prep: Token, verb: Token) -> bool:
    """Whether a preposition modifies ``verb``'s clause: hangs on the verb, or on a figure
    the verb states ("closed at $44.875 in trading yesterday", where the parse hangs the
    phrase on the price)."""
    head = prep.head
    return head == verb or (head.tag_ in {"CD", "$"} and governing_verb(head) == verb)


def _realized_by(tok: Token, verb: Token) -> bool:
    """Whether the event noun ``tok`` is what ``verb`` realizes: the object of a support
    verb ("had profit", "took a charge"), or its complement's object ("had $110 million in
    sales", "a loss from discontinued operations"), or the subject of a measure predicate
    ("losses totaled $5 million")."""
    if tok.pos_ not in {"NOUN", "PROPN"}:
        return False
    if tok.dep_ in {"nsubj", "nsubjpass"} and tok.head == verb:
        return verb.lemma_ in _MEASURE
    if tok.dep_ == "dobj" and tok.head == verb and verb.lemma_ in _ASPECTUAL:
        return True   # what an aspectual verb begins or ends ("completed the purchase yesterday")
    if lemma(verb) not in _SUPPORT:
        return False
    if tok.dep_ == "dobj" and tok.head == verb:
        return True
    head = tok.head
    return (tok.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in {"in", "from", "of"}
            and (head.head == verb or (head.head.dep_ == "dobj" and head.head.head == verb)))


def _own_agent(tok: Token) -> bool:
    """Whether an event noun names its own agent: a possessor ("Iraq's invasion"), or a
    "by" or "from" phrase ("an attack by rebels", "warnings from Moscow")."""
    return any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in _AGENT_PREPS
                                    and any(o.dep_ == "pobj" for o in c.children))
               for c in tok.children)


def _event_date(tok: Token, carrier: Token | None, sent: int, ctx: DatingContext,
                undated_ok: bool, verbal: bool) -> tuple[str | None, str | None]:
    own = [tok] + ([carrier] if carrier is not None else [])
    for t in own:
        found = _dating(ctx.by_clause.get(t.i))
        if found:
            return _nearest(found, tok).value, "clause"
    if tok.pos_ in {"NOUN", "PROPN"} and tok.dep_ == "conj" and tok.head.pos_ in {"NOUN", "PROPN"}:
        # coordinated event nouns share their modifiers ("Friday's offerings and pricings")
        found = [a for a in ctx.anchors if a.attach == tok.head and not a.since]
        if found:
            return _nearest(found, tok).value, "clause"
    if tok.lower_ == "according" and any(c.lower_ == "to" for c in tok.children) and ctx.published:
        # "…, according to the company": an attribution is the source's account as the
        # report gives it, of the report's day, not of the dates it attributes
        return ctx.published, "published"
    for t in own:
        # an aspectual verb takes the date of the event it begins, continues or ends
        for c in t.children if t.lemma_ in _ASPECTUAL else ():
            found = _dating(ctx.by_clause.get(c.i))
            if c.dep_ == "xcomp" and found:
                return _nearest(found, c).value, "clause"
    for c in tok.children if tok.pos_ in {"NOUN", "PROPN"} else ():
        # "the recapitalization that took place in 1988", "talks, which began on Monday":
        # a relative clause that tells when the event the noun names happened (IDENTITY)
        if c.dep_ not in {"relcl", "acl"}:
            continue
        found = _dating(ctx.by_clause.get(c.i))
        happening = c.lemma_ in _HAPPENING or (
            c.lemma_ == "take" and any(x.dep_ == "dobj" and x.lower_ == "place" for x in c.children))
        if happening and found:
            return _nearest(found, c).value, "clause"
    verb = carrier if carrier is not None else governing_verb(tok)
    if (carrier is None and verb is not None and tok.pos_ == "NOUN" and tok.dep_ in {"dobj", "pobj"}
            and _own_agent(tok)):
        # "had condemned Iraq's invasion of Kuwait on Aug. 2", "glossed over warnings from
        # Moscow on Thursday": a day right after an event noun with its own agent dates the
        # noun, though the parse hangs it on the verb
        nxt = tok.right_edge.i + 1
        for a in _dating(ctx.by_clause.get(verb.i)):
            if nxt < len(tok.doc) and tok.doc[nxt].lower_ == "on" and min(a.tokens) == nxt + 1:
                return a.value, "clause"
    if (carrier is None and verb is not None and tok.pos_ in {"NOUN", "PROPN"} and tok.dep_ == "pobj"
            and tok.head.lower_ in _SETTING and _on_clause(tok.head, verb)):
        # an event noun that is the setting of a dated clause ("shares rose in trading
        # yesterday", "said at a news conference on Tuesday") happened at the clause's time
        found = _dating(ctx.by_clause.get(verb.i))
        if found:
            return _nearest(found, tok).value, "clause"
    if carrier is None and verb is not None and verb != tok and _copula_of(tok, verb):
        # "the zone was under curfew Wednesday", "workers were on strike on Monday": the
        # copula states the event as a state of its subject; its date is the event's
        found = _dating(ctx.by_clause.get(verb.i))
        if found:
            return _nearest(found, tok).value, "clause"
    if carrier is None and verb is not None and verb != tok and _realized_by(tok, verb):
        # the event a support verb realizes, or a measure predicate measures, is at its time
        found = _dating(ctx.by_clause.get(verb.i))
        if found:
            return _nearest(found, tok).value, "clause"
    if verb is not None and verb == tok and tense(tok) == "past":
        # "invited Sinn Fein to rejoin two weeks ago": a date counted back from the telling,
        # on an infinitive under a past-tense verb, tells when that verb's act happened (the
        # act the infinitive names comes after it; TimeML's I_ACTION is before its complement)
        for c in tok.children:
            if c.dep_ != "xcomp" or c.lemma_ in _HAPPENING:
                continue
            found = [a for a in _dating(ctx.by_clause.get(c.i))
                     if any(tok.doc[i].lower_ in _BACKWARD for i in a.tokens)]
            if found:
                return _nearest(found, c).value, "clause"
    within = _within(own + ([verb] if verb is not None and verb not in own else []), ctx)
    if within is not None:
        return within.value, "clause"
    for gov in _governors(verb) if verb is not None else []:
        found = _dating(ctx.by_clause.get(gov.i))
        if found:
            return _nearest(found, tok).value, "clause"
    when = tense(verb) if verb is not None else "other"
    if when in {"perfect", "present"}:
        # a state that holds "since" a date began then ("has maintained an embargo since
        # 1962"), or since a dated event ("… since the LTTE launched its campaign in 1983")
        for t in own:
            found = _since(ctx.by_clause.get(t.i))
            if found:
                return _nearest(found, tok).value, "clause"
            for c in t.children:
                found = _dating(ctx.by_clause.get(c.i))
                if c.dep_ == "advcl" and "since" in marks(c) and found:
                    return _nearest(found, c).value, "clause"
    if verb is not None and not past_perfect(verb) and not (
            when == "present" and verb.dep_ == "relcl" and verb.lemma_ != "be"):
        # a relative clause in the present states what holds now ("the zone it occupies",
        # "the plant, which makes batteries"), not at the time of the clause it describes;
        # a copula names the event told ("…, which is the deadliest attack in years")
        for anc in ancestor_clauses(verb):
            found = _dating(ctx.by_clause.get(anc.i))
            if found:
                return _nearest(found, tok).value, "sentence"
    if undated_ok:
        return None, None
    if sent in ctx.headlines:
        return ctx.published, "published" if ctx.published else None
    if verb is not None and past_perfect(verb):
        return None, None   # before the reference time, by how much the text does not say
    if when in {"past", "other"}:
        # the story's reference time: the last day of the news in the two sentences before
        near = sorted(k for s in range(sent - 2, sent) for k in ctx.anchors_by_sent.get(s, ()))
        # a day after publication is no reference time for what is told in the past
        earlier = [a for a in (ctx.anchors[k] for k in near) if not a.since
                   and in_news_window(a.value, ctx.published_day)
                   and not (ctx.published_day and is_after(a.value, ctx.published_day))]
        if earlier:
            carried = day_value(earlier[-1].value)
            report = ctx.report_time
            if verbal and report is not None and carried < report:
                # a statement is of the report's time the lead states; a day before it,
                # told in between, was a flashback
                return report, "narrative"
            return carried, "narrative"
        # a background story told on from the sentence just before ("In July last year
        # Hun Sen staged a coup. His loyalists fled the capital.") keeps its time, the one
        # that sentence tells first (later dates are compared with it: "net fell in the
        # third quarter from $10 million in the year-ago period"); a statement is of the
        # report's time
        before = [ctx.anchors[k] for k in ctx.anchors_by_sent.get(sent - 1, ()) if not ctx.anchors[k].since]
        if when == "past" and not verbal and before and all(
                not in_news_window(a.value, ctx.published_day) for a in before):
            return day_value(min(before, key=lambda a: min(a.tokens)).value), "narrative"
    if ctx.published and when != "future":
        return ctx.published, "published"
    return None, None
