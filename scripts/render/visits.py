"""Visit reports: one page per month, each report a section with its own anchor.

A province writes about 60,000 reports in a term; a page each would make MkDocs and the search
index work per report for little gain. A month page (split by district, and in parts of at most
`paging.REPORTS` reports) keeps every report readable on its own through its anchor
(`visits/2023-05/#2023-05-05-an-dinh`).
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from types import SimpleNamespace

from .. import model as m
from ..text import sort_key
from .bodies import HeadingIds
from .common import (Ctx, cadre_path, district_month_path, fmt_date, fmt_month, locality_path,
                     month_index_path, story_path, unit_with_parent, visit_page, visit_path)
from .html import html_page, render
from .paging import Pager, Part
from . import watch
from .search import KIND_VISIT, record_block

INDEX = "visits/index.md"


def _yes_no(value: bool | None) -> str:
    return {True: "có", False: "không", None: "không ghi"}[value]


def _meeting(meeting: m.Meeting) -> str:
    """The meeting's facts on one line: read on the page, of no use to search."""
    parts = []
    if meeting.members_total is not None and meeting.members_present is not None:
        share = round(100 * meeting.members_present / meeting.members_total) \
            if meeting.members_total else 0
        parts.append(f"dự họp {meeting.members_present}/{meeting.members_total} đảng viên "
                     f"({share}%)")
    for key, name in (("on_time", "đúng giờ"), ("content_prepared", "chi ủy chuẩn bị nội dung"),
                      ("resolution_adopted", "có nghị quyết"),
                      ("tasks_assigned", "phân công đảng viên")):
        parts.append(f"{name}: {_yes_no(getattr(meeting, key))}")
    return "Sinh hoạt chi bộ, họp cấp ủy: " + "; ".join(parts) + "."


def _status(p: m.Proposal) -> str:
    return m.PROPOSAL_STATUS.label(p.status) + (f" {fmt_date(p.resolved_on)}" if p.resolved_on
                                                  else "")


def render_visit(ctx: Ctx, visit: m.Visit, here: str) -> str:
    """One report, as HTML (templates/visit.html)."""
    unit = ctx.index.get("locality", visit.locality)
    cadre = ctx.index.get("cadre", visit.cadre)
    about = [m.VISIT_KIND.label(visit.kind)]
    about += [ctx.index.get("topic", t).name for t in visit.topics]
    if visit.visibility == "restricted":
        about.append("nội bộ")
    earlier = ctx.index.get("visit", visit.follow_up_of) if visit.follow_up_of else None
    stories = [ctx.index.get("story", s) for s in visit.practices]
    return render("visit.html", here, v=visit, cadre=cadre, cadre_path=cadre_path(cadre),
                  unit_name=unit_with_parent(ctx, unit, visit.date), unit_path=locality_path(unit),
                  about=about, earlier=earlier,
                  earlier_path=visit_path(ctx, earlier) if earlier else None,
                  meeting=_meeting(visit.meeting) if visit.meeting else None, status=_status,
                  practices=[(s, story_path(s)) for s in stories])


@dataclass(frozen=True)
class ListPage:
    """One page of a list of reports: the list it belongs to and the part it shows."""

    base: str
    part: Part


def by_page(ctx: Ctx) -> dict[str, ListPage]:
    return {part.path: ListPage(base, part)
            for base, parts in ctx.visit_lists.items() for part in parts}


def render_page(ctx: Ctx, page: ListPage, nav: SimpleNamespace | None = None,
                watch_view: SimpleNamespace | None = None) -> str:
    """One part of a list of reports; with `nav` and `watch_view` when it is the month's own
    page, on a site without districts."""
    visits = page.part.items
    first = visits[0].date
    group = ctx.index.get("locality", ctx.visit_group(visits[0]))
    title = f"Báo cáo theo dõi {fmt_month(first)}" + (f" · {group.full_name}" if group else "")
    title += page.part.pager.suffix
    trail = [("Báo cáo theo dõi", INDEX)]
    if group:
        trail.append((fmt_month(first).capitalize(), month_index_path(first)))
    units = [ctx.index.get("locality", v.locality) for v in visits]
    record = record_block(ctx, KIND_VISIT, units=units, year=first.year,
                          topics=[t for v in visits for t in v.topics],
                          place=group.full_name if group else None, when=fmt_month(first))
    here = page.part.path
    total = sum(len(p.items) for p in ctx.visit_lists[page.base])
    reports = [render_visit(ctx, v, here) for v in visits]
    units = _units(ctx, first, ctx.visit_group(visits[0])) if page.part.pager.current == 1 \
        else None
    return html_page(title, render("visits_page.html", here, title=title, trail=trail,
                                   record=record, reports=reports, total=total,
                                   pager=page.part.pager, nav=nav, watch=watch_view,
                                   units=units, partial=ctx.partial, ids=HeadingIds()))


def _units(ctx: Ctx, day: date, group: str | None) -> list[SimpleNamespace] | None:
    """Every unit of the district followed in the month, visited or not, with its reports of
    the month; None for a build that does not see every report (it cannot say "none")."""
    if not watch.sees_every_report(ctx):
        return None
    return [SimpleNamespace(unit=unit, path=locality_path(unit), cadres=cadres,
                            reports=len(reports),
                            first=visit_path(ctx, reports[0]) if reports else None)
            for unit, cadres, reports in ctx.month_units(day.replace(day=1)).get(group, [])]


