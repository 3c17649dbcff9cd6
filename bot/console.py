"""The engine in a terminal: the same replies as in Discord, for trying the bot without a token."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from bot import replies
from bot.engine.summary import UnknownTopicError, fact_page, find_summary, resolve_topic
from bot.holder import Snapshot
from bot.knowledge.models import SummaryLength

WELCOME = "factbot console — ask a question about the article. /help lists commands, /quit leaves."
CONSOLE_HELP = (
    "Type a question, or:\n"
    "/summary [topic] [long]  the article's summary, or a topic's\n"
    "/facts [topic] [page]    browse the facts\n"
    "/quote N                 sentence N with its neighbours\n"
    "/topics                  the topics\n"
    "/about                   what I know\n"
    "/help                    this text\n"
    "/quit                    leave"
)


def _summary(snapshot: Snapshot, args: list[str]) -> str:
    length: SummaryLength = "long" if args and args[-1].lower() == "long" else "short"
    if args and args[-1].lower() in ("long", "short"):
        args = args[:-1]
    topic = " ".join(args) or None
    summary = find_summary(snapshot.base, topic, length)
    resolved = resolve_topic(snapshot.base, topic)
    title = resolved.title if resolved else f"Summary of “{snapshot.base.article.title}”"
    return replies.summary_text(summary, title)


def _facts(snapshot: Snapshot, args: list[str]) -> str:
    page = 0
    if args and args[-1].isdigit():
        page = int(args[-1]) - 1
        args = args[:-1]
    topic = " ".join(args) or None
    resolved = resolve_topic(snapshot.base, topic)
    title = resolved.title if resolved else "All facts"
    return replies.fact_page_text(fact_page(snapshot.base, topic, page), title)


def _quote(snapshot: Snapshot, args: list[str]) -> str:
    total = len(snapshot.base.article.sentences)
    if len(args) != 1 or not args[0].lstrip("sS").isdigit():
        return f"Give a sentence number from 1 to {total}, like /quote 24."
    text = replies.quote_text(snapshot.base.article, int(args[0].lstrip("sS")))
    return text or f"There is no sentence {args[0]}; the article has sentences 1 to {total}."


def _topics(snapshot: Snapshot, _args: list[str]) -> str:
    return "\n".join(f"{t.id} — {t.title}" for t in snapshot.base.topics)


COMMANDS: dict[str, Callable[[Snapshot, list[str]], str]] = {
    "summary": _summary,
    "facts": _facts,
    "quote": _quote,
    "topics": _topics,
    "about": lambda snapshot, _args: replies.about_text(snapshot.base),
    "help": lambda _snapshot, _args: CONSOLE_HELP,
}


def respond(snapshot: Snapshot, line: str) -> str:
    """One line in, one reply out; commands start with '/'."""
    line = line.strip()
    if line.startswith("/"):
        name, *args = line[1:].split()
        command = COMMANDS.get(name.lower())
        if command is None:
            return f"Unknown command /{name}. " + "Try /help."
        try:
            return command(snapshot, args)
        except UnknownTopicError as exc:
            return f"There is no topic “{exc.topic}”. Topics: {', '.join(exc.known)}."
    return replies.reply_text(snapshot.engine.ask(line))


def run_console(snapshot: Snapshot, lines: Iterable[str], write: Callable[[str], None]) -> None:
    """Answer each input line until /quit or the input ends."""
    write(WELCOME)
    for line in lines:
        if line.strip().lower() in ("/quit", "/exit", "quit", "exit"):
            break
        if line.strip():
            write(respond(snapshot, line))
