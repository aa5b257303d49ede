"""Quotes: direct, partial and indirect, speakers and cues, negatives, attribution lookup."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.extractors.quotes.finder import (
    Quotations,
    QuoteSpeakers,
    _paragraph_of,
    attribution_for,
    extract_quotes,
    paragraph_breaks,
)
from storyline.extractors.quotes.marks import QuotedSpan
from storyline.nlp import COMPONENTS, make_doc
from storyline.record import Quote, TextSpan


def _quotes(nlp, text: str) -> list[Quote]:
    doc = nlp(make_doc(nlp, text))
    assert not doc._.errors
    return doc._.quotes


def _entity_name(nlp, text: str, entity_id: str | None) -> str | None:
    doc = nlp(make_doc(nlp, text))
    return next((e.name for e in doc._.entities if e.id == entity_id), None)


# ---------------------------------------------------------------- direct


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "content", "speaker_text", "cue"),
    [
        ("“Yeah, I do,” Trump said as he greeted the prime minister.", "Yeah, I do,", "Trump",
         "said"),
        ('"It is a disaster," Smith added.', "It is a disaster,", "Smith", "added"),
        ("Smith said: “We will win this war.”", "We will win this war.", "Smith", "said"),
        ("“Can we trust them?” asked the senator.", "Can we trust them?", "the senator", "asked"),
    ],
)
def test_finder_direct(nlp, text: str, content: str, speaker_text: str, cue: str) -> None:
    (q,) = _quotes(nlp, text)
    assert (q.kind, q.text, q.speaker_text) == ("direct", content, speaker_text)
    assert q.cue is not None and q.cue.text == cue


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "On Fox News channel’s “Sunday Morning Futures,” Issa said the report was false.",
        # a quotation after a preposition is a title
        "On this weekend’s broadcast of “Fox News Sunday,” Issa said the report was false.",
    ],
)
def test_finder_title_before_speech_verb_is_not_a_quote(nlp, text: str) -> None:
    assert [q.text for q in _quotes(nlp, text)] == ["the report was false"]


@pytest.mark.model
def test_finder_direct_split_by_cue_is_one_quote(nlp) -> None:
    text = "“We will not give up,” she said, “not now.”"
    (q,) = _quotes(nlp, text)
    assert q.kind == "direct" and q.text.startswith("We will not give up")
    assert q.text.endswith("not now.")
    assert q.cue is not None and q.cue.text == "said"


@pytest.mark.model
def test_finder_direct_continues_over_sentences_and_paragraphs(nlp) -> None:
    text = ("“We will fight on,” Smith said. “There is no other way for us.”\n\n"
            "“Nobody will stop us, not even the army.”")
    (q,) = _quotes(nlp, text)
    assert q.text.startswith("We will fight on") and q.text.endswith("not even the army.")
    assert q.speaker_text == "Smith"


@pytest.mark.model
def test_finder_direct_speaker_resolves_to_entity(nlp) -> None:
    text = "“Yeah, I do,” Donald Trump said."
    (q,) = _quotes(nlp, text)
    assert _entity_name(nlp, text, q.speaker) == "Donald Trump"


# ---------------------------------------------------------------- partial


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "fragment", "speaker_text"),
    [
        ("On April 23, Trump accused Ukrainian President Volodymyr Zelenskyy of prolonging the "
         "“killing field” by refusing to give up Crimea.", "killing field", "Trump"),
        ("Zelenskyy later said the row was “regrettable” and promised he would sign the deal.",
         "regrettable", "Zelenskyy"),
        ("Rubio said the United States was ready to “move on” from efforts to negotiate a deal.",
         "move on", "Rubio"),
    ],
)
def test_finder_partial(nlp, text: str, fragment: str, speaker_text: str) -> None:
    partial = [q for q in _quotes(nlp, text) if q.kind == "partial"]
    assert [(q.text, q.speaker_text) for q in partial] == [(fragment, speaker_text)]


# ---------------------------------------------------------------- indirect


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "content", "speaker_text", "cue"),
    [
        ("The minister said the talks had failed.", "the talks had failed", "The minister", "said"),
        ("The Ukrainian government said that at least nine people were killed.",
         "that at least nine people were killed", "The Ukrainian government", "said"),
        ("According to the ministry, three soldiers were killed overnight.",
         "three soldiers were killed overnight", "the ministry", "According to"),
        ("Three soldiers were killed overnight, the ministry said.",
         "Three soldiers were killed overnight", "the ministry", "said"),
        ("Putin told reporters the operation would continue.",
         "the operation would continue", "Putin", "told"),
        ("Zelenskyy pointed out on April 24 that Ukraine had agreed to the proposal.",
         "that Ukraine had agreed to the proposal", "Zelenskyy", "pointed out"),
        ("The army warned that civilians should leave the city.",
         "that civilians should leave the city", "The army", "warned"),
        ("Officials claimed the dam had been destroyed by shelling.",
         "the dam had been destroyed by shelling", "Officials", "claimed"),
        ("The Kremlin denied that its forces had targeted civilians.",
         "that its forces had targeted civilians", "The Kremlin", "denied"),
        ("The government announced that elections would be held in May.",
         "that elections would be held in May", "The government", "announced"),
        ("Merkel insisted the sanctions would stay.", "the sanctions would stay", "Merkel",
         "insisted"),
        ("The Kyiv City Military Administration said on its Telegram channel that drones had hit "
         "the city.", "that drones had hit the city", "The Kyiv City Military Administration",
         "said"),
    ],
)
def test_finder_indirect(nlp, text: str, content: str, speaker_text: str, cue: str) -> None:
    (q,) = _quotes(nlp, text)
    assert (q.kind, q.text, q.speaker_text) == ("indirect", content, speaker_text)
    assert q.cue is not None and q.cue.text == cue


@pytest.mark.model
def test_finder_indirect_promise_in_coordination_keeps_subject(nlp) -> None:
    text = "Zelenskyy later said the row was regrettable and promised he would sign the deal."
    quotes = {q.text: q for q in _quotes(nlp, text)}
    assert quotes["he would sign the deal"].speaker_text == "Zelenskyy"


@pytest.mark.model
def test_finder_noun_cue_with_possessor(nlp) -> None:
    (q,) = _quotes(nlp, "Trump’s call for a ban on Muslims drew criticism.")
    assert (q.text, q.speaker_text) == ("a ban on Muslims", "Trump")
    assert q.cue is not None and q.cue.text == "call"


@pytest.mark.model
def test_finder_pronoun_speaker_resolves_through_mentions(nlp) -> None:
    text = ("Ukrainian President Volodymyr Zelenskyy spoke in Kyiv on Monday. "
            "“We will win this war,” he said.")
    (q,) = _quotes(nlp, text)
    assert q.speaker_text == "he"
    assert _entity_name(nlp, text, q.speaker) == "Volodymyr Zelenskyy"


@pytest.mark.model
def test_finder_unresolvable_source_keeps_words(nlp) -> None:
    (q,) = _quotes(nlp, "Officials said the talks had failed.")
    assert q.speaker is None and q.speaker_text == "Officials"


@pytest.mark.model
def test_finder_apposition_names_the_speaker(nlp) -> None:
    text = "Ukraine’s economy minister, Yulia Svyrydenko, said the deal was ready."
    (q,) = _quotes(nlp, text)
    assert _entity_name(nlp, text, q.speaker) == "Yulia Svyrydenko"


@pytest.mark.model
def test_finder_headline_title_case_verb(nlp) -> None:
    text = "Conservative Icon Morton Blackwell Endorses Ted Cruz\n\nThe endorsement came on Monday."
    (q,) = _quotes(nlp, text)
    assert (q.text, q.speaker_text) == ("Ted Cruz", "Conservative Icon Morton Blackwell")
    assert q.cue is not None and q.cue.text == "Endorses"


@pytest.mark.model
def test_finder_statement_after_a_colon(nlp) -> None:
    text = "Bill Clinton released the following statement: “Hillary and I offer our condolences.”"
    (q,) = _quotes(nlp, text)
    assert (q.kind, q.text, q.speaker_text) == (
        "direct", "Hillary and I offer our condolences.", "Bill Clinton")


@pytest.mark.model
def test_finder_headline_colon_attribution(nlp) -> None:
    text = "Graham: Trump Is Destroying the Party's Chance to Win\n\nThe senator spoke on Monday."
    quotes = _quotes(nlp, text)
    assert [(q.text, q.speaker_text) for q in quotes][:1] == [
        ("Trump Is Destroying the Party's Chance to Win", "Graham")]


# ---------------------------------------------------------------- negatives


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "“Oppenheimer” won the award for best picture.",
        "The so-called “peace plan” was published on Monday.",
        "The rebels seized the “liberated zone” in March.",
        "Note: the figures were revised on Monday.",
        "Speaking on Fox News channel’s “Sunday Morning Futures,” the senator smiled.",
        # a title in apposition to the work, next to a speech verb
        "In his 2002 book, “Make Your Kid a Millionaire,” Mr. McKinley suggested a budget.",
        "In her memoir, “Hard Choices,” Clinton wrote about the campaign.",
    ],
)
def test_finder_scare_quotes_and_titles_are_not_speech(nlp, text: str) -> None:
    assert _quotes(nlp, text) == []


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        # possession, meeting, signing, attempts and plans are actions, not speech
        "Norway, a NATO member, shares a 123-mile border with Russia.",
        "Trump greeted Norwegian Prime Minister Jonas Gahr Store outside the White House.",
        "The economy minister signed a memorandum of intent with the United States.",
        "The U.S. government was seeking to broker a truce in Ukraine.",
        "He refused to give up the peninsula.",
        "Trump is set to meet with Store to discuss the war and the tariffs.",
        "The prime minister was due to travel to Washington this week.",
        "Moscow had continued its attacks.",
        "Zelenskyy spoke in Kyiv on Monday.",
    ],
)
def test_finder_actions_are_not_speech(nlp, text: str) -> None:
    assert _quotes(nlp, text) == []


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "content", "speaker_text"),
    [
        # a speech verb keeps the nominal and infinitive patterns the lexicon lists for it
        ("The senator criticized the plan.", "the plan", "The senator"),
        ("Trump told Putin to halt the strikes.", "to halt the strikes", "Trump"),
        ("The minister called for a ceasefire.", "a ceasefire", "The minister"),
    ],
)
def test_finder_listed_patterns_of_speech_verbs(nlp, text: str, content: str,
                                               speaker_text: str) -> None:
    (q,) = _quotes(nlp, text)
    assert (q.kind, q.text, q.speaker_text) == ("indirect", content, speaker_text)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "content", "speaker_text"),
    [
        ("The museum, Mr. Bush said, celebrated several of his heroes.",
         "The museum, Mr. Bush said, celebrated several of his heroes", "Mr. Bush"),
        ("The plan, he said, was to win the vote.", "The plan, he said, was to win the vote",
         "he"),
    ],
)
def test_finder_parenthetical_cue(nlp, text: str, content: str, speaker_text: str) -> None:
    (q,) = _quotes(nlp, text)
    assert (q.kind, q.text, q.speaker_text, q.cue and q.cue.text) == (
        "indirect", content, speaker_text, "said")


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "content", "speaker_text"),
    [
        ("As the senator noted, the bill failed in 2010.", "the bill failed in 2010",
         "the senator"),
        ("Hawaii, as one of the president's advisers pointed out, rarely gets hurricanes.",
         "rarely gets hurricanes", "one of the president's advisers"),
    ],
)
def test_finder_as_clause_reports_its_clause(nlp, text: str, content: str,
                                             speaker_text: str) -> None:
    (q,) = _quotes(nlp, text)
    assert (q.text, q.speaker_text) == (content, speaker_text)


@pytest.mark.model
def test_finder_as_clause_of_time_is_no_quote(nlp) -> None:
    assert _quotes(nlp, "As he spoke, the crowd cheered.") == []


@pytest.mark.model
def test_finder_dash_signed_quotations(nlp) -> None:
    text = ("“He represents our greatest shame.” ― Sonya Herridge “Trump must stop portraying "
            "Latinos as dangerous.”― Pamela Padilla\n\nThe comments were collected online.")
    quotes = _quotes(nlp, text)
    assert [(q.kind, q.text, q.speaker_text, q.cue and q.cue.text) for q in quotes] == [
        ("direct", "He represents our greatest shame.", "Sonya Herridge", "―"),
        ("direct", "Trump must stop portraying Latinos as dangerous.", "Pamela Padilla", "―")]


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "They called it “the deal of the century” — Trump likes the phrase.",
        "The word was “freedom” — and it was everywhere.",
    ],
)
def test_finder_dash_after_quotation_without_a_name_is_no_signature(nlp, text: str) -> None:
    assert all(q.cue is None or q.cue.text != "—" for q in _quotes(nlp, text))


@pytest.mark.model
def test_finder_subject_inside_the_quotation_is_not_the_speaker(nlp) -> None:
    text = "“The campaign is in panic mode. Full panic mode,” said Leslie Wimes, a Florida activist."
    quotes = _quotes(nlp, text)
    assert quotes and all(q.speaker_text and "Leslie Wimes" in q.speaker_text for q in quotes)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "content", "speaker_text"),
    [
        ("According to conservative talk radio host Rush Limbaugh, the move reeks of fear.",
         "the move reeks of fear", "conservative talk radio host Rush Limbaugh"),
        ("Trump repeatedly demeaned women with sexist language, according to show insiders.",
         "Trump repeatedly demeaned women with sexist language", "show insiders"),
    ],
)
def test_finder_according_to_with_a_misread_parse(nlp, text: str, content: str,
                                                  speaker_text: str) -> None:
    quotes = [q for q in _quotes(nlp, text) if q.cue and q.cue.text.lower() == "according to"]
    assert [(q.text, q.speaker_text) for q in quotes] == [(content, speaker_text)]


@pytest.mark.model
def test_finder_citing_is_the_subjects_act(nlp) -> None:
    text = "The company closed the plant, citing a threat to public health."
    quotes = [q for q in _quotes(nlp, text) if q.cue and q.cue.text == "citing"]
    assert [(q.text, q.speaker_text) for q in quotes] == [
        ("a threat to public health", "The company")]


@pytest.mark.model
def test_finder_participle_after_a_reported_clause_is_the_reporters(nlp) -> None:
    text = ("Analysts said geopolitical factors have contributed to Burma's appeal, citing the "
            "strategic importance of the nation.")
    quotes = [q for q in _quotes(nlp, text) if q.cue and q.cue.text == "citing"]
    assert [q.speaker_text for q in quotes] == ["Analysts"]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("He proposes doing away with the government mandate.",
         "doing away with the government mandate"),
        ("He denied taking the money.", "taking the money"),
    ],
)
def test_finder_gerund_object_of_a_speech_verb(nlp, text: str, content: str) -> None:
    assert [q.text for q in _quotes(nlp, text)] == [content]


@pytest.mark.model
def test_finder_gerund_after_an_action_verb_is_not_speech(nlp) -> None:
    assert _quotes(nlp, "The troops kept fighting in the north.") == []


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "cue", "speaker_text"),
    [
        ("The attacks prompted NATO at its summit to order the deployment of troops.", "order",
         "NATO"),
        # the object governs the infinitive, not the cue's own subject
        ("Trump told Putin to halt the strikes.", "told", "Trump"),
    ],
)
def test_finder_object_of_the_governing_verb_is_the_infinitives_source(
        nlp, text: str, cue: str, speaker_text: str) -> None:
    quotes = [q for q in _quotes(nlp, text) if q.cue and q.cue.text == cue]
    assert [q.speaker_text for q in quotes] == [speaker_text]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "cue", "speaker_text"),
    [
        # a purpose infinitive after a verb that does not pass its object on
        ("Other leaders used particularly blunt language to denounce what the prime minister "
         "called a reckless act.", "denounce", "Other leaders"),
        ("The senators used the hearing to argue that the program was broken.", "argue",
         "The senators"),
    ],
)
def test_finder_infinitive_of_purpose_is_the_subjects(nlp, text: str, cue: str,
                                                      speaker_text: str) -> None:
    quotes = [q for q in _quotes(nlp, text) if q.cue and q.cue.text == cue]
    assert [q.speaker_text for q in quotes] == [speaker_text]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "content", "speaker_text"),
    [
        ("The minister was quoted as saying that the talks had failed.",
         "that the talks had failed", "The minister"),
        # the agent is who quoted, not who spoke
        ("The senator was quoted by the newspaper as saying that the bill was a disaster.",
         "that the bill was a disaster", "The senator"),
        ("Rakeyia Scott can be heard yelling to the officers that her husband was unarmed.",
         "that her husband was unarmed", "Rakeyia Scott"),
        ("The senator was caught on tape saying that the bill was a disaster.",
         "that the bill was a disaster", "The senator"),
    ],
)
def test_finder_subject_of_a_passive_reporter_speaks_its_participle(
        nlp, text: str, content: str, speaker_text: str) -> None:
    (q,) = _quotes(nlp, text)
    assert (q.text, q.speaker_text) == (content, speaker_text)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "content"),
    [
        # a clause before the cue and one after it: the one after is what was said
        ("It’s an extremely unlikely scenario; Clinton’s team says she’ll continue her march "
         "toward Election Day later this week.",
         "she’ll continue her march toward Election Day later this week"),
        ("While he acknowledged funding was a major reason, Ham also noted several problems "
         "left him disillusioned.", "several problems left him disillusioned"),
        # "that" read as a relative pronoun of the hearer, with a passive clause
        ("Donald Trump is telling a veterans group that the military is depleted.",
         "that the military is depleted"),
    ],
)
def test_finder_reported_clause_after_the_cue(nlp, text: str, content: str) -> None:
    assert content in [q.text for q in _quotes(nlp, text)]


@pytest.mark.model
def test_finder_parenthetical_cue_with_a_hearer(nlp) -> None:
    (q,) = _quotes(nlp, "The plan, he told reporters, was to win the vote.")
    assert (q.text, q.speaker_text) == ("The plan, he told reporters, was to win the vote", "he")


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "content"),
    [
        # the clause runs on past the closing mark: the quotation alone was said
        ('He told the crowd, "We will not give up," before leaving the stage.',
         "We will not give up,"),
        ('She repeatedly says "Don\'t you do it," to the officers.', "Don't you do it,"),
        # a fronted phrase and a comma before the quotation: not part of what was said
        ("As for complexity, “it is not a problem,” said Mr. Kamin.", "it is not a problem,"),
        ("As for complexity, ''it is not a problem,'' said Mr. Kamin.", "it is not a problem,"),
    ],
)
def test_finder_clause_crossing_a_quotation_is_the_direct_quote(nlp, text: str,
                                                                content: str) -> None:
    assert [(q.kind, q.text) for q in _quotes(nlp, text)] == [("direct", content)]


@pytest.mark.model
def test_finder_subject_before_a_quotation_keeps_the_indirect_quote(nlp) -> None:
    # a mixed quote: the subject is the writer's words, the predicate the speaker's
    quotes = _quotes(nlp, "The country “has made dramatic changes,” McConnell said.")
    assert "The country “has made dramatic changes" in [q.text for q in quotes]


@pytest.mark.model
def test_finder_parenthetical_subject_next_to_the_cue_is_the_speaker(nlp) -> None:
    # parsed with both "These officials" and "Smith" as subjects of "explained"
    quotes = _quotes(nlp, "These officials, Smith explained on Monday, were paid too much.")
    assert [q.speaker_text for q in quotes] == ["Smith"]


@pytest.mark.model
def test_finder_source_runs_to_the_relative_pronoun(nlp) -> None:
    text = "Cruz, who pointedly refused to endorse Trump, spoke on Monday."
    quotes = [q for q in _quotes(nlp, text) if q.cue and q.cue.text == "endorse"]
    assert [q.speaker_text for q in quotes] == ["Cruz, who"]


@pytest.mark.model
def test_finder_relative_pronoun_object_stands_for_its_noun(nlp) -> None:
    # the lexicon alone decides here: the rule is about the content, not the model
    doc = nlp(make_doc(nlp, "The plan, which the senator criticized, failed."))
    quotes = extract_quotes(doc, model=None)
    assert [(q.text, q.speaker_text) for q in quotes] == [("The plan", "the senator")]


@pytest.mark.model
def test_finder_quoted_transcript_lines_are_their_speakers(nlp) -> None:
    text = ("Pence spoke on Fox News Sunday.\n\n\"WALLACE: Let’s start with the debate.\n\n"
            "\"PENCE: Well, look, this is serious business.\n\n\"WALLACE: Will she be there?\"\n\n"
            "The interview ended.")
    assert [(q.kind, q.text, q.speaker_text) for q in _quotes(nlp, text)] == [
        ("direct", "Let’s start with the debate", "WALLACE"),
        ("direct", "Well, look, this is serious business", "PENCE"),
        ("direct", "Will she be there", "WALLACE")]


@pytest.mark.model
def test_finder_colon_inside_a_quotation_without_a_label_is_no_cue(nlp) -> None:
    quotes = _quotes(nlp, 'He said: "Note: this is not a label."')
    assert [(q.text, q.speaker_text) for q in quotes] == [("Note: this is not a label.", "He")]


@pytest.mark.model
def test_finder_channel_is_not_content(nlp) -> None:
    quotes = _quotes(nlp, "The senator spoke in a phone interview on Monday.")
    assert quotes == []


@pytest.mark.model
def test_finder_said_inside_a_quotation_is_the_quoted_speakers_words(nlp) -> None:
    (q,) = _quotes(nlp, "“He said he would come,” Smith said.")
    assert (q.kind, q.text, q.speaker_text) == ("direct", "He said he would come,", "Smith")


@pytest.mark.model
def test_finder_reported_speech_inside_reported_speech_is_one_attribution(nlp) -> None:
    quotes = _quotes(nlp, "Half of the voters said they think the economy is weak.")
    assert [(q.text, q.speaker_text) for q in quotes] == [
        ("they think the economy is weak", "Half of the voters")]


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    ["Smith said “we will win.", "“Closed” “ and ” then “ said Smith.", "He said ” no “ twice."],
)
def test_finder_unbalanced_marks_never_fail(nlp, text: str) -> None:
    for q in _quotes(nlp, text):
        assert text[q.start:q.end] == q.text


_SENTENCE = ["The", "minister", "said", "that", "the", "talks", "failed", ",", "Smith", "added",
             "."]


@pytest.mark.model
@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from([*_SENTENCE, "“", "”", '"', "‘", "’", "'", "\n\n", "«", "»"]),
                max_size=30))
def test_finder_random_quote_marks_give_valid_offsets(nlp, words: list[str]) -> None:
    text = " ".join(words)
    for q in _quotes(nlp, text):
        assert 0 <= q.start <= q.end <= len(text) and text[q.start:q.end] == q.text
        if q.cue is not None:
            assert text[q.cue.start:q.cue.end] == q.cue.text


# ---------------------------------------------------------------- pipeline, lookup


@pytest.mark.model
def test_finder_component_runs_after_entities(nlp) -> None:
    assert COMPONENTS.index("storyline_quotes") > COMPONENTS.index("storyline_entities")
    doc = nlp(make_doc(nlp, "The minister said the talks had failed."))
    assert extract_quotes(doc) == doc._.quotes


def _quote(start: int, end: int, speaker: str | None) -> Quote:
    return Quote(start=start, end=end, text="x" * (end - start), kind="indirect", speaker=speaker,
                 speaker_text=None, cue=TextSpan(start=0, end=1, text="x"))


@pytest.mark.parametrize(
    ("span", "expected"),
    [
        ((12, 18), "e2"),   # inside both: the innermost quote's speaker
        ((40, 45), "e1"),   # inside the outer quote only
        ((55, 58), "e1"),   # inside an unresolved quote inside e1's: e1
        ((95, 99), None),   # outside every quote
        ((45, 110), None),  # crosses a quote's end
    ],
)
def test_finder_attribution_for(span: tuple[int, int], expected: str | None) -> None:
    quotes = [_quote(10, 90, "e1"), _quote(11, 30, "e2"), _quote(50, 60, None)]
    assert attribution_for(quotes, *span) == expected


def _scan_attribution(quotes: list[Quote], start: int, end: int) -> str | None:
    """attribution_for as a scan of every quote (what the index must agree with)."""
    inside = [q for q in quotes if q.speaker is not None and q.start <= start and end <= q.end]
    return min(inside, key=lambda q: q.end - q.start).speaker if inside else None


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 40), st.sampled_from(
    ["e1", "e2", None])), max_size=12), st.integers(0, 100), st.integers(0, 10))
def test_finder_quote_speakers_agree_with_a_scan(raw: list[tuple[int, int, str | None]],
                                                  start: int, width: int) -> None:
    quotes = [_quote(s, s + n, who) for s, n, who in raw]
    assert QuoteSpeakers(quotes).speaker_at(start, start + width) == \
        _scan_attribution(quotes, start, start + width)


@pytest.mark.parametrize("text", [
    "", "one\n\ntwo\n\n\nthree\n\n\n\nfour", "\n\n\n\n\n", "a\nb\n\nc",
])
def test_finder_paragraph_of_counts_blank_lines_as_str_count(text: str) -> None:
    breaks = paragraph_breaks(text)
    for pos in range(len(text) + 1):
        assert _paragraph_of(breaks, pos) == text.count("\n\n", 0, pos)


@pytest.mark.parametrize(("bounds", "expected"), [
    ((0, 100), [(2, 9), (5, 7), (20, 30), (40, 41)]),
    ((5, 20), [(5, 7), (20, 30)]),   # both ends included
    ((6, 19), []),
    ((41, 60), []),
])
def test_finder_quotations_opening_reads_only_the_range(bounds: tuple[int, int],
                                                        expected: list[tuple[int, int]]) -> None:
    qs = Quotations([QuotedSpan(o, c, "double") for o, c in [(2, 9), (5, 7), (20, 30), (40, 41)]])
    assert [(q.open, q.close) for q in qs.opening(*bounds)] == expected
    assert qs.reach == 10
