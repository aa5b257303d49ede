"""Event dates: the clause's date, else the sentence's, the narrative's, or the
publication date — with ``date_source`` saying which (time expressions hand-built)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def test_dates_clause_date(code_events) -> None:
    coded = code_events("On March 3, Kenya accused Uganda of arming rebels.",
                        timexes=[("March 3", "2024-03-03")])
    event = coded.of_type("ACCUSE")[0]
    assert (event.date, event.date_source) == ("2024-03-03", "clause")


def test_dates_nominal_event_date(code_events) -> None:
    coded = code_events("A meeting for April 23 in London between Kenya and Ethiopia was postponed.",
                        timexes=[("April 23", "2024-04-23")])
    event = coded.of_type("CONSULT")[0]
    assert (event.date, event.status) == ("2024-04-23", "postponed")


def test_dates_reduced_relative_date_dates_the_clause(code_events) -> None:
    # "44 days ago" hangs from "put forward" but dates the agreement
    text = "Ukraine had agreed to the proposal put forward by the United States 44 days ago."
    coded = code_events(text, timexes=[("44 days ago", "2024-03-18")])
    assert coded.of_type("AGREE")[0].date == "2024-03-18"


def test_dates_purpose_clause_shares_the_date(code_events) -> None:
    text = ("Indian Prime Minister Narendra Modi was due to travel to Moscow at the start of "
            "this week to meet Putin.")
    coded = code_events(text, timexes=[("the start of this week", "2024-W18")])
    assert coded.by_trigger("travel").date == "2024-W18"


def test_dates_reporting_date_is_sentence_date(code_events) -> None:
    coded = code_events("On April 18, Lavrov said Russia would attack Kyiv.",
                        timexes=[("April 18", "2024-04-18")])
    event = coded.of_type("THREATEN")[0]
    assert (event.date, event.date_source) == ("2024-04-18", "sentence")


def test_dates_bounding_date_is_not_the_date(code_events) -> None:
    coded = code_events("It was the largest attack on Kyiv since July 2023.",
                        timexes=[("July 2023", "2023-07")])
    assert all(e.date != "2023-07" for e in coded.events)


@pytest.mark.parametrize(
    ("text", "timexes", "dated"),
    [
        # a coordinated date shares its first conjunct's relation: a span bounds the event
        ("Rebels attacked army posts between March 2003 and May 2004.",
         [("March 2003", "2003-03"), ("May 2004", "2004-05")], None),
        ("Rebels attacked army posts on Monday and Tuesday.",
         [("Monday", "2024-04-29"), ("Tuesday", "2024-04-30")], "2024-04-29"),
    ],
)
def test_dates_coordinated_date_takes_its_first_conjuncts_relation(code_events, text, timexes, dated) -> None:
    event = code_events(text, timexes=timexes).by_trigger("attacked")
    assert event.date_source != "clause" if dated is None else event.date == dated


def test_dates_narrative_anchor(code_events) -> None:
    text = "Kenyan troops entered Somalia on May 2. Kenyan artillery shelled Kismayo."
    coded = code_events(text, published="2024-05-03", timexes=[("May 2", "2024-05-02")])
    event = coded.by_trigger("shelled")
    assert (event.date, event.date_source) == ("2024-05-02", "narrative")


def test_dates_report_of_the_day_gets_publication_date(code_events) -> None:
    coded = code_events("Kenya has accused Uganda of arming rebels.", published="2024-05-01")
    event = coded.of_type("ACCUSE")[0]
    assert (event.date, event.date_source) == ("2024-05-01", "published")


def test_dates_planned_without_date_stays_undated(code_events) -> None:
    coded = code_events("Biden is set to meet Zelensky in Washington.")
    assert coded.of_type("CONSULT")[0].date is None


def test_dates_pluperfect_does_not_take_the_reporting_date(code_events) -> None:
    coded = code_events("On Tuesday, Russia said Ukraine had shelled Belgorod.",
                        timexes=[("Tuesday", "2024-04-30")])
    event = coded.of_type("ASSAULT")[0]
    assert event.date != "2024-04-30"


def test_dates_time_of_day_dates_the_day(code_events) -> None:
    coded = code_events("On Monday evening, Kenya accused Uganda of arming rebels.",
                        timexes=[("Monday evening", "2024-04-29TEV")])
    assert coded.of_type("ACCUSE")[0].date == "2024-04-29"


def test_dates_during_a_dated_event(code_events) -> None:
    coded = code_events("Police arrested ten students during a demonstration on Tuesday.",
                        timexes=[("Tuesday", "2024-04-30")])
    assert coded.by_trigger("arrested").date == "2024-04-30"


def test_dates_later_mention_dates_the_event(code_events) -> None:
    text = ("Kenyan police have arrested 24 students, a newspaper reported on Thursday. "
            "The students were arrested during a campus demonstration on Tuesday.")
    coded = code_events(text, published="2024-05-02",
                        timexes=[("Thursday", "2024-05-02"), ("Tuesday", "2024-04-30")])
    assert [e.date for e in coded.of_type("COERCE")] == ["2024-04-30"]


@pytest.mark.parametrize(("text", "surface", "value"), [
    ("The United States has maintained a trade embargo against Cuba since 1962.", "1962", "1962"),
    ("Rebels have besieged the town of Kasai since rebels launched a revolt in 2003.", "2003", "2003"),
])
def test_dates_state_since_a_date_begins_then(code_events, text, surface, value) -> None:
    coded = code_events(text, timexes=[(surface, value)])
    assert [e.date for e in coded.events] == [value]


def test_dates_background_date_does_not_carry(code_events) -> None:
    # a background date dates its own clause and, told on in the past, the next sentence
    # (see test_dates_background_story_told_on); after that the story is back at its time
    text = ("In 1990, Kenyan police arrested the opposition leader Raila Odinga. "
            "Odinga now leads the largest party. Kenyan police shelled Kismayo.")
    coded = code_events(text, published="2024-05-01", timexes=[("1990", "1990")])
    assert coded.by_trigger("arrested").date == "1990"
    assert coded.by_trigger("shelled").date == "2024-05-01"


def test_dates_stated_intention_is_dated_when_said(code_events) -> None:
    coded = code_events("On Monday, Kenya said it would not accept any more refugees.",
                        timexes=[("Monday", "2024-04-29")])
    event = coded.of_type("REJECT")[0]
    assert (event.date, event.status) == ("2024-04-29", "occurred")


def test_dates_event_in_a_dated_event_takes_its_date(code_events) -> None:
    # TimeML IS_INCLUDED: arrested in a demonstration that its own clause dates
    text = "Three Kenyan students were arrested in a demonstration on Tuesday in Nairobi."
    coded = code_events(text, timexes=[("Tuesday", "2024-04-30")])
    assert coded.by_trigger("arrested").date == "2024-04-30"


def test_dates_relative_clause_of_a_dated_event(code_events) -> None:
    text = ("Calm returned to Nairobi after Friday's demonstration in which Kenyan police "
            "arrested ten students.")
    coded = code_events(text, timexes=[("Friday", "2024-04-26")])
    assert coded.by_trigger("arrested").date == "2024-04-26"


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        # a statement after a flashback day is of the report's own day (the lead's)
        ("Kenya accused Uganda of arming rebels on Wednesday. On Monday, the Ugandan parliament "
         "voted to extend the army's mandate. Kenya also condemned Uganda's raids.",
         "condemned", "2024-05-01"),
        # a material event goes on from the day the story last told
        ("Kenya accused Uganda of arming rebels on Wednesday. On Monday, Ugandan rebels "
         "attacked a Kenyan border post. Kenyan troops shelled the rebels' camp.",
         "shelled", "2024-04-29"),
    ],
)
def test_dates_statement_returns_to_the_report_time(code_events, text, trigger, expected) -> None:
    coded = code_events(text, timexes=[("Wednesday", "2024-05-01"), ("Monday", "2024-04-29")])
    assert coded.by_trigger(trigger).date == expected


def test_dates_when_clause_dates_its_main_clause(code_events) -> None:
    # TimeML SIMULTANEOUS: the arrests happened when the dated march did
    text = "Kenyan police arrested 40 students when protesters marched on parliament on Tuesday."
    coded = code_events(text, timexes=[("Tuesday", "2024-04-30")])
    assert coded.by_trigger("arrested").date == "2024-04-30"


@pytest.mark.parametrize(
    ("text", "surface", "value", "trigger"),
    [
        # a copula stating the event as a state of its subject dates it
        ("The northern district of Gulu was under curfew on Monday.", "Monday", "2024-04-29", "curfew"),
        ("Thousands of teachers were on strike Tuesday in Nairobi.", "Tuesday", "2024-04-30", "strike"),
    ],
)
def test_dates_copula_dates_its_nominal_event(code_events, text, surface, value, trigger) -> None:
    coded = code_events(text, timexes=[(surface, value)])
    event = coded.by_trigger(trigger)
    assert (event.date, event.date_source) == (value, "clause")


def test_dates_day_after_publication_is_no_narrative_time(code_events) -> None:
    # a weekday the time tagger put after publication does not date what is told in the past
    text = "Rebels attacked Goma on Thursday. Kenya condemned the attack."
    coded = code_events(text, published="2024-05-03",
                        timexes=[("Thursday", "2024-05-09")])
    condemned = coded.by_trigger("condemned")
    assert condemned.date != "2024-05-09" and condemned.status == "occurred"


def _date_of(nlp, text: str, word: str, timexes: list[tuple[str, str]],
             verbal: bool = False) -> tuple[str | None, str | None]:
    """The date :func:`dates.event_date` gives the word ``word`` read as a trigger with no
    carrier verb (as ``scripts/event_dates_timebank.py --every-event`` dates TimeBank events)."""
    from storyline.extractors.events.dates import DatingContext, anchor_clauses, date_anchors, event_date
    from storyline.record import Timex

    doc = nlp(text)
    txs = [Timex(start=text.index(s), end=text.index(s) + len(s), text=s, type="DATE", value=v)
           for s, v in timexes]
    sents = list(doc.sents)
    sent_of = {t.i: k for k, s in enumerate(sents) for t in s}
    tok = next(t for t in doc if t.text == word)
    anchors = date_anchors(doc, txs, sent_of)
    ctx = DatingContext(anchor_clauses(anchors, {tok.i}), anchors, "2024-05-01", frozenset())
    return event_date(tok, None, sent_of[tok.i], ctx, False, verbal)


@pytest.mark.parametrize(
    ("text", "word", "timexes", "expected"),
    [
        # an aspectual verb shares the time of the event it begins, continues or ends
        ("The rebel alliance began to fall apart in March.", "began", [("March", "2024-03")], "2024-03"),
        ("The army started shelling the town on Monday.", "started", [("Monday", "2024-04-29")],
         "2024-04-29"),
        # a verb that is no aspectual keeps its own time: the invitation was not on Monday
        ("The mayor invited the rebels to return on Monday.", "invited", [("Monday", "2024-04-29")],
         "2024-05-01"),
    ],
)
def test_dates_aspectual_verb_takes_its_complements_date(nlp, text, word, timexes, expected) -> None:
    assert _date_of(nlp, text, word, timexes)[0] == expected


@pytest.mark.parametrize(
    ("text", "word", "timexes", "expected"),
    [
        # an event noun that is the setting of a dated clause happened at the clause's time
        ("Shares of the bank fell sharply in trading yesterday.", "trading",
         [("yesterday", "2024-04-30")], ("2024-04-30", "clause")),
        ("The minister spoke at a rally on Sunday.", "rally", [("Sunday", "2024-04-28")],
         ("2024-04-28", "clause")),
        # an object is no setting: a verdict on Sunday is not of a Sunday protest
        ("The court condemned the protest on Sunday.", "protest", [("Sunday", "2024-04-28")],
         ("2024-05-01", "published")),
    ],
)
def test_dates_event_noun_setting_of_a_dated_clause(nlp, text, word, timexes, expected) -> None:
    assert _date_of(nlp, text, word, timexes) == expected


@pytest.mark.parametrize(
    ("text", "word", "timexes", "expected"),
    [
        # a relative clause in the present states what holds now
        ("In 1978 the council demanded a withdrawal from the zone that the army occupies.", "occupies",
         [("1978", "1978")], "2024-05-01"),
        # in the past it is told at the time of the clause around it
        ("In 1978 the council demanded a withdrawal from the zone that the army occupied.", "occupied",
         [("1978", "1978")], "1978"),
        # a copula names the event the clause tells
        ("Shells killed 19 civilians on Monday, which is the deadliest attack in years.", "attack",
         [("Monday", "2024-04-29")], "2024-04-29"),
    ],
)
def test_dates_present_relative_clause_holds_now(nlp, text, word, timexes, expected) -> None:
    assert _date_of(nlp, text, word, timexes)[0] == expected


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        # a background story told on in the next sentence keeps its time
        ("In July 2023 the general staged a coup. His loyalists fled the capital.", "fled", "2023-07"),
        # a statement is of the report's time
        ("In July 2023 the general staged a coup. His loyalists said nothing.", "said", "2024-05-01"),
        # told in the present, it is of the news
        ("In July 2023 the general staged a coup. His loyalists control the capital.", "control",
         "2024-05-01"),
    ],
)
def test_dates_background_story_told_on(nlp, text, word, expected) -> None:
    found = _date_of(nlp, text, word, [("July 2023", "2023-07")], verbal=word == "said")
    assert found[0] == expected


@pytest.mark.parametrize(
    ("text", "timexes", "expected"),
    [
        # the time a sentence tells first is the one the story goes on in; a later date is
        # what it is compared with
        ("In the first quarter the mill earned $2 million, against $3 million in the first quarter "
         "of 2023. Its sales fell 4%.",
         [("the first quarter", "2024-Q1"), ("the first quarter of 2023", "2023-Q1")], "2024-Q1"),
        ("In 2023 the mill earned $2 million, against $3 million in 2022. Its sales fell 4%.",
         [("2023", "2023"), ("2022", "2022")], "2023"),
    ],
)
def test_dates_background_story_keeps_its_first_time(nlp, text, timexes, expected) -> None:
    assert _date_of(nlp, text, "fell", timexes)[0] == expected


@pytest.mark.parametrize(
    ("text", "word", "timexes", "expected"),
    [
        # a relative clause that tells when the event the noun names happened dates it
        ("The company paid for a merger that took place in 2019.", "merger", [("2019", "2019")], "2019"),
        ("Observers praised the talks, which began on Monday.", "talks", [("Monday", "2024-04-29")],
         "2024-04-29"),
        # a relative clause of another act does not ("approved in 2019" is not the merger)
        ("The company paid for a merger that the regulator approved in 2019.", "merger", [("2019", "2019")],
         "2024-05-01"),
    ],
)
def test_dates_relative_clause_tells_when_the_noun_happened(nlp, text, word, timexes, expected) -> None:
    assert _date_of(nlp, text, word, timexes)[0] == expected


@pytest.mark.parametrize(
    ("text", "word", "timexes", "expected"),
    [
        # the object of a support verb is the event it realizes, at the verb's time
        ("Last year the bank had losses of $4 million.", "losses", [("Last year", "2023")], "2023"),
        ("The firm took a charge in the second quarter.", "charge", [("the second quarter", "2024-Q2")],
         "2024-Q2"),
        ("The mill had $9 million in sales in 2022.", "sales", [("2022", "2022")], "2022"),
        # "staged", which the lemmatizer cuts to stag, is the support verb stage
        ("Last year the dockers staged a strike at the port.", "strike", [("Last year", "2023")], "2023"),
        # the subject of a measure predicate is the event measured
        ("In 2022 the group's profit was $3 million.", "profit", [("2022", "2022")], "2022"),
        ("Last year storm losses totaled $2 million.", "losses", [("Last year", "2023")], "2023"),
        # the object of a verb that realizes nothing keeps its own time
        ("The court condemned the protest on Sunday.", "protest", [("Sunday", "2024-04-28")], "2024-05-01"),
        # the subject of a verb that measures nothing is not dated by it
        ("The strike worried investors in 2022.", "strike", [("2022", "2022")], "2024-05-01"),
    ],
)
def test_dates_support_verb_dates_the_event_it_realizes(nlp, text, word, timexes, expected) -> None:
    assert _date_of(nlp, text, word, timexes)[0] == expected


@pytest.mark.parametrize(
    ("text", "timexes"),
    [
        ("Sales fell 10% in 2022, according to the company.", [("2022", "2022")]),
        ("According to police, the march ended on Monday.", [("Monday", "2024-04-29")]),
    ],
)
def test_dates_attribution_is_of_the_report_day(nlp, text, timexes) -> None:
    assert _date_of(nlp, text, "according" if "according" in text else "According", timexes) == (
        "2024-05-01", "published")


def _date_of_parse(nlp, rows: list[tuple[str, int, str, str, str, str]], word: str,
                   timexes: list[tuple[str, str]]) -> tuple[str | None, str | None]:
    """:func:`_date_of` on a parse given row by row (word, head, dep, tag, pos, lemma), for
    attachments the model makes on longer news sentences than a test can hold."""
    from spacy.tokens import Doc

    from storyline.extractors.events.dates import DatingContext, anchor_clauses, date_anchors, event_date
    from storyline.record import Timex

    words, heads, deps, tags, pos, lemmas = (list(x) for x in zip(*rows, strict=True))
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, tags=tags, pos=pos, lemmas=lemmas)
    text = doc.text
    txs = [Timex(start=text.index(s), end=text.index(s) + len(s), text=s, type="DATE", value=v)
           for s, v in timexes]
    sent_of = {t.i: 0 for t in doc}
    tok = next(t for t in doc if t.text == word)
    anchors = date_anchors(doc, txs, sent_of)
    ctx = DatingContext(anchor_clauses(anchors, {tok.i}), anchors, "2024-05-01", frozenset())
    return event_date(tok, None, 0, ctx, False)


def test_dates_date_hung_on_a_preposition_dates_the_clause(nlp) -> None:
    # "fell to $12 yesterday", parsed with the date on "to": it dates the fall, bounds nothing
    rows = [("Shares", 1, "nsubj", "NNS", "NOUN", "share"), ("fell", 1, "ROOT", "VBD", "VERB", "fall"),
            ("to", 1, "prep", "IN", "ADP", "to"), ("$", 4, "nmod", "$", "SYM", "$"),
            ("12", 2, "pobj", "CD", "NUM", "12"), ("yesterday", 2, "npadvmod", "NN", "NOUN", "yesterday"),
            (".", 1, "punct", ".", "PUNCT", ".")]
    assert _date_of_parse(nlp, rows, "fell", [("yesterday", "2024-04-30")]) == ("2024-04-30", "clause")


def test_dates_setting_hung_on_a_figure_is_the_clauses(nlp) -> None:
    # "closed at $40 in trading yesterday", parsed with "in trading" on the price
    rows = [("Shares", 1, "nsubj", "NNS", "NOUN", "share"), ("closed", 1, "ROOT", "VBD", "VERB", "close"),
            ("at", 1, "prep", "IN", "ADP", "at"), ("$", 4, "nmod", "$", "SYM", "$"),
            ("40", 2, "pobj", "CD", "NUM", "40"), ("in", 4, "prep", "IN", "ADP", "in"),
            ("trading", 5, "pobj", "NN", "NOUN", "trading"),
            ("yesterday", 1, "npadvmod", "NN", "NOUN", "yesterday"), (".", 1, "punct", ".", "PUNCT", ".")]
    assert _date_of_parse(nlp, rows, "trading", [("yesterday", "2024-04-30")]) == ("2024-04-30", "clause")
    # hung on a noun that is no figure, the phrase is not the clause's setting
    rows[4] = ("shops", 2, "pobj", "NNS", "NOUN", "shop")
    assert _date_of_parse(nlp, rows, "trading", [("yesterday", "2024-04-30")])[1] != "clause"


@pytest.mark.parametrize(
    ("text", "word", "timexes", "expected"),
    [
        # the object of an aspectual verb is what it begins or ends, at its time
        ("The firm completed the purchase yesterday.", "purchase", [("yesterday", "2024-04-30")],
         "2024-04-30"),
        ("The rebels ended their siege on Monday.", "siege", [("Monday", "2024-04-29")], "2024-04-29"),
    ],
)
def test_dates_aspectual_verb_dates_its_object(nlp, text, word, timexes, expected) -> None:
    assert _date_of(nlp, text, word, timexes)[0] == expected


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        # coordinated event nouns share their modifiers
        ("Traders watched Tuesday's auctions and sales closely.", "sales", "2024-04-30"),
        ("Observers praised Monday's talks and meetings in Geneva.", "meetings", "2024-04-29"),
    ],
)
def test_dates_coordinated_nouns_share_their_date(nlp, text, word, expected) -> None:
    day = ("Tuesday", "2024-04-30") if "Tuesday" in text else ("Monday", "2024-04-29")
    assert _date_of(nlp, text, word, [day])[0] == expected


@pytest.mark.parametrize(
    ("text", "timexes", "expected"),
    [
        # a date counted back from the telling under an infinitive tells when the governor
        # happened: the later act the infinitive names cannot be that day
        ("The mayor invited the rebels to return two weeks ago.", [("two weeks ago", "2024-W16")],
         "2024-W16"),
        ("The mayor invited the rebels to return yesterday.", [("yesterday", "2024-04-30")], "2024-04-30"),
        # a day named on the calendar may be the day the infinitive's act was set for
        ("The mayor invited the rebels to return on Monday.", [("Monday", "2024-04-29")], "2024-05-01"),
    ],
)
def test_dates_backward_date_under_an_infinitive_dates_its_governor(nlp, text, timexes, expected) -> None:
    assert _date_of(nlp, text, "invited", timexes)[0] == expected


@pytest.mark.parametrize(
    ("value", "day", "expected"),
    [
        ("2023", "2024-05-01", True),
        ("2024-04", "2024-05-01", True),
        ("2024-05", "2024-05-01", False),
        ("2024-W16", "2024-05-01", True),
        ("2024-Q2", "2024-05-01", False),
        ("2024-04-30", "2024-05-01", True),
        ("2024-05-01", "2024-05-01", False),
    ],
)
def test_dates_ends_before_reads_every_calendar_granularity(value, day, expected) -> None:
    from datetime import date

    from storyline.extractors.events.dates import ends_before

    assert ends_before(value, date.fromisoformat(day)) is expected


@pytest.mark.parametrize(
    ("text", "trigger", "surface", "value"),
    [
        # an event noun its own modifier dates in the past happened then, whatever the
        # clause around it tells ("is serving", "pending")
        ("Omar Haidari is serving a life sentence for the March 2019 assassination of Mayor Ken Aldo.",
         "assassination", "March 2019", "2019-03"),
        ("The rebel leader kept his fighters home pending talks with President Ruto two weeks ago.",
         "talks", "two weeks ago", "2024-04-17"),
    ],
)
def test_dates_noun_dated_in_the_past_occurred(code_events, text, trigger, surface, value) -> None:
    coded = code_events(text, timexes=[(surface, value)])
    event = coded.by_trigger(trigger)
    assert (event.date, event.status) == (value, "occurred")


@pytest.mark.parametrize(
    ("text", "word", "timexes", "expected"),
    [
        # a day right after an event noun with its own agent dates the noun, though the
        # parse hangs it on the verb
        ("The council had denounced Ruritania's annexation of the islands on March 4.",
         "annexation", [("March 4", "2024-03-04")], "2024-03-04"),
        # a noun with no agent of its own is kept apart from the verb's day
        ("The council condemned the protest on Sunday.", "protest", [("Sunday", "2024-04-28")],
         "2024-05-01"),
        # an agent named by "from" or "by" is the noun's own too
        ("The minister dismissed threats from the rebels on Monday.", "threats",
         [("Monday", "2024-04-29")], "2024-04-29"),
        ("The council condemned an attack by the militia on Sunday.", "attack",
         [("Sunday", "2024-04-28")], "2024-04-28"),
    ],
)
def test_dates_day_after_an_agentive_event_noun_dates_it(nlp, text, word, timexes, expected) -> None:
    assert _date_of(nlp, text, word, timexes)[0] == expected
