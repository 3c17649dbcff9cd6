"""Score facts against a question: IDF-weighted coverage of the question by each fact's fields, and the
best single phrasing's F1; then penalties where the fact cannot be what was asked."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Collection, Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain, combinations, pairwise

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process, utils
from rapidfuzz.distance import OSA, Indel

from bot.engine.company import asked_companion
from bot.engine.forces import counted_troops_owner, names_unmentioned_troops, owns_any, troop_owners, troops_owned
from bot.engine.identify import (
    asked_thing,
    asks_role_holder,
    gives_role_holder,
    kin_nouns,
    mentions,
    only_generic,
)
from bot.engine.normalize import (
    AUXILIARIES,
    BROADER_KIND,
    CHAT_SHORTHAND,
    CHECKED_KINDS,
    CONCEDING_WORDS,
    NUMBER_WORDS,
    READ_IN_CONTEXT,
    STOP_WORDS,
    TEXT_END,
    WEAK_WORDS,
    WH_WORDS,
    AliasTable,
    answer_kinds,
    asks_consequence,
    asks_how_it_turned_out,
    asks_once_more_ahead,
    asks_open,
    asks_which_occurrence,
    asks_yes_or_no,
    back_beside_verb,
    claim_put_to_confirm,
    content_tokens,
    content_words,
    counted_things,
    figures_in,
    given_words,
    lead_word,
    looks_ahead,
    misspelled_wh_word,
    next_step_asked,
    premise_figures,
    raw_tokens,
    raw_tokens_many,
    read_in_context,
    says_once_more,
    set_aside,
    stem,
    token_blocks,
    undrawn,
    wh_kind,
    what_is_conceded,
    what_is_set_aside,
)
from bot.engine.sides import Pair, helping_pairs, names_unsaid_help
from bot.engine.speakers import asked_informant, asked_speaker, quoted_names, reports_words
from bot.knowledge.models import Fact

_FILLER_NOUNS = frozenset("stuff thing things issue issues business drama mess matter affair saga".split())
_SOUNDS_AS = {"c": "k", "k": "c"}  # a first letter written as it sounds: "corean", "kaptured"


@dataclass(frozen=True, slots=True)
class MatchWeights:
    """How much each field and signal counts. The benchmark compares variants of these."""

    phrasing_field: float = 1.0
    source_field: float = 0.75
    answer_field: float = 0.0  # measured: adds nothing over phrasings + source (quality.py --variants)
    coverage: float = 0.85
    phrasing_f1: float = 0.15
    fuzzy: float = 0.0
    wh_mismatch: float = 0.7
    answer_kind_mismatch: float = 0.6
    unidentified: float = 0.6
    echo: float = 0.7  # an answer to "what…?" that says little the question did not: see Index._only_echoes
    entity_mismatch: float = 0.7
    entity_contrast: float = 0.7
    scattered: float = 0.75  # a yes/no question pieced together from several quoted passages: see _scattered
    entity_only_quoted: float = 0.75  # a yes/no or who question on names the fact only quotes: _names_only_its_quote
    unknown_word: float = 1.0
    weak_word: float = 0.1
    weak_known_word: float = 0.5  # "kind", "people", "describe" say little even where a phrasing has them
    weak_missing: float = 0.3  # and less still where the fact lacks them: "who even is budanov"
    rescore: int = 24
    named_aside: float = 1.15  # a fact naming what "besides…" sets aside and more: see Index._aside


@dataclass(frozen=True, slots=True)
class Query:
    """A question as the matcher sees it."""

    text: str
    normalized: str
    tokens: tuple[str, ...]
    kind: str | None
    unknown_weight: float
    names_unknown: bool = False  # names someone, something or a number the fact base never mentions: "NATO"
    speaker: str | None = None  # whose words are asked for: "what did umerov say" → "umerov"
    informant: str | None = None  # whose own source is asked for: "where did budanov get his figure" → "budanov"
    companion: str | None = None  # whose company is asked for: "who travelled with austin" → "austin"
    asked: str | None = None  # what it asks to have picked out: "which base…" → "base"
    role_holder: bool = False  # asks who holds a post: "who runs south korea's intelligence"
    whose: bool = False  # asks whose: "whose plan is it", which a fact asked only whose of answers too
    open_ended: bool = False  # asks what, who, why…, not yes or no: an answer must tell it something
    yes_or_no: bool = False  # opens with an auxiliary: "is austin in ukraine"
    said: frozenset[str] = frozenset()  # the stems of its words as spelled, before aliases
    counted: frozenset[str] = frozenset()  # what "how many" counts: "how many soldiers…" → {"soldier"}
    troops_of: frozenset[str] = frozenset()  # whose troops "how many" counts: "…troops does ukraine have"
    next_step: frozenset[str] | None = None  # asks what someone will do: "what is south korea going to do" → who
    once_more: bool = False  # asks whether or when it happens again: "when will austin visit again"
    turned_out: bool = False  # asks how something came about: "did the troops actually reach the front"
    consequence: bool = False  # asks what would follow: "what could happen if the troops reach the front"
    which_occurrence: bool = False  # asks which time of several: "which visit is this for austin"
    ordinals: tuple[str, ...] = ()  # the ordinals among its tokens: "what was austin's 2nd trip about" → "2nd"
    negated: bool = False  # reads a word through its negating prefix: "is it uncontroversial"
    places: frozenset[str] = frozenset()  # names it uses as places: "troops in eastern ukraine" → {"ukrain"}
    speaking_capitals: tuple[str, ...] = ()  # capitals it names, not as places, that stand for a country
    # It puts a claim to confirm with a figure the fact base never gives: "Budanov said 100,000…, right?"
    claims: bool = False
    unsaid_figures: tuple[str, ...] = ()  # figures its premise states and the fact base never gives: "50,000"
    unsaid_ordinals: tuple[str, ...] = ()  # ordinals it asks to have confirmed that the article never gives
    aside: frozenset[str] = frozenset()  # the stems of what it sets aside: "besides factory workers" → {"worker"}
    names_aside: frozenset[str] = frozenset()  # the names it sets aside: "besides Kyiv" → {"kyiv"}
    before_year: str | None = None  # a year it asks about the time before: "visits before 2022" → "2022"
    conceded: frozenset[str] = frozenset()  # the stems of what it grants: "even without a pentagon statement"
    claimants: frozenset[str] = frozenset()  # whose claims it asks about: "zelensky's claims" → {"zelensky"}
    visited: frozenset[str] = frozenset()  # the places it says someone went to: "austin visited moscow" → russia


@dataclass(frozen=True, slots=True)
class Candidate:
    fact: Fact
    score: float
    coverage: float
    phrasing_f1: float
    fuzzy: float
    best_question: str


@dataclass(frozen=True, slots=True)
class _FactIndex:
    fact: Fact
    phrasing_tokens: frozenset[str]  # the stems of all its phrasings
    source_tokens: frozenset[str]
    answer_tokens: frozenset[str]
    answer_kinds: frozenset[str]

    def mentions(self, token: str) -> bool:
        """Whether the fact's phrasings, quote or answer use the token."""
        return token in self.phrasing_tokens or token in self.source_tokens or token in self.answer_tokens


@dataclass(frozen=True, slots=True)
class _Phrasings:
    """A fact's phrasings one by one, for the careful pass over a shortlist."""

    sizes: tuple[float, ...]  # each phrasing's weight: the sum of its stems' IDF, for the F1's precision
    kinds: frozenset[str]  # the broad kinds of answer they ask for
    texts: tuple[str, ...]  # each phrasing's stems in order, for the fuzzy signal
    why: tuple[bool, ...]  # whether each phrasing asks why
    # stem → the phrasings that have it, in order: a question's few words find the phrasings they are in,
    # rather than every phrasing's words being looked up in the question
    holders: dict[str, tuple[int, ...]]


class _ContentStems(dict[str, str]):
    """word → its stem, or "" for a stop word, a wh-word or the end of a text: each distinct word is worked
    out the first time it is looked up, so that a text's content words are a lookup per word."""

    def __missing__(self, word: str) -> str:
        found = self[word] = "" if word in STOP_WORDS or word in WH_WORDS or word == TEXT_END else stem(word)
        return found


def _broad_kinds(kinds: Iterable[str | None]) -> frozenset[str]:
    """The broad kinds of answer a fact's phrasings ask for, from each phrasing's wh-kind."""
    return frozenset(broad for kind in set(kinds) if kind and (broad := BROADER_KIND.get(kind, kind)))


