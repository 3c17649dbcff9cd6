"""Every refusal the loader promises, each with a small broken knowledge directory made here."""

from __future__ import annotations

import dataclasses

import pytest

from bot.knowledge.loader import KnowledgeError, load_fact_base
from tests.conftest import S1, S18, S24, SMALL_FACTS, SMALL_SUMMARIES


def problems_of(directory) -> list[str]:
    with pytest.raises(KnowledgeError) as caught:
        load_fact_base(directory)
    return [str(p) for p in caught.value.problems]


def test_small_knowledge_loads(make_knowledge):
    base = load_fact_base(make_knowledge())
    assert [f.id for f in base.facts] == ["austin-arrival", "conscription-age"]
    arrival, age, summary = base.fact("austin-arrival"), base.fact("conscription-age"), base.summary(None)
    assert arrival is not None and age is not None and summary is not None
    assert arrival.sentences == (1,)
    assert age.sentences == (16,) and age.paragraph == 6
    assert summary.sentences == (1, 16)
    assert ("austin", ("pentagon chief", "defense secretary")) in base.aliases


def test_fact_base_is_immutable(make_knowledge):
    base = load_fact_base(make_knowledge())
    with pytest.raises(dataclasses.FrozenInstanceError):
        base.facts = ()  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        base.facts[0].answer = "Tuesday"  # type: ignore[misc]


def test_quote_not_verbatim_is_refused_with_nearest_sentence(make_knowledge):
    facts = SMALL_FACTS.replace("arrived in Kyiv on Monday", "arrived in Kyiv on Tuesday")
    problems = problems_of(make_knowledge(facts_yaml=facts))
    assert len(problems) == 1
    assert problems[0].startswith("facts.yaml:8: fact 'austin-arrival': quote is not verbatim")
    assert "Nearest is S1" in problems[0] and S1 in problems[0]


def test_straight_apostrophe_gets_the_curly_quote_hint(make_knowledge):
    facts = SMALL_FACTS.replace("Russia’s", "Russia's")
    [problem] = problems_of(make_knowledge(facts_yaml=facts))
    assert "curly quotes" in problem


def test_part_of_a_sentence_is_refused(make_knowledge):
    facts = SMALL_FACTS.replace(S1, "Secretary of Defense Lloyd Austin arrived in Kyiv on Monday")
    [problem] = problems_of(make_knowledge(facts_yaml=facts))
    assert "only part of a sentence" in problem and "facts.yaml:8" in problem


def test_two_whole_sentences_are_accepted(make_knowledge):
    two = (
        "“These are not just workers for production, but also military personnel. "
        "We expect a proper and fair response from our partners on this matter.”"
    )
    facts = SMALL_FACTS.replace(S1, two)
    base = load_fact_base(make_knowledge(facts_yaml=facts))
    fact = base.fact("austin-arrival")
    assert fact is not None and fact.sentences == (20, 21)


def _passages(*texts: str) -> str:
    return SMALL_FACTS.replace(f'quote: "{S1}"', "quote:" + "".join(f'\n      - "{t}"' for t in texts))


def test_passages_from_apart_in_the_article_make_one_quote(make_knowledge):
    base = load_fact_base(make_knowledge(facts_yaml=_passages(S1, S18)))
    fact = base.fact("austin-arrival")
    assert fact is not None and fact.sentences == (1, 18) and fact.passages == (S1, S18)
    assert fact.source == f"{S1} … {S18}" and fact.paragraphs == (1, 7)


def test_a_quote_of_passages_reads_as_two_quoted_passages(make_knowledge):
    from bot.cogs.embeds import reply_embed
    from bot.engine.answer import Reply, ReplyKind
    from bot.replies import reply_json, reply_text

    fact = load_fact_base(make_knowledge(facts_yaml=_passages(S1, S18))).fact("austin-arrival")
    assert fact is not None
    reply = Reply("when did he arrive", ReplyKind.ANSWER, fact=fact, confidence=0.9)
    assert f"> {S1}\n> …\n> {S18}\n— Sentences 1, 18 · paragraphs 1, 7" in reply_text(reply)
    embed = reply_embed(reply)
    assert f"> {S1}\n> …\n> {S18}" in (embed.description or "")
    assert embed.footer.text and embed.footer.text.startswith("Sentences 1, 18 · paragraphs 1, 7")
    assert reply_json(reply)["source"] == f"{S1} … {S18}" and reply_json(reply)["sentences"] == [1, 18]


@pytest.mark.parametrize(("texts", "refusal"), [
    ((S18, S1), "passage 2 (S1) must come after S18"),
    ((S1, S1), "passage 2 (S1) must come after S1"),
    ((S24, S24.replace("November 1", "November 2")), "passage 2: quote is not verbatim"),
])
def test_passages_out_of_order_repeated_or_not_verbatim_are_refused(make_knowledge, texts, refusal):
    [problem] = problems_of(make_knowledge(facts_yaml=_passages(*texts)))
    assert refusal in problem and "fact 'austin-arrival'" in problem


def test_neighbouring_passages_are_refused_as_one_quote_split(make_knowledge):
    s23 = (
        "Zelensky’s remarks were further substantiated by Lt. Gen. Kyrylo Budanov, head of Ukraine’s Main "
        "Directorate of Intelligence."
    )
    [problem] = problems_of(make_knowledge(facts_yaml=_passages(s23, S24)))
    assert "are neighbours (S23, S24): quote them as one" in problem


def test_more_than_three_passages_are_refused(make_knowledge):
    [problem] = problems_of(make_knowledge(facts_yaml=_passages(S1, S18, S24, S24, S24)))
    assert "'quote'" in problem and "a list of 1 to 3 such passages" in problem


