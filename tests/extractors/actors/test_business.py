"""Which entities are businesses: corporate designators, short forms, office holders."""

from __future__ import annotations

import pytest

from storyline.extractors.actors.business import business_ids, is_company_name
from storyline.record import Entity


def _ents(*rows: tuple[str, str] | tuple[str, str, str | None, list[str]]) -> list[Entity]:
    out = []
    for k, row in enumerate(rows, 1):
        name, label, actor, roles = (*row, None, [])[:4] if len(row) == 2 else row
        out.append(Entity(id=f"e{k}", name=name, type=label, actor=actor, roles=roles))
    return out


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Sony Corp.", True),
        ("Montedison S.p.A.", True),
        ("Reiss & Co. B.V.", True),
        ("Blackstone Capital Partners Limited Partnership", True),
        ("AEP INDUSTRIES Inc.", True),
        ("Federal Trade Commission", False),
        ("Abu Sayyaf Group", False),
        ("Co.", False),
    ],
)
def test_business_company_name_by_designator(name: str, expected: bool) -> None:
    assert is_company_name(name) is expected


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        # a company and its short form; the regulator is no business
        ((("LIN Broadcasting Corp.", "ORG"), ("LIN", "ORG"), ("Federal Trade Commission", "ORG")),
         {"e1", "e2"}),
        # initials and a name cut at its hyphen; a founder's name the tagger took for a person
        ((("Kohlberg Kravis Roberts & Co.", "ORG"), ("KKR", "ORG"), ("Anheuser-Busch Cos.", "ORG"),
          ("Anheuser", "ORG"), ("McCaw Cellular Communications Inc.", "ORG"), ("McCaw", "PERSON")),
         {"e1", "e2", "e3", "e4", "e5", "e6"}),
        # a person whose role names a company, and one with a business title; a minister is not
        ((("Jaguar PLC", "ORG"), ("John Egan", "PERSON", None, ["Jaguar's chairman"]),
          ("Roger Smith", "PERSON", "USABUS", []), ("Nicholas Ridley", "PERSON", "GBRGOV", ["minister"])),
         {"e1", "e2", "e3"}),
        # no company named in full: no story of companies, a business title alone tells nothing
        ((("African Union Commission", "ORG"), ("Moussa Faki", "PERSON", "TCDBUS", ["chairman"])),
         set()),
        # a place that starts a company's name is no short form of it
        ((("Boston Edison Co.", "ORG"), ("Boston", "GPE")), {"e1"}),
    ],
)
def test_business_ids_of_an_article(rows, expected: set[str]) -> None:
    assert set(business_ids(_ents(*rows))) == expected
