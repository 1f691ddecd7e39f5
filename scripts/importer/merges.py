"""`import merges`: a table of which old units became which new ones, written into the records.

Each row reads "the unit with the old code became (part of) the unit with the new code on the
effective date". Codes were reused across the change (a new commune kept one predecessor's
code), so an old code is looked up among the units alive the day before the date and a new code
among those alive on it. The keys are added to the editors' files in place: every other byte of
a file stays as it was, and a key already there with another value stops the whole import.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from .. import messages as msg
from ..load.yamlsrc import SourceError, decode, parse
from ..problems import Problems
from ..text import format_date, nfc, parse_date
from . import ImportFailed, Unit, Units, load_units, same_place
from .table import Column, Row, Table, read_table
from .yamlwrite import insert_lines, scalar, write_atomic

OLD_CODE, OLD_NAME, NEW_CODE, NEW_NAME, EFFECTIVE = \
    "Mã cũ", "Tên cũ", "Mã mới", "Tên mới", "Ngày hiệu lực"
COLUMNS = [Column(OLD_CODE), Column(OLD_NAME, False), Column(NEW_CODE), Column(NEW_NAME, False),
           Column(EFFECTIVE)]
EXAMPLE = ",".join(c.name for c in COLUMNS)
KEYS = ("start", "end", "successors")  # in the order they are added to a record
_DIGITS = re.compile(r"[0-9]+")
ONE_DAY = timedelta(days=1)


@dataclass
class Step:
    """One row: the old unit became (part of) the new one on `day`."""

    row: Row
    day: date
    old: Unit | None = None
    new: Unit | None = None


@dataclass
class Change:
    """The keys to add to one record; `rows`: the row that asks for each key (for messages)."""

    unit: Unit
    keys: dict = field(default_factory=dict)
    rows: dict = field(default_factory=dict)

    def lines(self) -> list[str]:
        indent = " " * self.unit.span.indent
        return [f"{indent}{key}: {scalar(self.keys[key])}" for key in KEYS if key in self.keys]


@dataclass
class Plan:
    changes: list[Change]     # records that get at least one key
    files: dict[Path, tuple[bytes, bytes]]  # file -> (bytes read, bytes to write)
    rows: int

    def write(self) -> None:
        # A file an editor saved meanwhile would lose their change: check all before writing any.
        for path, (before, _) in self.files.items():
            if path.read_bytes() != before:
                raise ImportFailed(message=msg.import_changed_meanwhile(path.as_posix()))
        for path, (_, after) in self.files.items():
            write_atomic(path, after)


def plan(source: Path, content: Path) -> Plan:
    """What the table adds to the content. TableError when the file is no table; ImportFailed
    with every problem found, when any (then nothing may be written)."""
    table = read_table(source, COLUMNS, EXAMPLE)
    units = load_units(content)
    problems = Problems()
    steps = [step for row in table.rows if (step := _step(row, table, problems))]
    _find_units(steps, units, table, problems)
    changes = _changes([s for s in steps if s.old and s.new], table, problems)
    files = _edit(changes, table, problems)
    if problems.errors:
        raise ImportFailed(problems)
    changes = sorted((c for c in changes if c.keys), key=lambda c: (c.unit.shown, c.unit.line))
    return Plan(changes, files, len(table.rows))


def _step(row: Row, table: Table, problems: Problems) -> Step | None:
    """The row's date, its codes checked; None when a cell is bad (reported)."""
    bad = False
    for column in (OLD_CODE, NEW_CODE):
        value = str(row[column])
        if _DIGITS.fullmatch(value):
            continue
        problem = msg.import_bad_code(value) if value else msg.IMPORT_NO_CODE
        problems.error(table.path, row.line, table.label(column), problem)
        bad = True
    day = _day(row[EFFECTIVE])
    if day is None:
        problem = msg.import_bad_date(str(row[EFFECTIVE])) if row[EFFECTIVE] else \
            msg.IMPORT_NO_DATE
        problems.error(table.path, row.line, table.label(EFFECTIVE), problem)
    return None if bad or day is None else Step(row, day)


def _day(value) -> date | None:
    """An Excel date cell, or text as dd/mm/yyyy or YYYY-MM-DD."""
    return value if isinstance(value, date) else parse_date(str(value)) if value else None


def _find_units(steps: list[Step], units: Units, table: Table, problems: Problems) -> None:
    """Old codes first: a unit this table ends is no longer a candidate for a new code."""
    for step in steps:
        step.old = _find(step, OLD_CODE, OLD_NAME, step.day - ONE_DAY, units, table, problems)
    ends = {step.old.id: step.day - ONE_DAY for step in steps if step.old}
    for step in steps:
        step.new = _find(step, NEW_CODE, NEW_NAME, step.day, units, table, problems, ends)


