"""Load: the real factbot and the real discord.py against the fake Discord on loopback, in one process.

    python benchmarks/load.py [--questions 5000] [--users 200] [--channels 20] [--rate 250]
                              [--reconnect-every 1000] [--seed 1] [--timeout 60]

The fake Discord (tests/e2e/fake_discord.py) gets one guild with ``--channels`` answer channels and
``--users`` members; the bot (``bot.client.create_bot`` over the real knowledge/ directory, cooldown
off) connects to it. Questions drawn with ``random.Random(seed)`` from benchmarks/questions.jsonl are
dispatched as MESSAGE_CREATE events at a steady ``--rate`` per second, each from a random user in a
random channel. Every ``--reconnect-every`` questions the gateway forces a reconnect while questions
keep arriving, alternating op 7 RECONNECT and a close with code 4000; discord.py should RESUME and the
fake replays what it missed.

Latency per question: from the moment ``fake.send_message`` returns (the MESSAGE_CREATE frame has been
written to the bot's websocket, or buffered while the bot is reconnecting) to the moment the fake's
REST endpoint recorded the bot's reply (``SentMessage["timestamp"]``, which is ``time.monotonic()``; the
question side uses the same clock). Replies are matched to questions by ``message_reference``.

Everything runs on one asyncio loop in one process: the fake's CPU time counts against the bot's
latency, and the peak memory reported is that of the whole process. Nothing leaves 127.0.0.1 (the
tests' network guard is installed for the run). Exit code 0 when no question was lost or answered twice.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import math
import random
import resource
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import discord
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.client import create_bot  # noqa: E402
from bot.holder import KnowledgeHolder  # noqa: E402
from bot.settings import DEFAULT_KNOWLEDGE_DIR, Settings  # noqa: E402
from tests.e2e.fake_discord import FakeChannel, FakeDiscord, FakeUser  # noqa: E402
from tests.e2e.harness import install_fast_http_retries, point_discord_at, running_bot  # noqa: E402
from tests.e2e.network_guard import install_network_guard  # noqa: E402

QUESTIONS_FILE = ROOT / "benchmarks" / "questions.jsonl"
QUIET_LOGGERS = ("bot", "discord", "tests", "aiohttp", "asyncio")
GRACE_SECONDS = 1.0  # after the last reply is in, how long to keep watching for duplicates


@dataclass(frozen=True, slots=True)
class Question:
    text: str
    answerable: bool


@dataclass(slots=True)
class Reconnect:
    """One forced reconnect: how it was forced, when, and how long until the fake saw the RESUME."""

    kind: str
    after_questions: int
    gap_ms: float | None = None
    error: str | None = None


@dataclass(slots=True)
class Outcome:
    sent: int = 0
    answerable_sent: int = 0
    send_seconds: float = 0.0
    sent_at: dict[str, float] = field(default_factory=dict)  # question message id -> time.monotonic()
    due_at: dict[str, float] = field(default_factory=dict)  # question message id -> scheduled time.monotonic()
    replies: dict[str, list[float]] = field(default_factory=dict)  # question message id -> reply times
    stray_replies: int = 0  # replies to a message that is not one of our questions
    reconnects: list[Reconnect] = field(default_factory=list)
    identifies: int = 0
    resumes: int = 0
    resumes_accepted: int = 0
    http_sleeps: int = 0  # discord.py's REST retry / rate-limit sleeps longer than zero
    blank_left_out: int = 0
    server_errors: list[str] = field(default_factory=list)
    unknown_routes: list[tuple[str, str]] = field(default_factory=list)
    rss_ready_kib: int = 0
    rss_peak_kib: int = 0
    wait_timed_out: bool = False

    @property
    def answered(self) -> int:
        return sum(1 for message_id in self.sent_at if self.replies.get(message_id))

    @property
    def lost(self) -> int:
        return self.sent - self.answered

    @property
    def duplicated(self) -> int:
        return sum(1 for message_id in self.sent_at if len(self.replies.get(message_id, ())) > 1)

    def latencies_ms(self, since: dict[str, float] | None = None) -> list[float]:
        """Sorted first-reply latencies from ``since`` (default: when the question was dispatched)."""
        start = self.sent_at if since is None else since
        return sorted(
            (min(self.replies[message_id]) - start[message_id]) * 1000
            for message_id in self.sent_at
            if self.replies.get(message_id)
        )


def load_questions(path: Path) -> tuple[list[Question], int]:
    """The questions of the set, and how many blank ones were left out.

    Discord delivers no message whose content is only whitespace, and the bot (rightly) says nothing
    to one, so a blank question could never be answered: it is not drawn.
    """
    questions = []
    blank = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            text = str(item["q"])
            if not text.strip():
                blank += 1
                continue
            questions.append(Question(text, bool(item.get("answerable", False))))
    if not questions:
        raise SystemExit(f"no questions in {path}")
    return questions, blank


def percentile(sorted_values: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile of already sorted values."""
    if not sorted_values:
        return math.nan
    rank = max(1, math.ceil(fraction * len(sorted_values)))
    return sorted_values[rank - 1]