def test_duplicate_ids_are_refused(make_knowledge):
    facts = SMALL_FACTS.replace("id: conscription-age", "id: austin-arrival")
    problems = problems_of(make_knowledge(facts_yaml=facts))
    assert any("fact 'austin-arrival': duplicate id (first used at line 2)" in p for p in problems)


def test_empty_and_duplicate_phrasings_are_refused(make_knowledge):
    facts = SMALL_FACTS.replace('"Austin arrival day"', '""').replace(
        '"new conscription age"', '"What age might Ukraine lower conscription to?"'
    )
    problems = problems_of(make_knowledge(facts_yaml=facts))
    assert any("facts.yaml:5: fact 'austin-arrival': empty question" in p for p in problems)
    assert any("is listed 2 times" in p and "conscription-age" in p for p in problems)
    assert any("needs at least 3 questions" in p for p in problems)


def test_same_phrasing_in_two_facts_is_refused(make_knowledge):
    facts = SMALL_FACTS.replace('"new conscription age"', '"Austin arrival day"')
    problems = problems_of(make_knowledge(facts_yaml=facts))
    assert any("also a question of fact 'austin-arrival'" in p for p in problems)


def test_unknown_topic_is_refused(make_knowledge):
    facts = SMALL_FACTS.replace("topics: [conscription]", "topics: [draft]")
    [problem] = problems_of(make_knowledge(facts_yaml=facts))
    assert "fact 'conscription-age': unknown topic 'draft'" in problem
    assert problem.startswith("facts.yaml:17:")


def test_summary_citing_a_missing_sentence_is_refused(make_knowledge):
    summaries = SMALL_SUMMARIES.replace("sentences: [1, 16]", "sentences: [1, 99]")
    [problem] = problems_of(make_knowledge(summaries_yaml=summaries))
    assert problem.startswith("summaries.yaml:5:")
    assert "99" in problem and "S1 to S34" in problem


def test_malformed_file_is_refused_with_its_line(make_knowledge):
    broken = SMALL_FACTS.replace("topics: [austin-visit]", "topics: [austin-visit")
    [problem] = problems_of(make_knowledge(facts_yaml=broken))
    assert problem.startswith("facts.yaml:") and "YAML syntax error" in problem


def test_missing_file_is_refused(make_knowledge):
    [problem] = problems_of(make_knowledge(aliases_yaml=None))
    assert problem.startswith("aliases.yaml:") and "missing" in problem


def test_empty_file_is_refused(make_knowledge):
    [problem] = problems_of(make_knowledge(aliases_yaml="\n"))
    assert problem.startswith("aliases.yaml:") and "empty" in problem


def test_wrong_encoding_is_refused(make_knowledge):
    directory = make_knowledge()
    (directory / "facts.yaml").write_bytes(SMALL_FACTS.encode("utf-16"))
    [problem] = problems_of(directory)
    assert problem.startswith("facts.yaml:") and "UTF-8" in problem


def test_unknown_key_is_refused_with_a_suggestion(make_knowledge):
    facts = SMALL_FACTS.replace("    answer: He arrived", "    anwser: He arrived")
    problems = problems_of(make_knowledge(facts_yaml=facts))
    assert "facts.yaml:7: fact 'austin-arrival': unknown key 'anwser' (did you mean 'answer'?)" in problems


def test_every_problem_is_reported_together(make_knowledge):
    facts = (
        SMALL_FACTS.replace("on Monday, marking", "on Tuesday, marking")
        .replace("topics: [conscription]", "topics: [draft]")
    )
    summaries = SMALL_SUMMARIES.replace("[16]", "[40]")
    problems = problems_of(make_knowledge(facts_yaml=facts, summaries_yaml=summaries, aliases_yaml=None))
    assert len(problems) == 4
    assert [p.split(":")[0] for p in problems] == ["facts.yaml", "facts.yaml", "summaries.yaml", "aliases.yaml"]


def test_top_level_shape_is_checked(make_knowledge):
    [problem] = problems_of(make_knowledge(facts_yaml="- just a list\n"))
    assert "must be a mapping with a 'facts:' list" in problem


def test_alias_variant_under_two_terms_is_refused(make_knowledge):
    aliases = "aliases:\n  austin: [pentagon chief]\n  umerov: [pentagon chief]\n"
    [problem] = problems_of(make_knowledge(aliases_yaml=aliases))
    assert "listed under both 'austin' and 'umerov'" in problem


def test_uncovered_sentences_are_warned_about(make_knowledge):
    base = load_fact_base(make_knowledge())
    assert base.warnings and "S2" in base.warnings[0]


def test_missing_directory_is_refused(tmp_path):
    with pytest.raises(KnowledgeError, match="does not exist"):
        load_fact_base(tmp_path / "nowhere")


def test_version_changes_with_content(make_knowledge):
    directory = make_knowledge()
    first = load_fact_base(directory).version
    assert load_fact_base(directory).version == first
    (directory / "facts.yaml").write_text(SMALL_FACTS.replace("He arrived on Monday.", "Monday."), "utf-8")
    assert load_fact_base(directory).version != first


def test_neighbouring_passages_across_a_paragraph_break_are_two_passages(make_knowledge):
    # S18 ends a paragraph and S19 opens the next: no single verbatim quote spans them.
    s19 = (
        "“A new threat has emerged — the malign alliance between Russia and North Korea,” Zelensky said in a "
        "video message."
    )
    base = load_fact_base(make_knowledge(facts_yaml=_passages(S18, s19)))
    fact = next(f for f in base.facts if f.id == "austin-arrival")
    assert fact.sentences == (18, 19) and fact.paragraphs == (7, 8)
