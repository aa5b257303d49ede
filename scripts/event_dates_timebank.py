"""Score storyline's event dates against TimeBank's event–time links.

TimeML anchors an event to a time expression with a TLINK: ``IS_INCLUDED``,
``DURING``, ``SIMULTANEOUS`` or ``IDENTITY`` (and the inverse ``INCLUDES`` … read
from the time's side) says the event happened within that time, the document
creation time (DCT) included. Each storyline event whose trigger overlaps a
TimeBank ``EVENT`` that is so anchored to a calendar-valued DATE or TIME is a
judged case: its date is right when it equals (cut to days, as event dates are)
one of the values the event is anchored to. Events with no such link are not
judged (a gold ``null`` is not checked in the article scorer either).

``--every-event`` judges the dating rules alone on every anchored TimeBank event
whose first token is a verb or noun, not only the events storyline codes: each is
dated by :func:`storyline.extractors.events.dates.event_date` as if it were an
event trigger (no carrier verb, status not read; a REPORTING event is a
statement), which gives many more cases. The time expressions are storyline's,
so a value the time tagger resolves otherwise than the gold counts as wrong too.

Parts (fixed by a hash of the document id, :func:`storyline.eval.splits.
is_validation_record`, about 30 % validation): ``tuning`` and ``validation`` are
the TimeBank documents, ``aquaint`` is the AQUAINT corpus (validation too).
Errors (``--errors``) are printed for the tuning part only.

    python scripts/event_dates_timebank.py --part tuning [--every-event] [--errors]
"""

from __future__ import annotations

import argparse
import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from storyline.eval.splits import is_validation_record  # noqa: E402
from storyline.eval.timeml import text_and_elements  # noqa: E402

#: relations that put an event within a time (event REL time)
ANCHORING = frozenset({"IS_INCLUDED", "DURING", "SIMULTANEOUS", "IDENTITY"})
#: the same relations read from the time's side (time REL event)
ANCHORING_INVERSE = frozenset({"INCLUDES", "DURING_INV", "SIMULTANEOUS", "IDENTITY"})
_CALENDAR = re.compile(r"^\d{4}(?:-(?:\d{2}(?:-\d{2})?|W\d{2}|Q\d))?(?:T.*)?$|^\d{2,3}X?$")
_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})T")
#: a parsed document, and an output span (start, end, …)
D = TypeVar("D")
S = TypeVar("S", bound=tuple[Any, ...])


@dataclass(frozen=True)
class GoldEvent:
    """A TimeBank EVENT (character offsets into the text) and the calendar values of
    the times it is anchored to (days, as event dates are)."""

    eid: str
    start: int
    end: int
    text: str
    anchors: frozenset[str]
    cls: str = ""


@dataclass(frozen=True)
class TimebankDoc:
    """One TimeML document: text, creation day and its anchored events."""

    id: str
    text: str
    dct: str | None
    events: tuple[GoldEvent, ...]


def _day(value: str) -> str:
    m = _DAY.match(value)
    return m.group(1) if m else value


@dataclass(frozen=True)
class TimemlMarkup:
    """What both TimeBank measures read from one document: the parsed tree, the text as
    ``storyline eval timeml`` reads it (the ``<TEXT>`` element with its tags stripped),
    each EVENT element with its offsets, and the creation day."""

    root: ET.Element
    text: str
    events: dict[str, tuple[ET.Element, int, int]]
    dct: str | None


def read_markup(source: str) -> TimemlMarkup:
    """A :class:`TimemlMarkup` from TimeML markup."""
    root = ET.fromstring(source)
    text, elements = text_and_elements(root)
    events = {el.get("eid", ""): (el, start, end) for el, start, end in elements
              if el.tag == "EVENT" and el.get("eid")}
    dct = next((_day(el.get("value") or "") for el in root.iter("TIMEX3")
                if el.get("functionInDocument") == "CREATION_TIME"), None)
    return TimemlMarkup(root, text, events, dct)


