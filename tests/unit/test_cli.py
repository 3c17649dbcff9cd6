"""The command line and the console, run as a user would: `python -m bot ...` in a subprocess."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys

import pytest

from bot.console import respond
from bot.holder import build_snapshot
from tests.conftest import REPO

ASK_KEYS = {"question", "answered", "answer", "source", "sentences", "fact_id", "confidence", "suggestions"}


def run_bot(*args: str, stdin: str = "", knowledge=None, env_extra=None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FACTBOT_", "DISCORD_"))}
    env.update(env_extra or {})
    if knowledge is not None:
        env["FACTBOT_KNOWLEDGE_DIR"] = str(knowledge)
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], input=stdin, capture_output=True, text=True, env=env,
        cwd=REPO, timeout=60,
    )


def test_help_lists_the_subcommands():
    out = run_bot("--help").stdout
    for command in ("run", "chat", "ask", "validate", "export"):
        assert command in out


def test_validate_summarises_a_valid_base(make_knowledge):
    result = run_bot("validate", "--knowledge", str(make_knowledge()))
    assert result.returncode == 0, result.stderr
    assert "34 sentences" in result.stdout and "facts: 2" in result.stdout


def test_validate_lists_every_problem_and_exits_1(make_knowledge):
    directory = make_knowledge(aliases_yaml=None, summaries_yaml="summaries: [\n")
    result = run_bot("validate", "--knowledge", str(directory))
    assert result.returncode == 1
    assert "aliases.yaml" in result.stderr and "summaries.yaml:" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_setting_is_one_line_not_a_traceback(make_knowledge):
    result = run_bot("validate", env_extra={"FACTBOT_ANSWER_CHANNEL_IDS": "12,general"})
    assert result.returncode == 2
    assert result.stderr.strip().startswith("bad setting: FACTBOT_ANSWER_CHANNEL_IDS")
    assert "Traceback" not in result.stderr


def test_export_json_has_the_promised_shape(make_knowledge):
    result = run_bot("export", "--json", knowledge=make_knowledge())
    data = json.loads(result.stdout)
    assert set(data["article"]) >= {"title", "sentences"}
    assert data["article"]["sentences"][0] == {
        "n": 1, "paragraph": 1, "text": data["article"]["sentences"][0]["text"]
    }
    fact = data["facts"][0]
    assert set(fact) >= {"id", "questions", "answer", "source", "sentences", "topics"}
    assert fact["sentences"] == [1]
    assert {"topic", "text", "sentences"} <= set(data["summaries"][0])
    assert data["summaries"][0]["topic"] is None


def test_ask_prints_answer_and_block_quote(make_knowledge):
    result = run_bot("ask", "When", "did", "Austin", "arrive", "in", "Kyiv?", knowledge=make_knowledge())
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "He arrived on Monday."
    assert lines[1].startswith("> Secretary of Defense Lloyd Austin arrived in Kyiv on Monday")
    assert "Sentence 1 · paragraph 1" in lines[2]


def test_ask_json_shape(make_knowledge):
    result = run_bot("ask", "--json", "When did Austin arrive in Kyiv?", knowledge=make_knowledge())
    data = json.loads(result.stdout)
    assert set(data) >= ASK_KEYS
    assert data["answered"] is True and data["fact_id"] == "austin-arrival" and data["sentences"] == [1]
    assert isinstance(data["confidence"], float)


def test_ask_json_batch_reads_stdin_in_order(make_knowledge):
    questions = ["When did Austin arrive in Kyiv?", "What's the weather in Paris?", "", "new conscription age"]
    result = run_bot("ask", "--json", stdin="\n".join(questions) + "\n", knowledge=make_knowledge())
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["question"] for r in rows] == [questions[0], questions[1], questions[3]]
    assert [r["answered"] for r in rows] == [True, False, True]
    assert rows[1]["answer"] is None and rows[1]["source"] is None and rows[1]["sentences"] == []
    assert all(set(r) >= ASK_KEYS for r in rows)


def test_no_subcommand_and_no_token_starts_the_chat(make_knowledge):
    result = run_bot(stdin="When did Austin arrive in Kyiv?\n/quit\n", knowledge=make_knowledge())
    assert result.returncode == 0
    assert "DISCORD_TOKEN" in result.stdout
    assert "He arrived on Monday." in result.stdout


def test_run_without_token_says_how_to_set_it(make_knowledge):
    result = run_bot("run", knowledge=make_knowledge())
    assert result.returncode == 2 and "DISCORD_TOKEN is not set" in result.stdout


@pytest.fixture
def snapshot(make_knowledge):
    return build_snapshot(make_knowledge(), 500)


def test_chat_commands(snapshot):
    assert "Austin visited Kyiv" in respond(snapshot, "/summary")
    assert "25 to 18" in respond(snapshot, "/summary conscription")
    assert "There is no topic" in respond(snapshot, "/summary weather")
    assert "page 1/1 (2 facts)" in respond(snapshot, "/facts")
    assert "page 1/1 (1 facts)" in respond(snapshot, "/facts conscription")
    assert "S1 (paragraph 1)" in respond(snapshot, "/quote 2") and "S3 (paragraph 2)" in respond(snapshot, "/quote 2")
    assert "no sentence 99" in respond(snapshot, "/quote 99")
    assert "/summary" in respond(snapshot, "/help")
    assert "Unknown command" in respond(snapshot, "/nope")
    assert respond(snapshot, "When did Austin arrive in Kyiv?").startswith("He arrived on Monday.")
    assert respond(snapshot, "pizza recipe?").startswith("The article doesn't say that.")


def test_readme_test_command_is_what_ci_runs():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    command = next(line for line in ci.splitlines() if line.startswith("python3 -m venv"))
    assert f"\n{command}\n" in readme


def test_a_reader_that_goes_away_gets_no_traceback(make_knowledge):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FACTBOT_", "DISCORD_"))}
    env["FACTBOT_KNOWLEDGE_DIR"] = str(make_knowledge())
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "ask", "--json"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, env=env, cwd=REPO,
    )
    assert process.stdin is not None and process.stdout is not None and process.stderr is not None
    process.stdin.write(b"When did Austin arrive in Kyiv?\n")
    process.stdin.flush()
    assert json.loads(process.stdout.readline())["fact_id"] == "austin-arrival"
    process.stdout.close()  # like `| head -1`
    with contextlib.suppress(BrokenPipeError):  # the bot may stop reading before this is written
        process.stdin.write(b"When did Austin arrive in Kyiv?\n" * 20_000)
        process.stdin.close()
    assert process.wait(timeout=60) == 141
    assert b"Traceback" not in process.stderr.read()


DUMP_REPLIES = """
import json
from bot.holder import build_snapshot
from bot.settings import load_settings
engine = build_snapshot(load_settings().knowledge_dir, 500).engine
questions = [q for fact in engine.base.facts for q in fact.questions]
replies = [engine.ask(q) for q in questions]
print(json.dumps([
    [(r.kind.value, r.fact and r.fact.id, r.confidence, [s.fact_id for s in r.suggestions]) for r in replies],
    [[(s.fact_id, s.question) for s in engine.autocomplete(q[:12])] for q in questions],
]))
"""


def test_replies_and_autocomplete_are_the_same_in_every_process():
    # Python's string hash seed changes set order from process to process; replies must not change.
    outputs = {
        run_bot_python(DUMP_REPLIES, env_extra={"PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")
    }
    assert len(outputs) == 1 and outputs.pop().startswith("[[[")


def run_bot_python(code: str, env_extra: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FACTBOT_", "DISCORD_"))}
    env.update(env_extra)
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=REPO, timeout=120
    )
