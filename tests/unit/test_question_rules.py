"""Rules about what a question asks for: someone's words, or a thing to be picked out by name."""

from __future__ import annotations

import pytest

from bot.engine.answer import Engine, ReplyKind
from bot.engine.company import asked_companion
from bot.engine.identify import asked_thing, asks_role_holder, gives_role_holder, number_forms, only_generic
from bot.engine.normalize import AliasTable, answer_kinds, asks_open, given_words, raw_tokens, stem, wh_kind
from bot.engine.speakers import asked_informant, asked_speaker, quoted_names, reports_words
from bot.knowledge.loader import load_fact_base
from tests.conftest import S1, S24, SMALL_FACTS

S2 = (
    "The visit comes at a crucial moment, with Ukrainian President Volodymyr Zelensky raising alarms about "
    "North Korea’s growing involvement in the conflict, accusing Pyongyang of supplying military personnel "
    "to assist Russia."
)
S28 = (
    "Experts warn that the potential deployment of North Korean troops may signal a new phase in the "
    "conflict, where geopolitical alliances could redefine military strategies on the battlefield."
)
FACTS = SMALL_FACTS + f'''  - id: country-helping-russia
    questions:
      - "Which country is accused of helping Russia?"
      - "Who is Zelensky accusing of sending personnel to Russia?"
      - "What is Pyongyang accused of?"
    answer: "North Korea: Zelensky accuses Pyongyang of supplying military personnel to assist Russia."
    quote: "{S2}"
    topics: [austin-visit]
  - id: nk-training-where
    questions:
      - "Where are North Korean troops training?"
      - "where are north korean soldiers based"
      - "North Korean training location"
    answer: In eastern Russia, according to Budanov.
    quote: "{S24}"
    topics: [conscription]
  - id: experts-new-phase
    questions:
      - "What do experts warn about the North Korean deployment?"
      - "Could this be a new phase of the war?"
      - "experts new phase"
    answer: Experts warn that the deployment may signal a new phase in the conflict.
    quote: "{S28}"
    topics: [conscription]
'''
S30 = "With regional tensions simmering, the U.S. and its allies will be monitoring the situation closely."
FACTS += f'''  - id: regional-tensions
    questions:
      - "What is the state of regional tensions?"
      - "Are tensions in the region rising?"
      - "regional tensions"
    answer: Regional tensions are simmering.
    quote: "{S30}"
    topics: [austin-visit]
  - id: us-allies-monitoring
    questions:
      - "What will the U.S. and its allies do?"
      - "Is the West watching the situation?"
      - "us allies monitoring"
    answer: The U.S. and its allies will be monitoring the situation closely.
    quote: "{S30}"
    topics: [austin-visit]
'''
S9 = (
    "A senior U.S. defense official noted that Austin’s visit also provided an opportunity to evaluate the "
    "current status of the war."
)
FACTS += f'''  - id: official-unnamed
    questions:
      - "Which official said the visit was a chance to evaluate the war?"
      - "official evaluate war"
      - "who noted the visit was an opportunity"
    answer: A senior U.S. defense official.
    quote: "{S9}"
    topics: [austin-visit]
'''
NAMES = frozenset(
    stem(w) for w in "russia ukraine ukrainian korea north south korean zelensky budanov pyongyang intelligence".split()
)
ALIASES = AliasTable.build((("north korea", ("pyongyang", "dprk")),))


def asked(question: str) -> str | None:
    tokens = raw_tokens(question)
    return asked_thing(tokens, NAMES, ALIASES.apply)


@pytest.fixture
def engine(make_knowledge) -> Engine:
    return Engine(load_fact_base(make_knowledge(facts_yaml=FACTS)))


