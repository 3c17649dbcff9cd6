"""Turn text into comparable tokens: case, quotes, numbers, aliases, stop words, light stemming."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

# Words that say what kind of answer is wanted are kept; other function words are dropped.
WH_WORDS = frozenset({"who", "whom", "whose", "when", "where", "why", "how", "what", "which", "many", "much"})
STOP_WORDS = frozenset(
    {
        "a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "by", "for", "from", "with",
        "about", "as", "into", "onto", "over", "under", "than", "then", "is", "are", "was", "were", "be",
        "been", "being", "am", "do", "does", "did", "doing", "done", "have", "has", "had", "having", "will",
        "would", "shall", "should", "can", "could", "may", "might", "must", "it", "its", "it's", "this", "that",
        "these", "those", "there", "here", "he", "him", "his", "she", "her", "they", "them", "their", "we",
        "our", "us", "you", "your", "i", "me", "my", "mine", "yo", "ya", "u", "ur", "r", "pls", "plz", "please",
        "tell", "say", "said", "says", "saying", "know", "knew", "any", "some", "all", "just", "also", "so", "very",
        "really", "actually", "kinda", "basically", "like", "yeah", "yes", "no", "not", "article", "news",
        "story", "piece", "text", "bot", "according", "whats", "true", "hey", "ok", "lol", "btw",
        "wait", "hmm", "um", "uh", "bro", "dude", "guys", "gonna", "wanna", "gotta", "rn", "nah", "yep",
        "nope", "w", "abt", "bc", "cuz", "coz", "tho", "idk", "imo", "tbh", "lmao", "wtf", "omg", "smth",
        "thx", "yall", "ya'll", "ppl", "anyway", "anyways", "literally", "honestly", "huh",
    }
)
# Everyday words that are not in the fact base but say little about what is asked: they count for less
# than an unknown content word ("died", "population"), the mark of a question the article can't answer.
WEAK_WORDS = frozenset(
    """get got go goes going went gone make made take took come came want wanted need think see look give
    find found thing things stuff happen happened happening now currently today right exactly again still
    even ever probably maybe mean means meant lot lots folks someone anyone people person something
    anything way ways part kind sort real false fact facts info information details detail question
    answer explain describe name""".split()
)
# Control and formatting characters (bidi overrides, tags) that can hide or reorder text.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u180e\u200e\u200f\u2028-\u202e\u2066-\u206f\ufff9-\ufffb"
    "\U000e0000-\U000e007f]"
)
_REPLACEMENTS = (
    *((ch, "") for ch in "\u200b\u200c\u200d\u2060\ufeff\u00ad"),
    *((ch, "'") for ch in "’‘`´"),
    *((ch, '"') for ch in "“”„"),
)
# These patterns start with a character, not a look-behind or \b, so that a search skips ahead to where
# a match can begin: the index cleans all its texts as one long string.
_DIGIT_GROUPS = re.compile(r"(\d)[,\u202f\u00a0 ](?=\d{3}\b)")  # replaced by the digit: "11,000" → "11000"
# A space, never a line break: texts are cleaned joined by line breaks ("... the U." + "S. ...").
_UNITED_STATES = re.compile(r"U(?<!\wU)(?:\. ?S\.(?: ?A\.)?|SA?\b)|u(?<!\wu)\.s\.(?:a\.)?")
_LOWER_US = re.compile(
    r"u(?<!\wu)(?:sa\b|s\b(?<=\bthe us)|s(?= (?:government|govt|military|army|officials?|defen[cs]e|aid|"
    r"president|elections?|troops|allies|secretary|support|policy|administration|weapons|forces)\b))"
)
_POSSESSIVE = re.compile(r"'(?<=[a-z0-9]')s\b")
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
NUMBER_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "eighteen": "18",
    "twenty": "20", "first": "1st", "second": "2nd", "third": "3rd",
}


def clean(text: str) -> str:
    """Unicode-fold, drop zero-width and control characters, straighten quotes, lower-case."""
    if not text.isascii():  # the common case skips the Unicode work
        text = unicodedata.normalize("NFKC", text)
        for old, new in _REPLACEMENTS:  # str.replace is much faster than translate on long texts
            if old in text:
                text = text.replace(old, new)
    if not text.isprintable():
        text = _INVISIBLE.sub(" ", text)
    if "US" in text or "U." in text or "u.s" in text:
        # "US" in capitals is the country; "us" in lower case stays a pronoun...
        text = _UNITED_STATES.sub(" united states ", text)
    if "us" in text:
        text = _LOWER_US.sub(" united states ", text)  # ...except where a pronoun can't stand
    return _DIGIT_GROUPS.sub(r"\1", text).casefold()


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A deliberately small suffix stripper; the same on both sides, so it only has to be consistent."""
    if word.isdigit() or len(word) <= 3:
        return word
    for suffix, replacement, min_len in (("ies", "y", 5), ("ing", "", 6), ("ed", "", 5), ("s", "", 4)):
        if word.endswith(suffix) and len(word) >= min_len and not word.endswith("ss"):
            word = word[: -len(suffix)] + replacement
            break
    # "strike" and "strikes", "arrive" and "arrived" end up alike.
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


