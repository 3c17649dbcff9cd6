"""Engine results as Discord embeds, within Discord's limits; the texts come from bot.replies."""

from __future__ import annotations

import discord

from bot import replies
from bot.engine.answer import Reply, ReplyKind
from bot.engine.summary import FactPage
from bot.knowledge.models import Summary

ANSWER_COLOUR = discord.Colour.green()
DECLINE_COLOUR = discord.Colour.orange()
INFO_COLOUR = discord.Colour.blurple()
TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELD_LIMIT = 1024


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def safe_question(question: str) -> str:
    """The user's words, shown inert: no markdown, no mentions, one line."""
    text = discord.utils.escape_mentions(discord.utils.escape_markdown(" ".join(question.split())))
    return _cut(text, TITLE_LIMIT - 4)


def reply_embed(reply: Reply) -> discord.Embed:
    if reply.kind is ReplyKind.ANSWER and reply.fact:
        first, *others = reply.evidence()
        # The footer names the first quote's sentences; any other quote says its own.
        body = "\n\n".join(
            f"{group.answer}\n\n{replies.quote_block(group.quoted)}"
            + (f"\n*{replies.where(group.quoted)}*" if group is not first else "")
            for group in (first, *others)
        )
        embed = discord.Embed(
            title=_cut(f"Q: {safe_question(reply.question)}", TITLE_LIMIT),
            description=_cut(body, DESCRIPTION_LIMIT),
            colour=ANSWER_COLOUR,
        )
        embed.set_footer(text=f"{replies.where(first.quoted)} · confidence {reply.confidence:.0%}")
    elif reply.kind is ReplyKind.DECLINE:
        embed = discord.Embed(
            title=_cut(f"Q: {safe_question(reply.question)}", TITLE_LIMIT),
            description=_cut("\n".join(replies.decline_lines(reply)), DESCRIPTION_LIMIT),
            colour=DECLINE_COLOUR,
        )
    elif reply.kind is ReplyKind.SUMMARY and reply.summary:
        embed = summary_embed(reply.summary, replies.GIST_TITLE)
        embed.add_field(name="More", value=replies.GIST_HINT, inline=False)
    else:
        embed = discord.Embed(description=_cut(reply.message or "", DESCRIPTION_LIMIT), colour=INFO_COLOUR)
    if reply.notice:
        embed.add_field(name="Note", value=_cut(reply.notice, FIELD_LIMIT), inline=False)
    return embed


def summary_embed(summary: Summary, title: str) -> discord.Embed:
    embed = discord.Embed(
        title=_cut(title, TITLE_LIMIT), description=_cut(summary.text, DESCRIPTION_LIMIT), colour=INFO_COLOUR
    )
    cited = ", ".join(f"S{n}" for n in summary.sentences)
    embed.set_footer(text=_cut(f"{summary.length} summary · based on sentences {cited}", 2048))
    return embed


def facts_embed(page: FactPage, title: str) -> discord.Embed:
    embed = discord.Embed(title=_cut(title, TITLE_LIMIT), colour=INFO_COLOUR)
    for fact in page.facts:
        embed.add_field(
            name=_cut(fact.questions[0], TITLE_LIMIT),
            value=_cut(f"{fact.answer}\n*{replies.where(fact)}*", FIELD_LIMIT),
            inline=False,
        )
    embed.set_footer(text=f"Page {page.page + 1}/{page.pages} · {page.total} facts")
    return embed


def text_embed(text: str, title: str | None = None) -> discord.Embed:
    return discord.Embed(
        title=_cut(title, TITLE_LIMIT) if title else None,
        description=_cut(text, DESCRIPTION_LIMIT),
        colour=INFO_COLOUR,
    )
