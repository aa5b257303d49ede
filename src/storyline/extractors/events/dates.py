"""Event dates from the article's time expressions (``doc._.timexes``, the time work).

In order:
1. ``clause``: a date attached to the event's own clause ("On April 23, Trump
   accused …", "a meeting for April 23", "agreed … 44 days ago"), or to the
   clause it is the purpose or complement of ("was due to travel … this week to
   meet");
2. ``sentence``: a date on a clause that governs the event (the reporting verb:
   "Russia said on Tuesday that …"), unless the event is told in the pluperfect
   (it happened before that);
3. ``narrative``: the date of the story's current reference time — the last
   dated event or date within the two sentences before, for events told in the
   past tense;
4. ``published``: the publication date, for reports of the day (present
   perfect, present, or past with nothing else to go on). Headlines take it too.

Dates after "since", "until", "before", "after" … bound the event; they are not
its date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Span, Token

from ...record import Timex
from ..text.syntax import SUBJECTS

#: prepositions whose date bounds an event rather than dating it
_BOUNDING = frozenset({"since", "until", "till", "before", "after", "by", "from", "through",
                       "throughout", "between", "to", "following", "prior", "ahead", "within"})
_CALENDAR = re.compile(r"^\d{4}(?:-(?:\d{2}(?:-\d{2})?|W\d{2}|Q\d))?(?:T.*)?$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True)
class DateAnchor:
    """A time expression with a calendar value, and the token it modifies."""

    value: str
    tokens: frozenset[int]
    attach: Token
    sent: int


def _attachment(span: Span) -> Token | None:
    """The token a time expression modifies, or None when it bounds ("since July 2024")."""
    root = span.root
    head = root.head
    if head == root:
        return None
    if head.dep_ in {"prep", "agent"} and head.pos_ in {"ADP", "SCONJ"}:
        if head.lower_ in _BOUNDING:
            return None
        return head.head if head.head != head else None
    return head


def date_anchors(doc: Doc, timexes: list[Timex] | None, sent_of: dict[int, int]) -> list[DateAnchor]:
    """Calendar-valued DATE/TIME expressions with their attachment."""
    out = []
    for tx in timexes or []:
        if tx.type not in {"DATE", "TIME"} or not tx.value or not _CALENDAR.match(tx.value):
            continue
        span = doc.char_span(tx.start, tx.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        attach = _attachment(span)
        if attach is None:
            continue
        out.append(DateAnchor(tx.value, frozenset(t.i for t in span), attach, sent_of[span.start]))
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
    """Date anchors indexed by the token of the clause they date."""
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


def event_date(tok: Token, carrier: Token | None, sent: int, ctx: DatingContext,
               undated_ok: bool) -> tuple[str | None, str | None]:
    """(date, date_source) of an event with trigger ``tok`` (see the module docstring).
    ``undated_ok``: planned, postponed or hypothetical events get no fallback date."""
    own = [tok] + ([carrier] if carrier is not None else [])
    for t in own:
        if t.i in ctx.by_clause:
            return _nearest(ctx.by_clause[t.i], tok).value, "clause"
    verb = carrier if carrier is not None else governing_verb(tok)
    for gov in _governors(verb) if verb is not None else []:
        if gov.i in ctx.by_clause:
            return _nearest(ctx.by_clause[gov.i], tok).value, "clause"
    if verb is not None and not past_perfect(verb):
        for anc in ancestor_clauses(verb):
            if anc.i in ctx.by_clause:
                return _nearest(ctx.by_clause[anc.i], tok).value, "sentence"
    if undated_ok:
        return None, None
    if sent in ctx.headlines:
        return ctx.published, "published" if ctx.published else None
    if verb is not None and past_perfect(verb):
        return None, None   # before the reference time, by how much the text does not say
    when = tense(verb) if verb is not None else "other"
    if when in {"past", "other"}:
        # the story's reference time: the last date of the two sentences before
        earlier = [a for a in ctx.anchors if sent - 2 <= a.sent < sent]
        if earlier:
            return earlier[-1].value, "narrative"
    if ctx.published and when != "future":
        return ctx.published, "published"
    return None, None
