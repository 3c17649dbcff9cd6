"""Speed of the real engine on the real fact base and on generated ones of 1,000 and 10,000 facts.

    python benchmarks/speed.py [--sizes 0 1000 10000] [--rounds 3]

For each size (0 means the real knowledge/ as it is) it writes the fact base as the knowledge files,
then in a fresh subprocess: loads and validates it and builds the engine (load time), answers every
question of benchmarks/questions.jsonl once right after loading (the first pass, which pays for what
is worked out on first use), then several times more (median and p99 per question), runs a naive
`process.extractOne` over every phrasing on the same questions in the same process (the ratio), and
reports the process's peak memory. Load time is the median of three loads in that process.
Single-threaded; figures are medians of one run on this machine.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from rapidfuzz import fuzz, process, utils

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.engine.answer import DEFAULT_MAX_CHARS  # noqa: E402
from bot.holder import build_snapshot  # noqa: E402

SYNONYMS = {
    "troops": ["soldiers", "forces", "personnel"], "visit": ["trip", "stop"], "said": ["stated", "claimed"],
    "how": ["how exactly"], "Russia": ["Moscow", "the Kremlin"], "North Korea": ["the DPRK", "Pyongyang"],
    "Austin": ["the defense secretary", "the Pentagon chief"], "war": ["conflict", "fighting"],
    "Ukraine": ["Kyiv"], "What": ["What exactly", "Tell me what"], "why": ["for what reason"],
}
SYLLABLES = ["ka", "lo", "mi", "ren", "sa", "tor", "vel", "zu", "bri", "dan", "fe", "gor", "hal", "ix", "jun"]


def _name(k: int) -> str:
    """A made-up name, different for every k (k written in base 15 with syllables for digits)."""
    parts = []
    for _ in range(4):
        k, digit = divmod(k, len(SYLLABLES))
        parts.append(SYLLABLES[digit])
    return "".join(parts).capitalize()


def _vary(question: str, k: int, rng: random.Random) -> str:
    for word, options in SYNONYMS.items():
        if word in question and rng.random() < 0.5:
            question = question.replace(word, rng.choice(options), 1)
    return f"{question.rstrip('?')} according to {_name(k)}?"


def generate(source: Path, target: Path, size: int) -> None:
    """Copy knowledge/ to target with `size` facts made from the real ones with varied wording."""
    shutil.copytree(source, target)
    if size <= 0:
        return
    real = yaml.safe_load((source / "facts.yaml").read_text(encoding="utf-8"))["facts"]
    rng = random.Random(size)
    facts = []
    for k in range(size):
        fact = real[k % len(real)]
        facts.append({
            "id": f"{fact['id']}-g{k}",
            "questions": list({v.casefold(): v for v in (_vary(q, k, rng) for q in fact["questions"])}.values()),
            "answer": fact["answer"],
            "quote": fact["quote"],
            "topics": fact["topics"],
        })
    (target / "facts.yaml").write_text(
        yaml.safe_dump({"facts": facts}, allow_unicode=True, sort_keys=False, width=200), encoding="utf-8"
    )


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def measure(directory: Path, rounds: int) -> dict[str, float]:
    """Runs inside the subprocess: every figure for one fact base."""
    questions = [
        json.loads(line)["q"]
        for line in (ROOT / "benchmarks" / "questions.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    loads = []
    for _ in range(3):  # the median of three, as the machine is noisy
        started = time.perf_counter()
        snapshot = build_snapshot(directory, DEFAULT_MAX_CHARS)  # what the bot and /reload run
        base, engine = snapshot.base, snapshot.engine
        loads.append(time.perf_counter() - started)
    load_seconds = statistics.median(loads)

    # The first pass after loading is timed on its own: it pays for what is worked out on first use
    # (a fact's phrasings one by one when it first makes a shortlist, typo corrections).
    cold: list[float] = []
    for q in questions:
        t0 = time.perf_counter()
        engine.ask(q)
        cold.append(time.perf_counter() - t0)
    timings: list[float] = []
    for _ in range(rounds):
        for q in questions:
            t0 = time.perf_counter()
            engine.ask(q)
            timings.append(time.perf_counter() - t0)

    phrasings = [q for fact in base.facts for q in fact.questions]
    naive: list[float] = []
    for q in questions:
        t0 = time.perf_counter()
        process.extractOne(q, phrasings, scorer=fuzz.WRatio, processor=utils.default_process)
        naive.append(time.perf_counter() - t0)
    engine_median = statistics.median(timings)
    naive_median = statistics.median(naive)
    return {
        "facts": len(base.facts),
        "phrasings": len(phrasings),
        "load_s": load_seconds,
        "median_ms": engine_median * 1000,
        "p99_ms": _percentile(timings, 0.99) * 1000,
        "first_median_ms": statistics.median(cold) * 1000,
        "first_p99_ms": _percentile(cold, 0.99) * 1000,
        "naive_median_ms": naive_median * 1000,
        "speedup": naive_median / engine_median if engine_median else 0.0,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[0, 1000, 10000])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--knowledge", type=Path, default=ROOT / "knowledge")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        print(json.dumps(measure(args.measure, args.rounds)))
        return 0

    print(f"{'facts':>7}{'phrasings':>10}{'load s':>9}{'median ms':>11}{'p99 ms':>9}"
          f"{'1st pass median/p99 ms':>24}{'naive ms':>10}{'faster':>8}{'peak MB':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            directory = Path(tmp) / f"knowledge-{size}"
            generate(args.knowledge, directory, size)
            out = subprocess.run(
                [sys.executable, __file__, "--measure", str(directory), "--rounds", str(args.rounds)],
                check=True, capture_output=True, text=True,
            )
            r = json.loads(out.stdout)
            first = f"{r['first_median_ms']:.3f} / {r['first_p99_ms']:.3f}"
            print(f"{r['facts']:>7}{r['phrasings']:>10}{r['load_s']:>9.2f}{r['median_ms']:>11.3f}"
                  f"{r['p99_ms']:>9.3f}{first:>24}{r['naive_median_ms']:>10.3f}{r['speedup']:>7.1f}x"
                  f"{r['peak_mb']:>9.0f}")
    print("targets: median < 1 ms per question at 10,000 facts; load < 2 s at 10,000 facts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
