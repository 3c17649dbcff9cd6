"""Questions: messages that mention the bot or arrive in answer channels or DMs, and /ask."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Awaitable
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.cogs.embeds import reply_embed
from bot.engine.answer import Reply

if TYPE_CHECKING:
    from bot.client import FactBotMixin

log = logging.getLogger(__name__)
COOLDOWN_REACTION = "⏳"


def log_answer(source: str, reply: Reply, started: float) -> None:
    """One line per answer: where from, the question, the fact or refusal, confidence and latency."""
    outcome = reply.fact.id if reply.answered and reply.fact else reply.kind.value
    log.info(
        "%s question=%r -> %s confidence=%.2f latency_ms=%.1f",
        source, reply.question[:200], outcome, reply.confidence, (time.perf_counter() - started) * 1000,
    )


class Questions(commands.Cog):
    def __init__(self, bot: FactBotMixin) -> None:
        self.bot = bot

    def _mention_pattern(self, message: discord.Message) -> re.Pattern[str]:
        me = self.bot.user.id if self.bot.user else 0
        roles = "".join(f"|<@&{role.id}>" for role in self._my_roles(message))
        return re.compile(rf"<@!?{me}>{roles}")

    def _my_roles(self, message: discord.Message) -> list[discord.Role]:
        """The bot's own managed role, which people often mention by mistake instead of the bot."""
        me = self.bot.user.id if self.bot.user else 0
        return [role for role in message.role_mentions if role.tags is not None and role.tags.bot_id == me]

    def _mentioned(self, message: discord.Message) -> bool:
        """Mentioned by name or by its own role; @everyone and @here do not count as asking the bot."""
        return (self.bot.user is not None and self.bot.user in message.mentions) or bool(self._my_roles(message))

    def _is_question(self, message: discord.Message) -> bool:
        settings = self.bot.settings
        if message.guild is None:
            return settings.answer_dms
        if self._mentioned(message):
            return True
        channel = message.channel
        channel_ids = {channel.id}
        if isinstance(channel, discord.Thread) and channel.parent_id:
            channel_ids.add(channel.parent_id)
        return bool(channel_ids & set(settings.answer_channel_ids))

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot or message.webhook_id is not None or not self._is_question(message):
            return
        started = time.perf_counter()
        text = self._mention_pattern(message).sub(" ", message.content).strip()
        if not text and not self._mentioned(message):
            return  # an attachment only, or no content intent: nothing was said to us
        retry_after = self.bot.cooldown.hit(message.author.id)
        if retry_after is not None:
            if self.bot.cooldown.first_notice(message.author.id):
                await self._safe(message.add_reaction(COOLDOWN_REACTION), message.channel.id)
            return
        reply = self.bot.holder.snapshot.engine.ask(text or "help")  # a bare mention asks for help
        await self._safe(
            message.reply(embed=reply_embed(reply), mention_author=False), message.channel.id
        )
        log_answer(f"message channel={message.channel.id}", reply, started)

    async def _safe(self, call: Awaitable[object], channel_id: int) -> None:
        """Send, and on a Discord error log it with the channel; the bot carries on."""
        try:
            await call
        except discord.Forbidden as exc:
            log.warning("cannot reply in channel %s: missing permission (%s)", channel_id, exc.text)
        except discord.HTTPException as exc:
            log.error("reply in channel %s failed: HTTP %s %s", channel_id, exc.status, exc.text)

    @app_commands.command(name="ask", description="Ask a question about the article")
    @app_commands.describe(question="Your question, e.g. How many North Korean troops are in Russia?")
    async def ask(self, interaction: discord.Interaction, question: str) -> None:
        started = time.perf_counter()
        retry_after = self.bot.cooldown.hit(interaction.user.id)
        if retry_after is not None:
            await interaction.response.send_message(
                f"Slow down a little: you can ask again in {retry_after:.0f} s.", ephemeral=True
            )
            return
        reply = self.bot.holder.snapshot.engine.ask(question)
        await interaction.response.send_message(embed=reply_embed(reply))
        log_answer(f"/ask user={interaction.user.id}", reply, started)

    @ask.autocomplete("question")
    async def ask_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        suggestions = self.bot.holder.snapshot.engine.autocomplete(current, limit=25)
        return [app_commands.Choice(name=s.question[:100], value=s.question[:100]) for s in suggestions]
