"""Stories: articles about the same real-world happening, clustered by content, time,
place and participants.

Each article becomes four weighted, L2-normalized TF-IDF blocks:

- ``words``: content words of the text (stop words and numbers dropped),
  weighted by their rarity in English at large (:mod:`.wordranks`) rather than
  in the corpus, so a threshold tuned on one corpus holds on another;
- ``actors``: resolved participants (people, organizations, groups), by mentions;
- ``places``: resolved places (GeoNames ids when geocoded);
- ``time``: the years and months its dates, publication date and text name.

The similarity of two articles is the weighted mean of the blocks' cosines
(blocks empty on either side are left out of the mean), lowered when both
articles are dated and far apart. Average-linkage agglomerative clustering
merges while the best pair is above ``threshold``. Large corpora are split
into blocks of articles close in time so memory stays bounded.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import numpy as np

from ..extractors.actors.groups import GROUP_TYPE
from ..record import ArticleRecord
from .resolve import Resolution, kind_of
from .wordranks import rarity

_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]{3,}")
_DATE_PARTS = re.compile(r"^(\d{4})(?:-(\d{2}))?")
_YEAR = re.compile(r"(?<![\w.,])(?:1[89]|20)\d\d(?![\w.,]\d)")
BLOCKS = ("words", "actors", "places", "time")
IDF_FLOOR = 0.0  # a term in every article carries no weight


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


@dataclass(frozen=True)
class StoryParams:
    """Knobs of story clustering (defaults tuned on ECB+ dev topics 1–35)."""

    threshold: float = 0.24
    words: float = 1.0
    actors: float = 0.5
    places: float = 0.25
    time: float = 0.5
    max_gap_days: int = 45
    gap_penalty: float = 0.5
    block_size: int = 2000
    word_weighting: str = "background"

    def weight(self, block: str) -> float:
        return float(getattr(self, block))


def _words(text: str) -> Counter[str]:
    stop = _stop_words()
    words = (w.lower().replace("’", "'") for w in _WORD.findall(text))
    return Counter(w for w in words if len(w) > 2 and w not in stop)


def _time_terms(record: ArticleRecord) -> Counter[str]:
    """Years and months the article is about: its dates, event dates, publication date,
    and the years its text names (even where no time expression was extracted)."""
    out: Counter[str] = Counter(f"y{y}" for y in _YEAR.findall(record.text))
    values = [x.value for x in record.timexes if x.type == "DATE" and x.value]
    values += [v.date for v in record.events if v.date]
    if record.published:
        values.append(record.published)
    for value in values:
        m = _DATE_PARTS.match(value)
        if m:
            out[f"y{m[1]}"] += 1
            if m[2]:
                out[f"m{m[1]}-{m[2]}"] += 1
    return out


def article_terms(record: ArticleRecord, resolution: Resolution) -> dict[str, Counter[str]]:
    """The four term blocks of one article."""
    actors: Counter[str] = Counter()
    places: Counter[str] = Counter()
    for e in record.entities:
        # a group named by a common noun ("police", "the court") names no one story's actor
        if e.type == GROUP_TYPE:
            continue
        rid = resolution.of(record.id, e.id)
        if rid is None:
            continue
        target = places if kind_of(e.type) == "place" else actors
        target[rid] += max(len(e.mentions), 1)
    return {"words": _words(record.text), "actors": actors, "places": places,
            "time": _time_terms(record)}


def story_date(record: ArticleRecord) -> date | None:
    try:
        return date.fromisoformat(record.published) if record.published else None
    except ValueError:
        return None


def _weights(terms: Sequence[Counter[str]], column: dict[str, int], idf: dict[str, float]
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Row, column and TF-IDF weight (sublinear tf) of every document term that has a column,
    computed once for all column chunks."""
    rows: list[int] = []
    cols: list[int] = []
    values: list[float] = []
    for i, doc in enumerate(terms):
        for t, c in doc.items():
            j = column.get(t)
            if j is not None:
                rows.append(i)
                cols.append(j)
                values.append((1 + math.log(c)) * idf[t])
    return (np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64),
            np.array(values, dtype=np.float64))


def _block_matrix(terms: Sequence[Counter[str]], weighting: str = "corpus",
                  rows: int | None = None) -> np.ndarray:
    """Cosine similarities of TF-IDF vectors (sublinear tf), computed column-chunk-wise.

    ``weighting``: "corpus" (IDF over these documents), "background" (the word's
    rarity in English, the same whatever the corpus) or "both" (their geometric mean).
    ``rows``: only the similarities of the first ``rows`` documents with all of them
    (IDF still over all the documents).
    """
    n = len(terms)
    df: Counter[str] = Counter(t for doc in terms for t in doc)
    idf = {t: math.log((1 + n) / (1 + c)) + IDF_FLOOR for t, c in df.items()}
    if weighting != "corpus":
        for t in idf:
            bg = rarity(t)
            idf[t] = bg if weighting == "background" else math.sqrt(bg * idf[t])
    norms = np.zeros(n)
    for i, doc in enumerate(terms):
        norms[i] = math.sqrt(sum(((1 + math.log(c)) * idf[t]) ** 2 for t, c in doc.items()))
    # terms of one document add nothing; nor, to the first ``rows``, terms they lack
    wanted = None if rows is None else {t for doc in terms[:rows] for t in doc}
    shared = sorted(t for t, c in df.items() if c > 1 and (wanted is None or t in wanted))
    column = {t: j for j, t in enumerate(shared)}
    doc_rows, cols, values = _weights(terms, column, idf)
    m = n if rows is None else rows
    sim = np.zeros((m, n), dtype=np.float64)
    chunk = 2048
    for start in range(0, len(shared), chunk):
        x = np.zeros((n, min(chunk, len(shared) - start)), dtype=np.float32)
        part = (cols >= start) & (cols < start + chunk)
        x[doc_rows[part], cols[part] - start] = values[part]
        sim += (x if rows is None else x[:rows]) @ x.T
    safe = np.where(norms > 0, norms, 1.0)
    sim /= np.outer(safe[:m], safe)
    return sim


