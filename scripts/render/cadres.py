"""Cadre pages and the assignment directory (danh bạ phân công)."""
from __future__ import annotations

from collections import defaultdict

import re

from .. import model as m
from ..text import md_text
from .common import (Ctx, assignment_item, bullet_list, cadre_path, facts_list, fmt_date,
                     front_matter, heading, link, locality_path, md_url, media_link, newest_first,
                     no_index, quiet, sort_people, sort_units, table, unit_with_parent,
                     visit_path)
from .search import KIND_CADRE, record_block

INDEX = "cadres/index.md"


def _contacts(ctx: Ctx, cadre: m.Cadre) -> list[list[str]]:
    # Contact fields were already removed from a public build's model when they are
    # restricted; here we only show what is left, marked when it is restricted.
    mark = " *(nội bộ)*" if ctx.content.site.visibility.contacts == "restricted" else ""
    rows = []
    if cadre.phone:
        dial = re.sub(r"[^0-9+]", "", cadre.phone)
        rows.append(["Điện thoại", f"[{md_text(cadre.phone)}]({md_url('tel:' + dial)})" + mark])
    if cadre.email:
        rows.append(["Email", f"[{md_text(cadre.email)}]({md_url('mailto:' + cadre.email)})" + mark])
    return rows


def render_cadre(ctx: Ctx, cadre: m.Cadre, assignments: list[m.Assignment]) -> str:
    here = cadre_path(cadre)
    level = ctx.index.level_labels.get(cadre.level, cadre.level)
    facts = [["Chức vụ", md_text(cadre.title)], ["Cơ quan", md_text(cadre.organization)],
             ["Cấp", md_text(level)]]
    if cadre.committee_member:
        facts.append(["Cấp ủy viên", "có"])
    facts += _contacts(ctx, cadre)
    units = [ctx.index.get("locality", a.locality) for a in assignments
             if a.active_on(ctx.today)]
    parts = [front_matter(cadre.name, description=f"{cadre.title}, {cadre.organization}"),
             link("Cán bộ", here, INDEX), "", heading(1, cadre.name), "",
             record_block(ctx, KIND_CADRE, units=units,
                          place="; ".join(unit_with_parent(ctx, u) for u in units[:3]) or None),
             ""]
    if cadre.photo:
        parts += [f"![Ảnh {md_text(cadre.name)}]({media_link(cadre.photo, here)}){{ width=\"160\" }}",
                  ""]
    parts += [facts_list(facts), ""]

    parts += [heading(2, "Địa bàn được phân công"), ""]
    if assignments:
        items = []
        for a in sorted(assignments, key=lambda a: a.start, reverse=True):
            unit = ctx.index.get("locality", a.locality)
            state = "đang theo dõi" if a.active_on(ctx.today) else "đã kết thúc"
            items.append(assignment_item(
                f"**{link(unit_with_parent(ctx, unit), here, locality_path(unit))}**", a,
                f" ({state})"))
        parts += [bullet_list(items), ""]
    else:
        parts += ["Chưa được phân công địa bàn nào.", ""]

    rule = ctx.rule_summary(assignments)
    if rule:
        parts += no_index([heading(2, "Số liệu"), "", f"- {rule}, tính trên mọi địa bàn được "
                           "phân công; " + link("cách tính", here, "stats/index.md")])
    tasks = [(a, t) for a in assignments for t in a.tasks]
    if tasks:
        parts += [heading(2, "Phần việc đăng ký"), "", table(
            ["Năm", "Phần việc", "Địa bàn", "Tình trạng", "Xác nhận"], [
                [str(t.year), md_text(t.title),
                 md_text(ctx.index.get("locality", a.locality).full_name),
                 quiet(m.TASK_STATUS.label(t.status)),
                 f"{md_text(t.confirmed_by)}, {fmt_date(t.confirmed_on)}" if t.confirmed_by else ""]
                for a, t in sorted(tasks, key=lambda at: (at[1].year, at[1].title), reverse=True)]),
            ""]

    visits = ctx.by.visits_of_cadre.get(cadre.id, [])
    if visits:
        parts += no_index([heading(2, f"Báo cáo theo dõi ({len(visits)})"), "", table(
            ["Ngày", "Địa bàn", "Hình thức"], [
                [link(fmt_date(v.date), here, visit_path(ctx, v)),
                 md_text(ctx.index.get("locality", v.locality).full_name),
                 m.VISIT_KIND.label(v.kind)] for v in newest_first(visits)])])
    return "\n".join(parts).rstrip() + "\n"


def render_index(ctx: Ctx) -> str:
    """The directory: per level, every unit and who follows it now; then all cadres A-Z."""
    parts = [front_matter("Danh bạ phân công"), heading(1, "Danh bạ phân công"), "",
             "Ai đang theo dõi, hỗ trợ địa bàn nào, theo từng cấp. Địa bàn chưa có người "
             "được phân công được ghi rõ.", ""]
    by_unit: dict[str, list[m.Assignment]] = defaultdict(list)
    for a in ctx.content.assignments:
        if a.active_on(ctx.today):
            by_unit[a.locality].append(a)
    levels = ctx.content.site.levels
    listing: list[str] = []
    for level in levels[1:]:
        units = sort_units([u for u in ctx.content.localities if u.level == level.id])
        if not units:
            continue
        nobody = sum(1 for u in units if not by_unit.get(u.id))
        listing += [heading(2, f"Cấp {level.label.lower()}"), "",
                  f"{len(units)} địa bàn, {len(units) - nobody} có cán bộ theo dõi, "
                  f"{nobody} chưa có.", "",
                  table(["Địa bàn", "Cán bộ theo dõi", "Chức vụ"], [
                      [link(unit_with_parent(ctx, u), INDEX, locality_path(u)),
                       "<br>".join(link(c.name, INDEX, cadre_path(c)) for c in sort_people(
                           [ctx.index.get("cadre", a.cadre) for a in by_unit.get(u.id, [])]))
                       or "**chưa phân công**",
                       "<br>".join(md_text(c.title) for c in sort_people(
                           [ctx.index.get("cadre", a.cadre) for a in by_unit.get(u.id, [])]))]
                      for u in units]), ""]
    listing += [heading(2, "Tất cả cán bộ"), "", table(["Họ và tên", "Chức vụ", "Cơ quan"], [
        [link(c.name, INDEX, cadre_path(c)), md_text(c.title), md_text(c.organization)]
        for c in sort_people(ctx.content.cadres)]), ""]
    parts += no_index(listing)
    return "\n".join(parts).rstrip() + "\n"


def render_all(ctx: Ctx) -> dict[str, str]:
    by_cadre: dict[str, list[m.Assignment]] = defaultdict(list)
    for a in ctx.content.assignments:
        by_cadre[a.cadre].append(a)
    pages = {INDEX: render_index(ctx)}
    for cadre in ctx.content.cadres:
        pages[cadre_path(cadre)] = render_cadre(ctx, cadre, by_cadre.get(cadre.id, []))
    return pages
