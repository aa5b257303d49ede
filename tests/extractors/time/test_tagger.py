"""Temporal tagging and TIMEX3 normalization (storyline.extractors.time.tagger)."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.extractors.time.tagger import extract_timexes, select, tag
from storyline.nlp import make_doc

D = date(2025, 4, 24)  # a Thursday, ISO week 17


def found(text: str, published: date | None = D, nlp=None) -> list[tuple[str, str | None]]:
    """(text, value) of each expression: rules only, or through a parsed Doc."""
    if nlp is None:
        return [(t.text, t.value) for t in tag(text, published)]
    doc = nlp(make_doc(nlp, text, published))
    assert not doc._.errors
    return [(t.text, t.value) for t in doc._.timexes]


def value_of(text: str, phrase: str, published: date | None = D, nlp=None) -> str | None:
    hits = [v for t, v in found(text, published, nlp) if t == phrase]
    assert hits, f"{phrase!r} not tagged in {found(text, published, nlp)}"
    return hits[0]


# --- calendar dates -------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("It happened on April 24, 2025.", [("April 24, 2025", "2025-04-24")]),
    ("It happened on 24 April 2025.", [("24 April 2025", "2025-04-24")]),
    ("It happened in July 2024.", [("July 2024", "2024-07")]),
    ("It was transferred in 1954.", [("1954", "1954")]),
    ("Growth slowed in the 1990s.", [("the 1990s", "199")]),
    ("Sales peaked in the late '80s.", [("the late '80s", "198")]),
    ("It lasted through the 20th century.", [("the 20th century", "19")]),
    ("The file is dated 2025-04-24.", [("2025-04-24", "2025-04-24")]),
    ("The file is dated 12/25/2024.", [("12/25/2024", "2024-12-25")]),
    ("Profit rose in Q3 2024.", [("Q3 2024", "2024-Q3")]),
    ("Profit rose in the third quarter of 2024.", [("the third quarter of 2024", "2024-Q3")]),
    ("Sales in fiscal 2024 fell.", [("fiscal 2024", "2024")]),
    ("It opened in the summer of 2024.", [("the summer of 2024", "2024-SU")]),
    ("Growth resumed in mid-2024.", [("mid-2024", "2024")]),
    ("Prices rose in early 1990.", [("early 1990", "1990")]),
    ("The plan runs to the end of 2026.", [("the end of 2026", "2026")]),
    ("The data cover 2025-W17.", [("2025-W17", "2025-W17")]),
    ("They met on Christmas 2024.", [("Christmas 2024", "2024-12-25")]),
    ("They met on Thanksgiving 2024.", [("Thanksgiving 2024", "2024-11-28")]),
    ("They met on Easter 2025.", [("Easter 2025", "2025-04-20")]),
    ("In nineteen ninety-six the bomb went off.", [("nineteen ninety-six", "1996")]),
    ("By the year two thousand it was over.", [("the year two thousand", "2000")]),
    ("It was a leap day: Feb. 29, 2024.", [("Feb. 29, 2024", "2024-02-29")]),
])
def test_tagger_calendar_dates(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(("text", "published", "expected"), [
    # a date without its year takes the year closest to the publication date
    ("They clashed on Feb. 28.", D, [("Feb. 28", "2025-02-28")]),
    ("The deal was due to be signed in March.", D, [("March", "2025-03")]),
    ("Talks resume on Jan. 2.", date(2024, 12, 30), [("Jan. 2", "2025-01-02")]),
    ("Talks ended on Dec. 30.", date(2025, 1, 3), [("Dec. 30", "2024-12-30")]),
    ("The report came out in December.", date(2025, 1, 10), [("December", "2024-12")]),
    # leap day without a year: the leap year next to the publication date
    ("It happened on Feb. 29.", date(2025, 3, 1), [("Feb. 29", "2024-02-29")]),
    # "Sept." and "Feb." abbreviations, with a sentence-final period
    ("It closed on Sept. 30.", date(1989, 11, 2), [("Sept. 30", "1989-09-30")]),
    # last / this / next with a month or a weekday
    ("It fell last December.", D, [("last December", "2024-12")]),
    ("It opens next March.", D, [("next March", "2026-03")]),
    ("They met last Friday.", D, [("last Friday", "2025-04-18")]),
    ("They meet next Tuesday.", D, [("next Tuesday", "2025-04-29")]),
    ("They meet again in January this year.", date(2025, 6, 1),
     [("January this year", "2025-01")]),
])
def test_tagger_dates_without_year(text, published, expected):
    assert found(text, published) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a range is two expressions, TimeML style
    ("Talks ran April 21-23.", [("April 21", "2025-04-21"), ("23", "2025-04-23")]),
    ("Talks ran April 21-23, 2024.", [("April 21", "2024-04-21"), ("23, 2024", "2024-04-23")]),
    ("It was built in 2014-2015.", [("2014", "2014"), ("2015", "2015")]),
])
def test_tagger_ranges(text, expected):
    assert found(text) == expected


# --- deictic expressions (counted from the publication date) ---------------------------

@pytest.mark.parametrize(("text", "published", "expected"), [
    ("Zelenskyy spoke yesterday.", date(2025, 1, 1), [("yesterday", "2024-12-31")]),
    ("Zelenskyy speaks tomorrow.", date(2024, 12, 31), [("tomorrow", "2025-01-01")]),
    ("It was agreed 44 days ago.", D, [("44 days ago", "2025-03-11")]),
    ("It was agreed two weeks ago.", D, [("two weeks ago", "2025-W15")]),
    ("It was agreed a decade ago.", D, [("a decade ago", "2015")]),
    ("It will be finalized this week.", D, [("this week", "2025-W17")]),
    ("He travelled at the start of this week.", D, [("the start of this week", "2025-W17")]),
    ("Prices rose last month.", date(2025, 1, 15), [("last month", "2024-12")]),
    ("Elections are due next year.", D, [("next year", "2026")]),
    ("Earnings fell this quarter.", D, [("this quarter", "2025-Q2")]),
    ("It rained this morning.", D, [("this morning", "2025-04-24TMO")]),
    ("Shots were heard last night.", D, [("last night", "2025-04-23TNI")]),
    ("He speaks tonight.", D, [("tonight", "2025-04-24TNI")]),
    ("He spoke early yesterday.", D, [("early yesterday", "2025-04-23")]),
    ("It will close later this month.", D, [("later this month", "2025-04")]),
    ("It happened earlier this year.", D, [("earlier this year", "2025")]),
    ("It happened this past weekend.", D, [("this past weekend", "2025-W16-WE")]),
    ("Profit was $2.1 million a year earlier.", D, [("a year earlier", "2024")]),
    ("It began a week or so ago.", D, [("a week or so ago", "2025-W16")]),
    ("It was ailing just months ago.", D, [("months ago", "PAST_REF")]),
])
def test_tagger_deictic(text, published, expected):
    assert found(text, published) == expected


@pytest.mark.parametrize(("text", "published", "expected"), [
    # ISO week 53 and year boundaries
    ("It will be finalized this week.", date(2020, 12, 31), [("this week", "2020-W53")]),
    ("It was signed last week.", date(2021, 1, 4), [("last week", "2020-W53")]),
    ("It is due next week.", date(2026, 12, 24), [("next week", "2026-W53")]),
    ("It is due next week.", date(2026, 12, 31), [("next week", "2027-W01")]),
    ("It was signed last year.", date(2025, 1, 1), [("last year", "2024")]),
])
def test_tagger_week_53_and_year_boundaries(text, published, expected):
    assert found(text, published) == expected


# --- anaphoric expressions (counted from the narrative's reference time) -------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("On April 18, Rubio spoke. On the same day, Ukraine signed a memorandum.",
     [("April 18", "2025-04-18"), ("the same day", "2025-04-18")]),
    ("Separatists broke away in 2014, and Russia annexed it later that year.",
     [("2014", "2014"), ("later that year", "2014")]),
    ("Talks began on March 3. The following week, they collapsed.",
     [("March 3", "2025-03-03"), ("The following week", "2025-W11")]),
    ("He arrived on April 18 and left the next day.",
     [("April 18", "2025-04-18"), ("the next day", "2025-04-19")]),
    ("The attack came on May 9, 2023. The previous day, troops had massed.",
     [("May 9, 2023", "2023-05-09"), ("The previous day", "2023-05-08")]),
    ("In 1991 Ukraine became independent; the following year, it joined the IMF.",
     [("1991", "1991"), ("the following year", "1992")]),
])
def test_tagger_anaphoric(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # "the day before" alone is the previous day; before a clause it is not a date
    ("He arrived on April 18. The day before, talks failed.",
     [("April 18", "2025-04-18"), ("The day before", "2025-04-17")]),
    ("He was last seen April 18, the day before police issued a warrant.",
     [("April 18", "2025-04-18")]),
    ("She spent five hours there later in the day before returning home.",
     [("five hours", "PT5H"), ("the day", "2025-04-24")]),
])
def test_tagger_day_before(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # "today is the eighth day of …" is the publication day; an ordinal day alone is not
    ("Today is the eighth day of the blockade.", [("Today", "2025-04-24"),
                                                  ("the eighth day", "2025-04-24")]),
    ("It's the second day of an offensive.", [("the second day", "2025-04-24")]),
    ("He won on the third day of the tournament.", []),
    # a part of day after a preposition belongs to the reference day
    ("On April 18, dealers placed orders in the morning.",
     [("April 18", "2025-04-18"), ("the morning", "2025-04-18TMO")]),
    ("She died on the night of April 18.", [("April 18", "2025-04-18")]),
    # "the year" before an amount is the reference year, before "of" + a noun it is not
    ("Shares rose to a high for the year of $42 in June.",
     [("the year", "2025"), ("June", "2025-06")]),
    ("It was the year of the dragon.", []),
])
def test_tagger_reference_days(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(("text", "published", "expected"), [
    # after a quarter, "a year earlier" is that quarter a year before ...
    ("Third-quarter profit rose to $5 million from $4 million a year earlier.",
     date(1989, 11, 2), [("Third-quarter", "1989-Q3"), ("a year earlier", "1988-Q3")]),
    # ... but after a year-to-date span it is the year before
    ("Third-quarter profit rose. For the nine months, profit fell from $9 million "
     "a year earlier.", date(1989, 11, 2),
     [("Third-quarter", "1989-Q3"), ("the nine months", "P9M"), ("a year earlier", "1988")]),
    ("For the first nine months, net was $30 million, against a loss in the 1988 period.",
     date(1989, 11, 2), [("the first nine months", "P9M"), ("the 1988 period", "1988")]),
    # the reporting period holds for a few sentences
    ("Third-quarter profit rose 19%. Sales grew. Costs fell. Margins widened. Profit was "
     "helped by prices higher than a year ago.", date(1989, 11, 2),
     [("Third-quarter", "1989-Q3"), ("a year ago", "1988-Q3")]),
    # "the quarter" stays the quarter whatever span came after it
    ("Third-quarter profit rose. For the nine months, profit fell. In the quarter, "
     "sales grew.", date(1989, 11, 2),
     [("Third-quarter", "1989-Q3"), ("the nine months", "P9M"), ("the quarter", "1989-Q3")]),
    ("Net for the year-earlier nine months included a gain.", date(1989, 11, 2),
     [("the year-earlier nine months", "P9M")]),
])
def test_tagger_reporting_periods(text, published, expected):
    assert found(text, published) == expected



# --- durations, sets, references, clock times ----------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("The war has lasted three years.", [("three years", "P3Y")]),
    ("They waited 44 days.", [("44 days", "P44D")]),
    ("He served 2 1/2 years.", [("2 1/2 years", "P2Y6M")]),
    ("It lasted a minute and a half.", [("a minute and a half", "PT1M30S")]),
    ("She testified for more than four hours.", [("more than four hours", "PT4H")]),
    ("Stocks plunged in the past three months.", [("the past three months", "P3M")]),
    ("No progress in the next few days.", [("the next few days", "PXD")]),
    ("They have fought for decades.", [("decades", "PXDE")]),
    ("A two-week visit began.", [("two-week", "P2W")]),
    ("Wait half an hour.", [("half an hour", "PT30M")]),
    ("The 30-year bond fell.", [("30-year", "P30Y")]),
    ("It meets every Thursday.", [("every Thursday", "XXXX-WXX-4")]),
    ("The agency publishes daily.", [("daily", "P1D")]),
    ("They march each July.", [("each July", "XXXX-07")]),
    ("They meet twice a week.", [("twice a week", "P1W")]),
    ("He is now in Kyiv.", [("now", "PRESENT_REF")]),
    ("He recently moved.", [("recently", "PAST_REF")]),
    ("It may happen in the future.", [("the future", "FUTURE_REF")]),
    ("He is currently abroad.", [("currently", "PRESENT_REF")]),
    ("The blast came at 10:35 a.m.", [("10:35 a.m.", "2025-04-24T10:35")]),
    ("Talks broke off at noon Thursday.", [("noon Thursday", "2025-04-24T12:00")]),
    ("The offer expires at 5 p.m. EST Nov. 6.", [("5 p.m. EST Nov. 6", "2024-11-06T17:00")]),
    ("He left around 7:15 p.m.", [("around 7:15 p.m.", "2025-04-24T19:15")]),
    # adjectival "current" is PRESENT_REF (TimeBank); not in financial compounds
    ("It blamed current market conditions.", [("current", "PRESENT_REF")]),
    ("The current account deficit widened.", []),
    ("He swam against the current of the river.", []),
    # a number-unit adjective with its period noun; a span ahead; sets of quarters
    ("He was charged over a three-year period.", [("a three-year period", "P3Y")]),
    ("The loan has a one-year term.", [("a one-year term", "P1Y")]),
    ("Investors may sell in the weeks ahead.", [("the weeks ahead", "PXW")]),
    ("It pays interest every quarter.", [("every quarter", "P1Q")]),
    ("A quarter of the vote went to him.", []),
    # the vague past of "recent years" is PAST_REF; recent weeks stay a vague duration
    ("Kidnappings rose in recent years.", [("recent years", "PAST_REF")]),
    ("Funds sold bonds in recent weeks.", [("recent weeks", "PXW")]),
    # coordinated weekdays sharing a plural part of day are two sets
    ("Flights leave on Monday and Tuesday nights.",
     [("Monday", "XXXX-WXX-1TNI"), ("Tuesday nights", "XXXX-WXX-2TNI")]),
    # "a fiscal year" is a kind of period, "the fiscal year" a date
    ("It changed from a fiscal year to a calendar year.", [("a calendar year", "P1Y")]),
    ("Profit should rise throughout the fiscal year.", [("the fiscal year", "2025")]),
])
def test_tagger_durations_sets_refs_times(text, expected):
    assert found(text) == expected


# --- without a publication date -------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("They met on April 24.", [("April 24", "XXXX-04-24")]),
    ("They met on Feb. 28.", [("Feb. 28", "XXXX-02-28")]),
    ("They met yesterday.", [("yesterday", "XXXX-XX-XX")]),
    ("They meet this week.", [("this week", "XXXX-WXX")]),
    ("They met on Monday.", [("Monday", "XXXX-WXX-1")]),
    ("They met in 2014, and again on April 24.", [("2014", "2014"), ("April 24", "2014-04-24")]),
    ("The war began in 2014. It lasted three years.", [("2014", "2014"), ("three years", "P3Y")]),
])
def test_tagger_without_publication_date(text, expected):
    assert found(text, None) == expected


# --- what is not a time expression -------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "It happened on the 45th of Smarch.",
    "The code was 99/99/9999.",
    "You may leave now if you wish.".replace(" now", ""),
    "Protesters march toward the square.",
    "The Sunday Times reported it first.",
    "Norway shares a 123-mile border with Russia.",
    "The donation of $2014 was returned.",
    "A 52-year-old man was arrested.",
    "Theresa May spoke to reporters.",
    "He won a second term.",
    "Iraq imports three-quarters of its food.",
    "The then-leader of the Soviet Union visited.",
    "Their former president resigned.",
    "February 30 does not exist.",
    "Feb. 29, 2023 does not exist.",
    "It scored 1500 points.",
    "It costs $1 million a year.",  # a rate, untagged as in TimeBank
])
def test_tagger_negatives(text):
    assert found(text) == []


# --- rules that need the parse: tense and part of speech ------------------------------------

@pytest.mark.model
@pytest.mark.parametrize(("text", "phrase", "expected"), [
    # weekdays go the way of the tense of the governing verb
    ("Trump said on Monday that talks would continue.", "Monday", "2025-04-21"),
    ("Trump will meet Putin on Monday.", "Monday", "2025-04-28"),
    ("The minister was killed late Sunday.", "late Sunday", "2025-04-20"),
    ("The summit opens a week from Friday.", "a week from Friday", "2025-05-02"),
    # a bare month far from the publication date: the tense picks the year
    ("The treaty was signed in December.", "December", "2024-12"),
    ("The treaty will be signed in December.", "December", "2025-12"),
    # the narrative year anchors a month named in the same past-tense sentence
    ("Separatists broke away in 2014, and Russia annexed Crimea in March.", "March", "2014-03"),
])
def test_tagger_tense_anchoring(nlp, text, phrase, expected):
    assert value_of(text, phrase, nlp=nlp) == expected


MON = date(2025, 10, 20)  # a Monday


@pytest.mark.model
@pytest.mark.parametrize(("text", "phrase", "expected"), [
    # a past-tense verb governing the date itself beats proximity ...
    ("In January, the company hired a new chief executive.", "January", "2025-01"),
    ("The insurer changed its fiscal year in December.", "December", "2024-12"),
    # ... but not through a noun, a deadline preposition or an infinitive
    ("The board declared a dividend payable Jan. 15.", "Jan. 15", "2026-01-15"),
    ("The bank extended the offer to Nov. 20.", "Nov. 20", "2025-11-20"),
    ("The parent asked the unit to respond by Nov. 3.", "Nov. 3", "2025-11-03"),
    ("Guidelines to be published in early November will decide it.", "early November",
     "2025-11"),
    # a plan in the pluperfect is loose evidence: near dates stay near
    ("The offer had been set to expire Nov. 6.", "Nov. 6", "2025-11-06"),
    ("It had been due to expire Friday evening.", "Friday evening", "2025-10-17TEV"),
    # scheduling verbs and "be to" point ahead; a plan in the simple past does not
    ("The company has scheduled a news conference Thursday.", "Thursday", "2025-10-23"),
    ("Trading is to resume Tuesday.", "Tuesday", "2025-10-21"),
    ("A memorial service planned for Saturday was canceled.", "Saturday", "2025-10-18"),
    # an infinitive complement looks ahead of its past-tense governor; a purpose clause not
    ("Thermo agreed to buy the line in April.", "April", "2026-04"),
    ("Thermo bought the line in April.", "April", "2025-04"),
    ("He flew to Kabul to meet the president on Friday.", "Friday", "2025-10-17"),
    # a gerund has no tense of its own: the finite verb decides
    ("Stocks rose, leaving the index near the high it reached in August.", "August", "2025-08"),
])
def test_tagger_tense_evidence(nlp, text, phrase, expected):
    assert value_of(text, phrase, MON, nlp=nlp) == expected


@pytest.mark.model
@pytest.mark.parametrize(("text", "expected"), [
    ("May I ask a question?", []),
    ("It may rain in May.", [("May", "2025-05")]),
    ("March forward, they said in March.", [("March", "2025-03")]),
    ("About 2000 troops arrived.", []),
    ("The 2000 Olympics were held in Sydney.", [("2000", "2000")]),
])
def test_tagger_part_of_speech(nlp, text, expected):
    assert found(text, D, nlp) == expected


@pytest.mark.model
def test_tagger_component_fills_doc_timexes(nlp, seed_text):
    assert "storyline_time" in nlp.pipe_names
    assert nlp.pipe_names.index("storyline_time") > nlp.pipe_names.index("storyline_entities")
    doc = nlp(make_doc(nlp, seed_text, date(2025, 4, 24)))
    values = {(t.text, t.value) for t in doc._.timexes}
    assert ("44 days ago", "2025-03-11") in values
    assert ("later that year", "2014") in values
    assert ("the same day", "2025-04-18") in values
    assert not any(t.text.startswith("123") for t in doc._.timexes)
    for t in doc._.timexes:
        assert seed_text[t.start:t.end] == t.text


@pytest.mark.model
@pytest.mark.shared
def test_tagger_seed_gold_values(nlp, shared_dir, seed_text):
    """Every required timex of the seed's gold has the gold value, and nothing else is tagged."""
    import json

    gold = json.loads((shared_dir / "examples" / "seed-article.gold.json").read_text("utf-8"))
    doc = nlp(make_doc(nlp, seed_text, date.fromisoformat(gold["published"])))
    line_starts = [0] + [i + 1 for i, c in enumerate(seed_text) if c == "\n"]
    found_by_line: dict[int, list[tuple[str, str | None]]] = {}
    for t in doc._.timexes:
        line = sum(1 for s in line_starts if s <= t.start)
        found_by_line.setdefault(line, []).append((t.text, t.value))
    for g in gold["timexes"]:
        if g.get("optional"):
            continue
        hits = [v for text, v in found_by_line.get(g["line"], []) if text == g["text"]]
        allowed = g["value"] if isinstance(g["value"], list) else [g["value"]]
        assert hits and hits[g.get("occurrence", 1) - 1] in allowed, g
    golden = {(g["line"], g["text"]) for g in gold["timexes"]}
    extra = [(line, text) for line, items in found_by_line.items() for text, _ in items
             if (line, text) not in golden]
    assert extra == []


