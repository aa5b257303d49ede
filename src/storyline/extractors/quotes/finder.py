"""Quotes: who said what, direct, partial and indirect, with speaker and cue.

Method (details in ``docs/quotes.md``):

1. Quotation marks are paired on the raw text (:mod:`.marks`): any
   style, quotes running over paragraphs, unbalanced marks skipped.
2. Reporting acts are found in the dependency parse (:mod:`.cues`):
   a cue from the lexicon (``resources/en/quotes/cues.yaml``), its source and
   its content. Cues inside quoted text are the quoted speaker's words, not
   the article's attributions, and are ignored.
3. Quoted stretches are tied to the acts: a quotation that *is* a cue's
   content is a **direct** quote ("“Yeah, I do,” Trump said"; a quote split
   by its cue, "“…,” she said, “…”", is one quote running over both parts);
   a quotation inside a cue's content is a **partial** quote with that cue's
   speaker ("accused Zelenskyy of prolonging the “killing field”"); a
   quotation next to a speech verb or after "Name:" is direct; a quotation
   that opens a sentence with no cue of its own continues the previous
   speaker's direct quote. Quotations tied to no act (scare quotes, titles:
   “Oppenheimer” won the award) are not speech. A cue's content without
   quotation marks is an **indirect** quote ("The Ukrainian government said
   that …").
4. Speakers resolve to entities through ``doc._.mentions``
   (:func:`storyline.extractors.actors.mentions.entity_of`): the source phrase's head,
   an apposition ("Ukraine’s economy minister, Yulia Svyrydenko"), or the
   publisher of a channel ("a statement from the ministry"). Sources no entity
   covers ("officials said", "a reporter asked") keep ``speaker_text`` with
   ``speaker`` = None.

Attribution lookup for events: :func:`attribution_for` ``(quotes, start,
end)`` returns the speaker entity id of the innermost quote whose content
contains the character span ``[start, end)`` (an event trigger), skipping
quotes without a resolved speaker; None when no quote contains it. It is a
pure function over ``doc._.quotes`` (or ``ArticleRecord.quotes``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from spacy.attrs import IDX, SENT_START
from spacy.tokens import Doc, Token

from ...record import Quote, QuoteKind, TextSpan
from ..actors.mentions import entity_of
from ..text.doc_cache import doc_text
from .cues import CueMatch, find_cues, transcript_label, verb_act
from .lexicon import CueLexicon, cue_lexicon
from .marks import QuotedSpan, quoted_spans
from .model import CueModel, cue_model

#: Tokens a speech verb may stand from the quotation it introduces or closes.
ADJACENT_TOKENS = 8
#: Most characters between a direct quote and a cue-less quotation that continues it.
CARRY_GAP_CHARS = 200
_PUNCT_AROUND_QUOTE = frozenset(",:;.!?—–-…")
#: Most words of the name that signs a quotation after a dash (“…” ― Sonya Herridge).
SIGNATURE_TOKENS = 4
_SIGNATURE_DASHES = frozenset("―—–")
_DIRECT_FILL = frozenset({"that", ",", ":", "“", "”", "\"", "'", "‘", "’", "«", "»", "„"})


@dataclass(frozen=True)
class _Context:
    """What every step reads: the Doc, its text (built once: ``Doc.text`` joins all
    tokens on every access), token start offsets and sentence numbers."""

    doc: Doc
    text: str
    lex: CueLexicon
    starts: list[int]
    sent_of: list[int]

    @classmethod
    def of(cls, doc: Doc, lex: CueLexicon) -> _Context:
        arr = doc.to_array([IDX, SENT_START])
        sent_of = (arr[:, 1] == 1).cumsum().tolist() if len(doc) else []
        return cls(doc, doc_text(doc), lex, arr[:, 0].tolist() if len(doc) else [], sent_of)

    def token_at(self, char: int) -> Token | None:
        """The token covering (or nearest before) character ``char``."""
        k = bisect.bisect_right(self.starts, char) - 1
        return self.doc[k] if k >= 0 else None


class Quotations:
    """The quotations of a text in order of their opening marks, with where each opens, so
    a step reads only those that can meet a span (the longest bounds how far back)."""

    def __init__(self, quotes: Sequence[QuotedSpan]) -> None:
        self.all = quotes
        self.opens = [q.open for q in quotes]
        self.reach = max((q.close - q.open for q in quotes), default=0)

    def opening(self, lo: int, hi: int) -> Sequence[QuotedSpan]:
        """The quotations that open in [lo, hi], in order."""
        return self.all[bisect.bisect_left(self.opens, lo):bisect.bisect_right(self.opens, hi)]


@dataclass(frozen=True)
class _Found:
    """A quote before it becomes a record: content span, kind and its reporting act."""

    start: int
    end: int
    kind: QuoteKind
    act: CueMatch | None


# ---------------------------------------------------------------- helpers


def quoted_lookup(spans: Sequence[QuotedSpan]) -> Callable[[int], bool]:
    """Whether a character offset lies inside some quotation (marks included)."""
    starts = [q.open for q in spans]

    def quoted(pos: int) -> bool:
        k = bisect.bisect_right(starts, pos) - 1
        while k >= 0:
            q = spans[k]
            if q.open <= pos <= q.close:
                return True
            if pos - q.open > 5000:
                break
            k -= 1
        return False

    return quoted


def _is_fill(text: str) -> bool:
    """Only punctuation, space and "that" (what separates a cue from its quotation)."""
    rest = text
    for w in _DIRECT_FILL:
        rest = rest.replace(w, " ")
    return not rest.strip(" \t\n.!?;")


def _inside(q: QuotedSpan, span: tuple[int, int]) -> bool:
    return span[0] <= q.open and q.close < span[1] + 1


def paragraph_breaks(text: str) -> list[int]:
    """Where each blank line ("\\n\\n", counted as ``str.count`` does) ends, in text order."""
    return [m.end() for m in re.finditer("\n\n", text)]


def _paragraph_of(breaks: list[int], pos: int) -> int:
    """How many blank lines come before ``pos``."""
    return bisect.bisect_right(breaks, pos)


# ---------------------------------------------------------------- speakers


def speaker_entity(doc: Doc, head: Token, lex: CueLexicon) -> str | None:
    """Entity id named by the source phrase headed by ``head``, or None."""
    ent = entity_of(doc, head)
    if ent is not None:
        return ent
    for c in head.children:
        # "Ukraine’s economy minister, Yulia Svyrydenko, said"
        if c.dep_ == "appos" and (ent := entity_of(doc, c)) is not None:
            return ent
    if head.lemma_.lower() in lex.channels:
        # "a statement from the ministry said", "the Kremlin's statement said"
        for c in head.children:
            if c.dep_ == "poss" and (ent := entity_of(doc, c)) is not None:
                return ent
            if c.dep_ == "prep" and c.lower_ in ("from", "by", "of"):
                for p in c.children:
                    if p.dep_ == "pobj" and (ent := entity_of(doc, p)) is not None:
                        return ent
    return None


# ---------------------------------------------------------------- quotation ↔ acts


def _direct_content(text: str, act: CueMatch, quotes: Quotations) -> QuotedSpan | None:
    """The quotation that is the whole of the act's content, if there is one."""
    s, e = act.content
    for q in quotes.opening(s - 1 - quotes.reach, e):
        if q.close < s - 1 or q.open > e:
            continue
        lo, hi = min(s, q.start), max(e, q.end)
        if _is_fill(text[lo:q.start]) and _is_fill(text[q.end:hi]):
            return q
    return None