def parse_events(source: str, doc_id: str = "document") -> TimebankDoc:
    """A :class:`TimebankDoc` from TimeML markup (text as ``storyline eval timeml``
    reads it: the ``<TEXT>`` element with its tags stripped)."""
    doc = read_markup(source)
    root, text = doc.root, doc.text
    times: dict[str, str] = {}
    for el in root.iter("TIMEX3"):
        value, tid = el.get("value") or "", el.get("tid") or ""
        if el.get("type") in {"DATE", "TIME"} and _CALENDAR.match(value):
            times[tid] = _day(value)
    instance = {el.get("eiid", ""): el.get("eventID", "") for el in root.iter("MAKEINSTANCE")}
    anchors: dict[str, set[str]] = {}
    for link in root.iter("TLINK"):
        rel = link.get("relType", "")
        eiid, tid = link.get("eventInstanceID"), link.get("relatedToTime")
        if eiid and tid and rel in ANCHORING and tid in times:
            anchors.setdefault(instance.get(eiid, ""), set()).add(times[tid])
        tid, eiid = link.get("timeID"), link.get("relatedToEventInstance")
        if eiid and tid and rel in ANCHORING_INVERSE and tid in times:
            anchors.setdefault(instance.get(eiid, ""), set()).add(times[tid])
    events = tuple(GoldEvent(eid, s, e, text[s:e], frozenset(anchors[eid]), el.get("class", ""))
                   for eid, (el, s, e) in sorted(doc.events.items(), key=lambda kv: kv[1][1:])
                   if anchors.get(eid))
    return TimebankDoc(doc_id, text, doc.dct, events)


def part_of(folder: str, doc_id: str) -> str:
    """The part a document belongs to: ``aquaint`` for that corpus, else by the hash."""
    if folder == "AQUAINT":
        return "aquaint"
    return "validation" if is_validation_record(doc_id) else "tuning"


def load_part(timebank: Path, part: str, parse: Callable[[str, str], D] = parse_events) -> list[D]:  # type: ignore[assignment]
    """The documents of one part (``tuning``, ``validation`` or ``aquaint``), each read
    by ``parse`` (markup, document id)."""
    folder = "AQUAINT" if part == "aquaint" else "TimeBank"
    out = []
    for path in sorted((timebank / folder).glob("*.tml")):
        if part_of(folder, path.stem) == part:
            out.append(parse(path.read_text(encoding="utf-8"), path.stem))
    return out


def first_overlap(spans: Sequence[S], start: int, end: int) -> S | None:
    """The first output span (start, end, …) that overlaps the gold span."""
    return next((s for s in spans if s[0] < end and start < s[1]), None)


def context(text: str, start: int, end: int) -> str:
    """The text around a gold event, on one line, for an error listing."""
    return text[max(0, start - 90):end + 60].replace("\n", " ")


def parse_args(description: str, every_help: str) -> argparse.Namespace | None:
    """The options the TimeBank measures share, or None (after saying why) when the
    corpus is missing or errors are asked of a validation part."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--timebank", type=Path, default=ROOT.parent / "shared" / "data" / "timebank")
    ap.add_argument("--part", choices=["tuning", "validation", "aquaint"], default="tuning")
    ap.add_argument("--every-event", action="store_true", help=every_help)
    ap.add_argument("--errors", action="store_true", help="list wrong cases (tuning part only)")
    args = ap.parse_args()
    if not (args.timebank / "TimeBank").is_dir():
        print(f"no TimeBank under {args.timebank}", file=sys.stderr)
        return None
    if args.errors and args.part != "tuning":
        print("errors are read from the tuning part only", file=sys.stderr)
        return None
    return args


@dataclass(frozen=True)
class Judged:
    """One judged case: the gold event, storyline's date and where it came from."""

    doc: str
    event: GoldEvent
    date: str | None
    source: str | None
    dct: str | None

    @property
    def right(self) -> bool:
        return self.date is not None and self.date in self.event.anchors


