"""Events: PLOVER types and modes with CAMEO codes, actors, status, date, place and toll.

Entry point: :func:`.coder.extract_events`. Triggers (:mod:`.triggers`) come from the
lexicon (:mod:`.lexicon`, ``resources/en/events/``); :mod:`.compose` folds content into
requests, promises and threats; :mod:`.args`, :mod:`.status`, :mod:`.dates` and
:mod:`.casualties` fill the arguments; :mod:`.coref` joins mentions of one event
(:mod:`.mention`).
"""
