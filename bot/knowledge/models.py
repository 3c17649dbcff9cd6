"""The curated records as curators write them, and the immutable fact base built from them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from bot.knowledge.article import Sentence

SummaryLength = Literal["short", "long"]
MAX_PASSAGES = 3
PASSAGE_JOINER = " … "


def _as_passages(value: Any) -> tuple[str, ...]:
    """One passage as written, or a list of them: always a tuple of non-empty passages."""
    passages = [value] if isinstance(value, str) else value
    if (
        not isinstance(passages, list) or not 1 <= len(passages) <= MAX_PASSAGES
        or not all(isinstance(p, str) and p.strip() for p in passages)
    ):
        raise ValueError(
            f"give whole sentences of the article, or a list of 1 to {MAX_PASSAGES} such passages"
        )
    return tuple(p.strip() for p in passages)


class _Record(BaseModel):
    # A typo in a field name must be an error, never a silently ignored key.
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class ArticleRecord(_Record):
    id: str = Field(min_length=1, pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str = Field(min_length=1)
    kind: str = "news report"
    text: str = Field(min_length=1, description="file name of the article text, beside articles.yaml")
    paragraphs: int = Field(ge=1)


class TopicRecord(_Record):
    id: str = Field(min_length=1, pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str = Field(min_length=1)
    description: str = ""


class FactRecord(_Record):
    id: str = Field(min_length=1, pattern=r"^[a-z0-9][a-z0-9-]*$")
    article: str | None = None
    questions: list[str]
    answer: str = Field(min_length=1)
    # One passage of whole sentences; or, for an answer that joins two parts of the article, a list of
    # passages in the article's order.
    quote: Annotated[tuple[str, ...], BeforeValidator(_as_passages)]
    topics: list[str] = Field(min_length=1)


class SummaryRecord(_Record):
    topic: str | None = None
    article: str | None = None
    length: SummaryLength = "short"
    text: str = Field(min_length=1)
    sentences: list[int] = Field(min_length=1)


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    title: str
    kind: str
    text: str
    paragraphs: int
    sentences: tuple[Sentence, ...]

    def sentence(self, n: int) -> Sentence | None:
        return self.sentences[n - 1] if 1 <= n <= len(self.sentences) else None


@dataclass(frozen=True, slots=True)
class Topic:
    id: str
    title: str
    description: str


@dataclass(frozen=True, slots=True)
class Fact:
    id: str
    article_id: str
    questions: tuple[str, ...]
    answer: str
    sentences: tuple[int, ...]
    topics: tuple[str, ...]
    passages: tuple[str, ...]  # each verbatim in the article, in its order
    paragraphs: tuple[int, ...]  # of its sentences, in order

    @property
    def source(self) -> str:
        """The quote as one text: its passages joined by " … "."""
        return PASSAGE_JOINER.join(self.passages)

    @property
    def paragraph(self) -> int:
        """The paragraph of its first sentence."""
        return self.paragraphs[0]


@dataclass(frozen=True, slots=True)
class Summary:
    topic: str | None
    article_id: str
    length: SummaryLength
    text: str
    sentences: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class FactBase:
    """One consistent snapshot of the knowledge; a reload builds a new one, never edits this."""

    articles: tuple[Article, ...]
    facts: tuple[Fact, ...]
    topics: tuple[Topic, ...]
    summaries: tuple[Summary, ...]
    aliases: tuple[tuple[str, tuple[str, ...]], ...]
    version: str
    loaded_at: datetime
    warnings: tuple[str, ...] = ()
    common_words: frozenset[str] = frozenset()  # everyday English: never taken for a typo
    _facts_by_id: dict[str, Fact] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._facts_by_id.update({fact.id: fact for fact in self.facts})

    @property
    def article(self) -> Article:
        """The primary article (the first listed)."""
        return self.articles[0]

    def fact(self, fact_id: str) -> Fact | None:
        return self._facts_by_id.get(fact_id)

    def topic(self, topic_id: str) -> Topic | None:
        return next((t for t in self.topics if t.id == topic_id), None)

    def facts_for_topic(self, topic_id: str | None) -> tuple[Fact, ...]:
        if topic_id is None:
            return self.facts
        return tuple(f for f in self.facts if topic_id in f.topics)

    def summary(self, topic_id: str | None, length: SummaryLength = "short") -> Summary | None:
        """The summary for a topic (None: the whole article), falling back to the other length."""
        matches = [s for s in self.summaries if s.topic == topic_id]
        exact = [s for s in matches if s.length == length]
        chosen = exact or matches
        return chosen[0] if chosen else None

    def covered_sentences(self, article_id: str) -> set[int]:
        return {n for f in self.facts if f.article_id == article_id for n in f.sentences}
