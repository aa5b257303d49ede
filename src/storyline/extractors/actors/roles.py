"""Roles and affiliations of people, read from titles and appositions.

"U.S. President Donald Trump" -> role "President", country USA, sector GOV;
"Ukraine's economy minister, Yulia Svyrydenko" -> "economy minister", UKR, GOV;
"the then-leader of the Soviet Union, Nikita Khrushchev" -> "leader", SUN, GOV.
The role text is the article's own words without the country ("U.S.") and
without time qualifiers ("then-").
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ... import kb
from . import acronyms

#: Tokens that may sit inside a title phrase without being part of the role text.
_JOINERS = frozenset({"'s", "’s", "-", "then", "the"})
#: Qualifiers that make a role a former one (CAMEO codes former officials as elites, ELI).
_FORMER = frozenset({"former", "ex", "ex-", "then"})
_MAX_TITLE_WORDS = 3


@dataclass(frozen=True)
class Role:
    """A role stated for a person: its text, CAMEO sector and the country it belongs to."""

    text: str
    sector: str | None
    country: str | None     # ISO 3166-1 alpha-3
    org: str | None = None  # CAMEO code of an organization the role belongs to (IGO…)
    of_person: str | None = None  # a person the role is held for ("Arroyo spokesman")
    party: str | None = None  # a political party the role is held in ("a deputy of the FDP")


def _ent_span(doc: Doc, tok: Token) -> Span | None:
    """The model's entity span around ``tok`` (read from the IOB tags), or None."""
    if not tok.ent_type_:
        return None
    start = tok.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=tok.ent_type_)


def token_country(doc: Doc, tok: Token) -> str | None:
    """Country a token names, as part of a GPE/NORP name or a KB demonym ("U.S.", "Ukrainian")."""
    span = _ent_span(doc, tok)
    texts = [span.text] if span is not None and span.label_ in ("GPE", "NORP") else []
    texts.append(tok.text)
    for text in texts:
        c = kb.country(text) or kb.country_by_demonym(text)
        if c is not None:
            return c.iso3
    if span is not None and span.label_ == "GPE":
        # a state or province stands for its country: "NSW Police", "Texas Governor"
        regions = {p.country for p in kb.places(span.text) if p.kind == "admin1" and p.country}
        if len(regions) == 1:
            return regions.pop()
    return None


def _token_org(doc: Doc, tok: Token) -> str | None:
    span = _ent_span(doc, tok)
    if span is None or span.label_ != "ORG":
        return None
    o = kb.igo(span.text)
    return o.code if o else None


def _is_title_word(tok: Token) -> bool:
    low = tok.lower_
    return low in kb.title_words() or low in kb.title_modifiers()


def _title_head(tokens: list[Token]) -> tuple[int, str] | None:
    """(number of tokens, sector) of the longest KB title ending the token list."""
    for n in range(min(_MAX_TITLE_WORDS, len(tokens)), 0, -1):
        for sep in (" ", "-"):
            sector = kb.title_sector(sep.join(t.lower_ for t in tokens[-n:]))
            if sector:
                return n, sector
    return None


def _role_from_tokens(doc: Doc, tokens: list[Token]) -> Role | None:
    """A role from the words of a title phrase (country words, joiners and all)."""
    country = org = person = None
    org_sector = None
    words: list[Token] = []
    former = False
    for t in tokens:
        if t.lower_ in _FORMER:
            former = True
            continue
        c = token_country(doc, t) if not _is_title_word(t) else None
        if c is None and not _is_title_word(t):
            # an organization named after its country or region ("AFP", "NSW Police")
            c, org_sector = _org_affiliation(doc, t)
        if c is not None:
            country = country or c
            words = []          # the role starts after the country ("U.S. Treasury Secretary")
            continue
        o = _token_org(doc, t)
        if o is not None and not _is_title_word(t):
            org = org or o
            words = []
            continue
        if t.ent_type_ == "PERSON" and not _is_title_word(t):
            # the role is held for a person ("Arroyo spokesman Ignacio Bunye")
            person = _ent_span(doc, t).text  # type: ignore[union-attr]
            words = []
            continue
        if t.text in _JOINERS or t.is_punct:
            continue
        words.append(t)
    head = _title_head(words)
    if head is None and any(w.lower_ == "of" for w in words):
        # a title and its field: "Minister of Interior"
        last_of = max(n for n, w in enumerate(words) if w.lower_ == "of")
        head = _title_head(words[:last_of])
    if head is None:
        # a country alone before a name: "Turkey's Erdogan", "Russian Vladimir Putin"
        return Role("", None, country) if country and not words else None
    # a body named before a generic title gives its sector: "police spokesman", "army chief"
    body = next((g.sector for w in words if (g := kb.group(w.lower_)) is not None
                 and g.sector != "GOV"), None)
    # the role text runs from the first title word to the title's head word
    while words and not _is_title_word(words[0]) and _token_org(doc, words[0]) is None \
            and words[0].ent_type_ != "ORG":
        words = words[1:]
    text = doc[words[0].i:words[-1].i + 1].text if words else ""
    text = text.replace("then-", "").replace("then ", "").strip()
    sector: str | None = "ELI" if former else head[1]
    if org and not country:
        sector = "IGO" if head[1] in ("IGO", "GOV") else head[1]
    if (body or org_sector) and sector == "GOV" and head[1] == "GOV":
        # a generic title of a sectoral body: "AFP Deputy Commissioner" -> police
        sector = body or org_sector
    return Role(text, sector, country, org, person)


