"""Reading YAML: the direct construction of plain documents gives exactly what PyYAML's own does."""

from __future__ import annotations

import contextlib
import random

import pytest
import yaml

from benchmarks.speed import generate
from bot.knowledge.blockyaml import Unusual, read_block_yaml
from bot.knowledge.yamlfile import Problem, _load, _Loader, _one_scalar, _plain_scalar, read_yaml
from tests.conftest import KNOWLEDGE

DOCUMENTS = {
    "plain": "facts:\n  - id: a\n    questions: [one, 'two', \"three\"]\n    answer: >\n      folded\n      text\n",
    "scalars": "a: ~\nb: null\nc: yes\nd: Off\ne: 12\nf: 0x1F\ng: 1_000\nh: 1:20\ni: 1.5\nj: 2024-01-02\nk: ''\nl:\n",
    "keys that are not text": "1: one\ntrue: yes\n~: nothing\n",
    "shared list": "a: &topics [x, y]\nb: *topics\nc: *topics\n",
    "shared mapping": "base: &base {k: v}\nitems:\n  - *base\n  - *base\n",
    "shared scalar": "a: &word hello\nb: *word\n",
    "recursive": "a: &loop\n  self: *loop\n",
    "merge": "base: &base {k: v}\nitem:\n  <<: *base\n  j: w\n",
    "explicit tags": "a: !!str 12\nb: !!int '7'\nc: !!float 1\nd: !!binary aGk=\n",
    "bad explicit int": "a: !!int seven\nb: [1, 2]\n",
    "unknown tag": "a: !custom value\n",
    "list as key": "? [a, b]\n: value\n",
    "mapping as key": "? {a: b}\n: value\n",
    "duplicate keys": "a: 1\nb: 2\na: 3\n",
    "top-level list": "- a\n- b: [c]\n",
    "top-level scalar": "just text\n",
    "syntax error": "a: [b, c\nd: e\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "empty": "",
    "comments only": "# nothing here\n",
    "tab indent": "a:\n\t- b\n",
}


def _outcome(load, text):
    try:
        return "data", load(text)
    except Exception as exc:  # the same error, type and message, is what matters
        return "error", (type(exc), str(exc))


@pytest.mark.parametrize("text", DOCUMENTS.values(), ids=DOCUMENTS.keys())
def test_direct_construction_equals_pyyaml(text):
    expected = _outcome(lambda t: yaml.load(t, Loader=_Loader), text)
    got = _outcome(_load, text)
    if expected[0] == "data" and text != DOCUMENTS["recursive"]:
        assert got == expected
    else:
        assert got[0] == expected[0]
        assert repr(got[1]) == repr(expected[1])


def test_aliased_lists_stay_shared_as_in_pyyaml():
    data = _load(DOCUMENTS["shared list"])
    assert data["a"] is data["b"] is data["c"]


def test_syntax_error_is_reported_with_its_line(tmp_path):
    path = tmp_path / "facts.yaml"
    path.write_text(DOCUMENTS["syntax error"], encoding="utf-8")
    problems: list[Problem] = []
    assert read_yaml(path, "facts.yaml", problems) is None
    assert [str(p) for p in problems] == [
        "facts.yaml:2: YAML syntax error: did not find expected ',' or ']'"
    ]


# The knowledge files' own shape, read line by line, and the texts near it that must go to PyYAML.
BLOCK_DOCUMENTS = {
    "facts as curators write them": (
        "# comment\nfacts:\n  - id: a\n    questions:\n      - \"What's it?\"\n      - plain words, here\n"
        "    answer: \"It’s “quoted”.\"\n    quote: 'it''s'\n    topics: [austin-visit, war]\n"
    ),
    "lists at their key's indent": "facts:\n- id: a\n  questions:\n  - one\n  - two\n  topics: []\n- id: b\n",
    "folded plain and quoted scalars": "a: one\n  two\n  three\nb: 'x\n  y'\nc:\n  - \"p\n    q\"\n  - r\n",
    "blank line inside a folded scalar": "a: one\n\n  two\n",
    "comment inside a folded scalar": "a: one\n  # note\n  two\n",
    "comment after a value": "a: one # note\nb: two\n",
    "comment between entries": "a: one\n# note\n\nb: two\n",
    "resolved plain values": (
        "a: yes\nb: no thanks\nc: ~\nd: 12\ne: 1:20\nf: 0x1F\ng: -5\nh: null\ni: 'yes'\nj: \"12\"\n"
    ),
    "an anchor on an alias": "a: &x y\nb: &z *x\n",
    "keys that are words, numbers and booleans": "kursk region: [a, b]\n1: one\nyes: y\n~: n\n",
    "escapes in double quotes": "a: \"tab\\there \\\"x\\\"\"\nb: \"\\u00e9\"\n",
    "quote inside double quotes": "a: \"x\" y\"\n",
    "text after a closing quote": "a: 'x' y\n",
    "anchors and aliases": "a: &t [x, y]\nb: *t\nc: &m\n  k: v\nd: *m\ne: &s word\nf: *s\n",
    "alias before its anchor": "a: *t\nb: &t [x]\n",
    "alias inside its own anchor": "a: &t\n  - *t\n",
    "value on the line below": "a:\n    value\n",
    "null values": "a:\nb:\n  - \n  -\nc: x\n",
    "list in a list": "- - a\n  - b\n- c\n",
    "mapping after a dash with spaces": "-   a: 1\n    b: 2\n",
    "bad indentation": "a:\n    b: 1\n  c: 2\n",
    "deeper line after an alias": "a: &x y\nb: *x\n  z\n",
    "key with a colon inside a list item": "- What is it: a test\n- What's this: x\n",
    "flow list with quotes and dots": "a: [america's chief, u.s. guest, lt. gen]\nb: ['x', y]\nc: [a: b]\n",
    "flow list trailing comma": "a: [x, y, ]\n",
    "flow list over lines": "a: [x,\n  y]\n",
    "block scalars": "a: |\n  one\n  two\nb: >-\n  three\n  four\n",
    "document markers": "---\na: 1\n...\n",
    "carriage returns": "a: 1\r\nb: two\r\n",
    "no-break space": "a: x\u00a0y\n",
    "byte order mark": "\ufeffa: 1\n",
    "indented document": "  a: 1\n  b:\n  - x\n",
    "lines the structure does not reach": "a: 1\n  - x\n",
    "question mark key": "? a\n: b\n",
    "duplicate keys in a list item": "- a: 1\n  a: 2\n",
    "tabs inside a value": "a: x\ty\n",
    "trailing spaces": "a: x   \nb:   \n  - y  \n",
    "special first characters": "a: '@x'\nb: \"%y\"\nc: '`z'\nd: '-e'\n",
}


