"""`python -m scripts import assignments FILE`: the annex of a decision that assigns cadres to
units (columns `STT, Họ và tên, Chức vụ, Cơ quan, Địa bàn, Từ ngày, Đến ngày, Số quyết định`).

It adds the cadres the content does not know and the assignments; and when a decision gives a
unit cadres other than those who follow it, it ends their assignments the day before the new
ones start (seed 003: assignments are adjusted to replace cadres who move or retire). A plan is
printed first; `--yes` writes it: new files for the new cadres and assignments, an `end:` line
added to each assignment it ends, every other byte of those files kept.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from .. import messages as msg
from .. import model as m
from ..cache import Store, default_folder
from ..load import load_content
from ..problems import Problems
from ..text import format_date, parse_date, slugify
from . import ImportFailed, read_yaml
from .table import Column, Row, Table, read_table
from .visits import Names, find_unit
from .yamlwrite import create_new, insert_lines, record, spans, write_atomic

NUMBER, NAME, TITLE, ORGANIZATION, UNIT, START, END, DECISION = (
    "STT", "Họ và tên", "Chức vụ", "Cơ quan", "Địa bàn", "Từ ngày", "Đến ngày", "Số quyết định")
COLUMNS = [Column(NUMBER, False), Column(NAME), Column(TITLE, False),
           Column(ORGANIZATION, False), Column(UNIT), Column(START), Column(END, False),
           Column(DECISION, False)]
EXAMPLE = ",".join(c.name for c in COLUMNS)
DAY = timedelta(days=1)


@dataclass
class NewCadre:
    id: str
    name: str
    title: str
    organization: str
    level: str


@dataclass
class Ending:
    """An assignment this decision replaces: it ends the day before its successor starts."""
    assignment: m.Assignment
    end: date
    by: str          # the new cadre's name, for the plan


@dataclass
class Plan:
    source: str
    cadres: list[NewCadre] = field(default_factory=list)
    assignments: list[dict] = field(default_factory=list)
    endings: list[Ending] = field(default_factory=list)
    known: list[str] = field(default_factory=list)     # rows already in the content
    problems: Problems = field(default_factory=Problems)
    # every cadre the decision gives each unit from a day, whether new or confirmed
    listed: dict[tuple[str, date], set[str]] = field(default_factory=dict)
    names: Names | None = None  # the content it was planned on, to show the plan by name

    @property
    def empty(self) -> bool:
        return not (self.cadres or self.assignments or self.endings)


def plan(source: Path, content: Path, today: date, level: str | None) -> Plan:
    """What importing the annex would do. `level`: the level (id or label) of the cadres it
    creates. ImportFailed with every problem when a row is bad."""
    table = read_table(source, COLUMNS, EXAMPLE)
    loaded = load_content(content, Problems(), Store.open(default_folder(), content),
                          jobs=os.cpu_count() or 1)
    if loaded is None:
        raise ImportFailed(message=msg.import_no_levels((content / "site.yml").as_posix()))
    names = Names(loaded)
    result = Plan(str(source), names=names)
    level_id = _level(level, loaded)
    created: dict[str, NewCadre] = {}
    for row in table.rows:
        _row(row, table, names, loaded, today, level, level_id, created, result)
    if result.problems.errors:
        raise ImportFailed(result.problems)
    result.cadres = list(created.values())
    _endings(result, loaded, names)
    return result


def _level(level: str | None, content: m.Content) -> str | None:
    if level is None:
        return None
    for lv in content.site.levels:
        if level in (lv.id, lv.label) or slugify(level) == slugify(lv.label):
            return lv.id
    raise ImportFailed(message=msg.assign_bad_level(
        level, [lv.label for lv in content.site.levels]))


def _row(row: Row, table: Table, names: Names, content: m.Content, today: date,
         level: str | None, level_id: str | None, created: dict, result: Plan) -> None:
    problems = Problems()

    def bad(column: str, message: str) -> None:
        problems.error(table.path, row.line, table.label(column), message)

    for column in (NAME, UNIT, START):
        if not row.get(column):
            bad(column, msg.visit_empty(column))
    start = _day(row.get(START), START, bad)
    end = _day(row.get(END), END, bad)
    if start and end and end < start:
        bad(END, msg.end_before_start(format_date(start)))
    unit = find_unit(str(row[UNIT]), start, names, bad) if start and row.get(UNIT) else None
    cadre = _cadre(row, names, level, level_id, created, bad) if row.get(NAME) else None
    if cadre and unit:
        _level_above(cadre, unit, names, bad)
    result.problems.items += problems.items
    if problems.errors or not (cadre and unit and start):
        return
    result.listed.setdefault((unit, start), set()).add(cadre.id)
    # the same cadre already on the unit that day: the decision confirms, nothing to add
    if any(a.cadre == cadre.id and a.locality == unit and (a.start == start or a.active_on(start))
           for a in content.assignments):
        result.known.append(msg.assign_known(table.path, row.line, cadre.name,
                                             names.shown(names.units[unit], start),
                                             format_date(start)))
        return
    fields = {"cadre": cadre.id, "locality": unit, "start": start, "end": end,
              "decision": str(row[DECISION]) if row.get(DECISION) else None}
    result.assignments.append(fields)


def _day(value, column: str, bad) -> date | None:
    if not value:
        return None
    day = value if isinstance(value, date) else parse_date(str(value))
    if day is None:
        bad(column, msg.import_bad_date(str(value)))
    return day


def _cadre(row: Row, names: Names, level: str | None, level_id: str | None, created: dict,
           bad):
    """The cadre the row names: one the content knows, or a new one (made once per name)."""
    name = " ".join(str(row[NAME]).split())
    found = names.cadres.get(slugify(name), [])
    if len(found) > 1:
        bad(NAME, msg.visit_many_cadres(name, [c.id for c in found]))
        return None
    if found:
        return found[0]
    if slugify(name) in created:
        return created[slugify(name)]
    missing = [c for c in (TITLE, ORGANIZATION) if not row.get(c)]
    for column in missing:
        bad(column, msg.assign_new_cadre_needs(name, column))
    if level_id is None:
        bad(NAME, msg.assign_new_cadre_level(name))
    if missing or level_id is None:
        return None
    taken = set(names.cadres) | {c.id for c in created.values()}
    cadre_id, n = slugify(name), 2
    while cadre_id in taken:
        cadre_id, n = f"{slugify(name)}-{n}", n + 1
    cadre = NewCadre(cadre_id, name, str(row[TITLE]), str(row[ORGANIZATION]), level_id)
    created[slugify(name)] = cadre
    return cadre


def _level_above(cadre, unit_id: str, names: Names, bad) -> None:
    """The rule `check` applies: a cadre works at a level above the unit's."""
    ranks = {lv.id: i for i, lv in enumerate(names.content.site.levels)}
    unit = names.units[unit_id]
    if ranks.get(cadre.level, -1) >= ranks.get(unit.level, 99):
        bad(UNIT, msg.cadre_level_not_above(names.levels.get(cadre.level, cadre.level),
                                            names.levels.get(unit.level, unit.level)))


