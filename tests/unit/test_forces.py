"""Whose troops the article speaks of, and questions on anyone else's."""

from __future__ import annotations

import pytest

from bot.engine.forces import counted_troops_owner, names_unmentioned_troops, owns_any, troop_owners, troops_owned

NAMES = frozenset({"north", "korea", "south", "korean", "unit", "stat", "russia", "zelensky", "ukrain", "austin"})
# "…North Korean infantry troops are training in eastern Russia", "…sent to support Russia troops".
ARTICLE = [
    "approximately 11000 north korea infantry troops are training in eastern russia".split(),
    "south korean intelligence reported that 1500 north korea troops are inside russia".split(),
    "the official noted the difficulties ukraine troops face".split(),
]
AFFILIATIONS = {"zelensky": frozenset({"ukrain"}), "austin": frozenset({"unit", "stat"})}


def owners() -> frozenset[frozenset[str]]:
    return troop_owners(ARTICLE, NAMES)


def test_the_owners_are_the_names_just_before_the_troops():
    assert owners() == {frozenset({"north", "korea"}), frozenset({"ukrain"})}


@pytest.mark.parametrize("question", [
    "is the united states sending troops",
    "will united states troops deploy",
    "is south korean army fighting",
    "did austin send troops",
    "russia south korea troops",  # the names nearest the troops are South Korea
])
def test_troops_the_article_never_mentions(question):
    assert names_unmentioned_troops(question.split(), NAMES, owners(), AFFILIATIONS)


@pytest.mark.parametrize("question", [
    "is north korea sending troops to russia",
    "are korea troops in russia",  # part of a name whose troops the article gives
    "how are zelensky troops doing",  # Zelensky's troops are Ukraine's
    "what did south korean intelligence say about the troops",  # Seoul says, of someone else's troops
    "do budanov and south korean troop numbers match",  # "troop" names no one's troops: the numbers are theirs
    "how many troops are training",
    "south korea north korea troops",  # keywords run together: the nearest names are North Korea
])
def test_troops_the_article_mentions_or_no_one_in_particular(question):
    assert not names_unmentioned_troops(question.split(), NAMES, owners(), AFFILIATIONS)


@pytest.mark.parametrize(("question", "owner"), [
    ("how many troops does ukrain have", {"ukrain"}),
    ("how many troops does the north korea have in russia", {"north", "korea"}),
    # Or whose troops are counted, named just before them.
    ("how many ukrain troops are at the front", {"ukrain"}),
    ("how many north korea troops are training", {"north", "korea"}),
    # Keywords with a name that says who counts: not whose troops are counted.
    ("budanov north korea troops number", set()),
    # Who says how many is no owner, nor is a count that names no one's troops.
    ("how many troops does south korean say are in russia", set()),
    ("how many troops are training", set()),
])
def test_a_count_of_troops_someone_has_names_its_owner(question: str, owner: set[str]):
    assert counted_troops_owner(question.split(), NAMES) == owner


def test_troops_asked_of_one_owner_are_not_another_owners():
    owned = troops_owned(ARTICLE[0], NAMES)
    assert owned == {frozenset({"north", "korea"})}
    assert owns_any(frozenset({"north", "korea"}), owned, AFFILIATIONS)
    assert not owns_any(frozenset({"ukrain"}), owned, AFFILIATIONS)
    # Zelensky's troops are Ukraine's.
    assert owns_any(frozenset({"zelensky"}), troops_owned(ARTICLE[2], NAMES), AFFILIATIONS)