def _same(one, other):
    """Equal, with the same types all the way down (True == 1 is not enough)."""
    if type(one) is not type(other):
        return False
    if isinstance(one, dict):
        return list(one) == list(other) and all(
            type(a) is type(b) and _same(one[a], other[b]) for a, b in zip(one, other, strict=True)
        )
    if isinstance(one, list):
        return len(one) == len(other) and all(_same(a, b) for a, b in zip(one, other, strict=True))
    return bool(one == other)


@pytest.mark.parametrize(("name", "text"), BLOCK_DOCUMENTS.items(), ids=BLOCK_DOCUMENTS.keys())
def test_line_by_line_reading_equals_pyyaml(name, text):
    expected = _outcome(lambda t: yaml.load(t, Loader=_Loader), text)
    got = _outcome(_load, text)
    assert got[0] == expected[0]
    if expected[0] == "data" and name != "alias inside its own anchor":  # a list holding itself
        assert _same(got[1], expected[1])
    else:
        assert repr(got[1]) == repr(expected[1])


_WORDS = [
    "yes", "No", "~", "null", "12", "0x1F", "1:20", "-5", "+3", "3.5", "it's", "“quoted”", "Kyiv’s", "a: b",
    "x #y", "x#y", "#z", "- dash", "key:", "[x]", "{y}", "'q'", '"d"', "&a", "*b", "!t", "%p", "@u", "`v",
    "back\\slash", "tab\there", "two  spaces", " lead", "trail ", "", "u.s.", "lt. gen.", "x, y", "?", "|", ">",
]


# Words as questions have them, which the line-by-line reading takes itself.
_TAME_WORDS = [
    "what", "did", "Austin", "say", "it's", "Kyiv’s", "“quoted”", "yes", "no", "11,000", "u.s.", "1:20", "a:b",
]


_TAME_KEYS = ["id", "questions", "answer", "kursk region"]
_KEYS = [*_TAME_KEYS, "yes", "1", "a: b", "x#", "~"]


def _random_value(rng: random.Random, depth: int, words: list[str], keys: list[str], in_list: bool = False):
    """A random value; a tame one (tame keys) is shaped as the knowledge files are: no list right in a list."""
    roll = rng.random()
    if depth < 3 and roll < 0.25:
        return {rng.choice(keys): _random_value(rng, depth + 1, words, keys) for _ in range(rng.randint(0, 4))}
    if depth < 3 and roll < 0.5 and not (in_list and keys is _TAME_KEYS):
        return [_random_value(rng, depth + 1, words, keys, in_list=True) for _ in range(rng.randint(0, 4))]
    if roll < 0.6:
        return rng.choice([None, True, False, rng.randint(-100, 10_000)])
    return " ".join(rng.choice(words) for _ in range(rng.randint(1, 14)))


def test_line_by_line_reading_equals_pyyaml_on_generated_documents():
    rng = random.Random(7)
    read_here = 0
    for _ in range(1000):
        tame = rng.random() < 0.5  # as the knowledge files are written, or anything at all
        words, keys = (_TAME_WORDS, _TAME_KEYS) if tame else (_TAME_WORDS + _WORDS, _KEYS)
        data = {"facts": [_random_value(rng, 1, words, keys, in_list=True) for _ in range(rng.randint(1, 5))]}
        text = yaml.safe_dump(
            data, allow_unicode=tame or rng.random() < 0.5, sort_keys=False, width=rng.choice([20, 60, 200]),
            indent=rng.choice([2, 4]), default_flow_style=False if tame else rng.choice([False, None]),
        )
        expected = yaml.load(text, Loader=_Loader)
        assert _same(_load(text), expected), text
        with contextlib.suppress(Unusual):
            read_block_yaml(text, _plain_scalar, _one_scalar, _Loader.yaml_implicit_resolvers)
            read_here += 1
    assert read_here >= 400  # the comparison covers the line-by-line reading, not only PyYAML's


def test_the_knowledge_files_take_the_line_by_line_reading(tmp_path):
    # What the reading is for: the real facts, and a larger file as benchmarks/speed.py writes it.
    generate(KNOWLEDGE, tmp_path / "generated", 300)
    for path in (KNOWLEDGE / "facts.yaml", tmp_path / "generated" / "facts.yaml"):
        text = path.read_text(encoding="utf-8")
        got = read_block_yaml(text, _plain_scalar, _one_scalar, _Loader.yaml_implicit_resolvers)
        assert _same(got, yaml.load(text, Loader=_Loader))
