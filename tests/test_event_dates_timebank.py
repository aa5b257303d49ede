"""scripts/event_dates_timebank.py: TimeML event–time links read as gold event dates."""

from __future__ import annotations

from .conftest import load_script

_SNIPPET = """<?xml version="1.0" ?>
<TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="2024-05-01" functionInDocument="CREATION_TIME">May 1</TIMEX3></DCT>
<TEXT>
Rebels <EVENT eid="e1" class="OCCURRENCE">shelled</EVENT> the port on <TIMEX3 tid="t1" type="DATE"
value="2024-04-29">Monday</TIMEX3>. The army <EVENT eid="e2" class="REPORTING">said</EVENT> it
would <EVENT eid="e3" class="OCCURRENCE">respond</EVENT> within <TIMEX3 tid="t2" type="DURATION"
value="P2D">two days</TIMEX3>, and <EVENT eid="e4" class="OCCURRENCE">closed</EVENT> the road at
<TIMEX3 tid="t3" type="TIME" value="2024-04-30T14:00">2 pm Tuesday</TIMEX3>.
</TEXT>
<MAKEINSTANCE eventID="e1" eiid="ei1" tense="PAST" aspect="NONE" polarity="POS" pos="VERB" />
<MAKEINSTANCE eventID="e2" eiid="ei2" tense="PAST" aspect="NONE" polarity="POS" pos="VERB" />
<MAKEINSTANCE eventID="e3" eiid="ei3" tense="NONE" aspect="NONE" polarity="POS" pos="VERB" />
<MAKEINSTANCE eventID="e4" eiid="ei4" tense="PAST" aspect="NONE" polarity="POS" pos="VERB" />
<TLINK lid="l1" relType="IS_INCLUDED" eventInstanceID="ei1" relatedToTime="t1" />
<TLINK lid="l2" relType="INCLUDES" timeID="t0" relatedToEventInstance="ei2" />
<TLINK lid="l3" relType="DURING" eventInstanceID="ei3" relatedToTime="t2" />
<TLINK lid="l4" relType="SIMULTANEOUS" eventInstanceID="ei4" relatedToTime="t3" />
<TLINK lid="l5" relType="BEFORE" eventInstanceID="ei1" relatedToTime="t0" />
</TimeML>
"""


def test_event_dates_timebank_parses_anchored_events() -> None:
    tb = load_script("event_dates_timebank")
    doc = tb.parse_events(_SNIPPET, "snippet")
    assert doc.dct == "2024-05-01"
    by_text = {e.text: e for e in doc.events}
    # an inclusion read from either side; a duration and an ordering anchor nothing;
    # a time of day anchors its day
    assert {t: sorted(e.anchors) for t, e in by_text.items()} == {
        "shelled": ["2024-04-29"], "said": ["2024-05-01"], "closed": ["2024-04-30"]}
    assert by_text["said"].cls == "REPORTING"
    assert doc.text[by_text["shelled"].start:by_text["shelled"].end] == "shelled"
    assert doc.text.startswith("\nRebels shelled the port on Monday.")


def test_event_dates_timebank_judges_overlapping_outputs() -> None:
    tb = load_script("event_dates_timebank")
    doc = tb.parse_events(_SNIPPET, "snippet")
    shelled = next(e for e in doc.events if e.text == "shelled")
    said = next(e for e in doc.events if e.text == "said")
    cases = tb.judge(doc, [(shelled.start, shelled.end, "2024-04-29", "clause"),
                           (said.start, said.end + 3, "2024-04-29", "narrative")])
    assert [(c.event.text, c.right) for c in cases] == [("shelled", True), ("said", False)]
    assert "judged 2  right 1  accuracy 0.500" in tb.report(cases)


def test_event_dates_timebank_split_by_document_hash() -> None:
    tb = load_script("event_dates_timebank")
    assert tb.part_of("AQUAINT", "APW19980807.0261") == "aquaint"
    parts = {tb.part_of("TimeBank", f"doc{i}") for i in range(40)}
    assert parts == {"tuning", "validation"}
