"""Answer quality on benchmarks/questions.jsonl: the engine against two baselines, in one run.

    python benchmarks/quality.py [--questions FILE] [--knowledge DIR] [--failures] [--variants]

A question counts as answered correctly when the bot answers from one of its expected sentences and,
where the set gives `expect`, the answer text contains one of those strings (a number may be written as
a word or in digits: "Seven" gives "7"; curly and straight quotes are the same). A reply that gives two
tied facts (each under its own quote) counts as right when one of them is; the article's summary, given
to a request for the gist, counts as an answer from the sentences it cites. Unanswerable questions
count as correct only when declined. Baselines pick the best-matching article sentence and answer when
its score clears a threshold; each is shown at the threshold that is best for it on this same set.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process, utils

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.engine.answer import Engine  # noqa: E402
from bot.engine.matcher import MatchWeights  # noqa: E402
from bot.knowledge.loader import load_fact_base  # noqa: E402
from bot.knowledge.models import FactBase  # noqa: E402

KINDS_ORDER = (
    "plain", "paraphrase", "alias", "typo", "keywords", "casual", "wh", "inference",
    "unrelated", "near_miss", "chitchat", "adversarial",
)


@dataclass(frozen=True, slots=True)
class Item:
    q: str
    kind: str
    answerable: bool
    sentences: frozenset[int]
    expect: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a system did with one question: answered from these sentences with this text, or declined."""

    answered: bool
    sentences: frozenset[int] = frozenset()
    text: str = ""


class Verdict:
    RIGHT_ANSWER = "answered correctly"
    RIGHT_DECLINE = "declined correctly"
    WRONG_ANSWER = "wrong answers"
    WRONG_REFUSAL = "wrong refusals"


def load_items(path: Path) -> list[Item]:
    items = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            raw = json.loads(line)
            items.append(Item(
                q=raw["q"], kind=raw["kind"], answerable=bool(raw["answerable"]),
                sentences=frozenset(raw.get("sentences", [])), expect=tuple(raw.get("expect", [])),
            ))
    return items


_NUMBER_WORDS = dict(zip(
    "one two three four five six seven eight nine ten eleven twelve".split(), map(str, range(1, 13)), strict=True
))
_NUMBER_WORD = re.compile(rf"\b(?:{'|'.join(_NUMBER_WORDS)})\b")


_STRAIGHT_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def _plain(text: str) -> str:
    """Case-folded, curly quotes straight, "11,000" as "11000" and "seven" as "7".

    An answer of "Seven" gives an expected "7", and "Kyiv's" gives an expected "Kyiv’s".
    """
    text = re.sub(r"(?<=\d)[, ](?=\d{3}\b)", "", text.casefold().translate(_STRAIGHT_QUOTES))
    return _NUMBER_WORD.sub(lambda word: _NUMBER_WORDS[word[0]], text)


def judge(item: Item, outcome: Outcome, check_text: bool) -> str:
    if not item.answerable:
        return Verdict.RIGHT_DECLINE if not outcome.answered else Verdict.WRONG_ANSWER
    if not outcome.answered:
        return Verdict.WRONG_REFUSAL
    right_place = bool(outcome.sentences & item.sentences)
    right_text = not (check_text and item.expect) or any(_plain(e) in _plain(outcome.text) for e in item.expect)
    return Verdict.RIGHT_ANSWER if right_place and right_text else Verdict.WRONG_ANSWER


@dataclass
class Tally:
    counts: dict[str, Counter[str]]

    @classmethod
    def of(cls, items: Sequence[Item], verdicts: Sequence[str]) -> Tally:
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        for item, verdict in zip(items, verdicts, strict=True):
            counts[item.kind][verdict] += 1
            counts["overall"][verdict] += 1
            counts["answerable" if item.answerable else "unanswerable"][verdict] += 1
        return cls(dict(counts))

    def accuracy(self, group: str = "overall") -> float:
        c = self.counts.get(group, Counter())
        total = sum(c.values())
        return (c[Verdict.RIGHT_ANSWER] + c[Verdict.RIGHT_DECLINE]) / total if total else 0.0

    def wrong_answer_rate_unanswerable(self) -> float:
        c = self.counts.get("unanswerable", Counter())
        total = sum(c.values())
        return c[Verdict.WRONG_ANSWER] / total if total else 0.0


def engine_outcomes(engine: Engine, items: Sequence[Item]) -> list[Outcome]:
    outcomes = []
    for item in items:
        reply = engine.ask(item.q)
        if reply.answered and reply.fact:
            quoted = frozenset(n for fact in reply.facts for n in fact.sentences)
            outcomes.append(Outcome(True, quoted, reply.answer or ""))
        elif reply.summary:  # the gist, from the sentences it cites: an answer, judged like one
            outcomes.append(Outcome(True, frozenset(reply.summary.sentences), reply.summary.text))
        else:
            outcomes.append(Outcome(False))
    return outcomes


