"""Write TR-News articles as plain texts for the project's hand-gold event annotations.

``eval/articles/trnews/ID.gold.json`` holds storyline's own end-to-end event gold (events
only, the format of the shared dev gold) for news articles of TR-News
(``../shared/data/geoparsing/TR-News.xml``, a geoparsing corpus of 2016–2017 web news; ``ID``
is the article's ``docid``), a tuning source of political news (see
``eval/articles/README.md``). The shared scorer reads an article as plain text, so this script
writes, for each annotated article, ``ID.txt`` (the article's ``<text>``, each line stripped
and blank lines collapsed, as ``scripts/timebank_articles.py`` does for TimeML) and a link to
its gold into one folder. The corpus gives no publication date in one format (its
``dltime`` is the download time, written as each site wrote it), so the gold file carries the
date the annotators anchored their dates on (``published``).

    python scripts/trnews_articles.py [--shared ../shared] [--out DIR] [--ids ID ...]
    python3 ../shared/eval/score.py gold-dir build/splits/articles_trnews --run "storyline extract"

(``DIR`` defaults to ``build/splits/articles_trnews``; ``--ids`` writes the named articles'
texts only, with or without gold, for annotating new ones.)
"""

from __future__ import annotations

import argparse
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from timebank_articles import GOLD, ROOT, gold_ids, open_folder, plain_text, write_article

CORPUS = Path("data") / "geoparsing" / "TR-News.xml"


def articles(xml_text: str) -> dict[str, str]:
    """docid -> plain text of every article of a TR-News file."""
    root = ET.fromstring(xml_text)
    return {a.get("docid", ""): plain_text(a.findtext("text") or "") for a in root.iter("article")}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, default=ROOT / "build" / "splits" / "articles_trnews")
    ap.add_argument("--ids", nargs="*", help="write these articles' texts only")
    args = ap.parse_args()
    source = args.shared / CORPUS
    if not source.is_file():
        print(f"no {CORPUS} under {args.shared}", file=sys.stderr)
        return 2
    texts = articles(source.read_text(encoding="utf-8"))
    gold_dir = GOLD / "trnews"
    ids = args.ids or gold_ids(gold_dir)
    open_folder(args.out, clear=not args.ids)
    for doc_id in ids:
        if doc_id not in texts:
            print(f"{doc_id}: no article with this docid in {source.name}", file=sys.stderr)
            return 2
        write_article(args.out, doc_id, texts[doc_id], gold_dir)
    print(f"{args.out}: {len(ids)} articles")
    return 0


if __name__ == "__main__":
    sys.exit(main())
