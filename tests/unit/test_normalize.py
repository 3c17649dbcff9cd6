from bot.engine.normalize import (
    AliasTable,
    answer_kinds,
    clean,
    content_tokens,
    raw_tokens,
    stem,
    wh_kind,
)


def test_case_punctuation_and_curly_quotes():
    assert raw_tokens("RUSSIA’S “Victory Plan”!!") == ["russia", "victory", "plan"]
    assert raw_tokens("Russia's 'victory plan'") == ["russia", "victory", "plan"]


def test_digits_with_or_without_separators_are_the_same():
    assert raw_tokens("11,000 troops") == raw_tokens("11000 troops") == ["11000", "troops"]
    assert raw_tokens("2 600") == ["2600"]


def test_zero_width_and_control_characters_are_dropped():
    assert clean("Aus\u200btin\x07 visit") == "austin  visit"


def test_us_in_capitals_is_the_country_but_us_is_a_pronoun():
    assert raw_tokens("The U.S. commitment")[:3] == ["the", "united", "states"]
    assert raw_tokens("US aid") == ["united", "states", "aid"]
    assert raw_tokens("is the us watching") == ["is", "the", "united", "states", "watching"]
    assert raw_tokens("us officials") == ["united", "states", "officials"]
    assert raw_tokens("tell us more") == ["tell", "us", "more"]
    assert content_tokens(raw_tokens("tell us about it")) == []


def test_number_words_become_digits():
    assert raw_tokens("eighteen or 18") == ["18", "or", "18"]


def test_stop_words_go_but_the_kind_of_question_stays():
    tokens = raw_tokens("How many North Korean troops are there?")
    assert wh_kind(tokens) == "quantity"
    assert content_tokens(tokens) == ["north", "korean", "troop"]
    assert wh_kind(raw_tokens("Who is Budanov")) == "who"
    assert wh_kind(raw_tokens("when did he arrive")) == "when"
    assert wh_kind(raw_tokens("what day did he arrive")) == "when"
    assert wh_kind(raw_tokens("where are they training")) == "where"
    assert wh_kind(raw_tokens("why is Austin there")) == "why"
    assert wh_kind(raw_tokens("Austin arrival")) is None
    assert wh_kind(raw_tokens("what date did he arrive")) == "date"
    assert wh_kind(raw_tokens("which day did he land")) == "when"
    assert wh_kind(raw_tokens("what is the official's name")) == "name"
    assert wh_kind(raw_tokens("whats the date")) == "date"


def test_kind_reads_the_word_after_every_wh_word():
    assert wh_kind(raw_tokens("what is it, and what for")) == "why"
    assert wh_kind(raw_tokens("which one, which official")) == "who"
    assert wh_kind(raw_tokens("how old and how many")) == "quantity"
    assert wh_kind(raw_tokens("so how")) is None


def test_a_weekday_is_no_date_and_a_title_is_no_name():
    assert "when" in answer_kinds("He arrived on Monday.") and "date" not in answer_kinds("He arrived on Monday.")
    assert "date" in answer_kinds("By November 1.") and "date" in answer_kinds("Since 2022.")
    assert "name" not in answer_kinds("A senior U.S. defense official.")
    assert "name" in answer_kinds("Rustem Umerov is the defense minister.")
    assert "name" in answer_kinds("The Kursk region is in western Russia.")
    assert "name" not in answer_kinds("According to a senior U.S. defense official, Ukraine is stronger.")


def test_stemming_is_consistent():
    assert stem("strikes") == stem("strike") == stem("striked")
    assert stem("arrive") == stem("arrived") == stem("arrives")
    assert stem("training") == "train" and stem("trained") == "train"
    assert stem("territories") == "territory"


def test_aliases_rewrite_longest_phrase_first():
    table = AliasTable.build([("north korea", ["dprk", "kim's troops"]), ("austin", ["pentagon chief"])])
    assert table.apply(raw_tokens("Kim's troops and the DPRK")) == ["north", "korea", "and", "the", "north", "korea"]
    assert table.apply(raw_tokens("the Pentagon chief")) == ["the", "austin"]
    assert table.apply(raw_tokens("the Pentagon")) == ["the", "pentagon"]


def test_going_to_is_the_future_not_a_content_word():
    assert content_tokens(raw_tokens("is austin going to meet zelensky")) == ["austin", "meet", "zelensky"]
    assert "going" in content_tokens(raw_tokens("how is the war going"))


def test_texts_cleaned_together_stay_apart():
    from bot.engine.normalize import raw_tokens_many

    assert list(raw_tokens_many(["aid from the U.", "S. troops"])) == [["aid", "from", "the", "u"], ["s", "troops"]]
