#!/usr/bin/env python3
"""Build storyline's table of office holders: ``src/storyline/resources/en/kb/people.tsv``.

Heads of state and government, ministers and other officials with their country,
CAMEO actor code and the dates the code holds, so that "Netanyahu" in a 2013
article is ISR / ISRGOV even when the article never says who he is.

Sources:
- PETRARCH2's Phoenix actor dictionaries (``../shared/data/lexicons/petrarch2/``,
  read at build time only, never shipped): ``Phoenix.Countries.actors.txt`` and
  ``Phoenix.International.actors.txt``. Every entry with at least one dated code is
  a person; its name and synonyms ("+PRIME_MINISTER_WEN_JIABAO" gives the role
  "prime minister" and the name "Wen Jiabao") become the names looked up. Codes are
  cut to country + first sector (CHNGOVMIL -> CHNGOV). Two-digit years 00-30 are
  20YY, others 19YY (the dictionaries' own convention).
- ``scripts/kb_tables/people.csv``: a hand-written table for the years after the
  dictionaries (about 2014 on); its rows win over the dictionaries' on the dates
  they cover.

Output: one line per (person, code, date range), sorted, so a rerun gives the same
bytes; ``tests/test_kb.py`` regenerates it and compares when ``../shared/`` is there.
Next to it, its two indexes (``people_names.tsv``, ``people_words.tsv``: sorted tables,
:mod:`storyline.sorted_table`), rebuilt from the shipped table by a test that needs no
``../shared/``.

Usage: python scripts/build_people.py [--lexicons DIR] [--out FILE]
"""

from __future__ import annotations

import argparse
import csv
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from storyline.kb import key as kb_key
from storyline.sorted_table import rows_with_offsets, write_sorted_table

ROOT = Path(__file__).resolve().parents[1]
TABLES = ROOT / "scripts" / "kb_tables"
DEFAULT_LEXICONS = ROOT.parent / "shared" / "data" / "lexicons" / "petrarch2"
DEFAULT_OUT = ROOT / "src" / "storyline" / "resources" / "en" / "kb" / "people.tsv"
SOURCES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt")
FIELDS = ("id", "names", "country", "code", "start", "end", "role", "source")

#: Titles that open a synonym ("PRIME_MINISTER_WEN_JIABAO"), longest first, and the role.
_TITLES = (
    ("prime minister", "prime minister"), ("deputy prime minister", "deputy prime minister"),
    ("foreign minister", "foreign minister"), ("defense minister", "defense minister"),
    ("defence minister", "defence minister"), ("finance minister", "finance minister"),
    ("interior minister", "interior minister"), ("vice president", "vice president"),
    ("secretary general", "secretary-general"), ("secretary-general", "secretary-general"),
    ("secretary of state", "secretary of state"), ("president", "president"),
    ("premier", "premier"), ("chancellor", "chancellor"), ("minister", "minister"),
    ("king", "king"), ("queen", "queen"), ("emir", "emir"), ("sultan", "sultan"),
    ("general", "general"), ("gen.", "general"), ("senator", "senator"), ("sen.", "senator"),
    ("governor", "governor"), ("ambassador", "ambassador"), ("mr.", ""), ("mr", ""),
    ("mrs.", ""), ("mrs", ""), ("ms.", ""), ("dr.", ""), ("sheikh", ""), ("ayatollah", ""),
)
_CODE = re.compile(r"\[([A-Z]{3,})\s*([<>]?\d{6,8}(?:-\d{6,8})?)?\s*\]")
#: Words of synonyms that are not names (countries and demonyms are found through the KB).
_NOT_NAME = frozenset({"the", "of", "and", "former", "new", "acting", "interim", "leader",
                       "chief", "head", "spokesman", "party", "government", "minister"})


def _date(text: str) -> str:
    """YYMMDD or YYYYMMDD -> YYYY-MM-DD (YY 00-30 is 20YY)."""
    if len(text) == 6:
        yy = int(text[:2])
        text = f"{2000 + yy if yy <= 30 else 1900 + yy}{text[2:]}"
    return f"{text[:4]}-{text[4:6]}-{text[6:8]}"


def _range(spec: str | None) -> tuple[str, str]:
    """'960618-990706' / '>090401' / '<090401' / None -> (start, end), '' for open."""
    if not spec:
        return "", ""
    if spec.startswith(">"):
        return _date(spec[1:]), ""
    if spec.startswith("<"):
        return "", _date(spec[1:])
    a, _, b = spec.partition("-")
    return _date(a), _date(b)


@dataclass
class Person:
    """One dictionary entry: names, roles named in its synonyms, dated codes."""

    name: str
    names: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    codes: list[tuple[str, str, str]] = field(default_factory=list)  # code, start, end


def _words(phrase: str) -> str:
    return " ".join(w for w in phrase.replace("_", " ").split() if w)


def _split_title(phrase: str) -> tuple[str, str]:
    """'prime minister wen jiabao' -> ('prime minister', 'wen jiabao'): the role a synonym opens
    with (after a country or demonym: "israeli prime minister …") and the name after it."""
    from storyline import kb

    words = phrase.split()
    # a country or demonym first ("Russian President Vladimir Putin")
    for n in (3, 2, 1):
        if len(words) > n and kb.country_of_any(" ".join(words[:n])) is not None:
            words = words[n:]
            break
    rest = " ".join(words)
    for title, role in _TITLES:
        if rest.startswith(title + " "):
            return role, rest[len(title) + 1:]
    return "", rest


def name_variants(name: str) -> list[str]:
    """Keys a person's name may appear under: the full name, first and last name, and first and
    second name (Spanish double surnames: "Felipe Calderon Hinojosa" -> "Felipe Calderon")."""
    words = kb_key(name).split()
    out = [" ".join(words)]
    if len(words) >= 3:
        out += [f"{words[0]} {words[-1]}", f"{words[0]} {words[1]}"]
    return [v for v in out if v]