def _is_title(ctx: _Context, q: QuotedSpan) -> bool:
    """The quotation is set off by a comma after a noun of a titled work ("In his 2002
    book, “Make Your Kid a Millionaire,” he …")."""
    lead = ctx.token_at(q.open - 1) if q.open else None
    return lead is not None and lead.text == "," and lead.i > 0 \
        and ctx.doc[lead.i - 1].lemma_.lower() in ctx.lex.work_nouns


def _crossed_quotation(ctx: _Context, act: CueMatch, quotes: Quotations
                       ) -> QuotedSpan | None:
    """The quotation whose marks the act's content crosses, if any: content that starts
    inside it and runs on past its close (“We will not give up,” before leaving the
    stage, parsed as one clause), or a fronted phrase and a comma before a quotation
    whose cue follows it (As for complexity, “it is …,” said Kamin; or a title: In his
    book, “Make Your Kid a Millionaire,” he suggested …). The quotation alone is what
    was said, unless it is a title. Not crossed: a subject before a quotation (The
    country “has changed,” he said) or a cue before it (said the row was
    “regrettable”), which are indirect quotes with a quoted part."""
    s, e = act.content
    for q in quotes.opening(s - quotes.reach, e):
        if q.open < s <= q.end < e:
            return q
        if s < q.open < e <= q.end and act.cue[0] > q.close \
                and ctx.text[s:q.open].rstrip(" \n'\"‘“«„").endswith(","):
            return q
    return None


