"""Whom a question asks about as going along with someone: "who travelled with Austin to Kyiv" asks for his
company, which an article that says who travelled may never name."""

from __future__ import annotations

from bot.engine.normalize import stem

# Not "going": "who is austin going to meet with" asks whom he meets.
_GOING = frozenset(
    "travel travels traveled travelled traveling travelling come comes came coming go goes went gone "
    "fly flies flew flown flying arrive arrives arrived arriving".split()
)
_ACCOMPANYING = frozenset("accompany accompanies accompanied accompanying escort escorts escorted".split())
_SOMEBODY = frozenset("anyone anybody someone somebody else people".split())
_LOOK_AHEAD = 4


def asked_companion(spelled: list[str], kind: str | None, names: frozenset[str]) -> str | None:
    """The name a question asks who went along with, or None: "who came with austin", "how many people
    travelled to kyiv with him"... only with a name, "who accompanied the defense secretary". Only a
    question asking for someone (who, how many, anyone) asks this."""
    if kind not in ("who", "quantity") and _SOMEBODY.isdisjoint(spelled):
        return None
    for i, word in enumerate(spelled):
        if word in _ACCOMPANYING or (word == "with" and not _GOING.isdisjoint(spelled[:i])):
            return _first_name(spelled[i + 1 : i + 1 + _LOOK_AHEAD], names)
    return None


def _first_name(words: list[str], names: frozenset[str]) -> str | None:
    """The last word of the first run of names: "the lloyd austin" → "austin"."""
    found = None
    for word in words:
        if stem(word) in names:
            found = stem(word)
        elif found:
            break
    return found
