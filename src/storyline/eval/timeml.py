"""TempEval-3 style scoring of TIMEX3 expressions on TimeML corpora.

A TimeML file's text is its ``<TEXT>`` element with the tags stripped (XML
entities decoded, every other character kept); its gold expressions are the
non-empty ``TIMEX3`` elements inside, except the document creation time, whose
value (``functionInDocument="CREATION_TIME"``) is the publication date.

Measures, as in TempEval-3 (UzZaman et al. 2013):

- **strict span**: output spans exactly equal to a gold span;
- **relaxed span**: overlapping spans paired one to one, exact pairs first,
  then by largest overlap;
- **value / type**: relaxed pairs whose value (type) is right, over the
  outputs for P and over the gold for R (F1 = accuracy × relaxed F1); values
  compare as trimmed, upper-cased strings.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..record import Timex

_DCT = "CREATION_TIME"
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True)
class GoldTimex:
    """A TIMEX3 of the gold annotation (character offsets into the document text)."""

    start: int
    end: int
    text: str
    type: str | None
    value: str | None


@dataclass(frozen=True)
class TimemlDoc:
    """One TimeML document: its text, creation date and gold expressions."""

    id: str
    text: str
    published: date | None
    timexes: tuple[GoldTimex, ...]


def _creation_date(root: ET.Element) -> date | None:
    for el in root.iter("TIMEX3"):
        if el.get("functionInDocument") == _DCT:
            m = _DATE.match(el.get("value") or "")
            if not m:
                return None
            try:
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                return None
    return None


def parse_timeml(source: str | Path, doc_id: str | None = None) -> TimemlDoc:
    """A :class:`TimemlDoc` from a TimeML file path or a TimeML string.

    Raises ``ValueError`` (or ``xml.etree.ElementTree.ParseError``) for a file
    that is not TimeML.
    """
    is_markup = isinstance(source, str) and source.lstrip().startswith("<")
    if not is_markup:
        root = ET.parse(source).getroot()
        doc_id = doc_id or Path(source).stem
    else:
        root = ET.fromstring(str(source))
    text, elements = text_and_elements(root)
    timexes = tuple(GoldTimex(start, end, text[start:end], el.get("type"), el.get("value"))
                    for el, start, end in elements
                    if el.tag == "TIMEX3" and el.get("functionInDocument") != _DCT and end > start)
    return TimemlDoc(doc_id or "document", text, _creation_date(root), timexes)


def text_and_elements(root: ET.Element) -> tuple[str, list[tuple[ET.Element, int, int]]]:
    """The text of a TimeML document's ``<TEXT>`` element with its tags stripped, and
    every element inside it with its character offsets into that text (in the order
    the elements close). Raises ``ValueError`` without a ``<TEXT>`` element."""
    body = root if root.tag == "TEXT" else root.find(".//TEXT")
    if body is None:
        raise ValueError("no <TEXT> element")
    pieces: list[str] = []
    elements: list[tuple[ET.Element, int, int]] = []

    def walk(el: ET.Element, offset: int) -> int:
        # depth-first, keeping each element's text, its children and their tails in order
        if el.text:
            pieces.append(el.text)
            offset += len(el.text)
        for child in el:
            start = offset
            offset = walk(child, offset)
            elements.append((child, start, offset))
            if child.tail:
                pieces.append(child.tail)
                offset += len(child.tail)
        return offset

    walk(body, 0)
    return "".join(pieces), elements


def load_corpus(folder: str | Path, limit: int | None = None) -> tuple[list[TimemlDoc], list[str]]:
    """Every ``.tml`` file under ``folder`` (sorted by path; ids are relative paths
    without ``.tml``), and one message per file that could not be read."""
    root = Path(folder)
    paths = sorted(Path(d) / n for d, _, names in os.walk(root)
                   for n in names if n.endswith(".tml"))
    if limit:
        paths = paths[:limit]
    docs, problems = [], []
    for path in paths:
        doc_id = path.relative_to(root).with_suffix("").as_posix()
        try:
            docs.append(parse_timeml(path, doc_id))
        except (ET.ParseError, ValueError, OSError) as exc:
            problems.append(f"{path}: {exc}")
    return docs, problems


def _same(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and a.strip().upper() == b.strip().upper()


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def relaxed_pairs(gold: Sequence[tuple[int, int]], output: Sequence[tuple[int, int]]
                  ) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, output index) of overlapping spans: exact
    matches first, then the largest overlaps (ties: earlier gold, earlier output)."""
    scored = sorted(
        ((g == o, _overlap(g, o), i, j) for i, g in enumerate(gold) for j, o in enumerate(output)
         if _overlap(g, o) > 0),
        key=lambda t: (not t[0], -t[1], t[2], t[3]))
    used_gold: set[int] = set()
    used_out: set[int] = set()
    pairs = []
    for _, _, i, j in scored:
        if i not in used_gold and j not in used_out:
            used_gold.add(i)
            used_out.add(j)
            pairs.append((i, j))
    return pairs


@dataclass
class Counts:
    """Match counts over one or more documents."""

    gold: int = 0
    output: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    type: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.gold + other.gold, self.output + other.output,
                      self.strict + other.strict, self.relaxed + other.relaxed,
                      self.value + other.value, self.type + other.type)

    def prf(self, correct: int) -> tuple[float | None, float | None, float | None]:
        """Precision, recall, F1 of ``correct`` matches (None where undefined; F1 is
        0, not undefined, when there is gold but nothing right)."""
        p = correct / self.output if self.output else None
        r = correct / self.gold if self.gold else None
        if p is None and r is None:
            return None, None, None
        f = 2 * p * r / (p + r) if p and r else 0.0
        return p, r, f

    @property
    def value_accuracy(self) -> float | None:
        return self.value / self.relaxed if self.relaxed else None

    @property
    def type_accuracy(self) -> float | None:
        return self.type / self.relaxed if self.relaxed else None