@pytest.mark.parametrize(("question", "noun"), [
    ("Which base in eastern Russia are they training at?", "base"),
    ("which ukrainian cities have had blackouts", "cities"),  # the name narrows, the noun is asked
    ("What's the name of the base where they train?", "base"),
    ("Which experts said this?", "experts"),
    ("Which country is helping Russia?", "country"),
    ("Which country's intelligence reported it?", "intelligence"),  # the country qualifies the agency
    ("which countries' intelligence services are cited", "intelligence"),
    ("which two countries' intelligence services back it", "intelligence"),  # the number counts what is asked
    ("which 2 experts said this", "experts"),
    ("which country's leader said it", None),  # a person: left to the who-kind check
    ("Which official said it?", None),  # people are left to the who-kind check
    ("What are the names of the experts who warned?", "experts"),
    ("What's the name of the South Korean intelligence agency that reported it?", "agency"),  # past names
    ("whats the name of ukraines defence minister", None),  # a title: a person
    ("What's the name of the guy who runs the HUR?", None),  # a person, whoever runs it
    ("Which came first, the statement or the visit?", None),  # a choice between things named later
    ("which is bigger, the first group or seoul's figure", None),
    ("What did the trip, which was his third, achieve?", None),  # "which" that does not ask
    ("When did Austin arrive?", None),
])
def test_the_noun_a_question_asks_to_have_picked_out(question, noun):
    assert asked(question) == noun


def test_a_compound_another_word_stands_for_is_asked_by_its_last_noun():
    aliases = AliasTable.build((("infrastructure", ("power plants",)), ("victory plan", ("strategy document",))))
    assert asked_thing(raw_tokens("Which power plants were hit?"), NAMES, aliases.apply) == "plants"
    assert asked_thing(raw_tokens("Which power was cut?"), NAMES, aliases.apply) == "power"
    assert asked_thing(raw_tokens("Which base camps are they at?"), NAMES, aliases.apply) == "base"  # no compound
    # The name of a compound is the name of what it stands for: the whole is asked, by its first word.
    assert asked_thing(raw_tokens("What's the name of the strategy document?"), NAMES, aliases.apply) == "strategy"


def test_the_noun_is_read_as_spelled_but_an_everyday_word_is_never_corrected(engine):
    assert engine.index.query("which contry is helping russia").asked == "country"
    assert engine.index.query("which base are the north koreans at").asked == "base"  # no typo of "based"
    assert engine.ask("which contry is accused of helping russia").kind is ReplyKind.ANSWER


S12 = (
    "Kyiv’s forces have been gradually pushed back in parts of eastern Ukraine, and Russian counter-attacks are "
    "chipping away at territories in the western Russian Kursk region."
)


def test_any_word_for_a_place_picks_out_the_place_asked(make_knowledge):
    engine = Engine(load_fact_base(make_knowledge(facts_yaml=FACTS + f'''  - id: kursk-counter-attacks
    questions:
      - "What are Russian counter-attacks doing?"
      - "russian counter attacks"
      - "Is Russia counter-attacking?"
    answer: Russian counter-attacks are chipping away at ground in the western Russian Kursk region.
    quote: "{S12}"
    topics: [austin-visit]
''')))
    area, base = (engine.index.query(f"in which {noun} are russian counter-attacks chipping away") for noun in
                  ("area", "base"))
    assert (area.asked, base.asked) == ("area", "base")
    # Neither word is the fact's; "Kursk region" picks out the area, while no word of it picks out a base.
    scores = [engine.index.candidates(query, 1)[0] for query in (area, base)]
    assert scores[0].fact.id == scores[1].fact.id == "kursk-counter-attacks"
    assert scores[0].score > scores[1].score


def test_number_forms_join_singular_and_plural():
    assert {"city", "cities"} <= number_forms("cities")
    assert {"base", "bases"} <= number_forms("base")
    assert "based" not in number_forms("base")


def test_a_bare_noun_does_not_say_which_one():
    assert only_generic(S28, "experts")  # "Experts warn…"
    assert not only_generic("the difficulties Ukrainian troops face on the eastern front", "front")
    assert not only_generic(S2, "country")  # not used at all: nothing to judge by
    assert not only_generic("Experts agree, and Western experts warn.", "experts")  # narrowed once
    assert not only_generic("It is the “victory plan,” a blueprint to win.", "blueprint")  # the name says which


