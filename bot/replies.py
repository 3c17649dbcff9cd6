"""Reply texts shared by every adapter, so the console says exactly what Discord says."""

from __future__ import annotations

from typing import Any

from bot.engine.answer import Reply, ReplyKind
from bot.engine.summary import FactPage
from bot.knowledge.models import Article, Fact, FactBase, Summary

DECLINE_TEXT = "The article doesn't say that."
GIST_TITLE = "The article in short"
GIST_HINT = "Ask me about any part of it, or try /summary long."
HELP_LINES = (
    ("/ask question", "ask about the article; I answer with the quoted sentence"),
    ("/summary [topic] [length]", "the article's summary, or a topic's; length short or long"),
    ("/facts [topic]", "browse the facts, a page at a time"),
    ("/quote number", "a sentence of the article by its number, with its neighbours"),
    ("/about", "what I know and how to ask"),
    ("/help", "this list"),
)


def block_quote(text: str) -> str:
    return "\n".join(f"> {line}" for line in text.splitlines() or [""])


def quote_block(fact: Fact) -> str:
    """The fact's quote as a block quote, its passages kept apart by "…": sentences lie between them, or
    a paragraph break."""
    return block_quote("\n…\n".join(fact.passages))


def _runs(numbers: tuple[int, ...]) -> list[str]:
    """Sentence numbers as runs: (1, 18) → ["1", "18"]; (24, 25) → ["24–25"]."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return [f"{run[0]}" if len(run) == 1 else f"{run[0]}–{run[-1]}" for run in runs]


def where(fact: Fact) -> str:
    label = "Sentence" if len(fact.sentences) == 1 else "Sentences"
    places = "paragraph" if len(fact.paragraphs) == 1 else "paragraphs"
    return f"{label} {', '.join(_runs(fact.sentences))} · {places} {', '.join(map(str, fact.paragraphs))}"


def decline_lines(reply: Reply) -> list[str]:
    lines = [DECLINE_TEXT]
    if reply.suggestions:
        lines.append("Did you mean:")
        lines.extend(f"• {s.question}" for s in reply.suggestions)
    else:
        lines.append("Try /facts to see what it covers.")
    return lines


def reply_text(reply: Reply) -> str:
    """The whole reply as plain text with Markdown block quotes (console and `ask`)."""
    lines: list[str] = []
    if reply.kind is ReplyKind.ANSWER and reply.fact:
        for group in reply.evidence():
            lines.append(group.answer)
            lines.append(quote_block(group.quoted))
            lines.append(f"— {where(group.quoted)}")
        lines[-1] += f" · confidence {reply.confidence:.0%}"
    elif reply.kind is ReplyKind.DECLINE:
        lines.extend(decline_lines(reply))
    elif reply.kind is ReplyKind.SUMMARY and reply.summary:
        lines.extend((summary_text(reply.summary, GIST_TITLE), GIST_HINT))
    else:
        lines.append(reply.message or "")
    if reply.notice:
        lines.append(f"({reply.notice})")
    return "\n".join(line for line in lines if line)


def reply_json(reply: Reply) -> dict[str, Any]:
    """The `ask --json` shape."""
    fact = reply.fact if reply.answered else None
    return {
        "question": reply.question,
        "answered": reply.answered,
        "answer": fact.answer if fact else None,
        "source": fact.source if fact else None,
        "sentences": list(fact.sentences) if fact else [],
        "fact_id": fact.id if fact else None,
        "confidence": reply.confidence,
        "suggestions": [{"fact_id": s.fact_id, "question": s.question} for s in reply.suggestions],
        "kind": reply.kind.value,
        "message": reply.message,
        "notice": reply.notice,
        "summary": {"text": reply.summary.text, "sentences": list(reply.summary.sentences)} if reply.summary else None,
        "also": [
            {"fact_id": f.id, "answer": f.answer, "source": f.source, "sentences": list(f.sentences)}
            for f in reply.related
        ],
    }


def summary_text(summary: Summary, title: str) -> str:
    cited = ", ".join(f"S{n}" for n in summary.sentences)
    return f"{title}\n{summary.text}\nBased on sentences {cited}."


def fact_page_text(page: FactPage, title: str) -> str:
    lines = [f"{title} — page {page.page + 1}/{page.pages} ({page.total} facts)"]
    for fact in page.facts:
        lines.append(f"• {fact.questions[0]} — {fact.answer} [{where(fact)}]")
    return "\n".join(lines)


def quote_text(article: Article, n: int) -> str | None:
    """Sentence n with the one before and after, or None when there is no such sentence."""
    if article.sentence(n) is None:
        return None
    lines = []
    for k in (n - 1, n, n + 1):
        sentence = article.sentence(k)
        if sentence:
            marker = "**" if k == n else ""
            lines.append(f"S{k} (paragraph {sentence.paragraph}): {marker}{sentence.text}{marker}")
    return "\n".join(lines)


def about_text(base: FactBase) -> str:
    article = base.article
    return (
        f"I answer questions about one {article.kind}: “{article.title}”. "
        f"It has {len(article.sentences)} sentences; I know {len(base.facts)} facts from it and "
        f"{len(base.topics)} topics. Every answer quotes the sentence it comes from, and when the "
        f"article doesn't say, I say so. Fact base {base.version}, loaded "
        f"{base.loaded_at:%Y-%m-%d %H:%M} UTC. Ask with /ask, or mention me with a question."
    )


def help_text() -> str:
    return "\n".join(f"{name} — {what}" for name, what in HELP_LINES)
