"""Whose troops the article speaks of: "North Korean soldiers", "Kyiv's forces", "Russian forces". A
question on American troops asks about troops the article never mentions, however many of its other words
a fact shares ("Austin confirmed the US is sending troops, right?")."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from bot.engine.normalize import same_name, stem

# Words after aliases (soldiers and forces are read as troops). Not "troop": "Seoul's troop numbers" are
# Seoul's numbers.
_TROOPS = frozenset("troops army armies personnel infantry".split())
# Words that may stand between a name and its troops: "the US is going to send troops", "North Korean
# infantry troops". Any other word breaks the tie: "South Korea said the troops…" names no one's troops.
_BETWEEN = frozenset(
    """is are was were be been being will would to the a an its their more any also going gonna
    send sends sending sent deploy deploys deploying deployed military infantry combat ground own""".split()
)


def _owner(words: Sequence[str], at: int, names: frozenset[str]) -> frozenset[str]:
    """The run of names (stems) just before the troops word at ``at``."""
    return frozenset(_run_before(words, at, names))


def _run_before(words: Sequence[str], at: int, names: frozenset[str]) -> list[str]:
    """The names (stems) just before the troops word at ``at``, nearest first."""
    i = at - 1
    while i >= 0 and words[i] in _BETWEEN:
        i -= 1
    run: list[str] = []
    while i >= 0 and (name := stem(words[i])) in names:
        run.append(name)
        i -= 1
    return run


def _within(owner: frozenset[str], known: frozenset[str]) -> bool:
    """Whether every name of ``owner`` is one of ``known``."""
    return all(any(same_name(name, k) for k in known) for name in owner)


def troop_owners(passages: Iterable[Sequence[str]], names: frozenset[str]) -> frozenset[frozenset[str]]:
    """The names whose troops the passages (their words, aliases applied) speak of."""
    found = {_owner(words, i, names) for words in passages for i, word in enumerate(words) if word in _TROOPS}
    found.discard(frozenset())
    return frozenset(found)


def names_unmentioned_troops(
    words: Sequence[str], names: frozenset[str], owners: frozenset[frozenset[str]],
    affiliations: Mapping[str, frozenset[str]],
) -> bool:
    """Whether a question (its words, aliases applied) speaks of someone's troops the passages never
    mention. Zelensky's troops are Ukraine's: a name counts with the names it belongs with."""
    for i, word in enumerate(words):
        if word not in _TROOPS:
            continue
        run = _run_before(words, i, names)
        owner = frozenset(run)
        if not owner or any(_within(owner, known) for known in owners):
            continue
        # Names run together in a string of keywords: "south korea intelligence north korean troops" are
        # North Korean troops, the nearest names.
        if any(_within(frozenset(run[:n]), known) and _within(known, frozenset(run[:n]))
               for n in range(1, len(run)) for known in owners):
            continue
        belongs = frozenset().union(*(affiliations.get(name, ()) for name in owner))
        if not any(_within(known, belongs) for known in owners):
            return True
    return False


# "How many troops does Ukraine have": the owner between "does" and "have". Not "how many troops does
# South Korea say…": that names who says so.
_ASKING = frozenset("does do did".split())
_HAVING = frozenset("have has had field fields keep keeps".split())


def _names_from(words: Sequence[str], start: int, names: frozenset[str]) -> tuple[list[str], int]:
    """The run of names (stems) from ``start`` on, and where it ends."""
    end = start
    run: list[str] = []
    while end < len(words) and (name := stem(words[end])) in names:
        run.append(name)
        end += 1
    return run, end


def counted_troops_owner(words: Sequence[str], names: frozenset[str]) -> frozenset[str]:
    """Whose troops a count asks for (its words, aliases applied): "how many ukrainian troops are at the
    front", or what someone has: "how many troops does ukraine have". Empty otherwise."""
    if "many" in words:
        named, end = _names_from(words, words.index("many") + 1, names)
        if named and end < len(words) and words[end] in _TROOPS:
            return frozenset(named)
    for i, word in enumerate(words[:-3]):
        if word not in _TROOPS or words[i + 1] not in _ASKING:
            continue
        run, end = _names_from(words, i + 2 + (words[i + 2] == "the"), names)
        if run and end < len(words) and words[end] in _HAVING:
            return frozenset(run)
    return frozenset()


def troops_owned(words: Sequence[str], names: frozenset[str]) -> frozenset[frozenset[str]]:
    """Whose troops a text (its words, aliases applied) speaks of."""
    return frozenset(owner for i, word in enumerate(words) if word in _TROOPS and (owner := _owner(words, i, names)))


def owns_any(
    asked: frozenset[str], owned: Iterable[frozenset[str]], affiliations: Mapping[str, frozenset[str]],
) -> bool:
    """Whether the troops asked for are among those owned: Zelensky's troops are Ukraine's."""
    belongs = frozenset().union(*(affiliations.get(name, ()) for name in asked))
    return any(_within(asked, known) or _within(known, belongs) for known in owned)
