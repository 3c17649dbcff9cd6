"""Reliability under gateway and REST faults, reloads under load, and several processes (shards)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.client import FactBotMixin
from tests.e2e.factbot_kit import copy_knowledge, embed_of, make_bot, poll_until, replies_to
from tests.e2e.fake_discord import FakeDiscord
from tests.e2e.harness import FastSleepAsyncio, running_bot
from tests.e2e.test_reload import ARRIVAL_Q, NEW_ANSWER, edit_arrival_answer, reload_as, report_of

QUESTIONS = (
    "When did Lloyd Austin arrive in Kyiv?",
    "how many north korean troops are training in russia",
    "what is the current conscription age in ukraine",
    "who is kyrylo budanov",
)
MESSAGES_PATH = "/channels/*/messages"


@pytest.fixture
def knowledge(tmp_path: Path) -> Path:
    return copy_knowledge(tmp_path)


def unlimited(fake: FakeDiscord, knowledge: Path, **overrides: object) -> FactBotMixin:
    return make_bot(fake, knowledge, cooldown_seconds=0.0, **overrides)


async def send_batch(fake: FakeDiscord, count: int, start: int = 0) -> list[dict[str, object]]:
    users = [fake.alice, fake.bob, fake.moderator, fake.manager]
    return [
        await fake.send_message(fake.questions, QUESTIONS[i % len(QUESTIONS)], author=users[i % len(users)])
        for i in range(start, start + count)
    ]


async def answered_exactly_once(fake: FakeDiscord, messages: list[dict[str, object]]) -> None:
    await fake.wait_until(lambda: all(replies_to(fake, m) for m in messages), timeout=10, what="every reply")
    await asyncio.sleep(0.05)  # room for a duplicate to show up, had one been sent
    assert [len(replies_to(fake, m)) for m in messages] == [1] * len(messages)


# --- the gateway ------------------------------------------------------------------------------------

async def test_reconnect_and_dropped_socket_lose_and_repeat_nothing(fake_discord: FakeDiscord, knowledge: Path) -> None:
    async with running_bot(unlimited(fake_discord, knowledge)):
        sent = await send_batch(fake_discord, 10)
        await fake_discord.request_reconnect()
        sent += await send_batch(fake_discord, 10, 10)
        await fake_discord.wait_for_resumes(1)
        await fake_discord.drop_connection(4000)
        sent += await send_batch(fake_discord, 10, 20)
        await fake_discord.wait_for_resumes(2)
        sent += await send_batch(fake_discord, 5, 30)
        await answered_exactly_once(fake_discord, sent)
    assert len(fake_discord.identifies) == 1 and all(r.accepted for r in fake_discord.resumes)


async def test_invalid_session_leads_to_a_fresh_identify(fake_discord: FakeDiscord, knowledge: Path) -> None:
    async with running_bot(unlimited(fake_discord, knowledge)):
        first = await send_batch(fake_discord, 3)
        await answered_exactly_once(fake_discord, first)
        await fake_discord.invalidate_session(resumable=False)
        await fake_discord.wait_for_identifies(2)
        await asyncio.sleep(0.1)  # let the new session become ready
        after = await send_batch(fake_discord, 3, 3)
        await answered_exactly_once(fake_discord, after)


# --- REST ------------------------------------------------------------------------------------------

async def test_rate_limited_reply_is_sent_once_after_the_wait(fake_discord: FakeDiscord, knowledge: Path) -> None:
    fault = fake_discord.fail_next("POST", MESSAGES_PATH, 429, retry_after=0.05)
    async with running_bot(unlimited(fake_discord, knowledge)):
        sent = await send_batch(fake_discord, 1)
        await answered_exactly_once(fake_discord, sent)
    attempts = fake_discord.requests_matching("POST", MESSAGES_PATH)
    assert fault.remaining == 0
    assert [r.status for r in attempts] == [429, 200]
    assert attempts[1].timestamp - attempts[0].timestamp >= 0.04


@pytest.mark.parametrize(("status", "times", "logged"), [(500, 5, "HTTP 500"), (403, 1, "missing permission")])
async def test_failed_reply_is_logged_and_the_next_question_answered(
    fake_discord: FakeDiscord,
    knowledge: Path,
    fast_http_retries: FastSleepAsyncio,
    caplog: pytest.LogCaptureFixture,
    status: int,
    times: int,
    logged: str,
) -> None:
    caplog.set_level(logging.WARNING, logger="bot")
    fake_discord.fail_next("POST", MESSAGES_PATH, status, times=times, code=50013 if status == 403 else None)
    async with running_bot(unlimited(fake_discord, knowledge)) as bot:
        failed = await send_batch(fake_discord, 1)
        await poll_until(lambda: logged in caplog.text, what="the failure in the log")
        following = await send_batch(fake_discord, 2, 1)
        await answered_exactly_once(fake_discord, following)
        assert not bot.is_closed()
    assert replies_to(fake_discord, failed[0]) == []
    assert f"channel {fake_discord.questions.id}" in caplog.text


# --- reloads under load -------------------------------------------------------------------------------

async def test_reload_while_200_questions_are_in_flight(fake_discord: FakeDiscord, knowledge: Path) -> None:
    async with running_bot(unlimited(fake_discord, knowledge)) as bot:
        edit_arrival_answer(knowledge)
        first = [await fake_discord.send_message(fake_discord.questions, ARRIVAL_Q) for _ in range(100)]
        reload = asyncio.create_task(bot.holder.reload("test"))
        second = [await fake_discord.send_message(fake_discord.questions, ARRIVAL_Q) for _ in range(100)]
        assert (await reload).swapped
        after = [await fake_discord.send_message(fake_discord.questions, ARRIVAL_Q) for _ in range(5)]
        await answered_exactly_once(fake_discord, first + second + after)
    bodies = {str(embed_of(replies_to(fake_discord, m)[0])["description"]) for m in first + second + after}
    quote = "> Secretary of Defense Lloyd Austin arrived in Kyiv on Monday"
    assert all(quote in body for body in bodies)
    answers = {body.split("\n\n")[0] for body in bodies}
    assert NEW_ANSWER in answers and len(answers) <= 2  # old or new, whole, nothing in between


HALF_WRITTEN: dict[str, Callable[[str], bytes]] = {
    "truncated": lambda text: text[: len(text) // 2].encode(),
    "wrong encoding": lambda text: text.encode("utf-16"),
    "syntax error": lambda text: text.replace("facts:", "facts: [", 1).encode(),
    "empty": lambda text: b"",
}


@pytest.mark.parametrize("damage", [*sorted(HALF_WRITTEN), "missing"])
async def test_half_written_knowledge_is_refused_on_reload(
    fake_discord: FakeDiscord, knowledge: Path, damage: str
) -> None:
    async with running_bot(unlimited(fake_discord, knowledge)) as bot:
        before = bot.holder.snapshot
        path = knowledge / "facts.yaml"
        if damage == "missing":
            path.unlink()
        else:
            path.write_bytes(HALF_WRITTEN[damage](path.read_text(encoding="utf-8")))
        record = await reload_as(fake_discord, fake_discord.moderator)
        answer = await fake_discord.wait_for_reply(await fake_discord.send_message(fake_discord.questions, ARRIVAL_Q))
        assert bot.holder.snapshot is before
    report = report_of(record)
    assert report.startswith("Reload refused") and "facts.yaml" in report
    assert "Monday" in embed_of(answer)["description"]


# --- several processes ---------------------------------------------------------------------------------

async def test_two_sharded_bots_each_answer_their_own_guilds(fake_discord: FakeDiscord, knowledge: Path) -> None:
    fake = fake_discord
    home = (fake.guild.id >> 22) % 2
    other = fake.add_guild("Second Server", guild_id=fake.guild_id_for_shard(1 - home, 2))
    other_channel = fake.add_channel(other, "questions")
    fake.add_member(other, fake.alice)
    first = unlimited(fake, knowledge, shard_count=2, shard_ids=(home,),
                      answer_channel_ids=(fake.questions.id, other_channel.id))
    second = unlimited(fake, knowledge, shard_count=2, shard_ids=(1 - home,),
                       answer_channel_ids=(fake.questions.id, other_channel.id))
    async with running_bot(first), running_bot(second):
        assert [g.id for g in first.guilds] == [fake.guild.id]
        assert [g.id for g in second.guilds] == [other.id]
        here = await fake.send_message(fake.questions, ARRIVAL_Q)
        there = await fake.send_message(other_channel, ARRIVAL_Q)
        await answered_exactly_once(fake, [here, there])
    assert sorted(i.shard for i in fake.identifies if i.shard) == [(0, 2), (1, 2)]


async def test_reload_in_one_process_reaches_the_other(fake_discord: FakeDiscord, knowledge: Path) -> None:
    first = unlimited(fake_discord, knowledge, watch_knowledge=True, watch_interval_seconds=0.05)
    second = unlimited(fake_discord, knowledge, watch_knowledge=True, watch_interval_seconds=0.05)
    async with running_bot(first), running_bot(second):
        edit_arrival_answer(knowledge)
        record = await reload_as(fake_discord, fake_discord.moderator)
        assert "Reloaded" in report_of(record) or "Nothing changed" in report_of(record)
        await poll_until(
            lambda: first.holder.snapshot.base.version == second.holder.snapshot.base.version,
            what="both processes on one version",
        )
        for bot in (first, second):
            reply = bot.holder.snapshot.engine.ask(ARRIVAL_Q)
            assert reply.fact is not None and reply.fact.answer == NEW_ANSWER
