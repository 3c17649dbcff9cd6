"""The fake Discord works with the real discord.py: login, messages, interactions, reconnects, faults, shards."""

from __future__ import annotations

import asyncio
import io
import socket
import time
from typing import Any

import aiohttp
import discord
import pytest
from discord import app_commands
from discord.ext import commands

from tests.e2e.fake_discord import (
    CALLBACK_AUTOCOMPLETE_RESULT,
    CALLBACK_CHANNEL_MESSAGE,
    CALLBACK_DEFERRED_CHANNEL_MESSAGE,
    CALLBACK_UPDATE_MESSAGE,
    FLAG_EPHEMERAL,
    SEND_MESSAGES,
    FakeDiscord,
)
from tests.e2e.harness import FastSleepAsyncio, running_bot

TOPICS = ["Austin's visit", "Conscription", "Aid packages", "Air defence"]


class Counter(discord.ui.View):
    """One button; each click edits the message to show the count."""

    def __init__(self) -> None:
        super().__init__(timeout=60)
        self.clicks = 0

    @discord.ui.button(label="Click", custom_id="tiny:click")
    async def click(self, interaction: discord.Interaction, _button: discord.ui.Button[Counter]) -> None:
        self.clicks += 1
        await interaction.response.edit_message(content=f"clicks: {self.clicks}", view=self)


@app_commands.command(name="ping", description="Check that the bot answers")
async def ping(interaction: discord.Interaction) -> None:
    await interaction.response.send_message("pong", ephemeral=True)


@app_commands.command(name="topic", description="Pick a topic")
@app_commands.describe(name="The topic")
async def topic(interaction: discord.Interaction, name: str) -> None:
    await interaction.response.send_message(f"topic: {name}")


