"""Across articles: entity resolution, stories and event clusters (no SQL here)."""

from .build import corpus_tables
from .resolve import resolve_entities
from .stories import StoryParams, cluster_articles

__all__ = ["StoryParams", "cluster_articles", "corpus_tables", "resolve_entities"]
