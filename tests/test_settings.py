"""Settings: declared once, read from the environment."""

from __future__ import annotations

import pytest

from storyline import settings
from storyline.errors import StorylineError


@pytest.mark.parametrize(("raw", "value"), [("1", True), ("yes", True), ("ON", True), ("0", False),
                                            ("false", False), ("off", False)])
def test_settings_flag_reads_yes_and_no(monkeypatch, raw, value) -> None:
    monkeypatch.setenv("STORYLINE_EVENT_FALLBACK", raw)
    assert settings.get("event_fallback") is value


def test_settings_flag_default_and_bad_value(monkeypatch) -> None:
    monkeypatch.delenv("STORYLINE_EVENT_FALLBACK", raising=False)
    assert settings.get("event_fallback") is True
    monkeypatch.setenv("STORYLINE_EVENT_FALLBACK", "maybe")
    with pytest.raises(StorylineError):
        settings.get("event_fallback")
