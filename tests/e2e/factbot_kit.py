"""Building the real factbot against the fake Discord: settings, a private knowledge copy, helpers."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bot.client import FactBotMixin, create_bot
from bot.holder import KnowledgeHolder
from bot.settings import Settings
from tests.conftest import KNOWLEDGE
from tests.e2e.fake_discord import FakeDiscord, SentMessage

MANAGE_GUILD = 1 << 5
NO_PINGS: dict[str, Any] = {"parse": []}


def copy_knowledge(tmp_path: Path) -> Path:
    """A private copy of the real knowledge/, so a test can edit it and reload."""
    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, target)
    return target


def make_settings(fake: FakeDiscord, knowledge: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "knowledge_dir": knowledge,
        "answer_channel_ids": (fake.questions.id,),
        "moderator_role_ids": (fake.moderator_role.id,),
        "cooldown_seconds": 10.0,
        "cooldown_questions": 3,
        "watch_knowledge": False,
    }
    values.update(overrides)
    return Settings(**values)


def make_bot(fake: FakeDiscord, knowledge: Path, **overrides: Any) -> FactBotMixin:
    settings = make_settings(fake, knowledge, **overrides)
    return create_bot(settings, KnowledgeHolder(knowledge, settings.max_question_chars))


async def poll_until(predicate: Callable[[], bool], within: float = 5.0, what: str = "a condition") -> None:
    """For conditions the fake is not told about (a log line, a watcher's swap): check every 10 ms."""
    deadline = asyncio.get_running_loop().time() + within
    while not predicate():
        if asyncio.get_running_loop().time() > deadline:
            raise TimeoutError(f"no {what} within {within:.1f}s")
        await asyncio.sleep(0.01)


def embed_of(sent: SentMessage) -> dict[str, Any]:
    embeds = sent["payload"].get("embeds") or []
    assert len(embeds) == 1, sent["payload"]
    embed: dict[str, Any] = embeds[0]
    return embed


def replies_to(fake: FakeDiscord, message: dict[str, Any]) -> list[SentMessage]:
    """Every message the bot sent as a reply to ``message``."""
    return [
        sent for sent in fake.sent_messages
        if str((sent["payload"].get("message_reference") or {}).get("message_id")) == str(message["id"])
    ]
