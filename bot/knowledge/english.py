"""Common English words: a word people use every day is what they meant, never a typo to correct."""

from __future__ import annotations

import functools

from spellchecker import SpellChecker

# Seen at least this often in the word list's corpus: "feelings", "planning" and "secretly" are words,
# "minster" (106) and "seoul" (363) are rare enough to be a typo of a word of the article.
MIN_COUNT = 500


@functools.cache
def common_words() -> frozenset[str]:
    """The common English words, read once per process (about 0.1 s)."""
    counts = SpellChecker(language="en", distance=1).word_frequency.dictionary
    return frozenset(word for word, count in counts.items() if count >= MIN_COUNT)
