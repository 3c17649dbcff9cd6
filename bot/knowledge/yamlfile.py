"""Read one YAML file into plain data plus the line of every list item and key, for error messages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import yaml

from bot.knowledge.blockyaml import read_block_yaml

_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when the wheel has it
_KEPT_TAGS = {"tag:yaml.org,2002:null", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int"}


class _Loader(_Base):  # type: ignore[valid-type,misc]
    """Safe loading that only guesses null, booleans and integers: the knowledge files need no more
    (no dates, floats or merges), and guessing less makes large files load faster."""

    yaml_implicit_resolvers: ClassVar[dict[Any, list[tuple[str, Any]]]] = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag in _KEPT_TAGS]
        for first, resolvers in _Base.yaml_implicit_resolvers.items()
    }


_SCALARS: dict[str, Callable[[yaml.constructor.SafeConstructor, yaml.ScalarNode], Any]] = {
    "tag:yaml.org,2002:null": _Base.construct_yaml_null,
    "tag:yaml.org,2002:bool": _Base.construct_yaml_bool,
    "tag:yaml.org,2002:int": _Base.construct_yaml_int,
}


_CONSTRUCTOR = yaml.constructor.SafeConstructor()  # what builds null, booleans and integers; no parser


def _plain_scalar(value: str) -> Any:
    """A plain scalar's value as our loader resolves it: null, a boolean, an integer, or the text itself."""
    for tag, regexp in _Loader.yaml_implicit_resolvers.get(value[:1], ()):
        if regexp.match(value):
            return _SCALARS[tag](_CONSTRUCTOR, yaml.ScalarNode(tag, value))
    return value


def _one_scalar(text: str) -> Any:
    """PyYAML on one scalar written alone: a double-quoted one with escapes."""
    return yaml.load(text, Loader=_Loader)


class _Unusual(Exception):
    """Something the plain build leaves to PyYAML: an explicit tag, an alias inside itself, a key that is
    not a scalar, a second document."""


def _plain_data(loader: yaml.SafeLoader) -> Any:
    """The data of the loader's document, as PyYAML would construct it, built from the parser's events:
    no node tree, no per-node bookkeeping. Anchored lists and mappings stay shared, as PyYAML has them."""
    stack: list[list[Any]] = []  # [container, pending key or None, anchor]
    anchors: dict[str, Any] = {}
    unfinished: set[str] = set()
    root, documents = None, 0
    while (event := loader.get_event()) is not None:  # type: ignore[no-untyped-call]
        kind = type(event)
        if kind is yaml.ScalarEvent:
            if event.tag is not None:
                raise _Unusual
            value: Any = event.value
            if event.implicit[0]:  # plain, unquoted: maybe null, a boolean or an integer
                value = _plain_scalar(value)
            if event.anchor is not None:
                anchors[event.anchor] = value
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            if event.tag is not None:
                raise _Unusual
            container: Any = {} if kind is yaml.MappingStartEvent else []
            if event.anchor is not None:
                anchors[event.anchor] = container
                unfinished.add(event.anchor)
            stack.append([container, None, event.anchor])
            continue
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            value, _, anchor = stack.pop()
            unfinished.discard(anchor)
        elif kind is yaml.AliasEvent:
            if event.anchor in unfinished or event.anchor not in anchors:
                raise _Unusual
            value = anchors[event.anchor]
        else:
            if kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _Unusual
            continue
        if not stack:
            root = value
            continue
        top = stack[-1]
        if type(top[0]) is list:
            top[0].append(value)
        elif top[1] is None:
            if isinstance(value, (list, dict)):
                raise _Unusual
            top[1] = (value,)
        else:
            top[0][top[1][0]] = value
            top[1] = None
    return root


def _load(text: str) -> Any:
    """yaml.load(text) with our loader, reading the knowledge files' plain block shape line by line and
    other plain documents from libyaml's events. Anything else, including every error, goes through
    yaml.load itself: the data and the error reported are the same."""
    try:
        return read_block_yaml(text, _plain_scalar, _one_scalar, _Loader.yaml_implicit_resolvers)
    except Exception:  # another shape, or broken: read below
        pass
    loader = _Loader(text)
    try:
        return _plain_data(loader)
    except Exception:  # unusual or broken: PyYAML decides below
        pass
    finally:
        loader.dispose()
    return yaml.load(text, Loader=_Loader)


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the knowledge files, with where it is and what to do."""

    file: str
    line: int | None
    message: str
    item: str | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        subject = f" {self.item}:" if self.item else ""
        return f"{where}:{subject} {self.message}"


@dataclass(slots=True)
class Lines:
    """1-based line numbers of a mapping's keys, or of a sequence's items, nested like the data."""

    line: int
    keys: dict[str, Lines] = field(default_factory=dict)
    items: list[Lines] = field(default_factory=list)

    def key(self, name: str) -> int:
        found = self.keys.get(name)
        return found.line if found else self.line

    def item(self, index: int) -> Lines:
        return self.items[index] if index < len(self.items) else self


def _lines_of(node: yaml.Node) -> Lines:
    lines = Lines(line=node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            child = _lines_of(value_node)
            child.line = key_node.start_mark.line + 1
            lines.keys[str(key_node.value)] = child
    elif isinstance(node, yaml.SequenceNode):
        lines.items = [_lines_of(item) for item in node.value]
    return lines


class YamlDocument:
    """Parsed data, with line numbers worked out only if a problem needs one (large files load faster)."""

    def __init__(self, text: str, data: Any) -> None:
        self.text = text
        self.data = data
        self._lines: Lines | None = None

    @property
    def lines(self) -> Lines:
        if self._lines is None:
            node = yaml.compose(self.text, Loader=_Loader)
            self._lines = _lines_of(node) if node is not None else Lines(line=1)
        return self._lines

    @property
    def where(self) -> Where:
        return Where(self, ())


@dataclass(frozen=True, slots=True)
class Where:
    """A place in a document (a path of keys and item indexes), resolved to a line only when asked."""

    doc: YamlDocument
    path: tuple[str | int, ...]

    def child(self, name: str | int) -> Where:
        return Where(self.doc, (*self.path, name))

    def item(self, index: int) -> Where:
        return self.child(index)

    @property
    def line(self) -> int:
        node = self.doc.lines
        for step in self.path:
            found = node.keys.get(step) if isinstance(step, str) else (
                node.items[step] if step < len(node.items) else None
            )
            if found is None:
                break
            node = found
        return node.line

    def key(self, name: str) -> int:
        return self.child(name).line


def read_yaml(path: Path, label: str, problems: list[Problem]) -> YamlDocument | None:
    """Parse ``path``; on any failure add a Problem (missing, encoding, syntax, empty) and return None."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        problems.append(Problem(label, None, "file is missing; restore it (see README, curator's guide)"))
        return None
    except OSError as exc:
        problems.append(Problem(label, None, f"cannot be read: {exc.strerror}"))
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.append(Problem(label, raw[: exc.start].count(b"\n") + 1, "is not valid UTF-8; save it as UTF-8"))
        return None
    if not text.strip():
        problems.append(Problem(label, None, "is empty; it must hold the data (was the save cut short?)"))
        return None
    try:
        data = _load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line: int | None = mark.line + 1 if mark else None
        reason = exc.problem or exc.context or "syntax error"
        problems.append(Problem(label, line, f"YAML syntax error: {reason}"))
        return None
    except yaml.YAMLError as exc:
        problems.append(Problem(label, None, f"YAML error: {exc}"))
        return None
    if data is None:
        problems.append(Problem(label, None, "is empty; it must hold the data"))
        return None
    return YamlDocument(text, data)
