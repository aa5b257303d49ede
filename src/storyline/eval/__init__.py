"""storyline's own scorers over evaluation corpora (one module per corpus format)."""
