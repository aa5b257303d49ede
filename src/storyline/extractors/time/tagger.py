"""Temporal expressions: find TIMEX3 expressions in a Doc and normalize them.

``extract_timexes(doc)`` returns one :class:`record.Timex` per expression
(types DATE, TIME, DURATION, SET) with its TIMEX3 value, in text order.

How it works:

1. **Match.** Every rule of the language's grammar (data, see
   :mod:`storyline.extractors.time.grammar`) is run over the text, or only around
   the words its matches need (:mod:`storyline.extractors.time.prefilter`); candidates whose
   context or part-of-speech tags rule them out ("may" the modal, "2000
   troops") are dropped; the longest non-overlapping candidates win and
   negative rules ("The Sunday Times") remove what they cover.
2. **Extend.** Modifiers the grammar lists ("early", "the end of") are taken
   into the span of the expression they precede.
3. **Anchor and normalize**, in text order, keeping the narrative's reference
   time: deictic expressions ("yesterday", "last week") count from the
   publication date; anaphoric ones ("the same day", "later that year") from
   the latest expression precise enough; weekdays and dates without a year go
   the way the tense of their governing verb points; "a year ago" after a
   quarter means that quarter a year earlier. With no publication date,
   expressions that need one take the narrative's own anchor or stay
   underspecified (``XXXX-04-24``).

The module is language-neutral: words live in the grammar data.
"""

from __future__ import annotations

import bisect
import logging
import math
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from spacy.attrs import IDX, SENT_START
from spacy.tokens import Doc, Span

from ...record import Timex
from ...resources import DEFAULT_LANG
from ..text.doc_cache import doc_text
from .grammar import Grammar, Rule, load_grammar
from .normalize import Anchors, FrameError, Point, Result, evaluate, fine_enough
from .prefilter import TextTriggers

log = logging.getLogger(__name__)

#: Characters of context a rule's before/after conditions see.
_WINDOW = 60
_PLURAL = "Plur"
_NOUNS = frozenset({"NOUN", "PROPN"})
_VERBS = frozenset({"VERB", "AUX"})
#: Parts of speech that link an expression to its verb without a noun between them.
_LINKS = frozenset({"ADP", "SCONJ", "PART", "ADV", "PUNCT"})
_AUX_DEPS = ("aux", "auxpass", "aux:pass")
_PERIOD_ANCHORS = frozenset({"recent_period", "recent_span"})


@dataclass(frozen=True)
class Candidate:
    """One match of a rule (its ``emit`` list may split it into several expressions)."""

    start: int
    end: int
    rule: Rule
    match: re.Match[str]

    @property
    def length(self) -> int:
        return self.end - self.start


@dataclass(frozen=True)
class _Ref:
    """A reference time of the narrative: where it was said and what it denotes."""

    sentence: int
    point: Point
    explicit: bool        # the expression named its own year
    period: bool          # it names a reporting period (not one derived from another)
    clause: int | None    # token index of its clause's verb (conjoined verbs share one)


