"""Write the tune and validation halves of the dev data into ``build/split/``.

The split was fixed before any tuning and must not change (rules and weights are
written from the tune halves' errors only; the validation halves are scored, never
read):

- TR-News and LGL: articles at even positions in file order are tune, odd ones
  validation;
- GeoVirus: articles whose source URL's SHA-1 starts with an even hex digit are tune,
  the others validation (the parts of one story stay together);
- the hand-gold dev articles (``examples/dev`` of the shared folder): sorted by name,
  even positions tune, odd validation.

Output (``build/`` is not committed; nothing here is copied into the repository):

    build/split/TR-News.tune.xml   build/split/TR-News.val.xml   (likewise lgl, GeoVirus)
    build/split/dev-tune/          build/split/dev-val/          (symbolic links to the pairs)

Score a half with the shared scorers, e.g.

    python3 ../shared/eval/score.py geo --gold build/split/lgl.val.xml --run ".venv/bin/storyline extract"
    python3 ../shared/eval/score.py gold-dir --gold build/split/dev-val --run ".venv/bin/storyline extract"

    python scripts/split_dev.py [--shared ../shared] [--out build/split]
"""

from __future__ import annotations

import argparse
import hashlib
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = ROOT.parent / "shared"
CORPORA = ("TR-News.xml", "lgl.xml", "GeoVirus.xml")


def tune_flags(path: Path) -> list[bool]:
    """For each article of a geoparsing corpus file, in file order: is it in the tune half?"""
    articles = list(ET.parse(path).getroot().iter("article"))
    if path.name.lower().startswith("geovirus"):
        sources = [a.findtext("source") or "" for a in articles]
        return [int(hashlib.sha1(s.encode()).hexdigest()[0], 16) % 2 == 0 for s in sources]
    return [i % 2 == 0 for i in range(len(articles))]


def split_corpus(path: Path, out: Path) -> tuple[int, int]:
    """Write ``<stem>.tune.xml`` and ``<stem>.val.xml`` under ``out``; (tune, val) article counts."""
    tree = ET.parse(path)
    root = tree.getroot()
    flags = tune_flags(path)
    counts = []
    for half, want in (("tune", True), ("val", False)):
        half_root = ET.Element(root.tag, root.attrib)
        for art, flag in zip(root.iter("article"), flags, strict=True):
            if flag is want:
                half_root.append(art)
        ET.ElementTree(half_root).write(out / f"{path.stem}.{half}.xml", encoding="utf-8",
                                        xml_declaration=True)
        counts.append(len(half_root))
    return counts[0], counts[1]


def split_gold_dir(folder: Path, out: Path) -> tuple[int, int]:
    """Link the even-position ``*.gold.json`` + ``.txt`` pairs into ``dev-tune``, the odd into ``dev-val``."""
    golds = sorted(folder.glob("*.gold.json"))
    counts = []
    for half, parity in (("dev-tune", 0), ("dev-val", 1)):
        target = out / half
        target.mkdir(parents=True, exist_ok=True)
        for old in target.iterdir():
            old.unlink()
        picked = golds[parity::2]
        for gold in picked:
            stem = gold.name[: -len(".gold.json")]
            for src in (gold, folder / f"{stem}.txt"):
                (target / src.name).symlink_to(src.resolve())
        counts.append(len(picked))
    return counts[0], counts[1]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    ap.add_argument("--out", type=Path, default=ROOT / "build" / "split")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for name in CORPORA:
        tune, val = split_corpus(args.shared / "data" / "geoparsing" / name, args.out)
        print(f"{name}: {tune} tune, {val} validation articles")
    tune, val = split_gold_dir(args.shared / "examples" / "dev", args.out)
    print(f"examples/dev: {tune} tune, {val} validation articles")


if __name__ == "__main__":
    main()
