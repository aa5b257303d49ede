"""Property tests (hypothesis) of the parts that meet raw text: a few dozen cases each here;
``bench/fuzz.py`` runs 10,000 and more per target. The targets and their properties are
in ``fuzz_targets.py``."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from .fuzz_targets import TARGETS, Target

#: Cases per target in CI (model targets parse each case, so fewer).
CASES = {"time": 300, "geocoder": 150, "readers": 400, "casualties": 40, "quotes": 40}


def _run(target: Target, cases: int) -> None:
    @settings(max_examples=cases, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(target.strategy)
    def property_holds(case: object) -> None:
        target.check(case)

    property_holds()


@pytest.mark.parametrize("name", ["time", "geocoder", "readers"])
def test_fuzz_fast_targets(name: str) -> None:
    _run(TARGETS[name], CASES[name])


@pytest.mark.model
@pytest.mark.parametrize("name", ["casualties", "quotes"])
def test_fuzz_model_targets(name: str) -> None:
    _run(TARGETS[name], CASES[name])
