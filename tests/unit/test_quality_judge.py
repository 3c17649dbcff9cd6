"""The benchmark's judge: what counts as a right answer."""

from __future__ import annotations

from benchmarks.quality import Item, Outcome, Verdict, judge


def item(*expect: str) -> Item:
    return Item(q="q", kind="wh", answerable=True, sentences=frozenset({5}), expect=expect)


def test_curly_and_straight_apostrophes_are_the_same():
    answered = Outcome(answered=True, sentences=frozenset({5}), text="It will highlight Kyiv's successes.")
    assert judge(item("Kyiv\u2019s successes"), answered, check_text=True) == Verdict.RIGHT_ANSWER


def test_numbers_as_words_or_digits_and_separators():
    answered = Outcome(answered=True, sentences=frozenset({5}), text="Seven of them, 11,000 in all.")
    assert judge(item("7"), answered, check_text=True) == Verdict.RIGHT_ANSWER
    assert judge(item("11000"), answered, check_text=True) == Verdict.RIGHT_ANSWER


def test_right_sentence_without_an_expected_string_is_wrong():
    answered = Outcome(answered=True, sentences=frozenset({5}), text="Something else entirely.")
    assert judge(item("Kyiv\u2019s successes"), answered, check_text=True) == Verdict.WRONG_ANSWER


def test_wrong_sentence_is_wrong_and_a_refusal_is_a_wrong_refusal():
    elsewhere = Outcome(answered=True, sentences=frozenset({6}), text="Kyiv's successes")
    assert judge(item("Kyiv's successes"), elsewhere, check_text=True) == Verdict.WRONG_ANSWER
    assert judge(item("x"), Outcome(answered=False), check_text=True) == Verdict.WRONG_REFUSAL


def test_unanswerable_is_right_only_when_declined():
    unanswerable = Item(q="q", kind="near_miss", answerable=False, sentences=frozenset(), expect=())
    assert judge(unanswerable, Outcome(answered=False), check_text=True) == Verdict.RIGHT_DECLINE
    answered = Outcome(answered=True, sentences=frozenset({1}), text="x")
    assert judge(unanswerable, answered, check_text=True) == Verdict.WRONG_ANSWER
