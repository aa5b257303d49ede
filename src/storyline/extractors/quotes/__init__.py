"""Quotes: direct, partial and indirect speech with speaker and cue.

Entry point: :func:`.finder.extract_quotes`. Quotation marks are paired by :mod:`.marks`;
reporting acts are found by :mod:`.cues` with the cue lexicon (:mod:`.lexicon`,
``resources/en/quotes/cues.yaml``) and the trained cue model (:mod:`.model` over
:mod:`.features`, ``resources/en/quotes/cue_model.json``); :mod:`.scope` bounds a cue's
content.
"""
