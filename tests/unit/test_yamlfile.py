"""Reading YAML: the direct construction of plain documents gives exactly what PyYAML's own does."""

from __future__ import annotations

import pytest
import yaml

from bot.knowledge.yamlfile import Problem, _load, _Loader, read_yaml

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
