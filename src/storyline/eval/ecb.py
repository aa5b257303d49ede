"""ECB+ story clustering: read the corpus, cluster its articles, score with B³.

ECB+ (Cybulska & Vossen 2014) groups news articles into topics, each with two
sub-topics: articles about two similar but distinct real events (``N_Mecb.xml``
files form one sub-topic of topic N, ``N_Mecbplus.xml`` files the other). The
gold story of an article is its sub-topic; storyline clusters all articles of
the corpus at once, from their text alone, and is scored with B³ (Bagga &
Baldwin 1998): per article, precision is the share of its predicted cluster
that shares its gold cluster, recall the share of its gold cluster found in its
predicted cluster; both are averaged over articles and F1 is their harmonic mean.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Hashable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..errors import ErrorCode, StorylineError
from ..sources.base import ArticleInput

_FILE = re.compile(r"^(\d+)_(\d+)(ecbplus|ecb)\.xml$")
_NO_SPACE_BEFORE = re.compile(r" ([,.;:!?%)\]}]|'s|n't|'re|'ve|'ll|'d|'m|'')")
_NO_SPACE_AFTER = re.compile(r"([(\[{$]|``) ")


@dataclass(frozen=True)
class B3:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def b3(gold: Mapping[str, Hashable], predicted: Mapping[str, Hashable]) -> B3:
    """B³ precision and recall of a clustering, over the items of ``gold``.

    Items missing from ``predicted`` count as singletons.
    """
    if not gold:
        return B3(0.0, 0.0)
    pred = {item: predicted.get(item, ("singleton", item)) for item in gold}
    gold_sets: dict[Hashable, set[str]] = defaultdict(set)
    pred_sets: dict[Hashable, set[str]] = defaultdict(set)
    for item in gold:
        gold_sets[gold[item]].add(item)
        pred_sets[pred[item]].add(item)
    p = r = 0.0
    for item in gold:
        g, s = gold_sets[gold[item]], pred_sets[pred[item]]
        common = len(g & s)
        p += common / len(s)
        r += common / len(g)
    return B3(p / len(gold), r / len(gold))


def detokenize(tokens: list[str]) -> str:
    """Running text from ECB+ tokens (spaces removed before punctuation and clitics)."""
    text = " ".join(tokens)
    text = _NO_SPACE_BEFORE.sub(r"\1", text)
    text = _NO_SPACE_AFTER.sub(r"\1", text)
    return text.replace("``", "“").replace("''", "”")


@dataclass(frozen=True)
class EcbDocument:
    """One ECB+ article, as an extractor input, with its gold sub-topic."""

    article: ArticleInput
    topic: str
    subtopic: str


def read_document(path: Path) -> EcbDocument:
    """Text of one ECB+ file: sentences on their own lines; a leading URL line becomes the url."""
    m = _FILE.match(path.name)
    if m is None:
        raise StorylineError(ErrorCode.E105, str(path), suffix=path.name)
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as exc:
        raise StorylineError(ErrorCode.E111, str(path), detail=str(exc)) from None
    sentences: dict[int, list[str]] = defaultdict(list)
    for tok in root.iter("token"):
        sentences[int(tok.get("sentence", "0"))].append(tok.text or "")
    lines = [detokenize(sentences[k]) for k in sorted(sentences)]
    url = None
    if lines and re.match(r"^https?\s*:", lines[0]):
        url = lines.pop(0).replace(" ", "")
    topic = m[1]
    return EcbDocument(
        article=ArticleInput(text="\n".join(lines), source=str(path), id=f"{topic}/{path.stem}",
                             url=url),
        topic=topic, subtopic=f"{topic}{m[3]}")


def read_corpus(root: Path, limit: int | None = None) -> Iterator[EcbDocument]:
    """Every ``N_Mecb.xml`` / ``N_Mecbplus.xml`` under ``root`` (topic folders), sorted."""
    if not root.is_dir():
        raise StorylineError(ErrorCode.E101, str(root))
    paths = sorted((p for p in root.rglob("*.xml") if _FILE.match(p.name)),
                   key=lambda p: (int(_FILE.match(p.name)[1]), p.name))  # type: ignore[index]
    if limit is not None:
        topics = sorted({int(_FILE.match(p.name)[1]) for p in paths})[:limit]  # type: ignore[index]
        paths = [p for p in paths if int(_FILE.match(p.name)[1]) in topics]  # type: ignore[index]
    for path in paths:
        yield read_document(path)


@dataclass(frozen=True)
class EcbReport:
    """B³ of story clustering over the corpus, plus counts."""

    articles: int
    gold_clusters: int
    predicted_clusters: int
    score: B3
    per_topic: dict[str, B3]


def score_stories(docs: list[EcbDocument], stories: list[list[str]]) -> EcbReport:
    """B³ of ``stories`` (lists of article ids) against the ECB+ sub-topics."""
    gold = {d.article.article_id: d.subtopic for d in docs}
    pred = {a: n for n, members in enumerate(stories) for a in members}
    topics: dict[str, list[str]] = defaultdict(list)
    for d in docs:
        topics[d.topic].append(d.article.article_id)
    per_topic = {t: b3({a: gold[a] for a in ids}, {a: pred.get(a, a) for a in ids})
                 for t, ids in sorted(topics.items(), key=lambda kv: int(kv[0]))}
    return EcbReport(len(gold), len(set(gold.values())),
                     len({pred[a] for a in gold if a in pred}),
                     b3(gold, pred), per_topic)
