"""Moderator /reload end to end: permissions on both sides, the diff, refusals, the mod log, no interleaving."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.holder import build_snapshot
from tests.e2e.factbot_kit import copy_knowledge, embed_of, make_bot
from tests.e2e.fake_discord import FakeDiscord, InteractionRecord
from tests.e2e.harness import running_bot

ARRIVAL_Q = "When did Lloyd Austin arrive in Kyiv?"
NEW_ANSWER = "He landed in Kyiv on Monday."


@pytest.fixture
def knowledge(tmp_path: Path) -> Path:
    return copy_knowledge(tmp_path)


def edit_arrival_answer(knowledge: Path) -> str:
    """Change the answer of the fact that answers ARRIVAL_Q; return that fact's id."""
    reply = build_snapshot(knowledge, 500).engine.ask(ARRIVAL_Q)
    assert reply.fact is not None
    data = yaml.safe_load((knowledge / "facts.yaml").read_text(encoding="utf-8"))
    for fact in data["facts"]:
        if fact["id"] == reply.fact.id:
            fact["answer"] = NEW_ANSWER
    (knowledge / "facts.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return reply.fact.id


async def ask(fake: FakeDiscord, text: str) -> str:
    message = await fake.send_message(fake.questions, text)
    return str(embed_of(await fake.wait_for_reply(message))["description"])


async def reload_as(fake: FakeDiscord, user: Any, **kwargs: Any) -> InteractionRecord:
    record = await fake.send_command("reload", user=user, **kwargs)
    await fake.wait_for_interaction_response(record)
    if record.response_type == 5:  # deferred: the report comes as follow-ups
        await fake.wait_until(lambda: any(f.get("embeds") for f in record.followups), what="the reload report")
    return record


def report_of(record: InteractionRecord) -> str:
    parts = [str(f.get("content") or "") for f in record.followups]
    parts += [str(e.get("description") or "") for f in record.followups for e in f.get("embeds") or []]
    return "\n".join(part for part in parts if part)


async def test_moderator_reload_reports_the_diff_and_serves_the_new_answer(
    fake_discord: FakeDiscord, knowledge: Path
) -> None:
    bot = make_bot(fake_discord, knowledge)
    async with running_bot(bot):
        before = await ask(fake_discord, ARRIVAL_Q)
        fact_id = edit_arrival_answer(knowledge)
        record = await reload_as(fake_discord, fake_discord.moderator)
        after = await ask(fake_discord, ARRIVAL_Q)
    assert NEW_ANSWER not in before and NEW_ANSWER in after
    assert record.response_type == 5 and record.ephemeral
    report = report_of(record)
    assert "Reloaded: version" in report and f"changed (1): {fact_id}" in report
    assert all(f.get("flags", 0) & 64 for f in record.followups)  # ephemeral


async def test_manage_server_permission_may_reload(fake_discord: FakeDiscord, knowledge: Path) -> None:
    async with running_bot(make_bot(fake_discord, knowledge)):
        record = await reload_as(fake_discord, fake_discord.manager)
    assert "Nothing changed" in report_of(record)


async def test_broken_edit_is_refused_and_old_answers_keep_serving(fake_discord: FakeDiscord, knowledge: Path) -> None:
    async with running_bot(make_bot(fake_discord, knowledge)):
        before = await ask(fake_discord, ARRIVAL_Q)
        facts = (knowledge / "facts.yaml").read_text(encoding="utf-8")
        (knowledge / "facts.yaml").write_text(facts[: len(facts) // 3], encoding="utf-8")
        (knowledge / "summaries.yaml").write_text("summaries:\n  - topic: nowhere\n    text: x\n    sentences: [99]\n")
        record = await reload_as(fake_discord, fake_discord.moderator)
        after = await ask(fake_discord, ARRIVAL_Q)
    report = report_of(record)
    assert report.startswith("Reload refused:") and "still serving" in report
    assert "facts.yaml:" in report and "summaries.yaml:" in report
    assert before == after


async def test_non_moderator_is_refused_even_when_discord_lets_the_call_through(
    fake_discord: FakeDiscord, knowledge: Path
) -> None:
    async with running_bot(make_bot(fake_discord, knowledge)) as bot:
        version = bot.holder.snapshot.base.version
        edit_arrival_answer(knowledge)
        record = await reload_as(fake_discord, fake_discord.alice)  # the fake ignores default_permissions
        assert bot.holder.snapshot.base.version == version
    assert record.response_type == 4 and record.ephemeral
    assert "Only moderators" in record.response_data["content"]


async def test_reload_in_a_dm_is_refused(fake_discord: FakeDiscord, knowledge: Path) -> None:
    async with running_bot(make_bot(fake_discord, knowledge)) as bot:
        version = bot.holder.snapshot.base.version
        edit_arrival_answer(knowledge)
        record = await reload_as(fake_discord, fake_discord.moderator, dm=True)
        assert bot.holder.snapshot.base.version == version
    assert record.ephemeral and "only in a server" in record.response_data["content"]


async def test_reload_is_posted_to_the_mod_log(fake_discord: FakeDiscord, knowledge: Path) -> None:
    log_channel = fake_discord.add_channel(fake_discord.guild, "mod-log")
    async with running_bot(make_bot(fake_discord, knowledge, mod_log_channel_id=log_channel.id)):
        edit_arrival_answer(knowledge)
        await reload_as(fake_discord, fake_discord.moderator)
        posted = await fake_discord.wait_for_message(lambda m: m["channel_id"] == log_channel.id)
    assert "/reload by mod" in posted["payload"]["content"] and "changed (1)" in posted["payload"]["content"]
    assert posted["payload"]["allowed_mentions"]["parse"] == []


async def test_two_moderators_at_once_make_one_swap(fake_discord: FakeDiscord, knowledge: Path) -> None:
    async with running_bot(make_bot(fake_discord, knowledge)) as bot:
        edit_arrival_answer(knowledge)
        swaps: list[str] = []
        original = bot.holder.reload

        async def counting(actor: str) -> Any:
            result = await original(actor)
            if result.swapped:
                swaps.append(actor)
            return result

        bot.holder.reload = counting  # type: ignore[method-assign]
        first, second = await asyncio.gather(
            reload_as(fake_discord, fake_discord.moderator), reload_as(fake_discord, fake_discord.manager)
        )
    reports = [report_of(first), report_of(second)]
    assert len(swaps) == 1
    assert sum("Reloaded: version" in r for r in reports) == 1
    assert sum("Nothing changed" in r for r in reports) == 1
