"""Build a FactBase from the knowledge directory, reporting every problem at once."""

from __future__ import annotations

import contextlib
import difflib
import hashlib
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from rapidfuzz import fuzz, process, utils

from bot.knowledge.article import Sentence, number_sentences
from bot.knowledge.english import common_words
from bot.knowledge.models import (
    Article,
    ArticleRecord,
    Fact,
    FactBase,
    FactRecord,
    Summary,
    SummaryRecord,
    Topic,
    TopicRecord,
)
from bot.knowledge.yamlfile import Problem, Where, read_yaml

ARTICLES_FILE = "articles.yaml"
TOPICS_FILE = "topics.yaml"
FACTS_FILE = "facts.yaml"
SUMMARIES_FILE = "summaries.yaml"
ALIASES_FILE = "aliases.yaml"
KNOWLEDGE_FILES = (ARTICLES_FILE, TOPICS_FILE, FACTS_FILE, SUMMARIES_FILE, ALIASES_FILE)
MIN_QUESTIONS = 3
_STRAIGHT_QUOTES = str.maketrans("’‘“”", "''\"\"")

RecordT = TypeVar("RecordT", bound=BaseModel)


class KnowledgeError(Exception):
    """The knowledge directory is not valid; ``problems`` lists everything that is wrong."""

    def __init__(self, problems: list[Problem]) -> None:
        order = {name: i for i, name in enumerate(KNOWLEDGE_FILES)}
        self.problems = sorted(problems, key=lambda p: (order.get(p.file, len(order)), p.file, p.line or 0))
        super().__init__(f"{len(problems)} problem(s) in the knowledge files:\n" + format_problems(problems))


def format_problems(problems: list[Problem]) -> str:
    return "\n".join(f"- {problem}" for problem in problems)


