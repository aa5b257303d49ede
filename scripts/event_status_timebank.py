"""Score storyline's event status against TimeBank's event instances.

TimeML marks on each event instance (``MAKEINSTANCE``) its tense, aspect, polarity
and modality, and links an event to the events that subordinate it (``SLINK``).
Where these say what the SPEC's status says, the event is a judged case. The
mapping, first match wins (the SPEC's precedence: negated before hypothetical
before planned before ongoing before occurred):

- ``polarity="NEG"`` → negated ("did not sign");
- the subordinated event of a ``COUNTER_FACTIVE`` SLINK (its governor presupposes
  it did not happen: "prevented", "forgot to", "cancelled") → negated, cancelled
  or postponed (the three statuses of an event that did not take place);
- ``modality`` would, 'd, could, might, may, should → hypothetical; for would and
  'd under an ``EVIDENTIAL`` SLINK (reported speech: "said it would sign", the
  future in the past) planned is right too;
- any other modality (can, must, have to …: ability and obligation, no SPEC
  status) → not judged;
- the condition of a ``CONDITIONAL`` SLINK ("if you hear") → hypothetical; its
  consequence → hypothetical, or planned when told in the future tense;
- ``tense="FUTURE"`` → planned ("will meet");
- ``tense="PRESENT"`` with a progressive aspect ("are fighting", "have been
  fighting") → ongoing;
- ``tense="PAST"`` (aspect none or perfective) and ``tense="PRESENT"`` with the
  perfective aspect ("has signed") → occurred.

Documents where most instances are marked ``polarity="NEG"`` are left out whole: in
the AQUAINT copy, 25 of the 73 documents mark nearly every instance NEG ("The Justice
Department is reviewing …" included), a defect of the markup, not negation (no
TimeBank document has more than a fifth of its instances NEG).

Left out, because they do not map onto one status: the simple present (habits,
states, headlines' present), the past progressive (going on then, not now), and
the untensed forms (infinitives, participles, nouns: their status is that of the
event that governs them, which a ``MODAL`` SLINK — "want to", "plan to" — does not
settle).

The default judges the events storyline codes whose trigger overlaps a judged
TimeBank EVENT; ``--every-event`` judges the status rules alone
(:func:`storyline.extractors.events.status.clause_cues`) on every judged TimeBank
event the parser reads as a verb, as if it were a trigger.

Parts as in ``scripts/event_dates_timebank.py`` (by a hash of the document id:
``tuning``, ``validation``; ``aquaint`` is validation too). Errors (``--errors``)
are printed for the tuning part only.

    python scripts/event_status_timebank.py --part tuning [--every-event] [--errors]
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

import event_dates_timebank as dates_timebank  # noqa: E402

#: modalities that make an event hypothetical (TimeML's ``modality``, lower-cased)
HYPOTHETICAL_MODALITIES = frozenset({"would", "'d", "could", "might", "may", "should"})
#: modalities that are the future in the past under a reporting verb
FUTURE_IN_PAST = frozenset({"would", "'d"})
#: share of NEG instances above which a document's polarity is taken as defective
DEFECTIVE_NEG_SHARE = 0.5
#: statuses of an event that did not take place
NOT_TAKEN_PLACE = frozenset({"negated", "cancelled", "postponed"})


@dataclass(frozen=True)
class StatusEvent:
    """A judged TimeBank EVENT: offsets into the text, the statuses that are right,
    and the rule of the mapping that gave them."""

    eid: str
    start: int
    end: int
    text: str
    statuses: frozenset[str]
    rule: str


@dataclass(frozen=True)
class StatusDoc:
    """One TimeML document: text, creation day and its judged events."""

    id: str
    text: str
    dct: str | None
    events: tuple[StatusEvent, ...]


def gold_status(inst: dict[str, str], links: set[str]) -> tuple[frozenset[str], str] | None:
    """The statuses right for one event instance (``MAKEINSTANCE`` attributes) and the
    rule that gave them, or None when the instance does not map onto a status.
    ``links``: the SLINK roles of the instance ("COUNTER_FACTIVE", "EVIDENTIAL",
    "CONDITIONAL" for the subordinated event, "CONDITION" for a condition)."""
    tense, aspect = inst.get("tense", "NONE"), inst.get("aspect", "NONE")
    modality = (inst.get("modality") or "").strip().lower()
    if modality == "none":
        modality = ""
    if inst.get("polarity") == "NEG":
        return frozenset({"negated"}), "polarity NEG"
    if "COUNTER_FACTIVE" in links:
        return NOT_TAKEN_PLACE, "counter-factive"
    if modality in HYPOTHETICAL_MODALITIES:
        if modality in FUTURE_IN_PAST and "EVIDENTIAL" in links:
            return frozenset({"hypothetical", "planned"}), "would, reported"
        return frozenset({"hypothetical"}), f"modality {modality}"
    if modality:
        return None
    if "CONDITION" in links:
        return frozenset({"hypothetical"}), "condition"
    if "CONDITIONAL" in links:
        if tense == "FUTURE":
            return frozenset({"hypothetical", "planned"}), "consequence, future"
        return frozenset({"hypothetical"}), "consequence"
    if tense == "FUTURE":
        return frozenset({"planned"}), "tense FUTURE"
    if tense == "PRESENT" and aspect in {"PROGRESSIVE", "PERFECTIVE_PROGRESSIVE"}:
        return frozenset({"ongoing"}), "present progressive"
    if (tense == "PAST" and aspect in {"NONE", "PERFECTIVE"}) or (
            tense == "PRESENT" and aspect == "PERFECTIVE"):
        return frozenset({"occurred"}), "past or present perfect"
    return None


def _links(root: ET.Element) -> dict[str, set[str]]:
    """SLINK roles by event instance id."""
    out: dict[str, set[str]] = {}
    for link in root.iter("SLINK"):
        rel = link.get("relType", "")
        gov, sub = link.get("eventInstanceID", ""), link.get("subordinatedEventInstance", "")
        out.setdefault(sub, set()).add(rel)
        if rel == "CONDITIONAL":
            out.setdefault(gov, set()).add("CONDITION")
    return out


def parse_statuses(source: str, doc_id: str = "document") -> StatusDoc:
    """A :class:`StatusDoc` from TimeML markup (text as ``storyline eval timeml`` reads
    it). An event with several instances ("met twice") is judged by its first; a
    document whose polarity is defective (mostly NEG) has no judged event."""
    doc = dates_timebank.read_markup(source)
    text = doc.text
    links = _links(doc.root)
    gold: dict[str, tuple[frozenset[str], str]] = {}
    instances = list(doc.root.iter("MAKEINSTANCE"))
    if sum(i.get("polarity") == "NEG" for i in instances) > DEFECTIVE_NEG_SHARE * len(instances):
        return StatusDoc(doc_id, text, doc.dct, ())
    for inst in instances:
        eid = inst.get("eventID", "")
        if eid in gold or eid not in doc.events:
            continue
        found = gold_status(dict(inst.attrib), links.get(inst.get("eiid", ""), set()))
        if found is not None:
            gold[eid] = found
    events = tuple(StatusEvent(eid, s, e, text[s:e], *gold[eid])
                   for eid, (_, s, e) in sorted(doc.events.items(), key=lambda kv: kv[1][1:])
                   if eid in gold)
    return StatusDoc(doc_id, text, doc.dct, events)


def load_part(timebank: Path, part: str) -> list[StatusDoc]:
    """The documents of one part (``tuning``, ``validation`` or ``aquaint``)."""
    return dates_timebank.load_part(timebank, part, parse_statuses)


@dataclass(frozen=True)
class Judged:
    """One judged case: the gold event and storyline's status."""

    doc: str
    event: StatusEvent
    status: str

    @property
    def right(self) -> bool:
        return self.status in self.event.statuses


