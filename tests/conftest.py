"""Shared fixtures: the real knowledge directory, and small knowledge directories made per test."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
KNOWLEDGE = REPO / "knowledge"
S1 = (
    "Secretary of Defense Lloyd Austin arrived in Kyiv on Monday, marking his third visit to Ukraine since "
    "the onset of Russia’s full-scale invasion in 2022."
)
S2 = (
    "The visit comes at a crucial moment, with Ukrainian President Volodymyr Zelensky raising alarms about "
    "North Korea’s growing involvement in the conflict, accusing Pyongyang of supplying military personnel "
    "to assist Russia."
)
S6 = (
    "The discussions will focus on Ukraine’s “victory plan,” a blueprint to strengthen defensive strategies "
    "and reclaim occupied territories."
)
S16 = (
    "Additionally, Ukraine is considering lowering the conscription age from 25 to 18 to bolster its "
    "military ranks, a politically sensitive issue that has sparked ongoing debate."
)
S18 = (
    "President Zelensky released a statement on Sunday evening, warning that Ukraine has “clear data” "
    "indicating North Korean military personnel are being sent to support Russian forces."
)
S24 = (
    "According to Budanov, approximately 11,000 North Korean infantry troops are training in eastern Russia, "
    "with the first group of 2,600 expected to be deployed to the front lines by November 1."
)
S31 = (
    "As Ukraine braces for another challenging winter, the involvement of North Korea adds a new layer of "
    "complexity to an already volatile situation."
)

SMALL_FACTS = f'''facts:
  - id: austin-arrival
    questions:
      - "When did Austin arrive in Kyiv?"
      - "Austin arrival day"
      - "What day did the Pentagon chief land in Ukraine's capital?"
    answer: He arrived on Monday.
    quote: "{S1}"
    topics: [austin-visit]
  - id: conscription-age
    questions:
      - "What age might Ukraine lower conscription to?"
      - "new conscription age"
      - "How young could Ukrainians be drafted?"
    answer: Ukraine is considering lowering it from 25 to 18.
    quote: "{S16}"
    topics: [conscription]
'''
SMALL_TOPICS = """topics:
  - id: austin-visit
    title: Austin's visit and its aims
  - id: conscription
    title: Conscription
"""
SMALL_SUMMARIES = """summaries:
  - topic: null
    length: short
    text: Austin visited Kyiv; Ukraine may lower its conscription age.
    sentences: [1, 16]
  - topic: conscription
    text: Ukraine may lower the conscription age from 25 to 18.
    sentences: [16]
"""
SMALL_ALIASES = """aliases:
  austin: [pentagon chief, defense secretary]
  conscription age: [draft age]
"""


@pytest.fixture
def make_knowledge(tmp_path: Path) -> Callable[..., Path]:
    """A valid two-fact knowledge directory; keyword arguments replace whole files (None deletes one)."""

    def make(**files: str | None) -> Path:
        directory = tmp_path / "knowledge"
        directory.mkdir(exist_ok=True)
        shutil.copy(KNOWLEDGE / "article.txt", directory / "article.txt")
        shutil.copy(KNOWLEDGE / "articles.yaml", directory / "articles.yaml")
        contents: dict[str, str | None] = {
            "facts.yaml": SMALL_FACTS,
            "topics.yaml": SMALL_TOPICS,
            "summaries.yaml": SMALL_SUMMARIES,
            "aliases.yaml": SMALL_ALIASES,
        }
        for name, text in files.items():
            contents[name.replace("_", ".")] = text
        for name, text in contents.items():
            path = directory / name
            if text is None:
                path.unlink(missing_ok=True)
            else:
                path.write_text(text, encoding="utf-8")
        return directory

    return make