def _quote_out_of_source(text: str, act: CueMatch, quotes: Quotations) -> CueMatch:
    """“…,” Trump, the frontrunner, said: a parse that puts the quotation into the
    subject. The quotation is the content; the source starts after it."""
    if act.source is None:
        return act
    s, e = act.source
    for q in quotes.opening(s, e):
        if s <= q.open < e and q.close < e and text[q.close - 1:q.close] in _PUNCT_AROUND_QUOTE:
            rest = q.close + 1
            while rest < e and (text[rest].isspace() or text[rest] in ",:"):
                rest += 1
            if rest < e:
                return replace(act, content=(q.start, q.end), source=(rest, e))
    return act


def _continuation_after(text: str, act: CueMatch, q: QuotedSpan,
                        quotes: Quotations) -> QuotedSpan | None:
    """The second half of a quote split by its cue: “…,” she said, “…”."""
    tail = max(act.cue[1], act.source[1] if act.source else 0)
    if q.close > tail:
        return None
    for r in quotes.opening(tail, len(text)):
        if r.family == q.family:
            gap = text[tail:r.open]
            if gap.strip() in (",", ":", "") and "\n" not in gap:
                return r
            return None
    return None


def _adjacent_cue(ctx: _Context, q: QuotedSpan, acts_by_token: dict[int, CueMatch],
                  next_sentence: bool = True) -> Token | None:
    """A speech verb right after (“…,” Trump said) or before (said: “…”) the quotation;
    with ``next_sentence``, also a bare "X said." parsed as the next sentence."""
    doc, text, lex = ctx.doc, ctx.text, ctx.lex
    lead = ctx.token_at(q.open - 1) if q.open else None
    if lead is not None and (lead.dep_ in ("poss", "case") or lead.pos_ in ("DET", "ADJ", "ADP")):
        # "Fox News channel’s “Sunday Morning Futures,”", "on this weekend’s broadcast of
        # “Fox News Sunday,”": a title, not an utterance
        return None
    if _is_title(ctx, q):
        return None
    after = ctx.token_at(q.close)
    if after is not None and text[q.close - 1: q.close] in _PUNCT_AROUND_QUOTE:
        words = [t for t in doc[after.i + 1: after.i + 1 + ADJACENT_TOKENS] if not t.is_space]
        sent = ctx.sent_of[words[0].i] if words else -1
        # "“…?” Scarborough continued.": the parser may start a new sentence after a
        # quotation; its cue is then a bare "X said" (no content of its own) after a
        # quotation that is a whole sentence
        new_sentence = sent != ctx.sent_of[after.i]
        if new_sentence and not (next_sentence and _opens_sentence(ctx, q, 0)):
            words = []
        for tok in words:
            if tok.is_quote or ctx.sent_of[tok.i] != sent:
                break
            verb = tok if _speech_verb(tok, lex) else None
            if verb is None and not tok.is_punct:
                # “…,” Trump, the frontrunner in South Carolina, said: the subject's verb
                verb = _verb_of_subject(tok)
                if verb is None or not _speech_verb(verb, lex) or ctx.sent_of[verb.i] != sent:
                    break
            if verb is None:
                continue
            if new_sentence and (verb.i in acts_by_token or any(
                    c.dep_ in ("ccomp", "xcomp", "dobj") for c in verb.children)):
                break
            return verb
    before = ctx.token_at(q.open)
    if before is not None:
        window = doc[max(0, before.i - ADJACENT_TOKENS): before.i]
        prev = [t for t in window if not t.is_space]
        if prev and prev[-1].text in (",", ":"):
            for tok in reversed(prev):
                if tok.is_quote or tok.text in ".!?":
                    break
                if _speech_verb(tok, lex) and (tok.i not in acts_by_token
                                                or _free_act(acts_by_token[tok.i], q)):
                    return tok
            if prev[-1].text == ":":
                # "released the following statement: “…”": whatever verb announces it
                verb = prev[-1].head
                if verb.pos_ == "VERB" and verb.lemma_.lower() not in lex.not_cues and \
                        verb.i < prev[-1].i and verb.i not in acts_by_token:
                    return verb
    return None