@dataclass
class _Narrative:
    """Reference times seen so far, in text order."""

    sentence_starts: Sequence[int]
    points: list[_Ref] = field(default_factory=list)
    #: year-to-date reporting spans ("the nine months"): (len(points) then, sentence, year)
    spans: list[tuple[int, int, Point]] = field(default_factory=list)

    def sentence_of(self, pos: int) -> int:
        return max(bisect.bisect_right(self.sentence_starts, pos) - 1, 0)

    def latest(self, need: str) -> Point | None:
        for ref in reversed(self.points):
            if fine_enough(ref.point, need):
                return ref.point
        return None

    def period(self, sentence: int, within: int = 5, *, spans: bool = False) -> Point | None:
        """The latest reporting period (quarter, half) named in the last few sentences;
        with ``spans``, a year-to-date span named after it wins ("For the nine months,
        … a year earlier" is the year before, not the quarter)."""
        found, index = None, -1
        for i in range(len(self.points) - 1, -1, -1):
            ref = self.points[i]
            if sentence - ref.sentence > within:
                break
            if ref.period and ref.point.gran in ("quarter", "half"):
                found, index = ref.point, i
                break
        if spans and self.spans:
            order, said, year = self.spans[-1]
            if order > index and sentence - said <= within:
                return year
        return found

    def partial_anchor(self, sentence: int, dct: date | None, tense: str | None,
                       clause: int | None) -> Point | None:
        """The anchor of a date written without its year.

        With a publication date: that date, unless a past-tense clause (or one
        conjoined to it) already named an explicit earlier year ("broke away in
        2014, and annexed Crimea in March"). Without one: the latest date with an
        explicit year, if any.
        """
        if dct is not None and tense != "past":
            return None
        for ref in reversed(self.points):
            year = ref.point.year
            if dct is not None and (ref.sentence != sentence or year is None or year >= dct.year
                                    or (clause is not None and ref.clause != clause)):
                break
            if ref.explicit and year is not None and (dct is None or year != dct.year):
                return ref.point
        return None


def _context_ok(rule: Rule, text: str, start: int, end: int) -> bool:
    before = text[max(0, start - _WINDOW):start]
    after = text[end:end + _WINDOW]
    if rule.before is not None and not rule.before.search(before):
        return False
    if rule.not_before is not None and rule.not_before.search(before):
        return False
    if rule.after is not None and not rule.after.search(after):
        return False
    return not (rule.not_after is not None and rule.not_after.search(after))


class _Tokens:
    """Character offsets → tokens of a parsed Doc (part-of-speech and dependency checks)."""

    def __init__(self, doc: Doc | None):
        self.doc = doc
        self.tagged = doc is not None and doc.has_annotation("TAG")
        self.parsed = doc is not None and doc.has_annotation("DEP")

    def span(self, start: int, end: int) -> Span | None:
        if self.doc is None or start >= end:
            return None
        return self.doc.char_span(start, end, alignment_mode="expand")

    def tags_ok(self, grammar: Grammar, cand: Candidate) -> bool:
        """False when a captured word has a tag its class rejects ("May"/MD)."""
        if not self.tagged:
            return True
        for name, cls in cand.rule.captures.items():
            reject = grammar.classes[cls].reject_tags
            if not reject or cand.match.group(name) is None:
                continue
            span = self.span(cand.match.start(name), cand.match.end(name))
            for tok in span or ():
                tags = reject.get(tok.lower_)
                if tags and tok.tag_ in tags:
                    return False
        return True

    def counts_a_noun(self, start: int, end: int) -> bool:
        """True when the number at start:end counts a plural noun ("2000 troops")."""
        if not self.parsed:
            return False
        span = self.span(start, end)
        if span is None or len(span) != 1:
            return False
        tok = span[0]
        head = tok.head
        if tok.i > 0:
            prev = tok.nbor(-1)
            if prev.pos_ == "DET" or "Yes" in prev.morph.get("Poss", []) or prev.dep_ == "case":
                return False    # "the 2000 Olympics", "its 1990 earnings": a year
        between = tok.doc[tok.i + 1:head.i]
        return (tok.dep_ == "nummod" and head.i > tok.i and head.pos_ in _NOUNS
                and _PLURAL in head.morph.get("Number", [])
                and all(t.pos_ == "ADJ" for t in between))


def find_candidates(text: str, grammar: Grammar, tokens: _Tokens | None = None, *,
                    prefilter: bool = True) -> list[Candidate]:
    """Every match of every rule that its context allows (overlapping).

    ``prefilter``: run each rule only around the words its matches need (the
    result is the same; False scans the whole text with every rule).
    """
    tokens = tokens or _Tokens(None)
    triggers = TextTriggers(text, grammar.triggers)
    out: list[Candidate] = []
    for rule in grammar.rules:
        spans = triggers.windows(rule.triggers) if prefilter else [(0, len(text))]
        for lo, hi in spans:
            out.extend(_matches(rule, text, lo, hi, grammar, tokens))
    return out


