"""Geoparsing evaluation: toponym recognition and resolution on GeoWebNews, TR-News, LGL, GeoVirus.

Measures (as the shared scorer defines them):
- ``acc161``: share of gold toponyms with coordinates for which some output place
  whose entity has a mention overlapping the toponym lies within 161 km;
- ``recall``: share of gold toponyms overlapped by an output place's mention
  (GeoWebNews non-toponym types left out);
- country accuracy (LGL, TR-News): the overlapping place has the gold country.

Gold offsets that miss their toponym (GeoVirus is off by one, some TR-News ones by
more) are moved to the nearest occurrence of the name within 25 characters;
toponyms that cannot be placed are left out.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .. import kb
from ..record import ArticleRecord

KM = 161.0
_ALIGN_WINDOW = 25
#: GeoWebNews types that are not toponyms (left out of recall).
GWN_NOT_TOPONYMS = frozenset({"Literal_Expression", "Non_Lit_Expression", "Non_Toponym"})
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass
class Toponym:
    start: int
    end: int
    name: str
    lat: float | None
    lon: float | None
    kind: str
    country_geonameid: int | None = None
    country_name: str | None = None
    counts_for_recall: bool = True


@dataclass
class GeoDoc:
    id: str
    text: str
    published: str | None
    toponyms: list[Toponym] = field(default_factory=list)


def _num(text: str | None) -> float | None:
    try:
        return float(text) if text is not None else None
    except ValueError:
        return None


def _toponym(el: ET.Element) -> Toponym | None:
    start, end = el.findtext("start"), el.findtext("end")
    if start is None or end is None:
        return None
    s, e = int(start), int(end)
    if el.find("extractedName") is not None:                     # GeoWebNews
        kind = (el.findtext("type") or "?").strip()
        return Toponym(s, e, el.findtext("extractedName") or "", _num(el.findtext("latitude")),
                       _num(el.findtext("longitude")), kind,
                       counts_for_recall=kind not in GWN_NOT_TOPONYMS)
    if el.find("phrase") is not None:                            # LGL, TR-News
        gz = el.find("gaztag")
        t = Toponym(s, e, el.findtext("phrase") or "", None, None, "no gaztag")
        if gz is not None:
            t.lat, t.lon = _num(gz.findtext("lat")), _num(gz.findtext("lon"))
            t.kind = gz.findtext("fcode") or "?"
            c = gz.find("country")
            if c is not None:
                gid = c.get("geonameid") or ""
                t.country_geonameid = int(gid) if gid.isdigit() else None
                t.country_name = (c.text or "").strip() or None
            elif t.kind.startswith("PCL"):
                gid = gz.get("geonameid") or ""
                t.country_geonameid = int(gid) if gid.isdigit() else None
                t.country_name = t.name
        return t
    return Toponym(s, e, el.findtext("name") or "", _num(el.findtext("lat")),   # GeoVirus
                   _num(el.findtext("lon")), "location")


def _align(text: str, t: Toponym) -> bool:
    """Point the toponym at its own name (nearest occurrence within the window)."""
    if text[t.start:t.end] == t.name:
        return True
    if not t.name:
        return False
    lo, hi = max(0, t.start - _ALIGN_WINDOW), min(len(text), t.end + _ALIGN_WINDOW)
    best = None
    for m in re.finditer(re.escape(t.name), text[lo:hi]):
        s = lo + m.start()
        d = abs(s - t.start)
        if best is None or d < best[0]:
            best = (d, s)
    if best is None:
        return False
    t.start, t.end = best[1], best[1] + len(t.name)
    return True


def load(path: Path, limit: int | None = None) -> tuple[list[GeoDoc], Counter[str]]:
    """Documents and gold toponyms of a corpus file; counts of aligned/unaligned offsets."""
    root = ET.parse(path).getroot()
    docs: list[GeoDoc] = []
    counts: Counter[str] = Counter()
    seen: set[str] = set()
    for i, art in enumerate(root.iter("article")):
        text = art.findtext("text") or ""
        doc_id = art.get("docid") or art.get("file") or str(i)
        if doc_id in seen:
            doc_id = f"{doc_id}#{i}"
        seen.add(doc_id)
        day = (art.findtext("dltime") or "").strip()[:10]
        doc = GeoDoc(doc_id, text, day if _DATE.fullmatch(day) else None)
        for el in [*art.iter("toponym"), *art.iter("location")]:
            t = _toponym(el)
            if t is None:
                continue
            ok = _align(text, t)
            counts["aligned" if ok else "unaligned"] += 1
            if ok:
                doc.toponyms.append(t)
        docs.append(doc)
        if limit and len(docs) >= limit:
            break
    return docs, counts


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return min(a[1], b[1]) > max(a[0], b[0])


@dataclass
class GeoScore:
    """Counts behind the geoparsing measures."""

    geo_gold: int = 0
    geo_ok: int = 0
    recall_gold: int = 0
    recall_place: int = 0
    recall_entity: int = 0
    country_gold: int = 0
    country_ok: int = 0
    places: int = 0
    per_kind: dict[str, Counter[str]] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)

    @property
    def acc161(self) -> float:
        return self.geo_ok / self.geo_gold if self.geo_gold else 0.0

    @property
    def recall(self) -> float:
        return self.recall_place / self.recall_gold if self.recall_gold else 0.0

    @property
    def country_accuracy(self) -> float:
        return self.country_ok / self.country_gold if self.country_gold else 0.0


def score(docs: Iterable[GeoDoc], records: Iterable[ArticleRecord | None],
          country_iso3: dict[int, str] | None = None, names_iso3: dict[str, str] | None = None
          ) -> GeoScore:
    """Score output records against the gold documents (paired in order)."""
    by_gid = country_iso3 or {c.geonameid: c.iso3 for c in kb.countries() if c.geonameid}
    by_name = names_iso3 or {}
    out = GeoScore()
    for doc, rec in zip(docs, records, strict=True):
        ents = {e.id: e for e in rec.entities} if rec else {}
        places = rec.places if rec else []
        out.places += len(places)
        spans = [(p, [tuple(m) for m in ents[p.entity].mentions] if p.entity in ents else [])
                 for p in places]
        ent_spans = [tuple(m) for e in ents.values() for m in e.mentions]
        for t in doc.toponyms:
            span = (t.start, t.end)
            hits = [p for p, ms in spans if any(_overlaps(span, m) for m in ms)]  # type: ignore[arg-type]
            k = out.per_kind.setdefault(t.kind, Counter())
            k["n"] += 1
            k["recognised"] += bool(hits)
            if t.counts_for_recall:
                out.recall_gold += 1
                out.recall_place += bool(hits)
                out.recall_entity += any(_overlaps(span, m) for m in ent_spans)  # type: ignore[arg-type]
            if t.lat is not None and t.lon is not None:
                out.geo_gold += 1
                k["geo"] += 1
                ok = any(p.lat is not None and p.lon is not None
                         and kb.distance_km(t.lat, t.lon, p.lat, p.lon) <= KM for p in hits)
                out.geo_ok += ok
                k["ok"] += ok
                if not ok:
                    got = ", ".join(f"{p.name} {p.country} ({p.lat}, {p.lon})" for p in hits)
                    if not got:
                        near = [f"{e.name!r} {e.type}" for e in ents.values()
                                if any(_overlaps(span, tuple(m)) for m in e.mentions)]  # type: ignore[arg-type]
                        got = "not recognised" + (f" (entity {', '.join(near)})" if near else "")
                    out.misses.append(
                        f"{doc.id}: {t.name!r} [{t.kind}] ({t.lat}, {t.lon}) -> {got}")
            gold_country = None
            if t.country_geonameid is not None:
                gold_country = by_gid.get(t.country_geonameid)
            if gold_country is None and t.country_name:
                gold_country = by_name.get(t.country_name)
                if gold_country is None:
                    c = kb.country(t.country_name)
                    gold_country = c.iso3 if c else None
            if gold_country:
                out.country_gold += 1
                out.country_ok += any((p.country or "").upper() == gold_country for p in hits)
    return out


def inputs(docs: Iterable[GeoDoc]) -> Iterator[tuple[str, str, str | None]]:
    """(id, text, published) of every document, for the extractor."""
    for d in docs:
        yield d.id, d.text, d.published