def dictionary_lines(path: Path) -> Iterator[str]:
    """The lines of a Phoenix actor dictionary without comments, blank lines and tags."""
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split(" #")[0].split("\t#")[0].rstrip()
        if line.strip() and not line.lstrip().startswith("#") and not line.startswith("<"):
            yield line


def parse_dictionary(path: Path) -> list[Person]:
    """People (entries with at least one dated code) of a Phoenix actor dictionary."""
    people: list[Person] = []
    current: Person | None = None
    for line in dictionary_lines(path):
        if line[0] not in " \t+[":
            head = line.split("[")[0].strip().rstrip("_").strip()
            current = Person(_words(head).casefold()) if head else None
            if current is not None:
                current.names.append(current.name)
                people.append(current)
        elif line.startswith("+") and current is not None:
            role, name = _split_title(_words(line[1:].split("[")[0].rstrip("_")).casefold())
            if role:
                current.roles.append(role)
            if name and not set(name.split()) & _NOT_NAME:
                current.names.append(name)
        if current is not None:
            for code, spec in _CODE.findall(line):
                start, end = _range(spec)
                current.codes.append((code, start, end))
    return [p for p in people if any(s or e for _, s, e in p.codes)]


def _code_country(code: str) -> tuple[str, str] | None:
    """(country, actor code) of a dictionary code: 'CHNGOVMIL' -> ('CHN', 'CHNGOV');
    'IGOUNO' -> ('', 'IGOUNO'); a bare sector ('ELI') -> None."""
    from storyline import kb

    if code.startswith(("IGO", "NGO")):
        return "", code[:6]
    c = kb.country_by_code(code[:3])
    if c is None or len(code) < 6:
        return (c.iso3, c.iso3) if c is not None and len(code) == 3 else None
    return c.iso3, code[:6]


def rows_from_dictionaries(folder: Path) -> list[dict[str, str]]:
    rows = []
    for source in SOURCES:
        for n, p in enumerate(parse_dictionary(folder / source)):
            names = sorted({v for name in p.names for v in name_variants(name)})
            role = p.roles[0] if p.roles else ""
            for code, start, end in p.codes:
                cc = _code_country(code)
                if cc is None:
                    continue
                rows.append({"id": f"{source.split('.')[1][:4].lower()}{n}",
                             "names": "|".join(names), "country": cc[0], "code": cc[1],
                             "start": start, "end": end, "role": role, "source": "phoenix"})
    return rows


def rows_from_table() -> list[dict[str, str]]:
    with (TABLES / "people.csv").open(encoding="utf-8", newline="") as fh:
        table = list(csv.DictReader(fh))
    rows = []
    for r in table:
        names = sorted({v for name in (r["name"], *[a for a in r["aliases"].split("|") if a])
                        for v in name_variants(name)})
        rows.append({"id": "t" + kb_key(r["name"]).replace(" ", "_"), "names": "|".join(names),
                     "country": r["country"], "code": r["code"], "start": r["start"],
                     "end": r["end"], "role": r["role"], "source": "table"})
    return rows


def build(folder: Path) -> list[dict[str, str]]:
    rows = rows_from_dictionaries(folder) + rows_from_table()
    return sorted(rows, key=lambda r: tuple(r[f] for f in FIELDS))


def write_table(out: Path, fields: Sequence[str], rows: list[dict[str, str]]) -> Path:
    """Write ``rows`` as a tab-separated table with a header line (the KB's TSV shape)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(fields), delimiter="\t", lineterminator="\n",
                                quoting=csv.QUOTE_MINIMAL)
        writer.writeheader()
        writer.writerows(rows)
    return out


def write(out: Path, folder: Path = DEFAULT_LEXICONS) -> Path:
    """Write the table to ``out`` and its two indexes next to it (:func:`write_indexes`)."""
    write_table(out, FIELDS, build(folder))
    write_indexes(out)
    return out


def write_indexes(people: Path) -> list[Path]:
    """The indexes of the table ``people`` that :mod:`storyline.kb` searches in place:
    ``people_names.tsv``, each name -> the byte offsets of the rows listing it (file
    order), and ``people_words.tsv``, the first or last word of each multi-word name ->
    those names ("|"-separated, in the order they first occur in the table)."""
    rows: dict[str, list[str]] = {}
    for offset, fields in rows_with_offsets(people):
        for name in fields[1].split("|"):
            rows.setdefault(name, []).append(str(offset))
    words: dict[str, list[str]] = {}
    for name in rows:
        parts = name.split()
        if len(parts) > 1:
            for w in dict.fromkeys((parts[0], parts[-1])):
                words.setdefault(w, []).append(name)
    return [write_sorted_table(people.parent / "people_names.tsv", ("name", "rows"),
                               ((n, (",".join(offsets),)) for n, offsets in rows.items())),
            write_sorted_table(people.parent / "people_words.tsv", ("word", "names"),
                               ((w, ("|".join(names),)) for w, names in words.items()))]


def table_main(doc: str, write: Callable[[Path, Path], Path], default_out: Path) -> None:
    """The command line of a script that builds a KB table from the PETRARCH2 lexicons."""
    parser = argparse.ArgumentParser(description=doc.split("\n")[0])
    parser.add_argument("--lexicons", type=Path, default=DEFAULT_LEXICONS)
    parser.add_argument("--out", type=Path, default=default_out)
    args = parser.parse_args()
    path = write(args.out, args.lexicons)
    print(f"wrote {path} ({path.stat().st_size:,} bytes)")


def main() -> None:
    table_main(__doc__, write, DEFAULT_OUT)


if __name__ == "__main__":
    main()
