"""Summaries and fact listings, looked up by topic: the browsing side of the engine."""

from __future__ import annotations

from dataclasses import dataclass

from bot.knowledge.models import Fact, FactBase, Summary, SummaryLength, Topic


class UnknownTopicError(LookupError):
    """The topic asked for does not exist; ``known`` lists the ones that do."""

    def __init__(self, topic: str, known: list[str]) -> None:
        self.topic = topic
        self.known = known
        super().__init__(f"unknown topic '{topic}'; topics: {', '.join(known)}")


def resolve_topic(base: FactBase, name: str | None) -> Topic | None:
    """A topic by id or title (any case, spaces or dashes); None means the whole article."""
    if name is None or not name.strip():
        return None
    wanted = "-".join(name.casefold().replace("'", "").split())
    for topic in base.topics:
        title = "-".join(topic.title.casefold().replace("'", "").split())
        if wanted in (topic.id, title):
            return topic
    prefixed = [t for t in base.topics if t.id.startswith(wanted)]
    if len(prefixed) == 1:
        return prefixed[0]
    raise UnknownTopicError(name, [t.id for t in base.topics])


def find_summary(base: FactBase, topic: str | None, length: SummaryLength = "short") -> Summary:
    """The summary of a topic (or of the article), raising UnknownTopicError for a bad topic."""
    resolved = resolve_topic(base, topic)
    summary = base.summary(resolved.id if resolved else None, length)
    if summary is None:
        raise UnknownTopicError(topic or "article", [t.id for t in base.topics])
    return summary


@dataclass(frozen=True, slots=True)
class FactPage:
    facts: tuple[Fact, ...]
    page: int
    pages: int
    total: int


def fact_page(base: FactBase, topic: str | None, page: int, per_page: int = 5) -> FactPage:
    """One page (from 0) of the facts of a topic, or of all facts; the page is clamped into range."""
    resolved = resolve_topic(base, topic)
    facts = base.facts_for_topic(resolved.id if resolved else None)
    pages = max(1, -(-len(facts) // per_page))
    page = min(max(page, 0), pages - 1)
    return FactPage(facts[page * per_page : (page + 1) * per_page], page, pages, len(facts))
