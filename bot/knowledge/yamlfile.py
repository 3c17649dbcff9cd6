"""Read one YAML file into plain data plus the line of every list item and key, for error messages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import yaml

_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when the wheel has it
_KEPT_TAGS = {"tag:yaml.org,2002:null", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int"}


class _Loader(_Base):  # type: ignore[valid-type,misc]
    """Safe loading that only guesses null, booleans and integers: the knowledge files need no more
    (no dates, floats or merges), and guessing less makes large files load faster."""

    yaml_implicit_resolvers: ClassVar[dict[Any, list[tuple[str, Any]]]] = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag in _KEPT_TAGS]
        for first, resolvers in _Base.yaml_implicit_resolvers.items()
    }


_STR, _SEQ, _MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"
_SCALARS: dict[str, Callable[[yaml.SafeLoader, yaml.ScalarNode], Any]] = {
    "tag:yaml.org,2002:null": _Base.construct_yaml_null,
    "tag:yaml.org,2002:bool": _Base.construct_yaml_bool,
    "tag:yaml.org,2002:int": _Base.construct_yaml_int,
}


class _Unusual(Exception):
    """A node the plain walk leaves to PyYAML: an explicit tag, a recursive alias, a key that is not a scalar."""


def _plain_data(node: yaml.Node, loader: yaml.SafeLoader, done: dict[int, Any]) -> Any:
    """The data of a node tree of plain strings, lists, mappings and resolved scalars, as PyYAML would
    construct it, without its generic per-node bookkeeping. Aliased lists and mappings stay shared."""
    if isinstance(node, yaml.ScalarNode):
        if node.tag == _STR:
            return node.value
        construct = _SCALARS.get(node.tag)
        if construct is None:
            raise _Unusual
        return construct(loader, node)
    data = done.get(id(node), done)
    if data is not done:
        if data is None:  # an alias inside itself
            raise _Unusual
        return data
    done[id(node)] = None
    if node.tag == _SEQ and isinstance(node, yaml.SequenceNode):
        data = [_plain_data(item, loader, done) for item in node.value]
    elif node.tag == _MAP and isinstance(node, yaml.MappingNode):
        data = {}
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode):
                raise _Unusual
            data[_plain_data(key, loader, done)] = _plain_data(value, loader, done)
    else:
        raise _Unusual
    done[id(node)] = data
    return data


def _load(text: str) -> Any:
    """yaml.load(text) with our loader, building plain documents directly. Anything else, including
    every error, goes through yaml.load itself: the data and the error reported are the same."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        return None if node is None else _plain_data(node, loader, {})
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
