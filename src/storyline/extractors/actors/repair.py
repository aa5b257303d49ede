"""NER repair: fix the statistical model's known errors with the KB and the article itself.

Each rule is a function ``(doc, spans) -> spans`` over the named-entity spans
the model found; :data:`RULES` lists them in the order they run. Every rule was
measured on the seed and the geoparsing dev corpora (see docs/actors.md); a
rule is kept only if it does not trade one corpus against another.

Rules
- ``strip_titles``: "President Trump" tagged PERSON as a whole -> "Trump"; a
  name's trailing number word ("Tudjman four" in "Tudjman four times vetoed") is cut.
- ``split_names``: one name cut in two ("Sri" GPE + "Lankan" NORP) -> one span.
- ``headline_names``: a capitalized headline glued to a name ("Zelenskyy Points
  Finger", ORG) -> the name alone, with the name's label; likewise a KB country or
  organization followed by the headline's verb ("EU Adopts New Sanctions Package").
- ``kb_labels``: names the KB knows get the KB's label when the model's label is
  implausible (a country or US state tagged PERSON/ORG with no sign of a person;
  an international organization tagged GPE/PERSON).
- ``missed_names``: a capitalized token that repeats a person's surname or a
  one-word place name found elsewhere in the article, but was left untagged
  ("meet with Store").
- ``person_consistency``: a span that repeats a known person's surname under
  another label ("Altintas" ORG after "Mevlut Mert Altintas") -> PERSON.
- ``embedded_places``: place names inside other names ("Texas" in "Texas A&M
  University", "Turkish" in "Turkish Embassy") become names of their own, so the
  place is geocoded; the organization keeps its full name.
- ``datelines``: an untagged upper-case place opening a line ("BEIRUT (AP) —") -> GPE.
- ``county_suffix``: "Laurel" + "County" left out of the span -> "Laurel County".
- ``state_qualifiers``: an untagged state abbreviation after a town ("Fargo, N.D.") -> GPE.
- ``place_names``: a name tagged PERSON/ORG that the gazetteer knows and the text
  uses as a place ("in Mansfield", "Alexandria Police", "Fargo, N.D.") -> GPE,
  unless the article shows a person of that name.
- ``hyphen_compounds``: "U.S.-led" -> "U.S."; "Turkish-Russian" -> "Turkish",
  "Russian" (two names).
- ``known_places``: a name a reader knows as a place by itself (a country's name or
  abbreviation, a national capital, a city of 50,000 or more: "Dar es Salaam",
  "Port-au-Prince", "U.S.") left untagged, or tagged PERSON with no sign of a person and
  not a verb's subject ("Rubio said"), -> GPE;
  an untagged smaller gazetteer place with a place cue ("near Esperance", "Esperance
  residents") -> GPE.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager

from spacy.tokens import Doc, Span, Token

from ... import kb
from ..text.doc_cache import doc_text

Rule = Callable[[Doc, list[Span]], list[Span]]

#: Words after a name that show the model glued a headline onto it.
_HEADLINE_POS = frozenset({"VERB", "AUX", "ADP", "NOUN", "ADV", "PART"})
#: Labels of names (not of numbers, dates or amounts).
_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT",
                          "WORK_OF_ART", "LAW"})
#: Words that show a name is a person's ("Mr. Jordan", "Jordan said he").
_PERSON_CUES = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "lady"})


def _label(span: Span, label: str) -> Span:
    return Span(span.doc, span.start, span.end, label=label)


def strip_titles(doc: Doc, spans: list[Span]) -> list[Span]:
    """PERSON spans lose a leading title ("President Trump"); names lose a trailing
    number word the model ran on into ("Tudjman four times vetoed" -> "Tudjman")."""
    out = []
    titles = kb.title_words() | kb.title_modifiers()
    for s in spans:
        start, end = s.start, s.end
        if s.label_ == "PERSON":
            while start < end - 1 and (doc[start].lower_ in titles
                                       or doc[start].lower_ in _PERSON_CUES):
                start += 1
        if s.label_ in _NAME_LABELS:
            while end - 1 > start and doc[end - 1].like_num and doc[end - 1].is_lower:
                end -= 1
        out.append(s if (start, end) == (s.start, s.end) else Span(doc, start, end, label=s.label_))
    return out


def headline_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """A known name followed by headline words inside one span -> the name alone."""
    names = {s.text for s in spans if s.label_ == "PERSON"} | {
        s[-1].text for s in spans if s.label_ == "PERSON"}
    out = []
    for s in spans:
        if s.label_ != "PERSON" and len(s) > 1:
            # a person of the article: "Zelenskyy Points Finger" -> "Zelenskyy"
            cut, _ = _prefix(s, lambda text: "PERSON" if text in names else None)
            if cut and any(t.pos_ in _HEADLINE_POS for t in s[cut:]):
                out.append(Span(doc, s.start, s.start + cut, label="PERSON"))
                continue
            # a country or organization the KB knows, then the headline's verb:
            # "EU Adopts New Sanctions Package Against" -> "EU"
            cut, label = _prefix(s, _kb_label)
            if cut and label is not None and s[cut].pos_ == "VERB":
                out.append(Span(doc, s.start, s.start + cut, label=label))
                continue
        out.append(s)
    return out


def _kb_label(text: str) -> str | None:
    """GPE for a KB country, ORG for a KB international organization, else None."""
    if kb.country(text) is not None:
        return "GPE"
    return "ORG" if kb.igo(text) is not None else None


def _prefix(span: Span, label_of: Callable[[str], str | None]) -> tuple[int, str | None]:
    """Length and label of the longest proper token prefix of ``span`` that ``label_of``
    labels; (0, None) if none."""
    for n in range(len(span) - 1, 0, -1):
        label = label_of(span[:n].text)
        if label is not None:
            return n, label
    return 0, None


def _person_names(doc: Doc, spans: Sequence[Span]) -> frozenset[str]:
    """Texts with signs of naming a person in this article: a word of a multi-word PERSON
    name that names them alone (its last word, or the family name opening it, "Kim
    Kye-Gwan"), or a name with a courtesy title or a title word right before it. (Found once
    per article, so checking a name does not scan every span again.)"""
    out = {t.text for s in spans if s.label_ == "PERSON" for t in surnames(s)}
    for s in spans:
        if s.start > 0:
            prev = doc[s.start - 1].lower_
            if prev in _PERSON_CUES or kb.title_sector(prev):
                out.add(s.text)
    return frozenset(out)


def kb_labels(doc: Doc, spans: list[Span]) -> list[Span]:
    """Give KB-known countries, US states and organizations a plausible label."""
    out = []
    persons = _person_names(doc, spans)
    for s in spans:
        text = s.text
        label = s.label_
        # a country or admin-1 name tagged PERSON/ORG, with no sign of a person -> GPE
        if label in ("PERSON", "ORG") and _is_country_or_state(text) \
                and _bare(text) not in persons:
            out.append(_label(s, "GPE"))
            continue
        # an international organization's name or acronym tagged GPE/PERSON/NORP -> ORG
        if label in ("GPE", "PERSON", "NORP") and kb.igo(text) is not None \
                and kb.country(text) is None:
            out.append(_label(s, "ORG"))
            continue
        out.append(s)
    return out


def _bare(text: str) -> str:
    return text[4:] if text.lower().startswith("the ") else text


def _is_country_or_state(text: str) -> bool:
    if kb.country(text) is not None:
        return True
    return any(p.kind == "admin1" and not p.alias for p in kb.places(text))


def surnames(span: Span) -> list[Token]:
    """The words of a multi-word person's name that name them alone: the last word, and the
    first in the family-name-first form of a hyphenated given name ("Kim" in "Kim Kye-Gwan",
    "Roh" in "Roh Moo-hyun")."""
    if len(span) < 2:
        return []
    out = [span[-1]]
    words = span.text.split()
    if len(words) == 2 and "-" in words[1] and "-" not in words[0]:
        out.append(span[0])
    return out


def missed_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """Untagged repeats of names found elsewhere: a person's surname, or a place name."""
    covered = {i for s in spans for i in range(s.start, s.end)}
    single: dict[str, str] = {}
    for s in spans:
        if s.label_ == "PERSON":
            for t in surnames(s):
                if t.is_title:
                    single.setdefault(t.text, "PERSON")
    for s in spans:
        if s.label_ in ("GPE", "LOC") and len(s) == 1 and (s[0].is_title or s[0].is_upper):
            single.setdefault(s.text, s.label_)
    added: list[Span] = []
    if single:
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, sorted(single))) + r")(?!\w)")
        for m in pattern.finditer(doc_text(doc)):
            span = doc.char_span(m.start(), m.end())
            if span is None or len(span) != 1 or span.start in covered \
                    or not _name_like(span[0]):
                continue
            added.append(Span(doc, span.start, span.end, label=single[m.group()]))
    return sorted([*spans, *added], key=lambda s: s.start)


