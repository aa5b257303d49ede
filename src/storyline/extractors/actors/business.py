"""Which entities of an article are businesses.

PLOVER codes political events. Its manual leaves "news reports that solely discuss
company annual reports, acquisitions, and similarly mundane business activities" out
of its economic context and gives business actors (sector BUS) as a less frequently
used code, there when a business meets a government, court or other political actor.
The events coder reads :func:`business_ids` to leave out acts among businesses only
("Sony agreed to buy Columbia Pictures").

A business is:

- an organization named with a corporate designator (``actors/business.yaml``:
  "Sony Corp.", "Montedison S.p.A.", "Bear, Stearns & Co.");
- an organization or a one-word person name that starts such a name in the same
  article, its short form ("Sony", "LIN" of "LIN Broadcasting Corp.", "Anheuser" of
  "Anheuser-Busch Cos."; the tagger often takes a company named after its founder for
  a person, "McCaw"), or that gives its initials ("KKR" of "Kohlberg Kravis Roberts &
  Co.", "GM");
- a person whose role names one of them ("LIN's vice president", "chairman of Sony"),
  or whose CAMEO code has the business sector (BUS) in an article that names a company
  in full.

An article that names no company in full has no business: a sector code from a title
alone says too little ("chairman" is a business title in PETRARCH2's agents dictionary,
and the chairman of a commission is no businessman).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from ...record import Entity
from ...resources import load_yaml

_UNDOTTED = re.compile(r"[.,]")


@lru_cache(maxsize=1)
def _designators() -> frozenset[str]:
    return frozenset(load_yaml("actors/business.yaml")["designators"])


def is_company_name(name: str) -> bool:
    """Whether a name ends with a corporate designator ("Sony Corp.", "Reiss & Co. B.V.")."""
    words = name.split()
    return len(words) > 1 and _UNDOTTED.sub("", words[-1]) in _designators()


def _initials(name: str) -> str:
    """The capitals a company's name is cut to: its words but the designator and
    joining words ("General Motors Corp." -> "GM")."""
    words = [w for w in name.replace("-", " ").split()[:-1] if w[:1].isupper()]
    return "".join(w[0] for w in words)


def _short_form(short: str, firm: str) -> bool:
    """Whether ``short`` names the company ``firm`` by its first words or its initials."""
    return (firm.startswith((short + " ", short + "-"))
            or (len(short) > 1 and short.isupper() and short == _initials(firm)))


def _names_in(text: str, names: Sequence[str]) -> bool:
    return any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", text) for n in names)


def business_ids(entities: Sequence[Entity]) -> frozenset[str]:
    """Ids of the entities that are businesses (see the module docstring)."""
    firms = [e for e in entities if e.type == "ORG" and is_company_name(e.name)]
    if not firms:
        return frozenset()
    ids = {e.id for e in firms}
    for e in entities:
        if e.id in ids or not e.name:
            continue
        short = e.type == "ORG" or (e.type == "PERSON" and len(e.name.split()) == 1)
        # the short form of a company named in full in the article
        if short and any(_short_form(e.name, f.name) for f in firms):
            ids.add(e.id)
    # the companies' names, with the firms' names cut before their designator ("Jaguar")
    names = [e.name for e in entities if e.id in ids] + [" ".join(f.name.split()[:-1]) for f in firms]
    for e in entities:
        # a person holding an office of one of them, or a business title in a story of
        # companies ("chief executive", CAMEO sector BUS)
        if e.type == "PERSON" and e.id not in ids and (
                any(_names_in(r, names) for r in e.roles) or (e.actor or "").endswith("BUS")):
            ids.add(e.id)
    return frozenset(ids)