def test_which_question_is_declined_when_the_article_never_says_which(engine):
    for question in (
        "Which base in eastern Russia are the North Koreans training at?",
        "What's the name of the base in eastern Russia where the North Koreans train?",
        "Which experts said this could be a new phase of the war?",
    ):
        reply = engine.ask(question)
        assert reply.kind is ReplyKind.DECLINE, question


def test_which_question_is_answered_when_the_fact_picks_it_out(engine):
    assert engine.ask("Which country did Zelensky accuse of sending personnel to Russia?").fact.id == (
        "country-helping-russia"
    )
    assert engine.ask("Where are the North Koreans training?").fact.id == "nk-training-where"
    assert engine.ask("What do experts warn about the deployment?").fact.id == "experts-new-phase"


def test_who_holds_a_post_is_answered_only_by_someone_named_by_a_post():
    assert asks_role_holder(raw_tokens("Who runs South Korea's intelligence service?"))
    assert asks_role_holder(raw_tokens("who is the head of ukrainian intelligence"))
    assert asks_role_holder(raw_tokens("whos in charge of the pentagon"))
    assert not asks_role_holder(raw_tokens("who reported the troops in russia"))
    assert not asks_role_holder(raw_tokens("what does the head of intelligence say"))  # not a who-question
    assert asks_role_holder(raw_tokens("who is north korea's leader"))
    # The post names who is asked about, not what is asked: whom the Pentagon chief meets.
    assert not asks_role_holder(raw_tokens("Who is the Pentagon chief sitting down with in Kyiv?"))
    assert gives_role_holder("Lt. Gen. Kyrylo Budanov, head of Ukraine's Main Directorate of Intelligence.")
    assert gives_role_holder("Rustem Umerov is Ukraine's Defense Minister.")
    assert not gives_role_holder("South Korean intelligence reported that 1,500 North Korean soldiers are in Russia.")
    zelensky = "Volodymyr Zelensky is Ukraine's president."
    assert gives_role_holder(zelensky, [stem("ukraine")])
    assert not gives_role_holder(zelensky, [stem("north"), stem("korea")])  # "who is the leader of north korea"


def test_who_runs_a_country_is_not_answered_with_an_accusation_about_it(engine):
    assert engine.ask("who heads the country accused of sending military personnel to russia").kind is (
        ReplyKind.DECLINE
    )
    assert engine.ask("Who is accusing Pyongyang of sending personnel to Russia?").kind is ReplyKind.ANSWER


def test_who_is_someone_only_described_is_not_answered_by_the_description(engine):
    assert engine.ask("Which official said the visit was a chance to evaluate the war?").kind is ReplyKind.ANSWER
    assert engine.ask("Who noted that the visit was an opportunity to evaluate the war?").kind is ReplyKind.ANSWER
    # The article never names the official: its description is no answer to whose it is.
    for question in (
        "Who is the senior U.S. defense official who said the visit was a chance to evaluate the war?",
        "who's the official that noted the visit was an opportunity to evaluate the war",
    ):
        assert engine.ask(question).kind is ReplyKind.DECLINE, question


def test_how_something_was_found_out_is_not_answered_by_what_was_found(engine):
    assert engine.ask("Where does Budanov say the North Korean troops are training?").kind is ReplyKind.ANSWER
    for question in (
        "How did Budanov find out where the North Korean troops are training?",
        "how did budanov's people get their data on where north korean troops train",
    ):
        assert engine.ask(question).kind is ReplyKind.DECLINE, question
    assert "means" in answer_kinds("Ukraine learnt of it by intercepting radio traffic.")
    assert "means" not in answer_kinds("The first group is expected at the front by November 1.")


def test_where_answered_only_with_the_place_the_question_gave_answers_nothing(engine):
    assert engine.ask("Where are the North Korean troops training?").fact.id == "nk-training-where"
    # "in eastern Russia" is all the article says, and the question already says it; and a fact with no
    # way of asking "where" at all is no answer either.
    assert engine.ask("where exactly in eastern russia are north korean troops training").kind is ReplyKind.DECLINE


