"""The yearly review of each cadre (scripts/review.py computes it): for each cadre a page with
a section per year (`cadres/<id>/phieu-tong-hop/#nam-2023`, newest first; printed from that
address, only that year's sheet prints), and for each year one summary table of all cadres,
with its CSV, under the year's statistics.

One page per cadre, not per cadre and year: a province's 1,100 cadres over six years would add
6,600 pages, each carrying the theme's weight, to a site that must stay under 300 MB.

Only a build that sees every report has them: a review counted over the public reports alone
would understate every cadre.
"""
from __future__ import annotations

from collections.abc import Iterator
from types import SimpleNamespace

from .. import model as m
from .. import review as rv
from .. import stats as st
from ..text import person_sort_key
from . import paging
from .bodies import HeadingIds
from .common import Ctx, cadre_path, locality_path, visit_path
from .html import html_page, render
from . import xlsx
from .stats import csv_text, pct


def review_page(cadre: m.Cadre) -> str:
    return f"cadres/{cadre.id}/phieu-tong-hop.md"


def review_path(cadre: m.Cadre, year: int) -> str:
    """A year's sheet: its section of the cadre's review page."""
    return f"{review_page(cadre)}#nam-{year}"


def summary_path(year: int) -> str:
    return f"stats/{year}/can-bo/index.md"


def years_of(ctx: Ctx, cadre: m.Cadre) -> list[int]:
    """The years with a review of this cadre: for the cadre page's links."""
    if ctx.partial:
        return []
    years = rv.years_of(ctx.by.assignments_of_cadre.get(cadre.id, []),
                        ctx.by.visits_of_cadre.get(cadre.id, []), ctx.today)
    return [y for y in years if str(y) in ctx.stat_years]


def _view(ctx: Ctx, r: rv.Review) -> SimpleNamespace:
    """What the template shows, with names and addresses resolved."""
    unit = lambda unit_id: ctx.index.get("locality", unit_id)  # noqa: E731
    return SimpleNamespace(
        r=r, site=ctx.content.site,
        followed=[SimpleNamespace(f=f, unit=unit(f.assignment.locality),
                                  path=locality_path(unit(f.assignment.locality)),
                                  share=pct(f.met / f.months) if f.months else "—",
                                  visited=", ".join(str(mo) for mo in f.visited) or "không có")
                  for f in r.followed],
        by_kind=[(m.VISIT_KIND.label(kind), n) for kind, n in r.by_kind],
        meetings=[SimpleNamespace(v=v, unit=unit(v.locality), path=visit_path(ctx, v),
                                  attendance=f"{v.meeting.members_present}/"
                                             f"{v.meeting.members_total}"
                                  if v.meeting and v.meeting.members_total
                                  and v.meeting.members_present is not None else "")
                  for v in r.meetings],
        raised=[SimpleNamespace(x=x, path=visit_path(ctx, x.visit), unit=unit(x.visit.locality),
                                status=m.PROPOSAL_STATUS.label(x.proposal.status))
                for x in r.raised],
        tasks=[SimpleNamespace(t=t, unit=unit(a.locality),
                               status=m.TASK_STATUS.label(t.status)) for a, t in r.tasks],
        share=pct(r.met / r.months) if r.months else "—")


def render_reviews(ctx: Ctx, cadre: m.Cadre, reviews: list[rv.Review]) -> str:
    """The cadre's review page: a section per year, newest first."""
    here = review_page(cadre)
    title = f"Phiếu tổng hợp kết quả theo dõi, hỗ trợ · {cadre.name}"
    return html_page(title, render(
        "review.html", here, title=title, years=[_view(ctx, r) for r in reviews],
        site=ctx.content.site, cadre=cadre, cadre_path=cadre_path(cadre),
        measure=st.MEASURES["assignment"], ids=HeadingIds(),
        trail=[("Cán bộ", "cadres/index.md"), (cadre.name, cadre_path(cadre))]),
        description=f"{cadre.title}, {cadre.organization}")


# The figures first and the title last: a phone shows the name and the first figures.
SUMMARY_HEADERS = ["Cán bộ", "Tỷ lệ đạt", "Tháng đạt / tháng xét", "Số báo cáo", "Số địa bàn",
                   "Dự sinh hoạt chi bộ", "Kiến nghị đã có trả lời / đã nêu",
                   "Phần việc hoàn thành đã xác nhận / đăng ký", "Chức vụ"]


def _summary_row(r: rv.Review) -> list:
    return [r.cadre.name, pct(r.met / r.months) if r.months else "", f"{r.met}/{r.months}",
            r.reports, len(r.followed), len(r.meetings), f"{r.answered}/{len(r.raised)}",
            f"{r.confirmed}/{len(r.tasks)}", r.cadre.title]


def render_summary(ctx: Ctx, year: int, reviews: list[rv.Review]) -> dict[str, str]:
    """Every cadre of the year in one table (in parts for a province), with the CSV."""
    base = summary_path(year)
    csv_path = f"stats/{year}/can-bo/tong-hop.csv"
    workbook = f"stats/{year}/can-bo/tong-hop.xlsx"
    summary = [_summary_row(r) for r in reviews]
    out = {csv_path: csv_text(SUMMARY_HEADERS, summary),
           workbook: xlsx.workbook([(f"Tổng hợp năm {year}", SUMMARY_HEADERS, summary)],
                                   ctx.today)}
    rows = [(r, review_path(r.cadre, year), _summary_row(r)) for r in reviews]
    for part in paging.split(base, rows, paging.ROWS):
        title = f"Tổng hợp kết quả theo dõi, hỗ trợ năm {year} theo cán bộ{part.pager.suffix}"
        out[part.path] = html_page(title, render(
            "review_index.html", part.path, title=title, year=year, rows=part.items,
            headers=SUMMARY_HEADERS, csv=csv_path, workbook=workbook, parts=part.pager,
            total=len(rows),
            today=st.year_period(year).reference(ctx.today), ids=HeadingIds(),
            trail=[("Thống kê", "stats/index.md"), (f"Năm {year}", f"stats/{year}/index.md")]))
    return out


def render_all(ctx: Ctx) -> Iterator[tuple[str, str]]:
    if ctx.partial:
        return
    cadres = sorted(ctx.content.cadres, key=lambda c: person_sort_key(c.name))
    years = {cadre.id: years_of(ctx, cadre) for cadre in cadres}
    checks = {year: rv.checks_by_assignment(ctx.content, year, ctx.today)
              for year in sorted({y for ys in years.values() for y in ys})}
    by_year: dict[int, list[rv.Review]] = {year: [] for year in checks}
    for cadre in cadres:
        if not years[cadre.id]:
            continue
        reviews = [rv.review(ctx.content, cadre, year, ctx.today,
                             ctx.by.visits_of_cadre.get(cadre.id, []),
                             ctx.by.assignments_of_cadre.get(cadre.id, []), checks[year])
                   for year in reversed(years[cadre.id])]
        for r in reviews:
            by_year[r.year].append(r)
        yield review_page(cadre), render_reviews(ctx, cadre, reviews)
    for year, reviews in by_year.items():
        yield from render_summary(ctx, year, reviews).items()
