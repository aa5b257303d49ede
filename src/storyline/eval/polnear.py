"""Scoring quotes against PolNeAR attribution annotations (brat standoff).

PolNeAR (Newell, Margolin & Ruths 2018) marks every attribution of a news
text with a Source, a Cue and a Content span (Content may be discontinuous,
and a second ``Content2`` argument is part of the same content). A corpus
folder holds ``text/<article>.txt`` and ``attributions/<article>_<annotator>.ann``;
the first annotation file of an article (by name) is the gold.

Measures (the yardstick of ``../shared/eval``, implemented here independently):

* content **exact**: the gold extent equals the quote span once both are
  trimmed of space, quotation marks and punctuation;
* content **jaccard** ≥ 0.5 over ``\\w+`` tokens;
* content **overlap**: any shared character;

each as a one-to-one pairing (best pairs first). Cue and source are judged on
the overlap pairs: a cue is right when it overlaps the gold cue; the source
is located as the occurrence of ``speaker_text`` nearest the cue (whole
words; exact case first), else the speaker entity's nearest mention, and is
right when it overlaps the gold source. Precision divides by the outputs that
have the component, recall by the gold items that have it. A partial quote
inside another output quote that is not partial (the SPEC's quoted fragment
of reported speech) is left out, as PolNeAR annotates only the enclosing
attribution; ``Counts.nested`` counts them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..record import ArticleRecord, Quote

Span = tuple[int, int]

_TRIM = frozenset(" \t\r\n\"'`,.:;!?()[]{}-“”„‟‘’‚‛«»–—…")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Attribution:
    """One gold attribution: content segments, cue segments, source segments."""

    content: tuple[Span, ...]
    cue: tuple[Span, ...] = ()
    source: tuple[Span, ...] = ()


@dataclass(frozen=True)
class PolnearDoc:
    id: str
    text: str
    annotator: str
    attributions: tuple[Attribution, ...]


def parse_ann(text: str) -> list[Attribution]:
    """Attributions of one brat ``.ann`` file's text (events with a Content argument)."""
    spans: dict[str, list[Span]] = {}
    events: list[list[str]] = []
    for line in text.splitlines():
        cols = line.split("\t")
        if len(cols) < 2:
            continue
        if cols[0].startswith("T"):
            _label, _, offsets = cols[1].partition(" ")
            segs = []
            for seg in offsets.split(";"):
                a, b = seg.split()
                segs.append((int(a), int(b)))
            spans[cols[0]] = segs
        elif cols[0].startswith("E"):
            events.append(cols[1].split())
    out = []
    for args in events:
        roles: dict[str, list[Span]] = {"content": [], "cue": [], "source": []}
        for arg in args:
            role, _, tid = arg.partition(":")
            role = role.rstrip("0123456789").lower()  # Content2 is more content
            if role in roles and tid in spans:
                roles[role].extend(spans[tid])
        if roles["content"]:
            out.append(Attribution(tuple(roles["content"]), tuple(roles["cue"]),
                                   tuple(roles["source"])))
    return out


def load_corpus(folder: Path, limit: int | None = None) -> list[PolnearDoc]:
    """Annotated articles of a PolNeAR split folder, sorted by name."""
    docs = []
    for txt in sorted((folder / "text").glob("*.txt")):
        base = txt.stem
        anns = sorted(p for p in (folder / "attributions").glob(f"{glob_escape(base)}_*.ann")
                      if re.fullmatch(re.escape(base) + r"_[^_]+\.ann", p.name))
        if not anns:
            continue
        docs.append(PolnearDoc(base, txt.read_text(encoding="utf-8"), anns[0].stem[len(base) + 1:],
                               tuple(parse_ann(anns[0].read_text(encoding="utf-8")))))
        if limit and len(docs) >= limit:
            break
    return docs