def _dash_signature(ctx: _Context, q: QuotedSpan) -> CueMatch | None:
    """“…” ― Sonya Herridge: a quotation signed with a dash and a name (up to
    ``SIGNATURE_TOKENS`` proper nouns) that ends its line, sentence, or runs into the
    next quotation."""
    text = ctx.text
    k = q.close + 1
    while k < len(text) and text[k] in " \t\xa0":
        k += 1
    if k >= len(text) or text[k] not in _SIGNATURE_DASHES:
        return None
    dash = ctx.token_at(k)  # the tokenizer may glue the dash to the closing mark: ”―
    if dash is None or not dash.idx <= k < dash.idx + len(dash.text):
        return None
    name: list[Token] = []
    end = dash.i + 2 + SIGNATURE_TOKENS
    for tok in ctx.doc[dash.i + 1: end]:
        if tok.is_space and "\n" not in tok.text:
            continue
        glued = bool(name) and tok.text in (".", "-") and not tok.whitespace_ \
            and tok.idx == name[-1].idx + len(name[-1].text)  # "Holtz-Eakin", "Jr."
        if tok.pos_ == "PROPN" or glued:
            name.append(tok)
            continue
        # the name ends at a line end, a quotation mark or the end of its sentence
        if name and (tok.is_space or tok.is_quote or tok.text in (".", ";") or tok.is_sent_start):
            break
        return None
    else:
        if end <= len(ctx.doc):
            return None  # longer than a name
    if not name:
        return None
    while name[-1].pos_ != "PROPN":
        name.pop()
    return CueMatch((k, k + 1), dash.i, (q.start, q.end), "signature",
                    (name[0].idx, name[-1].idx + len(name[-1].text)), name[-1].i)


def _verb_of_subject(tok: Token) -> Token | None:
    """The verb whose subject phrase ``tok`` is part of, if any."""
    while tok.head.i != tok.i:
        if tok.dep_ in ("nsubj", "nsubjpass"):
            return tok.head
        if tok.head.pos_ in ("VERB", "AUX"):
            return None
        tok = tok.head
    return None


def _free_act(act: CueMatch, q: QuotedSpan) -> bool:
    """The act found no content of its own before the quotation (its content is the quote)."""
    return act.content[1] <= q.open + 1 or act.content[0] >= q.open


def _speech_verb(tok: Token, lex: CueLexicon) -> bool:
    """A verb that may report a quotation: listed with a clause, or mined ("shot back")."""
    return tok.pos_ in ("VERB", "AUX") and "clause" in lex.verbs.get(tok.lemma_.lower(), ())