def _name_like(tok: Token) -> bool:
    """Capitalized, not sentence-initial unless tagged a proper noun, not a possessive pronoun."""
    if not (tok.is_title or (tok.is_upper and len(tok) > 2)) or tok.is_stop:
        return False
    return tok.pos_ == "PROPN" or not tok.is_sent_start


def person_consistency(doc: Doc, spans: list[Span]) -> list[Span]:
    """Spans repeating a multi-word person's surname get that person's label."""
    names = {t.text for s in spans if s.label_ == "PERSON" for t in surnames(s)}
    return [_label(s, "PERSON") if s.label_ in ("ORG", "GPE", "NORP", "FAC") and len(s) == 1
            and s.text in names else s for s in spans]


def given_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """An untagged given name right before a person's tagged surname joins it ("Interior
    Minister Meral Aksener" tagged "Aksener"): a capitalized proper noun that the parse
    makes part of the name, and that is no title, courtesy title or country word."""
    taken = {i for s in spans for i in range(s.start, s.end)}
    out = []
    for s in spans:
        start = s.start
        while s.label_ == "PERSON" and start > 0:
            t = doc[start - 1]
            if t.i in taken or t.pos_ != "PROPN" or not t.is_title or t.dep_ != "compound" \
                    or not (s.start <= t.head.i < s.end) or t.lower_ in _PERSON_CUES \
                    or kb.title_sector(t.lower_) or t.lower_ in kb.title_modifiers() \
                    or kb.country_of_any(t.text) is not None:
                break
            start -= 1
        out.append(s if start == s.start else Span(doc, start, s.end, label=s.label_))
    return out