def peak_rss_kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux


def quiet_logging() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger().setLevel(logging.WARNING)
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)


def populate(fake: FakeDiscord, channels: int, users: int) -> tuple[list[FakeChannel], list[FakeUser]]:
    """Answer channels and members in the fake's default guild, before the bot connects (GUILD_CREATE)."""
    made_channels = [fake.add_channel(fake.guild, f"load-{n:02d}", topic="load test") for n in range(channels)]
    made_users = []
    for n in range(users):
        user = fake.add_user(f"asker{n:03d}")
        fake.add_member(fake.guild, user)
        made_users.append(user)
    return made_channels, made_users


def has_live_connection(fake: FakeDiscord) -> bool:
    return any(s.connection is not None and not s.connection.closed for s in fake.sessions.values())


async def force_reconnect(fake: FakeDiscord, record: Reconnect, wait_seconds: float) -> None:
    """Force one reconnect once the bot is connected, then wait for its RESUME to be answered."""
    try:
        await fake.wait_until(lambda: has_live_connection(fake), wait_seconds, "live gateway connection")
        resumes_before = len(fake.resumes)
        started = time.perf_counter()
        if record.kind == "op 7":
            await fake.request_reconnect()
        else:
            await fake.drop_connection(4000)
        await fake.wait_for_resumes(resumes_before + 1, wait_seconds)
        record.gap_ms = (time.perf_counter() - started) * 1000
    except (TimeoutError, RuntimeError) as exc:
        record.error = str(exc)


class ReplyCollector:
    """Reads ``fake.sent_messages`` incrementally and files each reply under the question it references."""

    def __init__(self, fake: FakeDiscord, outcome: Outcome) -> None:
        self.fake = fake
        self.outcome = outcome
        self.seen = 0

    def scan(self) -> None:
        sent_messages = self.fake.sent_messages
        outcome = self.outcome
        while self.seen < len(sent_messages):
            sent = sent_messages[self.seen]
            self.seen += 1
            reference = sent["payload"].get("message_reference") or {}
            message_id = str(reference.get("message_id"))
            if message_id in outcome.sent_at:
                outcome.replies.setdefault(message_id, []).append(sent["timestamp"])
            else:
                outcome.stray_replies += 1

    def all_answered(self) -> bool:
        self.scan()
        return len(self.outcome.replies) >= len(self.outcome.sent_at)


