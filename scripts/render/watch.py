"""The leaders' month on pages (scripts/watch.py computes it): on the home page of a build that
sees every report, the latest complete month and the current one, each count linked to its
full list on the month's page; and the proposals that wait too long, on pages of their own.

A build that does not see every report (the public one, when reports are restricted) shows
none of it: counts over a subset would claim a whole they did not count.
"""
from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from .. import watch as w
from . import paging
from .bodies import HeadingIds
from .common import Ctx, fmt_date, fmt_month, locality_path, month_index_path, visit_path
from .html import html_page, render

WAITING = "proposals/index/cho-lau.md"
HOME_NAMES = 8  # units named per level on the home page; the month page names them all


def sees_every_report(ctx: Ctx) -> bool:
    return "visits" not in ctx.content.withheld


def month_view(ctx: Ctx, year: int, month: int) -> SimpleNamespace:
    """A month's watch, with what the templates need to name and link it."""
    found = w.month_watch(ctx.content, year, month, ctx.today)
    cadres = {c.id: c for c in ctx.content.cadres}
    return SimpleNamespace(
        watch=found, label=fmt_month(found.first), path=month_index_path(found.first),
        today=ctx.today,
        unit_path=locality_path, cadre=lambda cadre_id: cadres.get(cadre_id),
        unit=lambda unit_id: ctx.index.get("locality", unit_id), definitions=w.DEFINITIONS)


def waiting_rows(ctx: Ctx) -> list[SimpleNamespace]:
    return [SimpleNamespace(visit=x.visit, proposal=x.proposal, days=x.days, overdue=x.overdue,
                            path=visit_path(ctx, x.visit),
                            unit=ctx.index.get("locality", x.visit.locality))
            for x in w.waiting(ctx.content, ctx.today)]


def home_block(ctx: Ctx) -> SimpleNamespace | None:
    """The home page's "Tháng này": None when this build does not see every report."""
    if not sees_every_report(ctx) or not ctx.content.assignments:
        return None
    complete, current = w.watched_months(ctx.today)
    months = [month_view(ctx, *complete)] + ([month_view(ctx, *current)] if current else [])
    waiting = waiting_rows(ctx)
    return SimpleNamespace(months=months, waiting=len(waiting), waiting_path=WAITING,
                           names=HOME_NAMES, limit=ctx.content.site.max_proposal_open_days,
                           today=ctx.today)


def render_waiting(ctx: Ctx) -> dict[str, str]:
    if not sees_every_report(ctx):
        return {}
    rows = waiting_rows(ctx)
    title = "Kiến nghị chờ lâu"
    limit = ctx.content.site.max_proposal_open_days
    parts = paging.split(WAITING, rows, paging.ROWS)
    out = {}
    for part, pager in zip(parts, paging.pagers(parts)):
        page_title = title + (f" (trang {pager.current}/{len(parts)})" if pager.many else "")
        out[part.path] = html_page(page_title, render(
            "waiting.html", part.path, title=page_title, ids=HeadingIds(), rows=part.items,
            total=len(rows), pager=pager, today=ctx.today,
            rule=w.DEFINITIONS["waiting"].format(days=limit)))
    return out


def render_all(ctx: Ctx) -> dict[str, str]:
    return render_waiting(ctx)


def months_to_show(ctx: Ctx) -> list[date]:
    """Every month from the first report to the date of the data, so that a month nobody
    reported in still has its page, and previous/next never skip one. (Not from the first
    assignment: a site whose reports begin in 2023 would show years of empty months.)"""
    starts = [v.date for v in ctx.content.visits if v.date <= ctx.today]
    if not starts:
        return []
    first, out = min(starts), []
    y, mo = first.year, first.month
    while (y, mo) <= (ctx.today.year, ctx.today.month):
        out.append(date(y, mo, 1))
        y, mo = (y + 1, 1) if mo == 12 else (y, mo + 1)
    return out


__all__ = ["home_block", "month_view", "months_to_show", "render_all", "sees_every_report",
           "fmt_date"]