def _unsaid_share(rarity: tuple[tuple[tuple[str, float], ...], float], said: Container[str]) -> float:
    """The share of an answer's weight (its words' rarity, and their sum) in words not in ``said``."""
    words, total = rarity
    return sum(w for t, w in words if t not in said) / total if total else 1.0


def _stem_set(words: list[str], stems: _ContentStems) -> frozenset[str]:
    """The distinct content stems of already aliased words."""
    distinct = set(words)
    if not READ_IN_CONTEXT.isdisjoint(distinct):
        distinct = set(read_in_context(words))
    found = set(map(stems.__getitem__, distinct))
    found.discard("")
    return frozenset(found)


def phrasings_of(
    fact: Fact, aliases: AliasTable, stems: _ContentStems, idf: Mapping[str, float], unknown_idf: float
) -> _Phrasings:
    """Each phrasing of the fact analysed on its own: the same words as the fact's stem set, kept apart."""
    distinct: list[tuple[str, ...]] = []
    kinds: list[str | None] = []
    texts: list[str] = []
    for words in raw_tokens_many(fact.questions):
        words = aliases.apply(words)
        ordered = [found for found in map(stems.__getitem__, read_in_context(words)) if found]
        # Sorted, so that sums over it come out the same to the last bit in every process (a set's
        # order follows the string hash seed).
        distinct.append(tuple(sorted(set(ordered))))
        kind = wh_kind(words)
        # "whose support does the visit underscore" asks whose, and the answer names an owner: no answer to
        # who someone is or who did a thing.
        kinds.append("whose" if kind == "who" and lead_word(words) == "whose" else kind)
        texts.append(" ".join(ordered))
    sizes = tuple(sum(idf.get(t, unknown_idf) for t in phrasing) for phrasing in distinct)
    holders: dict[str, list[int]] = {}
    for i, phrasing in enumerate(distinct):
        for t in phrasing:
            holders.setdefault(t, []).append(i)
    return _Phrasings(
        sizes=sizes, kinds=_broad_kinds(kinds), texts=tuple(texts), why=tuple(kind == "why" for kind in kinds),
        holders={t: tuple(found) for t, found in holders.items()},
    )


def _proper_nouns(texts: Sequence[str], aliases: AliasTable) -> set[str]:
    """Stemmed names: words written with a capital inside a sentence (Russia, Kursk, Budanov)."""
    names: set[str] = set()
    for text in texts:
        words = text.split()
        for i, word in enumerate(words):
            if i > 0 and word[:1].isupper() and not words[i - 1].endswith((".", "“", '"')):
                names.update(content_tokens(aliases.apply(raw_tokens(word))))
    return names


def _stands_for(aliases: AliasTable, names: frozenset[str]) -> dict[str, frozenset[str]]:
    """The country a name that speaks for others stands for: "Kyiv accuses" is Ukraine accusing, since
    "Kyiv's allies" are Ukraine's and Kyiv is "Ukraine's capital"."""
    speaking = {term for terms in aliases.owners.values() for term in terms}
    found = {}
    for target, terms in aliases.owners.items():
        if len(target) == 1 and target in speaking and (name := stem(target[0])) in names:
            countries = frozenset(stem(t[0]) for t in terms if len(t) == 1 and stem(t[0]) in names)
            if countries:
                found[name] = countries
    return found


def _affiliations(aliases: AliasTable, names: frozenset[str]) -> dict[str, frozenset[str]]:
    """The names each name belongs with, from the ways people write it: "ukraine's president" is Zelensky,
    so a fact on Zelensky's words speaks for Ukraine."""
    groups: defaultdict[str, set[frozenset[str]]] = defaultdict(set)
    also: defaultdict[str, set[frozenset[str]]] = defaultdict(set)  # owners a term names in itself
    for target, terms in aliases.owners.items():
        own = frozenset(content_tokens(list(target))) & names
        for term in terms:
            owner = frozenset(content_tokens(list(term))) & names
            for name in own if owner else ():
                if owner.isdisjoint(own):
                    groups[name].add(owner)
                else:  # "seoul's spy agency" is South Korean intelligence: its intelligence is Seoul's
                    also[name].add(own - {name})
    owned_by = {name: frozenset().union(*found) for name, found in groups.items()}
    owners = frozenset().union(*owned_by.values())

    def related(one: frozenset[str], other: frozenset[str]) -> bool:
        return any(a in owned_by.get(b, ()) or b in owned_by.get(a, ()) for a in one for b in other)

    # An owner is a country: a name that is an owner's ("kyiv's" is Ukraine's) owns none of the other, and
    # "in Kyiv" is a place, not Zelensky. A word that belongs with two unrelated names belongs with neither:
    # intelligence is Kyiv's and Seoul's.
    return {
        name: owned_by[name] - owned_by.keys() for name, found in groups.items()
        if name not in owners and all(related(a, b) for a, b in combinations(found | also[name], 2))
    }


# Why is not answered by a time, a place or a number ("on Monday", "in Kyiv"), nor by a fact that has few
# of the question's words; the passage of one that has nearly all of them is where the reason is.
_TIME_PLACE_OR_COUNT = frozenset(("when", "where", "quantity"))
_REASON_COVERAGE = 0.8


# The IDF of a word in half the facts: ln(1 + 1), whatever their number.
_HALF_THE_FACTS_IDF = math.log(2)
_LOCATIVE = frozenset("in into to inside across within throughout at near".split())


_POSSESSOR = re.compile(r"(\w+)['’]s\b")


def _places(tokens: list[str], names: frozenset[str], text: str) -> frozenset[str]:
    """The names a question uses as places, up to three words after "in", "to"...: "troops in eastern
    Ukraine" is about the place, where "Ukraine claims" and "according to Ukraine" are about who speaks.
    A name written as an owner is none: "what does it add to Kyiv's winter problems" asks about Ukraine's."""
    owners = {stem(word) for word in _POSSESSOR.findall(text.casefold())}
    found: set[str] = set()
    for i, token in enumerate(tokens):
        if (name := stem(token)) in names and name not in owners and any(
            tokens[j] in _LOCATIVE and not (tokens[j] == "to" and j and tokens[j - 1] == "according")
            for j in range(max(0, i - 3), i)
        ):
            found.add(name)
    return frozenset(found)


_WEAK_STEMS = frozenset(stem(w) for w in WEAK_WORDS)
_VOWELS = frozenset("aeiou")
_NEGATING = ("un", "non")
# Everyday words asked as the opposite of a fact's word: "is it an easy winter" asks whether it is hard.
# "simpler" is "less complex": the fact says "more complex"; going smoothly is not being complex.
_OPPOSITES = {"easy": "hard", "simpler": "complexity", "smooth": "complex", "smoothly": "complex"}
_YES_OR_NO = re.compile(r"(?:yes|no)\b", re.IGNORECASE)  # an answer to one way of asking, not its opposite
# Whether a claim is confirmed asks about the claim, answered only where a fact speaks of how sure it is:
# confirmed, alleged, backed up, reported.
_CONFIRMING_STEMS = frozenset(stem(w) for w in ("confirmed", "unconfirmed"))
# What an answer to "what happens if…" says: what could, would or may follow.
_WHAT_MAY_FOLLOW = re.compile(r"\b(?:could|would|might|may|can|risks?)\b", re.IGNORECASE)
_YEAR = re.compile(r"(19|20)\d\d")
_SINCE = stem("since")
_STANDING_STEMS = _CONFIRMING_STEMS | {stem(w) for w in ("alleged", "substantiated", "reported", "claims")}
_SAYING_STEMS = frozenset(
    stem(w) for w in "report claim announce warn accuse remark mention reveal disclose statement".split()
)


def _one_of_doubled(token: str, known: Collection[str]) -> str | None:
    """The known word ``token`` is with one of its doubled letters once, or None."""
    for i in range(1, len(token)):
        if token[i] == token[i - 1] and token[:i] + token[i + 1:] in known:
            return token[:i] + token[i + 1:]
    return None


def _letters_changed(typed: str, known: str) -> list[tuple[str, str]]:
    """The letters two words of one length differ in, typed against known; none for words of two lengths."""
    return [(a, b) for a, b in zip(typed, known, strict=True) if a != b] if len(typed) == len(known) else []