def _matches(rule: Rule, text: str, lo: int, hi: int, grammar: Grammar,
             tokens: _Tokens) -> Iterator[Candidate]:
    """The candidates of one rule in text[lo:hi] that their context allows."""
    for m in rule.regex.finditer(text, lo, hi):
        start, end = m.span()
        if start == end or not _context_ok(rule, text, start, end):
            continue
        cand = Candidate(start, end, rule, m)
        if not tokens.tags_ok(grammar, cand):
            continue
        if rule.guard_counted_noun and tokens.counts_a_noun(start, end):
            continue
        yield cand


def select(candidates: Iterable[Candidate]) -> list[Candidate]:
    """Longest non-overlapping candidates (then higher priority, then earlier rule),
    with negative rules' candidates removed after they claimed their span."""
    ordered = sorted(enumerate(candidates),
                     key=lambda ic: (-ic[1].length, -ic[1].rule.priority, ic[0]))
    taken: list[tuple[int, int]] = []  # disjoint spans, in text order
    chosen: list[Candidate] = []
    for _, cand in ordered:
        k = bisect.bisect_right(taken, (cand.start, math.inf))
        # disjoint and sorted: only the span before and the one after can overlap
        if (k > 0 and cand.start < taken[k - 1][1]) or \
                (k < len(taken) and taken[k][0] < cand.end):
            continue
        taken.insert(k, (cand.start, cand.end))
        if cand.rule.type is not None or cand.rule.emit:
            chosen.append(cand)
    chosen.sort(key=lambda c: c.start)
    return chosen


def _parts(cand: Candidate) -> list[tuple[int, int, str | None, Mapping[str, Any]]]:
    """(start, end, type, frame) of each expression a selected candidate emits."""
    rule, m = cand.rule, cand.match
    if not rule.emit:
        return [(cand.start, cand.end, rule.type, rule.frame)]
    parts = []
    for spec in rule.emit:
        groups = spec.get("span")
        names = [groups] if isinstance(groups, str) else list(groups or ())
        present = [g for g in names if m.group(g) is not None]
        if not present:
            continue
        parts.append((m.start(present[0]), m.end(present[-1]), spec.get("type", rule.type),
                      spec.get("value") or {}))
    return parts


def _extend(text: str, start: int, kind: str | None, floor: int, grammar_ext: Sequence[
        tuple[re.Pattern[str], frozenset[str]]]) -> int:
    """The start of the expression once preceding modifiers ("early", "the end of") join it."""
    for _ in range(2):
        window = text[max(floor, start - _WINDOW):start]
        for regex, types in grammar_ext:
            if kind not in types:
                continue
            m = regex.search(window)
            if m:
                start -= len(window) - m.start()
                break
        else:
            return start
    return start


def _values(grammar: Grammar, cand: Candidate) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name, text in cand.match.groupdict().items():
        if text is None:
            continue
        cls = cand.rule.captures.get(name)
        if cls is not None:
            values[name] = grammar.class_value(cls, text)
        else:
            values[name] = int(text) if text.isdigit() else text.lower()
    return values


@dataclass(frozen=True)
class Tense:
    """What the verbs governing an expression say about its direction."""

    value: str | None = None       # past / future / present, or None
    clause: int | None = None      # token index of the clause's verb (first of its conjuncts)
    direct: bool = False           # the verb governs the expression through prepositions only


