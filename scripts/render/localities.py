"""Unit pages (địa bàn): the hierarchy from the top level down, each unit's whole record.

Written as HTML from templates/locality.html and locality_index.html (see render/html.py).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import timedelta
from functools import partial
from types import SimpleNamespace

from .. import model as m
from .. import stats as st
from .. import unit_life
from .bodies import HeadingIds
from .common import (Ctx, cadre_path, fmt_date, fmt_number, locality_path, newest_first,
                     sort_people, sort_units, unit_trail, unit_with_parent,
                     visit_path)
from .html import html_page, render
from .proposals import proposal_rows
from .search import KIND_UNIT, record_block
from .stories import story_table

INDEX = "localities/index.md"

STAT_LABELS = {"party_members": "Đảng viên", "branches": "Chi bộ", "households": "Hộ gia đình",
               "population": "Nhân khẩu"}


def assignment_about(a: m.Assignment, tail: str = "") -> str:
    """An assignment's role and period, "theo dõi, hỗ trợ, từ 01/03/2016 đến 31/12/2022"."""
    period = f"từ {fmt_date(a.start)}" + (f" đến {fmt_date(a.end)}" if a.end else "")
    return f"{m.ROLE.label(a.role)}, {period}{tail}"


def children_of(ctx: Ctx) -> dict[str | None, list[m.Locality]]:
    out: dict[str | None, list[m.Locality]] = defaultdict(list)
    for unit in ctx.content.localities:
        out[unit.parent].append(unit)
    return out


def assignments_of(ctx: Ctx) -> dict[str, list[m.Assignment]]:
    out: dict[str, list[m.Assignment]] = defaultdict(list)
    for a in ctx.content.assignments:
        out[a.locality].append(a)
    return out


def current_cadres(ctx: Ctx, assignments: list[m.Assignment]) -> list[m.Cadre]:
    cadres = {a.cadre for a in assignments if a.active_on(ctx.today)}
    return sort_people([ctx.index.get("cadre", c) for c in cadres])


def _with_cadres(ctx: Ctx, assignments: list[m.Assignment]) -> list[tuple]:
    """(assignment, cadre), newest first: long titles and decisions read better in a list
    than in a table."""
    return [(a, ctx.index.get("cadre", a.cadre))
            for a in sorted(assignments, key=lambda a: a.start, reverse=True)]


def _figures(ctx: Ctx, unit: m.Locality, assignments: list[m.Assignment]) -> list[tuple]:
    """The unit's own numbers: the monthly visit rule and branch meeting attendance."""
    rows = ctx.rule_figures(assignments, unit.id)
    meetings = [v.meeting for v in ctx.by.visits_of_unit.get(unit.id, []) if
                v.kind == "branch_meeting" and v.meeting and v.meeting.members_total and
                v.meeting.members_present is not None]
    if meetings:
        present = sum(x.members_present for x in meetings)
        total = sum(x.members_total for x in meetings)
        rows.append(("Dự sinh hoạt chi bộ", f"{len(meetings)} buổi, tỷ lệ đảng viên dự họp "
                                            f"{round(100 * present / total)}%"))
    return rows


def _facts(ctx: Ctx, unit: m.Locality) -> list[tuple[str, str]]:
    # Its own kind ("Thôn", "Khu vực"), not the level's label: a thôn is no "Ấp".
    facts = [("Loại đơn vị", unit.type)]
    if unit.party_org:
        facts.append(("Tổ chức đảng", unit.party_org))
    if unit.code:
        facts.append(("Mã đơn vị hành chính", unit.code))
    if unit.stats:
        facts += [(label, fmt_number(getattr(unit.stats, key)))
                  for key, label in STAT_LABELS.items() if getattr(unit.stats, key) is not None]
    return facts


def _summary(ctx: Ctx, unit: m.Locality, cadres: list[m.Cadre]) -> str:
    """A unit in one line for search results: what it is and who follows it now."""
    if unit.end:
        after = _linked(ctx, unit.successors)
        who = f"Đã kết thúc ngày {fmt_date(unit.end)}" + (
            f"; kế tục: {', '.join(u.full_name for u in after)}." if after else ".")
    else:
        who = (f"Cán bộ theo dõi: {', '.join(c.name for c in cadres)}." if cadres
               else "Chưa có cán bộ theo dõi.")
    return f"{unit.party_org}. {who}" if unit.party_org else who


DAY = timedelta(days=1)


def _linked(ctx: Ctx, ids: list[str]) -> list[m.Locality]:
    return [u for u in (ctx.index.get("locality", i) for i in dict.fromkeys(ids)) if u]


def _history(ctx: Ctx, unit: m.Locality) -> SimpleNamespace | None:
    """What the unit came from and what it became, with dates and decisions; its former names
    and parents. None for a unit that never changed."""
    came_from = sorted(ctx.predecessors.get(unit.id, []), key=lambda u: (u.end, u.id))
    names = [(f"{f.type or unit.type} {f.name}", f.until) for f in unit.former_names if f.until]
    parents = [(ctx.index.get("locality", f.parent), f.until) for f in unit.former_parents
               if f.until and ctx.index.get("locality", f.parent)]
    if not (unit.start or unit.end or came_from or names or parents):
        return None
    # a decision is written on the units that ended; the new unit shows theirs
    decisions = list(dict.fromkeys(u.change_decision for u in came_from if u.change_decision))
    return SimpleNamespace(
        start=unit.start, end=unit.end, decision=unit.change_decision,
        successors=_linked(ctx, unit.successors), came_from=came_from, decisions=decisions,
        names=names, parents=[(unit_with_parent(ctx, p), p, until) for p, until in parents])


