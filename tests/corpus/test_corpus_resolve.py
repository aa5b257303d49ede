"""Cross-document entity resolution."""

from __future__ import annotations

from storyline.corpus import resolve_entities
from storyline.store.synthetic import E, article


def _rid(res, article_id: str, name: str, records) -> str | None:
    record = next(r for r in records if r.id == article_id)
    entity = next(e for e in record.entities if e.name == name)
    return res.of(article_id, entity.id)


def test_resolve_same_name_and_variants() -> None:
    records = [
        article("The U.S. and Russia talked.", id="a",
                entities=[E("U.S.", "GPE", "USA"), E("Russia", "GPE", "RUS")]),
        article("The United States warned Russia.", id="b",
                entities=[E("United States", "GPE", "USA"), E("Russia", "GPE", "RUS")]),
    ]
    res = resolve_entities(records)
    assert _rid(res, "a", "U.S.", records) == _rid(res, "b", "United States", records)
    assert _rid(res, "a", "Russia", records) == _rid(res, "b", "Russia", records)
    assert len(res.entities) == 2


def test_resolve_keeps_same_names_of_different_countries_apart() -> None:
    records = [
        article("Georgia held elections.", id="a", entities=[E("Georgia", "GPE", "GEO")]),
        article("Georgia passed a state law.", id="b", entities=[E("Georgia", "GPE", "USA")]),
    ]
    res = resolve_entities(records)
    assert _rid(res, "a", "Georgia", records) != _rid(res, "b", "Georgia", records)


def test_resolve_geonames_id_wins_over_spelling() -> None:
    records = [
        article("Kyiv was hit.", id="a", entities=[E("Kyiv", "GPE", "UKR", geonameid=703448,
                                                     lat=50.45, lon=30.52)]),
        article("Kiev was hit.", id="b", entities=[E("Kiev", "GPE", "UKR", geonameid=703448,
                                                     lat=50.45, lon=30.52)]),
    ]
    res = resolve_entities(records)
    assert _rid(res, "a", "Kyiv", records) == _rid(res, "b", "Kiev", records)


def test_resolve_short_person_name_by_context() -> None:
    records = [
        article("Boris Johnson spoke in London.", id="a",
                entities=[E("Boris Johnson", "PERSON", "GBR"), E("London", "GPE", "GBR")]),
        article("Lyndon Johnson spoke in Texas.", id="b",
                entities=[E("Lyndon Johnson", "PERSON", "USA"), E("Texas", "GPE", "USA")]),
        article("Johnson returned to London.", id="c",
                entities=[E("Johnson", "PERSON"), E("London", "GPE", "GBR")]),
        article("Johnson was seen.", id="d", entities=[E("Johnson", "PERSON")]),
    ]
    res = resolve_entities(records)
    assert _rid(res, "c", "Johnson", records) == _rid(res, "a", "Boris Johnson", records)
    # no context to choose between two Johnsons: left on its own
    assert _rid(res, "d", "Johnson", records) not in {
        _rid(res, "a", "Boris Johnson", records), _rid(res, "b", "Lyndon Johnson", records)}


def test_resolve_unique_full_name() -> None:
    records = [
        article("Donald Trump spoke.", id="a", entities=[E("Donald Trump", "PERSON", "USA")]),
        article("Trump left.", id="b", entities=[E("Trump", "PERSON")]),
    ]
    res = resolve_entities(records)
    assert _rid(res, "b", "Trump", records) == _rid(res, "a", "Donald Trump", records)
    group = res.entities[_rid(res, "a", "Donald Trump", records)]
    assert group.name == "Donald Trump" and group.n_articles == 2