def _endings(result: Plan, content: m.Content, names: Names) -> None:
    """A decision gives each unit it names the cadres it lists from that day: any other cadre
    following the unit then is replaced, and their assignment ends the day before."""
    for (unit, start), cadres in result.listed.items():
        for old in content.assignments:
            if old.locality == unit and old.cadre not in cadres and old.start < start \
                    and old.active_on(start):
                if old.end is not None:  # an end already written: the editor decides
                    result.problems.error(old.loc.path, old.loc.at("end"), "end",
                                          msg.assign_end_conflict(format_date(old.end),
                                                                  format_date(start)))
                    continue
                by = ", ".join(sorted(_name(c, content, result) for c in cadres))
                result.endings.append(Ending(old, start - DAY, by))
    if result.problems.errors:
        raise ImportFailed(result.problems)


def _name(cadre_id: str, content: m.Content, result: Plan) -> str:
    for cadre in (*content.cadres, *result.cadres):
        if cadre.id == cadre_id:
            return cadre.name
    return cadre_id


# ---- writing --------------------------------------------------------------------------------

def write(result: Plan, content: Path, stem: str) -> list[Path]:
    """New files for the new cadres and assignments, then `end:` added in place to each
    replaced assignment. Returns the files written or changed."""
    edits = _edits(result.endings)  # read and checked before anything is written
    written = []
    if result.cadres:
        text = "".join(record({"id": c.id, "name": c.name, "title": c.title,
                               "organization": c.organization, "level": c.level})
                       for c in result.cadres)
        written.append(create_new(content / "cadres", stem, _header(result) + text))
    if result.assignments:
        text = "".join(record(a) for a in result.assignments)
        written.append(create_new(content / "assignments", stem, _header(result) + text))
    for path, data in edits.items():
        write_atomic(path, data)
        written.append(path)
    return written


def _header(result: Plan) -> str:
    return f"# {msg.assign_file_header(Path(result.source).name)}\n"


def _edits(endings: list[Ending]) -> dict[Path, bytes]:
    """Each file holding a replaced assignment, with `end:` inserted after that record."""
    by_file: dict[Path, list[Ending]] = {}
    for ending in endings:
        by_file.setdefault(Path(ending.assignment.loc.path), []).append(ending)
    out = {}
    for path, items in by_file.items():
        problems = Problems()
        read = read_yaml(path, path.as_posix(), problems)
        if read is None:
            raise ImportFailed(problems)
        text, root = read
        lines = {node.line: span for node, span in zip(root.items, spans(text)) if span}
        additions = {}
        for ending in items:
            span = lines.get(ending.assignment.loc.line)
            if span is None or span.flow:
                raise ImportFailed(message=msg.assign_cannot_edit(
                    f"{path.as_posix()}:{ending.assignment.loc.line}"))
            additions[span.last_line] = [" " * span.indent + f"end: {ending.end.isoformat()}"]
        out[path] = insert_lines(path.read_bytes(), additions)
    return out
