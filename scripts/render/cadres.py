"""Cadre pages and the assignment directory (danh bạ phân công).

Written as HTML from templates/cadre.html and cadre_index.html (see render/html.py).
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from functools import partial

from .. import model as m
from .. import stats as st
from . import paging, review
from .bodies import HeadingIds
from ..text import sort_key
from .common import (Ctx, cadre_path, fmt_date, locality_path, md_url, newest_first,
                     sort_people, sort_units, unit_trail, unit_with_parent, visit_path)
from .html import html_page, page_link, render
from .localities import assignment_about
from .search import KIND_CADRE, record_block

INDEX = "cadres/index.md"


def _contacts(ctx: Ctx, cadre: m.Cadre) -> list[tuple[str, str, str]]:
    """(label, text, URL) of the phone and email. Contact fields were already removed from a
    public build's model when they are restricted; here we only show what is left."""
    rows = []
    if cadre.phone:
        rows.append(("Điện thoại", cadre.phone, phone_link(cadre)))
    if cadre.email:
        # percent-encoded: the address stays one URL whatever it holds
        rows.append(("Email", cadre.email, md_url("mailto:" + cadre.email)))
    return rows


def phone_link(cadre: m.Cadre) -> str | None:
    """The tel: address of a cadre's phone, when this build shows it."""
    return "tel:" + md_url(re.sub(r"[^0-9+]", "", cadre.phone)) if cadre.phone else None


def _assigned(ctx: Ctx, assignments: list[m.Assignment]) -> list[tuple]:
    """(assignment, unit, its name with its parent's, whether it is current), newest first."""
    out = []
    for a in sorted(assignments, key=lambda a: a.start, reverse=True):
        unit = ctx.index.get("locality", a.locality)
        out.append((a, unit, unit_with_parent(ctx, unit), a.active_on(ctx.today)))
    return out


def render_cadre(ctx: Ctx, cadre: m.Cadre, assignments: list[m.Assignment]) -> str:
    here = cadre_path(cadre)
    level = ctx.index.level_labels.get(cadre.level, cadre.level)
    facts = [("Chức vụ", cadre.title), ("Cơ quan", cadre.organization), ("Cấp", level)]
    if cadre.committee_member:
        facts.append(("Cấp ủy viên", "có"))
    units = [ctx.index.get("locality", a.locality) for a in assignments
             if a.active_on(ctx.today)]
    record = record_block(ctx, KIND_CADRE, units=units,
                          place="; ".join(unit_with_parent(ctx, u) for u in units[:3]) or None,
                          summary=f"{cadre.title}, {cadre.organization}.")
    tasks = sorted([(a, t) for a in assignments for t in a.tasks],
                   key=lambda at: (at[1].year, at[1].title), reverse=True)
    visits = newest_first(ctx.by.visits_of_cadre.get(cadre.id, []))
    body = render(
        "cadre.html", here, ids=HeadingIds(), cadre=cadre, record=record,
        photo=md_url(page_link(here, cadre.photo)) if cadre.photo else None, facts=facts, contacts=_contacts(ctx, cadre),
        contacts_restricted=ctx.content.site.visibility.contacts == "restricted",
        assigned=_assigned(ctx, assignments), about=assignment_about,
        rule=ctx.rule_total(assignments), rule_lines=ctx.rule_figures(assignments),
        today=ctx.today, measure=st.MEASURES["assignment"], partial=ctx.partial,
        reviews=[(str(y), review.review_path(cadre, y)) for y in review.years_of(ctx, cadre)],
        tasks=[(a, t, ctx.index.get("locality", a.locality)) for a, t in tasks],
        visits=[(v, ctx.index.get("locality", v.locality)) for v in visits],
        unit_path=locality_path, visit_path=partial(visit_path, ctx),
        task_status=m.TASK_STATUS.label, visit_kind=m.VISIT_KIND.label)
    return html_page(cadre.name, body, description=f"{cadre.title}, {cadre.organization}")


def _parent_key(ctx: Ctx, unit: m.Locality, day: date | None = None) -> tuple:
    """Orders units by their parent's place in the tree, so that the "Ấp 1"s of different
    communes never interleave: each commune's hamlets come together, in the order of communes."""
    return tuple((sort_key(u.name), sort_key(u.type), u.id)
                 for u in unit_trail(ctx, unit, day)[:-1])


