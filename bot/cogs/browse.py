"""Reading the article without a question: /summary, /facts, /quote, /about, /help."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot import replies
from bot.cogs.embeds import facts_embed, summary_embed, text_embed
from bot.engine.summary import UnknownTopicError, fact_page, find_summary, resolve_topic
from bot.knowledge.models import FactBase

if TYPE_CHECKING:
    from bot.client import FactBotMixin

PAGE_TIMEOUT = 300.0


class FactPages(discord.ui.View):
    """Prev/next buttons over one snapshot's facts; only the person who asked may turn the pages."""

    def __init__(self, base: FactBase, topic: str | None, title: str, owner_id: int) -> None:
        super().__init__(timeout=PAGE_TIMEOUT)
        self.base, self.topic, self.title, self.owner_id = base, topic, title, owner_id
        self.page = 0
        self.message: discord.InteractionMessage | None = None
        self._sync_buttons()

    def current(self) -> discord.Embed:
        return facts_embed(fact_page(self.base, self.topic, self.page), self.title)

    def _sync_buttons(self) -> None:
        pages = fact_page(self.base, self.topic, self.page).pages
        self.previous.disabled = self.page <= 0
        self.next.disabled = self.page >= pages - 1

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id != self.owner_id:
            await interaction.response.send_message(
                "Only the person who ran /facts can turn its pages; run /facts yourself.", ephemeral=True
            )
            return False
        return True

    async def _turn(self, interaction: discord.Interaction, step: int) -> None:
        self.page = fact_page(self.base, self.topic, self.page + step).page
        self._sync_buttons()
        await interaction.response.edit_message(embed=self.current(), view=self)

    @discord.ui.button(label="Previous", style=discord.ButtonStyle.secondary)
    async def previous(self, interaction: discord.Interaction, _button: discord.ui.Button[FactPages]) -> None:
        await self._turn(interaction, -1)

    @discord.ui.button(label="Next", style=discord.ButtonStyle.primary)
    async def next(self, interaction: discord.Interaction, _button: discord.ui.Button[FactPages]) -> None:
        await self._turn(interaction, 1)

    async def on_timeout(self) -> None:
        for item in self.children:
            if isinstance(item, discord.ui.Button):
                item.disabled = True
        if self.message is not None:
            with contextlib.suppress(discord.HTTPException):  # the message may be gone; nothing to tidy
                await self.message.edit(view=self)


class Browse(commands.Cog):
    def __init__(self, bot: FactBotMixin) -> None:
        self.bot = bot

    async def topic_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        wanted = current.casefold()
        topics = self.bot.holder.snapshot.base.topics
        return [
            app_commands.Choice(name=t.title[:100], value=t.id)
            for t in topics
            if wanted in t.id or wanted in t.title.casefold()
        ][:25]

    async def _unknown_topic(self, interaction: discord.Interaction, error: UnknownTopicError) -> None:
        await interaction.response.send_message(
            f"There is no topic “{discord.utils.escape_markdown(error.topic)[:100]}”. "
            f"Topics: {', '.join(error.known)}.",
            ephemeral=True,
        )

    @app_commands.command(name="summary", description="Summary of the article, or of one of its topics")
    @app_commands.describe(topic="A topic of the article (leave empty for the whole article)",
                           length="short (default) or long")
    @app_commands.autocomplete(topic=topic_autocomplete)
    async def summary(
        self,
        interaction: discord.Interaction,
        topic: str | None = None,
        length: Literal["short", "long"] = "short",
    ) -> None:
        base = self.bot.holder.snapshot.base
        try:
            found = find_summary(base, topic, length)
            resolved = resolve_topic(base, topic)
        except UnknownTopicError as error:
            await self._unknown_topic(interaction, error)
            return
        title = resolved.title if resolved else f"Summary: {base.article.title}"
        await interaction.response.send_message(embed=summary_embed(found, title))

    @app_commands.command(name="facts", description="Browse the facts I know, a page at a time")
    @app_commands.describe(topic="Only the facts of this topic")
    @app_commands.autocomplete(topic=topic_autocomplete)
    async def facts(self, interaction: discord.Interaction, topic: str | None = None) -> None:
        base = self.bot.holder.snapshot.base
        try:
            resolved = resolve_topic(base, topic)
        except UnknownTopicError as error:
            await self._unknown_topic(interaction, error)
            return
        title = f"Facts: {resolved.title}" if resolved else "All facts"
        view = FactPages(base, resolved.id if resolved else None, title, interaction.user.id)
        await interaction.response.send_message(embed=view.current(), view=view)
        view.message = await interaction.original_response()

    @app_commands.command(name="quote", description="A sentence of the article by its number, with its neighbours")
    @app_commands.describe(number="The sentence number (S1 is the first sentence)")
    async def quote(self, interaction: discord.Interaction, number: app_commands.Range[int, 1, 100_000]) -> None:
        article = self.bot.holder.snapshot.base.article
        text = replies.quote_text(article, number)
        if text is None:
            await interaction.response.send_message(
                f"There is no sentence {number}; the article has sentences 1 to {len(article.sentences)}.",
                ephemeral=True,
            )
            return
        await interaction.response.send_message(embed=text_embed(text, f"Sentence {number}"))

    @app_commands.command(name="about", description="What this bot knows and how to ask it")
    async def about(self, interaction: discord.Interaction) -> None:
        text = replies.about_text(self.bot.holder.snapshot.base)
        await interaction.response.send_message(embed=text_embed(text, "About factbot"), ephemeral=True)

    @app_commands.command(name="help", description="The commands and how to ask a question")
    async def help(self, interaction: discord.Interaction) -> None:
        text = replies.help_text() + "\n\nOr mention me with a question in any channel I can read."
        await interaction.response.send_message(embed=text_embed(text, "factbot commands"), ephemeral=True)
