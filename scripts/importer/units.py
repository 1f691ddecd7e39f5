"""`import units`: the statistics office's list of administrative units, as new locality records.

The list names each unit with its type word ("Huyện Thạnh Phú", "Phường 1") and its official
code. Units already in the content are found by their code and left alone, so that a list can
be imported again; only new units are written, into a new file an editor then reviews.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .. import messages as msg
from ..load.convert import id_problem
from ..problems import Problems
from ..text import format_date, nfc, slugify, sort_key
from . import ImportFailed, Unit, Units, code_key, load_units, read_levels
from .table import Column, Table, read_table
from .yamlwrite import create_new, free_name, record

# The type words of the list, the longest first so that "Thị xã" wins over a shorter word.
TYPES = sorted(("Tỉnh", "Thành phố", "Huyện", "Quận", "Thị xã", "Thị trấn", "Xã", "Phường",
                "Đặc khu"), key=len, reverse=True)
PROVINCE, PROVINCE_CODE = "Tỉnh / Thành Phố", "Mã TP"
DISTRICT, DISTRICT_CODE = "Quận Huyện", "Mã QH"  # only in lists before 1 July 2025
COMMUNE, COMMUNE_CODE = "Phường Xã", "Mã PX"
KIND = "Cấp"  # the commune's type word, for a name written without it
COLUMNS = [Column(PROVINCE), Column(PROVINCE_CODE), Column(DISTRICT, False),
           Column(DISTRICT_CODE, False), Column(COMMUNE), Column(COMMUNE_CODE), Column(KIND, False)]
EXAMPLE = ",".join(c.name for c in COLUMNS)
NAME_EXAMPLES = {PROVINCE: "Tỉnh Bến Tre", DISTRICT: "Huyện Thạnh Phú", COMMUNE: "Xã An Nhơn"}
_DIGITS = re.compile(r"[0-9]+")


@dataclass
class Listed:
    """A unit as the list gives it, and what it is in the content."""

    code: str
    name: str
    type: str
    level: str
    parent: Listed | None
    line: int                 # the first row naming it
    id: str = ""
    found: Unit | None = None  # the same unit, already in the content


@dataclass
class Plan:
    source: Path
    province: Listed
    new: list[Listed]
    seen: int                         # units the list holds
    start: date | None
    stem: str                         # the new file's name without extension
    folder: Path
    differences: list[str] = field(default_factory=list)

    def target(self) -> Path:
        return free_name(self.folder, self.stem)

    def text(self) -> str:
        blocks = []
        deepest = max(map(_depth, self.new))
        for unit in self.new:
            fields = {"id": unit.id, "name": unit.name, "type": unit.type, "level": unit.level,
                      "parent": unit.parent.id if unit.parent else None, "code": unit.code,
                      "start": self.start}
            # a blank line before each unit above the communes, as editors group their files
            spaced = blocks and _depth(unit) < deepest
            blocks.append(("\n" if spaced else "") + record(fields))
        start = format_date(self.start) if self.start else None
        return msg.import_units_header(self.source.name, self.province.code, start) + \
            "".join(blocks)

    def write(self) -> Path:
        return create_new(self.folder, self.stem, self.text())


def plan(source: Path, province: str, content: Path, start: date | None, today: date) -> Plan:
    """What importing `source` for the province with this code would write. TableError when
    the file is no list; ImportFailed with every problem when a row is bad (then nothing may
    be written)."""
    day = start or today
    levels = read_levels(content)
    table = read_table(source, COLUMNS, EXAMPLE)
    problems = Problems()
    listed = _collect(table, province, levels, problems)
    if problems.errors:
        raise ImportFailed(problems)
    if not listed:
        codes = sorted({str(row[PROVINCE_CODE]) for row in table.rows if row[PROVINCE_CODE]})
        raise ImportFailed(message=msg.import_no_province(
            table.path, table.label(PROVINCE_CODE), province, codes))
    units = load_units(content)
    differences = _resolve(listed, units, day, table, problems)
    if problems.errors:
        raise ImportFailed(problems)
    new = [unit for unit in listed if unit.found is None]
    return Plan(source, listed[0], new, len(listed), start,
                f"{listed[0].id}-{day.isoformat()}", content / "localities", differences)


# ---- reading the list ------------------------------------------------------------------------

def _collect(table: Table, province: str, levels: list[str], problems: Problems) -> list[Listed]:
    """The province's units, each once, in the order the rows first name them."""
    chain = _chain(table, levels)
    seen: dict[tuple[str, str], Listed] = {}
    for row in table.rows:
        if row[PROVINCE_CODE] and code_key(str(row[PROVINCE_CODE])) != code_key(province):
            continue  # another province's row
        parent = None
        for depth, (name_column, code_column, level) in enumerate(chain):
            if depth and not row[name_column] and not row[code_column]:
                # a district with no commune (Côn Đảo before 2025) stops here; a commune
                # without its district does not
                later = any(row[n] or row[c] for n, c, _ in chain[depth + 1:])
                if later:
                    problems.error(table.path, row.line, table.label(code_column),
                                   msg.IMPORT_NO_CODE)
                break
            unit = _listed(row, table, name_column, code_column, level, parent, problems)
            if unit is None:
                break
            parent = _once(unit, seen, table, code_column, problems)
    return list(seen.values())


