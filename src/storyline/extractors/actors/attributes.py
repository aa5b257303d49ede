"""Actors: country, CAMEO actor code and roles of every entity; nominal actors.

- People: roles from titles and appositions (:mod:`.roles`); a role stated once
  holds for the entity across the article. Country and sector come from the
  role ("U.S. President" -> USA + GOV -> USAGOV); an office named without a
  country ("President William Ruto") is the dateline country's.
- Countries (GPE), demonyms (NORP), organizations (the KB's IGOs, names that
  contain a country, capital or demonym: "Kyiv City Military Administration"),
  seats of government ("the Kremlin" -> RUS, RUSGOV).
- Nominal actors: groups and institutions named by a common noun ("the Ukrainian
  government", "Russian forces", "separatists", "police") become entities of their
  own with country + sector codes (UKRGOV, RUSMIL, SEP, COP) so that quotes and
  events can point at them. Institutions are typed ORG, groups of people NORP.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ... import kb
from .repair import dateline_spans, without_hyphen_suffix
from .roles import Role, person_roles, token_country

#: Cities big enough that an organization named after them belongs to their country.
_ORG_CITY_MIN_POPULATION = 1_000_000


@dataclass(frozen=True)
class Attributes:
    country: str | None = None
    actor: str | None = None
    roles: tuple[str, ...] = ()
    #: a person the roles are held for, whose country the entity takes ("Arroyo spokesman")
    of_person: str | None = None


def _place_country(text: str) -> str | None:
    """Country of a name that is a country, capital, admin-1 region or KB region. A region
    name several countries give their own regions ("Northern", "Central", "Punjab") names
    none of them."""
    c = kb.country(text) or kb.capital_country(text)
    if c is not None:
        return c.iso3
    found = {p.country for p in kb.places(text)
             if not p.alias and p.kind in ("admin1", "region", "seat") and p.country}
    return found.pop() if len(found) == 1 else None


def _org_country(span: Span) -> tuple[str | None, str | None]:
    """(country, sector) of an organization from the words of its name."""
    country = None
    for tok in span:
        if not tok.is_title and not tok.is_upper:
            continue
        c = kb.country(tok.text) or kb.country_by_demonym(tok.text) or kb.capital_country(tok.text)
        if c is not None:
            country = c.iso3
            break
        # a state or province ("NSW Crime Commission"); a region's other name counts only
        # as an abbreviation ("Federal" is an other name of Brazil's Federal District, and
        # "Federal Communications Commission" is no Brazilian body)
        regions = {p.country for p in kb.places(tok.text) if p.kind == "admin1" and p.country
                   and (not p.alias or tok.is_upper)}
        if len(regions) == 1:
            country = regions.pop()
            break
        big = [p for p in kb.places(tok.text) if not p.alias and p.kind == "city"
               and p.population >= _ORG_CITY_MIN_POPULATION]
        if big:
            country = max(big, key=lambda p: p.population).country
            break
    sector = None
    for tok in reversed(span):
        g = token_group(tok)
        if g is not None:
            sector = g.sector
            break
    return country, sector


def entity_attributes(doc: Doc, mentions: Sequence[Span], label: str) -> Attributes:
    """Country, actor code and roles of one entity from all of its name mentions."""
    name = without_hyphen_suffix(max((m.text for m in mentions), key=len))
    if label == "PERSON":
        return _person_attributes(doc, mentions)
    if label == "NORP":
        c = kb.country_by_demonym(name) or kb.country(name)
        if c is not None:
            return Attributes(c.iso3, c.iso3)
        known = kb.organization(name)
        if known is not None:
            # a group the CAMEO dictionaries know ("Taliban" -> AFG, AFGREB)
            return Attributes(known[0], known[1])
        # a group the model tagged as a name ("Separatists", "Rebels")
        head = max(mentions, key=len)[-1]
        g = token_group(head)
        return Attributes(None, g.sector) if g is not None and g.bare else Attributes()
    seat = kb.seat(name)
    if seat is not None:
        return Attributes(seat.iso3, kb.actor_code(seat.iso3, seat.sector))
    igo = kb.igo(name)
    if igo is not None and label in ("ORG", "GPE", "NORP"):
        return Attributes(None, igo.code)
    if label in ("GPE", "LOC", "FAC"):
        c = kb.country(name)
        if c is not None:
            return Attributes(c.iso3, c.iso3)
        country = _place_country(name)
        return Attributes(country, country)
    if label == "ORG":
        span = max(mentions, key=len)
        known = kb.organization(name)
        if known is not None:
            # an institution or armed group the CAMEO dictionaries know, whatever place
            # words its name has ("Federal Trade Commission" -> USA, USAGOV)
            return Attributes(known[0], known[1])
        country, sector = _org_country(span)
        if country is None and kb.party_countries(name):
            # a political party: the country whose party it is ("Free Democratic Party"
            # in a story on Germany and Turkey -> DEU), CAMEO's party sector
            country = party_country(doc, name)
            return Attributes(country, kb.actor_code(country, "PTY") if country else None)
        if country is None and _domestic_body(span):
            # a ministry, party or court named without its country is the article's:
            # "the Foreign Ministry said" in a story from Beijing
            country = dateline_country(doc) or article_country(doc)
        return Attributes(country, kb.actor_code(country, sector) if country else None)
    return Attributes()


def party_country(doc: Doc, name: str) -> str | None:
    """Country of the political party ``name``: the only country with a party of that name,
    else the one of those countries the article names most (the dateline's on a tie);
    None when the article names none of them."""
    candidates = kb.party_countries(name)
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    counts = article_countries(doc)
    named = sorted((c for c in candidates if counts[c]), key=lambda c: -counts[c])
    if not named:
        return None
    if len(named) > 1 and counts[named[0]] == counts[named[1]]:
        dateline = dateline_country(doc)
        return dateline if dateline in named else None
    return named[0]


#: Head nouns of a country's own institutions and organizations.
_DOMESTIC_HEADS = frozenset({
    "ministry", "party", "police", "commission", "council", "court", "parliament", "army",
    "navy", "association", "front", "movement", "congress", "assembly", "senate", "agency",
    "department", "office", "committee", "authority", "guard", "service", "bureau", "cabinet",
    "government", "administration", "league", "union", "federation", "chamber"})


def _domestic_body(span: Span) -> bool:
    """The organization's head noun names an institution ("Foreign Ministry", "Association
    of Muslim Scholars", "Free Democratic Party")."""
    head = next((t for t in span if t.lower_ == "of"), None)
    words = span[:head.i - span.start] if head is not None else span
    return len(words) > 0 and words[-1].lower_ in _DOMESTIC_HEADS


def office_holder(doc: Doc, mentions: Sequence[Span]) -> kb.Holder | None:
    """What the table of office holders says of the person on the article's date."""
    published = doc._.published
    day = published.isoformat() if published is not None else None
    for text in sorted({m.text for m in mentions}, key=len, reverse=True):
        holder = kb.office_holder(text, day)
        if holder is not None:
            return holder
    words = {m.text for m in mentions if len(m) == 1}
    if day is not None and len(words) == 1 and all(len(m) == 1 for m in mentions):
        # a bare surname ("President Jiang"): the one office holder of that name among the
        # countries the article names
        countries = frozenset(article_countries(doc))
        return kb.office_holder_by_surname(words.pop(), day, countries)
    return None


def _person_attributes(doc: Doc, mentions: Sequence[Span]) -> Attributes:
    roles: list[Role] = []
    for m in mentions:
        roles.extend(person_roles(doc, m))
    holder = office_holder(doc, mentions)
    if not roles:
        # a person known by name ("Erdogan" in 2016 -> TUR, TURGOV); the roles stay the
        # article's own words, so none
        return Attributes(holder.country, holder.code) if holder is not None else Attributes()
    texts: list[str] = []
    for r in roles:
        if r.text and r.text.casefold() not in (t.casefold() for t in texts):
            texts.append(r.text)
    countries = Counter(r.country for r in roles if r.country)
    country = countries.most_common(1)[0][0] if countries else None
    sector = next((r.sector for r in roles if r.sector and (r.country == country or not r.country)),
                  None)
    org = next((r.org for r in roles if r.org), None)
    of_person = next((r.of_person for r in roles if r.of_person), None)
    party = next((r.party for r in roles if r.party), None)
    if country is None and party is not None:
        # a role held in a party is held in the party's country ("a deputy of the FDP")
        country = party_country(doc, party)
    if country is None and org is not None:
        return Attributes(None, org, tuple(texts))
    if country is None and holder is not None:
        if holder.country is None:
            return Attributes(None, holder.code, tuple(texts))
        country = holder.country
        if sector is None:
            return Attributes(country, holder.code, tuple(texts))
    if country is None and of_person is not None:
        # the country of the person the role is held for, filled in by the caller
        return Attributes(None, None, tuple(texts), of_person)
    if sector is None and holder is not None and holder.country == country:
        # "Turkey's Erdogan": the article gives the country, the table the office
        return Attributes(country, holder.code, tuple(texts))
    if country is None and sector is not None:
        # an official named without a country speaks for the institution or country that
        # is the subject of their sentence: "The Chinese Foreign Ministry has expressed …,
        # said spokesman Liu Jianchao" -> CHN
        country = _subject_country(doc, mentions)
    if country is None and sector is not None:
        # an office named without its country is the dateline country's:
        # "NAIROBI — President William Ruto said …" -> KEN; without a dateline, the
        # country the article is about
        country = dateline_country(doc) or article_country(doc)
    return Attributes(country, kb.actor_code(country, sector) if country else None, tuple(texts))


_SUBJECTS = frozenset({"nsubj", "nsubjpass"})


def _subject_country(doc: Doc, mentions: Sequence[Span]) -> str | None:
    """The one country of the named subjects (institutions, countries, demonyms) of the
    sentences in which the person is named with a title."""
    found = set()
    for m in mentions:
        if not person_roles(doc, m):
            continue
        for tok in m.sent:
            if tok.dep_ not in _SUBJECTS or m.start <= tok.i < m.end \
                    or tok.ent_type_ not in ("ORG", "GPE", "NORP"):
                continue
            ent = next((e for e in m.sent.ents if e.start <= tok.i < e.end), None)
            if ent is None:
                continue
            if ent.label_ == "ORG":
                country, _ = _org_country(ent)
            else:
                c = kb.country_of_any(ent.text)
                country = c.iso3 if c is not None else _place_country(ent.text)
            if country:
                found.add(country)
    return found.pop() if len(found) == 1 else None


#: Mentions the article's leading country needs, and its lead over the next one.
_ARTICLE_COUNTRY_MIN = 2
_ARTICLE_COUNTRY_LEAD = 2


def article_countries(doc: Doc) -> Counter[str]:
    """How often the article names each country (as a country, demonym, capital, admin-1
    region, an organization named after one or one the KB knows)."""
    cached: Counter[str] | None = doc.user_data.get("storyline_article_countries")
    if cached is not None:
        return cached
    counts: Counter[str] = Counter()
    ents = list(doc.ents)
    for n, ent in enumerate(ents):
        if ent.label_ in ("GPE", "NORP", "LOC"):
            c = kb.country_of_any(ent.text)
            country = c.iso3 if c is not None else _place_country(ent.text)
            if country is None and n and ents[n - 1].end == ent.start:
                # a name the tagger split in two ("Sri" GPE + "Lankan" NORP): counted once
                country = _split_name_country(doc[ents[n - 1].start:ent.end])
            if country:
                counts[country] += 1
        elif ent.label_ == "ORG":
            # an institution or armed group the CAMEO dictionaries know ("the LTTE") before
            # the words of its name, as the entity's own code reads it
            known = kb.organization(ent.text)
            country = known[0] if known is not None else _org_country(ent)[0]
            if country:
                counts[country] += 1
    doc.user_data["storyline_article_countries"] = counts
    return counts


def _split_name_country(span: Span) -> str | None:
    """The country a multiword name or demonym names when the tagger split it ("Sri
    Lankan", "South Korean" as two entities or a modifier with its own compound)."""
    if len(span) < 2:
        return None
    c = kb.country(span.text) or kb.country_by_demonym(span.text)
    return c.iso3 if c is not None else None


def article_country(doc: Doc) -> str | None:
    """The country the article is about: named (as a country, demonym, capital or admin-1
    region) clearly more often than any other."""
    cached = doc.user_data.get("storyline_article_country", "")
    if cached != "":
        return cached
    top = article_countries(doc).most_common(2)
    out = None
    if top and top[0][1] >= _ARTICLE_COUNTRY_MIN and (
            len(top) == 1 or top[0][1] >= top[1][1] + _ARTICLE_COUNTRY_LEAD):
        out = top[0][0]
    doc.user_data["storyline_article_country"] = out
    return out


def dateline_country(doc: Doc) -> str | None:
    """Country of the article's dateline ("NAIROBI —", "XENIA, Ohio (AP) —"), if any."""
    for span in dateline_spans(doc, limit=_DATELINE_WINDOW):
        country = _place_country(span.text.title())
        if country is not None:
            return country
    return None


#: Characters from the start of the article a dateline may stand in (after a headline).
_DATELINE_WINDOW = 400


def story_country(doc: Doc) -> str | None:
    """The story's country: the dateline's, else the one the article is clearly about.
    What a group, a generic agent or a bare "the government" named without a country
    belongs to ("the government" in a story from Manila; measured on the tuning articles,
    docs/actors.md)."""
    return dateline_country(doc) or article_country(doc)


# ---------------------------------------------------------------- nominal actors

@dataclass
class Nominal:
    """A group or institution named by a common noun, with every mention of it."""

    name: str
    type: str
    country: str | None
    sector: str
    lemma: str
    plural: bool
    spans: list[Span] = field(default_factory=list)

    @property
    def actor(self) -> str | None:
        return kb.actor_code(self.country, self.sector)


def token_group(tok: Token) -> kb.Group | None:
    """The group noun (``kb.group``) a token is, by its lemma or its own lower-case form."""
    return kb.group(tok.lemma_.lower()) or kb.group(tok.lower_)


def _group_of(tok: Token) -> kb.Group | None:
    if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ == "compound":
        return None
    return token_group(tok)


def _modifier_country(doc: Doc, head: Token) -> tuple[str | None, int, int]:
    """(country, first token, end token) of a group with its country modifier: "the Ukrainian
    government", "Russia's forces", "the government of Ukraine"."""
    for child in head.lefts:
        if child.dep_ in ("amod", "compound", "poss", "nmod", "npadvmod"):
            c = token_country(doc, child) or _split_name_country(doc[child.left_edge.i:child.i + 1])
            if c is not None:
                return c, min(t.i for t in child.subtree), head.i + 1
    for prep in (c for c in head.rights if c.dep_ == "prep" and c.lower_ == "of"):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            c = token_country(doc, pobj)
            if c is not None:
                return c, head.i, max(t.i for t in pobj.subtree) + 1
    return None, head.i, head.i + 1


def _group_adjective(head: Token) -> Token | None:
    """A national, ethnic or religious adjective naming the group ("Kurdish rebels", "Jewish
    settlers"): an adjectival modifier the NER tags NORP, with or without a country."""
    return next((c for c in head.lefts if c.dep_ == "amod" and c.ent_type_ == "NORP"), None)


#: CAMEO agents that are not the story country's own when named alone: refugees have
#: fled from elsewhere
_FOREIGN_AGENTS = frozenset({"REF"})


def _context_country(head: Token, g: kb.Group) -> str | None:
    """The country a generic agent named alone takes from its story: CAMEO/Phoenix agents
    ("POLICE [~COP]", "REBEL [~REB]") are coded with the actor of their context, so
    "police" in a story filed from Lagos or about Nigeria is NGACOP. The dateline's
    country, else the country the article is clearly about; none for an agent a name
    qualifies ("the UN police": the body named is whose agent it is) or one that is
    foreign by definition (refugees)."""
    if g.sector in _FOREIGN_AGENTS or _qualifying_name(head) is not None:
        return None
    return story_country(head.doc)


def _qualifying_name(head: Token) -> Token | None:
    """A name that qualifies a group noun without being its country ("the UN police",
    "AU troops"): the body whose group it is."""
    doc = head.doc
    return next((c for c in head.lefts if c.ent_type_ and c.dep_ != "det"
                 and not any(t.is_punct for t in doc[c.i:head.i])), None)


def _name_start(tok: Token) -> int:
    """First token of the name ``tok`` ends ("Khmer" of "Khmer Rouge"), so a body's group
    is named with the body's whole name, not its last word."""
    start = tok.i
    while start > 0 and tok.doc[start].ent_iob_ == "I":
        start -= 1
    return start


def nominal_actors(doc: Doc, covered: set[int]) -> list[Nominal]:
    """Groups and institutions named by common nouns, one per (country or group adjective,
    head noun)."""
    found: dict[tuple[str | None, str], Nominal] = {}
    for tok in doc:
        if tok.i in covered:
            continue
        g = _group_of(tok)
        if g is None:
            continue
        country, start, end = _modifier_country(doc, tok)
        adjective = _group_adjective(tok) if country is None else None
        if country is None and adjective is None and not g.bare:
            continue
        if country is None and adjective is None:
            country = _context_country(tok, g)
        if adjective is not None:
            start = adjective.i
        while start < tok.i and (doc[start].dep_ in ("det", "predet") or doc[start].is_punct):
            start += 1
        span = doc[start:end]
        # a body's own group ("the UN police") is named with the body and kept apart from
        # the story country's ("police"); its mention stays the noun, the body's name its own
        owner = _qualifying_name(tok) if country is None and adjective is None else None
        k = (country or (adjective.lower_ if adjective is not None else None)
             or (owner.lower_ if owner is not None else None), g.lemma)
        if k not in found:
            name = span.text if country or adjective is not None else tok.text
            if owner is not None:
                name = doc[_name_start(owner):tok.i + 1].text
            found[k] = Nominal(name, g.type, country, g.sector, g.lemma,
                               tok.tag_ in ("NNS", "NNPS"))
        found[k].spans.append(span)
    return sorted(found.values(), key=lambda n: n.spans[0].start)
