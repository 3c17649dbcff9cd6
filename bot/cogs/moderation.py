"""/reload for moderators: re-read knowledge/, swap it in if valid, report the diff or the problems."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.cogs.embeds import DESCRIPTION_LIMIT, text_embed
from bot.holder import ReloadResult

if TYPE_CHECKING:
    from bot.client import FactBotMixin

log = logging.getLogger(__name__)


class NotModeratorError(app_commands.CheckFailure):
    """The user may not reload; raised by the server-side check."""


def is_moderator(interaction: discord.Interaction, role_ids: tuple[int, ...]) -> bool:
    """Manage Server in this channel, or one of the moderator roles; never in DMs."""
    user = interaction.user
    if interaction.guild is None or not isinstance(user, discord.Member):
        return False
    if interaction.permissions.manage_guild:
        return True
    return any(role.id in role_ids for role in user.roles)


def reload_report(result: ReloadResult) -> str:
    if not result.ok:
        lines = [f"Reload refused: {len(result.problems)} problem(s). The old fact base "
                 f"(version {result.old_version}) is still serving."]
        lines += [f"• {problem}" for problem in result.problems]
        return "\n".join(lines)
    if not result.swapped:
        return f"Nothing changed: the knowledge files are the same as version {result.new_version}."
    assert result.diff is not None
    return f"Reloaded: version {result.old_version} → {result.new_version}.\n{result.diff.describe()}"


def _chunks(text: str, size: int) -> list[str]:
    chunks, current = [], ""
    for line in text.splitlines():
        line = line if len(line) <= size else line[: size - 1] + "…"
        if len(current) + len(line) + 1 > size:
            chunks.append(current)
            current = ""
        current = f"{current}\n{line}" if current else line
    return [*chunks, current] if current else chunks


class Moderation(commands.Cog):
    def __init__(self, bot: FactBotMixin) -> None:
        self.bot = bot

    @app_commands.command(name="reload", description="Moderators: re-read knowledge/ and swap it in if valid")
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.guild_only()
    async def reload(self, interaction: discord.Interaction) -> None:
        # default_permissions only hides the command; this check is what actually guards it.
        if not is_moderator(interaction, self.bot.settings.moderator_role_ids):
            raise NotModeratorError("not a moderator")
        actor = f"{interaction.user} ({interaction.user.id})"
        await interaction.response.defer(ephemeral=True, thinking=True)
        if self.bot.holder.reloading:
            await interaction.followup.send("A reload is already running; yours runs right after it.",
                                            ephemeral=True)
        result = await self.bot.holder.reload(actor)
        report = reload_report(result)
        pages = _chunks(report, DESCRIPTION_LIMIT)
        title = "Reload" if result.ok else "Reload refused"
        for page in pages[:5]:
            await interaction.followup.send(embed=text_embed(page, title), ephemeral=True)
        await self.bot.post_mod_log(f"/reload by {actor} in guild {interaction.guild_id}: {report}")

    @reload.error
    async def reload_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        if isinstance(error, NotModeratorError | app_commands.NoPrivateMessage):
            log.warning("refused /reload by %s (%s) in guild %s", interaction.user, interaction.user.id,
                        interaction.guild_id)
            text = ("Only moderators (Manage Server, or a moderator role) can reload the fact base, "
                    "and only in a server.")
            if interaction.response.is_done():
                await interaction.followup.send(text, ephemeral=True)
            else:
                await interaction.response.send_message(text, ephemeral=True)
            return
        await self.bot.report_app_error(interaction, error)