def _org_affiliation(doc: Doc, tok: Token) -> tuple[str | None, str | None]:
    """(country, sector) of an organization whose name holds its country or region
    ("Australian Federal Police" -> AUS, COP; "NSW Police")."""
    span = _ent_span(doc, tok)
    if span is None or span.label_ != "ORG" or kb.igo(span.text) is not None:
        return None, None
    # an acronym stands for the name it abbreviates ("AFP" for "Australian Federal Police")
    span = acronyms.expansion(doc, span.text) or span
    for t in span:
        c = kb.country_of_any(t.text)
        if c is None:
            region = [p for p in kb.places(t.text) if p.kind == "admin1" and p.country]
            country = region[0].country if region else None
        else:
            country = c.iso3
        if country is not None:
            g = next((kb.group(x.lemma_.lower()) for x in reversed(span)
                      if kb.group(x.lemma_.lower()) is not None), None)
            return country, g.sector if g is not None else None
    return None, None


#: Nouns of bodies a title may name before its head: "foreign ministry spokesman".
_BODY_WORDS = frozenset({"ministry", "department", "office", "agency", "bureau", "commission",
                         "council", "party", "embassy", "presidential", "presidency", "cabinet",
                         "government", "army", "police", "navy", "military", "policy",
                         "delegation", "mission", "committee", "federal", "crime", "marine"})


def _premodifier_tokens(doc: Doc, span: Span) -> list[Token]:
    """Title words right before a name: "U.S. Treasury Secretary" before "Scott Bessent",
    "Chinese foreign ministry spokesman" before "Shen Guofang", "Malaysian Minister of
    Interior" before "Azmi Khalid"."""
    out: list[Token] = []
    i = span.start - 1
    while i >= 0:
        t = doc[i]
        if t.is_space or (t.is_punct and t.text not in ("-", ".")):
            break
        ok = (_is_title_word(t) or t.text in ("'s", "’s") or t.lower_ in _BODY_WORDS
              or t.ent_type_ in ("GPE", "NORP", "ORG", "PERSON")
              or token_country(doc, t) is not None
              # "Minister of Interior": "of" between a title and its field
              or (t.lower_ == "of" and i > 0 and _is_title_word(doc[i - 1]) and bool(out)
                  and _is_title_word(out[-1])))
        if not ok:
            break
        out.append(t)
        i -= 1
    out.reverse()
    # a person's name ends where another's begins: keep a PERSON only as a possessor or head
    # of the title ("Arroyo spokesman"), never right before the name itself
    while out and out[-1].ent_type_ == "PERSON":
        out.pop()
    return out


def _appositive_nouns(span: Span) -> Iterator[Token]:
    """Title nouns in apposition with the name ("the economy minister, Yulia …")."""
    root = span.root
    head = root.head
    if root.dep_ == "appos" and head.pos_ in ("NOUN", "PROPN") and not _inside(head, span):
        yield head
    for child in root.children:
        if child.dep_ == "appos" and child.pos_ in ("NOUN", "PROPN") and not _inside(child, span):
            yield child


def _inside(tok: Token, span: Span) -> bool:
    return span.start <= tok.i < span.end