_PARTY_WORDS = frozenset({"party", "Party", "PARTY"})


def party_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """A group's name right before "party" names the party ("the Greens party", "the
    Socialist Party" tagged NORP) -> ORG spanning "party"."""
    taken = {i for s in spans for i in range(s.start, s.end)}
    out = []
    for s in spans:
        if s.label_ == "NORP" and s.end < len(doc) and doc[s.end].text in _PARTY_WORDS \
                and s.end not in taken and kb.country_by_demonym(s.text) is None:
            out.append(Span(doc, s.start, s.end + 1, label="ORG"))
            continue
        out.append(s)
    return out


#: Second halves of hyphenated modifiers that are not part of a name ("U.S.-led").
_HYPHEN_SUFFIXES = frozenset({"led", "based", "backed", "born", "made", "owned", "run", "funded",
                              "brokered", "controlled", "held", "allied", "style", "bound"})
_HYPHEN_SUFFIX = re.compile(r"[-‐‑](?:" + "|".join(sorted(_HYPHEN_SUFFIXES)) + r")$",
                            re.IGNORECASE)


def without_hyphen_suffix(text: str) -> str:
    """ "U.S.-led" -> "U.S." (the tokenizer may keep such a word whole)."""
    return _HYPHEN_SUFFIX.sub("", text)


def hyphen_compounds(doc: Doc, spans: list[Span]) -> list[Span]:
    """Trim "-led"-style suffixes off names; split "Turkish-Russian" into two names."""
    out = []
    for s in spans:
        hy = [t.i for t in s if t.text == "-" and not t.whitespace_ and t.i > s.start]
        if s.label_ not in ("GPE", "NORP") or not hy:
            out.append(s)
            continue
        i = hy[0]
        tail = doc[i + 1:s.end]
        if tail.text.lower() in _HYPHEN_SUFFIXES:
            out.append(Span(doc, s.start, i, label=s.label_))
            continue
        head = doc[s.start:i]
        if len(hy) == 1 and kb.country_of_any(head.text) and kb.country_of_any(tail.text):
            out.append(Span(doc, s.start, i, label=s.label_))
            out.append(Span(doc, i + 1, s.end, label=s.label_))
            continue
        out.append(s)
    return out