async def drive(
    fake: FakeDiscord,
    questions: Sequence[Question],
    channels: Sequence[FakeChannel],
    users: Sequence[FakeUser],
    args: argparse.Namespace,
    outcome: Outcome,
) -> None:
    rng = random.Random(args.seed)
    plan = [(rng.choice(questions), rng.choice(channels), rng.choice(users)) for _ in range(args.questions)]
    reconnect_tasks: list[asyncio.Task[None]] = []
    interval = 1.0 / args.rate
    started = time.perf_counter()
    wall_started = time.monotonic()
    for index, (question, channel, user) in enumerate(plan):
        delay = started + index * interval - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        if index and args.reconnect_every and index % args.reconnect_every == 0:
            kind = "op 7" if len(outcome.reconnects) % 2 == 0 else "close 4000"
            record = Reconnect(kind, index)
            outcome.reconnects.append(record)
            reconnect_tasks.append(asyncio.create_task(force_reconnect(fake, record, args.timeout)))
        message = await fake.send_message(channel, question.text, author=user)
        outcome.sent_at[message["id"]] = time.monotonic()  # the clock of SentMessage["timestamp"]
        outcome.due_at[message["id"]] = wall_started + index * interval
        outcome.sent += 1
        outcome.answerable_sent += question.answerable
    outcome.send_seconds = time.perf_counter() - started
    await asyncio.gather(*reconnect_tasks)

    collector = ReplyCollector(fake, outcome)
    try:
        await fake.wait_until(collector.all_answered, args.timeout, "reply to every question")
    except TimeoutError:
        outcome.wait_timed_out = True
    await asyncio.sleep(GRACE_SECONDS)  # late duplicates
    collector.scan()


async def run(args: argparse.Namespace, questions: Sequence[Question]) -> Outcome:
    outcome = Outcome()
    with pytest.MonkeyPatch.context() as monkeypatch:
        install_network_guard(monkeypatch)
        fake = FakeDiscord()
        channels, users = populate(fake, args.channels, args.users)
        await fake.start()
        try:
            point_discord_at(fake, monkeypatch)
            retries = install_fast_http_retries(monkeypatch)  # records sleeps; a non-zero one is reported
            monkeypatch.setattr(discord.VoiceClient, "warn_nacl", False)  # no voice here: skip the two warnings
            monkeypatch.setattr(discord.VoiceClient, "warn_dave", False)
            values: dict[str, Any] = {
                "_env_file": None,
                "knowledge_dir": args.knowledge,
                "answer_channel_ids": tuple(c.id for c in channels),
                "cooldown_seconds": 0.0,
                "watch_knowledge": False,
                "message_content_intent": True,
                "shard_count": None,
                "shard_ids": (),
            }
            settings = Settings(**values)
            holder = KnowledgeHolder(settings.knowledge_dir, settings.max_question_chars)
            bot = create_bot(settings, holder)
            async with running_bot(bot, ready_timeout=30.0, guild_ready_timeout=0.05):
                outcome.rss_ready_kib = peak_rss_kib()
                await drive(fake, questions, channels, users, args, outcome)
            outcome.http_sleeps = sum(1 for delay in retries.sleeps if delay > 0)
        finally:
            await fake.stop()
        outcome.identifies = len(fake.identifies)
        outcome.resumes = len(fake.resumes)
        outcome.resumes_accepted = sum(1 for r in fake.resumes if r.accepted)
        outcome.server_errors = list(fake.server_errors)
        outcome.unknown_routes = list(fake.unknown_routes)
    outcome.rss_peak_kib = peak_rss_kib()
    return outcome


