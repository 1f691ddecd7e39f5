"""Read editors' YAML safely, keeping the line of every value.

PyYAML's composer gives a node tree with positions; we walk it ourselves instead of letting
PyYAML construct objects, so that no tag can build an object, aliases cannot multiply a document,
and a duplicated key is reported instead of silently keeping the last value.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from .. import messages as msg
from ..text import find_control, line_col

MAX_BYTES = 2 * 1024 * 1024  # far above any real record; stops a pasted dump from eating memory
# The format nests three levels at most (site > levels > a level); far deeper is a pasted or
# hostile document, which would otherwise exhaust Python's recursion.
MAX_DEPTH = 20

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
    block: bool = False  # written `|` or `>`: its lines are the file's, from the next one

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


# libyaml (shipped in PyYAML's wheels) scans about ten times faster than the pure-Python scanner;
# we only take its events and build the nodes ourselves.
_EventLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_NULLS = {"", "~", "null", "Null", "NULL"}
_STR = "tag:yaml.org,2002:str"


def _tag_of(event) -> str:
    """The node's tag: explicit ones are kept for refusal; implicit ones are str or null."""
    if event.tag and event.tag != "!":
        return event.tag
    if isinstance(event, yaml.ScalarEvent):
        plain = event.style is None or event.style == ""
        return "tag:yaml.org,2002:null" if plain and event.value in _NULLS else _STR
    return "tag:yaml.org,2002:seq" if isinstance(event, yaml.SequenceStartEvent) \
        else "tag:yaml.org,2002:map"


class _Events:
    """libyaml's events as a list with a cursor: cheaper than a peekable iterator."""

    def __init__(self, text: str):
        self.items = list(yaml.parse(text, Loader=_EventLoader))
        self.at = 0

    def peek(self):
        return self.items[self.at]

    def take(self):
        self.at += 1
        return self.items[self.at - 1]


def _compose(events: _Events, shift: int, depth: int = 0):
    """Build one node from the events, starting at the node's first event."""
    event = events.take()
    line = event.start_mark.line + 1 + shift
    if depth > MAX_DEPTH:
        raise SourceError(line, msg.yaml_too_deep(MAX_DEPTH))
    if isinstance(event, yaml.AliasEvent) or event.anchor:
        # Anchors and aliases are of no use here, and enable "billion laughs" documents.
        raise SourceError(line, msg.YAML_ALIAS)
    tag = _tag_of(event)
    if tag not in _PLAIN_TAGS:
        raise SourceError(line, msg.yaml_tag(tag))
    if isinstance(event, yaml.ScalarEvent):
        return Scalar(event.value, line, event.style in ("'", '"', "|", ">"), tag,
                      event.style in ("|", ">"))
    if isinstance(event, yaml.SequenceStartEvent):
        items = []
        while not isinstance(events.peek(), yaml.SequenceEndEvent):
            items.append(_compose(events, shift, depth + 1))
        events.take()
        return Seq(items, line)
    entries: dict = {}
    while not isinstance(events.peek(), yaml.MappingEndEvent):
        key_line = events.peek().start_mark.line + 1 + shift
        key = _compose(events, shift, depth + 1)
        if not isinstance(key, Scalar):
            raise SourceError(key_line, msg.YAML_COMPLEX_KEY)
        value = _compose(events, shift, depth + 1)
        if key.value in entries:
            raise SourceError(key_line, msg.duplicate_key(entries[key.value][0]), key.value)
        entries[key.value] = (key_line, value)
    events.take()
    return Map(entries, line)


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


def check_controls(text: str, first_line: int = 1) -> None:
    """Refuse the first C0/C1 control character with its real line: YAML readers report it
    without a position, and in a Markdown body it would reach the page unseen."""
    offset = find_control(text)
    if offset is not None:
        line, column = line_col(text, offset, first_line)
        raise SourceError(line, msg.control_in_file(msg.char_label(ord(text[offset]), "control"),
                                                    column))


def check_tabs(text: str, first_line: int = 1) -> None:
    for number, line in enumerate(text.split("\n"), start=first_line):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            raise SourceError(number, msg.TAB_INDENT)


def parse(text: str, first_line: int = 1) -> Node | None:
    """Parse one YAML document; line numbers are shifted so that they count from `first_line`.

    The caller runs `check_controls` on the whole file first (the loader does, in one pass
    for front matter and body), so that a control character is reported on its own line.
    """
    check_tabs(text, first_line)
    shift = first_line - 1
    try:
        events = _Events(text)
        events.take()  # stream start
        if isinstance(events.peek(), yaml.StreamEndEvent):
            return None
        events.take()  # document start
        root = _compose(events, shift)
        events.take()  # document end
        if not isinstance(events.peek(), yaml.StreamEndEvent):
            raise SourceError(events.peek().start_mark.line + 1 + shift, msg.YAML_MANY_DOCUMENTS)
    except SourceError:
        raise
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = (mark.line + 1 if mark else 1) + shift
        raise SourceError(line, msg.yaml_syntax(err.problem or "")) from None
    except yaml.YAMLError as err:  # reader errors (control characters) carry no mark
        raise SourceError(first_line, msg.yaml_syntax(str(err))) from None
    if isinstance(root, Scalar) and root.is_null:
        return None
    return root


_BLOCK_HEADER = re.compile(r"^\s*(?:-\s+)?(?:([^\s#:][^:#]*?)\s*:\s+)?[|>][-+0-9]*\s*(?:#.*)?$")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def open_block_scalar(lines: list[str]) -> str | None:
    """The key of the block scalar (`key: |` or `key: >`) that the last of `lines` belongs to,
    "" for one in a list item, None when the lines do not end inside a block scalar.

    Used where front matter closes: a `---` at column 0 ends YAML even inside a block scalar,
    cutting it short, which is never what an editor meant.
    """
    content = [line for line in lines if line.strip()]
    if not content or _indent(content[-1]) == 0:
        return None
    depth = _indent(content[-1])
    for line in reversed(content[:-1]):
        if _indent(line) >= depth or line.lstrip().startswith("#"):
            continue
        header = _BLOCK_HEADER.match(line)
        if header:
            return header.group(1) or ""
        depth = _indent(line)
        if depth == 0:
            return None
    return None