@functools.lru_cache(maxsize=4096)
def _cached_tokens(text: str) -> tuple[str, ...]:
    return tuple(_raw_tokens(text))


def raw_tokens(text: str) -> list[str]:
    """Words of the cleaned text, possessive 's removed and number words as digits."""
    return list(_cached_tokens(text)) if len(text) < 300 else _raw_tokens(text)


def raw_tokens_many(texts: Sequence[str]) -> Iterator[list[str]]:
    """raw_tokens of many one-line texts, in order: cleaned in one pass (building an index of 10,000
    facts), then split into words one text at a time, as the caller takes them."""
    joined = clean("\n".join(" ".join(text.splitlines()) for text in texts))
    if "'" in joined:
        joined = _POSSESSIVE.sub("", joined).replace("'", "")
    return (_digits_for_number_words(_TOKEN.findall(line)) for line in joined.split("\n"))


def _raw_tokens(text: str) -> list[str]:
    """Words of the cleaned text, possessive 's removed and number words as digits."""
    return _tokens_of_clean(clean(text))


def _tokens_of_clean(cleaned: str) -> list[str]:
    if "'" in cleaned:
        cleaned = _POSSESSIVE.sub("", cleaned).replace("'", "")
    return _digits_for_number_words(_TOKEN.findall(cleaned))


def _digits_for_number_words(tokens: list[str]) -> list[str]:
    if NUMBER_WORDS.keys().isdisjoint(tokens):  # most texts have none: one pass in C
        return tokens
    return [NUMBER_WORDS.get(token, token) for token in tokens]


@dataclass(frozen=True, slots=True)
class AliasTable:
    """Phrase rewrites, longest first: variant token sequence → canonical token sequence."""

    lookup: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)
    sizes: dict[str, tuple[int, ...]] = field(default_factory=dict)

    @classmethod
    def build(cls, aliases: Iterable[tuple[str, Iterable[str]]]) -> AliasTable:
        rules: dict[tuple[str, ...], tuple[str, ...]] = {}
        for canonical, variants in aliases:
            target = tuple(raw_tokens(canonical))
            for variant in variants:
                source = tuple(raw_tokens(variant))
                if source and source != target:
                    rules[source] = target
        sizes: dict[str, set[int]] = {}
        for source in rules:
            sizes.setdefault(source[0], set()).add(len(source))
        return cls(lookup=rules, sizes={word: tuple(sorted(n, reverse=True)) for word, n in sizes.items()})

    def apply(self, tokens: list[str]) -> list[str]:
        """Rewrite every variant to its term, longest match first."""
        if not self.lookup or self.sizes.keys().isdisjoint(tokens):
            return tokens
        out: list[str] = []
        i, count = 0, len(tokens)
        while i < count:
            for size in self.sizes.get(tokens[i], ()):
                target = self.lookup.get(tuple(tokens[i : i + size])) if i + size <= count else None
                if target is not None:
                    out.extend(target)
                    i += size
                    break
            else:
                out.append(tokens[i])
                i += 1
        return out


_WHAT_WHEN = frozenset({"day", "days", "date", "dates", "time", "month", "year"})
_WHAT_WHERE = frozenset(
    {"place", "places", "region", "regions", "city", "cities", "country", "countries", "town", "towns", "area", "areas"}
)
_WHICH_WHO = frozenset({"person", "official", "officials", "people", "leader", "leaders"})
_HOW_MANY = frozenset({"many", "much", "big", "large"})
_WH_HINTS = frozenset({"why", "what", "how", "when", "where", "who", "whom", "whose", "which", "number", "for"})