def report(args: argparse.Namespace, outcome: Outcome) -> bool:
    latencies = outcome.latencies_ms()
    rate = outcome.sent / outcome.send_seconds if outcome.send_seconds else math.nan
    print(f"factbot load: {args.questions} questions, {args.users} users, {args.channels} answer channels, "
          f"target {args.rate:g}/s, reconnect every {args.reconnect_every}, seed {args.seed}")
    print(f"  questions sent      {outcome.sent} in {outcome.send_seconds:.1f} s ({rate:.1f}/s achieved); "
          f"{outcome.answerable_sent} answerable, {outcome.sent - outcome.answerable_sent} not")
    if outcome.blank_left_out:
        print(f"  left out            {outcome.blank_left_out} blank question(s) of the set (whitespace only: "
              "Discord delivers no such message and the bot ignores one)")
    print(f"  answered            {outcome.answered}  (questions with at least one reply)")
    print(f"  lost                {outcome.lost}")
    print(f"  duplicated          {outcome.duplicated}")
    if outcome.stray_replies:
        print(f"  stray replies       {outcome.stray_replies}  (to messages that were not questions)")
    if latencies:
        print(f"  latency ms          median {statistics.median(latencies):.1f}   "
              f"p90 {percentile(latencies, 0.90):.1f}   p99 {percentile(latencies, 0.99):.1f}   "
              f"max {latencies[-1]:.1f}   (MESSAGE_CREATE written -> reply at the REST endpoint)")
        due = outcome.latencies_ms(outcome.due_at)
        print(f"  from schedule ms    median {statistics.median(due):.1f}   p90 {percentile(due, 0.90):.1f}   "
              f"p99 {percentile(due, 0.99):.1f}   max {due[-1]:.1f}   (scheduled arrival -> reply: also counts "
              "stalls of the shared loop that delayed the dispatch itself)")
    kinds = ", ".join(f"{r.kind} after {r.after_questions}" for r in outcome.reconnects) or "none"
    print(f"  reconnects forced   {len(outcome.reconnects)}: {kinds}")
    gaps = [f"{r.gap_ms:.0f}" for r in outcome.reconnects if r.gap_ms is not None]
    if gaps:
        print(f"  reconnect -> RESUME {', '.join(gaps)} ms")
    for r in outcome.reconnects:
        if r.error:
            print(f"  reconnect failed    {r.kind} after {r.after_questions}: {r.error}")
    print(f"  gateway             {outcome.resumes} resumes ({outcome.resumes_accepted} accepted), "
          f"{outcome.identifies} identifies (1 = the first login only)")
    print(f"  peak memory         {outcome.rss_peak_kib / 1024:.1f} MiB ru_maxrss of the WHOLE process "
          f"(bot + discord.py + fake Discord + driver); {outcome.rss_ready_kib / 1024:.1f} MiB when the bot was ready")
    if outcome.http_sleeps:
        print(f"  http sleeps         {outcome.http_sleeps} (discord.py slept to retry or wait out a rate limit)")
    if outcome.wait_timed_out:
        print(f"  timed out           not every question was answered within {args.timeout:g} s of the last one")
    if outcome.server_errors:
        print(f"  fake server errors  {len(outcome.server_errors)}: {outcome.server_errors[:3]}")
    if outcome.unknown_routes:
        print(f"  unknown routes      {sorted(set(outcome.unknown_routes))}")
    ok = outcome.lost == 0 and outcome.duplicated == 0
    print(f"  result              {'OK' if ok else 'FAIL'}")
    return ok


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--questions", type=int, default=5000, help="how many questions to send (5000)")
    parser.add_argument("--users", type=int, default=200, help="distinct askers (200)")
    parser.add_argument("--channels", type=int, default=20, help="answer channels (20)")
    parser.add_argument("--rate", type=float, default=250.0, help="questions per second (250)")
    parser.add_argument("--reconnect-every", type=int, default=1000, help="force a reconnect every N questions; 0 off")
    parser.add_argument("--seed", type=int, default=1, help="random seed for the questions, askers and channels")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds to wait for replies after the last one")
    parser.add_argument("--questions-file", type=Path, default=QUESTIONS_FILE, help="JSONL with a 'q' field")
    parser.add_argument("--knowledge", type=Path, default=DEFAULT_KNOWLEDGE_DIR, help="knowledge directory")
    args = parser.parse_args(argv)
    for name in ("questions", "users", "channels"):
        if getattr(args, name) < 1:
            parser.error(f"--{name} must be at least 1")
    if args.rate <= 0 or args.timeout <= 0 or args.reconnect_every < 0:
        parser.error("--rate and --timeout must be positive, --reconnect-every 0 or more")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    quiet_logging()
    questions, blank = load_questions(args.questions_file)
    outcome = asyncio.run(run(args, questions))
    outcome.blank_left_out = blank
    return 0 if report(args, outcome) else 1


if __name__ == "__main__":
    sys.exit(main())