# ---------------------------------------------------------------- extraction


def _attach(ctx: _Context, quotes: Sequence[QuotedSpan], acts: list[CueMatch],
            quoted: Callable[[int], bool]) -> list[_Found]:
    text = ctx.text
    found: list[_Found] = []
    claimed: set[QuotedSpan] = set()
    first_direct: dict[int, int] = {}  # start -> index in found of the first direct quote
    qs = Quotations(quotes)

    def add(f: _Found) -> None:
        if f.kind == "direct":
            first_direct.setdefault(f.start, len(found))
        found.append(f)

    def direct(act: CueMatch, q: QuotedSpan) -> _Found:
        """The direct quote ``q`` of ``act``, with the part after the cue if it is split."""
        claimed.add(q)
        end = q.end
        # a signed quotation is whole: the quotation after the name is someone else's
        nxt = None if act.pattern == "signature" else _continuation_after(text, act, q, qs)
        if nxt is not None and nxt not in claimed:
            claimed.add(nxt)
            end = nxt.end
        f = _Found(q.start, end, "direct", replace(act, content=(q.start, end)))
        add(f)
        return f

    for act in acts:
        act = _quote_out_of_source(text, act, qs)
        if act.pattern == "colon" and transcript_label(ctx.doc[act.cue_token], text):
            # a speaker's line in a quoted transcript ('"PENCE: Well, …') is what they said
            add(_Found(*act.content, "direct", act))
            claimed.update(q for q in quotes if q.open < act.cue[0] and act.content[1] <= q.close)
            continue
        q = _direct_content(text, act, qs) or _crossed_quotation(ctx, act, qs)
        if q is not None and _is_title(ctx, q):
            continue  # a title read as the act's clause: no content of its own
        if q is not None and q not in claimed:
            direct(act, q)
        else:
            add(_Found(*act.content, "indirect", act))
    by_token = {a.cue_token: a for a in acts}
    breaks = paragraph_breaks(text)
    # quotations inside an indirect content: partial quotes of that speaker
    for f in list(found):
        if f.kind != "indirect" or f.act is None:
            continue
        for q in qs.opening(f.start, f.end):
            if q not in claimed and _inside(q, (f.start, f.end)):
                claimed.add(q)
                add(_Found(q.start, q.end, "partial", f.act))
    last_direct: _Found | None = None
    last_at = -1  # index of last_direct in found
    for q in quotes:
        if q in claimed or any(c.open < q.open and q.close < c.close for c in claimed):
            if q in claimed and q.start in first_direct:
                last_at = first_direct[q.start]
                last_direct = found[last_at]
            continue
        carry = last_direct is not None and _opens_sentence(ctx, q) and \
            q.open - last_direct.end <= CARRY_GAP_CHARS
        paragraphs = _paragraph_of(breaks, q.open) - _paragraph_of(breaks, last_direct.end) \
            if last_direct is not None else 2
        # a bare "X said." after the quotation, parsed as a sentence of its own, is its cue
        # unless the quotation goes on with the previous quote in the same paragraph
        verb = _adjacent_cue(ctx, q, by_token, next_sentence=not (carry and paragraphs == 0))
        signed = _dash_signature(ctx, q) if verb is None else None
        if signed is not None:
            last_direct, last_at = direct(signed, q), len(found) - 1
            continue
        if verb is not None:
            last_direct = direct(
                _quote_out_of_source(text, verb_act(verb, (q.start, q.end), quoted), qs), q)
            last_at = len(found) - 1
            continue
        if last_direct is not None and carry and paragraphs <= 1:
            # a quotation opening a sentence with no cue: the previous speaker goes on, and
            # the quote runs on over it (one act of speech, as the corpora annotate it, like
            # a quote whose marks run over paragraphs)
            claimed.add(q)
            prev = last_direct.act
            f = replace(last_direct, end=q.end, act=None if prev is None else
                        replace(prev, content=(prev.content[0], q.end)))
            found[last_at] = f
            last_direct = f
    return found


