"""Write TimeBank and AQUAINT news documents as plain articles for the hand-gold event annotations.

``eval/articles/timebank/ID.gold.json`` holds storyline's own end-to-end event gold for
TimeBank documents of the tuning part, ``eval/articles/aquaint/ID.gold.json`` for AQUAINT
documents, a validation part (see ``eval/articles/README.md``). The shared scorer reads an
article as plain text, so this script writes, for each annotated document, ``ID.txt`` (the
``<TEXT>`` of ``../shared/data/timebank/<corpus>/ID.tml`` with its tags stripped, entities
unescaped, each line stripped and blank lines collapsed) and a link to its gold into one
folder:

    python scripts/timebank_articles.py [--corpus timebank|aquaint] [--shared ../shared] [--out DIR]
    python3 ../shared/eval/score.py gold-dir build/splits/articles_timebank --run "storyline extract"

(``DIR`` defaults to ``build/splits/articles_timebank`` or ``build/splits/articles_aquaint``.)

``--ids ID ...`` writes the texts of the named documents only, with or without gold
(for annotating a new one). ``--batch N`` writes only the gold files of annotation batch N
(their ``"batch"`` key; batch 4 is the first to carry one), so that a batch is scored alone.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "eval" / "articles"
# corpus name on the command line -> its folder under ../shared/data/timebank/
CORPORA = {"timebank": "TimeBank", "aquaint": "AQUAINT"}

_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
_TAG = re.compile(r"<[^>]+>")
_DCT_TAG = re.compile(r'<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*>')
_VALUE = re.compile(r'value="(\d{4}-\d{2}-\d{2})')


def article_text(tml: str) -> str:
    """The plain text of a TimeML document's ``<TEXT>``: tags stripped, entities
    unescaped, lines stripped, runs of blank lines made one."""
    found = _TEXT.search(tml)
    return plain_text(html.unescape(_TAG.sub("", found.group(1) if found else "")))


def plain_text(body: str) -> str:
    """A text with each line stripped and runs of blank lines made one, ending in a newline."""
    lines = [line.strip() for line in body.splitlines()]
    text = "\n".join(lines).strip()
    return re.sub(r"\n{3,}", "\n\n", text) + "\n"


def creation_date(tml: str) -> str | None:
    """The document creation date (``YYYY-MM-DD``) of a TimeML document."""
    tag = _DCT_TAG.search(tml)
    found = _VALUE.search(tag.group(0)) if tag else None
    return found.group(1) if found else None


def batch_of(gold: Path) -> int | None:
    """The annotation batch a gold file names (its ``"batch"`` key), None if it names none."""
    return json.loads(gold.read_text(encoding="utf-8")).get("batch")


def gold_ids(gold_dir: Path, batch: int | None = None) -> list[str]:
    """The ids of the documents a gold folder annotates (``batch``: of that batch only)."""
    return sorted(p.name.removesuffix(".gold.json") for p in gold_dir.glob("*.gold.json")
                  if batch is None or batch_of(p) == batch)


def open_folder(out: Path, clear: bool) -> None:
    """Make the output folder, emptied first when ``clear`` (a whole set is written)."""
    out.mkdir(parents=True, exist_ok=True)
    if clear:
        for old in out.iterdir():
            old.unlink()


def write_article(out: Path, doc_id: str, text: str, gold_dir: Path) -> None:
    """Write ``ID.txt`` into ``out`` and link the document's gold file there, if it has one."""
    (out / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    gold = gold_dir / f"{doc_id}.gold.json"
    link = out / gold.name
    if gold.is_file() and not link.exists():
        link.symlink_to(gold.resolve())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", choices=sorted(CORPORA), default="timebank",
                    help="TimeBank (tuning documents) or AQUAINT (validation); default timebank")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, help="default build/splits/articles_CORPUS")
    ap.add_argument("--ids", nargs="*", help="write these documents' texts only")
    ap.add_argument("--batch", type=int, help="only the gold files of this annotation batch")
    args = ap.parse_args()
    corpus = args.shared / "data" / "timebank" / CORPORA[args.corpus]
    if not corpus.is_dir():
        print(f"no {CORPORA[args.corpus]} corpus under {args.shared}", file=sys.stderr)
        return 2
    gold_dir = GOLD / args.corpus
    args.out = args.out or ROOT / "build" / "splits" / f"articles_{args.corpus}"
    ids = args.ids or gold_ids(gold_dir, args.batch)
    open_folder(args.out, clear=not args.ids)
    for doc_id in ids:
        source = corpus / f"{doc_id}.tml"
        if not source.is_file():
            print(f"{doc_id}: no {source.name} in the {CORPORA[args.corpus]} corpus", file=sys.stderr)
            return 2
        tml = source.read_text(encoding="utf-8")
        write_article(args.out, doc_id, article_text(tml), gold_dir)
        print(f"{doc_id}: published {creation_date(tml)}")
    print(f"{args.out}: {len(ids)} articles")
    return 0


if __name__ == "__main__":
    sys.exit(main())
