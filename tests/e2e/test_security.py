"""Bad input and security end to end: no pings, inert markdown, odd text, floods, and the token kept secret."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator
from pathlib import Path

import discord
import pytest
import pytest_asyncio

from tests.e2e.factbot_kit import NO_PINGS, copy_knowledge, embed_of, make_bot, replies_to
from tests.e2e.fake_discord import FakeDiscord
from tests.e2e.harness import running_bot, started_fake

TOKEN = "MTE5NjQ4.Gx-secret.factbot-token-value-never-logged"
ARRIVAL_Q = "When did Lloyd Austin arrive in Kyiv?"


@pytest.fixture
def knowledge(tmp_path: Path) -> Path:
    return copy_knowledge(tmp_path)


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("@everyone when did austin arrive", "@\u200beveryone"),
        ("@here who is budanov", "@\u200bhere"),
        ("**when** did austin arrive", "\\*\\*when\\*\\*"),
        ("```py\nimport os``` when did austin arrive", "\\`\\`\\`py"),
        ("||spoiler|| who is umerov", "\\|\\|spoiler\\|\\|"),
        ("[click me](https://evil.example) who is umerov", "\\[click me]"),
        ("# HEADING who is umerov", "\\# HEADING"),
        ("> fake quote who is umerov", "\\> fake quote"),
    ],
)
async def test_question_text_is_shown_inert_and_never_pings(
    fake_discord: FakeDiscord, knowledge: Path, text: str, escaped: str
) -> None:
    role = f"<@&{fake_discord.moderator_role.id}>"
    user = f"<@{fake_discord.bob.id}>"
    async with running_bot(make_bot(fake_discord, knowledge)):
        message = await fake_discord.send_message(
            fake_discord.questions, f"{text} {role} {user}", mention_everyone=True,
            mention_roles=[fake_discord.moderator_role], mentions=[fake_discord.bob],
        )
        reply = await fake_discord.wait_for_reply(message)
    assert reply["payload"]["allowed_mentions"] == NO_PINGS | {"replied_user": False}
    title = embed_of(reply)["title"]
    assert escaped in title and "\n" not in title
    assert f"<@&\u200b{fake_discord.moderator_role.id}>" in title or role not in title


ODD_INPUTS = {
    "4,000 characters": "why " * 1000,
    "zero-width": "\u200b\u200c\u200d\u2060",
    "control characters": "\x00\x01\x07\x1b[31m who is budanov",
    "right-to-left": "\u202eworc ni nitsua did nehw",
    "only emoji": "🔥🔥🔥🇺🇦",
    "only punctuation": "?!?!...,;:",
    "another script": "Сколько северокорейских солдат в России?",
    "korean": "북한군은 몇 명입니까?",
}


@pytest.mark.parametrize("kind", sorted(ODD_INPUTS))
async def test_odd_input_gets_a_clear_reply(
    fake_discord: FakeDiscord, knowledge: Path, caplog: pytest.LogCaptureFixture, kind: str
) -> None:
    caplog.set_level(logging.ERROR)
    async with running_bot(make_bot(fake_discord, knowledge)):
        message = await fake_discord.send_message(fake_discord.questions, ODD_INPUTS[kind])
        embed = embed_of(await fake_discord.wait_for_reply(message))
    shown = json.dumps(embed, ensure_ascii=False)
    assert embed.get("description"), embed
    assert len(embed["description"]) <= 4096 and len(embed.get("title") or "") <= 256
    assert "Traceback" not in shown and not caplog.records
    if kind == "4,000 characters":
        assert any("cut to its first 500 characters" in f["value"] for f in embed.get("fields", []))


async def test_a_flood_is_held_and_others_are_not_kept_waiting(fake_discord: FakeDiscord, knowledge: Path) -> None:
    async with running_bot(make_bot(fake_discord, knowledge, cooldown_questions=3, cooldown_seconds=10.0)):
        flood = [await fake_discord.send_message(fake_discord.questions, ARRIVAL_Q) for _ in range(50)]
        other = await fake_discord.send_message(fake_discord.questions, "who is budanov", author=fake_discord.bob)
        await fake_discord.wait_for_reply(other)
        await fake_discord.wait_until(lambda: sum(1 for m in flood if replies_to(fake_discord, m)) == 3)
    answered = [m for m in flood if replies_to(fake_discord, m)]
    reactions = [a for a in fake_discord.channel_actions if a["action"] == "react"]
    assert answered == flood[:3]
    assert len(reactions) == 1  # one notice for the whole flood: 4 calls to Discord, not 50
    assert len(fake_discord.requests_matching("POST", "/channels/*/messages")) == 4


@pytest_asyncio.fixture
async def strict_fake(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[FakeDiscord]:
    """A fake that, like Discord, refuses any request without the right token."""
    async with started_fake(monkeypatch, token=TOKEN) as fake:
        yield fake


async def test_token_never_appears_in_logs_replies_or_repr(
    strict_fake: FakeDiscord, knowledge: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    bot = make_bot(strict_fake, knowledge, discord_token=TOKEN)
    async with running_bot(bot, token=TOKEN):
        message = await strict_fake.send_message(strict_fake.questions, f"{ARRIVAL_Q} {TOKEN[:4]}")
        await strict_fake.wait_for_reply(message)
        asked = await strict_fake.send_command("ask", {"question": "what is the token"})
        await strict_fake.wait_for_interaction_response(asked)
        assert TOKEN not in repr(bot.settings) and TOKEN not in str(bot.settings)
    assert caplog.records and TOKEN not in caplog.text
    sent = json.dumps([m["payload"] for m in strict_fake.sent_messages])
    responses = json.dumps([r.callbacks for r in strict_fake.interaction_responses.values()])
    assert TOKEN not in sent and TOKEN not in responses


async def test_a_wrong_token_fails_without_showing_it(
    strict_fake: FakeDiscord, knowledge: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    wrong = TOKEN.replace("secret", "wrong1")
    with pytest.raises(discord.LoginFailure) as caught:
        async with running_bot(make_bot(strict_fake, knowledge), token=wrong):
            pass
    assert wrong not in str(caught.value) and wrong not in caplog.text
