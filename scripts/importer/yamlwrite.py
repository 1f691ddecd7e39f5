"""Writing YAML the way editors write it: new list files, and keys added to existing records
with every other byte of the file left as it was (comments, order, blank lines, line endings)."""
from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

# A value YAML reads back as the same text when written bare: starts with a letter, holds no
# character that starts a comment, a mapping or a flow collection.
_PLAIN = re.compile(r"[^\W\d_](?:[\w .,'()/-]*[\w.)'])?")
# Words YAML 1.1 tools (editors' plug-ins, other readers) take for booleans or null.
_SPECIAL_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def scalar(value) -> str:
    """A value as YAML text: dates as YYYY-MM-DD, lists in brackets, text bare when safe."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(scalar(item) for item in value) + "]"
    text = str(value)
    if _PLAIN.fullmatch(text) and text.lower() not in _SPECIAL_WORDS:
        return text
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def record(fields: dict) -> str:
    """One record of a list file: `- key: value` then the other keys indented under it."""
    lines = [f"{key}: {scalar(value)}" for key, value in fields.items() if value is not None]
    return "- " + "\n  ".join(lines) + "\n"


@dataclass
class Span:
    """Where one record of a list file sits: its last line (1-based, comments after it not
    counted), the column of its keys, and whether it is written in braces on one line."""

    last_line: int
    indent: int
    flow: bool


def spans(text: str) -> list[Span | None]:
    """A span for each item of the file's top-level list (None for an item that is no record).

    Block collections end where the next token starts, so a record's real end is the end of its
    last scalar or flow collection, less the blank lines a block scalar keeps after it."""
    lines = text.split("\n")
    out: list[Span | None] = []
    depth, flows, first_key, last_end, item_flow = 0, [], None, None, False
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            flows.append(bool(event.flow_style))
            if depth == 2:
                first_key, last_end = None, None
                item_flow = isinstance(event, yaml.MappingStartEvent) and bool(event.flow_style)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
            if flows.pop():
                last_end = event.end_mark
            if depth == 1:
                out.append(_span(lines, first_key, last_end, item_flow) if first_key else None)
        elif isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent)):
            if depth == 1:
                out.append(None)  # a bare value in the list: no record
                continue
            if depth == 2 and first_key is None:
                first_key = event.start_mark
            last_end = event.end_mark
    return out


def _span(lines: list[str], first_key, last_end, flow: bool) -> Span:
    line = last_end.line if last_end.column else last_end.line - 1
    while line > 0 and not lines[line].strip():
        line -= 1
    return Span(line + 1, first_key.column, flow)


def insert_lines(data: bytes, additions: dict[int, list[str]]) -> bytes:
    """`data` with the given text lines inserted after each of the given 1-based lines, in the
    file's own line ending; nothing else changes."""
    lines = data.splitlines(keepends=True)
    ending = b"\r\n" if b"\r\n" in data else b"\n"
    for after in sorted(additions, reverse=True):
        if not lines[after - 1].endswith((b"\n", b"\r")):
            lines[after - 1] += ending  # the file's last line had no line break
        lines[after:after] = [line.encode("utf-8") + ending for line in additions[after]]
    return b"".join(lines)


def write_atomic(path: Path, data: bytes) -> None:
    """Replace a file in one step: a reader (or a crash) sees the old file or the new one,
    never half of it. The file keeps its permissions."""
    mode = os.stat(path).st_mode & 0o7777
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise


def create_new(folder: Path, stem: str, text: str) -> Path:
    """Write `text` to `folder/stem.yml`, or `stem-2.yml`, `stem-3.yml`...: never over an
    existing file, even one that appears while we write."""
    folder.mkdir(parents=True, exist_ok=True)
    while True:
        path = free_name(folder, stem)
        try:
            with open(path, "x", encoding="utf-8", newline="\n") as out:
                out.write(text)
            return path
        except FileExistsError:  # taken since we looked: take the next name
            continue


def free_name(folder: Path, stem: str) -> Path:
    """The first of `stem.yml`, `stem-2.yml`... that no file uses (as .yml or .yaml)."""
    number = 1
    while True:
        path = folder / (f"{stem}.yml" if number == 1 else f"{stem}-{number}.yml")
        if not path.exists() and not path.with_suffix(".yaml").exists():
            return path
        number += 1