_NO_WORDS: frozenset[str] = frozenset()
_WHO_WORDS = frozenset({"who", "whom", "whose"})


def _words_after(tokens: list[str], word: str) -> frozenset[str] | set[str]:
    """The words that follow ``word`` in tokens."""
    count = tokens.count(word)
    if count == 1:  # the usual case, found without a loop in Python
        after = tokens.index(word) + 1
        return {tokens[after]} if after < len(tokens) else _NO_WORDS
    return {tokens[i + 1] for i in range(len(tokens) - 1) if tokens[i] == word} if count else _NO_WORDS


def wh_kind(tokens: list[str]) -> str | None:
    """What kind of answer a question wants, from its words (before stop words are dropped)."""
    if "whats" in tokens:
        tokens = ["what" if t == "whats" else t for t in tokens]
    words = set(tokens)
    if _WH_HINTS.isdisjoint(words):
        return None
    if "why" in words:
        return "why"
    after_what = _words_after(tokens, "what") if "what" in words else _NO_WORDS
    if "for" in after_what:
        return "why"
    after_how = _words_after(tokens, "how") if "how" in words else _NO_WORDS
    after_which = _words_after(tokens, "which") if "which" in words else _NO_WORDS
    if after_how & _HOW_MANY or "number" in words:
        return "quantity"
    if "old" in after_how or "age" in after_what:
        return "age"
    if "date" in words:
        return "date"  # a weekday does not answer "what date"
    if "name" in words:
        return "name"  # "a senior official" does not answer "what is their name"
    if "when" in words or (after_what | after_which) & _WHAT_WHEN:
        return "when"
    if "where" in words or (after_what | after_which) & _WHAT_WHERE:
        return "where"
    if not _WHO_WORDS.isdisjoint(words) or after_which & _WHICH_WHO:
        return "who"
    return None


_TIME_WORDS = (
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|"
    r"august|september|october|november|december|winter|summer|spring|autumn|week|weeks|month|months|year|"
    r"years|day|days|ago|since|until|ahead|before|after|evening|morning|night|today|yesterday|soon|now|"
    r"moment|\d{4}"
)
_NUMBER = r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|dozen|hundred|thousand|first|second|third)\b"
_MONTHS = r"january|february|march|april|may|june|july|august|september|october|november|december"
_ANSWER_KINDS = {
    "quantity": re.compile(_NUMBER, re.IGNORECASE),
    "age": re.compile(r"\d", re.IGNORECASE),
    "when": re.compile(rf"\b({_TIME_WORDS})\b", re.IGNORECASE),
    "date": re.compile(rf"\b({_MONTHS}|\d{{4}})\b", re.IGNORECASE),
    # A name is two capitalised words in a row (Rustem Umerov, the Kursk Region) or a place word after one.
    "name": re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+|\s+(?:region|city|oblast|province))\b"),
}
# A narrower kind agrees with a broader one on the wording of the question; None: any wording.
BROADER_KIND: dict[str, str | None] = {"date": "when", "name": "who"}


def answer_kinds(answer: str) -> frozenset[str]:
    """The kinds of question an answer text can satisfy: a "how many" needs a number, a "when" a time."""
    return frozenset(kind for kind, pattern in _ANSWER_KINDS.items() if pattern.search(answer))


CHECKED_KINDS = frozenset(_ANSWER_KINDS)


def content_words(tokens: list[str]) -> list[str]:
    """Tokens without stop words and without the bare wh-words (their kind is kept apart)."""
    return [t for t in without_going_to(tokens) if t not in STOP_WORDS and t not in WH_WORDS]


def without_going_to(tokens: list[str]) -> list[str]:
    """Tokens without the "going" of "going to": it says when, not what ("is austin going to meet")."""
    if "going" not in tokens:
        return tokens
    return [t for i, t in enumerate(tokens) if not (t == "going" and tokens[i + 1 : i + 2] == ["to"])]


def content_tokens(tokens: list[str]) -> list[str]:
    """Content words, stemmed."""
    return [stem(t) for t in content_words(tokens)]
