"""End-to-end fixtures: a network guard for the whole folder, the fake Discord, fast HTTP retries.

Helpers for tests live in ``tests.e2e.harness`` (``running_bot``) and ``tests.e2e.fake_discord``;
``install_network_guard`` is re-exported here and lives in ``tests.e2e.network_guard`` so that
``tests/conftest.py`` can import it without pulling in these fixtures.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from tests.e2e.fake_discord import FakeDiscord
from tests.e2e.harness import FastSleepAsyncio, install_fast_http_retries, running_bot, started_fake
from tests.e2e.network_guard import install_network_guard

__all__ = ["install_network_guard", "running_bot"]


@pytest.fixture(autouse=True)
def _network_guard(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every e2e test: connecting to anything but loopback raises AssertionError."""
    install_network_guard(monkeypatch)


@pytest_asyncio.fixture
async def fake_discord(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[FakeDiscord]:
    """A started FakeDiscord with discord.py's REST base and gateway URL pointed at it."""
    async with started_fake(monkeypatch) as fake:
        yield fake
    if fake.server_errors:
        pytest.fail(f"the fake Discord failed while handling requests: {fake.server_errors}")


@pytest.fixture
def fast_http_retries(monkeypatch: pytest.MonkeyPatch) -> FastSleepAsyncio:
    """discord.py's 5xx/429 retry sleeps capped at 10 ms; ``.sleeps`` records the requested delays."""
    return install_fast_http_retries(monkeypatch)
