"""Units over time: their life (`start`, `end`), their parents over time (`former_parents`),
their successors, and levels that end (the districts on 30/6/2025). The rules of the content
format's "Units that change", and the questions renderers ask of the same data.

A unit or level without these keys exists for all time, so the rules reduce to those of a
fixed tree: a parent exactly one level up, and the same messages as before.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from . import messages as msg
from . import model as m
from .problems import Problems
from .text import format_date

DAY = timedelta(days=1)


# ---- questions ----------------------------------------------------------------------------------

def nearest_level_above(levels: list[m.Level], rank: int, day: date | None) -> m.Level | None:
    """The nearest level above `rank` that exists on `day` (None: the beginning of time)."""
    for level in reversed(levels[:rank]):
        if day is None and level.start is None or day is not None and level.exists_on(day):
            return level
    return None


def predecessors(content: m.Content) -> dict[str, list[m.Locality]]:
    """Unit id -> the units that went into it (those naming it among their successors)."""
    out: dict[str, list[m.Locality]] = defaultdict(list)
    for unit in content.localities:
        for successor in dict.fromkeys(unit.successors):
            out[successor].append(unit)
    return out


def lineage(before: dict[str, list[m.Locality]], unit_id: str) -> list[m.Locality]:
    """Every unit that went, directly or through others, into `unit_id` (`before`: the map
    `predecessors` makes), oldest end first."""
    seen: dict[str, m.Locality] = {}
    todo = list(before.get(unit_id, []))
    while todo:
        unit = todo.pop()
        if unit.id in seen or unit.id == unit_id:
            continue
        seen[unit.id] = unit
        todo.extend(before.get(unit.id, []))
    return sorted(seen.values(), key=lambda u: (u.end or date.max, u.id))


# ---- rules --------------------------------------------------------------------------------------

def check(content: m.Content, index, problems: Problems) -> None:
    _check_level_dates(content, problems)
    for unit in content.localities:
        _check_dates(unit, problems)
        _check_parents(content, index, unit, problems)
        _check_successors(index, unit, problems)
    _check_succession_cycles(content, index, problems)


def _check_level_dates(content: m.Content, problems: Problems) -> None:
    for i, level in enumerate(content.site.levels):
        if level.start and level.end and level.end < level.start:
            problems.error(content.site.loc.path, level.loc.at("end"), f"levels[{i}].end",
                           msg.end_before_start(format_date(level.start)))


def _check_dates(unit: m.Locality, problems: Problems) -> None:
    loc = unit.loc
    if unit.start and unit.end and unit.end < unit.start:
        problems.error(loc.path, loc.at("end"), "end", msg.end_before_start(
            format_date(unit.start)))
    for key, items in (("former_parents", unit.former_parents),
                       ("former_names", unit.former_names)):
        previous = None
        for i, item in enumerate(items):
            if item.until is None:
                continue
            field = f"{key}[{i}].until"
            if previous and item.until <= previous:
                problems.error(loc.path, item.loc.at("until"), field, msg.until_not_after(
                    format_date(previous)))
            elif unit.start and item.until < unit.start:
                problems.error(loc.path, item.loc.at("until"), field, msg.until_before_start(
                    format_date(unit.start)))
            elif unit.end and item.until >= unit.end:
                problems.error(loc.path, item.loc.at("until"), field, msg.until_not_before_end(
                    format_date(unit.end)))
            previous = item.until


def _parent_field(unit: m.Locality, period: int) -> tuple[str, int]:
    """The field and line that name the parent of a period of the unit's life."""
    if period < len(unit.former_parents):
        former = unit.former_parents[period]
        return f"former_parents[{period}].parent", former.loc.at("parent")
    return "parent", unit.loc.at("parent")


def _checkpoints(levels: list[m.Level], rank: int, first: date | None,
                 last: date | None) -> list[date | None]:
    """The days of a period on which the nearest level above may change: its first day, and
    each start or day after an end of a level above that falls inside it."""
    days = [first]
    for level in levels[:rank]:
        for day in (level.start, level.end + DAY if level.end else None):
            if day and (first is None or first < day) and (last is None or day <= last):
                days.append(day)
    return sorted(set(days), key=lambda d: d or date.min)


