"""storyline's own scorers over evaluation corpora (``storyline eval …``)."""