#: Labels of names that may embed a place name ("Texas A&M University", "Air Berlin").
_EMBEDDING_LABELS = frozenset({"ORG", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"})
#: Kinds of gazetteer entries that count as an embedded place whatever their size.
_EMBEDDED_KINDS = frozenset({"country", "admin1", "admin2", "continent"})
_EMBEDDED_CITY_MIN_POPULATION = 15_000
_EMBEDDED_LEADING_MIN_POPULATION = 2_000
_EMBEDDED_ALIAS_MIN_POPULATION = 100_000
_EMBEDDED_MAX_TOKENS = 3
#: First words after a town's name in the names of its own services and offices.
_LOCAL_SERVICE_WORDS = frozenset({"police", "fire", "volunteer", "municipal", "board", "city",
                                  "town", "township", "village", "borough", "public", "senior",
                                  "high", "middle", "elementary", "superintendent", "library"})


#: Words that are also the names of towns somewhere ("University", FL; "Union", NJ) but,
#: inside an organization's name, are part of that name.
_GENERIC_NAME_WORDS = frozenset({
    "university", "college", "school", "academy", "institute", "hospital", "clinic", "airport",
    "station", "centre", "center", "park", "church", "cathedral", "museum", "gallery", "court",
    "department", "office", "press", "news", "times", "post", "bank", "club", "city", "county",
    "state", "national", "international", "royal", "union", "federal", "republic", "central",
    "general", "united", "valley", "river", "lake", "mountain", "beach", "harbour", "harbor",
    "village", "town", "district", "council", "police", "fire", "water", "energy", "power",
    "health", "medical", "memorial", "community", "foundation", "society", "association",
    "trust", "group", "company", "corporation", "industries", "market", "mall",
    "square", "hill", "heights", "springs", "falls", "bay", "point", "port", "island", "islands",
    "home", "house", "hall", "garden", "gardens", "field", "fields", "green", "grove", "view",
    "victoria", "washington", "lincoln", "jackson", "franklin", "madison", "hamilton", "columbia",
    "christ", "trinity", "grace", "hope", "liberty", "independence", "freedom", "justice",
    "democratic", "republican", "liberal", "labour", "labor", "social", "people", "workers",
})


def _embedded_label(text: str, min_population: int = _EMBEDDED_CITY_MIN_POPULATION
                    ) -> str | None:
    """GPE/NORP if ``text`` names a country, demonym, admin-1 region or sizeable city."""
    if text.casefold() in _GENERIC_NAME_WORDS:
        return None
    if kb.country(text) is not None:
        return "GPE"
    # an organization's acronym is not a town of that name ("UN" in "UN Human Rights Commission")
    if kb.igo(text) is not None:
        return None
    if kb.country_by_demonym(text) is not None:
        return "NORP"
    for p in kb.places(text):
        # abbreviations ("N.J.", "Ky.") and short names of big cities ("New York") are
        # alternate names; a county's other full form ("Mayo County" for "County Mayo") counts
        if p.alias and not (p.kind == "admin1" or (
                " " in text and p.population >= _EMBEDDED_ALIAS_MIN_POPULATION) or (
                p.kind == "admin2" and _COUNTY_WORDS & set(text.split()))):
            continue
        if p.kind in _EMBEDDED_KINDS or (p.kind == "city" and p.population >= min_population):
            return "GPE"
    return None


def _town(text: str) -> bool:
    """A town or village the gazetteer holds under this very name, whatever its size."""
    return text.casefold() not in _GENERIC_NAME_WORDS and any(
        p.kind in ("city", "town") and not p.alias for p in kb.places(text))


def _capitalized(tok: Token) -> bool:
    return tok.text[:1].isupper()


def embedded_places(doc: Doc, spans: list[Span]) -> list[Span]:
    """Place names inside organization, facility or event names ("Texas" in "Texas A&M
    University", "Turkish" in "Turkish Embassy") become names of their own."""
    added: list[Span] = []
    for s in spans:
        if len(s) < 2 or _embedded_label(s.text) or kb.igo(s.text) is not None:
            continue
        # a place-typed name the gazetteer does not know may still embed one
        # ("Alachua County Sheriff", "West Virginia Democratic Party")
        if s.label_ not in _EMBEDDING_LABELS and not (
                s.label_ in ("GPE", "LOC") and not kb.places(s.text)) and not (
                s.label_ == "PERSON" and s[-1].lower_ in _PLACE_HEADS):
            continue
        # a body CAMEO's actor dictionaries name as one actor holds only places of its own
        # country ("US State Department", USAGOV), none of another ("Khmer Rouge", KHMREB)
        known = kb.organization(s.text) if s.label_ in ("ORG", "NORP") else None
        inner: list[Span] = []
        i = s.start
        while i < s.end:
            found = None
            for n in range(min(_EMBEDDED_MAX_TOKENS, s.end - i), 0, -1):
                sub = doc[i:i + n]
                if (i, i + n) == (s.start, s.end) or not all(_capitalized(t) for t in sub) \
                        or sub[0].lower_ == "the":
                    continue
                # a town opening an institution's name ("Litchfield Superior Court") may be small
                floor = _EMBEDDED_LEADING_MIN_POPULATION if i == s.start \
                    else _EMBEDDED_CITY_MIN_POPULATION
                label = _embedded_label(sub.text, floor)
                # a town's own services ("Cookville Volunteer Fire Department") name the
                # town, however small it is
                if label is None and i == s.start and i + n < s.end \
                        and doc[i + n].lower_ in _LOCAL_SERVICE_WORDS \
                        and _town(sub.text):
                    label = "GPE"
                if label is not None:
                    found = Span(doc, i, i + n, label=label)
                    break
            if found is not None and known is not None \
                    and all(p.country != known[0] for p in kb.places(found.text)):
                found = None
            if found is not None:
                inner.append(found)
                i = found.end
            else:
                i += 1
        # a feature named by a river or sea and a landform ("Danube Delta", "Mekong Delta"):
        # the landform word is no place of its own
        if s.label_ in ("GPE", "LOC") and inner and inner[-1].end == s.end \
                and inner[-1].start > s.start \
                and any(p.kind == "water" for p in kb.places(doc[s.start:inner[-1].start].text)):
            inner.pop()
        added.extend(inner)
    return sorted([*spans, *added], key=lambda s: (s.start, -s.end))


#: Words before a name that show it is a place: "in Mansfield", "near Oxford".
_LOCATIVE = frozenset({"in", "at", "from", "near", "outside", "into", "across", "around",
                       "to", "toward", "towards", "through", "throughout", "between", "north",
                       "south", "east", "west", "downtown", "suburban", "of"})
#: Words after a name that show it is a place: "Alexandria Police", "Fargo residents".
_PLACE_HEADS = frozenset({"police", "county", "city", "residents", "resident", "area",
                          "township", "mayor", "native", "natives", "officials", "schools",
                          # an administrative division named by its type: "the Artibonite
                          # region", "Wedza district"
                          "region", "province", "district", "governorate", "prefecture"})
#: Of those, the ones that show a place even before a name the model did not tag at all
#: ("near Esperance"; not "at Christmas", "of Commerce").
_STRONG_LOCATIVE = _LOCATIVE - {"of", "at", "to", "from", "into", "through", "toward",
                                "towards"}
#: Words that join the items of a list.
_LIST_JOINERS = frozenset({",", "and", "or"})
#: Words a name qualifies as where someone lives: "a Chapin man", "an Alexandria woman".
_RESIDENT_HEADS = frozenset({"man", "woman", "boy", "girl", "teen", "teenager", "couple",
                             "family", "youth"})
#: Places the relabelling accepts: small towns count only when the text shows a place.
_PLACE_NAME_MIN_POPULATION = 1000


def _gazetteer_place(text: str) -> bool:
    for p in kb.places(text):
        if p.alias:
            continue
        if p.kind in ("admin1", "admin2", "country", "region") or (
                p.kind == "city" and p.population >= _PLACE_NAME_MIN_POPULATION):
            return True
    return False


def _dateline(doc: Doc, span: Span) -> bool:
    """An upper-case name opening a line or sentence and followed by ",", "—", "(" or ":":
    "BEIRUT (AP) —", "XENIA, Ohio —", "BEIRUT: …"."""
    prev = doc[span.start - 1] if span.start > 0 else None
    at_line_start = prev is None or "\n" in prev.text_with_ws or prev.text in (".", "”", '"')
    nxt = doc[span.end] if span.end < len(doc) else None
    if not (at_line_start and span.text.isupper() and nxt is not None):
        return False
    # a dash glued to the next word ("BEIJING --At least") is the dateline's dash
    if nxt.text in (",", "(", ":") or nxt.text.startswith(("—", "–", "-")):
        return True
    # the article's first words, an upper-case name then a sentence ("DETROIT The …")
    return not doc[:span.start].text.strip() and nxt.is_title and nxt.is_alpha


_LIST_WORDS = frozenset({",", "and", "or", "&"})
_COUNTY_PLURALS = frozenset({"counties", "parishes", "boroughs"})
_LIST_MAX_TOKENS = 12


def in_county_list(doc: Doc, span: Span) -> bool:
    """The name is one of a list ending in "counties": "Douglas, Grant and Otter Tail counties"."""
    for tok in doc[span.end:span.end + _LIST_MAX_TOKENS]:
        if tok.lower_ in _COUNTY_PLURALS:
            return True
        if not (tok.lower_ in _LIST_WORDS or tok.text[:1].isupper()):
            return False
    return False


def _place_cue(doc: Doc, span: Span, locative: frozenset[str] = _LOCATIVE) -> bool:
    if _dateline(doc, span) or in_county_list(doc, span):
        return True
    prev = doc[span.start - 1] if span.start > 0 else None
    nxt = doc[span.end] if span.end < len(doc) else None
    if prev is not None and prev.lower_ in locative:
        return True
    if nxt is not None and nxt.lower_ in _PLACE_HEADS:
        return True
    # "Gainesville and Lindsay", "Newark, Heath and Pataskala": listed with places
    if prev is not None and prev.lower_ in _LIST_JOINERS and span.start >= 2 \
            and doc[span.start - 2].ent_type_ == "GPE":
        return True
    if nxt is not None and nxt.lower_ in ("and", "or") and span.end + 1 < len(doc) \
            and doc[span.end + 1].ent_type_ == "GPE":
        return True
    # "a Chapin man": a name between an indefinite article and a person noun is their town
    if prev is not None and nxt is not None and prev.lower_ in ("a", "an") \
            and nxt.lower_ in _RESIDENT_HEADS:
        return True
    # "Mansfield, Texas" / "Alexandria, La."
    if nxt is not None and nxt.text == "," and span.end + 1 < len(doc):
        after = doc[span.end + 1]
        return after.ent_type_ == "GPE" and bool(kb.places(after.text))
    return False


def place_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """Names the model tagged PERSON or ORG that the gazetteer knows as places and that the
    article uses as places ("in Mansfield", "Alexandria, La.") -> GPE, unless the article also
    shows a person of that name ("Jordan said he", "Mr. Jordan", "Michael Jordan")."""
    texts: dict[str, list[Span]] = {}
    for s in spans:
        if s.label_ in ("PERSON", "ORG") and len(s) <= 3:
            texts.setdefault(s.text, []).append(s)
    # a name's upper-case dateline form and its other mentions are one name ("HAMILTON —"
    # and "the two Hamilton women")
    folded = {t.casefold(): t for t in texts if t.isupper()}
    # the model tagged the same name a place elsewhere in the article
    as_place = {s.text for s in spans if s.label_ in ("GPE", "LOC")}
    relabel = set()
    persons = _person_names(doc, spans)
    for text, occ in texts.items():
        # a dateline shows a place of any size ("MAINEVILLE, Ohio (AP) —")
        small = any(_dateline(doc, s) for s in occ) and _town(text)
        if not (_gazetteer_place(text) or small) or kb.igo(text) is not None:
            continue
        if text in persons:
            continue
        county = occ[0][-1].text in _COUNTY_WORDS
        if text in as_place or county or any(_place_cue(doc, s) for s in occ):
            relabel.add(text)
    relabel |= {t for t in texts if folded.get(t.casefold()) in relabel}
    return [_label(s, "GPE") if s.text in relabel and s.label_ in ("PERSON", "ORG") else s
            for s in spans]


def _country_label(text: str) -> str | None:
    if kb.country(text) is not None:
        return "GPE"
    return "NORP" if kb.country_by_demonym(text) is not None else None


def split_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """Adjacent names that together are one KB name ("Sri" GPE + "Lankan" NORP) -> one span;
    a name whose first word the model left out ("Sri" + "Lankan" NORP) -> the whole name."""
    out: list[Span] = []
    for s in spans:
        prev = out[-1] if out else None
        if prev is not None and prev.end == s.start:
            label = _country_label(doc[prev.start:s.end].text)
            if label is not None:
                out[-1] = Span(doc, prev.start, s.end, label=label)
                continue
        if s.start > 0 and (prev is None or prev.end < s.start) and doc[s.start - 1].is_title \
                and _country_label(s.text) is None:
            label = _country_label(doc[s.start - 1:s.end].text)
            if label is not None:
                out.append(Span(doc, s.start - 1, s.end, label=label))
                continue
        out.append(s)
    return out


#: An upper-case word group at a line or sentence start, then ",", "(", ":" or a dash, or
#: opening the text before a capitalized word ("DETROIT The …").
_CAPS_WORDS = r"[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2}"
_DATELINE = re.compile(rf"(?:^|\n|[.”\"]\s+)({_CAPS_WORDS})\s*[,(:—–-]"
                       rf"|^\s*({_CAPS_WORDS}) (?=[A-Z][a-z])")


def dateline_spans(doc: Doc, limit: int | None = None) -> Iterator[Span]:
    """Upper-case names placed as datelines ("COLUMBUS, Neb. —", "BEIRUT (AP) —"),
    within the first ``limit`` characters (all the text by default)."""
    text = doc_text(doc)
    for m in _DATELINE.finditer(text, 0, len(text) if limit is None else limit):
        group = 1 if m.group(1) else 2
        span = doc.char_span(m.start(group), m.end(group))
        if span is not None and _dateline(doc, span):
            yield span


def datelines(doc: Doc, spans: list[Span]) -> list[Span]:
    """An untagged dateline place ("COLUMBUS, Neb. —", "BEIRUT (AP) —") -> GPE."""
    covered = {i for s in spans for i in range(s.start, s.end)}
    added = []
    for span in dateline_spans(doc):
        if any(i in covered for i in range(span.start, span.end)):
            continue
        if _gazetteer_place(span.text):
            added.append(Span(doc, span.start, span.end, label="GPE"))
    return sorted([*spans, *added], key=lambda s: s.start)


_COUNTY_WORDS = frozenset({"County", "Parish", "Borough", "COUNTY", "PARISH"})


def county_suffix(doc: Doc, spans: list[Span]) -> list[Span]:
    """A place name followed by "County"/"Parish" takes the word in ("Laurel" + "County")."""
    out = []
    for s in spans:
        nxt = doc[s.end] if s.end < len(doc) else None
        if s.label_ in ("GPE", "LOC", "PERSON", "ORG") and nxt is not None \
                and nxt.text in _COUNTY_WORDS and any(p.kind == "admin2" for p in
                                                      kb.places(f"{s.text} {nxt.text}")):
            out.append(Span(doc, s.start, s.end + 1, label="GPE"))
            continue
        out.append(s)
    return out


#: Abbreviated and full words that open a place's name: "St. Paul", "Mt. Vernon", "Fort Wayne".
_NAME_PREFIXES = frozenset({"st", "ste", "mt", "ft", "saint", "sainte", "mount", "fort"})


def name_prefixes(doc: Doc, spans: list[Span]) -> list[Span]:
    """A place name the model tagged without the "St."/"Mt."/"Fort" that opens it ("ST. PAUL,
    Minn." tagged "PAUL") takes the word in, when the gazetteer knows the longer name."""
    taken = {i for s in spans for i in range(s.start, s.end)}
    out = []
    for s in spans:
        start = s.start - 1
        # the period may be a token of its own ("ST" "." "PAUL")
        if start > 0 and doc[start].text == "." and not doc[start - 1].whitespace_:
            start -= 1
        prev = doc[start] if start >= 0 else None
        # a person's name after "St." is a saint's ("St. Francis")
        if s.label_ in ("GPE", "LOC", "ORG") and prev is not None \
                and not taken & set(range(start, s.start)) and _capitalized(prev) \
                and prev.lower_.rstrip(".") in _NAME_PREFIXES:
            longer = doc[start:s.end]
            if _gazetteer_place(longer.text) or _town(longer.text):
                out.append(Span(doc, longer.start, longer.end, label="GPE"))
                continue
        out.append(s)
    return out


#: Tokens a qualifying state or province may span ("Va.", "W. Va.", "N.D.", "Ont.").
_QUALIFIER_MAX_TOKENS = 2


def state_qualifiers(doc: Doc, spans: list[Span]) -> list[Span]:
    """A state or province abbreviation qualifying a place, left untagged ("Fargo, N.D.",
    "Bluefield, W. Va.") -> GPE, so it is geocoded and qualifies the town."""
    taken = {i for s in spans for i in range(s.start, s.end)}
    added = []
    for s in spans:
        comma = s.end
        if s.label_ != "GPE" or comma >= len(doc) - 1 or doc[comma].text != ",":
            continue
        for n in range(_QUALIFIER_MAX_TOKENS, 0, -1):
            sub = doc[comma + 1:comma + 1 + n]
            if len(sub) < n or any(t.i in taken for t in sub) or not sub.text.endswith(".") \
                    or not sub[0].text[:1].isupper():
                continue
            if any(p.kind == "admin1" and p.alias for p in kb.places(sub.text)):
                added.append(Span(doc, sub.start, sub.end, label="GPE"))
                taken.update(range(sub.start, sub.end))
                break
    return sorted([*spans, *added], key=lambda s: (s.start, -s.end))


#: Party letters of a lawmaker's affiliation ("D-Ohio", "R-Ocilla", "I-Vt.").
_PARTY_LETTERS = frozenset({"D", "R", "I"})
#: Tokens the place of a party affiliation may span ("N.D.", "W. Va.", "Grand Rapids").
_AFFILIATION_MAX_TOKENS = 3


def _affiliation_place(text: str) -> bool:
    """A state or province, its abbreviation ("N.D."), or a gazetteer town of any size."""
    return any(p.kind == "admin1" for p in kb.places(text)) or _gazetteer_place(text) \
        or _town(text)


def party_affiliations(doc: Doc, spans: list[Span]) -> list[Span]:
    """The place in a lawmaker's party affiliation -> GPE, alone: ", D-N.D.,", "(R-Ocilla)"
    (the AP's convention: the party's letter, a hyphen and the state or home town, after a
    person's name and a comma or an opening bracket); the model tags the whole as an ORG or a
    PERSON."""
    added = []
    # the affiliation follows a person's name
    person_ends = {s.end - 1 for s in spans if s.label_ == "PERSON"}
    for tok in doc[2:-2]:
        i = tok.i
        # "Byrd and Rockefeller, both D-W. Va."
        prev = i - 2 if doc[i - 1].lower_ == "both" else i - 1
        if tok.text not in _PARTY_LETTERS or doc[prev].text not in (",", "(") \
                or prev - 1 not in person_ends or doc[i + 1].text != "-" \
                or tok.whitespace_ or doc[i + 1].whitespace_:
            continue
        for n in range(min(_AFFILIATION_MAX_TOKENS, len(doc) - i - 2), 0, -1):
            sub = doc[i + 2:i + 2 + n]
            # the affiliation ends the parenthetical or the apposition
            after = doc[sub.end].text if sub.end < len(doc) else ""
            # (an abbreviation's period may also end the sentence: "D-N.D. “These …")
            if (after in (",", ")", ".", ";") or sub.text.endswith(".")) \
                    and all(_capitalized(t) for t in sub) \
                    and _affiliation_place(sub.text):
                added.append(Span(doc, sub.start, sub.end, label="GPE"))
                break
    if not added:
        return spans
    # the span the model made of the affiliation gives way to the place
    claimed = {i for s in added for i in range(s.start - 2, s.end)}
    kept = [s for s in spans if not claimed & set(range(s.start, s.end))]
    return sorted([*kept, *added], key=lambda s: (s.start, -s.end))


#: Cities a reader knows by name alone, without a cue: national capitals and cities this big.
KNOWN_CITY_MIN_POPULATION = 50_000
#: Dependency labels of a verb's subject.
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
#: Tokens a known place's name may span ("Port", "-", "au", "-", "Prince").
_KNOWN_MAX_TOKENS = 6


def _known_place(text: str) -> bool:
    """A country's name or abbreviation, a national capital, or a big city by its main name
    that is no known leader's name ("Bush", "Bolton": a reader takes a bare surname in the
    news for the person) and no ordinary English word ("Mission", "Orange": a reader takes
    the word for the word)."""
    if text.casefold() in _GENERIC_NAME_WORDS | _CALENDAR_WORDS or kb.igo(text) is not None:
        return False
    if kb.country(text) is not None:
        return True
    # a town named by an ordinary English word ("Mission", "Temple") needs a place cue
    if kb.is_ordinary_word(text):
        return False
    if kb.capital_country(text) is not None:
        return True
    return not kb.is_person_name_word(text) and any(
        not p.alias and p.kind == "city" and p.population >= KNOWN_CITY_MIN_POPULATION
        for p in kb.places(text))


def _standalone_name_at(doc: Doc, i: int, covered: set[int], accept: Callable[[str], bool]
                        ) -> Span | None:
    """The longest name ``accept`` takes that starts at token ``i`` and stands alone: untagged,
    no capitalized word right before or after it, so it is no part of a longer name ("New York
    Times")."""
    if i > 0 and _name_like(doc[i - 1]) and doc[i - 1].i not in covered:
        return None
    for n in range(min(_KNOWN_MAX_TOKENS, len(doc) - i), 0, -1):
        sub = doc[i:i + n]
        if any(t.i in covered for t in sub) or not _name_like(sub[-1]) or "\n" in sub.text:
            continue
        if i + n < len(doc) and _name_like(doc[i + n]):
            continue
        if accept(sub.text):
            return Span(doc, sub.start, sub.end, label="GPE")
    return None


#: Month, weekday and holiday names, which the model may leave untagged ("in August").
_CALENDAR_WORDS = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "christmas", "easter", "thanksgiving", "halloween", "ramadan", "hanukkah"})


