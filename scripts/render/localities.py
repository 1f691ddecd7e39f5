"""Unit pages (địa bàn): the hierarchy from the top level down, each unit's whole record."""
from __future__ import annotations

from collections import defaultdict

from .. import model as m
from ..text import md_text
from .common import (Ctx, assignment_item, bullet_list, cadre_path, facts_list, fmt_date,
                     fmt_number, front_matter, heading, link, locality_path, newest_first,
                     no_index, sort_people, sort_units, table, unit_trail, unit_with_parent,
                     visit_path)
from .proposals import proposal_tables
from .search import KIND_UNIT, record_block
from .stories import story_table

INDEX = "localities/index.md"

STAT_LABELS = {"party_members": "Đảng viên", "branches": "Chi bộ", "households": "Hộ gia đình",
               "population": "Nhân khẩu"}


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


def _breadcrumbs(ctx: Ctx, unit: m.Locality, here: str) -> str:
    trail = unit_trail(ctx, unit)[:-1]
    crumbs = [link("Địa bàn", here, INDEX)] + [link(u.full_name, here, locality_path(u))
                                               for u in trail]
    return " › ".join(crumbs)


def _assignment_items(ctx: Ctx, assignments: list[m.Assignment], here: str) -> str:
    """One list item per assignment: long titles and decisions read better than in a table."""
    items = []
    for a in sorted(assignments, key=lambda a: a.start, reverse=True):
        cadre = ctx.index.get("cadre", a.cadre)
        items.append(assignment_item(
            f"**{link(cadre.name, here, cadre_path(cadre))}**, {md_text(cadre.title)}", a))
    return bullet_list(items)


def _figures(ctx: Ctx, unit: m.Locality, assignments: list[m.Assignment]) -> list[str]:
    """The unit's own numbers: the monthly visit rule and branch meeting attendance."""
    rows = []
    rule = ctx.rule_summary(assignments)
    if rule:
        rows.append(["Xuống địa bàn hằng tháng", rule])
    meetings = [v.meeting for v in ctx.by.visits_of_unit.get(unit.id, []) if
                v.kind == "branch_meeting" and v.meeting and v.meeting.members_total and
                v.meeting.members_present is not None]
    if meetings:
        present = sum(x.members_present for x in meetings)
        total = sum(x.members_total for x in meetings)
        rows.append(["Dự sinh hoạt chi bộ", f"{len(meetings)} buổi, tỷ lệ đảng viên dự họp "
                                            f"{round(100 * present / total)}%"])
    if not rows:
        return []
    return no_index([heading(2, "Số liệu"), "", facts_list(rows), "",
                     link("Xem thống kê chung và cách tính", locality_path(unit),
                          "stats/index.md")])


def render_unit(ctx: Ctx, unit: m.Locality, children: dict, by_unit: dict) -> str:
    here = locality_path(unit)
    level = ctx.index.level_labels.get(unit.level, unit.level)
    facts = [["Cấp", md_text(level)]]
    if unit.party_org:
        facts.append(["Tổ chức đảng", md_text(unit.party_org)])
    if unit.code:
        facts.append(["Mã đơn vị hành chính", md_text(unit.code)])
    if unit.stats:
        facts += [[label, fmt_number(getattr(unit.stats, key))]
                  for key, label in STAT_LABELS.items() if getattr(unit.stats, key) is not None]
    parent = ctx.index.get("locality", unit.parent)
    parts = [front_matter(unit.full_name), _breadcrumbs(ctx, unit, here), "",
             heading(1, unit.full_name), "",
             record_block(ctx, KIND_UNIT, units=[unit],
                          place=unit_with_parent(ctx, parent) if parent else None), "",
             facts_list(facts), ""]

    assignments = by_unit.get(unit.id, [])
    now = [a for a in assignments if a.active_on(ctx.today)]
    before = [a for a in assignments if not a.active_on(ctx.today)]
    parts += [heading(2, "Cán bộ theo dõi, hỗ trợ"), ""]
    parts += [_assignment_items(ctx, now, here) if now
              else "Hiện chưa có cán bộ được phân công.", ""]
    if before:
        parts += [heading(3, "Trước đây"), "", _assignment_items(ctx, before, here), ""]
    parts += _figures(ctx, unit, assignments)

    kids = sort_units(children.get(unit.id, []))
    if kids:
        parts += no_index([heading(2, "Địa bàn trực thuộc"), "", table(["Địa bàn", "Cán bộ theo dõi"], [
            [link(k.full_name, here, locality_path(k)),
             ", ".join(link(c.name, here, cadre_path(c))
                       for c in current_cadres(ctx, by_unit.get(k.id, [])))
             or "*chưa phân công*"] for k in kids])])

    stories = ctx.by.stories_of_unit.get(unit.id, [])
    if stories:
        parts += no_index([heading(2, "Điển hình, cách làm hay"), "", story_table(ctx, stories, here)])

    visits = ctx.by.visits_of_unit.get(unit.id, [])
    if visits:
        # date, who and how, each linking to the full report: a term holds sixty of them
        parts += no_index([heading(2, f"Nhật ký theo dõi ({len(visits)})"), "", table(
            ["Ngày", "Cán bộ", "Hình thức"], [
                [link(fmt_date(v.date), here, visit_path(ctx, v)),
                 md_text(ctx.index.get("cadre", v.cadre).name), m.VISIT_KIND.label(v.kind)]
                for v in newest_first(visits)])])
        parts += no_index(proposal_tables(ctx, visits, here, level=2, show_unit=False))
    return "\n".join(parts).rstrip() + "\n"


def _tree(ctx: Ctx, children: dict, by_unit: dict, parent: str | None, depth: int) -> list[str]:
    lines = []
    for unit in sort_units(children.get(parent, [])):
        who = current_cadres(ctx, by_unit.get(unit.id, []))
        tail = f" — {', '.join(md_text(c.name) for c in who)}" if who else ""
        lines.append(f"{'    ' * depth}- {link(unit.full_name, INDEX, locality_path(unit))}{tail}")
        # The index shows two levels; deeper units are reached from their parent's page, so
        # this page stays small however many hamlets a province has.
        if depth < 1:
            lines += _tree(ctx, children, by_unit, unit.id, depth + 1)
    return lines


def render_index(ctx: Ctx, children: dict, by_unit: dict) -> str:
    levels = ", ".join(f"{lv.label}" for lv in ctx.content.site.levels)
    parts = [front_matter("Địa bàn"), heading(1, "Địa bàn"), "",
             f"Các cấp: {md_text(levels)}. Chọn một địa bàn để xem cán bộ theo dõi, báo cáo, "
             "kiến nghị và địa bàn trực thuộc.", ""]
    parts += no_index(_tree(ctx, children, by_unit, None, 0))
    return "\n".join(parts) + "\n"


def render_all(ctx: Ctx) -> dict[str, str]:
    children = children_of(ctx)
    by_unit = assignments_of(ctx)
    pages = {INDEX: render_index(ctx, children, by_unit)}
    for unit in ctx.content.localities:
        pages[locality_path(unit)] = render_unit(ctx, unit, children, by_unit)
    return pages