@dataclass
class DocResult:
    """The score of one document, with what went wrong (for error listings)."""

    doc: TimemlDoc
    output: list[Timex]
    counts: Counts
    missed: list[GoldTimex] = field(default_factory=list)
    spurious: list[Timex] = field(default_factory=list)
    wrong_value: list[tuple[GoldTimex, Timex]] = field(default_factory=list)
    wrong_span: list[tuple[GoldTimex, Timex]] = field(default_factory=list)
    error: str | None = None


def score_document(doc: TimemlDoc, output: Sequence[Timex], error: str | None = None) -> DocResult:
    """Compare one document's output expressions with its gold."""
    gold_spans = [(g.start, g.end) for g in doc.timexes]
    out_spans = [(t.start, t.end) for t in output]
    strict = sum((Counter(gold_spans) & Counter(out_spans)).values())
    pairs = relaxed_pairs(gold_spans, out_spans)
    result = DocResult(doc, list(output), Counts(len(gold_spans), len(out_spans), strict,
                                                 len(pairs)), error=error)
    for i, j in pairs:
        g, o = doc.timexes[i], output[j]
        if _same(g.value, o.value):
            result.counts.value += 1
        else:
            result.wrong_value.append((g, o))
        if _same(g.type, o.type):
            result.counts.type += 1
        if (g.start, g.end) != (o.start, o.end):
            result.wrong_span.append((g, o))
    paired_gold = {i for i, _ in pairs}
    paired_out = {j for _, j in pairs}
    result.missed = [g for i, g in enumerate(doc.timexes) if i not in paired_gold]
    result.spurious = [o for j, o in enumerate(output) if j not in paired_out]
    return result


def run(docs: Iterable[TimemlDoc], *, model: str | None = None, nlp: object | None = None,
        batch_size: int | None = None) -> Iterator[DocResult]:
    """Extract every document with storyline and score it (in input order)."""
    from ..article import extract_many
    from ..errors import StorylineError
    from ..sources.base import ArticleInput

    docs = list(docs)
    items = [ArticleInput(text=d.text, source=d.id, id=d.id, published=d.published,
                          published_source="timeml" if d.published else None) for d in docs]
    results = extract_many(items, model=model, nlp=nlp, batch_size=batch_size)  # type: ignore[arg-type]
    for doc, record in zip(docs, results, strict=True):
        if isinstance(record, StorylineError):
            yield score_document(doc, [], error=record.describe())
        else:
            yield score_document(doc, record.timexes)


def _fmt(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.3f}"


def report(name: str, counts: Counts, documents: int) -> str:
    """A TempEval-3 style table for one corpus, ending with a one-line summary."""
    rows = [
        ("strict span", counts.strict, counts.prf(counts.strict), ""),
        ("relaxed span", counts.relaxed, counts.prf(counts.relaxed), "overlap, one-to-one"),
        ("value", counts.value, counts.prf(counts.value),
         f"accuracy over relaxed matches {_fmt(counts.value_accuracy)}"),
        ("type", counts.type, counts.prf(counts.type),
         f"accuracy over relaxed matches {_fmt(counts.type_accuracy)}"),
    ]
    lines = [f"== {name}: {documents} documents, {counts.gold} gold timexes, "
             f"{counts.output} output timexes ==",
             f"{'measure':<14}{'correct':>8}{'P':>8}{'R':>8}{'F1':>8}  notes"]
    for label, correct, (p, r, f), note in rows:
        row = f"{label:<14}{correct:>8}{_fmt(p):>8}{_fmt(r):>8}{_fmt(f):>8}  {note}"
        lines.append(row.rstrip())
    lines.append(summary(counts))
    return "\n".join(lines)


def summary(counts: Counts) -> str:
    """The machine-readable last line, in the shared scorer's format."""
    f = {k: counts.prf(getattr(counts, k))[2] for k in ("strict", "relaxed", "value", "type")}
    return (f"timeml: strictF1={_fmt(f['strict'])} relaxedF1={_fmt(f['relaxed'])} "
            f"valueF1={_fmt(f['value'])} typeF1={_fmt(f['type'])}")


def error_lines(result: DocResult, context: int = 40) -> Iterator[str]:
    """One line per miss, spurious output, wrong value or wrong span, with context."""
    text = result.doc.text

    def ctx(start: int, end: int) -> str:
        snippet = text[max(0, start - context):start] + "[[" + text[start:end] + "]]" + \
            text[end:end + context]
        return " ".join(snippet.split())

    did = result.doc.id
    if result.error:
        yield f"{did}\tERROR\t{result.error}"
    for g in result.missed:
        yield f"{did}\tMISSED\t{g.type} {g.value}\t{ctx(g.start, g.end)}"
    for o in result.spurious:
        yield f"{did}\tSPURIOUS\t{o.type} {o.value}\t{ctx(o.start, o.end)}"
    for g, o in result.wrong_value:
        yield f"{did}\tVALUE\t{g.value} -> {o.value}\t{ctx(g.start, g.end)}"
    for g, o in result.wrong_span:
        yield f"{did}\tSPAN\t{g.text!r} -> {o.text!r}\t{ctx(o.start, o.end)}"
