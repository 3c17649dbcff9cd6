"""The shipped knowledge/ itself: valid, every sentence covered, and shaped as curators promised."""

from __future__ import annotations

import re

from bot.knowledge.loader import load_fact_base
from tests.conftest import KNOWLEDGE

REQUIRED_TOPICS = {"austin-visit", "north-korea", "battlefield", "strikes-energy", "conscription", "outlook"}


def sentence_count(text: str) -> int:
    return len(re.findall(r"[.!?](?:\s|$)", text.strip()))


def test_real_knowledge_is_valid_with_full_coverage():
    base = load_fact_base(KNOWLEDGE)
    assert base.warnings == ()
    assert base.covered_sentences(base.article.id) == {s.n for s in base.article.sentences}
    assert 60 <= len(base.facts) <= 100
    assert all(len(f.questions) >= 3 for f in base.facts)


def test_every_fact_quotes_whole_sentences_verbatim():
    base = load_fact_base(KNOWLEDGE)
    for fact in base.facts:
        sentences = [base.article.sentences[n - 1].text for n in fact.sentences]
        assert fact.source == " ".join(sentences)
        assert fact.source in base.article.text


def test_summaries_cover_the_article_and_every_required_topic():
    base = load_fact_base(KNOWLEDGE)
    assert {t.id for t in base.topics} >= REQUIRED_TOPICS
    short, long = base.summary(None, "short"), base.summary(None, "long")
    assert short is not None and long is not None
    assert short.length == "short" and long.length == "long"
    assert 3 <= sentence_count(short.text) <= 5
    assert len(long.text) > len(short.text)
    for topic in REQUIRED_TOPICS:
        summary = base.summary(topic)
        assert summary is not None and summary.sentences, topic


def test_aliases_cover_the_names_people_use():
    base = load_fact_base(KNOWLEDGE)
    aliases = dict(base.aliases)
    everything = {v for variants in aliases.values() for v in variants}
    for variant in ("dprk", "pyongyang", "pentagon chief", "defense secretary", "draft age"):
        assert variant in everything, variant