def _levels(ctx: Ctx, day: date) -> list[tuple]:
    """Per level below the top that exists on `day`: (level, [(unit, its parent's name, its
    cadres that day)] for the units living that day, grouped under their parents as they
    were, how many have nobody)."""
    by_unit: dict[str, list[m.Assignment]] = defaultdict(list)
    for a in ctx.content.assignments:
        if a.active_on(day):
            by_unit[a.locality].append(a)
    out = []
    for level in ctx.content.site.levels[1:]:
        if not level.exists_on(day):
            continue
        units = sort_units([u for u in ctx.content.localities
                            if u.level == level.id and u.alive_on(day)])
        if not units:
            continue
        units.sort(key=partial(_parent_key, ctx, day=day))  # stable: A-Z within each parent
        rows = [(u, _parent_name(ctx, u, day), sort_people(
            [ctx.index.get("cadre", a.cadre) for a in by_unit.get(u.id, [])])) for u in units]
        out.append((level, rows, sum(1 for _, _, who in rows if not who)))
    return out


def _parent_name(ctx: Ctx, unit: m.Locality, day: date) -> str:
    """"Xã An Nhơn, Huyện Thạnh Phú": the unit's parent and grandparent as they were on `day`."""
    trail = unit_trail(ctx, unit, day)[:-1]
    return ", ".join(u.full_name_on(day) for u in reversed(trail[-2:]))


def level_path(level: m.Level, day: date | None = None) -> str:
    return (f"cadres/index/ngay-{day.isoformat()}/cap/{level.id}.md" if day
            else f"cadres/index/cap/{level.id}.md")


def past_path(day: date) -> str:
    return f"cadres/index/ngay-{day.isoformat()}.md"


PAST_DAYS = 12  # a province's changes fall on a few days (the reform's all on one)


def past_days(ctx: Ctx) -> list[date]:
    """The days a past directory is kept for: the last day of each level or unit that ended
    (the eve of the 2025 reform, of a merger), the most recent first."""
    ends = {x.end for x in (*ctx.content.site.levels, *ctx.content.localities)
            if x.end and x.end < ctx.today}
    return sorted(ends, reverse=True)[:PAST_DAYS]


ALL_PATH = "cadres/index/tat-ca.md"


def _phones(ctx: Ctx) -> bool:
    """Does this build show phone numbers (the restricted one, or a site whose contacts are
    public)? Then the directory has a column for them."""
    return any(c.phone for c in ctx.content.cadres)


def _parts(base: str, rows: list, title: str, template: str, **values) -> dict[str, str]:
    """A long table of the directory on pages of its own, `paging.ROWS` rows each."""
    return {part.path: html_page(title + part.pager.suffix, render(
        template, part.path, ids=HeadingIds(), title=title + part.pager.suffix,
        rows=part.items, total=len(rows), pager=part.pager, index=INDEX,
        unit_path=locality_path, cadre_path=cadre_path, phone=phone_link, **values))
        for part in paging.split(base, rows, paging.ROWS)}


def render_index(ctx: Ctx) -> dict[str, str]:
    """The directory: per level, every unit living today and who follows it now; then all
    cadres A-Z; and the directory as it was on the eve of each change of levels. A level or
    list too long for one page gets pages of its own, linked from the directory."""
    out = _directory(ctx, None)
    people = sort_people(ctx.content.cadres)
    if len(people) > paging.ROWS:
        out.update(_parts(ALL_PATH, people, "Tất cả cán bộ", "cadre_all.html",
                          phones=_phones(ctx)))
    for day in past_days(ctx):
        out.update(_directory(ctx, day))
    return out


def _directory(ctx: Ctx, day: date | None) -> dict[str, str]:
    """Today's directory (`day` None) or the directory as it was on `day`."""
    on = day or ctx.today
    title = "Danh bạ phân công" + (f" ngày {fmt_date(day)}" if day else "")
    here = past_path(day) if day else INDEX
    out: dict[str, str] = {}
    levels = []
    for level, rows, nobody in _levels(ctx, on):
        long = len(rows) > paging.ROWS
        if long:
            out.update(_parts(level_path(level, day), rows, f"{title} · cấp "
                              f"{level.label.lower()}", "cadre_level.html", level=level,
                              nobody=nobody, phones=_phones(ctx)))
        levels.append((level, None if long else rows, len(rows), nobody,
                       level_path(level, day) if long else None))
    people = sort_people(ctx.content.cadres)
    out[here] = html_page(title, render(
        "cadre_index.html", here, ids=HeadingIds(), title=title, levels=levels, day=day,
        past=[(fmt_date(d), past_path(d)) for d in past_days(ctx)] if not day else [],
        cadres=people if len(people) <= paging.ROWS else None, cadre_count=len(people),
        all_path=ALL_PATH, unit_path=locality_path, cadre_path=cadre_path, phone=phone_link,
        phones=_phones(ctx), index=INDEX))
    return out


def render_all(ctx: Ctx) -> Iterator[tuple[str, str]]:
    by_cadre: dict[str, list[m.Assignment]] = defaultdict(list)
    for a in ctx.content.assignments:
        by_cadre[a.cadre].append(a)
    yield from render_index(ctx).items()
    for cadre in ctx.content.cadres:
        yield cadre_path(cadre), render_cadre(ctx, cadre, by_cadre.get(cadre.id, []))
