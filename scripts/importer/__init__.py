"""Importers of official lists: `import units` turns the statistics office's list of
administrative units into new locality records; `import merges` adds to existing records what a
merger table says (which units ended on which day, which began, what each became).

Both read the localities files as raw YAML rather than through the model: they need where each
record ends in its file, and they must work on content that is mid-change (a list imported
before its merger table, a unit whose successor does not exist yet).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .. import messages as msg
from ..load.layout import YAML_EXT
from ..load.yamlsrc import Map, Scalar, Seq, SourceError, check_controls, decode, parse
from ..problems import Problems
from ..text import nfc, parse_date, slugify
from .yamlwrite import Span, spans


class ImportFailed(Exception):
    """Nothing was written: every problem found (`problems`), or one message for the whole run."""

    def __init__(self, problems: Problems | None = None, message: str = ""):
        super().__init__(message)
        self.problems = problems or Problems()
        self.message = message


@dataclass
class Unit:
    """A locality record as written in the content, with where it is."""

    id: str
    name: str
    type: str
    level: str
    parent: str | None
    code: str | None
    start: date | None
    end: date | None
    successors: list[str] | None
    file: Path
    shown: str               # the file as messages show it
    line: int
    key_lines: dict[str, int] = field(default_factory=dict)
    span: Span | None = None

    def at(self, key: str) -> int:
        return self.key_lines.get(key, self.line)

    @property
    def full_name(self) -> str:
        return f"{self.type} {self.name}".strip()

    def alive(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


def code_key(code: str) -> str:
    """Codes compare without leading zeros: a spreadsheet shows the code "00001" as 1."""
    return code.lstrip("0") or "0"


def same_place(listed: str, unit: Unit) -> bool:
    """Whether a name from a list ("Xã An Nhơn", "An Nhơn", "an nhon") names this unit; tones
    placed the old or the new way ("Hoà"/"Hòa") and letter case do not count."""
    return slugify(listed) in (slugify(unit.name), slugify(unit.full_name))


class Units:
    """The content's units, found by id and by code."""

    def __init__(self, units: list[Unit]):
        self.all = units
        self.by_id = {unit.id: unit for unit in units}
        self.by_code: dict[str, list[Unit]] = {}
        for unit in units:
            if unit.code:
                self.by_code.setdefault(code_key(unit.code), []).append(unit)

    def with_code(self, code: str, day: date, level: str | None = None) -> list[Unit]:
        """Units alive on `day` with this code (of this level): those written exactly so first,
        else those equal but for leading zeros."""
        found = [u for u in self.by_code.get(code_key(code), [])
                 if u.alive(day) and (level is None or u.level == level)]
        return [u for u in found if u.code == code] or found

    def level_of(self, unit_id: str | None) -> str | None:
        unit = self.by_id.get(unit_id) if unit_id else None
        return unit.level if unit else None


def read_yaml(path: Path, shown: str, problems: Problems):
    """(text, root node) of a content file; None when unreadable (reported)."""
    try:
        text = nfc(decode(path.read_bytes()))
        check_controls(text)
        return text, parse(text)
    except SourceError as err:
        problems.error(shown, err.line, err.field, f"{err.message} ({msg.IMPORT_FIX_CONTENT})")
        return None


def read_levels(content: Path) -> list[str]:
    """The ids of site.yml's levels, top first."""
    path = content / "site.yml"
    problems = Problems()
    read = read_yaml(path, path.as_posix(), problems) if path.is_file() else None
    root = read[1] if read else None
    levels = root.entries.get("levels", (0, None))[1] if isinstance(root, Map) else None
    ids = [_text(item.entries.get("id")) for item in levels.items if isinstance(item, Map)] \
        if isinstance(levels, Seq) else []
    if len(ids) < 2 or not all(ids):
        raise ImportFailed(problems, msg.import_no_levels(path.as_posix()))
    return ids


def load_units(content: Path) -> Units:
    """Every locality record under content/localities/; ImportFailed when a file cannot be read,
    since an unread file may hold the very ids and codes the import must not repeat."""
    problems = Problems()
    units = []
    folder = content / "localities"
    paths = sorted(p for p in folder.rglob("*") if p.suffix in YAML_EXT and p.is_file()
                   and not any(part.startswith(".") for part in p.relative_to(folder).parts)) \
        if folder.is_dir() else []
    for path in paths:
        units += _file_units(path, path.as_posix(), problems)
    if problems.errors:
        raise ImportFailed(problems)
    return Units(units)


def _file_units(path: Path, shown: str, problems: Problems) -> list[Unit]:
    read = read_yaml(path, shown, problems)
    if read is None or not isinstance(read[1], Seq):
        return []
    units = []
    for node, span in zip(read[1].items, spans(read[0])):
        if isinstance(node, Map) and _text(node.entries.get("id")):
            units.append(_unit(node, span, path, shown, problems))
    return units


def _unit(node: Map, span: Span | None, path: Path, shown: str, problems: Problems) -> Unit:
    get = node.entries.get
    return Unit(
        id=_text(get("id")), name=_text(get("name")) or "", type=_text(get("type")) or "",
        level=_text(get("level")) or "", parent=_text(get("parent")), code=_text(get("code")),
        start=_date(get("start"), shown, problems), end=_date(get("end"), shown, problems),
        successors=_list(get("successors")), file=path, shown=shown, line=node.line,
        key_lines={key: line for key, (line, _) in node.entries.items()}, span=span)


def _text(entry) -> str | None:
    """The text of a `key: value` entry ((line, node) or a node); None when absent or empty."""
    node = entry[1] if isinstance(entry, tuple) else entry
    if isinstance(node, Scalar) and not node.is_null and node.value.strip():
        return node.value.strip()
    return None


def _list(entry) -> list[str] | None:
    if entry is None:
        return None
    node = entry[1]
    items = node.items if isinstance(node, Seq) else [node]
    return [value for value in map(_text, items) if value]


def _date(entry, shown: str, problems: Problems) -> date | None:
    value = _text(entry)
    if value is None:
        return None
    day = parse_date(value)
    if day is None:
        problems.error(shown, entry[0], "", f"{msg.bad_date(value)} ({msg.IMPORT_FIX_CONTENT})")
    return day
