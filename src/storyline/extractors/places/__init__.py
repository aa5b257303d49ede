"""Places: every place the article names, with coordinates, country and GeoNames id.

Entry point: :func:`.geocoder.extract_places`. Gazetteer: :mod:`storyline.kb`
(``resources/en/kb/``); wording that shows a story's country: ``resources/en/places/``.
"""