def _vowel_for_vowel(typed: str, known: str, most: int = 1) -> bool:
    """Whether two words of one length differ only in vowels written for others, at most ``most`` of them:
    "yeer", "year". A changed consonant makes another word too often ("dead", "deal") to be read as a typo."""
    changed = _letters_changed(typed, known)
    return 0 < len(changed) <= most and all(a in _VOWELS and b in _VOWELS for a, b in changed)


def _vowels_moved(typed: str, known: str) -> bool:
    """Whether two words of one length have the same consonants in the same order and differ only in where
    their vowels go: "clames" is "claims". Their sound stays, as a misheard vowel's does."""
    return (
        len(typed) == len(known) and typed[0] == known[0]
        and [c for c in typed if c not in _VOWELS] == [c for c in known if c not in _VOWELS]
    )


_KEY_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_NEXT_KEYS = frozenset(
    pair for row in _KEY_ROWS for a, b in pairwise(row) for pair in ((a, b), (b, a))
)


def _slipped_key(typed: str, known: str) -> bool:
    """Whether two words of one length differ in one letter only, typed with the key beside it: "nexy" is
    "next". A letter from elsewhere on the keyboard is another word more often than a slip ("dead", "deal")."""
    changed = _letters_changed(typed, known)
    return len(changed) == 1 and changed[0] in _NEXT_KEYS


# Endings written as they sound, and as they are spelled.
_ENDINGS_AS_SAID = (
    ("shuns", "tions"), ("shun", "tion"), ("ites", "ights"), ("ite", "ight"), ("icals", "icles"), ("ical", "icle"),
    ("airs", "ares"), ("air", "are"), ("ous", "ose"),
)

_CAPITALISED = re.compile(r"(?<![.!?:]\s)(?<!^)\b[A-Z][A-Za-z]+")
# A capital after a small letter makes a name wherever it stands, even opening a sentence: "iPhone", "YouTube".
_CAPITAL_INSIDE = re.compile(r"\b[A-Za-z]*[a-z][A-Z][A-Za-z]*")


def _names_in(text: str, words: list[str]) -> bool:
    """Whether any of ``words`` is written as a name (capitalised, not opening a sentence) in ``text``."""
    text = text.strip()
    written = {w.casefold() for w in (*_CAPITALISED.findall(text), *_CAPITAL_INSIDE.findall(text))}
    return any(w in written for w in words)


# An open question's answer that tells it less than this share of new words (by rarity) only echoes it.
_LEAST_NEWS = 0.3
# The same, for a what question, once the answer and the question are both read through the aliases: lower,
# as an answer that adds only its point ("critical infrastructure") to the question's words is little new.
_LEAST_ALIASED_NEWS = 0.25
_TIME_OR_PLACE_STEMS = frozenset(
    stem(w) for w in "day days date dates time month months year years week weeks place city region area".split()
)
_QUOTED_ONLY_SHARE = 0.5  # of a when or where question's words, beyond which the fact's time or place is another's
_SMALL_NUMBER = 12
# Where a place is named: "in Kyiv", "in eastern Russia", "the Kursk region"; not "according to Budanov".
_PLACES = re.compile(
    r"\b(?i:in|at|inside|near|into|across|outside)\s+(?:the\s+)?((?:[a-z]+ern\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)"
    r"|\b([A-Z]\w+)\s+(?:region|city|oblast|province)\b"
)
_ORDINAL = re.compile(r"[0-9]+(?:st|nd|rd|th)")
_FIRST = "1st"
_COMPARING = frozenset("before after since until than over under above below least most about around nearly".split())


def _named_as_places(text: str) -> set[str]:
    """The stems of the names a text gives as places: "arrived in Kyiv" → {"kyiv"}."""
    return {t for place in _PLACES.finditer(text) for t in content_tokens(raw_tokens(place[1] or place[2]))}


def _counts_its_own(word: str) -> bool:
    """Whether the word is a small number, which counts the question's own things ("the two goals",
    "which two countries") rather than stating a figure."""
    return word.isdigit() and int(word) <= _SMALL_NUMBER


def _new_number(tokens: list[str], unknown: list[str]) -> bool:
    """Whether the question states a number the fact base never gives ("sent 50,000 troops"), as
    opposed to comparing with one ("before 2023", "more than 10,000")."""
    return any(
        word.isdigit() and not _counts_its_own(word) and (i == 0 or tokens[i - 1] not in _COMPARING)
        for i, word in enumerate(tokens) if word in unknown
    )


_KINDS_OF = frozenset("kind kinds sort sorts type types".split())


def _asks_for_unknown(spelled: list[str], unknown: list[str]) -> bool:
    """Whether "what" or "which" asks for a thing no fact names: "what language did he speak in", "what
    model of drones". The noun is the point of the question; an answer on the rest is no answer to it."""
    words = spelled[1:] if spelled[:1] in (["what"], ["which"], ["whats"]) else []
    if words[1:2] == ["of"] and words[0] in _KINDS_OF:
        words = words[2:]  # "what kind of drones"
    return len(words) > 1 and words[0] in unknown and (words[1] in AUXILIARIES or words[1] == "of")


_TITLES = frozenset(
    """president leader premier king dictator chancellor spokesman spokeswoman spokesperson minister secretary
    chief head general commander""".split()
)


_CLAIM = "claim"
# Verbs of going somewhere: the name after them is where someone went ("austin visited moscow").
_GOING = frozenset(
    stem(w) for w in "visit visited trip went arrive arrived travel travelled traveled fly flew flying flown".split()
)


def _visited(tokens: list[str], names: frozenset[str]) -> frozenset[str]:
    """The names a question gives as where someone went: the first name within two words of a verb of going."""
    found: set[str] = set()
    for i, token in enumerate(tokens):
        if stem(token) in _GOING:
            place = next((s for s in map(stem, tokens[i + 1 : i + 3]) if s in names), None)
            if place:
                found.add(place)
    return frozenset(found)


def _claimants(tokens: list[str], speakers: frozenset[str]) -> frozenset[str]:
    """The names the article quotes that stand just before "claims": "the pentagon's view of zelensky's north
    korea claims" asks about the claims, which a fact on "the claims" answers without naming him."""
    found: set[str] = set()
    for i, token in enumerate(tokens):
        if stem(token) == _CLAIM:
            found.update(s for s in map(stem, tokens[max(i - 3, 0) : i]) if s in speakers)
    return frozenset(found)


def _another_office(spelled: list[str], unknown: list[str]) -> bool:
    """Whether an office is qualified by a word no fact has: "the foreign minister" and "the press
    secretary" are people the article never names, though "the minister" is Umerov."""
    return any(word in _TITLES and i and spelled[i - 1] in unknown for i, word in enumerate(spelled))


def _titled_stranger(tokens: list[str], unknown: list[str], names: frozenset[str]) -> bool:
    """Whether a title no fact uses follows a name: "south korea's president" is someone the article never
    names. Its own president is Zelensky, whom the aliases read for "ukraine's president"."""
    return any(
        word in _TITLES and word in unknown and i and stem(tokens[i - 1]) in names for i, word in enumerate(tokens)
    )