def _chain(table: Table, levels: list[str]) -> list[tuple[str, str, str]]:
    """(name column, code column, level) from the province down, as this list has them."""
    commune = levels[2] if len(levels) >= 3 else levels[1]
    if DISTRICT not in table.headers and DISTRICT_CODE not in table.headers:
        return [(PROVINCE, PROVINCE_CODE, levels[0]), (COMMUNE, COMMUNE_CODE, commune)]
    missing = [c for c in (DISTRICT, DISTRICT_CODE) if c not in table.headers]
    if missing:  # one of the pair: a typo in the other header
        raise ImportFailed(message=msg.import_missing_columns(
            table.path, table.line, missing, [DISTRICT, DISTRICT_CODE], EXAMPLE,
            list(table.headers.values())))
    if len(levels) < 3:
        raise ImportFailed(message=msg.import_needs_district_level(
            table.path, table.label(DISTRICT)))
    return [(PROVINCE, PROVINCE_CODE, levels[0]), (DISTRICT, DISTRICT_CODE, levels[1]),
            (COMMUNE, COMMUNE_CODE, commune)]


def _listed(row, table: Table, name_column: str, code_column: str, level: str,
            parent: Listed | None, problems: Problems) -> Listed | None:
    """The unit a row names in these two columns; None when a cell is bad (reported)."""
    text, code = str(row[name_column]), str(row[code_column])
    ok = True
    if not code:
        problems.error(table.path, row.line, table.label(code_column), msg.IMPORT_NO_CODE)
        ok = False
    elif not _DIGITS.fullmatch(code):
        problems.error(table.path, row.line, table.label(code_column), msg.import_bad_code(code))
        ok = False
    if not text:
        problems.error(table.path, row.line, table.label(name_column), msg.IMPORT_NO_NAME)
        return None
    kind = str(row.get(KIND, "")) if name_column == COMMUNE else ""
    split = split_type(text, kind, NAME_EXAMPLES[name_column])
    if isinstance(split, str):
        problems.error(table.path, row.line, table.label(name_column), split)
        return None
    return Listed(code, split[1], split[0], level, parent, row.line) if ok else None


def split_type(text: str, fallback: str = "", example: str = "Xã An Nhơn"
               ) -> tuple[str, str] | str:
    """("Thị xã", "Ba Đồn") from "Thị xã Ba Đồn", matching the type word in any case and keeping
    the name exactly as written; the fallback type for a bare name; else why not (a message)."""
    folded = text.casefold()
    for word in TYPES:
        rest = text[len(word):]
        if folded.startswith(word.casefold()) and (not rest or rest[0].isspace()):
            return (word, rest.strip()) if rest.strip() else msg.import_only_type(text)
    if fallback:
        canonical = next((word for word in TYPES if word.casefold() == fallback.casefold()),
                         fallback)
        return canonical, text
    return msg.import_no_type(text, example)


def _once(unit: Listed, seen: dict, table: Table, code_column: str, problems: Problems) -> Listed:
    """The unit as first listed: rows repeat the province and the district on every line."""
    first = seen.setdefault((unit.level, code_key(unit.code)), unit)
    if first is not unit and (first.type != unit.type or not same_name(first.name, unit.name)):
        problems.error(table.path, unit.line, table.label(code_column), msg.import_two_names(
            unit.code, f"{first.type} {first.name}", first.line, f"{unit.type} {unit.name}"))
    return first


