"""Write the tuning and validation parts of the event development data.

The split itself is :mod:`storyline.eval.splits` (a hash of the PLV record id;
every other dev article); this script writes it out so the shared scorers can
score each part:

- ``build/splits/plv_tuning.json`` and ``build/splits/plv_validation.json``
  (PLV records in the shape of ``PLV_train.json``);
- ``build/splits/articles_tuning/`` and ``build/splits/articles_validation/``
  (symbolic links to the dev articles and their gold).

    python scripts/event_splits.py [--shared ../shared] [--out build/splits]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from storyline.eval.splits import is_validation_record, validation_articles  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, default=ROOT / "build" / "splits")
    args = ap.parse_args()
    plv = args.shared / "data" / "plover" / "PLV_train.json"
    dev = args.shared / "examples" / "dev"
    if not plv.is_file() or not dev.is_dir():
        print(f"no PLV data or dev articles under {args.shared}", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    records = json.loads(plv.read_text(encoding="utf-8"))
    notes = [r for r in records if str(r.get("event")).upper() == "DOCUMENT"]
    coded = [r for r in records if str(r.get("event")).upper() != "DOCUMENT"]
    parts = {"validation": [r for r in coded if is_validation_record(str(r["id"]))]}
    parts["tuning"] = [r for r in coded if not is_validation_record(str(r["id"]))]
    for name, recs in parts.items():
        path = args.out / f"plv_{name}.json"
        path.write_text(json.dumps(notes + recs, indent=1, ensure_ascii=False), encoding="utf-8")
        print(f"{path}: {len(recs)} records")
    names = sorted(p.name.removesuffix(".gold.json") for p in dev.glob("*.gold.json"))
    valid = set(validation_articles(names))
    for name in ("tuning", "validation"):
        folder = args.out / f"articles_{name}"
        folder.mkdir(exist_ok=True)
        for old in folder.iterdir():
            old.unlink()
        chosen = [n for n in names if (n in valid) == (name == "validation")]
        for n in chosen:
            for suffix in (".txt", ".gold.json"):
                (folder / (n + suffix)).symlink_to((dev / (n + suffix)).resolve())
        print(f"{folder}: {len(chosen)} articles")
    return 0


if __name__ == "__main__":
    sys.exit(main())