def _find(step: Step, code_column: str, name_column: str, day: date, units: Units,
          table: Table, problems: Problems, ends: dict | None = None) -> Unit | None:
    row, code = step.row, str(step.row[code_column])
    name = str(row.get(name_column) or "")
    alive = units.with_code(code, day)
    found = [u for u in alive if u.id not in (ends or {}) or ends[u.id] >= day]
    if len(found) > 1 and name:  # the name tells apart units whose codes differ by zeros
        found = [u for u in found if same_place(name, u)] or found
    if not found and ends is None:
        problem, column = msg.import_unknown_old(code, format_date(day)), code_column
    elif not found:
        problem, column = msg.import_unknown_new(code, format_date(day),
                                                 [u.id for u in alive]), code_column
    elif len(found) > 1:
        problem, column = msg.import_code_many(code, format_date(day), [u.id for u in found],
                                               table.label(name_column)), code_column
    elif name and not same_place(name, found[0]):
        problem, column = msg.import_wrong_name(
            code, format_date(day), f"{found[0].full_name} ({found[0].id})", name), name_column
    else:
        return found[0]
    problems.error(table.path, row.line, table.label(column), problem)
    return None


def _changes(steps: list[Step], table: Table, problems: Problems) -> list[Change]:
    """The keys each record needs, in row order; the keys it already has with another value
    are conflicts (reported)."""
    changes: dict[str, Change] = {}
    for step in steps:
        old = changes.setdefault(step.old.id, Change(step.old))
        new = changes.setdefault(step.new.id, Change(step.new))
        _want(old, "end", step.day - ONE_DAY, step, table, OLD_CODE, problems)
        successors = old.keys.setdefault("successors", [])
        if step.new.id not in successors:
            successors.append(step.new.id)
        old.rows.setdefault("successors", (step.row, OLD_CODE))
        _want(new, "start", step.day, step, table, NEW_CODE, problems)
    for change in changes.values():
        _drop_present(change, table, problems)
    return list(changes.values())


def _want(change: Change, key: str, value: date, step: Step, table: Table, column: str,
          problems: Problems) -> None:
    """Ask for `key: value`; a second row giving the same unit another date is an error."""
    if key in change.keys and change.keys[key] != value:
        first = change.rows[key][0]
        problems.error(table.path, step.row.line, table.label(EFFECTIVE), msg.import_two_dates(
            change.unit.id, format_date(_day(first[EFFECTIVE])), first.line,
            format_date(step.day)))
        return
    change.keys[key] = value
    change.rows.setdefault(key, (step.row, column))


def _drop_present(change: Change, table: Table, problems: Problems) -> None:
    """Keys the record has with the same value need nothing; with another value, a conflict."""
    unit = change.unit
    present = {"start": unit.start, "end": unit.end, "successors": unit.successors}
    for key in list(change.keys):
        if present[key] is None:
            continue
        wanted = change.keys.pop(key)
        if key == "successors" and set(present[key]) == set(wanted) or present[key] == wanted:
            continue
        row, column = change.rows[key]
        problems.error(table.path, row.line, table.label(column), msg.import_conflict(
            unit.id, f"{unit.shown}:{unit.at(key)}", key, _shown(present[key]), _shown(wanted)))


def _shown(value) -> str:
    return format_date(value) if isinstance(value, date) else ", ".join(value)


def _edit(changes: list[Change], table: Table, problems: Problems
          ) -> dict[Path, tuple[bytes, bytes]]:
    """Each file's bytes with the keys inserted after each record's last line."""
    by_file: dict[Path, dict[int, list[str]]] = {}
    for change in changes:
        unit = change.unit
        if not change.keys:
            continue
        if unit.span is None or unit.span.flow:
            row, column = next(iter(change.rows.values()))
            problems.error(table.path, row.line, table.label(column), msg.import_one_line_record(
                unit.id, f"{unit.shown}:{unit.line}"))
            continue
        by_file.setdefault(unit.file, {})[unit.span.last_line] = change.lines()
    files = {}
    for path, additions in by_file.items():
        before = path.read_bytes()
        after = insert_lines(before, additions)
        try:  # never leave an editor's file unreadable: the result must still parse
            parse(nfc(decode(after)))
        except SourceError as err:
            problems.error(path.as_posix(), err.line, "", err.message)
        files[path] = (before, after)
    return files