def _of_title(noun: Token) -> list[Token]:
    """The "of" and its object that complete a KB title with ``noun``: "of parliament" after
    "member" ("a member of parliament"); [] if none."""
    for prep in (c for c in noun.rights if c.dep_ == "prep" and c.lower_ == "of"):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            if kb.title_sector(f"{noun.lower_} of {pobj.lower_}"):
                return [prep, pobj]
    return []


def _party_of(doc: Doc, tokens: Iterable[Token]) -> str | None:
    """A political party the KB knows, named among ``tokens`` ("of the Free Democratic
    Party", "for the opposition Greens party")."""
    for t in tokens:
        span = _ent_span(doc, t)
        if span is None or span.label_ not in ("ORG", "NORP"):
            continue
        texts = [span.text]
        if span.end < len(doc) and doc[span.end].lower_ == "party":
            texts.insert(0, f"{span.text} {doc[span.end].text}")
        for text in texts:
            if kb.party_countries(text):
                return text
    return None


def _appositive_role(doc: Doc, noun: Token) -> Role | None:
    """Role of an appositive title noun with its modifiers, possessor and "of" country, and
    the party it is held in."""
    mods = [c for c in noun.lefts if c.dep_ in ("compound", "amod", "poss", "nmod", "advmod")]
    tokens: list[Token] = []
    for m in mods:
        tokens.extend(m.subtree)
    tokens.append(noun)
    tokens.extend(_of_title(noun))
    role = _role_from_tokens(doc, sorted(set(tokens), key=lambda t: t.i))
    if role is None:
        return None
    country, org = role.country, role.org
    for prep in (c for c in noun.rights if c.dep_ == "prep" and c.lower_ == "of"):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            country = country or token_country(doc, pobj)
            org = org or _token_org(doc, pobj)
    sector = role.sector
    if org and not country and sector == "GOV":
        sector = "IGO"
    # "a deputy of the Free Democratic Party", "a member of parliament for the Greens party"
    clauses = {t.i for c in noun.rights if c.dep_ in ("relcl", "acl") for t in c.subtree}
    party = _party_of(doc, (t for t in noun.subtree if t.i > noun.i and t.i not in clauses))
    return Role(role.text, sector, country, org, party=party)


def person_roles(doc: Doc, span: Span) -> list[Role]:
    """Roles stated for the person named by ``span`` at this mention."""
    out = []
    pre = _premodifier_tokens(doc, span)
    if pre:
        role = _role_from_tokens(doc, pre)
        if role is not None:
            out.append(role)
    for noun in _appositive_nouns(span):
        if _is_title_word(noun) or _of_title(noun):
            role = _appositive_role(doc, noun)
            if role is not None:
                out.append(role)
    if not out:
        role = _comma_title(doc, span)
        if role is not None:
            out.append(role)
    return out


#: Prepositions of a phrase that may follow a title before the comma of an apposition.
_TITLE_PREPS = frozenset({"to", "of", "for", "at", "in", "on"})
_TITLE_PP_MAX = 5


def _comma_title(doc: Doc, span: Span) -> Role | None:
    """A title phrase right before a name and a comma, whatever the parse says: "North
    Korea's chief delegate to the talks, Kim Kye-Gwan", "Venezuelan Ambassador to Ecuador,
    Oscar Navas". A country in an "of" phrase is the role's ("minister of Iraq, X"); the
    country a "to" phrase names is where the office is held, not whose it is."""
    if span.start < 2 or doc[span.start - 1].text != ",":
        return None
    end = span.start - 1            # the title phrase ends before the comma
    title = end - 1
    prep = None
    for i in range(end - 1, max(-1, end - 1 - _TITLE_PP_MAX), -1):
        if doc[i].lower_ in _TITLE_PREPS and i > 0 and _is_title_word(doc[i - 1]):
            prep, title = doc[i], i - 1
            break
        if doc[i].is_punct or doc[i].ent_type_ == "PERSON":
            break
    if not _is_title_word(doc[title]) or kb.title_sector(doc[title].lower_) is None:
        return None
    tokens = [*_premodifier_tokens(doc, doc[title:title + 1]), doc[title]]
    role = _role_from_tokens(doc, tokens)
    if role is None:
        return None
    if prep is not None and prep.lower_ == "of" and role.country is None:
        for t in doc[prep.i + 1:end]:
            c = token_country(doc, t)
            if c is not None:
                return Role(role.text, role.sector, c, role.org, role.of_person)
    return role
