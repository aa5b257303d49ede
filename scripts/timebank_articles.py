"""Write TimeBank news documents as plain articles for the hand-gold event annotations.

``eval/articles/timebank/ID.gold.json`` holds storyline's own end-to-end event gold for
TimeBank documents of the tuning part (see ``eval/articles/README.md``). The shared
scorer reads an article as plain text, so this script writes, for each annotated
document, ``ID.txt`` (the ``<TEXT>`` of ``../shared/data/timebank/TimeBank/ID.tml``
with its tags stripped, entities unescaped, each line stripped and blank lines
collapsed) and a link to its gold into one folder:

    python scripts/timebank_articles.py [--shared ../shared] [--out build/splits/articles_timebank]
    python3 ../shared/eval/score.py gold-dir build/splits/articles_timebank --run "storyline extract"

``--ids ID ...`` writes the texts of the named documents only, with or without gold
(for annotating a new one).
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "eval" / "articles" / "timebank"

_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
_TAG = re.compile(r"<[^>]+>")
_DCT = re.compile(r'value="(\d{4}-\d{2}-\d{2})[^"]*"[^>]*functionInDocument="CREATION_TIME"')


def article_text(tml: str) -> str:
    """The plain text of a TimeML document's ``<TEXT>``: tags stripped, entities
    unescaped, lines stripped, runs of blank lines made one."""
    found = _TEXT.search(tml)
    body = html.unescape(_TAG.sub("", found.group(1) if found else ""))
    lines = [line.strip() for line in body.splitlines()]
    text = "\n".join(lines).strip()
    return re.sub(r"\n{3,}", "\n\n", text) + "\n"


def creation_date(tml: str) -> str | None:
    """The document creation date (``YYYY-MM-DD``) of a TimeML document."""
    found = _DCT.search(tml)
    return found.group(1) if found else None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, default=ROOT / "build" / "splits" / "articles_timebank")
    ap.add_argument("--ids", nargs="*", help="write these documents' texts only")
    args = ap.parse_args()
    corpus = args.shared / "data" / "timebank" / "TimeBank"
    if not corpus.is_dir():
        print(f"no TimeBank corpus under {args.shared}", file=sys.stderr)
        return 2
    ids = args.ids or sorted(p.name.removesuffix(".gold.json") for p in GOLD.glob("*.gold.json"))
    args.out.mkdir(parents=True, exist_ok=True)
    if not args.ids:
        for old in args.out.iterdir():
            old.unlink()
    for doc_id in ids:
        source = corpus / f"{doc_id}.tml"
        if not source.is_file():
            print(f"{doc_id}: no {source.name} in the TimeBank corpus", file=sys.stderr)
            return 2
        tml = source.read_text(encoding="utf-8")
        (args.out / f"{doc_id}.txt").write_text(article_text(tml), encoding="utf-8")
        gold = GOLD / f"{doc_id}.gold.json"
        link = args.out / gold.name
        if gold.is_file() and not link.exists():
            link.symlink_to(gold.resolve())
        print(f"{doc_id}: published {creation_date(tml)}")
    print(f"{args.out}: {len(ids)} articles")
    return 0


if __name__ == "__main__":
    sys.exit(main())