def _check_parents(content: m.Content, index, unit: m.Locality, problems: Problems) -> None:
    rank = index.levels.get(unit.level)
    if rank is None:
        return
    levels = content.site.levels
    dated = any(level.start or level.end for level in levels[:rank])
    path = unit.loc.path
    if rank == 0:
        if unit.parent:
            problems.error(path, unit.loc.at("parent"), "parent", msg.parent_at_top(
                index.level_labels[unit.level]))
        return
    for period, (first, last, parent_id) in enumerate(unit.parent_periods()):
        field, line = _parent_field(unit, period)
        if not parent_id:
            problems.error(path, unit.loc.line, "parent", msg.parent_required(
                index.level_labels[unit.level]))
            continue
        parent = index.get("locality", parent_id)
        if parent is None:
            continue  # reported as an unknown reference
        if _wrong_level(index, levels, rank, parent, first, last, path, line, field, dated,
                        problems):
            continue  # one message for one mistake: the parent's life follows from its level
        if parent.start and (first is None or first < parent.start):
            problems.error(path, line, field, msg.parent_not_yet(
                parent_id, format_date(parent.start)))
        if parent.end and (last is None or last > parent.end):
            problems.error(path, line, field, msg.parent_ended(
                parent_id, format_date(parent.end), parent.successors))


def _wrong_level(index, levels, rank, parent, first, last, path, line, field, dated,
                 problems) -> bool:
    """Report a parent that is not of the nearest level above on some day of the period."""
    for day in _checkpoints(levels, rank, first, last):
        expected = nearest_level_above(levels, rank, day)
        if expected is None or parent.level == expected.id:
            continue
        parent_label = index.level_labels.get(parent.level, parent.level)
        if dated and day is not None:
            problems.error(path, line, field, msg.parent_wrong_level_on(
                parent.id, parent_label, expected.label, format_date(day),
                (day - DAY).isoformat()))
        else:
            problems.error(path, line, field, msg.parent_wrong_level(
                parent.id, parent_label, expected.label))
        return True
    return False


def _check_successors(index, unit: m.Locality, problems: Problems) -> None:
    loc = unit.loc
    if unit.successors and not unit.end:
        problems.error(loc.path, loc.at("successors"), "successors", msg.successors_need_end())
        return
    if not unit.end:
        return
    after = unit.end + DAY
    for i, successor_id in enumerate(unit.successors):
        successor = index.get("locality", successor_id)
        if successor is None:
            continue  # reported as an unknown reference
        if successor_id == unit.id or not successor.alive_on(after):
            problems.error(loc.path, loc.at("successors"), f"successors[{i}]",
                           msg.successor_not_alive(successor_id, format_date(after)))


def _check_succession_cycles(content: m.Content, index, problems: Problems) -> None:
    """A unit cannot come back after its successors: walk each chain of successors once."""
    state: dict[str, int] = {}  # 1: on the current chain, 2: done

    def walk(unit: m.Locality, chain: list[str]) -> None:
        state[unit.id] = 1
        for successor_id in unit.successors:
            successor = index.get("locality", successor_id)
            if successor is None or successor_id == unit.id:
                continue
            if state.get(successor_id) == 1:
                cycle = chain[chain.index(successor_id):] + [successor_id]
                problems.error(unit.loc.path, unit.loc.at("successors"), "successors",
                               msg.succession_cycle(cycle))
            elif successor_id not in state:
                walk(successor, chain + [successor_id])
        state[unit.id] = 2

    for unit in content.localities:
        if unit.id not in state:
            walk(unit, [unit.id])


def check_within_life(unit: m.Locality, first: date | None, last: date | None, loc: m.Loc,
                      problems: Problems, *, what: str, start_field: str,
                      end_field: str) -> bool:
    """Report an assignment or a visit (`what`) from `first` to `last` (None: open-ended) that
    falls outside its unit's life; a date after the end names the successors. True when inside."""
    inside = True
    if unit.start and first and first < unit.start:
        problems.error(loc.path, loc.at(start_field), start_field, msg.before_unit_start(
            what, unit.id, format_date(unit.start)))
        inside = False
    if unit.end and (last is None or last > unit.end):
        problems.error(loc.path, loc.at(end_field) if last else loc.at(start_field), end_field,
                       msg.after_unit_end(what, unit.id, format_date(unit.end),
                                          unit.successors, open_ended=last is None,
                                          day=format_date(last) if last and last == first
                                          else None))
        inside = False
    return inside