def _earlier_trails(ctx: Ctx, unit: m.Locality) -> list[tuple[str, list[tuple[str, str]]]]:
    """Breadcrumbs as they were before each change of parent: ("Trước 01/07/2025", trail)."""
    out = []
    for former in unit.former_parents:
        if former.until is None:
            continue
        trail = unit_trail(ctx, unit, former.until)[:-1]
        out.append((f"Trước {fmt_date(former.until + DAY)}",
                    [(u.full_name_on(former.until), locality_path(u)) for u in trail]))
    return out


def _before(ctx: Ctx, unit: m.Locality, here: str) -> list[SimpleNamespace]:
    """The records of the units that went into this one, each marked as theirs: "Trước
    01/07/2025: Xã An Nhơn"."""
    out = []
    for old in unit_life.lineage(ctx.predecessors, unit.id):
        visits = ctx.by.visits_of_unit.get(old.id, [])
        stories = ctx.by.stories_of_unit.get(old.id, [])
        if not (visits or stories):
            continue
        label = (f"Trước {fmt_date(old.end + DAY)}: {old.full_name}" if old.end
                 else old.full_name)
        dates = sorted(v.date for v in visits)
        out.append(SimpleNamespace(
            unit=old, label=label, span=(len(dates), dates[0], dates[-1]) if dates else None,
            visits=[(v, ctx.index.get("cadre", v.cadre)) for v in newest_first(visits)],
            stories=story_table(ctx, stories, here) if stories else None,
            proposals=proposal_rows(ctx, visits, show_unit=False)))
    return out


def render_unit(ctx: Ctx, unit: m.Locality, children: dict, by_unit: dict) -> str:
    here = locality_path(unit)
    parent = ctx.index.get("locality", unit.parent)
    assignments = by_unit.get(unit.id, [])
    visits = ctx.by.visits_of_unit.get(unit.id, [])
    trail = [("Địa bàn", INDEX)] + [(u.full_name, locality_path(u))
                                     for u in unit_trail(ctx, unit)[:-1]]
    now = _with_cadres(ctx, [a for a in assignments if a.active_on(ctx.today)])
    record = record_block(ctx, KIND_UNIT, units=[unit],
                          place=unit_with_parent(ctx, parent) if parent else None,
                          summary=_summary(ctx, unit, [c for _, c in now]))
    kids = [(k, current_cadres(ctx, by_unit.get(k.id, [])))
            for k in sort_units(children.get(unit.id, []))]
    stories = ctx.by.stories_of_unit.get(unit.id, [])
    body = render(
        "locality.html", here, ids=HeadingIds(), unit=unit, trail=trail,
        record=record, facts=_facts(ctx, unit), about=assignment_about,
        now=now,
        before=_with_cadres(ctx, [a for a in assignments if not a.active_on(ctx.today)]),
        figures=_figures(ctx, unit, assignments), kids=kids, today=ctx.today,
        partial=ctx.partial,
        measures=[st.MEASURES["unit"], st.MEASURES["assignment"]],
        stories=story_table(ctx, stories, here) if stories else None,
        visits=[(v, ctx.index.get("cadre", v.cadre)) for v in newest_first(visits)],
        proposals=proposal_rows(ctx, visits, show_unit=False), unit_path=locality_path,
        history=_history(ctx, unit), earlier=_earlier_trails(ctx, unit),
        inherited=_before(ctx, unit, here),
        cadre_path=cadre_path, visit_path=partial(visit_path, ctx),
        visit_kind=m.VISIT_KIND.label)
    return html_page(unit.full_name, body)


INDEX_DEPTH = 3  # province, district, commune


def _tree(ctx: Ctx, children: dict, by_unit: dict, parent: str | None, depth: int) -> list:
    """(unit, who follows it now, its sub-units) from the top, three levels deep: a district's
    communes are folded under it. Hamlets are reached from their commune's page, so this page
    stays small however many hamlets a province has."""
    # by level, not by depth: after the 2025 reform a commune sits right under its province
    shown = [u for u in children.get(parent, []) if ctx.index.levels.get(u.level, 0) < INDEX_DEPTH]
    # the living first, then those that have ended (the districts, the merged communes)
    return [(unit, current_cadres(ctx, by_unit.get(unit.id, [])),
             _tree(ctx, children, by_unit, unit.id, depth + 1))
            for unit in sorted(sort_units(shown), key=lambda u: u.end is not None)]


def _kinds(level_names: dict, units: list[m.Locality]) -> str:
    """"17 xã, phường": how many sub-units, named by the kinds they are."""
    kinds = list(dict.fromkeys(u.type.lower() for u in units))
    if len(kinds) > 3:
        kinds = [level_names.get(units[0].level, kinds[0])]
    return f"{len(units)} {', '.join(kinds)}"


def render_index(ctx: Ctx, children: dict, by_unit: dict) -> str:
    levels = ", ".join(lv.label + (f" (đến {fmt_date(lv.end)})" if lv.end else "")
                       for lv in ctx.content.site.levels)
    level_names = {lv.id: lv.label.lower() for lv in ctx.content.site.levels}
    body = render("locality_index.html", INDEX, ids=HeadingIds(), levels=levels,
                  unit_path=locality_path, tree=_tree(ctx, children, by_unit, None, 0),
                  kinds=partial(_kinds, level_names))
    return html_page("Địa bàn", body)


def render_all(ctx: Ctx) -> Iterator[tuple[str, str]]:
    children = children_of(ctx)
    by_unit = assignments_of(ctx)
    yield INDEX, render_index(ctx, children, by_unit)
    for unit in ctx.content.localities:
        yield locality_path(unit), render_unit(ctx, unit, children, by_unit)
