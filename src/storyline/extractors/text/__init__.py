"""Shared text helpers for every extractor: sentence starts the parser misses
(:func:`.sentences.sentence_starts`), dependency-parse helpers (:mod:`.syntax`) and the
per-Doc text cache (:mod:`.doc_cache`). No resources of its own."""