def _tense(tokens: _Tokens, start: int, end: int, table: Mapping[str, Any]) -> Tense:
    """The tense of the verbs governing start:end (see :class:`Tense`).

    Walks up the dependency tree from the expression to the first verb whose form
    or auxiliaries show a tense; verbs without one (a gerund, a bare infinitive)
    are passed through to the verb governing them."""
    if not tokens.parsed:
        return Tense()
    span = tokens.span(start, end)
    if span is None or not len(span):
        return Tense()
    words = {k: frozenset(table.get(k) or ()) for k in
             ("future_aux", "future_verbs", "schedule_verbs", "perfect_aux", "modal_aux",
              "open_preps")}
    tok = span.root
    came_from_complement = False
    clause: int | None = None
    direct = True
    prospective = False
    for _ in range(8):
        if tok.pos_ in _VERBS or tok.lemma_ in words["future_verbs"]:
            if clause is None:
                clause = _first_conjunct(tok).i
            tense, firm = _verb_tense(tok, words, came_from_complement)
            if tense is not None:
                planned = came_from_complement and tok.lemma_ in words["future_verbs"]
                if prospective and tense != "future" and not planned:
                    # "agreed to buy the line in February": after the agreement
                    return Tense("future", clause, False)
                return Tense(tense, clause, direct and firm)
            # an infinitive complement the date belongs to looks ahead of its governor
            prospective = prospective or (direct and tok.dep_ == "xcomp" and "Inf" in tok.morph.get(
                "VerbForm", []) and any(c.dep_ == "aux" and c.pos_ == "PART" for c in tok.children))
            direct = False     # an infinitive or participle between them ("asked to respond by")
        elif tok.i != span.root.i and (tok.pos_ not in _LINKS or tok.lower_ in words["open_preps"]):
            # a noun or adjective between the expression and its verb, or a preposition
            # of an end point ("extended to Nov. 20", "until Tuesday")
            direct = False
        if tok.head is tok:
            break
        came_from_complement = tok.dep_ == "xcomp"
        tok = tok.head
    return Tense(None, clause, False)


def _first_conjunct(tok: Any) -> Any:
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    return tok


def _auxiliaries(verb: Any) -> list[Any]:
    """The auxiliaries of a verb, or of the copula of a predicate ("had been due")."""
    auxes = [c for c in verb.children if c.dep_ in _AUX_DEPS]
    head = verb.head
    if not auxes and verb.dep_ in ("acomp", "attr") and head is not verb:
        auxes = [head, *(c for c in head.children if c.dep_ in _AUX_DEPS)]
    return auxes


def _verb_tense(verb: Any, words: Mapping[str, frozenset[str]], planned: bool
                ) -> tuple[str | None, bool]:
    """The tense a verb and its auxiliaries express, and whether it is firm evidence.

    ``planned``: the expression sits in the verb's infinitive complement, so a
    planning verb ("set to", "plans to", "is to") points ahead; a scheduling verb
    ("scheduled a news conference Thursday") points ahead unless in the past. Not
    firm evidence: a present perfect ("has set Nov. 10 as the deadline"), a plan in
    the pluperfect ("had been set to expire Nov. 6"), a bare participle."""
    auxes = _auxiliaries(verb)
    lowers = {a.lower_ for a in auxes}
    perfect = [a for a in auxes if a.lemma_ in words["perfect_aux"]
               or a.lower_ in words["perfect_aux"]]
    if lowers & words["future_aux"]:
        return "future", True
    if lowers & words["modal_aux"]:
        return ("past" if perfect else "future"), True
    if planned and verb.lemma_ in words["future_verbs"]:
        # "is set to expire Nov. 6"; "had been set to expire": a plan, maybe changed since
        return ("past", False) if perfect else ("future", True)
    # the finite word carries the tense: the first auxiliary, else the verb itself
    # (a passive participle's own "Past" says nothing: "to be published in November")
    tenses = set((auxes[0] if auxes else verb).morph.get("Tense", []))
    if verb.lemma_ in words["schedule_verbs"] and verb.pos_ in _VERBS:
        # "plans a rally on Saturday", "has scheduled a news conference Thursday";
        # "planned for Saturday" may be a plan or a past event
        return (None if "Past" in tenses and not perfect else "future"), True
    forms = verb.morph.get("VerbForm", [])
    if not auxes and "Part" in forms:
        # a bare gerund: the governing verb decides; a bare past participle is past,
        # loosely ("the decision, announced Wednesday"; "a summit set for April")
        return ("past", False) if "Past" in tenses else (None, True)
    if perfect and "Part" in forms:
        return "past", "Past" in tenses
    if "Past" in tenses:
        return "past", True
    if "Pres" in tenses:
        return "present", True
    return None, True


