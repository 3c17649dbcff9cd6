"""The benchmark's judge: what counts as a right answer."""

from __future__ import annotations

from benchmarks.quality import Item, Outcome, Verdict, judge


def item(*expect: str) -> Item:
    return Item(q="q", kind="wh", answerable=True, sentences=frozenset({5}), expect=expect)


def verdict(expected: Item, text: str, sentence: int = 5) -> str:
    """The verdict on an answer with this text from this sentence."""
    return judge(expected, Outcome(answered=True, sentences=frozenset({sentence}), text=text), check_text=True)


def test_curly_and_straight_apostrophes_are_the_same():
    assert verdict(item("Kyiv\u2019s successes"), "It will highlight Kyiv's successes.") == Verdict.RIGHT_ANSWER


def test_numbers_as_words_or_digits_and_separators():
    assert verdict(item("7"), "Seven of them, 11,000 in all.") == Verdict.RIGHT_ANSWER
    assert verdict(item("11000"), "Seven of them, 11,000 in all.") == Verdict.RIGHT_ANSWER


def test_right_sentence_without_an_expected_string_is_wrong():
    assert verdict(item("Kyiv\u2019s successes"), "Something else entirely.") == Verdict.WRONG_ANSWER


def test_wrong_sentence_is_wrong_and_a_refusal_is_a_wrong_refusal():
    assert verdict(item("Kyiv's successes"), "Kyiv's successes", sentence=6) == Verdict.WRONG_ANSWER
    assert judge(item("x"), Outcome(answered=False), check_text=True) == Verdict.WRONG_REFUSAL


def test_unanswerable_is_right_only_when_declined():
    unanswerable = Item(q="q", kind="near_miss", answerable=False, sentences=frozenset(), expect=())
    assert judge(unanswerable, Outcome(answered=False), check_text=True) == Verdict.RIGHT_DECLINE
    assert verdict(unanswerable, "x", sentence=1) == Verdict.WRONG_ANSWER
