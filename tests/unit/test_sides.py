"""Who the article says helps whom, and questions that pair the sides otherwise."""

from __future__ import annotations

import pytest

from bot.engine.sides import Pair, helping_pairs, names_unsaid_help

NAMES = frozenset("north korea south korean unit stat russia zelensky ukrain austin kyiv".split())
# "…accusing Pyongyang of supplying military personnel to assist Russia", "…the U.S. commitment to
# supporting Ukrainian forces", as the aliases read them.
ARTICLE = [
    "zelensky accusing north korea of supplying military troops to assist russia".split(),
    "the unit stat commitment to supporting ukrain troops against russia aggression".split(),
    "zelensky said the troops are training in russia".split(),
]
AFFILIATIONS = {"zelensky": frozenset({"ukrain"}), "austin": frozenset({"unit", "stat"})}


def pairs() -> frozenset[Pair]:
    return helping_pairs(ARTICLE, NAMES)


def test_who_helps_whom_is_the_name_before_the_help_and_the_name_after_it():
    assert pairs() == {
        (frozenset({"north", "korea"}), frozenset({"russia"})),
        (frozenset({"unit", "stat"}), frozenset({"ukrain"})),
    }


@pytest.mark.parametrize("question", [
    "why did zelensky say north korea is helping ukrain",
    "is the unit stat supporting russia",
    "is ukrain helping north korea",
])
def test_sides_paired_as_the_article_never_pairs_them(question):
    assert names_unsaid_help(question.split(), NAMES, pairs(), AFFILIATIONS)


@pytest.mark.parametrize("question", [
    "is north korea helping russia",
    "will austin keep supporting ukrain",  # Austin is the U.S.'s
    "which country is zelensky saying sends people to help russia",  # Zelensky says; he is not the helper
    "is south korean intelligence helping ukrain",  # a side the article never has help: left to other checks
    "will the unit stat keep helping kyiv",  # nor anyone helped
    "who is helping russia",
])
def test_help_the_article_gives_or_does_not_pair(question):
    assert not names_unsaid_help(question.split(), NAMES, pairs(), AFFILIATIONS)