# --- baselines: best article sentence by a plain scorer, answered above a threshold ---------------

_STOP = frozenset(
    "a an the and or of to in on at by for from with is are was were be been do does did what who when "
    "where why how which that this it its as".split()
)


def _words(text: str) -> list[str]:
    return [w for w in utils.default_process(text).split() if w not in _STOP]


class BM25:
    """Okapi BM25 over article sentences, with Lucene's always-positive IDF."""

    def __init__(self, documents: Sequence[str], k1: float = 1.2, b: float = 0.75) -> None:
        self.docs = [Counter(_words(d)) for d in documents]
        self.lengths = [sum(d.values()) for d in self.docs]
        self.avg = sum(self.lengths) / len(self.lengths)
        df: Counter[str] = Counter(w for d in self.docs for w in d)
        n = len(self.docs)
        self.idf = {w: math.log(1 + (n - f + 0.5) / (f + 0.5)) for w, f in df.items()}
        self.k1, self.b = k1, b

    def best(self, query: str) -> tuple[int, float]:
        words = _words(query)
        scores = []
        for doc, length in zip(self.docs, self.lengths, strict=True):
            s = 0.0
            for w in words:
                tf = doc.get(w, 0)
                if tf:
                    s += self.idf[w] * tf * (self.k1 + 1) / (tf + self.k1 * (1 - self.b + self.b * length / self.avg))
            scores.append(s)
        best = max(range(len(scores)), key=lambda i: (scores[i], -i))
        return best, scores[best]


def sentence_baseline(
    items: Sequence[Item], best: Callable[[str], tuple[int, float]], numbers: Sequence[int]
) -> tuple[float, Tally]:
    """The baseline at its own best threshold on this set."""
    picks = [best(item.q) for item in items]
    thresholds = sorted({round(score, 3) for _, score in picks} | {0.0, float("inf")})
    best_tally: Tally | None = None
    best_threshold = 0.0
    for threshold in thresholds:
        outcomes = [
            Outcome(True, frozenset({numbers[i]})) if score >= threshold and score > 0 else Outcome(False)
            for i, score in picks
        ]
        tally = Tally.of(items, [judge(it, o, check_text=False) for it, o in zip(items, outcomes, strict=True)])
        if best_tally is None or tally.accuracy() > best_tally.accuracy():
            best_tally, best_threshold = tally, threshold
    assert best_tally is not None
    return best_threshold, best_tally


def wratio_best(sentences: Sequence[str]) -> Callable[[str], tuple[int, float]]:
    def best(query: str) -> tuple[int, float]:
        found = process.extractOne(query, sentences, scorer=fuzz.WRatio, processor=utils.default_process)
        return (found[2], float(found[1])) if found else (0, 0.0)

    return best


# --- report -----------------------------------------------------------------------------------------

def _row(name: str, c: Counter[str]) -> str:
    total = sum(c.values())
    right = c[Verdict.RIGHT_ANSWER] + c[Verdict.RIGHT_DECLINE]
    pct = 100 * right / total if total else 0.0
    return (f"{name:<13}{total:>5}{c[Verdict.RIGHT_ANSWER]:>9}{c[Verdict.RIGHT_DECLINE]:>9}"
            f"{c[Verdict.WRONG_ANSWER]:>8}{c[Verdict.WRONG_REFUSAL]:>10}{pct:>9.1f}%")


def print_tally(title: str, tally: Tally) -> None:
    print(f"\n{title}")
    print(f"{'kind':<13}{'n':>5}{'answered':>9}{'declined':>9}{'wrong':>8}{'refused':>10}{'accuracy':>10}")
    print(f"{'':<13}{'':>5}{'right':>9}{'right':>9}{'answer':>8}{'wrongly':>10}")
    for kind in [*KINDS_ORDER, *sorted(set(tally.counts) - set(KINDS_ORDER))]:
        if kind in tally.counts and kind not in ("overall", "answerable", "unanswerable"):
            print(_row(kind, tally.counts[kind]))
    for group in ("answerable", "unanswerable", "overall"):
        print(_row(group, tally.counts.get(group, Counter())))