def same_name(a: str, b: str) -> bool:
    """Equal, or apart only in where the tone mark sits ("Bình Thuỷ", "Bình Thủy"): official
    lists mix the old and the new placement, and neither is a different name."""
    a, b = nfc(a), nfc(b)
    return a == b or (sort_key(a)[:2] == sort_key(b)[:2]
                      and [c.isupper() for c in a] == [c.isupper() for c in b])


# ---- matching the content ----------------------------------------------------------------------

def _resolve(listed: list[Listed], units: Units, day: date, table: Table,
             problems: Problems) -> list[str]:
    """Give each listed unit its id: the content's unit with its code, else a new one. Parents
    first, since a new id may take its parent's. Returns the differences to show."""
    taken = set(units.by_id)
    uncoded = _uncoded(units, day)
    differences = []
    for unit in sorted(listed, key=_depth):
        found = _match(unit, units, day)
        if len(found) > 1:
            problems.error(table.path, unit.line, "", msg.import_many_in_content(
                unit.code, format_date(day), [f"{u.id} ({u.shown}:{u.line})" for u in found]))
        elif found:
            unit.found, unit.id = found[0], found[0].id
            differences += _differences(unit, found[0])
        else:
            unit.id = _new_id(unit, taken)
            taken.add(unit.id)
            twin = uncoded.get(_twin_key(unit.level, unit.parent.id if unit.parent else None,
                                         unit.type, unit.name))
            if twin:
                differences.append(msg.import_maybe_same(f"{twin.shown}:{twin.line}", twin.id,
                                                         unit.id, unit.code))
    return differences


def _uncoded(units: Units, day: date) -> dict[tuple, Unit]:
    """The content's units without a code, by level, parent, type and name: a new unit that
    matches one is most likely the same unit, written before codes were kept."""
    return {_twin_key(u.level, u.parent, u.type, u.name): u for u in units.all
            if not u.code and u.alive(day)}


def _twin_key(level: str, parent: str | None, kind: str, name: str) -> tuple:
    return level, parent, kind.casefold(), slugify(name)


def _depth(unit: Listed) -> int:
    return 0 if unit.parent is None else 1 + _depth(unit.parent)


def _match(unit: Listed, units: Units, day: date) -> list[Unit]:
    """The content's units of the same level with this code, alive on the day, and under a
    parent of the same level: a commune that was under a district is not the commune of the
    same code that sits under the province since the 2025 reform (codes were reused)."""
    parent_level = unit.parent.level if unit.parent else None
    return [u for u in units.with_code(unit.code, day, unit.level)
            if units.level_of(u.parent) == parent_level
            or (u.parent and units.level_of(u.parent) is None)]  # an unknown parent: check's job


def _differences(unit: Listed, found: Unit) -> list[str]:
    listed = {"name": unit.name, "type": unit.type, "parent": unit.parent.id if unit.parent else ""}
    ours = {"name": found.name, "type": found.type, "parent": found.parent or ""}
    same = {"name": same_name(unit.name, found.name),
            "type": unit.type.casefold() == found.type.casefold(),
            "parent": listed["parent"] == ours["parent"]}
    return [msg.import_differs(f"{found.shown}:{found.at(key)}", found.id, unit.code, key,
                               listed[key], ours[key]) for key in listed if not same[key]]


def _new_id(unit: Listed, taken: set[str]) -> str:
    """An id from the name ("phuong-1" for a bare number), else with the parent's id before
    it, else with the code after that; never one in use, never one check would refuse."""
    base = slugify(unit.name)[:60].strip("-")
    if unit.name.isdigit() or not base:
        base = slugify(f"{unit.type} {unit.name}")[:60].strip("-") or "don-vi"
    parent = unit.parent.id if unit.parent else ""
    tries = [base, f"{parent}-{base}", f"{parent}-{base}-{unit.code}"] if parent else \
        [base, f"{base}-{unit.code}"]
    tries = [candidate for candidate in tries if id_problem(candidate, "an-nhon") is None] \
        or [f"don-vi-{unit.code}"]
    for candidate in tries:
        if candidate not in taken:
            return candidate
    number = 2
    while f"{tries[-1]}-{number}" in taken:
        number += 1
    return f"{tries[-1]}-{number}"
