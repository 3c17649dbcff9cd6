"""Split an article's text into numbered sentences, keeping every byte of the text."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Titles and abbreviations that end in a period but never end a sentence here.
_ABBREVIATIONS = frozenset(
    {
        "lt", "gen", "col", "maj", "capt", "sgt", "adm", "cmdr", "mr", "mrs", "ms", "dr",
        "prof", "sen", "rep", "gov", "pres", "st", "jr", "sr", "no", "vs", "etc", "inc",
        "corp", "co", "ltd", "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct",
        "nov", "dec",
    }
)
_CLOSERS = "\"'”’)]"
_OPENERS = "\"'“‘(["
# A candidate end: terminal punctuation, any closing quotes, then whitespace.
_END = re.compile(r"[.!?][" + re.escape(_CLOSERS) + r"]*(?=\s)")
_ACRONYM = re.compile(r"(?:\b[A-Za-z]\.){2,}$")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of an article: its number (from 1), its paragraph (from 1) and its exact text."""

    n: int
    paragraph: int
    text: str
    start: int
    end: int


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs are the non-blank lines of the text, in order."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def _ends_sentence(paragraph: str, end: int, punct_at: int) -> bool:
    """Decide whether the punctuation at ``punct_at`` (match ending at ``end``) closes a sentence."""
    rest = paragraph[end:].lstrip()
    if not rest:
        return True
    first = rest[0]
    if not (first.isupper() or first.isdigit() or first in _OPENERS):
        return False
    if paragraph[punct_at] != ".":
        return True
    before = paragraph[:punct_at + 1]
    if _ACRONYM.search(before):
        # "U.S. officials" keeps going; an acronym closing a sentence is rare enough to accept.
        return False
    word = re.search(r"([A-Za-z]+)\.$", before)
    if word is None:
        return True
    token = word.group(1)
    if token.lower() in _ABBREVIATIONS:
        return False
    # A lone capital ("John F. Kennedy") is an initial.
    return not (len(token) == 1 and token.isupper())


def split_sentences(paragraph: str) -> list[str]:
    """Split one paragraph into sentences; each sentence is a verbatim slice of the paragraph."""
    sentences: list[str] = []
    start = 0
    for match in _END.finditer(paragraph):
        if _ends_sentence(paragraph, match.end(), match.start()):
            piece = paragraph[start:match.end()].strip()
            if piece:
                sentences.append(piece)
            start = match.end()
    tail = paragraph[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def number_sentences(text: str) -> tuple[Sentence, ...]:
    """Number every sentence of the article from 1, with its paragraph and offsets in ``text``."""
    numbered: list[Sentence] = []
    cursor = 0
    for p_index, paragraph in enumerate(split_paragraphs(text), start=1):
        for sentence in split_sentences(paragraph):
            start = text.index(sentence, cursor)
            cursor = start + len(sentence)
            numbered.append(
                Sentence(n=len(numbered) + 1, paragraph=p_index, text=sentence, start=start, end=cursor)
            )
    return tuple(numbered)
