"""Who the article says helps whom: the U.S. supports Ukraine, North Korea supports Russia. A question on
North Korea helping Ukraine shares every name and the help with the article, and asks what it never says."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from bot.engine.normalize import same_name, stem

Pair = tuple[frozenset[str], frozenset[str]]  # (who helps, who is helped)

# Words after aliases: "backing", "fighting for russia" are read as support.
_HELPING = frozenset(
    """support supports supporting supported help helps helping helped assist assists assisting assisted
    aid aids aiding aided assistance""".split()
)
_HELPER_REACH = 8  # "the U.S. commitment to supporting…", "North Korean personnel are being sent to support"
_HELPED_REACH = 3  # "assistance to Kyiv", "support the Russians"
_BEFORE_HELPED = frozenset("to the of for with a an".split())
# A name before these says or asks who helps: "which country is Zelensky saying sends people to help Russia".
_NOT_THE_HELPER = frozenset(
    """say says said saying claim claims claimed claiming accuse accuses accused accusing warn warns warned warning
    think thinks thought believe believes which who whom what why how""".split()
)


def _run(words: Sequence[str], at: int, step: int, names: frozenset[str]) -> frozenset[str]:
    """The names from ``at`` on, one way, while they last."""
    run: set[str] = set()
    while 0 <= at < len(words) and (name := stem(words[at])) in names:
        run.add(name)
        at += step
    return frozenset(run)


def _pairs(words: Sequence[str], names: frozenset[str]) -> set[Pair]:
    """(helper, helped) for each helping word with a name before it and a name just after it."""
    found: set[Pair] = set()
    for i, word in enumerate(words):
        if word not in _HELPING:
            continue
        helper: frozenset[str] = frozenset()
        for j in range(i - 1, max(-1, i - 1 - _HELPER_REACH), -1):
            if words[j] in _NOT_THE_HELPER or (helper := _run(words, j, -1, names)):
                break
        j = i + 1
        while j < min(len(words), i + 1 + _HELPED_REACH) and words[j] in _BEFORE_HELPED:
            j += 1
        helped = _run(words, j, 1, names)
        if helper and helped and helper.isdisjoint(helped):
            found.add((helper, helped))
    return found


def helping_pairs(passages: Iterable[Sequence[str]], names: frozenset[str]) -> frozenset[Pair]:
    """Who helps whom in the passages (their words, aliases applied)."""
    return frozenset(pair for words in passages for pair in _pairs(words, names))


def _is(named: frozenset[str], known: frozenset[str], affiliations: Mapping[str, frozenset[str]]) -> bool:
    """Whether the names are the known ones, or belong with them (Austin is the U.S.'s, Zelensky Ukraine's)."""
    sides = named.union(*(affiliations.get(name, ()) for name in named))
    return all(any(same_name(k, side) for side in sides) for k in known)


def names_unsaid_help(
    words: Sequence[str], names: frozenset[str], pairs: frozenset[Pair],
    affiliations: Mapping[str, frozenset[str]],
) -> bool:
    """Whether a question (its words, aliases applied) has one side the passages speak of helping another
    they never have it help: North Korea helping Ukraine, the U.S. helping Russia. Help from or to anyone
    else is left to the other checks: the article may say it in other words ("assistance to Kyiv")."""
    parties = [side for pair in pairs for side in pair]
    for helper, helped in _pairs(words, names):
        if not all(any(_is(named, side, affiliations) for side in parties) for named in (helper, helped)):
            continue
        if not any(_is(helper, known[0], affiliations) and _is(helped, known[1], affiliations) for known in pairs):
            return True
    return False