def test_a_place_the_question_did_not_give_is_news_however_common_it_is(make_knowledge):
    facts = SMALL_FACTS + f'''  - id: austin-arrival-city
    questions:
      - "Where did Austin arrive?"
      - "austin arrival city"
      - "Which city did the Pentagon chief land in?"
    answer: Austin arrived in Kyiv.
    quote: "{S1}"
    topics: [austin-visit]
'''
    engine = Engine(load_fact_base(make_knowledge(facts_yaml=facts)))
    index = engine.index
    position = next(i for i, e in enumerate(index.entries) if e.fact.id == "austin-arrival-city")
    assert not index._only_echoes(position, index.query("where did lloyd austin arrive on monday"))  # Kyiv is new
    assert index._only_echoes(position, index.query("where in kyiv did austin arrive"))
    reply = engine.ask("where did lloyd austin arrive on monday")
    assert reply.kind is ReplyKind.ANSWER and reply.fact is not None and reply.fact.id == "austin-arrival-city"


def test_speakers_are_the_names_the_article_quotes_or_cites():
    sources = [S24, "“We will respond,” Zelensky said in a video.", S2]
    speakers = quoted_names(sources, ALIASES, NAMES)
    assert {"budanov", "zelensky"} <= speakers  # "according to Budanov", "Zelensky said"
    assert stem("ukrainian") in speakers  # through his title: "Ukrainian President Volodymyr Zelensky"
    assert stem("russia") not in speakers


def test_the_speaker_a_question_asks_about():
    assert asked_speaker(raw_tokens("what did budanov say about it"), NAMES) == stem("budanov")
    assert asked_speaker(raw_tokens("how did russia respond"), NAMES) == stem("russia")
    assert asked_speaker(raw_tokens("what did the article say"), NAMES) is None
    assert asked_speaker(raw_tokens("when did austin arrive"), NAMES) is None
    assert asked_speaker(raw_tokens("what did budanov tell austin"), NAMES) == stem("budanov")
    assert asked_speaker(raw_tokens("whats budanov even saying abt it"), NAMES) == stem("budanov")
    # Said after what is said: the name that ends the question is who says it.
    assert asked_speaker(raw_tokens("how many soldiers are in russia, says south korea"), NAMES) == stem("korea")
    assert asked_speaker(raw_tokens("what does zelensky say north korea is doing"), NAMES) == stem("zelensky")
    assert asked_speaker(raw_tokens("international reaction north korea"), NAMES) is None
    # A claim about North Korea, behind or about "the north korea claim", is not North Korea's.
    assert asked_speaker(raw_tokens("is there proof behind the north korea claim"), NAMES) is None
    assert asked_speaker(raw_tokens("what was the russia reaction"), NAMES) == stem("russia")


def informant(question: str) -> str | None:
    return asked_informant(question, raw_tokens(question), NAMES)


def test_the_name_whose_own_source_a_question_asks_for():
    assert informant("What is Budanov's source for the 11,000 figure?") == stem("budanov")
    assert informant("what sources did budanov use") == stem("budanov")
    assert informant("Where did South Korean intelligence get its information from?") == stem("intelligence")
    assert informant("where did budanov get that from") == stem("budanov")
    assert informant("what is the source of the 11,000 figure") is None  # who gave it is asked
    assert informant("is budanov the source of the figures") is None
    assert informant("How many intelligence sources are cited?") is None  # a kind of source, no one's own
    assert informant("where did the troops get their training") is None


def test_asking_where_a_named_source_had_it_from_is_declined(make_knowledge):
    source = f'''  - id: figures-source
    questions:
      - "Who gave the 11,000 figure?"
      - "source of the north korean troop figures"
      - "is budanov the source of the figures"
    answer: The figures come from Budanov.
    quote: "{S24}"
    topics: [conscription]
'''
    engine = Engine(load_fact_base(make_knowledge(facts_yaml=FACTS + source)))
    reply = engine.ask("what is the source of the 11,000 figure")
    assert reply.fact is not None and reply.fact.id == "figures-source"
    assert engine.ask("is budanov the source of the figures").kind is ReplyKind.ANSWER
    for question in ("Where did Budanov get his 11,000 figure from?", "What is Budanov's source for the figure?",
                     "what sources did budanov use for the figures"):
        assert engine.ask(question).kind is ReplyKind.DECLINE, question
    # A fact that asks it in its own phrasings answers it.
    told = source.replace('"Who gave the 11,000 figure?"', '"What is Budanov’s source for the figures?"').replace(
        "The figures come from Budanov.", "Budanov cites his directorate’s agents in Russia."
    )
    engine = Engine(load_fact_base(make_knowledge(facts_yaml=FACTS + told)))
    reply = engine.ask("so what is budanov’s source for those figures")
    assert reply.fact is not None and reply.fact.id == "figures-source"


