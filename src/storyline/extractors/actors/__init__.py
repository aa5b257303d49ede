"""Actors: named entities grouped per referent, with country, CAMEO actor code and roles.

Entry point: :func:`.entities.extract_entities` (entities and their mentions). NER spans are
repaired (:mod:`.repair`), grouped (:mod:`.entities`), given attributes (:mod:`.attributes`,
:mod:`.roles`) and linked to pronouns, descriptions and metonyms (:mod:`.coref`);
:mod:`.mentions` is the token-to-entity view other extractors read. Data:
``resources/en/actors/`` and the knowledge base (:mod:`storyline.kb`, ``resources/en/kb/``).
"""