@pytest.mark.model
def test_tagger_component_without_date(nlp):
    doc = nlp(make_doc(nlp, "Ukraine and Russia met on April 24.", None))
    assert [(t.text, t.value) for t in doc._.timexes] == [("April 24", "XXXX-04-24")]


def test_tagger_extract_on_unparsed_doc():
    blank = spacy.blank("en")
    doc = blank("They met yesterday and will meet again next week.")
    got = [(t.text, t.value) for t in extract_timexes(doc, D)]
    assert got == [("yesterday", "2025-04-23"), ("next week", "2025-W18")]


# --- robustness --------------------------------------------------------------------------

_WORDS = st.sampled_from([
    "April", "24", "Feb.", "28,", "May", "March", "last", "next", "week", "year", "ago", "the",
    "same", "day", "later", "that", "1990s", "mid-2024", "'80s", "Q3", "2025-04-24", "12/25",
    "99/99/9999", "-", "to", "a.m.", "noon", "every", "Thursday", "a", "half", "and", "45th",
    "of", "Smarch", "fiscal", "quarter", "third-quarter", "early", "late", "\n", ",", "'",
    "nineteen", "ninety-six", "Feb. 29", "W53", "now", "$", "%", "hours", "decade",
])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(words=st.lists(_WORDS, max_size=25), noise=st.text(max_size=40),
       published=st.one_of(st.none(), st.dates(date(1900, 1, 1), date(2099, 12, 31))))