def _describe_error(error: Any, fields: tuple[str, ...]) -> str:
    loc = [str(part) for part in error["loc"]]
    name = loc[0] if loc else "?"
    if error["type"] == "extra_forbidden":
        close = difflib.get_close_matches(name, fields, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else f" (known keys: {', '.join(fields)})"
        return f"unknown key '{name}'{hint}"
    if error["type"] == "missing":
        return f"missing key '{name}'"
    return f"'{'.'.join(loc)}': {error['msg']}"


def _records(
    data: Any,
    key: str,
    model: type[RecordT],
    label: str,
    lines: Where,
    problems: list[Problem],
) -> list[tuple[RecordT, Where]]:
    """Validate each item of the list under ``key``; bad items become problems and are skipped."""
    if not isinstance(data, dict) or key not in data:
        problems.append(Problem(label, lines.line, f"must be a mapping with a '{key}:' list at the top"))
        return []
    unknown = sorted(set(data) - {key})
    if unknown:
        problems.append(Problem(label, lines.line, f"unknown top-level key(s): {', '.join(unknown)}"))
    items = data[key]
    if not isinstance(items, list):
        problems.append(Problem(label, lines.key(key), f"'{key}' must be a list"))
        return []
    fields = tuple(model.model_fields)
    out: list[tuple[RecordT, Where]] = []
    item_lines = lines.child(key)
    for index, item in enumerate(items):
        where = item_lines.item(index)
        ident = item.get("id") if isinstance(item, dict) else None
        label_item = f"{key[:-1]} '{ident}'" if ident else f"{key[:-1]} #{index + 1}"
        if not isinstance(item, dict):
            problems.append(Problem(label, where.line, "each entry must be a mapping of keys", label_item))
            continue
        try:
            out.append((model.model_validate(item), where))
        except ValidationError as exc:
            for error in exc.errors():
                field = str(error["loc"][0]) if error["loc"] else ""
                problems.append(Problem(label, where.key(field), _describe_error(error, fields), label_item))
            # With only unknown keys wrong, keep checking the rest of the entry so all problems show.
            if all(error["type"] == "extra_forbidden" for error in exc.errors()):
                known = {k: v for k, v in item.items() if k in fields}
                with contextlib.suppress(ValidationError):
                    out.append((model.model_validate(known), where))
    return out


def _load_article(directory: Path, record: ArticleRecord, where: Where, problems: list[Problem]) -> Article | None:
    path = directory / record.text
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        problems.append(Problem(ARTICLES_FILE, where.line, f"article text file '{record.text}' is missing"))
        return None
    except UnicodeDecodeError:
        problems.append(Problem(record.text, None, "article text is not valid UTF-8"))
        return None
    sentences = number_sentences(text)
    article = Article(
        id=record.id, title=record.title, kind=record.kind, text=text,
        paragraphs=max((s.paragraph for s in sentences), default=0), sentences=sentences,
    )
    if not sentences:
        problems.append(Problem(record.text, None, "article text is empty"))
    elif article.paragraphs != record.paragraphs:
        problems.append(Problem(
            ARTICLES_FILE, where.line,
            f"article '{record.id}' declares {record.paragraphs} paragraphs but its text has "
            f"{article.paragraphs}; the text must stay as published",
        ))
    return article


def locate_quote(article: Article, quote: str) -> tuple[int, ...] | str:
    """The sentence numbers a quote is made of, or why it is refused (with the nearest sentence)."""
    text = article.text
    starts = {s.start: s for s in article.sentences}
    ends = {s.end: s for s in article.sentences}
    position = text.find(quote)
    partial = False
    while position != -1:
        first, last = starts.get(position), ends.get(position + len(quote))
        if first and last:
            return tuple(range(first.n, last.n + 1))
        partial = True
        position = text.find(quote, position + 1)
    nearest = _nearest_sentence(article.sentences, quote)
    hint = f' Nearest is S{nearest.n}: "{nearest.text}"' if nearest else ""
    if partial:
        return f"quote is only part of a sentence; quote whole sentences.{hint}"
    if _unquote(quote) in _unquote(text):
        return f"quote is not verbatim: use the article's curly quotes and apostrophes (’ “ ”).{hint}"
    return f"quote is not verbatim in the article; copy it exactly.{hint}"


def _unquote(text: str) -> str:
    return text.translate(_STRAIGHT_QUOTES)


def _nearest_sentence(sentences: tuple[Sentence, ...], quote: str) -> Sentence | None:
    found = process.extractOne(
        quote, [s.text for s in sentences], scorer=fuzz.token_set_ratio, processor=utils.default_process
    )
    return sentences[found[2]] if found else None


def _check_questions(
    record: FactRecord, stripped: list[str], folded: list[str], lines: Where, label: str, problems: list[Problem]
) -> None:
    """Empty, repeated and too few questions; ``stripped`` and ``folded`` are the questions stripped, and
    stripped and case-folded (worked out once per fact by the caller)."""
    empty = "" in stripped
    repeated = len(set(folded)) < len(folded)
    too_few = len(stripped) - stripped.count("") < MIN_QUESTIONS
    if not (empty or repeated or too_few):  # the usual case: nothing to report
        return
    item = f"fact '{record.id}'"
    where = lines.child("questions")
    for index, question in enumerate(stripped):
        if not question:
            problems.append(Problem(label, where.item(index).line, "empty question; remove it", item))
    if repeated:
        for question, count in Counter(folded).items():
            if question and count > 1:
                problems.append(Problem(label, where.line, f"question '{question}' is listed {count} times", item))
    if too_few:
        problems.append(Problem(
            label, where.line,
            f"needs at least {MIN_QUESTIONS} questions (plain, short keyword form, other words)", item,
        ))


def _build_facts(
    records: list[tuple[FactRecord, Where]],
    articles: dict[str, Article],
    topic_ids: set[str],
    problems: list[Problem],
) -> list[Fact]:
    facts: list[Fact] = []
    first_seen: dict[str, Where] = {}
    owner_of_question: dict[str, str] = {}
    quote_places: dict[tuple[str, str], tuple[int, ...] | str] = {}  # facts quoting one sentence look once
    default_article = next(iter(articles)) if len(articles) == 1 else None
    for record, lines in records:
        item = f"fact '{record.id}'"
        if record.id in first_seen:
            problems.append(Problem(
                FACTS_FILE, lines.line, f"duplicate id (first used at line {first_seen[record.id].line})", item
            ))
            continue
        first_seen[record.id] = lines
        stripped = list(map(str.strip, record.questions))
        folded = list(map(str.casefold, stripped))
        _check_questions(record, stripped, folded, lines, FACTS_FILE, problems)
        asked = set(folded)
        asked.discard("")
        taken = owner_of_question.keys() & asked
        for question in sorted(taken):
            problems.append(Problem(
                FACTS_FILE, lines.key("questions"),
                f"question '{question}' is also a question of fact '{owner_of_question[question]}'; "
                "make each specific", item,
            ))
        owner_of_question.update(dict.fromkeys(asked.difference(taken), record.id))
        for topic in record.topics:
            if topic not in topic_ids:
                known = ", ".join(sorted(topic_ids))
                problems.append(Problem(
                    FACTS_FILE, lines.key("topics"), f"unknown topic '{topic}' (known: {known})", item
                ))
        article_id = record.article or default_article
        article = articles.get(article_id) if article_id else None
        if article is None:
            problems.append(Problem(
                FACTS_FILE, lines.key("article"),
                f"unknown article '{record.article}'" if record.article else "say which 'article:' it quotes",
                item,
            ))
            continue
        located = _locate_passages(article, record.quote, quote_places)
        if isinstance(located, str):
            problems.append(Problem(FACTS_FILE, lines.key("quote"), located, item))
            continue
        facts.append(Fact(
            id=record.id, article_id=article.id,
            questions=tuple(filter(None, stripped)),
            answer=record.answer, sentences=located,
            topics=tuple(record.topics),
            passages=record.quote,
            paragraphs=tuple(sorted({article.sentences[n - 1].paragraph for n in located})),
        ))
    return facts


def _locate_passages(
    article: Article, passages: tuple[str, ...], cache: dict[tuple[str, str], tuple[int, ...] | str],
) -> tuple[int, ...] | str:
    """The sentence numbers of a quote's passages, or why the quote is refused."""
    numbers: list[int] = []
    for index, passage in enumerate(passages):
        located = cache.get((article.id, passage))
        if located is None:
            located = cache[article.id, passage] = locate_quote(article, passage)
        if isinstance(located, str):
            return located if len(passages) == 1 else f"passage {index + 1}: {located}"
        if numbers and located[0] <= numbers[-1]:
            return (
                f"passage {index + 1} (S{located[0]}) must come after S{numbers[-1]}: "
                "list passages in the article's order, each sentence once"
            )
        if numbers and located[0] == numbers[-1] + 1 and _same_paragraph(article, numbers[-1], located[0]):
            return f"passages {index} and {index + 1} are neighbours (S{numbers[-1]}, S{located[0]}): quote them as one"
        numbers.extend(located)
    return tuple(numbers)


def _same_paragraph(article: Article, first: int, second: int) -> bool:
    """Whether two sentences share a paragraph: across a paragraph break, neighbours can only be quoted
    as two passages."""
    a, b = article.sentence(first), article.sentence(second)
    return a is not None and b is not None and a.paragraph == b.paragraph


def _build_summaries(
    records: list[tuple[SummaryRecord, Where]],
    articles: dict[str, Article],
    topic_ids: set[str],
    problems: list[Problem],
) -> list[Summary]:
    summaries: list[Summary] = []
    seen: dict[tuple[str | None, str | None, str], Where] = {}
    default_article = next(iter(articles)) if articles else None
    for record, lines in records:
        item = f"summary '{record.topic or 'article'}' ({record.length})"
        article = articles.get(record.article or default_article or "")
        if article is None:
            problems.append(Problem(SUMMARIES_FILE, lines.key("article"), "unknown article", item))
            continue
        key = (record.topic, article.id, record.length)
        if key in seen:
            problems.append(Problem(SUMMARIES_FILE, lines.line, f"duplicate of line {seen[key].line}", item))
            continue
        seen[key] = lines
        if record.topic is not None and record.topic not in topic_ids:
            problems.append(Problem(SUMMARIES_FILE, lines.key("topic"), f"unknown topic '{record.topic}'", item))
        missing = [n for n in record.sentences if article.sentence(n) is None]
        if missing:
            problems.append(Problem(
                SUMMARIES_FILE, lines.key("sentences"),
                f"cites sentence(s) {', '.join(map(str, missing))} that do not exist "
                f"(the article has S1 to S{len(article.sentences)})", item,
            ))
            continue
        summaries.append(Summary(
            topic=record.topic, article_id=article.id, length=record.length,
            text=" ".join(record.text.split()), sentences=tuple(record.sentences),
        ))
    return summaries


def _build_aliases(data: Any, lines: Where, problems: list[Problem]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(data, dict) or not isinstance(data.get("aliases"), dict):
        problems.append(Problem(ALIASES_FILE, lines.line, "must be a mapping 'aliases:' of term: [variants]"))
        return ()
    out: list[tuple[str, tuple[str, ...]]] = []
    owner: dict[str, str] = {}
    table = lines.child("aliases")
    for canonical, variants in data["aliases"].items():
        line = table.key(str(canonical))
        if not isinstance(canonical, str) or not canonical.strip():
            problems.append(Problem(ALIASES_FILE, line, "an alias term must be non-empty text"))
            continue
        if not isinstance(variants, list) or not all(isinstance(v, str) and v.strip() for v in variants):
            problems.append(Problem(ALIASES_FILE, line, f"'{canonical}' must list non-empty variants"))
            continue
        clean = tuple(dict.fromkeys(v.strip().casefold() for v in variants))
        for variant in clean:
            other = owner.setdefault(variant, canonical)
            if other != canonical:
                problems.append(Problem(
                    ALIASES_FILE, line, f"variant '{variant}' is listed under both '{other}' and '{canonical}'"
                ))
        out.append((canonical.strip().casefold(), clean))
    return tuple(out)


def knowledge_version(directory: Path) -> str:
    """A hash of every visible file in the directory: equal versions mean identical knowledge."""
    digest = hashlib.sha256()
    for path in sorted(directory.iterdir()):
        if path.is_file() and not path.name.startswith("."):
            try:
                content = path.read_bytes()
            except OSError:
                digest.update(path.name.encode() + b"\0unreadable\0")
                continue
            # Fed in parts: joined, a 20 MB file would be copied twice more just to be hashed.
            digest.update(path.name.encode() + b"\0")
            digest.update(content)
            digest.update(b"\0")
    return digest.hexdigest()[:12]


def load_fact_base(directory: Path) -> FactBase:
    """Load and validate every knowledge file; raise KnowledgeError listing all problems."""
    problems: list[Problem] = []
    if not directory.is_dir():
        raise KnowledgeError([Problem(str(directory), None, "knowledge directory does not exist")])
    # Hashed before reading: if a file changes mid-load, the next version check sees a difference.
    version = knowledge_version(directory)
    docs = {name: read_yaml(directory / name, name, problems) for name in KNOWLEDGE_FILES}

    articles: dict[str, Article] = {}
    article_doc = docs[ARTICLES_FILE]
    if article_doc:
        for record, lines in _records(
            article_doc.data, "articles", ArticleRecord, ARTICLES_FILE, article_doc.where, problems
        ):
            if record.id in articles:
                problems.append(Problem(ARTICLES_FILE, lines.line, f"duplicate article id '{record.id}'"))
                continue
            article = _load_article(directory, record, lines, problems)
            if article:
                articles[record.id] = article

    topics: list[Topic] = []
    topic_doc = docs[TOPICS_FILE]
    if topic_doc:
        for topic_record, lines in _records(
            topic_doc.data, "topics", TopicRecord, TOPICS_FILE, topic_doc.where, problems
        ):
            if any(t.id == topic_record.id for t in topics):
                problems.append(Problem(TOPICS_FILE, lines.line, f"duplicate topic id '{topic_record.id}'"))
                continue
            topics.append(Topic(topic_record.id, topic_record.title, topic_record.description))
    topic_ids = {t.id for t in topics}

    facts: list[Fact] = []
    fact_doc = docs[FACTS_FILE]
    if fact_doc:
        records = _records(fact_doc.data, "facts", FactRecord, FACTS_FILE, fact_doc.where, problems)
        facts = _build_facts(records, articles, topic_ids, problems)

    summaries: list[Summary] = []
    summary_doc = docs[SUMMARIES_FILE]
    if summary_doc:
        summary_records = _records(
            summary_doc.data, "summaries", SummaryRecord, SUMMARIES_FILE, summary_doc.where, problems
        )
        summaries = _build_summaries(summary_records, articles, topic_ids, problems)

    alias_doc = docs[ALIASES_FILE]
    aliases = _build_aliases(alias_doc.data, alias_doc.where, problems) if alias_doc else ()

    if problems:
        raise KnowledgeError(problems)
    return FactBase(
        articles=tuple(articles.values()), facts=tuple(facts), topics=tuple(topics),
        summaries=tuple(summaries), aliases=aliases, version=version,
        loaded_at=datetime.now(UTC), warnings=tuple(_coverage_warnings(articles, facts)),
        common_words=common_words(),
    )


def _coverage_warnings(articles: dict[str, Article], facts: list[Fact]) -> list[str]:
    warnings = []
    for article_id, article in articles.items():
        covered = {n for f in facts if f.article_id == article_id for n in f.sentences}
        missing = [s.n for s in article.sentences if s.n not in covered]
        if missing:
            listed = ", ".join(f"S{n}" for n in missing)
            warnings.append(f"article '{article_id}': no fact quotes {listed}")
    return warnings