def companion(question: str) -> str | None:
    words = raw_tokens(question)
    return asked_companion(words, wh_kind(words), NAMES)


def test_the_name_whose_company_a_question_asks_for():
    assert companion("Who traveled with Zelensky to Kyiv?") == stem("zelensky")
    assert companion("how many people came to kyiv with budanov") == stem("budanov")
    assert companion("did anyone go with the ukrainian president") == stem("ukrainian")
    assert companion("who accompanied zelensky") == stem("zelensky")
    assert companion("who is zelensky going to meet with") is None  # whom he meets
    assert companion("did zelensky travel with a message") is None  # no one named
    assert companion("what came with zelensky's statement") is None  # asks for no one


def test_asking_who_went_along_with_someone_is_declined(make_knowledge):
    visitor = f'''  - id: who-arrived
    questions:
      - "Who arrived in Kyiv?"
      - "which american official is in kyiv"
      - "Kyiv visitor"
    answer: Secretary of Defense Lloyd Austin arrived in Kyiv.
    quote: "{S1}"
    topics: [austin-visit]
'''
    engine = Engine(load_fact_base(make_knowledge(facts_yaml=FACTS + visitor)))
    reply = engine.ask("who arrived in kyiv on monday")
    assert reply.fact is not None and reply.fact.id == "who-arrived"
    for question in ("Who arrived in Kyiv with Lloyd Austin?", "how many people arrived in kyiv with austin",
                     "who accompanied austin to kyiv"):
        assert engine.ask(question).kind is ReplyKind.DECLINE, question
    # A fact that asks it in its own phrasings answers it.
    told = visitor.replace('"Kyiv visitor"', '"who arrived in kyiv with austin"')
    engine = Engine(load_fact_base(make_knowledge(facts_yaml=FACTS + told)))
    reply = engine.ask("Who arrived with Lloyd Austin in Kyiv?")
    assert reply.fact is not None and reply.fact.id == "who-arrived"


def test_a_thing_asked_for_that_no_fact_names_is_declined(engine):
    assert engine.ask("What day did Austin arrive in Kyiv?").kind is ReplyKind.ANSWER
    for question in ("What language did Austin speak when he arrived in Kyiv?",
                     "what model of plane did austin arrive in kyiv on",
                     "what kind of aircraft did austin arrive in kyiv on"):
        query = engine.index.query(question)
        assert query.names_unknown, question
        assert engine.ask(question).kind is ReplyKind.DECLINE, question
    # A word that asks for the article's own wording names nothing new.
    assert not engine.index.query("What phrase did Austin use when he arrived in Kyiv?").names_unknown
    assert not engine.index.query("What language and Kyiv").names_unknown  # no question put


def test_asking_for_words_the_article_never_gives_is_declined(engine):
    reply = engine.ask("How did Russia respond to Zelensky's accusations against Pyongyang?")
    assert reply.kind is ReplyKind.DECLINE
    assert engine.ask("Who is Zelensky accusing of sending personnel to Russia?").kind is ReplyKind.ANSWER


def test_a_number_the_article_never_gives_is_not_its_number(engine):
    assert engine.ask("where are the north korean troops training").kind is ReplyKind.ANSWER
    assert engine.ask("where are the 50000 north korean troops training").kind is ReplyKind.DECLINE
    assert engine.ask("Is Pyongyang accused of supplying 50,000 military personnel to Russia?").kind is (
        ReplyKind.DECLINE
    )
    query = engine.index.query("were north korean troops training in russia before 2023")
    assert not query.names_unknown  # a number to compare with is no claim
    counting = engine.index.query("what are the two places the north korean troops train")
    assert not counting.names_unknown  # a small number counts the question's own things
    small, large = (engine.index.query(f"where are the {n} north korean troops training") for n in ("two", "50000"))
    assert small.unknown_weight < large.unknown_weight


