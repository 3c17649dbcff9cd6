"""The fact base as plain JSON-ready data, and a short human summary of it."""

from __future__ import annotations

from typing import Any

from bot.knowledge.models import Article, FactBase


def _article_json(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "title": article.title,
        "kind": article.kind,
        "paragraphs": article.paragraphs,
        "sentences": [{"n": s.n, "paragraph": s.paragraph, "text": s.text} for s in article.sentences],
    }


def fact_base_json(base: FactBase) -> dict[str, Any]:
    """The export shape: article, facts, summaries (plus articles, topics, aliases, version)."""
    return {
        "version": base.version,
        "article": _article_json(base.article),
        "articles": [_article_json(a) for a in base.articles],
        "topics": [{"id": t.id, "title": t.title, "description": t.description} for t in base.topics],
        "facts": [
            {
                "id": f.id,
                "article": f.article_id,
                "questions": list(f.questions),
                "answer": f.answer,
                "source": f.source,
                "passages": list(f.passages),
                "sentences": list(f.sentences),
                "paragraph": f.paragraph,
                "paragraphs": list(f.paragraphs),
                "topics": list(f.topics),
            }
            for f in base.facts
        ],
        "summaries": [
            {
                "topic": s.topic,
                "article": s.article_id,
                "length": s.length,
                "text": s.text,
                "sentences": list(s.sentences),
            }
            for s in base.summaries
        ],
        "aliases": {canonical: list(variants) for canonical, variants in base.aliases},
    }


def describe(base: FactBase) -> str:
    """A few lines for `validate`: sentences, facts, coverage, summaries, topics."""
    lines = []
    for article in base.articles:
        covered = base.covered_sentences(article.id)
        total = len(article.sentences)
        lines.append(
            f"article '{article.id}': {total} sentences in {article.paragraphs} paragraphs; "
            f"coverage {len(covered)}/{total} sentences ({100 * len(covered) / total:.0f}%)"
        )
    questions = sum(len(f.questions) for f in base.facts)
    lines.append(f"facts: {len(base.facts)} ({questions} questions)")
    topics = ", ".join(f"{t.id} ({len(base.facts_for_topic(t.id))})" for t in base.topics)
    lines.append(f"topics: {len(base.topics)}: {topics}")
    article_summaries = sum(1 for s in base.summaries if s.topic is None)
    lines.append(
        f"summaries: {len(base.summaries)} ({article_summaries} of the article, "
        f"{len(base.summaries) - article_summaries} of topics)"
    )
    lines.append(f"aliases: {len(base.aliases)} terms, {sum(len(v) for _, v in base.aliases)} variants")
    lines.append(f"version: {base.version}")
    lines.extend(f"warning: {w}" for w in base.warnings)
    return "\n".join(lines)