def judge(doc: StatusDoc, spans: list[tuple[int, int, str]]) -> list[Judged]:
    """Cases of one document: the first output (start, end, status) overlapping each
    judged gold event."""
    out = []
    for ev in doc.events:
        hit = dates_timebank.first_overlap(spans, ev.start, ev.end)
        if hit is not None:
            out.append(Judged(doc.id, ev, hit[2]))
    return out


def report(cases: list[Judged]) -> str:
    """Accuracy overall and by the mapping's rule, and the commonest confusions."""
    n = len(cases)
    right = sum(c.right for c in cases)
    lines = [f"judged {n}  right {right}  accuracy {right / n:.3f}" if n else "judged 0"]
    by_rule: Counter[tuple[str, bool]] = Counter((c.event.rule, c.right) for c in cases)
    for rule in sorted({r for r, _ in by_rule}):
        lines.append(f"  {rule:26} right {by_rule[(rule, True)]:4}  wrong {by_rule[(rule, False)]:4}")
    wrong = Counter(("/".join(sorted(c.event.statuses)), c.status) for c in cases if not c.right)
    for (gold, out), k in wrong.most_common():
        lines.append(f"  wrong: gold {gold:30} out {out:12} {k}")
    return "\n".join(lines)


def _storyline_cases(docs: list[StatusDoc], every_event: bool) -> list[Judged]:
    from datetime import date

    from storyline.extractors.events.lexicon import lexicon
    from storyline.extractors.events.status import clause_cues, strongest
    from storyline.nlp import load_pipeline, make_doc, process

    nlp = load_pipeline()
    lex = lexicon()
    cases: list[Judged] = []
    for d in docs:
        published = date.fromisoformat(d.dct) if d.dct and len(d.dct) == 10 else None
        doc = process(nlp, make_doc(nlp, d.text, published))
        spans = [(e.trigger.start, e.trigger.end, e.status) for e in doc._.events or []]
        if every_event:
            spans = []
            for ev in d.events:
                span = doc.char_span(ev.start, ev.end, alignment_mode="expand")
                if span is not None and span.root.pos_ == "VERB":
                    spans.append((ev.start, ev.end, strongest(clause_cues(span.root, lex))))
        cases.extend(judge(d, spans))
    return cases


def main() -> int:
    args = dates_timebank.parse_args(
        __doc__.split("\n")[0],
        "judge the status rules on every judged TimeBank verb, not only storyline's events")
    if args is None:
        return 2
    docs = load_part(args.timebank, args.part)
    cases = _storyline_cases(docs, args.every_event)
    skipped = sum(not d.events for d in docs)
    print(f"{args.part}: {len(docs)} documents ({skipped} with no judged event), "
          f"{'every judged verb' if args.every_event else 'storyline events'}")
    print(report(cases))
    if args.errors:
        by_id = {d.id: d for d in docs}
        for c in cases:
            if not c.right:
                ctx = dates_timebank.context(by_id[c.doc].text, c.event.start, c.event.end)
                print(f"{c.doc} {c.event.text!r} out={c.status} gold={sorted(c.event.statuses)} "
                      f"({c.event.rule}) | {ctx}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
