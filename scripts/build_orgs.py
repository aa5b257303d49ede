#!/usr/bin/env python3
"""Build storyline's table of organizations: ``src/storyline/resources/en/kb/organizations.tsv``.

Domestic institutions and non-state armed groups with their country and CAMEO actor code,
so that "the Bureau of Land Management" is USA / USAGOV and "the Farabundo Marti National
Liberation Front" SLV / SLVREB even when the article does not name the country.

Source: PETRARCH2's Phoenix actor dictionaries (``../shared/data/lexicons/petrarch2/``, read
at build time only, never shipped): ``Phoenix.Countries.actors.txt`` and
``Phoenix.MilNonState.actors.txt``. Every entry whose codes are all undated (organizations
and groups; people have dated codes) and name one country becomes a row with its names and
synonyms; codes are cut to country + first sector (USAGOVLAB -> USAGOV). Entries that are
countries or territories themselves, and names the dictionaries give to organizations of
different countries, are left out, and so are generic names that PETRARCH2's agents dictionary
(``Phoenix.agents.txt``) lists ("Senate", "Defense Department": any country has one, so the
article says whose), and armed groups' one-word nicknames that are plain English words
("Tigers", "Youth": Webster's 2nd word list of the ``english-words`` package).

Output: one line per organization, sorted, so a rerun gives the same bytes;
``tests/test_kb.py`` regenerates it and compares when ``../shared/`` is there.

Usage: python scripts/build_orgs.py [--lexicons DIR] [--out FILE]
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from build_people import (  # noqa: E402
    _CODE,
    DEFAULT_LEXICONS,
    _code_country,
    _words,
    dictionary_lines,
    table_main,
    write_table,
)

from storyline import kb  # noqa: E402

DEFAULT_OUT = ROOT / "src" / "storyline" / "resources" / "en" / "kb" / "organizations.tsv"
SOURCES = ("Phoenix.Countries.actors.txt", "Phoenix.MilNonState.actors.txt")
AGENTS = "Phoenix.agents.txt"
FIELDS = ("names", "country", "code")
#: Shortest name kept (shorter acronyms name too many things).
_MIN_NAME = 3
#: Shortest short form split off a bracketed name ("LTTE", "MILF"; not "ANA")
_MIN_SHORT_FORM = 4
#: A name with its short form in brackets: "aden abyan islamic army (aaia)"
_BRACKETED = re.compile(r"(.*?)\s*\(([^()]*)\)\s*(.*)")


def name_forms(phrase: str) -> list[str]:
    """The names a dictionary phrase gives: "LIBERATION_TIGERS_OF_TAMIL_EELAM_(LTTE)_" is the
    full name and its short form in brackets, two names, not one run together. Anything else in
    brackets (a country qualifying the name, a faction, an expansion, a hyphenated word, an
    acronym of three letters, which names too many things: "ANA", "ISA") stays with the name
    as one phrase, as before."""
    m = _BRACKETED.fullmatch(_words(phrase))
    if m is None:
        return [_words(phrase).casefold()]
    short = m.group(2).strip()
    if not (short.isalpha() and len(short) >= _MIN_SHORT_FORM):
        return [_words(phrase).casefold()]
    return [_words(f"{m.group(1)} {m.group(3)}").casefold(), short.casefold()]


def parse_entries(path: Path) -> list[tuple[list[str], list[tuple[str, str]]]]:
    """(names, [(code, date spec)]) of every entry of a Phoenix actor dictionary."""
    entries: list[tuple[list[str], list[tuple[str, str]]]] = []
    for line in dictionary_lines(path):
        if line[0] not in " \t+[":
            head = line.split("[")[0].strip().rstrip("_").strip()
            entries.append((name_forms(head) if head else [], []))
        elif line.startswith("+") and entries:
            entries[-1][0].extend(name_forms(line[1:].split("[")[0].rstrip("_")))
        if entries:
            entries[-1][1].extend(_CODE.findall(line))
    return entries


def agent_nouns(path: Path) -> frozenset[str]:
    """Generic agent nouns of a PETRARCH agents dictionary ("senate", "defense department"),
    as comparison keys; lines with "!" macros are skipped."""
    nouns = set()
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#")[0].strip()
        head = line.split("[")[0].strip()
        if "[" in line and head and "!" not in head:
            nouns.add(kb.key(_words(head)))
    return frozenset(nouns)


def common_words() -> frozenset[str]:
    """Lower-case entries of Webster's 2nd word list (proper nouns there are capitalized)."""
    from english_words import get_english_words_set

    return frozenset(w for w in get_english_words_set(["web2"], lower=False) if w.islower())


def _nickname(key: str, code: str, words: frozenset[str]) -> bool:
    """An armed group's one-word alias that is a plain English word ("tigers", "youth",
    "falcon"): an ORG of that name is far more often something else (a team, a charity).
    Short forms of up to four letters stay: they are acronyms ("eta", "amal")."""
    return code.endswith("REB") and " " not in key and len(key) > 4 \
        and (key in words or key.removesuffix("s") in words)


def build(folder: Path) -> list[dict[str, str]]:
    agents = agent_nouns(folder / AGENTS)
    words = common_words()
    by_name: dict[str, set[tuple[str, str]]] = defaultdict(set)
    groups: list[tuple[list[str], tuple[str, str]]] = []
    for source in SOURCES:
        for names, codes in parse_entries(folder / source):
            if not names or not codes or any(spec for _, spec in codes):
                continue
            found = {cc for code, _ in codes if (cc := _code_country(code)) is not None and cc[0]}
            if len(found) != 1:
                continue
            cc = found.pop()
            if cc[0] == cc[1] or any(kb.country_of_any(n) is not None for n in names):
                continue  # a country, territory or demonym, not an organization
            keys = sorted({k for n in names if len(k := kb.key(n)) >= _MIN_NAME
                           and any(c.isalpha() for c in k)
                           and k not in agents and k.removesuffix("s") not in agents
                           and not _nickname(k, cc[1], words)})
            for k in keys:
                by_name[k].add(cc)
            groups.append((keys, cc))
    rows = []
    for keys, (country, code) in groups:
        # a name the dictionaries give to organizations of different countries is left out
        keep = [k for k in keys if len(by_name[k]) == 1]
        if keep:
            rows.append({"names": "|".join(keep), "country": country, "code": code})
    unique = {(r["names"], r["country"], r["code"]): r for r in rows}
    return sorted(unique.values(), key=lambda r: tuple(r[f] for f in FIELDS))


def write(out: Path, folder: Path = DEFAULT_LEXICONS) -> Path:
    return write_table(out, FIELDS, build(folder))


def main() -> None:
    table_main(__doc__, write, DEFAULT_OUT)


if __name__ == "__main__":
    main()