WEIGHT_VARIANTS: dict[str, MatchWeights] = {
    "phrasings only": MatchWeights(source_field=0.0),
    "phrasings + source (default)": MatchWeights(),
    "phrasings + source + answer": MatchWeights(answer_field=0.75),
    "coverage only, no phrasing F1": MatchWeights(coverage=1.0, phrasing_f1=0.0),
    "with rapidfuzz token_sort_ratio 0.2": MatchWeights(coverage=0.65, phrasing_f1=0.15, fuzzy=0.2),
    "rapidfuzz token_sort_ratio only": MatchWeights(coverage=0.0, phrasing_f1=0.0, fuzzy=1.0),
    "no answer-kind check": MatchWeights(answer_kind_mismatch=1.0),
    "no name check": MatchWeights(entity_mismatch=1.0),
    "no question-kind check": MatchWeights(wh_mismatch=1.0),
    "no which-one check": MatchWeights(unidentified=1.0),
    "no echo check": MatchWeights(echo=1.0),
    "everyday words at full weight": MatchWeights(weak_known_word=1.0, weak_missing=1.0),
    "missing everyday words at full cost": MatchWeights(weak_missing=MatchWeights().weak_known_word),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--questions", type=Path, default=ROOT / "benchmarks" / "questions.jsonl")
    parser.add_argument("--knowledge", type=Path, default=ROOT / "knowledge")
    parser.add_argument("--failures", action="store_true", help="list every question the engine got wrong")
    parser.add_argument("--variants", action="store_true", help="also compare field/signal weightings")
    args = parser.parse_args(argv)

    items = load_items(args.questions)
    base: FactBase = load_fact_base(args.knowledge)
    engine = Engine(base)
    outcomes = engine_outcomes(engine, items)
    verdicts = [judge(it, o, check_text=True) for it, o in zip(items, outcomes, strict=True)]
    tally = Tally.of(items, verdicts)
    print(f"{len(items)} questions ({sum(i.answerable for i in items)} answerable), "
          f"{len(base.facts)} facts, knowledge version {base.version}")
    print_tally("factbot engine", tally)

    sentences = [s.text for s in base.article.sentences]
    numbers = [s.n for s in base.article.sentences]
    w_threshold, w_tally = sentence_baseline(items, wratio_best(sentences), numbers)
    bm25 = BM25(sentences)
    b_threshold, b_tally = sentence_baseline(items, bm25.best, numbers)
    print_tally(f"baseline: rapidfuzz WRatio over sentences (best threshold {w_threshold:g})", w_tally)
    print_tally(f"baseline: BM25 over sentences (best threshold {b_threshold:g})", b_tally)

    overall = tally.accuracy()
    print("\nsummary")
    right = sum(tally.counts["overall"][v] for v in (Verdict.RIGHT_ANSWER, Verdict.RIGHT_DECLINE))
    wrong_unanswerable = tally.counts.get("unanswerable", Counter())[Verdict.WRONG_ANSWER]
    unanswerable = sum(tally.counts.get("unanswerable", Counter()).values())
    print(f"  engine overall accuracy        {100 * overall:6.2f}%   {right}/{len(items)} (target >= 97%: "
          f"{'met' if overall >= 0.97 else 'not met'})")
    print(f"  wrong answers to unanswerable  {100 * tally.wrong_answer_rate_unanswerable():6.2f}%   "
          f"{wrong_unanswerable}/{unanswerable} (target <= 2%: "
          f"{'met' if tally.wrong_answer_rate_unanswerable() <= 0.02 else 'not met'})")
    print(f"  WRatio baseline                {100 * w_tally.accuracy():6.1f}%   "
          f"(engine ahead by {100 * (overall - w_tally.accuracy()):.1f} points; target >= 20)")
    print(f"  BM25 baseline                  {100 * b_tally.accuracy():6.1f}%   "
          f"(engine ahead by {100 * (overall - b_tally.accuracy()):.1f} points; target >= 20)")

    if args.variants:
        print("\nweighting variants (same set, same thresholds)")
        for name, weights in WEIGHT_VARIANTS.items():
            variant = Engine(base, weights=weights)
            v_out = engine_outcomes(variant, items)
            v_tally = Tally.of(items, [judge(it, o, True) for it, o in zip(items, v_out, strict=True)])
            print(f"  {name:<40}{100 * v_tally.accuracy():6.1f}%   wrong answers "
                  f"{v_tally.counts['overall'][Verdict.WRONG_ANSWER]}")
    if args.failures:
        print("\nfailures")
        for item, outcome, verdict in zip(items, outcomes, verdicts, strict=True):
            if verdict in (Verdict.WRONG_ANSWER, Verdict.WRONG_REFUSAL):
                reply = engine.ask(item.q)
                got = reply.fact.id if reply.fact else f"declined ({reply.confidence:.2f})"
                print(f"  [{item.kind}] {verdict}: {item.q!r} expected S{sorted(item.sentences)} "
                      f"{list(item.expect)} got {got} {sorted(outcome.sentences)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

