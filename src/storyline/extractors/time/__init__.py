"""Time: TIMEX3 expressions and their values.

Entry point: :func:`.tagger.extract_timexes` (``tag`` for plain text). The grammar
(:mod:`.grammar`) is data under ``resources/en/time/``; :mod:`.prefilter` finds where its
rules can match; :mod:`.normalize` turns a match into a TIMEX3 value.
"""