def _cued_place(text: str) -> bool:
    # an upper-case word is an acronym here ("HIV"); upper-case datelines have a rule of their own
    return not text.isupper() and text.casefold().rstrip(".") not in \
        _GENERIC_NAME_WORDS | _CALENDAR_WORDS and kb.igo(text) is None and _gazetteer_place(text)


def known_places(doc: Doc, spans: list[Span]) -> list[Span]:
    """Names a reader knows as places without any cue ("Dar es Salaam", "Port-au-Prince",
    "U.S.") left untagged, or tagged PERSON, -> GPE; an untagged gazetteer place the text uses
    as a place ("near Esperance", "Esperance residents") -> GPE, with its other untagged
    mentions; neither where the article shows a person of that name."""
    persons = _person_names(doc, spans)
    # a name tagged PERSON that acts as a verb's subject is left a person ("Rubio said")
    out = [_label(s, "GPE") if s.label_ == "PERSON" and s.text not in persons
           and s.root.dep_ not in _SUBJECTS and _known_place(s.text) else s for s in spans]
    covered = {i for s in spans for i in range(s.start, s.end)}
    cued: dict[str, list[Span]] = {}
    i = 0
    while i < len(doc):
        found = None
        if i not in covered and _name_like(doc[i]):
            found = _standalone_name_at(doc, i, covered, _known_place)
            if found is None:
                # a smaller place counts where the text uses it as a place
                found = _standalone_name_at(doc, i, covered, _cued_place)
                if found is not None:
                    cued.setdefault(found.text, []).append(found)
                    found = None
        if found is not None and found.text not in persons:
            out.append(found)
            i = found.end
        else:
            i += 1
    for text, occ in cued.items():
        if text not in persons and any(_place_cue(doc, s, _STRONG_LOCATIVE) for s in occ):
            out += occ
    return sorted(out, key=lambda s: (s.start, -s.end))