def glob_escape(name: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", name)


# ---------------------------------------------------------------- span helpers


def overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def trim(text: str, span: Span) -> Span:
    s, e = span
    while s < e and text[s] in _TRIM:
        s += 1
    while e > s and text[e - 1] in _TRIM:
        e -= 1
    return s, e


def extent(segments: Iterable[Span]) -> Span:
    segs = list(segments)
    return min(s for s, _ in segs), max(e for _, e in segs)


def _tokens(words: Sequence[Span], segments: Iterable[Span]) -> frozenset[int]:
    return frozenset(i for i, w in enumerate(words) for s in segments if overlap(w, s))


def _gap(a: Span, b: Span) -> int:
    return 0 if overlap(a, b) else max(a[0] - b[1], b[0] - a[1], 0)


def _occurrences(text: str, needle: str) -> list[Span]:
    if not needle:
        return []
    pat = re.escape(needle)
    if needle[0].isalnum():
        pat = r"(?<!\w)" + pat
    if needle[-1].isalnum():
        pat += r"(?!\w)"
    for flags in (0, re.IGNORECASE):
        found = [(m.start(), m.end()) for m in re.finditer(pat, text, flags)]
        if found:
            return found
    return []


def _nearest(spans: Sequence[Span], anchor: Span) -> Span | None:
    return min(spans, key=lambda s: (_gap(s, anchor), s[0])) if spans else None


def _one_to_one(scored: Iterable[tuple[float, int, int]]) -> list[tuple[int, int]]:
    used_g: set[int] = set()
    used_o: set[int] = set()
    pairs = []
    for _score, g, o in sorted(scored, key=lambda x: (-x[0], x[1], x[2])):
        if g not in used_g and o not in used_o:
            used_g.add(g)
            used_o.add(o)
            pairs.append((g, o))
    return pairs


# ---------------------------------------------------------------- scoring


@dataclass
class Counts:
    """Totals over a corpus; :meth:`prf` turns them into P/R/F1."""

    gold: int = 0
    output: int = 0
    exact: int = 0
    jaccard: int = 0
    overlap: int = 0
    gold_cue: int = 0
    out_cue: int = 0
    cue_overlap: int = 0
    cue_exact: int = 0
    gold_source: int = 0
    out_source: int = 0
    source_overlap: int = 0
    nested: int = 0
    per_doc: list[tuple[str, int, int, int]] = field(default_factory=list)

    def prf(self, measure: str) -> tuple[float | None, float | None, float | None]:
        """Precision, recall, F1 of ``measure`` (content exact/jaccard/overlap, cue, source)."""
        correct, n_out, n_gold = {
            "exact": (self.exact, self.output, self.gold),
            "jaccard": (self.jaccard, self.output, self.gold),
            "overlap": (self.overlap, self.output, self.gold),
            "cue": (self.cue_overlap, self.out_cue, self.gold_cue),
            "cue_exact": (self.cue_exact, self.out_cue, self.gold_cue),
            "source": (self.source_overlap, self.out_source, self.gold_source),
        }[measure]
        p = correct / n_out if n_out else None
        r = correct / n_gold if n_gold else None
        if p is None and r is None:
            return p, r, None
        f = 2 * p * r / (p + r) if p and r else 0.0
        return p, r, f


def _source_span(record: ArticleRecord, q_index: int, anchor: Span) -> Span | None:
    q = record.quotes[q_index]
    if q.speaker_text:
        found = _nearest(_occurrences(record.text, q.speaker_text.strip()), anchor)
        if found is not None:
            return found
    if q.speaker:
        ent = next((e for e in record.entities if e.id == q.speaker), None)
        if ent is not None and ent.mentions:
            return _nearest([tuple(m) for m in ent.mentions], anchor)  # type: ignore[misc]
    return None


def _nested_partials(quotes: Sequence[Quote]) -> set[int]:
    """Partial quotes inside another output quote that is not partial: the SPEC's quoted
    fragment of reported speech ("said the row was “regrettable”"). PolNeAR annotates only
    the enclosing attribution, so the scorer leaves these out instead of counting them wrong."""
    return {j for j, q in enumerate(quotes) if q.kind == "partial" and any(
        k != j and p.kind != "partial" and p.start <= q.start and q.end <= p.end
        for k, p in enumerate(quotes))}


def score_doc(doc: PolnearDoc, record: ArticleRecord | None, counts: Counts) -> None:
    """Add one article's pairings to ``counts`` (a missing record outputs nothing)."""
    text = doc.text
    golds = doc.attributions
    quotes = list(record.quotes) if record is not None else []
    words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    outs: list[tuple[Span, Span | None, Span | None]] = []
    for k, q in enumerate(quotes):
        span = (q.start, q.end)
        cue = (q.cue.start, q.cue.end) if q.cue is not None else None
        assert record is not None
        outs.append((span, cue, _source_span(record, k, cue or span)))
    nested = _nested_partials(quotes)
    counts.nested += len(nested)
    outs = [o for k, o in enumerate(outs) if k not in nested]
    g_ext = [trim(text, extent(g.content)) for g in golds]
    o_ext = [trim(text, o[0]) for o in outs]
    g_tok = [_tokens(words, g.content) for g in golds]
    o_tok = [_tokens(words, [o[0]]) for o in outs]
    exact = [(1.0, i, j) for i in range(len(golds)) for j in range(len(outs))
             if g_ext[i] == o_ext[j]]
    jacc = []
    for i in range(len(golds)):
        for j in range(len(outs)):
            union = g_tok[i] | o_tok[j]
            score = len(g_tok[i] & o_tok[j]) / len(union) if union else 0.0
            if score >= 0.5:
                jacc.append((score, i, j))
    ov = []
    for i, g in enumerate(golds):
        for j, o in enumerate(outs):
            shared = sum(overlap(s, o[0]) for s in g.content)
            if shared:
                ov.append((shared + (2 if g_ext[i] == o_ext[j] else 1) * 10**7, i, j))
    pairs = _one_to_one(ov)
    counts.gold += len(golds)
    counts.output += len(outs)
    counts.exact += len(_one_to_one(exact))
    counts.jaccard += len(_one_to_one(jacc))
    counts.overlap += len(pairs)
    counts.gold_cue += sum(1 for g in golds if g.cue)
    counts.out_cue += sum(1 for o in outs if o[1] is not None)
    counts.gold_source += sum(1 for g in golds if g.source)
    counts.out_source += sum(1 for o in outs if o[2] is not None)
    for i, j in pairs:
        g, (_span, cue, src) = golds[i], outs[j]
        if g.cue and cue is not None:
            counts.cue_overlap += any(overlap(s, cue) for s in g.cue)
            counts.cue_exact += trim(text, extent(g.cue)) == trim(text, cue)
        if g.source and src is not None:
            counts.source_overlap += any(overlap(s, src) for s in g.source)
    counts.per_doc.append((doc.id, len(golds), len(outs), len(pairs)))


def score_corpus(docs: Sequence[PolnearDoc], records: dict[str, ArticleRecord]) -> Counts:
    """Scores of records (by article id) against the gold articles."""
    counts = Counts()
    for doc in docs:
        score_doc(doc, records.get(doc.id), counts)
    return counts


def _fmt(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.3f}"


def report(counts: Counts) -> str:
    """A table of the measures and the one-line summary (last line)."""
    rows = [("content exact", "exact"), ("content jaccard>=0.5", "jaccard"),
            ("content overlap>0", "overlap"), ("cue overlap", "cue"), ("cue exact", "cue_exact"),
            ("source overlap", "source")]
    lines = [f"{counts.gold} gold attributions, {counts.output} output quotes "
             f"({counts.nested} partial quotes nested in another quote left out)",
             f"{'measure':<22}{'P':>7}{'R':>7}{'F1':>7}"]
    for label, key in rows:
        p, r, f = counts.prf(key)
        lines.append(f"{label:<22}{_fmt(p):>7}{_fmt(r):>7}{_fmt(f):>7}")
    lines.append(
        f"polnear: contentF1(overlap)={_fmt(counts.prf('overlap')[2])} "
        f"contentF1(exact)={_fmt(counts.prf('exact')[2])} "
        f"sourceF1(overlap)={_fmt(counts.prf('source')[2])} cueF1={_fmt(counts.prf('cue')[2])}")
    return "\n".join(lines)
