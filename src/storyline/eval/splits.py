"""The fixed tuning / validation split of the event development data.

Event rules and the event models are written and trained on the *tuning* part
and only scored on the *validation* part, whose errors are never read (see
``docs/events.md``, "Evaluation"). The split is decided by a hash, not by hand:

- PLV sentences (``PLV_train.json``): a record is validation when the first
  eight hex digits of the sha256 of its id, as an integer, modulo 10 are below
  3 (about 30 %).
- The PLOVER gold-standard dev half (``PLOVER_GSR_dev.json``): tuning, all of it.
- The hand-gold dev articles (``examples/dev``): the article files sorted by
  name; those at even positions (0, 2, …, 14) are validation, the others tuning.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

#: share of PLV records (in tenths) held out for validation
VALIDATION_TENTHS = 3


def is_validation_record(record_id: str) -> bool:
    """Whether a PLV record (by its id) belongs to the validation part."""
    digest = hashlib.sha256(record_id.encode("utf-8")).hexdigest()
    return int(digest[:8], 16) % 10 < VALIDATION_TENTHS


def validation_articles(names: Sequence[str]) -> list[str]:
    """The validation articles among the dev article names: even positions once sorted."""
    return [n for k, n in enumerate(sorted(names)) if k % 2 == 0]