@dataclass(slots=True)
class Index:
    """Everything precomputed from one fact base so that a question costs well under a millisecond."""

    aliases: AliasTable
    weights: MatchWeights
    entries: list[_FactIndex] = field(default_factory=list)
    idf: dict[str, float] = field(default_factory=dict)
    arrays: dict[str, npt.NDArray[np.intp]] = field(default_factory=dict)
    lexicon: frozenset[str] = frozenset()
    article_words: frozenset[str] = frozenset()  # the stems of the quoted sentences
    entities: frozenset[str] = frozenset()
    speakers: frozenset[str] = frozenset()  # the names the article quotes or cites
    affiliations: dict[str, frozenset[str]] = field(default_factory=dict)  # name → the names it belongs with
    stands_for: dict[str, frozenset[str]] = field(default_factory=dict)  # capital → its country: kyiv → ukraine
    place_names: frozenset[str] = frozenset()  # the names the article uses as places: kyiv, russia, kursk
    troop_owners: frozenset[frozenset[str]] = frozenset()  # whose troops the article speaks of
    helping: frozenset[Pair] = frozenset()  # who the article says helps whom
    vocabulary: dict[str, list[str]] = field(default_factory=dict)
    unknown_idf: float = 1.0
    common_words: frozenset[str] = frozenset()  # everyday English, never corrected: "feelings" is no "fueling"
    # Worked out from the fact base on first use, and the same whenever that is: caches, not state.
    _phrasings: list[_Phrasings | None] = field(default_factory=list)
    _stems: _ContentStems = field(default_factory=_ContentStems)
    _typo_cache: dict[str, str | None] = field(default_factory=dict)
    _words: dict[int, frozenset[str]] = field(default_factory=dict)  # facts' words as written, when asked
    _owned_troops: dict[int, frozenset[frozenset[str]]] = field(default_factory=dict)  # when first counted
    _answer_words: dict[int, frozenset[str]] = field(default_factory=dict)  # answers' stems before aliases
    _answer_rarity: dict[int, tuple[tuple[tuple[str, float], ...], float]] = field(default_factory=dict)
    _aliased_rarity: dict[int, tuple[tuple[tuple[str, float], ...], float]] = field(default_factory=dict)
    _reporting: dict[int, bool] = field(default_factory=dict)  # whether answers give someone's words
    _informants: dict[int, frozenset[str]] = field(default_factory=dict)  # whose sources phrasings ask for
    _companions: dict[int, frozenset[str]] = field(default_factory=dict)  # whose company phrasings ask for
    _passage_stems: dict[int, tuple[frozenset[str], ...]] = field(default_factory=dict)  # each passage's stems
    _position_of: dict[str, int] | None = None  # fact id → its entry
    _places_of: dict[int, frozenset[str]] = field(default_factory=dict)  # the places facts' passages name

    @classmethod
    def build(
        cls, facts: Sequence[Fact], aliases: AliasTable, weights: MatchWeights,
        common_words: frozenset[str] = frozenset(),
    ) -> Index:
        index = cls(aliases=aliases, weights=weights, common_words=common_words, _phrasings=[None] * len(facts))
        stems = index._stems
        # A fact's phrasings are read as one block: a call per fact, not per phrasing. Each phrasing on
        # its own is only needed when the fact makes a shortlist (see _phrasings_at).
        lexicon: set[str] = set().union(*aliases.lookup)  # every word, before aliases are rewritten
        phrasing_tokens: list[frozenset[str]] = []
        for words in token_blocks([fact.questions for fact in facts]):
            lexicon.update(words)
            phrasing_tokens.append(_stem_set(aliases.apply(words), stems))
        # Facts quoting one sentence, or giving one answer, share its stems and kinds.
        texts = list(dict.fromkeys(chain.from_iterable((f.answer, f.source) for f in facts)))
        field_stems: dict[str, frozenset[str]] = {}
        for text, words in zip(texts, raw_tokens_many(texts), strict=True):
            lexicon.update(words)
            field_stems[text] = _stem_set(aliases.apply(words), stems)
        lexicon.discard(TEXT_END)
        index.article_words = frozenset().union(*(field_stems[f.source] for f in facts))
        index.lexicon = frozenset(lexicon)
        kinds_of_answer = {text: answer_kinds(text) for text in dict.fromkeys(f.answer for f in facts)}
        postings: defaultdict[str, list[int]] = defaultdict(list)
        for position, (fact, tokens) in enumerate(zip(facts, phrasing_tokens, strict=True)):
            entry = _FactIndex(
                fact=fact,
                phrasing_tokens=tokens,
                source_tokens=field_stems[fact.source],
                answer_tokens=field_stems[fact.answer],
                answer_kinds=kinds_of_answer[fact.answer],
            )
            index.entries.append(entry)
            for token in tokens.union(entry.source_tokens, entry.answer_tokens):
                postings[token].append(position)
        index.arrays = {token: np.array(positions, dtype=np.intp) for token, positions in postings.items()}
        # Passage by passage: the word after a " … " opens a sentence, and a capital there makes no name.
        passages = sorted({passage for f in facts for passage in f.passages})
        index.entities = frozenset(_proper_nouns(sorted({*passages, *(f.answer for f in facts)}), aliases))
        index.affiliations = _affiliations(aliases, index.entities)
        index.stands_for = _stands_for(aliases, index.entities)
        index.place_names = index.entities.intersection(set().union(*map(_named_as_places, passages)))
        quoted = quoted_names(passages, aliases, index.entities)
        index.speakers = quoted.union(*(index.affiliations.get(name, ()) for name in quoted))
        # Word by word too: a longer alias can take the troops word in ("support Russian forces").
        passage_words = [aliases.apply(raw_tokens(p)) for p in passages]
        passage_words += [[t for w in raw_tokens(p) for t in aliases.apply([w])] for p in passages]
        index.troop_owners = troop_owners(passage_words, index.entities)
        index.helping = helping_pairs(passage_words, index.entities)
        total = max(len(facts), 1)
        # Lucene's IDF stays positive even for a word in every fact, unlike plain BM25 on a small corpus.
        # A fact lists each token once, so a token's document frequency is the length of its postings.
        index.idf = {
            token: math.log(1 + (total - len(positions) + 0.5) / (len(positions) + 0.5))
            for token, positions in postings.items()
        }
        # An unknown word weighs like a word of one fact in a hundred: present, but not overwhelming.
        index.unknown_idf = math.log(1 + (total - total / 100 + 0.5) / (total / 100 + 0.5))
        # Typo targets, by first letter: a typo rarely changes the first letter, and "died" must not
        # become the stop word "did".
        # Number words are typo targets too: "frist" is "first", which matches as "1st"; and everyday
        # words, so that "somthing" weighs as little as "something", not like an unknown word.
        # Stop words of four letters or more too: "abuot" is "about", no unknown word, and "how mnay" asks how
        # many; shorter ones stay out ("died" is no "did").
        not_targets = {w for w in STOP_WORDS if len(w) < 4} | (WH_WORDS - {"many", "much"})
        for word in sorted(index.lexicon | NUMBER_WORDS.keys() | WEAK_WORDS | STOP_WORDS):
            if len(word) >= 4 and not word.isdigit() and word not in not_targets:
                index.vocabulary.setdefault(word[0], []).append(word)
        return index

    def _correct(self, token: str) -> str | None:
        """The known word one typo from ``token`` (two for long words, two vowels, or vowels moved), or None.

        Optimal string alignment counts a swapped pair ("kurks") or one wrong letter ("groop") as one
        typo; among equally close words the one in more facts wins, then the alphabetically first.
        Four-letter words may only have lost or gained a letter: "dead" is not a typo of "deal".
        """
        if token in self._typo_cache:
            return self._typo_cache[token]
        found = None
        if len(token) >= 4 and not token.isdigit():
            allowed = 1 if len(token) < 8 else 2
            # Two vowels misheard in a word of six letters or more keep its consonants: "budonav" is "budanov".
            reach = 2 if len(token) >= 6 else 1
            # A first letter written as it sounds ("corean") is one typo too, looked for among the words
            # that start with the letter it sounds as.
            words = self.vocabulary.get(token[0], []) + self.vocabulary.get(_SOUNDS_AS.get(token[0], ""), [])
            matches = process.extract(
                token, words, scorer=OSA.distance, processor=utils.default_process, score_cutoff=reach, limit=None,
            )
            matches = [
                m for m in matches
                if m[1] <= allowed or _vowel_for_vowel(token, m[0], most=2) or _vowels_moved(token, m[0])
            ]
            if len(token) == 4:  # a letter lost, gained or swapped ("bakc"), a vowel for a vowel ("yeer") or a key
                # beside the right one ("nexy")
                matches = [m for m in matches if Indel.distance(token, m[0]) == 1 or sorted(token) == sorted(m[0])
                           or _vowel_for_vowel(token, m[0]) or _slipped_key(token, m[0])]
            # A word two typos away loses to its stem one typo away: "stresing" is "stress", not "striking".
            if matches and min(m[1] for m in matches) == 2:
                for suffix in ("ing", "ed"):
                    base = token[: -len(suffix)]
                    if token.endswith(suffix) and len(base) >= 4:
                        near = self._correct(base)
                        if near is not None and OSA.distance(base, near) <= 1:
                            matches = [(near, 1, 0)]
                        break
            if matches:
                # A number word is looked up as the number it stands for: "first" is in facts as "1st".
                found = min(matches, key=lambda m: (
                    m[1], self.idf.get(stem(NUMBER_WORDS.get(m[0], m[0])), math.inf), m[0]
                ))[0]
                found = NUMBER_WORDS.get(found, found)
            elif token.endswith("s") and len(token) > 6:  # a possessive or plural of a typo: "ukranes"
                found = self._correct(token[:-1])
            elif len(token) == 4:  # a key held down on a three-letter word: "jobb", "warr"
                found = _one_of_doubled(token, self.lexicon)
        if len(self._typo_cache) < 50_000:
            self._typo_cache[token] = found
        return found

    def _spell(self, word: str) -> str:
        """The word, or the known word it is a typo of ("minster" → "minister"), before aliases apply."""
        word = CHAT_SHORTHAND.get(word, word)
        if self._known(word):
            return word
        drawn = undrawn(word, self._known)  # "sooo" is "so"
        if drawn != word:
            return self._spell(drawn)
        corrected = None if word in self.common_words else (
            # A key held down on a word that asks nothing ("beeing") before a word one letter off ("beefing").
            _one_of_doubled(word, STOP_WORDS) or self._correct(word) or self._spelled_as_said(word)
        )
        return corrected or misspelled_wh_word(word) or self._negated(word) or word

    def _known(self, word: str) -> bool:
        """Whether the word is one to read as written: in the fact base, a stop, wh- or everyday word, or chat
        shorthand (which stands for one)."""
        return (
            word in self.lexicon or word in STOP_WORDS or word in WH_WORDS or word in WEAK_WORDS
            or word in CHAT_SHORTHAND
        )

    def _negated(self, word: str) -> str | None:
        """The known word a negating prefix is put to: "uncontroversial" asks about the controversy, and a
        fact saying it is controversial is the answer, yes or no. Only a word of six letters or more: a
        shorter one may just be how a word starts ("unrest", "unless"). Or the known word an everyday word
        is the opposite of: "easy" asks whether it is hard."""
        for prefix in _NEGATING:
            rest = word[len(prefix):]
            if word.startswith(prefix) and len(rest) >= 6 and rest in self.lexicon:
                return rest
        opposite = _OPPOSITES.get(word)
        return opposite if opposite in self.lexicon else None

    def _spelled_as_said(self, word: str) -> str | None:
        """The known word an ending written as it sounds stands for: "conscripshun", "highlite". Too many
        letters differ for a typo, yet the sound is the word's."""
        for said, written in _ENDINGS_AS_SAID:
            known = word[: -len(said)] + written
            if word.endswith(said) and (known in self.lexicon or known in STOP_WORDS):
                return known
        return None

    def query(self, text: str) -> Query:
        unsaid = self._unsaid_figures(text)
        span = claim_put_to_confirm(text)
        claim = text[span[0]:span[1]] if span else ""
        claimed = self._unknown_figures(figures_in(claim))
        if claimed:  # the claim is read without its figure, and without the words that put it
            unsaid = (*unsaid, *(figure for figure in claimed if figure not in unsaid))
            text = claim
        written = raw_tokens(set_aside(text))
        # An ordinal put to confirm that the article never gives is dropped as such a figure is.
        unsaid_ordinals = self._claimed_ordinals(written, put_to_confirm=span is not None)
        if unsaid or unsaid_ordinals:
            dropped = {token for figure in unsaid for token in raw_tokens(figure)}.union(unsaid_ordinals)
            written = [word for word in written if word not in dropped]
        spelled = back_beside_verb([self._spell(word) for word in written])
        tokens = self.aliases.apply(spelled)
        # An alias can take the travelling word in ("travel into kyiv" is a visit): how someone went is asked
        # as written.
        kind = "means" if wh_kind(spelled) == "means" else wh_kind(tokens)
        # Asking for a name is the kind of answer wanted, as "who" is: "what's the name of the plan" asks
        # what the plan is, and no fact needs the word.
        conceded = self._conceded(text)
        # What is set aside points at the fact that names it and more: "besides factory workers, what is North
        # Korea sending" wants "not just workers, but also military personnel". A name set aside points
        # nowhere ("apart from Ukraine, who says so" wants another), and an answer giving only it is none.
        set_aside_stems = self._aside(text)
        asked_words = [w for w in content_words(self._without_fillers(tokens))
                       if not (kind == "name" and w in ("name", "names", "called"))
                       and not (conceded and w in CONCEDING_WORDS)]  # "even without" asks nothing itself
        known: list[str] = []
        every: list[str] = []
        unknown: list[str] = []
        unknown_weight = 0.0
        for word in dict.fromkeys(asked_words):
            token = stem(word)
            every.append(token)
            if token in self.idf:
                known.append(token)
                continue
            unknown.append(word)
            weak = word in WEAK_WORDS or _counts_its_own(word)
            weight = self.weights.weak_word if weak else self.weights.unknown_word
            unknown_weight += weight * self.unknown_idf
        known = list(dict.fromkeys(known))
        named = [word for word in unknown if word not in WEAK_WORDS]  # "Team Zelensky": an everyday word, no name
        once_more = asks_once_more_ahead(tokens)
        return Query(
            text=text, normalized=" ".join(every), tokens=tuple(known), kind=kind,
            unknown_weight=unknown_weight,
            names_unknown=_new_number(tokens, unknown) or (bool(named) and _names_in(text, named))
            or _asks_for_unknown(spelled, named) or _titled_stranger(tokens, named, self.entities)
            or _another_office(spelled, named)
            or names_unmentioned_troops(tokens, self.entities, self.troop_owners, self.affiliations)
            or names_unsaid_help(tokens, self.entities, self.helping, self.affiliations),
            speaker=asked_speaker(tokens, self.entities),
            informant=asked_informant(text, tokens, self.entities),
            companion=asked_companion(spelled, kind, self.entities),
            asked=asked_thing(spelled, self.entities, self.aliases.apply),
            role_holder=asks_role_holder(spelled), open_ended=asks_open(tokens), yes_or_no=asks_yes_or_no(tokens),
            whose=kind == "who" and lead_word(spelled) == "whose",
            said=frozenset(map(stem, content_words(spelled))),
            counted=counted_things(tokens) if kind == "quantity" else frozenset(),
            troops_of=counted_troops_owner(tokens, self.entities) if kind == "quantity" else frozenset(),
            next_step=self._next_step(tokens, once_more), which_occurrence=asks_which_occurrence(tokens),
            turned_out=asks_how_it_turned_out(written), once_more=once_more,
            consequence=asks_consequence(spelled),
            ordinals=tuple(t for t in every if _ORDINAL.fullmatch(t)),
            negated=any(
                read != word and read == self._negated(word) for word, read in zip(written, spelled, strict=True)
            ),
            places=(places := _places(tokens, self.entities, text)),
            speaking_capitals=tuple(t for t in known if t in self.stands_for and t not in places),
            unsaid_figures=unsaid, claims=bool(claimed), conceded=conceded,
            unsaid_ordinals=unsaid_ordinals,
            claimants=_claimants(tokens, self.speakers),
            visited=_visited(tokens, self.place_names),
            aside=frozenset() if set_aside_stems & self.entities else set_aside_stems,
            names_aside=set_aside_stems & self.entities,
            before_year=next(
                (year for word, year in pairwise(tokens) if word == "before" and _YEAR.fullmatch(year)), None
            ),
        )

    def _aside(self, text: str) -> frozenset[str]:
        """The known stems of what the question sets aside, read through the aliases."""
        words = [w for what in what_is_set_aside(text) for w in raw_tokens(what)]
        if not words:
            return frozenset()
        tokens = self.aliases.apply([self._spell(w) for w in words])
        return frozenset(t for t in map(stem, content_words(tokens)) if t in self.idf and t not in _WEAK_STEMS)

    def _conceded(self, text: str) -> frozenset[str]:
        """The stems of what the question grants before it asks, read through the aliases."""
        words = [w for what in what_is_conceded(text) for w in raw_tokens(what)]
        if not words:
            return frozenset()
        return frozenset(map(stem, content_words(self.aliases.apply([self._spell(w) for w in words]))))

    def _claimed_ordinals(self, written: list[str], *, put_to_confirm: bool) -> tuple[str, ...]:
        """The ordinals a yes-or-no question claims that the article never gives: "was this austin's second
        visit" is not his third, and is no question the article answers. "First" asks whether it happened
        before, which it does answer."""
        if not (put_to_confirm or asks_yes_or_no(written)):
            return ()
        return tuple(dict.fromkeys(
            t for t in written if _ORDINAL.fullmatch(t) and t != _FIRST and t not in self.article_words
        ))

    def _unsaid_figures(self, text: str) -> tuple[str, ...]:
        """The figures a premise before the question states that the fact base never gives: they are the
        asker's, and asked around ("since Budanov said 50,000…, when does the first group deploy")."""
        return self._unknown_figures(premise_figures(text))

    def _unknown_figures(self, figures: list[str]) -> tuple[str, ...]:
        return tuple(f for f in figures if not any(stem(token) in self.idf for token in raw_tokens(f)))

    def gives_what_is_only_quoted(self, query: Query, best: Candidate, other: Candidate) -> bool:
        """Whether ``other``'s answer gives a word of the question that ``best`` has only in its quote."""
        first, second = self._entry_of(best), self._entry_of(other)
        return any(
            t in first.source_tokens and t not in first.phrasing_tokens and t not in first.answer_tokens
            and t in second.answer_tokens
            for t in query.tokens
        )

    def _entry_of(self, candidate: Candidate) -> _FactIndex:
        if self._position_of is None:
            self._position_of = {entry.fact.id: i for i, entry in enumerate(self.entries)}
        return self.entries[self._position_of[candidate.fact.id]]

    def _without_fillers(self, tokens: list[str]) -> list[str]:
        """Tokens without a filler noun next to a name: "the nk stuff", "the North Korea issue" and "the drama
        with north korea" ask about North Korea, and no fact needs the noun."""
        if _FILLER_NOUNS.isdisjoint(tokens):
            return tokens
        padded = ["", *tokens, "", ""]

        def named_beside(i: int) -> bool:  # padded[i] is the word before tokens[i], padded[i + 2] the one after
            return stem(padded[i]) in self.entities or (
                padded[i + 2] == "with" and stem(padded[i + 3]) in self.entities  # "w" is read as "with" by now
            )

        return [t for i, t in enumerate(tokens) if not (t in _FILLER_NOUNS and named_beside(i))]

    def _next_step(self, tokens: list[str], once_more: bool) -> frozenset[str] | None:
        """Who a question asks will do something next (the first name before the deed), or None. Asked
        when or whether something happens again, it is whoever the question names: what the article
        reports has happened, and "when will austin visit again" wants what he is to do."""
        at = next_step_asked(tokens)
        if at is None and once_more:
            at = len(tokens)
        if at is None:
            return None
        who = next((t for t in map(stem, content_words(tokens[:at])) if t in self.entities), None)
        return frozenset({who} if who else ())

    def quotes_nobody_named(self, query: Query) -> bool:
        """Whether the query asks for the words of someone the article names but never quotes or cites. A
        capital speaks for its country: "what did Kyiv say" asks what Ukraine's president said."""
        if query.speaker is None or query.speaker in self.speakers:
            return False
        return self.speakers.isdisjoint(self.stands_for.get(query.speaker, ()))

    def too_common(self, query: Query) -> bool:
        """Whether every word of the query is in more than half the facts, with nothing else to go on: a
        word in most facts picks none of them."""
        return not query.unknown_weight and sum(self.idf[t] for t in query.tokens) < _HALF_THE_FACTS_IDF

    def only_anticipates(self, query: Query, candidate: Candidate) -> bool:
        """Whether a question asks how something turned out and the fact only looks ahead to it: "did the
        troops actually reach the front by november 1" is past what "they are expected by then" can say."""
        return query.turned_out and looks_ahead(self.aliases.apply(raw_tokens(candidate.fact.answer)), frozenset())

    def names_the_article(self, query: Query) -> bool:
        """Whether the query uses a word of the article's sentences that says more than an everyday word.
        Words only the curators' phrasings use ("sure", "building") are too thin to pick a fact alone."""
        return any(token in self.article_words and token not in _WEAK_STEMS for token in query.tokens)

    def candidates(self, query: Query, limit: int) -> list[Candidate]:
        """The best ``limit`` facts for the query, best first; ties broken by fact order."""
        weights = {
            token: self.idf[token] * (self.weights.weak_known_word if token in _WEAK_STEMS else 1.0)
            for token in query.tokens
        }
        total = sum(weights.values()) + query.unknown_weight
        if not weights or total <= 0:
            return []
        # A rough pass over the postings in numpy, then a careful pass over the few best.
        rough = np.zeros(len(self.entries), dtype=np.float64)
        for token, w in weights.items():
            rough[self.arrays[token]] += w
        keep = min(self.weights.rescore, len(rough))
        top = np.argpartition(-rough, keep - 1)[:keep]
        top = top[rough[top] > 0]
        found = dict(zip(top.tolist(), rough[top].tolist(), strict=True))
        shortlist = sorted(found, key=lambda p: (-found[p], p))
        ordered = sorted(weights.items())  # sums over phrasings run in the same order in every process
        scored = [self._score(p, query, weights, ordered, total) for p in shortlist]
        best = sorted(range(len(scored)), key=lambda k: -scored[k][0])[:limit]  # stable: equals keep the fact order
        # Candidates are made for the few kept only: most of the shortlist is scored to be left out.
        return [self._candidate(shortlist[k], *scored[k]) for k in best]

    def _candidate(
        self, position: int, score: float, coverage: float, phrasing_f1: float, fuzzy: float, best_index: int
    ) -> Candidate:
        fact = self.entries[position].fact
        return Candidate(fact, score, coverage, phrasing_f1, fuzzy, fact.questions[best_index])

    def _names_only_what_is_set_aside(self, position: int, query: Query) -> bool:
        """Whether the names the answer gives are the ones the question set aside, and its own."""
        # A capital set aside sets its country aside: "other than Kyiv" is other than Ukraine.
        aside = query.names_aside.union(*(self.stands_for.get(t, ()) for t in query.names_aside))
        named = {t for t in self._answer_words_at(position) if t in self.entities}
        if named.isdisjoint(aside):
            return False
        if named <= aside | query.said:
            return True
        # "besides Ukraine, has anyone backed the claims": Ukraine's intelligence chief is Ukraine.
        people = [t for t in named - query.said if t in self.affiliations]
        return bool(people) and all(t in aside or self.affiliations[t] <= aside for t in people)

    def _answer_words_at(self, position: int) -> frozenset[str]:
        words = self._answer_words.get(position)
        if words is None:
            answer = self.entries[position].fact.answer
            words = self._answer_words[position] = frozenset(content_tokens(raw_tokens(answer)))
        return words

    def _novelty(self, position: int, said: frozenset[str]) -> float:
        """How much of the answer, words as written and weighted by rarity, the question did not say."""
        found = self._answer_rarity.get(position)
        if found is None:  # sorted, so that the sums are the same in every process
            rarity = tuple(sorted((t, self.idf.get(t, self.unknown_idf)) for t in self._answer_words_at(position)))
            found = self._answer_rarity[position] = (rarity, sum(w for _, w in rarity))
        return _unsaid_share(found, said)

    @staticmethod
    def _echoes(entry: _FactIndex, kind: str, asked: dict[str, float], said: frozenset[str]) -> bool:
        """Whether the answer's only numbers, times or names are ones the question gave: "what time did
        he arrive on Monday" is not answered by "on Monday", nor "what is the name of the South Korean
        agency" by "South Korean intelligence"."""
        given = given_words(kind, entry.fact.answer, entry.answer_tokens)
        if kind == "name":  # a name is news to whoever asked in other words: "the blueprint for winning"
            return bool(given) and all(token in said for token in given)
        return bool(given) and all(token in asked or token in said for token in given)

    def _only_echoes(self, position: int, query: Query) -> bool:
        """Whether an answer to an open question tells it nothing new. A place is the whole answer to
        "where" and a name to "who", however common it is in the article ("Austin arrived in Kyiv"); an
        answer to "where exactly in eastern Russia" that names only eastern Russia says nothing."""
        if query.kind == "where":
            answer = self.entries[position].fact.answer
            places = _named_as_places(answer)
            if places & self.entities:
                return all(t in query.said for t in places if t in self.entities)
        words = self._answer_words_at(position)
        if query.kind == "who" and any(t in self.entities and t not in query.said for t in words):
            return False
        if self._novelty(position, query.said) < _LEAST_NEWS:
            return True
        # "what is moscow hitting with its stepped-up attacks": "Russia has intensified strikes" is news in
        # its words only; the fact on the same sentence that says what is targeted answers it.
        return query.kind is None and self._aliased_novelty(position, query.tokens) < _LEAST_ALIASED_NEWS

    def _aliased_novelty(self, position: int, asked: tuple[str, ...]) -> float:
        """How much of the answer, read through the aliases and weighted by rarity, the question did not ask."""
        found = self._aliased_rarity.get(position)
        if found is None:
            answer = self.entries[position].fact.answer
            stems = sorted(set(content_tokens(self.aliases.apply(raw_tokens(answer)))))
            rarity = tuple((t, self.idf.get(t, self.unknown_idf)) for t in stems)
            found = self._aliased_rarity[position] = (rarity, sum(w for _, w in rarity))
        return _unsaid_share(found, asked)

    @staticmethod
    def _names_counted(entry: _FactIndex, counted: frozenset[str]) -> bool:
        """Whether the fact's answer or phrasings name what "how many" counts (its quote may name more)."""
        return not (entry.answer_tokens.isdisjoint(counted) and entry.phrasing_tokens.isdisjoint(counted))

    def _scattered(self, position: int, weights: dict[str, float]) -> bool:
        """Whether the words of a yes/no question that only the fact's quote has are spread over its
        passages, no one passage holding them all: "did north korea invade kyiv" takes North Korea from one
        sentence and the invasion from another, and claims what neither says."""
        entry = self.entries[position]
        if len(entry.fact.passages) < 2:
            return False
        quoted_only = [
            t for t in weights
            if t in entry.source_tokens and t not in entry.phrasing_tokens and t not in entry.answer_tokens
        ]
        if len(quoted_only) < 2:
            return False
        passages = self._passage_stems.get(position)
        if passages is None:
            passages = self._passage_stems[position] = tuple(
                frozenset(content_tokens(self.aliases.apply(raw_tokens(p)))) for p in entry.fact.passages
            )
        return not any(all(t in passage for t in quoted_only) for passage in passages)

    def _names_only_its_quote(self, entry: _FactIndex, weights: dict[str, float]) -> bool:
        """Whether every name the question uses is only in the fact's sentence, while the fact's phrasings
        are about other names. A sentence holds several claims; a yes/no question is about the claim on the
        names it gives, and a fact on a claim about others does not confirm it. Nor does it say who does what
        to those names: the fact on who leads Ukraine, quoting a sentence on North Korea, is no answer to who
        leads North Korea."""
        named = [t for t in weights if t in self.entities]
        return (
            bool(named)
            and all(t not in entry.phrasing_tokens and t not in entry.answer_tokens for t in named)
            and not self.entities.isdisjoint(entry.phrasing_tokens)
        )

    def _went_elsewhere(self, position: int, visited: frozenset[str]) -> bool:
        """Whether the fact's passages name a place (a capital standing for its country too) and none that
        the question says someone went to: "arrived in Kyiv" for "visited Moscow"."""
        places = self._places_of.get(position)
        if places is None:
            passages = self.entries[position].fact.passages
            names = self.entities.intersection(set().union(*map(_named_as_places, passages)))
            places = self._places_of[position] = names.union(*(self.stands_for.get(t, ()) for t in names))
        return bool(places) and places.isdisjoint(visited)

    def _belongs(self, entry: _FactIndex, name: str) -> bool:
        """Whether the fact names someone or something of ``name``'s: Zelensky's words are Ukraine's."""
        return any(
            name in self.affiliations.get(token, ())
            for token in entry.source_tokens if token in self.affiliations
        )

    def _speaks_for(self, entry: _FactIndex, name: str) -> bool:
        """Whether the fact is about the country a capital stands for: "Kyiv accuses" is Ukraine's claim."""
        return any(entry.mentions(c) or self._belongs(entry, c) for c in self.stands_for.get(name, ()))

    @staticmethod
    def _asks_when_said(entry: _FactIndex, weights: dict[str, float]) -> bool:
        """Whether a question asks when something was said (reported, claimed, announced) and the fact never
        speaks of the saying: its date is of what was said, not of the saying."""
        said = [t for t in weights if t in _SAYING_STEMS]
        return bool(said) and not any(entry.mentions(t) for t in said)

    @staticmethod
    def _places_or_times_something_else(entry: _FactIndex, weights: dict[str, float]) -> bool:
        """Whether most of what a when or where question asks about, past its words of time and place, is
        only in the fact's quote: a sentence tells several things, and the fact's time or place is of the
        one its answer gives ("where did russia invade from": Austin arrived in Kyiv)."""
        asked = {t: weight for t, weight in weights.items() if t not in _TIME_OR_PLACE_STEMS and not t.isdigit()}
        quoted_only = sum(
            weight for t, weight in asked.items()
            if t in entry.source_tokens and t not in entry.phrasing_tokens and t not in entry.answer_tokens
        )
        return quoted_only > _QUOTED_ONLY_SHARE * sum(asked.values())

    def _reports(self, position: int) -> bool:
        """Whether the fact's answer gives someone's words, not only how or when they were given."""
        found = self._reporting.get(position)
        if found is None:
            found = self._reporting[position] = reports_words(self.entries[position].fact.answer)
        return found

    def _informants_asked(self, position: int) -> frozenset[str]:
        """The names whose own source the fact's phrasings ask for: a fact that tells it says so."""
        return self._asked_in_phrasings(self._informants, position, lambda q, words: asked_informant(
            q, self.aliases.apply(words), self.entities
        ))

    def _companions_asked(self, position: int) -> frozenset[str]:
        """The names whose company the fact's phrasings ask for: a fact that tells it says so."""
        return self._asked_in_phrasings(self._companions, position, lambda q, words: asked_companion(
            words, wh_kind(words), self.entities
        ))

    def _asked_in_phrasings(
        self, cache: dict[int, frozenset[str]], position: int, reading: Callable[[str, list[str]], str | None],
    ) -> frozenset[str]:
        """The names ``reading`` finds in the fact's phrasings (given each as written and as words), worked
        out the first time the fact is asked about and kept in ``cache``."""
        found = cache.get(position)
        if found is None:
            asked = (reading(q, raw_tokens(q)) for q in self.entries[position].fact.questions)
            found = cache[position] = frozenset(name for name in asked if name)
        return found

    def _identifies(self, position: int, noun: str) -> bool:
        """Whether the fact at ``position`` uses the noun, and once at least narrowed to which one."""
        words = self._words.get(position)
        if words is None:
            fact = self.entries[position].fact
            text = " ".join((*fact.questions, fact.source, fact.answer))
            written = raw_tokens(text)
            words = self._words[position] = frozenset(written) | frozenset(self.aliases.apply(written))
        source = self.entries[position].fact.source
        return any(
            (mentions(words, kin) or all(mentions(words, word) for word in self.aliases.apply([kin])))
            and not only_generic(source, kin)
            for kin in kin_nouns(noun)
        )

    def _troops_owned_at(self, position: int) -> frozenset[frozenset[str]]:
        """Whose troops the fact's answer and sentence speak of."""
        owned = self._owned_troops.get(position)
        if owned is None:
            fact = self.entries[position].fact
            words = self.aliases.apply(raw_tokens(f"{fact.answer} {TEXT_END} {fact.source}"))
            owned = self._owned_troops[position] = troops_owned(words, self.entities)
        return owned

    def _phrasings_at(self, position: int) -> _Phrasings:
        found = self._phrasings[position]
        if found is None:
            found = self._phrasings[position] = phrasings_of(
                self.entries[position].fact, self.aliases, self._stems, self.idf, self.unknown_idf
            )
        return found

    def _score(
        self, position: int, query: Query, weights: dict[str, float], ordered: list[tuple[str, float]], total: float
    ) -> tuple[float, float, float, float, int]:
        """The fact's score for the query, its coverage, its best phrasing's F1, the fuzzy signal and which
        phrasing that is."""
        w = self.weights
        entry, phrasings = self.entries[position], self._phrasings_at(position)
        matched = 0.0
        for t, weight in weights.items():  # the field a word is found in, best first
            if t in entry.phrasing_tokens:
                matched += weight * w.phrasing_field
            elif t in entry.source_tokens:
                # What the question grants is the setting its answer comes in, which the quote gives whole.
                matched += weight * (w.phrasing_field if t in query.conceded else w.source_field)
            elif t in entry.answer_tokens:
                matched += weight * w.answer_field
        if query.speaking_capitals:  # "Kyiv accuses": a fact on Ukraine's claim has it
            matched += sum(
                weights[t] * w.source_field for t in query.speaking_capitals
                if not entry.mentions(t) and self._speaks_for(entry, t)
            )
        # An everyday word the fact lacks takes less away than it would add where the fact has it.
        total -= sum(
            weights[t] * (1 - w.weak_missing / w.weak_known_word)
            for t in weights if t in _WEAK_STEMS and not entry.mentions(t)
        )
        coverage = matched / total
        # Each phrasing's share of the question's weight, added up in the same order in every process. Its
        # F1 against the question, 2RP / (R + P) with recall hit / total and precision hit / size, is
        # 2 hit / (total + size).
        sizes, holders = phrasings.sizes, phrasings.holders
        hits = [0.0] * len(sizes)
        for t, weight in ordered:
            for i in holders.get(t, ()):
                hits[i] += weight
        best_f1, best_index = 0.0, 0
        why = phrasings.why if query.yes_or_no else ()  # a yes or no question is no why question
        for i, hit in enumerate(hits):
            if hit and (f1 := 2 * hit / (total + sizes[i])) > best_f1 and not (why and why[i]):
                best_f1, best_index = f1, i
        fuzzy_score = 0.0
        if w.fuzzy:  # measured and left out by default: see benchmarks/quality.py --variants
            fuzzy_match = process.extractOne(
                query.normalized, phrasings.texts, scorer=fuzz.token_sort_ratio,
                processor=utils.default_process,
            )
            fuzzy_score = fuzzy_match[1] / 100 if fuzzy_match else 0.0
        score = w.coverage * coverage + w.phrasing_f1 * best_f1 + w.fuzzy * fuzzy_score
        if query.aside and all(map(entry.mentions, query.aside)):
            score *= w.named_aside  # "besides the workers, what…": the fact that names them and more
        broad_kind = BROADER_KIND.get(query.kind, query.kind) if query.kind else None
        if broad_kind and broad_kind not in phrasings.kinds and not (
            "whose" in phrasings.kinds and (query.whose or query.kind == "name")
        ):
            score *= w.wh_mismatch
            # "why did he land in Kyiv": "on Monday" gives no reason. A fact that asks no time, place or
            # number and has nearly every word of the question is the passage the reason is in: "why is the
            # battlefield complicated".
            if broad_kind == "why" and (
                coverage < _REASON_COVERAGE or not phrasings.kinds.isdisjoint(_TIME_PLACE_OR_COUNT)
            ):
                score *= w.answer_kind_mismatch
            if query.kind == "where" and not _PLACES.search(entry.fact.answer):
                score *= w.answer_kind_mismatch  # "where in Kyiv did they meet": "they will meet" is no place
        if query.names_unknown or any(
            token in self.entities and not entry.mentions(token)
            and (token in query.places or not (self._belongs(entry, token) or self._speaks_for(entry, token)))
            and not (token in query.claimants and entry.mentions(_CLAIM))
            for token in weights
        ):
            score *= w.entity_mismatch  # asks about Russia, the fact is about Ukraine: not this fact
            if any(t in self.entities and t not in weights for t in entry.source_tokens):
                score *= w.entity_contrast  # and its sentence names another: "conscription age in russia"
        if query.visited and query.kind != "where" and self._went_elsewhere(position, query.visited):
            score *= w.entity_mismatch * w.entity_contrast  # "austin visited moscow, right?": the fact has Kyiv
        if not query.open_ended and self._scattered(position, weights):
            score *= w.scattered  # "did north korea invade kyiv": one passage names North Korea, another the invasion
        if query.kind in (None, "who") and self._names_only_its_quote(entry, weights):
            score *= w.entity_only_quoted  # "was austin attacked in kyiv": the fact on S1 is Russia's attack
            if query.kind == "who":
                score *= w.entity_mismatch  # "who is leading north korea": the fact says who leads Ukraine
        if query.negated and _YES_OR_NO.match(entry.fact.answer):
            score *= w.answer_kind_mismatch  # "is it uncontroversial": "Yes. It is politically sensitive" says no
        if not _CONFIRMING_STEMS.isdisjoint(weights) and not any(map(entry.mentions, _STANDING_STEMS)):
            score *= w.answer_kind_mismatch  # "is it confirmed that nk is fighting": Zelensky's claim is no proof
        if broad_kind in ("when", "where") and self._places_or_times_something_else(entry, weights):
            score *= w.answer_kind_mismatch  # "what day did the invasion begin": Monday is when Austin arrived
        if broad_kind == "when" and self._asks_when_said(entry, weights):
            score *= w.answer_kind_mismatch  # "when did budanov report the troops": the date is the deployment's
        if query.kind in CHECKED_KINDS and (
            query.kind not in entry.answer_kinds or self._echoes(entry, query.kind, weights, query.said)
        ):
            score *= w.answer_kind_mismatch  # "how many" answered without a number answers nothing
        elif query.counted and not self._names_counted(entry, query.counted):
            score *= w.answer_kind_mismatch  # "how many soldiers": "one day before" counts something else
        if query.troops_of and (owned := self._troops_owned_at(position)) and not owns_any(
            query.troops_of, owned, self.affiliations
        ):
            score *= w.answer_kind_mismatch  # "how many troops does ukraine have": the fact counts north korea's
        if (
            query.kind == "who" and not query.aside
            and not any(t in self.entities and t not in query.said for t in self._answer_words_at(position))
            and wh_kind(raw_tokens(entry.fact.questions[best_index])) != "who"
        ):
            # "who drafted ukraine's victory plan": "Ukraine's plan" names no one new. A curator's own who
            # phrasing ("who is winning": "it is mixed") stands.
            score *= w.answer_kind_mismatch
        if query.names_aside and query.kind in (None, "who", "where") and self._names_only_what_is_set_aside(
            position, query
        ):
            score *= w.answer_kind_mismatch  # "besides kyiv, where did austin go": "Kyiv" is no answer
        if query.consequence and not _WHAT_MAY_FOLLOW.search(entry.fact.answer):
            score *= w.answer_kind_mismatch  # "what happens if they go to the front": not when they are to go
        if query.before_year in entry.source_tokens and _SINCE in entry.source_tokens:
            score *= w.answer_kind_mismatch  # "visits before 2022": the fact counts those since 2022
        if query.claims and not any(map(str.isdigit, entry.fact.answer)):
            score *= w.answer_kind_mismatch  # "50,000 troops are in Ukraine, right?": the fact must give a figure
        if query.open_ended and query.kind not in CHECKED_KINDS and self._only_echoes(position, query):
            score *= w.echo  # "what will the us do as tensions simmer": "tensions are simmering" says nothing
        if query.next_step is not None and not looks_ahead(
            self.aliases.apply(raw_tokens(entry.fact.answer)), query.next_step
        ):
            score *= w.answer_kind_mismatch  # "what will south korea do": "it reported 1,500" was done
        if query.once_more and not says_once_more(raw_tokens(entry.fact.answer)):
            score *= w.answer_kind_mismatch  # "will austin visit kyiv again": "he is to meet zelensky" is no visit
        if query.open_ended and any(
            t not in entry.source_tokens and t not in entry.answer_tokens for t in query.ordinals
        ):
            score *= w.answer_kind_mismatch  # "what was austin's second trip about": the fact is on his third
        if query.which_occurrence and not any(_ORDINAL.fullmatch(t) for t in entry.answer_tokens):
            score *= w.answer_kind_mismatch  # "which visit is this": "the visit aims to…" gives no ordinal
        if query.asked and not self._identifies(position, query.asked):
            score *= w.unidentified  # "which base…": the fact never says which
        if query.speaker and query.kind is None and not self._reports(position):
            score *= w.unidentified  # "what did zelensky say in his video": "he spoke in a video" says nothing
        if query.informant and query.informant not in self._informants_asked(position):
            score *= w.unidentified  # "what is budanov's source": the fact says the figures are his, not whence
        if query.companion and query.companion not in self._companions_asked(position):
            score *= w.unidentified  # "who travelled with austin": the fact says he travelled, not with whom
        if query.role_holder and not gives_role_holder(entry.fact.answer, [t for t in weights if t in self.entities]):
            score *= w.unidentified  # "who runs south korea's intelligence": an agency is no answer
        return round(score, 6), coverage, best_f1, fuzzy_score, best_index
