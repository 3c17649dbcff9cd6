"""Read the plain block YAML the knowledge files are written in, a line at a time.

The knowledge files are block mappings and sequences of one-line scalars: plain, quoted, a short flow
list of plain words, now and then a plain or quoted scalar folded over a few lines. libyaml makes a
Python event object per value, most of the time of loading 10,000 facts; read line by line, the same
text takes a fraction of that. Anything outside that shape raises ``Unusual``, and the caller has
PyYAML read the whole text instead: the data and every error stay PyYAML's.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container
from itertools import compress, repeat
from operator import sub
from typing import Any

# A plain key, as the knowledge files write them; anything else ("? …", quoted keys) goes to PyYAML.
_KEY = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_ -]*")
# Never inside a plain word of a flow list here: flow indicators, and what may start a comment or a key.
_FLOW_PLAIN = frozenset(",[]{}#:")
_ANCHOR = re.compile(r"[A-Za-z0-9_-]+")
# What may not open a plain scalar (YAML's indicators), so is left to PyYAML.
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_NOT_PLAIN = _INDICATORS | {" "}  # after "- ", a space means a column of its own ("-   - x")

Resolve = Callable[[str], Any]  # a plain scalar's text → its value (null, boolean, integer or the text)
Parse = Callable[[str], Any]  # PyYAML on one line's scalar, for the rare one with escapes


class Unusual(Exception):
    """The text is not in the shape read here; PyYAML reads it."""


class _Lines:
    """The text's lines that hold something: each one's indent, content and line number."""

    def __init__(self, text: str) -> None:
        raw = text.split("\n")
        # Tabs, carriage returns, YAML's other line breaks and every character that is not printable are
        # left to PyYAML, which knows what each means (or which it refuses).
        if not all(map(str.isprintable, raw)):
            raise Unusual
        # Whole-list passes in C: a Python loop over 250,000 lines would cost what this module saves.
        stripped = list(map(str.lstrip, raw, repeat(" ")))
        contents = list(map(str.rstrip, stripped, repeat(" ")))
        indents = list(map(sub, map(len, raw), map(len, stripped)))
        numbers = range(len(raw))
        # Blank and comment lines hold nothing; they only end a folded scalar (see _Reader.scalar).
        kept = [bool(c) and c[0] != "#" for c in contents] if "#" in text else contents
        self.indents = list(compress(indents, kept))
        self.contents = list(compress(contents, kept))
        self.numbers = list(compress(numbers, kept))
        self.count = len(self.contents)

    def is_item(self, i: int) -> bool:
        content = self.contents[i]
        return content == "-" or content.startswith("- ")


def read_block_yaml(text: str, resolve: Resolve, parse: Parse, resolvable: Container[str]) -> Any:
    """The data of a document of block mappings and sequences; raises Unusual for any other text.
    ``resolvable``: the first characters of the plain scalars ``resolve`` may read as other than text."""
    lines = _Lines(text)
    if not lines.count:
        raise Unusual
    reader = _Reader(lines, resolve, parse, resolvable)
    data, end = reader.block(0, lines.indents[0])
    if end != lines.count:  # a line the document's structure does not reach
        raise Unusual
    return data


class _Reader:
    def __init__(self, lines: _Lines, resolve: Resolve, parse: Parse, resolvable: Container[str]) -> None:
        self.lines = lines
        self.resolve = resolve
        self.parse = parse
        self.resolvable = resolvable
        # "&name" marks a value that "*name" repeats (the same object, as PyYAML gives it); one that is
        # still being read can only be repeated inside itself, which is left to PyYAML.
        self.anchors: dict[str, Any] = {}
        self.unfinished: set[str] = set()

    def block(self, i: int, indent: int) -> tuple[Any, int]:
        if self.lines.is_item(i):
            return self.sequence(i, indent)
        return self.mapping(i, indent, self.lines.contents[i])

    def sequence(self, i: int, indent: int) -> tuple[list[Any], int]:
        lines = self.lines
        indents, contents, count, resolvable = lines.indents, lines.contents, lines.count, self.resolvable
        items: list[Any] = []
        while i < count and indents[i] == indent:
            content = contents[i]
            if content[:2] != "- " and content != "-":
                break
            rest = content[2:]
            # Most items of a long list are one line of text: read here, with no call per item.
            if rest and (i + 1 == count or indents[i + 1] <= indent):
                head = rest[0]
                if head == '"':
                    inner = rest[1:-1]
                    if rest[-1] == '"' and len(rest) > 1 and '"' not in inner and "\\" not in inner:
                        items.append(inner)
                        i += 1
                        continue
                elif head not in _NOT_PLAIN and ": " not in rest and " #" not in rest and rest[-1] != ":":
                    # Null, a boolean or an integer is one word: text with a space is text.
                    items.append(self.resolve(rest) if head in resolvable and " " not in rest else rest)
                    i += 1
                    continue
            if rest and (rest[0] == " " or rest == "-" or rest.startswith("- ")):  # "- - x": a list in a list
                raise Unusual
            if rest and (key := _key_of(rest)) is not None:  # "- id: x": a mapping opens on the item's line
                value, i = self.mapping(i, indent + 2, rest, key)
            else:
                value, i = self.value(rest, i, indent, in_mapping=False)
            items.append(value)
        return items, i

    def mapping(self, i: int, indent: int, content: str, key: tuple[str, str] | None = None) -> tuple[Any, int]:
        lines = self.lines
        out: dict[Any, Any] = {}
        while True:
            key = key or _key_of(content)
            if key is None:
                raise Unusual
            name, value_text = key
            value, i = self.value(value_text, i, indent, in_mapping=True)
            out[self.resolve(name)] = value
            if i >= lines.count or lines.indents[i] != indent or lines.is_item(i):
                return out, i
            content, key = lines.contents[i], None

    def value(self, text: str, i: int, indent: int, in_mapping: bool) -> tuple[Any, int]:
        """The value written after "key: " or "- " on line i (``text``, maybe empty), with what follows it."""
        lines = self.lines
        anchor = None
        if text[:1] == "&":
            anchor, _, text = text[1:].partition(" ")
            text = text.lstrip(" ")
            if not _ANCHOR.fullmatch(anchor) or (text and _key_of(text) is not None):
                raise Unusual
            self.unfinished.add(anchor)
        if text[:1] == "*":
            if anchor is not None or text[1:] not in self.anchors or text[1:] in self.unfinished:
                raise Unusual
            value, i = self.anchors[text[1:]], i + 1
        elif text:
            value, i = self.scalar(text, i, indent)
        elif in_mapping and i + 1 < lines.count and lines.indents[i + 1] == indent and lines.is_item(i + 1):
            value, i = self.sequence(i + 1, indent)  # a list written at its key's indent
        else:
            value, i = self.nested(i, indent)
        if anchor is not None:
            self.anchors[anchor] = value
            self.unfinished.discard(anchor)
        return value, i

    def nested(self, i: int, indent: int) -> tuple[Any, int]:
        """The block on the lines after line i, indented deeper; null if there is none."""
        lines = self.lines
        if i + 1 < lines.count and lines.indents[i + 1] > indent:
            return self.block(i + 1, lines.indents[i + 1])
        return None, i + 1

    def scalar(self, first: str, i: int, indent: int) -> tuple[Any, int]:
        """A scalar opening on line i, with the lines after it indented deeper than its parent (``indent``)
        folded into it as YAML folds them: each line's words, one space between."""
        lines = self.lines
        parts = [first]
        i += 1
        while i < lines.count and lines.indents[i] > indent:
            if lines.numbers[i] != lines.numbers[i - 1] + 1:  # a blank line folds to a line break; a comment
                raise Unusual  # ends the scalar
            parts.append(lines.contents[i])
            i += 1
        text = " ".join(parts)
        head = text[0]
        if head == "'":
            inner = text[1:-1]
            if len(text) < 2 or text[-1] != "'" or "'" in inner.replace("''", ""):
                raise Unusual
            return inner.replace("''", "'"), i
        if head == '"':
            inner = text[1:-1]
            if "\\" in inner and len(parts) == 1:  # escapes: PyYAML reads this one line
                value = self.parse(text)
                if not isinstance(value, str):
                    raise Unusual
                return value, i
            if len(text) < 2 or text[-1] != '"' or '"' in inner or "\\" in inner:
                raise Unusual
            return inner, i
        if head == "[":
            if len(parts) > 1 or text[-1] != "]":
                raise Unusual
            inner = text[1:-1].strip(" ")
            words = [word.strip(" ") for word in inner.split(",")] if inner else []
            if not all(word and word[0] not in _INDICATORS and _FLOW_PLAIN.isdisjoint(word) for word in words):
                raise Unusual
            return [self.resolve(word) for word in words], i
        if text == "{}":
            return {}, i
        if head in _INDICATORS or ": " in text or " #" in text or text[-1] == ":":
            raise Unusual
        return self.resolve(text), i


def _key_of(content: str) -> tuple[str, str] | None:
    """A "key: value" or "key:" line's key and value text (empty for a value on the lines below)."""
    if content[-1] == ":":
        key, value = content[:-1], ""
    else:
        key, colon, value = content.partition(": ")
        if not colon:
            return None
    key = key.rstrip(" ")
    return (key, value.lstrip(" ")) if _KEY.fullmatch(key) else None
