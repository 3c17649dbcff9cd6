"""factbot end to end: the real bot and the real discord.py against the fake Discord on loopback."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any

import pytest

from bot.client import FactBotMixin
from bot.engine.answer import Engine
from bot.knowledge.loader import load_fact_base
from tests.e2e.factbot_kit import MANAGE_GUILD, NO_PINGS, copy_knowledge, embed_of, make_bot, replies_to
from tests.e2e.fake_discord import FakeDiscord
from tests.e2e.harness import running_bot

ARRIVAL_Q = "When did Lloyd Austin arrive in Kyiv?"
S1_START = "> Secretary of Defense Lloyd Austin arrived in Kyiv on Monday"


@pytest.fixture
def knowledge(tmp_path: Path) -> Path:
    return copy_knowledge(tmp_path)


async def ask_by_message(fake: FakeDiscord, text: str, **kwargs: Any) -> dict[str, Any]:
    message = await fake.send_message(**kwargs, content=text)
    return embed_of(await fake.wait_for_reply(message))


async def completed(bot: FactBotMixin) -> None:
    """Wait until discord.py has finished an app command (its views are registered by then)."""
    await bot.wait_for("app_command_completion", timeout=5)


# --- asking in channels -----------------------------------------------------------------------------

async def test_mention_is_answered_with_the_quote(fake_discord: FakeDiscord, knowledge: Path) -> None:
    async with running_bot(make_bot(fake_discord, knowledge)):
        message = await fake_discord.send_message(
            fake_discord.general, f"{fake_discord.bot_user.mention} {ARRIVAL_Q}", mentions=[fake_discord.bot_user]
        )
        reply = await fake_discord.wait_for_reply(message)
    embed = embed_of(reply)
    assert str(reply["payload"]["message_reference"]["message_id"]) == message["id"]
    assert "Monday" in embed["description"] and S1_START in embed["description"]
    assert embed["footer"]["text"].startswith("Sentence 1 · paragraph 1 · confidence ")
    assert reply["payload"]["allowed_mentions"]["parse"] == []


async def test_answer_channel_and_its_threads_are_answered(fake_discord: FakeDiscord, knowledge: Path) -> None:
    thread = fake_discord.add_thread(fake_discord.questions, "follow-up")
    async with running_bot(make_bot(fake_discord, knowledge)):
        in_channel = await ask_by_message(fake_discord, "how many north korean troops are training in russia",
                                          channel_id=fake_discord.questions)
        in_thread = await ask_by_message(fake_discord, "what is the current conscription age in ukraine",
                                         channel_id=thread)
    assert "11,000" in in_channel["description"] and "Sentence 24 · paragraph 9" in in_channel["footer"]["text"]
    assert "25" in in_thread["description"] and "Sentence 16" in in_thread["footer"]["text"]


async def test_asking_for_the_gist_in_a_channel_gets_the_summary(fake_discord: FakeDiscord, knowledge: Path) -> None:
    async with running_bot(make_bot(fake_discord, knowledge)):
        gist = await ask_by_message(fake_discord, "tldr of the article pls", channel_id=fake_discord.questions)
    summary = load_fact_base(knowledge).summary(None)
    assert summary is not None
    assert gist["title"] == "The article in short" and gist["description"] == summary.text
    assert gist["footer"]["text"].startswith("short summary · based on sentences S1")


async def test_other_channels_without_a_mention_are_ignored(fake_discord: FakeDiscord, knowledge: Path) -> None:
    async with running_bot(make_bot(fake_discord, knowledge)):
        ignored = await fake_discord.send_message(fake_discord.general, ARRIVAL_Q)
        answered = await fake_discord.send_message(fake_discord.questions, ARRIVAL_Q)
        await fake_discord.wait_for_reply(answered)
    assert replies_to(fake_discord, ignored) == []


async def test_messages_from_bots_are_never_answered(fake_discord: FakeDiscord, knowledge: Path) -> None:
    other_bot = fake_discord.add_user("otherbot", bot=True)
    fake_discord.add_member(fake_discord.guild, other_bot)
    async with running_bot(make_bot(fake_discord, knowledge)):
        from_bot = await fake_discord.send_message(fake_discord.questions, ARRIVAL_Q, author=other_bot)
        from_person = await fake_discord.send_message(fake_discord.questions, ARRIVAL_Q)
        await fake_discord.wait_for_reply(from_person)
    assert replies_to(fake_discord, from_bot) == []
    # the bot's own reply came back over the gateway too, and was not answered either
    assert len(fake_discord.sent_messages) == 1


async def test_a_tie_is_answered_with_each_claim_under_its_own_quote(
    fake_discord: FakeDiscord, knowledge: Path
) -> None:
    engine = Engine(load_fact_base(knowledge))
    questions = ("what phase is the war entering", "what is the trip for", "budanov troops", "lower draft age")
    tied = [r for r in map(engine.ask, questions) if len(r.evidence()) > 1]
    assert tied, "expected one of these questions to tie between facts on different sentences"
    reply = tied[0]
    async with running_bot(make_bot(fake_discord, knowledge)):
        embed = await ask_by_message(fake_discord, reply.question, channel_id=fake_discord.questions)
    # Each passage is quoted once, with every claim it backs; a claim whose sentences an earlier quote
    # holds stands under that quote.
    evidence = reply.evidence()
    for group in evidence:
        assert f"> {group.source[:60]}" in embed["description"]
        for fact in group.facts:
            assert fact.answer in embed["description"]
    assert embed["description"].count("\n> ") + embed["description"].startswith("> ") == len(evidence)


async def test_refusal_says_so_and_offers_close_questions(fake_discord: FakeDiscord, knowledge: Path) -> None:
    async with running_bot(make_bot(fake_discord, knowledge)):
        embed = await ask_by_message(fake_discord, "how old is lloyd austin", channel_id=fake_discord.questions)
    assert embed["description"].startswith("The article doesn't say that.")
    assert "Did you mean:" in embed["description"]
    assert 1 <= embed["description"].count("•") <= 3


async def test_dms_are_answered_unless_turned_off(fake_discord: FakeDiscord, knowledge: Path) -> None:
    async with running_bot(make_bot(fake_discord, knowledge)):
        message = await fake_discord.send_dm(ARRIVAL_Q)
        assert "Monday" in embed_of(await fake_discord.wait_for_reply(message))["description"]
    async with running_bot(make_bot(fake_discord, knowledge, answer_dms=False)):
        ignored = await fake_discord.send_dm(ARRIVAL_Q)
        answered = await fake_discord.send_message(fake_discord.questions, ARRIVAL_Q)
        await fake_discord.wait_for_reply(answered)
    assert replies_to(fake_discord, ignored) == []


async def test_user_text_never_pings(fake_discord: FakeDiscord, knowledge: Path) -> None:
    text = f"@everyone @here <@&{fake_discord.moderator_role.id}> <@{fake_discord.bob.id}> **when** did austin arrive"
    async with running_bot(make_bot(fake_discord, knowledge)):
        message = await fake_discord.send_message(fake_discord.questions, text, mention_everyone=True)
        reply = await fake_discord.wait_for_reply(message)
    assert reply["payload"]["allowed_mentions"] == NO_PINGS | {"replied_user": False}
    title = embed_of(reply)["title"]
    assert "@\u200beveryone" in title and "\\*\\*when\\*\\*" in title


async def test_cooldown_holds_a_fast_asker_with_one_reaction(fake_discord: FakeDiscord, knowledge: Path) -> None:
    async with running_bot(make_bot(fake_discord, knowledge, cooldown_questions=2)):
        sent = [await fake_discord.send_message(fake_discord.questions, ARRIVAL_Q) for _ in range(4)]
        for message in sent[:2]:
            await fake_discord.wait_for_reply(message)
        await fake_discord.wait_until(lambda: [a for a in fake_discord.channel_actions if a["action"] == "react"])
        other = await fake_discord.send_message(fake_discord.questions, ARRIVAL_Q, author=fake_discord.bob)
        await fake_discord.wait_for_reply(other)
    reactions = [a for a in fake_discord.channel_actions if a["action"] == "react"]
    assert [(int(r["message_id"] or 0), r["emoji"]) for r in reactions] == [(int(sent[2]["id"]), "⏳")]
    assert replies_to(fake_discord, sent[2]) == replies_to(fake_discord, sent[3]) == []


async def test_without_message_content_intent_mentions_still_work(
    fake_discord: FakeDiscord, knowledge: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="bot.client")
    async with running_bot(make_bot(fake_discord, knowledge, message_content_intent=False)):
        plain = await fake_discord.send_message(fake_discord.questions, ARRIVAL_Q)
        mention = await fake_discord.send_message(
            fake_discord.questions, f"{fake_discord.bot_user.mention} {ARRIVAL_Q}", mentions=[fake_discord.bot_user]
        )
        assert "Monday" in embed_of(await fake_discord.wait_for_reply(mention))["description"]
    assert replies_to(fake_discord, plain) == []
    assert not (fake_discord.identifies[0].intents or 0) & (1 << 15)
    assert "message content intent is off" in caplog.text


# --- slash commands -----------------------------------------------------------------------------------

async def test_ask_command_and_its_autocomplete(fake_discord: FakeDiscord, knowledge: Path) -> None:
    async with running_bot(make_bot(fake_discord, knowledge)):
        suggest = await fake_discord.send_autocomplete("ask", {"question": "first group"}, "question")
        await fake_discord.wait_for_interaction_response(suggest)
        question = "how big is the first group of north korean troops"
        asked = await fake_discord.send_command("ask", {"question": question})
        await fake_discord.wait_for_interaction_response(asked)
    assert 1 <= len(suggest.choices) <= 25
    assert all(len(c["name"]) <= 100 for c in suggest.choices)
    assert "first" in suggest.choices[0]["name"].lower()
    embed = asked.response_data["embeds"][0]
    assert "2,600" in embed["description"] and "Sentence 24" in embed["footer"]["text"]
    assert asked.response_data["allowed_mentions"]["parse"] == []
    assert not asked.ephemeral


async def test_summary_of_the_article_and_of_a_topic(fake_discord: FakeDiscord, knowledge: Path) -> None:
    async with running_bot(make_bot(fake_discord, knowledge)):
        whole = await fake_discord.send_command("summary")
        topic = await fake_discord.send_command("summary", {"topic": "conscription"})
        long = await fake_discord.send_command("summary", {"length": "long"})
        bad = await fake_discord.send_command("summary", {"topic": "football"})
        topics = await fake_discord.send_autocomplete("summary", {"topic": "north"}, "topic")
        for record in (whole, topic, long, bad, topics):
            await fake_discord.wait_for_interaction_response(record)
    assert "based on sentences S" in whole.response_data["embeds"][0]["footer"]["text"]
    assert "18" in topic.response_data["embeds"][0]["description"]
    assert len(long.response_data["embeds"][0]["description"]) > len(whole.response_data["embeds"][0]["description"])
    assert bad.ephemeral and "no topic" in bad.response_data["content"]
    assert [c["value"] for c in topics.choices] == ["north-korea"]


async def test_facts_pages_turn_for_the_caller_only(fake_discord: FakeDiscord, knowledge: Path) -> None:
    bot = make_bot(fake_discord, knowledge)
    async with running_bot(bot):
        waiter = asyncio.ensure_future(completed(bot))
        facts = await fake_discord.send_command("facts")
        await fake_discord.wait_for_interaction_response(facts)
        await waiter
        first = facts.response_data["embeds"][0]
        buttons = facts.response_data["components"][0]["components"]
        next_id = next(b["custom_id"] for b in buttons if b["label"] == "Next")
        message_id = facts.original_message_id
        assert message_id is not None
        stranger = await fake_discord.send_component(next_id, message_id=message_id, user=fake_discord.bob)
        owner = await fake_discord.send_component(next_id, message_id=message_id)
        await fake_discord.wait_for_interaction_response(stranger)
        await fake_discord.wait_for_interaction_response(owner)
    assert first["footer"]["text"].startswith("Page 1/")
    assert stranger.ephemeral and "Only the person who ran /facts" in stranger.response_data["content"]
    assert owner.response_type == 7 and owner.response_data["embeds"][0]["footer"]["text"].startswith("Page 2/")


async def test_quote_with_its_neighbours(fake_discord: FakeDiscord, knowledge: Path) -> None:
    async with running_bot(make_bot(fake_discord, knowledge)):
        good = await fake_discord.send_command("quote", {"number": 24})
        bad = await fake_discord.send_command("quote", {"number": 99})
        await fake_discord.wait_for_interaction_response(good)
        await fake_discord.wait_for_interaction_response(bad)
    text = good.response_data["embeds"][0]["description"]
    assert "S23 (paragraph 9)" in text and "**According to Budanov" in text and "S25 (paragraph 9)" in text
    assert bad.ephemeral and "1 to 34" in bad.response_data["content"]


async def test_about_and_help(fake_discord: FakeDiscord, knowledge: Path) -> None:
    async with running_bot(make_bot(fake_discord, knowledge)):
        about = await fake_discord.send_command("about")
        helped = await fake_discord.send_command("help")
        await fake_discord.wait_for_interaction_response(about)
        await fake_discord.wait_for_interaction_response(helped)
    assert "34 sentences" in about.response_data["embeds"][0]["description"]
    for command in ("/ask", "/summary", "/facts", "/quote", "/about"):
        assert command in helped.response_data["embeds"][0]["description"]


async def test_synced_command_schema(fake_discord: FakeDiscord, knowledge: Path) -> None:
    async with running_bot(make_bot(fake_discord, knowledge)):
        pass
    commands = {c["name"]: c for c in fake_discord.synced_commands[None]}
    assert set(commands) == {"ask", "summary", "facts", "quote", "about", "help", "reload"}
    assert all(c["description"] for c in commands.values())
    ask_option = commands["ask"]["options"][0]
    assert ask_option["name"] == "question" and ask_option["required"] and ask_option["autocomplete"]
    assert {o["name"] for o in commands["summary"]["options"]} == {"topic", "length"}
    assert commands["quote"]["options"][0]["min_value"] == 1
    assert str(commands["reload"]["default_member_permissions"]) == str(MANAGE_GUILD)
    assert commands["ask"]["default_member_permissions"] is None


async def test_dev_guild_sync_goes_to_that_guild(fake_discord: FakeDiscord, knowledge: Path) -> None:
    async with running_bot(make_bot(fake_discord, knowledge, dev_guild_id=fake_discord.guild.id)):
        pass
    assert {c["name"] for c in fake_discord.synced_commands[fake_discord.guild.id]} >= {"ask", "reload"}
    assert None not in fake_discord.synced_commands


async def test_unknown_command_gets_an_ephemeral_note(fake_discord: FakeDiscord, knowledge: Path) -> None:
    async with running_bot(make_bot(fake_discord, knowledge)):
        record = await fake_discord.send_command("teleport")
        await fake_discord.wait_for_interaction_response(record)
    assert record.ephemeral and "don't know that command" in record.response_data["content"]


async def test_the_bots_own_role_counts_as_a_mention_but_everyone_does_not(
    fake_discord: FakeDiscord, knowledge: Path
) -> None:
    bot_role = next(r for r in fake_discord.guild.roles.values() if r.bot_id == fake_discord.bot_user.id)
    async with running_bot(make_bot(fake_discord, knowledge)):
        everyone = await fake_discord.send_message(
            fake_discord.general, f"@everyone {ARRIVAL_Q}", mention_everyone=True
        )
        by_role = await fake_discord.send_message(
            fake_discord.general, f"<@&{bot_role.id}> {ARRIVAL_Q}", mention_roles=[bot_role]
        )
        assert "Monday" in embed_of(await fake_discord.wait_for_reply(by_role))["description"]
    assert replies_to(fake_discord, everyone) == []
