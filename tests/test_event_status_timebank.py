"""scripts/event_status_timebank.py: TimeML event instances read as gold event statuses."""

from __future__ import annotations

import pytest

from .conftest import load_script

_SNIPPET = """<?xml version="1.0" ?>
<TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="2024-05-01" functionInDocument="CREATION_TIME">May 1</TIMEX3></DCT>
<TEXT>
Rebels <EVENT eid="e1" class="OCCURRENCE">shelled</EVENT> the port. The army <EVENT eid="e2"
class="REPORTING">said</EVENT> it would <EVENT eid="e3" class="OCCURRENCE">respond</EVENT>. Envoys
will <EVENT eid="e4" class="OCCURRENCE">meet</EVENT> in Oslo, but the rebels did not <EVENT eid="e5"
class="OCCURRENCE">sign</EVENT> the deal. Troops are <EVENT eid="e6" class="OCCURRENCE">fighting</EVENT>
near the border. Talks could <EVENT eid="e7" class="OCCURRENCE">resume</EVENT>. Police
<EVENT eid="e8" class="I_ACTION">prevented</EVENT> a <EVENT eid="e9" class="OCCURRENCE">march</EVENT>.
The mayor <EVENT eid="e10" class="STATE">wants</EVENT> to <EVENT eid="e11" class="OCCURRENCE">leave</EVENT>,
and aid can <EVENT eid="e12" class="OCCURRENCE">arrive</EVENT>.
</TEXT>
<MAKEINSTANCE eventID="e1" eiid="ei1" tense="PAST" aspect="NONE" polarity="POS" pos="VERB" />
<MAKEINSTANCE eventID="e2" eiid="ei2" tense="PAST" aspect="NONE" polarity="POS" pos="VERB" />
<MAKEINSTANCE eventID="e3" eiid="ei3" tense="NONE" aspect="NONE" polarity="POS" pos="VERB" modality="would" />
<MAKEINSTANCE eventID="e4" eiid="ei4" tense="FUTURE" aspect="NONE" polarity="POS" pos="VERB" />
<MAKEINSTANCE eventID="e5" eiid="ei5" tense="PAST" aspect="NONE" polarity="NEG" pos="VERB" />
<MAKEINSTANCE eventID="e6" eiid="ei6" tense="PRESENT" aspect="PROGRESSIVE" polarity="POS" pos="VERB" />
<MAKEINSTANCE eventID="e7" eiid="ei7" tense="NONE" aspect="NONE" polarity="POS" pos="VERB" modality="COULD" />
<MAKEINSTANCE eventID="e8" eiid="ei8" tense="PAST" aspect="NONE" polarity="POS" pos="VERB" />
<MAKEINSTANCE eventID="e9" eiid="ei9" tense="NONE" aspect="NONE" polarity="POS" pos="NOUN" />
<MAKEINSTANCE eventID="e10" eiid="ei10" tense="PRESENT" aspect="NONE" polarity="POS" pos="VERB" />
<MAKEINSTANCE eventID="e11" eiid="ei11" tense="INFINITIVE" aspect="NONE" polarity="POS" pos="VERB" />
<MAKEINSTANCE eventID="e12" eiid="ei12" tense="NONE" aspect="NONE" polarity="POS" pos="VERB" modality="can" />
<SLINK lid="l1" relType="EVIDENTIAL" eventInstanceID="ei2" subordinatedEventInstance="ei3" />
<SLINK lid="l2" relType="COUNTER_FACTIVE" eventInstanceID="ei8" subordinatedEventInstance="ei9" />
<SLINK lid="l3" relType="MODAL" eventInstanceID="ei10" subordinatedEventInstance="ei11" />
</TimeML>
"""


def test_event_status_timebank_maps_instances_to_statuses() -> None:
    tb = load_script("event_status_timebank")
    doc = tb.parse_statuses(_SNIPPET, "snippet")
    assert doc.dct == "2024-05-01"
    got = {e.text: sorted(e.statuses) for e in doc.events}
    # the simple present ("wants"), an infinitive under a MODAL link ("leave") and an
    # ability ("can arrive") map onto no status and are left out
    assert got == {
        "shelled": ["occurred"], "said": ["occurred"], "respond": ["hypothetical", "planned"],
        "meet": ["planned"], "sign": ["negated"], "fighting": ["ongoing"],
        "resume": ["hypothetical"], "prevented": ["occurred"],
        "march": ["cancelled", "negated", "postponed"]}
    sign = next(e for e in doc.events if e.text == "sign")
    assert doc.text[sign.start:sign.end] == "sign"


@pytest.mark.parametrize(("attrs", "links", "expected"), [
    ({"tense": "PAST", "aspect": "PERFECTIVE", "polarity": "POS"}, set(), {"occurred"}),
    ({"tense": "PRESENT", "aspect": "PERFECTIVE", "polarity": "POS"}, set(), {"occurred"}),
    ({"tense": "PAST", "aspect": "PROGRESSIVE", "polarity": "POS"}, set(), None),
    ({"tense": "FUTURE", "aspect": "NONE", "polarity": "NEG"}, set(), {"negated"}),
    ({"tense": "NONE", "aspect": "NONE", "polarity": "POS", "modality": "would"}, set(), {"hypothetical"}),
    ({"tense": "NONE", "aspect": "NONE", "polarity": "POS", "modality": "must"}, set(), None),
    ({"tense": "PRESENT", "aspect": "NONE", "polarity": "POS"}, {"CONDITION"}, {"hypothetical"}),
    ({"tense": "FUTURE", "aspect": "NONE", "polarity": "POS"}, {"CONDITIONAL"}, {"hypothetical", "planned"}),
])
def test_event_status_timebank_gold_status(attrs: dict[str, str], links: set[str],
                                           expected: set[str] | None) -> None:
    tb = load_script("event_status_timebank")
    found = tb.gold_status(attrs, links)
    assert (None if found is None else set(found[0])) == expected


def test_event_status_timebank_judges_overlapping_outputs() -> None:
    tb = load_script("event_status_timebank")
    doc = tb.parse_statuses(_SNIPPET, "snippet")
    by_text = {e.text: e for e in doc.events}
    cases = tb.judge(doc, [(by_text["meet"].start, by_text["meet"].end, "planned"),
                           (by_text["sign"].start - 4, by_text["sign"].end, "occurred")])
    assert [(c.event.text, c.right) for c in cases] == [("meet", True), ("sign", False)]
    text = tb.report(cases)
    assert "judged 2  right 1  accuracy 0.500" in text
    assert "gold negated" in text and "out occurred" in text


@pytest.mark.model
def test_event_status_timebank_runs_the_status_rules() -> None:
    tb = load_script("event_status_timebank")
    doc = tb.parse_statuses(_SNIPPET, "snippet")
    cases = {c.event.text: c.status for c in tb._storyline_cases([doc], every_event=True)}
    # every judged verb the parser reads as a verb is judged by the status rules
    assert cases["sign"] == "negated"
    assert cases["meet"] == "planned"
    assert cases["resume"] == "hypothetical"
    assert cases["shelled"] == "occurred"
    assert "march" not in cases


def test_event_status_timebank_leaves_out_a_defective_polarity() -> None:
    # a document that marks most instances NEG is a markup defect: nothing in it is judged
    tb = load_script("event_status_timebank")
    defective = _SNIPPET.replace('polarity="POS"', 'polarity="NEG"')
    assert tb.parse_statuses(defective, "snippet").events == ()