#: The rules, in the order they run.
RULES: dict[str, Rule] = {
    "strip_titles": strip_titles,
    "given_names": given_names,
    "split_names": split_names,
    "headline_names": headline_names,
    "hyphen_compounds": hyphen_compounds,
    "kb_labels": kb_labels,
    "person_consistency": person_consistency,
    "party_names": party_names,
    "missed_names": missed_names,
    "county_suffix": county_suffix,
    "name_prefixes": name_prefixes,
    "state_qualifiers": state_qualifiers,
    "party_affiliations": party_affiliations,
    "datelines": datelines,
    "place_names": place_names,
    "embedded_places": embedded_places,
    "known_places": known_places,
}


_DISABLED: set[str] = set()


@contextmanager
def disabled(rules: Iterable[str]) -> Iterator[None]:
    """Switch repair rules off inside a ``with`` block (to measure what each one does)."""
    saved = set(_DISABLED)
    _DISABLED.update(rules)
    try:
        yield
    finally:
        _DISABLED.clear()
        _DISABLED.update(saved)


def repair(doc: Doc, spans: Iterable[Span], disabled: Iterable[str] = ()) -> list[Span]:
    """The model's name spans after every repair rule (minus ``disabled`` ones)."""
    off = set(disabled) | _DISABLED
    out = sorted(spans, key=lambda s: s.start)
    for name, rule in RULES.items():
        if name not in off:
            out = rule(doc, out)
    return out
