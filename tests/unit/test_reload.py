"""Reloads: atomic swaps, refusals of half-written files, no interleaving, and the file watcher."""

from __future__ import annotations

import asyncio

import pytest

from bot.holder import KnowledgeHolder
from bot.watcher import KnowledgeWatcher
from tests.conftest import SMALL_FACTS

EDITED = SMALL_FACTS.replace("He arrived on Monday.", "Austin arrived on Monday.")
QUESTION = "When did Austin arrive in Kyiv?"


def answer_of(holder: KnowledgeHolder) -> str:
    reply = holder.snapshot.engine.ask(QUESTION)
    assert reply.fact is not None
    return reply.fact.answer


async def test_valid_edit_is_swapped_in_with_a_diff(make_knowledge):
    directory = make_knowledge()
    holder = KnowledgeHolder(directory, 500)
    (directory / "facts.yaml").write_text(EDITED, encoding="utf-8")
    result = await holder.reload("tester")
    assert result.ok and result.swapped
    assert result.diff is not None and result.diff.changed == ("austin-arrival",)
    assert answer_of(holder) == "Austin arrived on Monday."


async def test_unchanged_files_are_not_swapped(make_knowledge):
    holder = KnowledgeHolder(make_knowledge(), 500)
    before = holder.snapshot
    result = await holder.reload("tester")
    assert result.ok and not result.swapped and holder.snapshot is before


HALF_WRITTEN = {
    "truncated": lambda: SMALL_FACTS[: len(SMALL_FACTS) // 2].encode(),
    "wrong encoding": lambda: SMALL_FACTS.encode("utf-16"),
    "syntax error": lambda: SMALL_FACTS.replace("topics: [austin-visit]", "topics: [austin-visit").encode(),
    "empty": lambda: b"",
}


@pytest.mark.parametrize("damage", sorted(HALF_WRITTEN))
async def test_half_written_file_is_refused_and_old_base_serves(make_knowledge, damage):
    directory = make_knowledge()
    holder = KnowledgeHolder(directory, 500)
    before = holder.snapshot
    (directory / "facts.yaml").write_bytes(HALF_WRITTEN[damage]())
    result = await holder.reload("tester")
    assert not result.ok and result.problems
    assert all(p.file == "facts.yaml" for p in result.problems)
    assert holder.snapshot is before and answer_of(holder) == "He arrived on Monday."


async def test_missing_file_is_refused_and_old_base_serves(make_knowledge):
    directory = make_knowledge()
    holder = KnowledgeHolder(directory, 500)
    (directory / "topics.yaml").unlink()
    result = await holder.reload("tester")
    assert not result.ok and any("topics.yaml" in str(p) and "missing" in str(p) for p in result.problems)
    assert answer_of(holder) == "He arrived on Monday."


async def test_two_reloads_at_once_make_one_swap(make_knowledge):
    directory = make_knowledge()
    holder = KnowledgeHolder(directory, 500)
    (directory / "facts.yaml").write_text(EDITED, encoding="utf-8")
    first, second = await asyncio.gather(holder.reload("mod one"), holder.reload("mod two"))
    assert first.ok and second.ok
    assert [first.swapped, second.swapped].count(True) == 1
    assert answer_of(holder) == "Austin arrived on Monday."


async def test_readers_see_one_whole_snapshot_during_a_reload(make_knowledge):
    directory = make_knowledge()
    holder = KnowledgeHolder(directory, 500)
    (directory / "facts.yaml").write_text(EDITED, encoding="utf-8")
    seen: set[str] = set()

    async def reader() -> None:
        for _ in range(200):
            snapshot = holder.snapshot  # one read per question, as the cogs do
            reply = snapshot.engine.ask(QUESTION)
            assert reply.fact is not None and snapshot.base.fact(reply.fact.id) is reply.fact
            seen.add(reply.fact.answer)
            await asyncio.sleep(0)

    await asyncio.gather(reader(), holder.reload("tester"), reader())
    assert seen <= {"He arrived on Monday.", "Austin arrived on Monday."}


async def test_watcher_reloads_once_the_change_has_settled(make_knowledge):
    directory = make_knowledge()
    holder = KnowledgeHolder(directory, 500)
    watcher = KnowledgeWatcher(holder, interval=0.01)
    assert await watcher.check() is False  # first look: nothing new
    (directory / "facts.yaml").write_text(EDITED, encoding="utf-8")
    assert await watcher.check() is False  # changed, not yet settled (debounce)
    assert await watcher.check() is True
    assert answer_of(holder) == "Austin arrived on Monday."


async def test_watcher_does_not_swap_in_an_invalid_change(make_knowledge, caplog):
    directory = make_knowledge()
    holder = KnowledgeHolder(directory, 500)
    watcher = KnowledgeWatcher(holder, interval=0.01)
    (directory / "facts.yaml").write_text(SMALL_FACTS[:200], encoding="utf-8")
    assert [await watcher.check() for _ in range(4)] == [False] * 4
    assert answer_of(holder) == "He arrived on Monday."
    assert caplog.text.count("not valid") == 1  # refused once, not retried every poll


async def test_watcher_task_picks_up_a_change_by_itself(make_knowledge):
    directory = make_knowledge()
    holder = KnowledgeHolder(directory, 500)
    watcher = KnowledgeWatcher(holder, interval=0.02)
    watcher.start()
    try:
        (directory / "facts.yaml").write_text(EDITED, encoding="utf-8")
        for _ in range(200):
            if answer_of(holder) == "Austin arrived on Monday.":
                break
            await asyncio.sleep(0.02)
        assert answer_of(holder) == "Austin arrived on Monday."
    finally:
        await watcher.stop()