def render_unreported(ctx: Ctx, day: date, group: m.Locality) -> str:
    """A district's month in which none of its followed units has a report: the page still
    names each of them, so that a leader sees who was not visited."""
    here = district_month_path(day, group.id)
    title = f"Báo cáo theo dõi {fmt_month(day)} · {group.full_name}"
    trail = [("Báo cáo theo dõi", INDEX), (fmt_month(day).capitalize(), month_index_path(day))]
    return html_page(title, render("visits_page.html", here, title=title, trail=trail,
                                   record="", reports=[], total=0, pager=Pager(1, (here,)),
                                   nav=None, watch=None, units=_units(ctx, day, group.id),
                                   ids=HeadingIds()), searchable=False)


def _month_nav(ctx: Ctx, day: date) -> SimpleNamespace:
    """Previous and next month (when the site has them), and the year's statistics."""
    months = ctx.report_months
    at, past = bisect_left(months, day), bisect_right(months, day)
    before = months[at - 1] if at > 0 else None
    after = months[past] if past < len(months) else None
    year = f"stats/{day.year}/index.md" if str(day.year) in ctx.stat_years else None
    return SimpleNamespace(
        previous=(fmt_month(before), month_index_path(before)) if before else None,
        next=(fmt_month(after), month_index_path(after)) if after else None,
        year=(f"Thống kê năm {day.year}", year) if year else None)


def _month_watch(ctx: Ctx, day: date) -> SimpleNamespace | None:
    return watch.month_view(ctx, day.year, day.month) if watch.sees_every_report(ctx) else None


def render_month_index(ctx: Ctx, here: str, day: date, lists: dict[str, list[m.Visit]]) -> str:
    """A month: the leaders' watch of it, then the districts that reported, and how much."""
    title = f"Báo cáo theo dõi {fmt_month(day)}"
    rows = []
    followed = ctx.month_units(day) if watch.sees_every_report(ctx) else {}
    listed = set()
    for page, visits in lists.items():
        group_id = ctx.visit_group(visits[0])
        group = ctx.index.get("locality", group_id)
        listed.add(group_id)
        units = followed.get(group_id, [])
        seen = f"{sum(1 for _, _, r in units if r)}/{len(units)}" if units else None
        rows.append((group.full_name if group else "Khác", page, len(visits),
                     len({x.locality for x in visits}), seen, group.name if group else ""))
    for group_id, units in followed.items():  # districts none of whose units has a report
        group = ctx.index.get("locality", group_id)
        if group_id not in listed and group is not None:
            rows.append((group.full_name, district_month_path(day, group.id), 0, 0,
                         f"0/{len(units)}", group.name))
    rows.sort(key=lambda r: sort_key(r[5]))
    level = ctx.group_level(day)
    by = level.label.lower() if level and rows else None
    return html_page(title, render(
        "visits_month.html", here, title=title, index=INDEX, ids=HeadingIds(),
        total=sum(r[2] for r in rows), rows=[r[:5] for r in rows], nav=_month_nav(ctx, day),
        watch=_month_watch(ctx, day), by=by, partial=ctx.partial))


def render_index(ctx: Ctx, months: dict[str, list[m.Visit]]) -> str:
    years: dict[int, list] = defaultdict(list)
    for page, visits in months.items():
        years[visits[0].date.year].append((visits[0].date.month, page, visits))
    listing = [(year, [(fmt_month(visits[0].date).capitalize(), page, len(visits),
                        len({v.locality for v in visits}))
                       for month, page, visits in sorted(years[year], reverse=True)])
               for year in sorted(years, reverse=True)]
    title = "Báo cáo theo dõi"
    return html_page(title, render("visits_index.html", INDEX, title=title, ids=HeadingIds(),
                                   years=listing, partial=ctx.partial))


def render_all(ctx: Ctx) -> Iterator[tuple[str, str]]:
    lists_by_month: dict[str, dict[str, list[m.Visit]]] = defaultdict(dict)
    for base, parts in ctx.visit_lists.items():
        visits = [v for part in parts for v in part.items]
        lists_by_month[month_index_path(visits[0].date)][base] = visits
    months = {index: [v for vs in lists.values() for v in vs]
              for index, lists in lists_by_month.items()}
    yield INDEX, render_index(ctx, months)
    done = {INDEX}
    for path, page in by_page(ctx).items():
        day = page.part.items[0].date.replace(day=1)
        done.add(path)
        if page.part.path == month_index_path(day):  # the month's own page: no districts
            yield path, render_page(ctx, page, _month_nav(ctx, day), _month_watch(ctx, day))
        else:
            yield path, render_page(ctx, page)
    for day in ctx.report_months:
        index = month_index_path(day)
        if index not in done:
            yield index, render_month_index(ctx, index, day, lists_by_month.get(index, {}))
        if watch.sees_every_report(ctx):
            for group_id in ctx.month_units(day):
                group = ctx.index.get("locality", group_id)
                path = district_month_path(day, group_id)
                if group is not None and path not in done:
                    yield path, render_unreported(ctx, day, group)