def _sentence_starts(doc: Doc | None, text: str) -> list[int]:
    if doc is not None and len(doc) and (doc.has_annotation("SENT_START") or
                                         doc.has_annotation("DEP")):
        table = doc.to_array([SENT_START, IDX])
        starts = table[table[:, 0] == 1, 1].tolist()
        return starts if starts and starts[0] == 0 else [0, *starts]
    starts = [0]
    starts += [m.end() for m in re.finditer(r"[.!?][\"'”’)]*\s+(?=[A-Z\"“])|\n\s*\n", text)]
    return starts


def tag(text: str, published: date | None = None, *, doc: Doc | None = None,
        grammar: Grammar | None = None, prefilter: bool = True) -> list[Timex]:
    """TIMEX3 expressions of ``text`` (``doc``, if given, is its parsed spaCy Doc)."""
    grammar = grammar or load_grammar(DEFAULT_LANG)
    tokens = _Tokens(doc)
    selected = select(find_candidates(text, grammar, tokens, prefilter=prefilter))
    narrative = _Narrative(_sentence_starts(doc, text))
    holidays = grammar.tables.get("holidays") or {}
    tense_table = grammar.tables.get("tense") or {}
    out: list[Timex] = []
    floor = 0
    for cand in selected:
        values = _values(grammar, cand)
        for start, end, kind, frame in _parts(cand):
            if kind is None:
                continue
            start = _extend(text, start, kind, floor, grammar.extensions)
            sentence = narrative.sentence_of(start)
            tense = _tense(tokens, start, end, tense_table)
            anchors = Anchors(
                dct=published,
                ref=narrative.latest,
                period=narrative.period(sentence),
                span_period=narrative.period(sentence, spans=True),
                partial=narrative.partial_anchor(sentence, published, tense.value, tense.clause),
                tense=tense.value,
                tense_direct=tense.direct,
                holidays=holidays,
            )
            try:
                result = evaluate(frame, values, anchors)
            except (FrameError, ValueError, OverflowError) as exc:
                log.debug("timex %r (%s) dropped: %s", text[start:end], cand.rule.id, exc)
                continue
            _remember(narrative, sentence, kind, result, frame, tense.clause)
            if frame.get("reporting") == "year":
                year = (anchors.period.year if anchors.period is not None
                        else published.year if published is not None else None)
                if year is not None:
                    narrative.spans.append((len(narrative.points), sentence, Point(year=year)))
            out.append(Timex(start=start, end=end, text=text[start:end], type=kind,  # type: ignore[arg-type]
                             value=result.value))
            floor = end
    return out


def _remember(narrative: _Narrative, sentence: int, kind: str, result: Result,
              frame: Mapping[str, Any], clause: int | None) -> None:
    if kind in ("DATE", "TIME") and result.point is not None and result.point.year is not None:
        # a period named by shifting or re-dating another ("a year earlier", "the 1988
        # quarter") is not the period the text reports on
        derived = frame.get("anchor") in _PERIOD_ANCHORS and bool(
            (frame.get("shift") or {}).get("n") or frame.get("set_year"))
        narrative.points.append(_Ref(sentence, result.point, result.explicit, not derived, clause))


def extract_timexes(doc: Doc, published: date | None = None,
                    lang: str = DEFAULT_LANG) -> list[Timex]:
    """TIMEX3 expressions of a spaCy Doc, anchored on ``published`` or ``doc._.published``."""
    if published is None and Doc.has_extension("published"):
        published = doc._.published
    return tag(doc_text(doc), published, doc=doc, grammar=load_grammar(lang))
