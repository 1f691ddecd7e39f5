"""Unit pages (địa bàn): the hierarchy from the top level down, each unit's whole record.

Written as HTML from templates/locality.html and locality_index.html (see render/html.py).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from functools import partial

from .. import model as m
from .. import stats as st
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
    who = (f"Cán bộ theo dõi: {', '.join(c.name for c in cadres)}." if cadres
           else "Chưa có cán bộ theo dõi.")
    return f"{unit.party_org}. {who}" if unit.party_org else who


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
        cadre_path=cadre_path, visit_path=partial(visit_path, ctx),
        visit_kind=m.VISIT_KIND.label)
    return html_page(unit.full_name, body)


INDEX_DEPTH = 3  # province, district, commune


def _tree(ctx: Ctx, children: dict, by_unit: dict, parent: str | None, depth: int) -> list:
    """(unit, who follows it now, its sub-units) from the top, three levels deep: a district's
    communes are folded under it. Hamlets are reached from their commune's page, so this page
    stays small however many hamlets a province has."""
    return [(unit, current_cadres(ctx, by_unit.get(unit.id, [])),
             _tree(ctx, children, by_unit, unit.id, depth + 1)
             if depth < INDEX_DEPTH - 1 else [])
            for unit in sort_units(children.get(parent, []))]


def _kinds(level_names: dict, units: list[m.Locality]) -> str:
    """"17 xã, phường": how many sub-units, named by the kinds they are."""
    kinds = list(dict.fromkeys(u.type.lower() for u in units))
    if len(kinds) > 3:
        kinds = [level_names.get(units[0].level, kinds[0])]
    return f"{len(units)} {', '.join(kinds)}"


def render_index(ctx: Ctx, children: dict, by_unit: dict) -> str:
    levels = ", ".join(lv.label for lv in ctx.content.site.levels)
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