def judge(doc: TimebankDoc, spans: list[tuple[int, int, str | None, str | None]]) -> list[Judged]:
    """Cases of one document: each output (start, end, date, date source) that overlaps
    an anchored gold event (the first overlapping output per gold event)."""
    out = []
    for ev in doc.events:
        hit = first_overlap(spans, ev.start, ev.end)
        if hit is not None:
            out.append(Judged(doc.id, ev, hit[2], hit[3], doc.dct))
    return out


def _storyline_cases(docs: list[TimebankDoc], every_event: bool) -> list[Judged]:
    from datetime import date

    from storyline.extractors.events.dates import (
        DatingContext,
        anchor_clauses,
        date_anchors,
        event_date,
    )
    from storyline.nlp import load_pipeline, make_doc, process

    nlp = load_pipeline()
    cases: list[Judged] = []
    for d in docs:
        published = date.fromisoformat(d.dct) if d.dct and len(d.dct) == 10 else None
        doc = process(nlp, make_doc(nlp, d.text, published))
        spans: list[tuple[int, int, str | None, str | None]] = [
            (e.trigger.start, e.trigger.end, e.date, e.date_source) for e in doc._.events or []]
        if every_event:
            sents = list(doc.sents)
            sent_of = {t.i: k for k, s in enumerate(sents) for t in s}
            # every TimeBank event is a trigger, as storyline's events are: a date on
            # one ("the 1987 crash") dates that event, not the clause around it
            triggers = set()
            for s, e in [(x[0], x[1]) for x in spans] + [(ev.start, ev.end) for ev in d.events]:
                span = doc.char_span(s, e, alignment_mode="expand")
                if span is not None:
                    triggers.add(span.root.i)
            anchors = date_anchors(doc, doc._.timexes, sent_of)
            ctx = DatingContext(anchor_clauses(anchors, triggers), anchors, d.dct, frozenset())
            spans = []
            for ev in d.events:
                span = doc.char_span(ev.start, ev.end, alignment_mode="expand")
                if span is None or span.root.pos_ not in {"VERB", "NOUN"}:
                    continue
                tok = span.root
                # a reporting event is a statement, as storyline's verbal events are
                value, source = event_date(tok, None, sent_of[tok.i], ctx, False, ev.cls == "REPORTING")
                spans.append((ev.start, ev.end, value, source))
        cases.extend(judge(d, spans))
    return cases


def report(cases: list[Judged]) -> str:
    """Accuracy overall and by date source, and what the wrong dates were."""
    n = len(cases)
    right = sum(c.right for c in cases)
    lines = [f"judged {n}  right {right}  accuracy {right / n:.3f}" if n else "judged 0"]
    by_source: Counter[tuple[str, bool]] = Counter((c.source or "none", c.right) for c in cases)
    for src in sorted({s for s, _ in by_source}):
        ok, bad = by_source[(src, True)], by_source[(src, False)]
        lines.append(f"  {src:10} right {ok:4}  wrong {bad:4}")
    wrong = [c for c in cases if not c.right]
    kinds = Counter(
        "no date" if c.date is None
        else "publication day, gold another" if c.date == c.dct
        else "another date, gold the publication day" if c.dct in c.event.anchors
        else "another date" for c in wrong)
    for kind, k in kinds.most_common():
        lines.append(f"  wrong: {kind:40} {k}")
    return "\n".join(lines)


def main() -> int:
    args = parse_args(__doc__.split("\n")[0],
                      "date every anchored TimeBank event, not only storyline's events")
    if args is None:
        return 2
    docs = load_part(args.timebank, args.part)
    cases = _storyline_cases(docs, args.every_event)
    print(f"{args.part}: {len(docs)} documents, "
          f"{'every anchored event' if args.every_event else 'storyline events'}")
    print(report(cases))
    if args.errors:
        by_id = {d.id: d for d in docs}
        for c in cases:
            if not c.right:
                ctx = context(by_id[c.doc].text, c.event.start, c.event.end)
                print(f"{c.doc} {c.event.text!r} out={c.date} ({c.source}) gold={sorted(c.event.anchors)} "
                      f"dct={c.dct} | {ctx}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