def test_tagger_random_text_never_fails(words, noise, published):
    text = " ".join(words) + noise
    for timex in tag(text, published):
        assert 0 <= timex.start < timex.end <= len(text)
        assert text[timex.start:timex.end] == timex.text
        assert timex.value


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=200))
def test_tagger_arbitrary_unicode_never_fails(text):
    blank = spacy.blank("en")
    for timex in extract_timexes(blank(text), date(2025, 4, 24)):
        assert text[timex.start:timex.end] == timex.text


def _scan_select(cands: list) -> list:
    """select as a scan of every span taken so far (what the ordered index must agree with)."""
    ordered = sorted(enumerate(cands), key=lambda ic: (-ic[1].length, -ic[1].rule.priority, ic[0]))
    taken: list[tuple[int, int]] = []
    chosen = []
    for _, c in ordered:
        if any(c.start < e and s < c.end for s, e in taken):
            continue
        taken.append((c.start, c.end))
        if c.rule.type is not None or c.rule.emit:
            chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 50), st.integers(1, 12), st.integers(0, 2),
                          st.booleans()), max_size=25))
def test_tagger_select_keeps_longest_disjoint_as_a_scan(raw: list[tuple[int, int, int, bool]]
                                                        ) -> None:
    cands = [SimpleNamespace(start=s, end=s + n, length=n, rule=SimpleNamespace(
        priority=p, type="DATE" if typed else None, emit=()))
        for s, n, p, typed in raw]
    assert [id(c) for c in select(cands)] == [id(c) for c in _scan_select(cands)]  # type: ignore[arg-type]
