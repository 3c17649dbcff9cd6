"""Command line: `python -m bot <run|chat|ask|validate|export>` (also installed as `factbot`)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from bot import replies
from bot.holder import Snapshot, build_snapshot
from bot.knowledge.loader import KnowledgeError, format_problems
from bot.settings import SettingsError, load_settings

NO_TOKEN_HINT = (
    "No Discord token is set, so here is the console chat over the same engine.\n"
    "To run on Discord, put DISCORD_TOKEN=... in the environment or in .env (see .env.example), "
    "then run `python -m bot run`."
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="factbot",
        description="Answer questions about a news article from a curated fact base, quoting the article.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    knowledge = argparse.ArgumentParser(add_help=False)
    knowledge.add_argument("--knowledge", type=Path, metavar="DIR", help="knowledge directory to use")
    sub.add_parser("run", parents=[knowledge], help="connect to Discord (needs DISCORD_TOKEN)")
    sub.add_parser("chat", parents=[knowledge], help="interactive console over the same engine")
    ask = sub.add_parser("ask", parents=[knowledge], help="answer one question (or many with --json)")
    ask.add_argument("question", nargs="*", help="the question; with --json and none, read stdin lines")
    ask.add_argument("--json", action="store_true", help="print JSON (one object per question)")
    sub.add_parser("validate", parents=[knowledge], help="check the knowledge files and summarise them")
    export = sub.add_parser("export", parents=[knowledge], help="print the whole fact base")
    export.add_argument("--json", action="store_true", required=True, help="as one JSON document")
    return parser


def _fail(message: str, code: int) -> int:
    print(message, file=sys.stderr)
    return code


def _input_lines(prompt: str) -> Iterator[str]:
    interactive = sys.stdin.isatty()
    while True:
        try:
            line = input(prompt) if interactive else sys.stdin.readline()
        except (EOFError, KeyboardInterrupt):
            return
        if not interactive and not line:
            return
        yield line


def main(argv: list[str] | None = None) -> int:
    try:
        return _main(argv)
    except BrokenPipeError:
        # The reader went away (`ask ... | head`): stop quietly, as command-line tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


def _main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = load_settings()
    except SettingsError as exc:
        return _fail(str(exc), 2)
    directory: Path = getattr(args, "knowledge", None) or settings.knowledge_dir
    command = args.command
    if command is None:
        command = "run" if settings.token else "chat"
        if command == "chat":
            print(NO_TOKEN_HINT)

    try:
        snapshot = build_snapshot(directory, settings.max_question_chars)
    except KnowledgeError as exc:
        return _fail(f"The knowledge in {directory} is not valid:\n{format_problems(exc.problems)}", 1)

    if command == "validate":
        from bot.knowledge.export import describe

        print(f"{directory}: valid\n{describe(snapshot.base)}")
        return 0
    if command == "export":
        from bot.knowledge.export import fact_base_json

        json.dump(fact_base_json(snapshot.base), sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    if command == "ask":
        return _ask(snapshot, args.question, args.json)
    if command == "chat":
        from bot.console import run_console

        run_console(snapshot, _input_lines("you> "), print)
        return 0
    from bot.client import run_bot

    return run_bot(settings, snapshot, directory)


def _ask(snapshot: Snapshot, words: list[str], as_json: bool) -> int:
    question = " ".join(words)
    if not words and not as_json:
        return _fail('Give a question, like: python -m bot ask "When did Austin arrive in Kyiv?"', 2)
    if as_json and not words:
        for line in sys.stdin:
            if line.strip():
                print(json.dumps(replies.reply_json(snapshot.engine.ask(line.rstrip("\n"))), ensure_ascii=False))
                sys.stdout.flush()
        return 0
    reply = snapshot.engine.ask(question)
    if as_json:
        print(json.dumps(replies.reply_json(reply), ensure_ascii=False))
    else:
        print(replies.reply_text(reply))
    return 0


if __name__ == "__main__":
    sys.exit(main())
