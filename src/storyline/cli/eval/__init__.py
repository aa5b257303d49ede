"""``storyline eval …``: one module per evaluation corpus, each adding a command to
:data:`storyline.cli.eval_app` when imported."""

from __future__ import annotations

import importlib
import pkgutil

for _module in sorted(m.name for m in pkgutil.iter_modules(__path__)):
    importlib.import_module(f"{__name__}.{_module}")
