"""Whose words the article gives, and whose words a question asks for: "what did Umerov say" can't be
answered from an article that names Umerov but never quotes or cites him."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import takewhile

from bot.engine.normalize import AUXILIARIES, WEAK_WORDS, AliasTable, content_words, raw_tokens, stem

# Someone's stance or attitude is asked for as their words: "what is russia's stance" wants Russia quoted.
_ASKING_FOR_WORDS = frozenset(
    "say says said saying respond responds responded response react reacts reacted reaction comment comments "
    "commented claim claimed announce announced deny denies denied reply replied think thinks tell tells told "
    "stance stances attitude standpoint".split()
)
_GIVING_WORDS = frozenset(
    "said says noted warned warning cautioned emphasized emphasised stated reported claimed told announced "
    "remarks statement address stress".split()
)
_ARTICLES = frozenset({"the", "a", "an"})
# "…behind the north korea claim": a preposition and "the" before names put them as what a claim is about.
_TOPIC_LEADS = frozenset((word, "the") for word in "about behind on over of for regarding with to in".split())
_SOURCE_WORDS = frozenset({"source", "sources"})
_GETTING_WORDS = frozenset({"get", "gets", "got", "getting", "obtain", "obtains", "obtained"})
_POSSESSED_SOURCE = re.compile(r"(\w+)['’]s? sources?\b", re.IGNORECASE)
_SAYS = frozenset({"says", "said", "claims", "claimed"})  # put after what is said: "…in russia, says seoul"
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
_LEAST_QUOTED_WORDS = 3
# Words that put someone's words into an answer ("Zelensky said…", "according to Budanov…"), where
# "spoke in a video message" or "released his statement on Sunday" only say how or when they were given.
_REPORTING_WORDS = frozenset(
    "call calls called say says said warn warns warned caution cautions cautioned note notes noted state states "
    "stated claim claims claimed accuse accuses accused accusing according described describes reported reports "
    "expects remarks substantiated told stress stresses stressed emphasize emphasizes emphasized emphasise emphasises "
    "emphasised highlight highlights highlighted argue argues argued insist insists insisted".split()
)


def asked_speaker(tokens: list[str], names: frozenset[str]) -> str | None:
    """The name just before the first word asking for someone's words ("how did the kremlin respond"), past
    words that ask nothing ("what is the us even saying"); or the name that ends the question right after it,
    who says it ("how many soldiers are in russia, says south korea")."""
    at = next((i for i, token in enumerate(tokens) if token in _ASKING_FOR_WORDS), None)
    if at is not None and tokens[at] in _SAYS:  # not "international reaction north korea": that is the topic
        after = [word for word in tokens[at + 1 :] if word not in _ARTICLES]
        if after and all(stem(word) in names for word in after):
            return stem(after[-1])
    before = [word for word in content_words(tokens[:at]) if word not in WEAK_WORDS] if at else []
    name = stem(before[-1]) if before else None
    if name not in names or _names_the_topic(tokens[:at], names):
        return None
    return name


def _names_the_topic(words: list[str], names: frozenset[str]) -> bool:
    """Whether the names just before a noun asking for words say what it is about: "the evidence behind the
    north korea claim" is the claim about North Korea, where "was the kremlin reaction" is the Kremlin's."""
    run = len(list(takewhile(lambda word: stem(word) in names, reversed(words))))
    return 0 < run < len(words) - 1 and tuple(words[-run - 2 : -run]) in _TOPIC_LEADS


def asked_informant(text: str, tokens: list[str], names: frozenset[str]) -> str | None:
    """The name whose own source a question asks for: "what is budanov's source", "what sources did budanov
    use", "where did south korean intelligence get its information from". An article that says who gave a
    figure has not said where they had it from."""
    owner = _POSSESSED_SOURCE.search(text)  # "budanov's source", not "how many intelligence sources"
    if owner and stem(owner[1].lower()) in names:
        return stem(owner[1].lower())
    for i, token in enumerate(tokens):
        if token in _SOURCE_WORDS and tokens[i + 1 : i + 2] and tokens[i + 1] in AUXILIARIES:
            return _name_after(tokens[i + 2 :], names)
        if token in _GETTING_WORDS and "from" in tokens[i + 1 :]:
            start = next((j for j in range(i - 1, -1, -1) if tokens[j] in AUXILIARIES), None)
            if start is not None and start < i - 1:
                between = [word for word in tokens[start + 1 : i] if word not in _ARTICLES]
                if between and all(stem(word) in names for word in between):
                    return stem(between[-1])
    return None


def _name_after(words: list[str], names: frozenset[str]) -> str | None:
    """The last word of the run of names that opens the words: "budanov use" → "budanov"."""
    run = list(takewhile(lambda word: word in _ARTICLES or stem(word) in names, words))
    named = [stem(word) for word in run if word not in _ARTICLES]
    return named[-1] if named else None


def reports_words(answer: str) -> bool:
    """Whether an answer gives what someone said: a reporting verb or a quotation. A quoted term of two
    words is the name of a thing ("the talks will focus on the “victory plan”"), not someone's words."""
    words = raw_tokens(answer)
    if "states" in words:  # "the U.S." is read as "united states": a country, not someone stating
        words = [w for i, w in enumerate(words) if not (w == "states" and i and words[i - 1] == "united")]
    quotes_words = any(len(quoted.split()) >= _LEAST_QUOTED_WORDS for quoted in _QUOTED.findall(answer))
    return quotes_words or not _REPORTING_WORDS.isdisjoint(words)


def quoted_names(sources: Sequence[str], aliases: AliasTable, names: frozenset[str]) -> frozenset[str]:
    """Names the sentences quote or cite: one of the three words before "said", "noted", "statement"...
    (outside quotation marks), or the name after "according to"; and the names in a speaker's title, as
    a country speaks through its president ("Ukrainian President Volodymyr Zelensky")."""
    unquoted = [_QUOTED.sub(" . ", source) for source in sources]
    found: set[str] = set()
    for text in unquoted:
        words = aliases.apply(raw_tokens(text))
        for i, word in enumerate(words):
            if word in _GIVING_WORDS:
                near = content_words(words[max(0, i - 5) : i])[-3:]
            elif word == "according" and words[i + 1 : i + 2] == ["to"]:
                near = content_words(words[i + 2 : i + 5])[:2]
            else:
                continue
            found.update(name for name in map(stem, near) if name in names)
    titles = [_titles_of(text, found, aliases, names) for text in unquoted]
    return frozenset(found.union(*titles))


def _names_of(word: str, aliases: AliasTable, names: frozenset[str]) -> set[str]:
    return {name for name in map(stem, aliases.apply(raw_tokens(word))) if name in names}


def _titles_of(text: str, speakers: set[str], aliases: AliasTable, names: frozenset[str]) -> set[str]:
    """Names in the run of capitalised words that ends in a speaker's name."""
    found: set[str] = set()
    words = text.split()
    for i, word in enumerate(words):
        if speakers.isdisjoint(_names_of(word, aliases, names)):
            continue
        j = i - 1
        while j >= 0 and words[j][:1].isupper() and not words[j].endswith((",", ";", ":")):
            found |= _names_of(words[j], aliases, names)
            j -= 1
    return found
