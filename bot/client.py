"""The discord.py bot: intents, allowed mentions, cogs, command sync, error handling and start-up."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.cooldown import QuestionCooldown
from bot.holder import KnowledgeHolder, Snapshot
from bot.settings import Settings
from bot.watcher import KnowledgeWatcher

log = logging.getLogger(__name__)
NO_MENTIONS = discord.AllowedMentions.none()
INTENT_OFF_NOTE = (
    "message content intent is off (FACTBOT_MESSAGE_CONTENT_INTENT=false): answering mentions, "
    "DMs and slash commands only; messages in answer channels need a mention"
)


def make_intents(settings: Settings) -> discord.Intents:
    intents = discord.Intents.default()
    intents.message_content = settings.message_content_intent
    intents.members = False
    intents.presences = False
    return intents


class FactBotMixin(commands.Bot):
    """What factbot adds to discord.py's bot; mixed into Bot or AutoShardedBot."""

    def __init__(self, settings: Settings, holder: KnowledgeHolder, **options: Any) -> None:
        super().__init__(
            command_prefix=commands.when_mentioned,
            help_command=None,
            intents=make_intents(settings),
            allowed_mentions=NO_MENTIONS,
            **options,
        )
        self.settings = settings
        self.holder = holder
        self.cooldown = QuestionCooldown(settings.cooldown_questions, settings.cooldown_seconds)
        self.watcher: KnowledgeWatcher | None = None
        self.tree.on_error = self.on_tree_error  # type: ignore[method-assign]

    async def setup_hook(self) -> None:
        from bot.cogs.browse import Browse
        from bot.cogs.moderation import Moderation
        from bot.cogs.qa import Questions

        for cog in (Questions(self), Browse(self), Moderation(self)):
            await self.add_cog(cog)
        if not self.settings.message_content_intent:
            log.warning(INTENT_OFF_NOTE)
        await self.sync_commands()
        if self.settings.watch_knowledge:
            self.watcher = KnowledgeWatcher(self.holder, self.settings.watch_interval_seconds)
            self.watcher.start()

    async def sync_commands(self) -> None:
        guild_id = self.settings.dev_guild_id
        if guild_id:
            guild = discord.Object(id=guild_id)
            self.tree.copy_global_to(guild=guild)
            synced = await self.tree.sync(guild=guild)
            log.info("synced %d commands to guild %s", len(synced), guild_id)
        else:
            synced = await self.tree.sync()
            log.info("synced %d commands globally", len(synced))

    async def close(self) -> None:
        if self.watcher is not None:
            await self.watcher.stop()
        await super().close()

    async def on_message(self, message: discord.Message, /) -> None:
        """Questions are handled by the Questions cog; there are no prefix commands to process."""

    async def on_ready(self) -> None:
        base = self.holder.snapshot.base
        log.info(
            "ready as %s: %d guilds, %d facts from '%s' (version %s)",
            self.user, len(self.guilds), len(base.facts), base.article.id, base.version,
        )

    async def post_mod_log(self, text: str) -> None:
        channel_id = self.settings.mod_log_channel_id
        if not channel_id:
            return
        channel = self.get_channel(channel_id)
        if not isinstance(channel, discord.abc.Messageable):
            log.warning("mod log channel %s is not a text channel I can see", channel_id)
            return
        try:
            await channel.send(discord.utils.escape_mentions(text)[:2000], allowed_mentions=NO_MENTIONS)
        except discord.HTTPException as exc:
            log.warning("could not post to mod log channel %s: HTTP %s", channel_id, exc.status)

    async def on_tree_error(
        self, interaction: discord.Interaction[discord.Client], error: app_commands.AppCommandError
    ) -> None:
        if interaction.extras.get("error_handled"):
            return
        await self.report_app_error(interaction, error)

    async def report_app_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        """The user gets one short ephemeral line; the log gets the traceback."""
        interaction.extras["error_handled"] = True
        if isinstance(error, app_commands.CommandNotFound):
            text = "I don't know that command (any more). Try /help."
            log.warning("unknown command %r from %s", error.name, interaction.user.id)
        elif isinstance(error, app_commands.CheckFailure):
            text = "You can't use that command here."
        elif isinstance(error, app_commands.TransformerError | app_commands.CommandSignatureMismatch):
            text = "I couldn't read that input. Try /help."
            log.warning("bad input for %s: %s", interaction.command and interaction.command.name, error)
        else:
            text = "Something went wrong on my side; it has been logged. Please try again."
            log.error("command %s failed", interaction.command and interaction.command.name, exc_info=error)
        try:
            if interaction.response.is_done():
                await interaction.followup.send(text, ephemeral=True)
            else:
                await interaction.response.send_message(text, ephemeral=True)
        except discord.HTTPException as exc:
            log.warning("could not send the error reply: HTTP %s", exc.status)


class FactBot(FactBotMixin, commands.Bot):
    pass


class ShardedFactBot(FactBotMixin, commands.AutoShardedBot):
    pass


def create_bot(settings: Settings, holder: KnowledgeHolder, **options: Any) -> FactBotMixin:
    """A plain bot, or an AutoShardedBot running the configured shards of this process."""
    if settings.shard_count:
        shard_ids = list(settings.shard_ids) or None
        return ShardedFactBot(settings, holder, shard_count=settings.shard_count, shard_ids=shard_ids, **options)
    return FactBot(settings, holder, **options)


def run_bot(settings: Settings, snapshot: Snapshot, directory: Any) -> int:
    """`python -m bot run`: log in and serve until stopped. Returns the process exit code."""
    token = settings.token
    if not token:
        print("DISCORD_TOKEN is not set. Put it in the environment or .env (see .env.example), "
              "or run `python -m bot chat` to try the bot without Discord.")
        return 2
    discord.utils.setup_logging(level=getattr(logging, settings.log_level), root=True)
    holder = KnowledgeHolder(directory, settings.max_question_chars, snapshot)
    bot = create_bot(settings, holder)
    try:
        asyncio.run(_serve(bot, token))
    except discord.LoginFailure:
        log.error("Discord refused the token (DISCORD_TOKEN): check it in the developer portal")
        return 1
    except discord.PrivilegedIntentsRequired:
        log.error("the message content intent is not enabled for this bot: enable it in the developer "
                  "portal, or set FACTBOT_MESSAGE_CONTENT_INTENT=false")
        return 1
    except KeyboardInterrupt:
        pass
    return 0


async def _serve(bot: FactBotMixin, token: str) -> None:
    async with bot:
        await bot.start(token)