def similarity(blocks: dict[str, list[Counter[str]]], dates: Sequence[date | None],
               params: StoryParams, rows: int | None = None) -> np.ndarray:
    """Article × article similarity: weighted mean of block cosines, time-penalized.

    ``rows``: only the first ``rows`` articles against all (see :func:`_block_matrix`).
    """
    n = len(dates)
    m = n if rows is None else rows
    total = np.zeros((m, n))
    weight = np.zeros((m, n))
    for name in BLOCKS:
        w = params.weight(name)
        if w <= 0:
            continue
        present = np.array([bool(doc) for doc in blocks[name]], dtype=np.float64)
        both = np.outer(present[:m], present) * w
        weighting = params.word_weighting if name == "words" else "corpus"
        total += _block_matrix(blocks[name], weighting, rows) * both
        weight += both
    sim = np.divide(total, weight, out=np.zeros_like(total), where=weight > 0)
    ordinal = np.array([d.toordinal() if d else -1 for d in dates], dtype=np.int64)
    dated = ordinal >= 0
    gap = np.abs(ordinal[:m, None] - ordinal[None, :])
    far = np.outer(dated[:m], dated) & (gap > params.max_gap_days)
    np.multiply(sim, params.gap_penalty, out=sim, where=far)
    return sim


def average_linkage(sim: np.ndarray, threshold: float,
                    sizes: Sequence[int] | None = None) -> list[int]:
    """Cluster labels by average-linkage agglomeration while the best pair ≥ ``threshold``.

    ``sizes``: the number of articles each row already stands for (a cluster whose row
    is its mean similarity to the others); -inf keeps two rows apart for good.
    """
    n = sim.shape[0]
    if n == 0:
        return []
    s = sim.astype(np.float64, copy=True)
    np.fill_diagonal(s, -np.inf)
    size = np.ones(n) if sizes is None else np.array(sizes, dtype=np.float64)
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    best_j = np.argmax(s, axis=1) if n > 1 else np.zeros(1, dtype=np.int64)
    best_v = s[np.arange(n), best_j]
    while True:
        i = int(np.argmax(best_v))
        if not best_v[i] >= threshold:
            break
        j = int(best_j[i])
        merged = (s[i] * size[i] + s[j] * size[j]) / (size[i] + size[j])
        s[i, :] = merged
        s[:, i] = merged
        s[i, i] = -np.inf
        s[j, :] = -np.inf
        s[:, j] = -np.inf
        size[i] += size[j]
        members[i].extend(members.pop(j))
        best_v[j] = -np.inf
        stale = np.flatnonzero((best_j == i) | (best_j == j))
        for r in (*stale.tolist(), i):
            if members.get(r) is not None:
                best_j[r] = int(np.argmax(s[r]))
                best_v[r] = s[r, best_j[r]]
        row = s[i]  # equal to column i (both were just set), and contiguous
        better = np.flatnonzero(row > best_v)
        best_j[better] = i
        best_v[better] = row[better]
    labels = [0] * n
    for label, rows in enumerate(sorted(members.values(), key=min)):
        for r in rows:
            labels[r] = label
    return labels


def _time_blocks(dates: Sequence[date | None], size: int) -> list[list[int]]:
    """Indices split into blocks of at most ``size`` articles, in date order (undated last)."""
    order = sorted(range(len(dates)), key=lambda i: (dates[i] is None, dates[i] or date.min, i))
    return [order[k:k + size] for k in range(0, len(order), size)] or [[]]


def cluster_articles(records: Sequence[ArticleRecord], resolution: Resolution,
                     params: StoryParams | None = None,
                     terms: Sequence[dict[str, Counter[str]]] | None = None) -> list[list[str]]:
    """Stories as lists of article ids (each article in exactly one story).

    ``terms``: each record's :func:`article_terms`, when the caller has them already.
    """
    params = params or StoryParams()
    if terms is None:
        terms = [article_terms(r, resolution) for r in records]
    dates = [story_date(r) for r in records]
    stories: list[list[str]] = []
    for block in _time_blocks(dates, params.block_size):
        if not block:
            continue
        blocks = {name: [terms[i][name] for i in block] for name in BLOCKS}
        sim = similarity(blocks, [dates[i] for i in block], params)
        labels = average_linkage(sim, params.threshold)
        grouped: dict[int, list[str]] = {}
        for i, label in zip(block, labels, strict=True):
            grouped.setdefault(label, []).append(records[i].id)
        stories.extend(grouped.values())
    return stories