def _opens_sentence(ctx: _Context, q: QuotedSpan, min_chars: int = 20) -> bool:
    """The quotation (of more than ``min_chars``) is the first thing in its sentence."""
    first = ctx.token_at(q.open)
    if first is None or q.end - q.start <= min_chars:
        return False
    sent = ctx.sent_of[first.i]
    k = first.i - 1
    while k >= 0 and ctx.sent_of[k] == sent:
        if not ctx.doc[k].is_space:
            return False
        k -= 1
    return True


def _record(ctx: _Context, f: _Found) -> Quote:
    doc, text, lex = ctx.doc, ctx.text, ctx.lex
    act = f.act
    speaker = speaker_text = None
    cue = None
    if act is not None:
        if act.source is not None:
            speaker_text = text[act.source[0]:act.source[1]]
        if act.source_token is not None:
            speaker = speaker_entity(doc, doc[act.source_token], lex)
        cue = TextSpan(start=act.cue[0], end=act.cue[1], text=text[act.cue[0]:act.cue[1]])
    return Quote(start=f.start, end=f.end, text=text[f.start:f.end], kind=f.kind,
                 speaker=speaker, speaker_text=speaker_text, cue=cue)


def extract_quotes(doc: Doc, lexicon: CueLexicon | None = None,
                   model: CueModel | Literal["default"] | None = "default") -> list[Quote]:
    """Direct, partial and indirect quotes of a parsed Doc, in text order.

    ``model`` decides which verbs are cues: the shipped :func:`.cue_model.cue_model` by
    default, None for the lexicon alone.
    """
    ctx = _Context.of(doc, lexicon or cue_lexicon())
    quotes = quoted_spans(ctx.text)
    quoted = quoted_lookup(quotes)
    acts = find_cues(doc, ctx.lex, quoted, ctx.text, cue_model() if model == "default" else model)
    found = _attach(ctx, quotes, acts, quoted)
    out: dict[tuple[int, int], Quote] = {}
    for f in sorted(found, key=lambda f: (f.start, -f.end)):
        if f.end > f.start and (f.start, f.end) not in out:
            out[(f.start, f.end)] = _record(ctx, f)
    return list(out.values())


# ---------------------------------------------------------------- attribution lookup


def attribution_for(quotes: Sequence[Quote], start_char: int, end_char: int) -> str | None:
    """Speaker entity id of the innermost quote whose content contains [start_char, end_char).

    Used to fill ``Event.attributed_to``: an event whose trigger lies inside
    what someone said is on that speaker's word. Quotes without a resolved
    speaker are skipped in favour of an enclosing one; None if no quote
    with a speaker contains the span. For many look-ups, build :class:`QuoteSpeakers` once.
    """
    return QuoteSpeakers(quotes).speaker_at(start_char, end_char)


class QuoteSpeakers:
    """The quotes with a speaker, indexed by where they start, for :func:`attribution_for`
    look-ups that only read the quotes that can contain the span."""

    def __init__(self, quotes: Sequence[Quote]) -> None:
        said = sorted(((q.start, k, q) for k, q in enumerate(quotes) if q.speaker is not None),
                      key=lambda x: (x[0], x[1]))
        self.starts = [start for start, _, _ in said]
        self.quotes = [(k, q) for _, k, q in said]
        self.reach = max((q.end - q.start for _, q in self.quotes), default=0)

    def speaker_at(self, start_char: int, end_char: int) -> str | None:
        """The speaker of the innermost containing quote (the first one listed if two are
        as long), or None."""
        lo = bisect.bisect_left(self.starts, end_char - self.reach)
        hi = bisect.bisect_right(self.starts, start_char)
        inside = [(q.end - q.start, k, q) for k, q in self.quotes[lo:hi] if end_char <= q.end]
        return min(inside, key=lambda x: (x[0], x[1]))[2].speaker if inside else None
