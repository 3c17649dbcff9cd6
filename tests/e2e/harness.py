"""Running the real discord.py client against ``FakeDiscord``: patching, start/stop, fast retries."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any, TypeVar

import discord
import discord.gateway
import discord.http
import discord.webhook.async_
import pytest
import yarl

from tests.e2e.fake_discord import FakeDiscord

ClientT = TypeVar("ClientT", bound=discord.Client)


async def _no_identify_delay(self: discord.Client, shard_id: int | None, *, initial: bool = False) -> None:
    """Replaces ``Client.before_identify_hook``, whose 5 s sleep before re-IDENTIFYs protects real Discord."""
    return None


def point_discord_at(fake: FakeDiscord, monkeypatch: pytest.MonkeyPatch) -> None:
    """Send discord.py's REST calls and gateway connections to ``fake`` for the rest of the test."""
    monkeypatch.setattr(discord.http.Route, "BASE", fake.base_url)
    monkeypatch.setattr(discord.gateway.DiscordWebSocket, "DEFAULT_GATEWAY", yarl.URL(fake.gateway_url))
    monkeypatch.setattr(discord.Client, "before_identify_hook", _no_identify_delay)


class FastSleepAsyncio:
    """Stands in for the ``asyncio`` module inside discord.http and discord.webhook.async_.

    Everything is asyncio's except ``sleep``, which is recorded and capped, so 5xx retries
    (1 s, 3 s, ...) take milliseconds. ``sleeps`` lists the delays discord.py asked for.
    """

    def __init__(self, cap: float = 0.01) -> None:
        self.cap = cap
        self.sleeps: list[float] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(asyncio, name)

    async def sleep(self, delay: float, result: Any = None) -> Any:
        self.sleeps.append(delay)
        return await asyncio.sleep(min(delay, self.cap), result)


def install_fast_http_retries(monkeypatch: pytest.MonkeyPatch, cap: float = 0.01) -> FastSleepAsyncio:
    """Cap discord.py's HTTP retry and rate-limit sleeps at ``cap`` seconds for the rest of the test."""
    fast = FastSleepAsyncio(cap)
    monkeypatch.setattr(discord.http, "asyncio", fast)
    monkeypatch.setattr(discord.webhook.async_, "asyncio", fast)
    return fast


@asynccontextmanager
async def running_bot(
    bot: ClientT,
    token: str = "fake-token",
    *,
    ready_timeout: float = 5.0,
    guild_ready_timeout: float = 0.05,
    close_timeout: float = 5.0,
) -> AsyncIterator[ClientT]:
    """Start ``bot.start(token)`` as a task, yield once the bot is ready, then close it and await the task.

    ``guild_ready_timeout`` (discord.py waits this long after the last GUILD_CREATE before READY fires,
    2 s by default) is shortened. An exception from ``bot.start`` is re-raised here.
    """
    bot._connection.guild_ready_timeout = guild_ready_timeout
    async with bot:  # initialises the client's asyncio objects, so wait_until_ready() works at once
        start = asyncio.create_task(bot.start(token), name="running_bot: bot.start")
        ready = asyncio.create_task(bot.wait_until_ready(), name="running_bot: wait_until_ready")
        failed = False
        try:
            done, _ = await asyncio.wait({start, ready}, timeout=ready_timeout, return_when=asyncio.FIRST_COMPLETED)
            if ready not in done:
                if start.done():
                    start.result()  # raises what stopped the bot
                    raise RuntimeError("bot.start returned before the bot was ready")
                raise TimeoutError(f"the bot was not ready within {ready_timeout}s")
            yield bot
        except BaseException:
            failed = True
            raise
        finally:
            ready.cancel()
            await asyncio.gather(ready, return_exceptions=True)
            await bot.close()
            try:
                await asyncio.wait_for(asyncio.shield(start), timeout=close_timeout)
            except BaseException:
                if not start.done():
                    start.cancel()
                    await asyncio.gather(start, return_exceptions=True)
                if not failed:
                    raise


@asynccontextmanager
async def started_fake(monkeypatch: pytest.MonkeyPatch, **options: Any) -> AsyncIterator[FakeDiscord]:
    """A started FakeDiscord (``options`` go to its constructor) with discord.py pointed at it."""
    fake = FakeDiscord(**options)
    await fake.start()
    point_discord_at(fake, monkeypatch)
    try:
        yield fake
    finally:
        await fake.stop()
