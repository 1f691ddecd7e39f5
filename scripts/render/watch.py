"""The leaders' month on pages (scripts/watch.py computes it): on the home page of a build that
sees every report, the latest complete month and the current one, each count linked to its
full list on the month's page; and the proposals that wait too long, on a page of their own.

A build that does not see every report (the public one, when reports are restricted) shows
none of it: counts over a subset would claim a whole they did not count.
"""
from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from .. import watch as w
from . import paging
from .bodies import HeadingIds
from .common import (Ctx, cadre_path, fmt_month, locality_path, month_index_path, month_slug,
                     visit_path)
from ..text import sort_key
from .html import html_page, render
from .proposals import group_path

WAITING = "proposals/index/cho-lau.md"
HOME_NAMES = 8  # units named per level on the home page; the month page names them all


def behind_path(day: date) -> str:
    """The list of a month's assignments behind, when too long for the month's page; beside
    the parts of the month's reports (`index/trang-N`), never in place of a district's."""
    return f"visits/{month_slug(day)}/index/chua-dat.md"


def sees_every_report(ctx: Ctx) -> bool:
    return not ctx.partial


def month_view(ctx: Ctx, year: int, month: int) -> SimpleNamespace:
    """A month's watch, with what the templates need to name and link it."""
    found = w.month_watch(ctx.content, year, month, ctx.today,
                          ctx.visits_by_month.get((year, month), []))
    cadres = {c.id: c for c in ctx.content.cadres}
    behind = found.behind or []
    # a province's month can hold a thousand assignments behind: past a page, their own pages
    parts = paging.split(behind_path(found.first), behind, paging.ROWS) \
        if len(behind) > paging.ROWS else None
    return SimpleNamespace(
        watch=found, label=fmt_month(found.first), path=month_index_path(found.first),
        today=ctx.today, behind_parts=parts,
        unit_path=locality_path, cadre_path=cadre_path,
        cadre=lambda cadre_id: cadres.get(cadre_id),
        unit=lambda unit_id: ctx.index.get("locality", unit_id), definitions=w.DEFINITIONS)


def waiting_rows(ctx: Ctx) -> list[SimpleNamespace]:
    rows = []
    for x in w.waiting(ctx.content, ctx.today):
        unit = ctx.index.get("locality", x.visit.locality)
        rows.append(SimpleNamespace(visit=x.visit, proposal=x.proposal, days=x.days,
                                    overdue=x.overdue, path=visit_path(ctx, x.visit),
                                    unit=unit, unit_path=locality_path(unit)))
    return rows


def home_block(ctx: Ctx) -> SimpleNamespace | None:
    """The home page's "Tháng này": None when this build does not see every report."""
    if not sees_every_report(ctx) or not ctx.content.assignments:
        return None
    complete, current = w.watched_months(ctx.today)
    months = [month_view(ctx, *complete)] + ([month_view(ctx, *current)] if current else [])
    return SimpleNamespace(months=months, waiting=len(w.waiting(ctx.content, ctx.today)),
                           waiting_path=WAITING,
                           names=HOME_NAMES, limit=ctx.content.site.max_proposal_open_days,
                           today=ctx.today)


def _by_district(ctx: Ctx, rows: list[SimpleNamespace]) -> list[tuple]:
    """(district, its proposals page, waiting, overdue, longest wait) per district, most waiting
    first: the district pages list every open proposal, oldest first."""
    groups: dict[str, list[SimpleNamespace]] = {}
    for row in rows:
        group = ctx.visit_group(row.visit)
        if group:
            groups.setdefault(group, []).append(row)
    out = [(ctx.index.get("locality", g), group_path(ctx.index.get("locality", g)), len(rs),
            sum(r.overdue for r in rs), max(r.days for r in rs)) for g, rs in groups.items()]
    return sorted(out, key=lambda r: (-r[2], sort_key(r[0].name)))


def render_waiting(ctx: Ctx) -> dict[str, str]:
    """One page: the `paging.ROWS` oldest, and how many each district has, linked to its list
    (a province's tens of thousands would repeat, page after page, the district lists)."""
    if not sees_every_report(ctx):
        return {}
    rows = waiting_rows(ctx)
    title = "Kiến nghị chờ lâu"
    limit = ctx.content.site.max_proposal_open_days
    return {WAITING: html_page(title, render(
        "waiting.html", WAITING, title=title, ids=HeadingIds(), rows=rows[:paging.ROWS],
        total=len(rows), districts=_by_district(ctx, rows), today=ctx.today,
        by=(ctx.group_level(ctx.today) or ctx.content.site.levels[1]).label.lower(),
        rule=w.DEFINITIONS["waiting"].format(days=limit)))}


def render_behind(ctx: Ctx) -> dict[str, str]:
    """The months whose assignments behind do not fit on the month's page."""
    if not sees_every_report(ctx):
        return {}
    out = {}
    for day in ctx.report_months:
        view = month_view(ctx, day.year, day.month)
        for part in view.behind_parts or []:
            title = f"Phân công chưa đạt · {view.label}{part.pager.suffix}"
            out[part.path] = html_page(title, render(
                "behind.html", part.path, title=title, ids=HeadingIds(), m=view, part=part))
    return out


def render_all(ctx: Ctx) -> dict[str, str]:
    return {**render_waiting(ctx), **render_behind(ctx)}
