"""Mine cue words from the PolNeAR train split: how often each word is part of a cue.

Writes ``src/storyline/resources/en/quotes/mined_cues.tsv``: for every word
that lies inside a gold Cue span at least ``MIN_CUE`` times, the number of
times it does (``cue``) and its number of occurrences in the texts
(``total``). The quote extractor treats a verb whose word form is a cue often
enough (see ``mined:`` in ``quotes/cues.yaml``) as a cue even when the
hand-written lexicon does not list it.

Purely lexical (no parse), so it reruns in seconds; ``tests/extractors/
quotes/test_lexicon.py`` regenerates the table and compares. Only the train
split is read: dev and test are for measurement.

    python scripts/mine_polnear_cues.py [../shared/data/polnear/train] [--out FILE]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from storyline.eval.polnear import load_corpus  # noqa: E402

DEFAULT_TRAIN = ROOT.parent / "shared" / "data" / "polnear" / "train"
DEFAULT_OUT = ROOT / "src" / "storyline" / "resources" / "en" / "quotes" / "mined_cues.tsv"
MIN_CUE = 3
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
HEADER = "# word\tcue\ttotal  (mined from PolNeAR train by scripts/mine_polnear_cues.py)\n"


def mine(train: Path) -> str:
    """The TSV text: word, times inside a cue, occurrences; most frequent cues first."""
    cue: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for doc in load_corpus(train):
        words = [(m.start(), m.end(), m.group().lower()) for m in WORD.finditer(doc.text)]
        total.update(w for _, _, w in words)
        inside: set[int] = set()
        for att in doc.attributions:
            for s, e in att.cue:
                inside.update(k for k, (ws, we, _) in enumerate(words) if ws < e and s < we)
        cue.update(words[k][2] for k in inside)
    rows = sorted((w for w, n in cue.items() if n >= MIN_CUE), key=lambda w: (-cue[w], w))
    return HEADER + "".join(f"{w}\t{cue[w]}\t{total[w]}\n" for w in rows)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("train", nargs="?", type=Path, default=DEFAULT_TRAIN)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args()
    if not (args.train / "text").is_dir():
        print(f"no PolNeAR split at {args.train}", file=sys.stderr)
        return 2
    args.out.write_text(mine(args.train), encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
