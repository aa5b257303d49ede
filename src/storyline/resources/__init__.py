"""Rules and lexicons shipped as data, loaded lazily and cached.

Files live in ``storyline/resources/<lang>/``: YAML for hand-written rules and
tables, JSON Lines / CSV for generated ones. Load them only through these
functions so each file is parsed once per process.
"""

from __future__ import annotations

import csv
import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

DEFAULT_LANG = "en"
#: libyaml's safe loader when PyYAML has it (ten times faster), else the Python one
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def path(name: str, lang: str = DEFAULT_LANG) -> Path:
    """Filesystem path of resource ``name`` for language ``lang``."""
    return Path(str(resources.files("storyline.resources").joinpath(lang, name)))


@cache
def load_yaml(name: str, lang: str = DEFAULT_LANG) -> Any:
    """Parsed YAML resource (cached: treat the result as read-only)."""
    with path(name, lang).open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_YAML_LOADER)


@cache
def load_jsonl(name: str, lang: str = DEFAULT_LANG) -> tuple[dict[str, Any], ...]:
    """Rows of a JSON Lines resource (cached, read-only)."""
    with path(name, lang).open(encoding="utf-8") as fh:
        return tuple(json.loads(line) for line in fh if line.strip())


@cache
def load_csv(name: str, lang: str = DEFAULT_LANG) -> tuple[dict[str, str], ...]:
    """Rows of a CSV resource with a header line (cached, read-only)."""
    with path(name, lang).open(encoding="utf-8", newline="") as fh:
        return tuple(csv.DictReader(fh))
