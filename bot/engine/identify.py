"""What a "which …?" or "what's the name of …?" question asks to pick out, and whether a fact picks it out.

"Which base are they training at?" is not answered by "in eastern Russia": the article names no base.
"Which experts said so?" is not answered by "Experts warn…": the article says experts, not which.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from bot.engine.normalize import AUXILIARIES, STOP_WORDS, lead_word, qualifies_by_country, raw_tokens, stem

_DETERMINERS = frozenset("the a an this that these those some many its their his her our your".split())
# People are left to the who-kind check: "which official" is answered by "a senior U.S. defense official".
_PEOPLE = frozenset(
    stem(w) for w in "person people official leader minister president secretary chief head commander general "
    "spokesman spokesperson one guy guys man woman dude".split()
)
_LOOK_AHEAD = 5
_VERBS_AFTER_WHICH = AUXILIARIES | frozenset("came comes happened happens went occurred started began".split())


def asked_thing(
    spelled: list[str], names: frozenset[str], aliased: Callable[[list[str]], list[str]],
) -> str | None:
    """The noun a question asks to have picked out, or None.

    "which ukrainian cities…" → "cities" (names are skipped); "what's the name of the base…" → "base".
    Only a question that opens with "which", or asks for "the name of" something, asks this. People
    ("which defence ministr…", spelled "minister") are left to the who-kind check. The noun is returned
    as spelled: "which contry" asks for a country (an everyday word like "base" is never corrected).
    """
    words = ["what" if t == "whats" else t for t in spelled]
    starts = [words.index("which") + 1] if lead_word(words) == "which" else []
    if starts and starts[0] < len(words) and words[starts[0]] in _VERBS_AFTER_WHICH:
        starts = []  # "which came first", "which is bigger": a choice between things named later
    starts += [i + 2 for i, t in enumerate(words[:-1]) if t in ("name", "names") and words[i + 1] == "of"]
    for start in starts[:1]:
        for at in range(start, min(start + _LOOK_AHEAD, len(words))):
            word = words[at]
            if word in _DETERMINERS or word in STOP_WORDS or word.isdigit():
                continue  # "which two countries": the number counts what is asked
            if qualifies_by_country(words, at):  # "which country's intelligence": the agency is asked
                return None if stem(words[at + 1]) in _PEOPLE else spelled[at + 1]
            token = stem(word)
            if token in names or all(stem(alias) in names for alias in aliased([word])):
                continue  # "which ukrainian cities": the name narrows, the noun is asked
            person = token in _PEOPLE or (at + 1 < len(words) and stem(words[at + 1]) in _PEOPLE)
            if person:
                return None
            # A compound is asked by its last noun: "which power plants" asks for plants, not power. The name
            # of one is asked whole: "the name of the strategy document" is the plan's.
            compound = words[start - 1] == "which" and at + 1 < len(words) and len(aliased(words[at:at + 2])) == 1
            return spelled[at + 1] if compound else spelled[at]
    return None


def number_forms(word: str) -> frozenset[str]:
    """The word in the singular and the plural, as written: stems would make "base" of "based"."""
    forms = {word, word + "s", word + "es"}
    if word.endswith("ies"):
        forms.add(word[:-3] + "y")
    elif word.endswith("y"):
        forms.add(word[:-1] + "ies")
    if word.endswith("es"):
        forms.add(word[:-2])
    if word.endswith("s"):
        forms.add(word[:-1])
    return frozenset(forms)


def mentions(words: Iterable[str], noun: str) -> bool:
    """Whether ``words`` use the noun, in the singular or the plural."""
    return not number_forms(noun).isdisjoint(words)


def only_generic(source: str, noun: str) -> bool:
    """Whether ``source`` uses the noun only bare ("Experts warn…", "the experts"), never narrowed by a
    word before it ("the eastern front", "a senior U.S. defense official")."""
    if _after_a_quoted_name(source, noun):
        return False
    words = raw_tokens(source)
    forms = number_forms(noun)
    found = [i for i, word in enumerate(words) if word in forms]
    return bool(found) and all(i == 0 or words[i - 1] in _DETERMINERS for i in found)


def _after_a_quoted_name(source: str, noun: str) -> bool:
    """Whether the noun follows a name in quotation marks, as what it is: "the “victory plan,” a blueprint
    to…" says which blueprint."""
    forms = "|".join(re.escape(form) for form in sorted(number_forms(noun)))
    return re.search(rf"[”\"],?\s+(?:a|an|the)\s+(?:{forms})\b", source, re.IGNORECASE) is not None


_ROLE_VERBS = frozenset("runs run heads head leads lead commands command".split())
_ROLE_NOUNS = frozenset("chief boss director leader head commander".split())
_ROLE_GIVEN = _ROLE_VERBS | _ROLE_NOUNS | frozenset(
    "president minister secretary general gen spokesman spokesperson official chairman charge".split()
)
_BEFORE_ROLE = frozenset("is was s currently now actually the".split())


def asks_role_holder(tokens: list[str]) -> bool:
    """Whether a who-question asks who holds a post: "who runs South Korea's intelligence service", "who is
    the head of…", "who is North Korea's leader"; not "who is the Pentagon chief meeting", which asks whom
    the post-holder meets."""
    words = ["who" if t == "whos" else t for t in tokens]
    if lead_word(words) != "who":
        return False
    after = words[words.index("who") + 1:]
    verb = next((w for w in after if w not in _BEFORE_ROLE), None)
    if verb in _ROLE_VERBS or "charge" in after:
        return True
    # A post named last, or "of" something: nothing else is asked about the post-holder.
    return any(
        word in _ROLE_NOUNS and (at + 1 == len(after) or after[at + 1] == "of") for at, word in enumerate(after)
    )


def gives_role_holder(answer: str, of: Iterable[str] = ()) -> bool:
    """Whether an answer names someone by a post ("Rustem Umerov is Ukraine's Defense Minister"), as an
    answer about an agency or a country does not; and names the stems ``of`` whose post it is: Ukraine's
    president does not answer "who is the leader of North Korea"."""
    words = raw_tokens(answer)
    stems = {stem(word) for word in words}
    return not _ROLE_GIVEN.isdisjoint(words) and all(token in stems for token in of)


# "Which area…" is answered by a region the article names: any of these words picks out a place.
_PLACE_NOUNS = ("area", "region", "place", "location", "territory", "zone", "province", "oblast")
_PLACE_FORMS = frozenset().union(*map(number_forms, _PLACE_NOUNS))


def kin_nouns(noun: str) -> tuple[str, ...]:
    """The nouns whose use picks out what ``noun`` asks for: any word for a place picks out a place."""
    return _PLACE_NOUNS if noun in _PLACE_FORMS else (noun,)