def test_an_everyday_word_written_with_a_capital_names_no_one(engine):
    # "Team Zelensky" is Zelensky's side; "NATO" is a name the fact base never mentions.
    assert not engine.index.query("How many troops is Team Zelensky expecting?").names_unknown
    assert engine.index.query("How many troops is NATO expecting?").names_unknown


def test_an_answer_that_only_repeats_the_time_or_number_asked_about_answers_nothing(engine):
    assert engine.ask("When did Austin arrive in Kyiv?").fact.id == "austin-arrival"
    assert engine.ask("What time did Austin arrive in Kyiv on Monday?").kind is ReplyKind.DECLINE
    assert given_words("when", "", frozenset({"austin", "arriv", "monday"})) == {"monday"}
    assert given_words("quantity", "", frozenset({"11000", "troop", "3rd"})) == {"11000", "3rd"}
    # The day of a date is no count: "how many are not in the group of 2,600" is not answered by it.
    answer = "The first group is 2,600 troops, expected by November 1."
    stems = frozenset({"1st", "group", "2600", "troop", "novemb", "1"})
    assert given_words("quantity", answer, stems) == {"1st", "2600"}
    assert given_words("who", "", frozenset({"monday"})) == set()
    assert given_words("name", "Rustem Umerov met him.", frozenset()) == {"rustem", "umerov"}


def test_an_open_question_is_not_answered_by_its_own_words(engine):
    assert asks_open(raw_tokens("so what will the us do as tensions simmer"))
    assert not asks_open(raw_tokens("are regional tensions simmering, and why"))
    reply = engine.ask("What will the U.S. and its allies do as regional tensions simmer?")
    assert reply.fact is not None and reply.fact.id == "us-allies-monitoring"
    assert engine.ask("Are regional tensions simmering?").fact.id == "regional-tensions"  # yes or no: it may


S19 = (
    "“A new threat has emerged — the malign alliance between Russia and North Korea,” Zelensky said in a "
    "video message."
)
VIDEO_FACTS = SMALL_FACTS + f'''  - id: video-message
    questions:
      - "How did Zelensky deliver his warning?"
      - "did zelensky post a video"
      - "zelensky video message"
    answer: Zelensky spoke in a video message.
    quote: "{S19}"
    topics: [austin-visit]
  - id: new-threat
    questions:
      - "What new threat has emerged?"
      - "malign alliance"
      - "What alliance is Zelensky warning about?"
    answer: "Zelensky said a new threat has emerged: “the malign alliance between Russia and North Korea.”"
    quote: "{S19}"
    topics: [austin-visit]
'''


def test_an_answer_reports_words_when_it_says_or_quotes_them():
    assert reports_words("Zelensky said a new threat has emerged.")
    assert reports_words("According to Budanov, about 11,000 troops are training.")
    assert reports_words("He called it “grave”.")
    assert reports_words("It is “a new threat to us all”.")
    assert not reports_words("The talks will focus on Ukraine's “victory plan”.")  # a name, not words
    assert not reports_words("Zelensky spoke in a video message.")
    assert not reports_words("Zelensky released his statement on Sunday evening.")
    assert not reports_words("The U.S. and its allies will be monitoring the situation.")  # a country, not "states"
    assert reports_words("He states that the U.S. will stay.")
    assert reports_words("Austin is likely to stress why the battle matters.")  # what he will say


def test_what_someone_said_is_answered_with_their_words_not_how_they_said_it(make_knowledge):
    engine = Engine(load_fact_base(make_knowledge(facts_yaml=VIDEO_FACTS)))
    reply = engine.ask("what did zelensky say in his video message")
    assert reply.kind is ReplyKind.ANSWER and reply.fact is not None
    assert reply.fact.id == "new-threat"
    how = engine.ask("how did zelensky deliver his warning")
    assert how.fact is not None and how.fact.id == "video-message"
