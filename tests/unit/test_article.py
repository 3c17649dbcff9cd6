from bot.knowledge.article import number_sentences, split_sentences
from tests.conftest import KNOWLEDGE, REPO


def article_sentences():
    return number_sentences((KNOWLEDGE / "article.txt").read_text(encoding="utf-8"))


def test_article_is_kept_byte_for_byte():
    shared = REPO.parent / "shared" / "article" / "article.txt"
    if shared.exists():
        assert (KNOWLEDGE / "article.txt").read_bytes() == shared.read_bytes()


def test_sentence_numbers_and_paragraphs_are_stable():
    sentences = article_sentences()
    assert len(sentences) == 34
    assert [s.n for s in sentences] == list(range(1, 35))
    assert sentences[0].paragraph == 1 and sentences[-1].paragraph == 13
    assert sentences[25].text == "The claims of North Korean involvement have raised international alarm."
    assert sentences[25].paragraph == 10


def test_every_sentence_is_a_verbatim_slice_of_the_text():
    text = (KNOWLEDGE / "article.txt").read_text(encoding="utf-8")
    for sentence in article_sentences():
        assert text[sentence.start : sentence.end] == sentence.text


def test_us_abbreviation_does_not_end_a_sentence():
    texts = [s.text for s in article_sentences()]
    assert any(t.startswith("The U.S. is set to continue") for t in texts)
    assert any(t.startswith("As the U.S. presidential election looms") for t in texts)
    assert not any(t.endswith("U.S.") for t in texts)


def test_military_titles_stay_inside_the_sentence():
    texts = [s.text for s in article_sentences()]
    budanov = [t for t in texts if "Kyrylo Budanov" in t]
    assert budanov == [
        "Zelensky’s remarks were further substantiated by Lt. Gen. Kyrylo Budanov, head of Ukraine’s Main "
        "Directorate of Intelligence."
    ]


def test_a_quotation_spanning_two_sentences_is_two_sentences():
    texts = [s.text for s in article_sentences()]
    first = texts.index("“These are not just workers for production, but also military personnel.")
    assert texts[first + 1] == "We expect a proper and fair response from our partners on this matter.”"


def test_closing_quote_after_period_stays_with_its_sentence():
    pieces = split_sentences("He said “stop.” Then he left. Dr. Who came. J. F. Kennedy spoke!")
    assert pieces == ["He said “stop.”", "Then he left.", "Dr. Who came.", "J. F. Kennedy spoke!"]


def test_lower_case_after_period_continues_the_sentence():
    assert split_sentences("The U.S. is here. Budget is 11.5 bn. Done.") == [
        "The U.S. is here.", "Budget is 11.5 bn.", "Done."
    ]