@topic.autocomplete("name")
async def topic_autocomplete(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    return [app_commands.Choice(name=t, value=t) for t in TOPICS if current.casefold() in t.casefold()]


@app_commands.command(name="counter", description="A message with a button")
async def counter(interaction: discord.Interaction) -> None:
    await interaction.response.send_message("clicks: 0", view=Counter())


@app_commands.command(name="slow", description="Defers, then follows up")
async def slow(interaction: discord.Interaction) -> None:
    await interaction.response.defer(ephemeral=True, thinking=True)
    await interaction.followup.send("done", ephemeral=True)
    await interaction.followup.send("and one more", ephemeral=True)


@app_commands.command(name="whoami", description="Where am I and what may I do")
async def whoami(interaction: discord.Interaction) -> None:
    user = interaction.user
    roles = [r.name for r in user.roles[1:]] if isinstance(user, discord.Member) else None
    await interaction.response.send_message(
        f"member={isinstance(user, discord.Member)} manage_guild={interaction.permissions.manage_guild} "
        f"roles={roles} bot_can_send={interaction.app_permissions.send_messages}",
        ephemeral=True,
    )


class TinyBehaviour(commands.Bot):
    """Replies to every human message; app commands /ping, /topic (autocomplete), /counter, /slow, /whoami."""

    def __init__(self, *, message_content: bool = True, **options: object) -> None:
        intents = discord.Intents.default()
        intents.message_content = message_content
        super().__init__(command_prefix="!", intents=intents, help_command=None, **options)  # type: ignore[arg-type]
        command: app_commands.Command[Any, ..., None]
        for command in (ping, topic, counter, slow, whoami):
            self.tree.add_command(command)
        self.seen: list[discord.Message] = []
        self.reply_errors: list[discord.HTTPException] = []
        self.reply_failed = asyncio.Event()
        self.interactions: dict[int, discord.Interaction] = {}

    async def on_interaction(self, interaction: discord.Interaction) -> None:
        self.interactions[interaction.id] = interaction

    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot:
            return
        self.seen.append(message)
        try:
            await message.reply(f"echo: {message.content}", mention_author=False)
        except discord.HTTPException as exc:
            self.reply_errors.append(exc)
            self.reply_failed.set()


class TinyBot(TinyBehaviour, commands.Bot):
    pass


class TinyShardedBot(TinyBehaviour, commands.AutoShardedBot):
    pass


async def assert_answered_once(fake: FakeDiscord, content: str) -> None:
    """Send ``content``, wait for the reply, then prove no duplicate came by sending a sentinel after it."""
    message = await fake.send_message(fake.general, content)
    reply = await fake.wait_for_reply(message)
    assert reply["payload"]["content"] == f"echo: {content}"
    sentinel = await fake.send_message(fake.general, f"{content} (sentinel)")
    await fake.wait_for_reply(sentinel)
    replies = [m for m in fake.sent_messages if str(m["payload"]["message_reference"]["message_id"]) == message["id"]]
    assert len(replies) == 1


async def test_login_ready_and_guild_available(fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    bot = TinyBot()
    async with running_bot(bot):
        assert bot.user is not None and bot.user.id == fake.bot_user.id and bot.user.bot
        assert bot.application_id == fake.application_id
        guild = bot.get_guild(fake.guild.id)
        assert guild is not None and not guild.unavailable
        assert {c.name for c in guild.text_channels} == {"general", "questions"}
        assert [t.name for t in guild.threads] == ["a-thread"]
        assert {"@everyone", "Moderator", "Server Manager"} <= {r.name for r in guild.roles}
        assert guild.me is not None and guild.me.guild_permissions.send_messages
        assert guild.get_role(fake.manager_role.id).permissions.manage_guild  # type: ignore[union-attr]

    (identify,) = fake.identifies
    assert identify.intents == bot.intents.value and identify.shard is None
    assert identify.payload["token"] == "fake-token"
    login = [(r.method, r.path) for r in fake.requests[:2]]
    assert login == [("GET", "/users/@me"), ("GET", "/oauth2/applications/@me")]
    assert fake.connections[0].heartbeats >= 1
    assert fake.unknown_routes == []


async def test_message_gets_a_reply_with_message_reference(fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    bot = TinyBot()
    async with running_bot(bot):
        message = await fake.send_message(fake.general, f"{fake.bot_user.mention} hello", mentions=[fake.bot_user])
        reply = await fake.wait_for_reply(message)
        seen = bot.seen[0]
        assert seen.guild is not None and seen.guild.id == fake.guild.id
        assert isinstance(seen.author, discord.Member) and seen.author.id == fake.alice.id
        assert bot.user is not None and bot.user.mentioned_in(seen)

        dm = await fake.send_dm("in private", author=fake.bob)
        dm_reply = await fake.wait_for_reply(dm)

    assert reply["channel_id"] == fake.general.id
    assert reply["payload"]["content"] == f"echo: {fake.bot_user.mention} hello"
    assert str(reply["payload"]["message_reference"]["message_id"]) == message["id"]
    assert reply["payload"]["allowed_mentions"]["replied_user"] is False
    assert reply["message"]["type"] == 19 and reply["message"]["author"]["id"] == str(fake.bot_user.id)
    assert dm_reply["channel_id"] == fake.dm_channel(fake.bob).id and "guild_id" not in dm
    assert isinstance(bot.seen[1].channel, discord.DMChannel)


async def test_without_message_content_intent_only_mentions_carry_content(fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    bot = TinyBot(message_content=False)
    async with running_bot(bot):
        plain = await fake.send_message(fake.general, "you cannot read this")
        await fake.wait_for_reply(plain)
        mention = await fake.send_message(fake.general, f"{fake.bot_user.mention} hi", mentions=[fake.bot_user])
        await fake.wait_for_reply(mention)
        dm = await fake.send_dm("private words")
        await fake.wait_for_reply(dm)
    assert [m.content for m in bot.seen] == ["", f"{fake.bot_user.mention} hi", "private words"]
    assert fake.identifies[0].intents == bot.intents.value
    assert not bot.intents.message_content


async def test_ping_gets_an_ephemeral_callback(fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    async with running_bot(TinyBot()):
        record = await fake.send_command("ping")
        await fake.wait_for_interaction_response(record)
    assert record.response_type == CALLBACK_CHANNEL_MESSAGE
    assert record.response_data["content"] == "pong"
    assert record.ephemeral
    assert record.original_message_id is not None
    assert fake.messages[record.original_message_id]["flags"] & FLAG_EPHEMERAL


async def test_autocomplete_response_is_recorded(fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    async with running_bot(TinyBot()):
        record = await fake.send_autocomplete("topic", {"name": "a"}, focused="name", user=fake.moderator)
        await fake.wait_for_interaction_response(record)
        chosen = await fake.send_command("topic", {"name": "Conscription"})
        await fake.wait_for_interaction_response(chosen)
    assert record.response_type == CALLBACK_AUTOCOMPLETE_RESULT
    assert [c["value"] for c in record.choices] == ["Austin's visit", "Aid packages", "Air defence"]
    assert chosen.response_data["content"] == "topic: Conscription"


async def test_button_click_updates_the_message(fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    bot = TinyBot()
    async with running_bot(bot):
        # A callback is recorded when it arrives; discord.py registers the view only after reading the
        # response, so wait for the command to finish before clicking.
        finished = asyncio.ensure_future(bot.wait_for("app_command_completion", timeout=5))
        sent = await fake.send_command("counter")
        await finished
        assert sent.original_message_id is not None
        click = await fake.send_component("tiny:click", message_id=sent.original_message_id)
        await fake.wait_for_interaction_response(click)
    assert click.response_type == CALLBACK_UPDATE_MESSAGE
    assert fake.messages[sent.original_message_id]["content"] == "clicks: 1"


async def test_deferred_response_and_followups(fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    async with running_bot(TinyBot()):
        record = await fake.wait_for_followups(await fake.send_command("slow"), count=2)
    assert record.response_type == CALLBACK_DEFERRED_CHANNEL_MESSAGE and record.ephemeral
    assert [f["content"] for f in record.followups] == ["done", "and one more"]
    assert record.original_message_id is not None
    original = fake.messages[record.original_message_id]
    assert original["content"] == "done" and original["flags"] == FLAG_EPHEMERAL  # the loading flag is gone


async def test_interaction_member_roles_and_permissions(fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    fake.questions.bot_denied = SEND_MESSAGES
    async with running_bot(TinyBot()):
        manager = await fake.send_command("whoami", user=fake.manager)
        moderator = await fake.send_command("whoami", user=fake.moderator, channel_id=fake.questions)
        in_dm = await fake.send_command("whoami", user=fake.bob, dm=True)
        for record in (manager, moderator, in_dm):
            await fake.wait_for_interaction_response(record)
    assert manager.response_data["content"] == (
        "member=True manage_guild=True roles=['Server Manager'] bot_can_send=True"
    )
    assert moderator.response_data["content"] == (
        "member=True manage_guild=False roles=['Moderator'] bot_can_send=False"
    )
    assert in_dm.response_data["content"].startswith("member=False manage_guild=False roles=None")


async def test_channel_permissions_and_own_message_echo(fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    fake.questions.bot_denied = SEND_MESSAGES
    bot = TinyBot()
    async with running_bot(bot):
        own = asyncio.ensure_future(bot.wait_for("message", check=lambda m: m.author == bot.user, timeout=5))
        message = await fake.send_message(fake.general, "echo me")
        await fake.wait_for_reply(message)
        echoed = await own  # Discord sends the bot its own messages; the fake does too
        assert echoed.reference is not None and echoed.reference.message_id == int(message["id"])

        await fake.send_message(fake.questions, "where the bot may not speak")
        await asyncio.wait_for(bot.reply_failed.wait(), timeout=5)
    (error,) = bot.reply_errors
    assert isinstance(error, discord.Forbidden) and error.code == 50013
    assert [m["channel_id"] for m in fake.sent_messages] == [fake.general.id]


async def test_rest_routes_a_bot_touches(fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    bot = TinyBot()
    async with running_bot(bot):
        channel = bot.get_channel(fake.general.id)
        assert isinstance(channel, discord.TextChannel)
        async with channel.typing():
            sent = await channel.send("first", file=discord.File(io.BytesIO(b"hello"), "notes.txt"))
        await sent.add_reaction("\N{HOURGLASS WITH FLOWING SAND}")
        await sent.remove_reaction("\N{HOURGLASS WITH FLOWING SAND}", bot.user)  # type: ignore[arg-type]
        edited = await sent.edit(content="second")
        assert edited.content == "second" and edited.edited_at is not None
        await sent.delete()

        fetched = await bot.fetch_channel(fake.questions.id)
        assert isinstance(fetched, discord.TextChannel) and fetched.name == "questions"
        guild = await bot.fetch_guild(fake.guild.id)
        member = await guild.fetch_member(fake.moderator.id)
        assert [r.id for r in member.roles if not r.is_default()] == [fake.moderator_role.id]
        user = await bot.fetch_user(fake.bob.id)
        dm = await user.create_dm()
        await dm.send("a direct message")

        record = await fake.send_command("ping")
        await fake.wait_for_interaction_response(record)
        interaction = bot.interactions[record.id]
        original = await interaction.original_response()
        assert original.id == record.original_message_id and original.content == "pong"
        await interaction.edit_original_response(content="pong, edited")
        followup = await interaction.followup.send("more", wait=True)
        assert followup.id != original.id
        await followup.edit(content="more, edited")
        await interaction.delete_original_response()

    kinds = [(a["action"], a["emoji"]) for a in fake.channel_actions]
    assert kinds == [("typing", None), ("react", "\N{HOURGLASS WITH FLOWING SAND}"),
                     ("unreact", "\N{HOURGLASS WITH FLOWING SAND}"), ("edit", None), ("delete", None)]
    first, direct = fake.sent_messages
    assert first["files"] == ["notes.txt"] and first["message"]["attachments"][0]["filename"] == "notes.txt"
    assert direct["channel_id"] == fake.dm_channel(fake.bob).id
    assert [e["message_id"] for e in record.edits] == ["@original", str(followup.id)]
    assert fake.messages[followup.id]["content"] == "more, edited"
    assert record.deletes == ["@original"]
    assert fake.unknown_routes == []


async def test_tree_sync_records_the_schema(fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    bot = TinyBot()
    async with running_bot(bot):
        synced = await bot.tree.sync()
        guild = discord.Object(id=fake.guild.id)
        bot.tree.copy_global_to(guild=guild)
        guild_synced = await bot.tree.sync(guild=guild)
        record = await fake.wait_for_interaction_response(await fake.send_command("ping"))

    schema = {c["name"]: c for c in fake.synced_commands[None]}
    assert set(schema) == {"ping", "topic", "counter", "slow", "whoami"}
    (option,) = schema["topic"]["options"]
    assert option["name"] == "name" and option["type"] == 3 and option["autocomplete"] is True
    assert {c.id for c in synced} == {int(c["id"]) for c in fake.synced_commands[None]}
    assert {c.guild_id for c in guild_synced} == {fake.guild.id}
    assert [s.guild_id for s in fake.command_syncs] == [None, fake.guild.id]
    assert record.payload["data"]["guild_id"] == str(fake.guild.id)  # routed to the guild copy
    assert record.response_data["content"] == "pong"


async def test_op7_reconnect_resumes_and_replays_exactly_once(fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    async with running_bot(TinyBot()):
        await fake.request_reconnect()
        during = await fake.send_message(fake.general, "sent while reconnecting")
        (resume,) = await fake.wait_for_resumes(1)
        await fake.wait_for_reply(during)
        await assert_answered_once(fake, "after the resume")

    assert resume.accepted and resume.session_id == fake.identifies[0].session_id
    assert resume.replayed >= 1
    assert fake.connections[resume.connection].path == "/gateway/resume"  # resume_gateway_url was used
    assert len(fake.identifies) == 1
    assert len([m for m in fake.sent_messages if m["payload"]["content"] == "echo: sent while reconnecting"]) == 1


async def test_close_4000_resumes(fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    async with running_bot(TinyBot()):
        await fake.drop_connection(4000)
        (resume,) = await fake.wait_for_resumes(1)
        await assert_answered_once(fake, "after the drop")
    assert resume.accepted and len(fake.identifies) == 1
    assert fake.connections[0].server_close_code == 4000


async def test_op9_invalid_session_identifies_afresh(fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    async with running_bot(TinyBot()):
        await fake.invalidate_session(resumable=False)
        first, second = await fake.wait_for_identifies(2)
        await assert_answered_once(fake, "after the new session")
    assert first.session_id != second.session_id
    assert fake.resumes == []
    assert first.session_id not in fake.sessions


async def test_unknown_session_resume_gets_op9_then_identify(fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    async with running_bot(TinyBot()):
        await fake.drop_connection(4009)  # session timed out: discord.py tries to resume, the fake refuses
        await fake.wait_for_identifies(2)
        await assert_answered_once(fake, "after the refused resume")
    (resume,) = fake.resumes
    assert not resume.accepted


async def test_429_is_retried_after_retry_after(fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    async with running_bot(TinyBot()):
        fake.fail_next("POST", "/channels/*/messages", 429, retry_after=0.05)
        await fake.wait_for_reply(await fake.send_message(fake.general, "rate me"))
    first, second = fake.requests_matching("POST", "/channels/*/messages")
    assert (first.status, second.status) == (429, 200)
    assert second.timestamp - first.timestamp >= 0.05
    assert len(fake.sent_messages) == 1


async def test_500_is_retried(fake_discord: FakeDiscord, fast_http_retries: FastSleepAsyncio) -> None:
    fake = fake_discord
    async with running_bot(TinyBot()):
        fake.fail_next("POST", "/channels/*/messages", 500, times=2)
        await fake.wait_for_reply(await fake.send_message(fake.general, "flaky"))
    attempts = fake.requests_matching("POST", "/channels/*/messages")
    assert [a.status for a in attempts] == [500, 500, 200]
    backoff = [delay for delay in fast_http_retries.sleeps if delay >= 1]
    assert backoff == [1, 3]  # discord.py's own back-off (1 s, 3 s), shortened by the fixture
    assert len(fake.sent_messages) == 1


async def test_403_raises_forbidden_in_the_bot(fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    bot = TinyBot()
    async with running_bot(bot):
        fake.fail_next("POST", "/channels/*/messages", 403)
        await fake.send_message(fake.general, "no permission here")
        await asyncio.wait_for(bot.reply_failed.wait(), timeout=5)
    (error,) = bot.reply_errors
    assert isinstance(error, discord.Forbidden) and error.code == 50013
    assert fake.sent_messages == []


async def test_sharded_bot_connects_two_shards(fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    home_shard = (fake.guild.id >> 22) % 2
    other = fake.add_guild("Second Server", guild_id=fake.guild_id_for_shard(1 - home_shard, 2))
    other_channel = fake.add_channel(other, "general")
    fake.add_member(other, fake.alice)
    bot = TinyShardedBot(shard_count=2)
    async with running_bot(bot):
        assert {guild.id for guild in bot.guilds} == {fake.guild.id, other.id}
        home_guild, other_guild = bot.get_guild(fake.guild.id), bot.get_guild(other.id)
        assert home_guild is not None and other_guild is not None
        assert (home_guild.shard_id, other_guild.shard_id) == (home_shard, 1 - home_shard)
        await assert_answered_once(fake, "to the home shard")
        await fake.wait_for_reply(await fake.send_message(other_channel, "to the other shard"))

    assert sorted(i.shard for i in fake.identifies if i.shard) == [(0, 2), (1, 2)]
    for identify in fake.identifies:
        events = identify.session.dispatched()
        owned = {fake.guild.id, other.id} & {int(f["d"]["id"]) for f in events if f["t"] == "GUILD_CREATE"}
        expected = fake.guild.id if identify.shard == (home_shard, 2) else other.id
        assert owned == {expected}
        messages = {int(f["d"]["guild_id"]) for f in events if f["t"] == "MESSAGE_CREATE"}
        assert messages == {expected}


async def test_network_guard_blocks_non_loopback() -> None:
    with pytest.raises(AssertionError, match="non-loopback"):
        socket.create_connection(("10.0.0.1", 80), timeout=0.1)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        with pytest.raises(AssertionError, match="non-loopback"):
            sock.connect(("10.0.0.1", 80))
    finally:
        sock.close()
    with pytest.raises(AssertionError, match="non-loopback"):
        await asyncio.open_connection("10.0.0.1", 80)
    with pytest.raises(AssertionError, match="non-loopback"):
        socket.getaddrinfo("discord.com", 443)
    async with aiohttp.ClientSession() as session:
        with pytest.raises(AssertionError, match="non-loopback"):
            await session.get("http://10.0.0.1:80/")


async def test_network_guard_allows_loopback(fake_discord: FakeDiscord) -> None:
    started = time.monotonic()
    async with aiohttp.ClientSession() as session, session.get(f"{fake_discord.base_url}/gateway") as response:
        assert response.headers["Content-Type"] == "application/json"
        assert await response.json() == {"url": fake_discord.gateway_url}
    assert time.monotonic() - started < 1
