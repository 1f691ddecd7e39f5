"""Read editors' YAML safely, keeping the line of every value.

PyYAML's composer gives a node tree with positions; we walk it ourselves instead of letting
PyYAML construct objects, so that no tag can build an object, aliases cannot multiply a document,
and a duplicated key is reported instead of silently keeping the last value.
"""
from __future__ import annotations

from dataclasses import dataclass

import yaml

from .. import messages as msg

MAX_BYTES = 2 * 1024 * 1024  # far above any real record; stops a pasted dump from eating memory

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}


class SourceError(Exception):
    """A file that cannot be read as a document at all; carries the line and the message."""

    def __init__(self, line: int, message: str, field: str = ""):
        super().__init__(message)
        self.line = line
        self.message = message
        self.field = field


@dataclass
class Scalar:
    value: str
    line: int
    quoted: bool
    tag: str

    @property
    def is_null(self) -> bool:
        return self.tag == "tag:yaml.org,2002:null"


@dataclass
class Seq:
    items: list
    line: int


@dataclass
class Map:
    # Key -> (key line, value node); insertion order is the file's order.
    entries: dict
    line: int


Node = Scalar | Seq | Map


class _Loader(yaml.SafeLoader):
    """A composer that refuses anchors and aliases: we have no use for them, and they enable
    "billion laughs" documents."""

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise SourceError(event.start_mark.line + 1, msg.YAML_ALIAS)
        return super().compose_node(parent, index)


def decode(data: bytes) -> str:
    """Bytes to text: UTF-8 only, a byte-order mark accepted, invalid bytes reported by line."""
    if len(data) > MAX_BYTES:
        raise SourceError(1, msg.file_too_big(len(data), MAX_BYTES))
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise SourceError(line, msg.NOT_UTF8) from None


def check_tabs(text: str, first_line: int = 1) -> None:
    for number, line in enumerate(text.split("\n"), start=first_line):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            raise SourceError(number, msg.TAB_INDENT)


def parse(text: str, first_line: int = 1) -> Node | None:
    """Parse one YAML document; line numbers are shifted so that they count from `first_line`."""
    check_tabs(text, first_line)
    try:
        loader = _Loader(text)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
    except SourceError as err:
        err.line += first_line - 1
        raise
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = (mark.line + 1 if mark else 1) + first_line - 1
        raise SourceError(line, msg.yaml_syntax(err.problem or "")) from None
    except yaml.YAMLError as err:  # reader errors (control characters) carry no mark
        raise SourceError(first_line, msg.yaml_syntax(str(err))) from None
    if root is None:
        return None
    return _convert(root, first_line - 1)


def _convert(node: yaml.Node, shift: int) -> Node:
    line = node.start_mark.line + 1 + shift
    if node.tag not in _PLAIN_TAGS:
        raise SourceError(line, msg.yaml_tag(node.tag))
    if isinstance(node, yaml.ScalarNode):
        return Scalar(node.value, line, node.style in ("'", '"', "|", ">"), node.tag)
    if isinstance(node, yaml.SequenceNode):
        return Seq([_convert(item, shift) for item in node.value], line)
    entries: dict = {}
    for key_node, value_node in node.value:
        key_line = key_node.start_mark.line + 1 + shift
        if not isinstance(key_node, yaml.ScalarNode):
            raise SourceError(key_line, msg.YAML_COMPLEX_KEY)
        key = key_node.value
        if key in entries:
            raise SourceError(key_line, msg.duplicate_key(entries[key][0]), key)
        entries[key] = (key_line, _convert(value_node, shift))
    return Map(entries, line)
