"""The "Thống kê" section: for each period, coverage, the visit rule, proposals, branch
meetings and registered tasks, as SVG charts with their tables, CSV downloads and definitions.

A build whose audience does not see every visit report (the public one) leaves out the figures
computed from reports: they would reveal restricted records, or mislead by counting only some.
"""
from __future__ import annotations

import calendar
import csv
import io
from datetime import date
from collections import defaultdict
from collections.abc import Iterator
from types import SimpleNamespace
from typing import NamedTuple

from .. import charts
from .. import model as m
from .. import stats as st
from ..text import sort_key
from .bodies import HeadingIds
from .common import (Ctx, cadre_path, district_month_path, fmt_date, fmt_number, locality_path,
                     unit_trail, unit_with_parent, visit_path)
from . import xlsx
from .html import html_page, render
from . import paging

INDEX = "stats/index.md"
LISTED = 15  # rows shown of a long table; the CSV (and for rankings, their pages) hold them all
GRID_MONTHS = 13  # a month-by-unit grid stays readable (and quick to draw) up to about a year

DEFINITIONS = {
    "coverage": "Địa bàn có cán bộ theo dõi: có ít nhất một phân công còn hiệu lực vào ngày "
                "{day}. Cán bộ: số người khác nhau giữ các phân công đó. Địa bàn mỗi cán bộ: "
                "số địa bàn có người theo dõi chia cho số cán bộ.",
    "proposals": "Kiến nghị nêu trong các báo cáo có ngày thuộc khoảng thời gian, theo tháng nêu "
                 "và theo nơi nhận. Số ngày giải quyết: từ ngày báo cáo đến ngày có trả lời, "
                 "với kiến nghị đã giải quyết hoặc không giải quyết. Quá hạn: chưa giải quyết "
                 "xong và đã qua hạn vào ngày {day}.",
    "meetings": "Các buổi dự sinh hoạt chi bộ có ghi số liệu. Tỷ lệ dự họp = tổng số đảng viên "
                "có mặt / tổng số đảng viên của các buổi họp. Mỗi tỷ lệ chất lượng chỉ tính "
                "trên các buổi có ghi mục đó.",
    "tasks": "Phần việc cán bộ đăng ký cho từng năm. Đã xác nhận: hoàn thành và có ghi cấp ủy "
             "xác nhận cùng ngày xác nhận.",
}

# What each colour of the month grid means, said before the grids and in every cell in words
# (the mark after a number), so that colour never carries the meaning alone.
GRID_KEY = (("grid-met", "2", "đủ số lần tối thiểu"),
            ("grid-short", "1!", "có xuống nhưng chưa đủ"),
            ("grid-none", "0!", "không có báo cáo nào của cán bộ phụ trách"))
# Units whose grids fit on the period's page (a row of a year weighs about 1.2 KB); more get a
# page per district, in parts of as many units, so that no page passes 150 KB.
GRID_INLINE = 60


def period_path(period: st.Period) -> str:
    return f"stats/{period.id}/index.md"


# A text cell starting with one of these is read by Excel and LibreOffice as a formula
# (`=HYPERLINK(…)` sends the reader elsewhere, `=cmd|…` ran programs in older versions).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def csv_cell(value):
    """A cell as Excel shows it: text that would start a formula gets a leading apostrophe,
    which spreadsheets read as "this is text" and do not display."""
    if isinstance(value, str) and value.lstrip(" ").startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_text(headers: list[str], rows: list[list]) -> str:
    """CSV for Excel: UTF-8 with a byte-order mark, so Vietnamese shows correctly."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([csv_cell(h) for h in headers])
    writer.writerows([csv_cell(cell) for cell in row] for row in rows)
    return "\ufeff" + out.getvalue()


def pct(value: float | None) -> str:
    return "" if value is None else f"{round(value * 100)}%"


class Link(NamedTuple):
    """A table cell or a piece of text that links to the docs path `target`."""
    text: str
    target: str


class Strong(NamedTuple):
    """A figure in bold within a sentence."""
    strong: str


def _plain(cell: str | Link) -> str:
    """A cell as a CSV holds it: a link's label, on one line as the page shows it."""
    return " ".join((cell.text if isinstance(cell, Link) else cell).split())


class _Page:
    """Collects one period page's blocks (templates/stats_period.html lays them out) and the
    files (SVG, CSV) that go beside it."""

    def __init__(self, ctx: Ctx, period: st.Period, periods: list[st.Period]):
        self.ctx, self.period, self.periods = ctx, period, periods
        self.here = period_path(period)
        self.folder = self.here.rsplit("/", 1)[0]
        self.blocks: list[SimpleNamespace] = []
        self.files: dict[str, str | bytes] = {}
        self.sheets: list[tuple[str, list[str], list[list]]] = []  # for the page's workbook
        # units are named as they were on this day (a year before the reform names its
        # communes under their districts)
        self.day = period.reference(ctx.today)

    def _sheet(self, headers: list[str], rows: list[list]) -> None:
        """Keep a table for the page's workbook, named by the heading it stands under."""
        title = next((b.text for b in reversed(self.blocks) if b.kind == "heading"), "Bảng")
        self.sheets.append((title, headers, rows))

    def heading(self, level: int, text: str) -> None:
        self.blocks.append(SimpleNamespace(kind="heading", level=level, text=text))

    def text(self, *pieces: str | Strong | Link) -> None:
        """A paragraph of plain strings, bold figures and links."""
        self.blocks.append(SimpleNamespace(kind="text", pieces=pieces))

    def note(self, kind: str, title: str, text: str) -> None:
        self.blocks.append(SimpleNamespace(kind="note", css=kind, title=title, text=text))

    def chart(self, name: str, alt: str, svg: str) -> None:
        self.files[f"{self.folder}/{name}.svg"] = svg
        self.blocks.append(SimpleNamespace(kind="chart", alt=alt, src=f"{self.folder}/{name}.svg"))

    def table(self, name: str, headers: list[str], rows: list[list[str | Link]],
              csv_rows: list[list] | None = None, shown: int | None = None,
              records: bool = False) -> None:
        """A table, shortened to `shown` rows on the page; the CSV always has every row."""
        csv_path = f"{self.folder}/{name}.csv"
        plain = csv_rows or [[_plain(c) for c in row] for row in rows]
        self.files[csv_path] = csv_text(headers, plain)
        self._sheet(headers, plain)
        visible = rows if shown is None else rows[:shown]
        more = f"{len(visible)}/{len(rows)} dòng đầu; " if len(visible) < len(rows) else ""
        # a table of figures keeps its grid on a phone; a list of records reads as cards
        self.blocks.append(SimpleNamespace(kind="table", headers=headers, rows=visible,
                                           csv=csv_path, more=more, filter=False,
                                           records=records))

    def definition(self, key: str, **values) -> None:
        self.measures(DEFINITIONS[key].format(**values))

    def measures(self, *texts: str) -> None:
        self.blocks.append(SimpleNamespace(kind="how", texts=texts))

    def ranking(self, name: str, title: str, headers: list[str],
                rows: list[list[str | Link]]) -> None:
        """A ranking, worst first and whole: on the page while it fits, with a filter box the
        site's script adds; a province's on pages of its own, the worst rows shown here."""
        csv_path = f"{self.folder}/{name}.csv"
        plain = [[_plain(c) for c in row] for row in rows]
        self.files[csv_path] = csv_text(headers, plain)
        self._sheet(headers, plain)
        if len(rows) <= paging.ROWS:
            self.blocks.append(SimpleNamespace(kind="table", headers=headers, rows=rows,
                                               csv=csv_path, more="", filter=True))
            return
        parts = paging.split(f"{self.folder}/{name}.md", rows, paging.ROWS)
        self.blocks.append(SimpleNamespace(kind="table", headers=headers, rows=rows[:LISTED],
                                           csv=csv_path, filter=False,
                                           more=f"{LISTED}/{len(rows)} dòng chưa đạt nhiều "
                                                f"nhất; "))
        self.text(Link(f"Xem đủ {len(rows)} dòng", parts[0].path), f" ({len(parts)} trang).")
        for part in parts:
            label = f"{title} · {self.period.label}{part.pager.suffix}"
            self.extra(part.path, label, [SimpleNamespace(
                kind="table", headers=headers, rows=part.items, csv=csv_path, more="",
                filter=True, pager=part.pager)])

    def key(self, items) -> None:
        self.blocks.append(SimpleNamespace(kind="key", items=items))

    def grid(self, grid: SimpleNamespace) -> None:
        self.blocks.append(SimpleNamespace(kind="grid", grid=grid))

    def grid_pages(self, grids: list[SimpleNamespace]) -> None:
        """A page per district (in parts past `GRID_INLINE` units), listed with its figures."""
        rows = []
        for grid in grids:
            base = f"{self.folder}/luoi/{grid.group.id}.md"
            parts = paging.split(base, grid.rows, GRID_INLINE)
            rows.append([Link(grid.group.full_name, base), str(len(grid.rows)),
                         f"{grid.met}/{grid.counted}",
                         pct(grid.met / grid.counted if grid.counted else None)])
            for part in parts:
                label = f"Lưới tháng · {grid.group.full_name} · {self.period.label}" \
                    f"{part.pager.suffix}"
                shown = SimpleNamespace(**{**vars(grid), "rows": part.items})
                self.extra(part.path, label, [
                    SimpleNamespace(kind="key", items=GRID_KEY),
                    SimpleNamespace(kind="grid", grid=shown, pager=part.pager),
                    SimpleNamespace(kind="how", texts=[st.MEASURES["unit"]])])
        self.blocks.append(SimpleNamespace(
            kind="table", headers=["Địa bàn", "Số địa bàn", "Tháng-địa bàn đủ", "Tỷ lệ"],
            rows=rows, csv=None, more="", filter=True))

    def extra(self, path: str, title: str, blocks: list[SimpleNamespace]) -> None:
        """A page of its own under the period's, for what is too long to fit it."""
        self.files[path] = html_page(title, render(
            "stats_period.html", path, title=title, index=INDEX, choices=None,
            trail=[("Thống kê", INDEX), (self.period.label, self.here)], blocks=blocks,
            ids=HeadingIds(), today=self.ctx.today))


def _coverage(page: _Page) -> None:
    ctx, day = page.ctx, page.period.reference(page.ctx.today)
    rows = st.coverage(ctx.content, day)
    page.heading(2, "Độ phủ: tỉnh nắm tới xã, huyện nắm tới ấp")
    page.chart("do-phu", "Số địa bàn có và chưa có cán bộ theo dõi, theo cấp", charts.coverage(
        [r.level.label for r in rows], [r.covered for r in rows],
        [r.units - r.covered for r in rows]))
    page.table("do-phu", ["Cấp", "Số địa bàn", "Có cán bộ theo dõi", "Số cán bộ",
                          "Địa bàn mỗi cán bộ", "Chưa có ai"], [
        [r.level.label, str(r.units), str(r.covered), str(r.cadres),
         fmt_number(round(r.units_per_cadre, 2)) if r.units_per_cadre else "",
         str(len(r.uncovered))] for r in rows])
    uncovered = [u for r in rows for u in r.uncovered]
    if uncovered:
        page.heading(3, f"Địa bàn chưa có ai theo dõi ({len(uncovered)})")
        page.table("chua-co-ai", ["Địa bàn", "Cấp"], [
            [Link(unit_with_parent(ctx, u, page.day), locality_path(u)),
             ctx.index.level_labels[u.level]] for u in uncovered], shown=LISTED * 2)
    page.definition("coverage", day=fmt_date(day))


def _rule(page: _Page, checks: list[st.MonthCheck]) -> None:
    ctx = page.ctx
    page.heading(2, "Quy định xuống địa bàn hằng tháng")
    if not checks:
        page.text("Không có tháng trọn vẹn nào của phân công trong khoảng thời gian này.")
        return
    units = st.unit_months(checks)
    covered = sum(u.met for u in units)
    met = sum(c.met for c in checks)
    page.text("Độ phủ địa bàn: ", Strong(f"{covered}/{len(units)}"),
              f" tháng-địa bàn đủ số lần xuống ({pct(covered / len(units))}). Phân công: ",
              Strong(f"{met}/{len(checks)}"),
              f" tháng-phân công đạt quy định ({pct(met / len(checks))}).")
    by_assignment = st.shares(checks, lambda c: c.assignment.id)
    assignments = {a.id: a for a in ctx.content.assignments}
    page.heading(3, "Cán bộ, chưa đạt nhiều nhất trước")
    cadres = st.shares(checks, lambda c: c.assignment.cadre)
    # the figure a leader reads comes right after the name, so that a phone shows both
    page.ranking("can-bo-quy-dinh", "Xếp hạng cán bộ", ["Cán bộ", "Tỷ lệ đạt", "Số tháng đạt",
                                                         "Số tháng xét", "Chức vụ"], [
        [Link(ctx.index.get("cadre", s.key).name,
              cadre_path(ctx.index.get("cadre", s.key))),
         pct(s.share), str(s.met), str(s.months), ctx.index.get("cadre", s.key).title]
        for s in cadres])
    page.heading(3, "Phân công, chưa đạt nhiều nhất trước")
    page.ranking("phan-cong-quy-dinh", "Xếp hạng phân công", [
        "Cán bộ", "Tỷ lệ đạt", "Địa bàn", "Số tháng đạt", "Số tháng xét", "Tối thiểu/tháng"], [
        [ctx.index.get("cadre", assignments[s.key].cadre).name, pct(s.share),
         Link(unit_with_parent(ctx, ctx.index.get("locality", assignments[s.key].locality),
                              page.day),
              locality_path(ctx.index.get("locality", assignments[s.key].locality))),
         str(s.met), str(s.months), str(st.required_visits(ctx.content, assignments[s.key]))]
        for s in by_assignment])
    shares = [s.share for s in by_assignment]
    page.chart("quy-dinh", "Số phân công theo tỷ lệ tháng đạt quy định",
               charts.share_histogram(shares))
    fifths = [sum(1 for x in shares if min(int(x * 5), 4) == i) for i in range(5)]
    page.table("quy-dinh", ["Tỷ lệ tháng đạt", "Số phân công"], [
        [label, str(n)] for label, n in zip(("0–19%", "20–39%", "40–59%", "60–79%", "80–100%"),
                                            fifths)])
    page.measures(st.MEASURES["unit"], st.MEASURES["assignment"])


def _grid(page: _Page, checks: list[st.MonthCheck]) -> None:
    """The month × unit grid, near the top: its key first, then one table per district (the
    second level), each cell linked to that unit's reports of that month. When a province's
    grids would not fit one page, each district's has a page, listed here with its figures."""
    ctx = page.ctx
    months = sorted({(c.year, c.month) for c in checks})
    if not months:
        return
    page.heading(2, "Lưới tháng theo địa bàn")
    if len(months) > GRID_MONTHS:
        years = [p for p in page.periods if p.id.isdigit()]
        pieces: list[str | Link] = ["Lưới tháng của từng địa bàn xem theo từng năm: "]
        for i, year in enumerate(years):
            pieces += [", "] * bool(i) + [Link(year.label, period_path(year))]
        page.text(*pieces, ".")
        return
    cells = {(u.unit, (u.year, u.month)): u for u in st.unit_months(checks)}
    firsts: dict[tuple[str, tuple[int, int]], m.Visit] = {}
    for ym in months:
        for visit in sorted(ctx.visits_by_month.get(ym, []), key=lambda v: (v.date, v.id)):
            firsts.setdefault((visit.locality, ym), visit)
    # the tree as it was at the period's end: a year before the reform by district, after it
    # by commune
    year, month = months[-1]
    day = date(year, month, calendar.monthrange(year, month)[1])
    groups: dict[str, list[m.Locality]] = defaultdict(list)
    for unit_id in {unit for unit, _ in cells}:
        unit = ctx.index.get("locality", unit_id)
        trail = unit_trail(ctx, unit, day)
        groups[(trail[1] if len(trail) > 1 else trail[0]).id].append(unit)
    grids = []
    for group_id in sorted(groups, key=lambda g: sort_key(ctx.index.get("locality", g).name)):
        group = ctx.index.get("locality", group_id)
        units = sorted(groups[group_id], key=lambda u: [sort_key(x.name)
                                                        for x in unit_trail(ctx, u, day)])
        grids.append(_grid_table(ctx, group, units, months, cells, firsts))
    page.key(GRID_KEY)
    if sum(len(g.rows) for g in grids) <= GRID_INLINE:
        for grid in grids:
            page.grid(grid)
    else:
        page.grid_pages(grids)
    page.measures(st.MEASURES["unit"])


def _month_of(ctx: Ctx, unit: m.Locality, ym: tuple[int, int]) -> str:
    """Where a cell with no report leads: the month's page of the unit's district, which names
    it among the units not visited; before the first month the site has, the unit's page."""
    day = date(ym[0], ym[1], 1)
    if day not in ctx.report_month_set:
        return locality_path(unit)
    return district_month_path(day, ctx.visit_group_of(unit.id, day))


def _grid_table(ctx: Ctx, group: m.Locality, units: list[m.Locality],
                months: list[tuple[int, int]], cells: dict, firsts: dict) -> SimpleNamespace:
    rows = []
    met = counted = 0
    for unit in units:
        row = []
        for ym in months:
            cell = cells.get((unit.id, ym))
            if cell is None:
                row.append(None)
                continue
            counted += 1
            met += cell.met
            first = firsts.get((unit.id, ym))
            css = "grid-met" if cell.met else "grid-short" if cell.visits else "grid-none"
            target = visit_path(ctx, first) if first else _month_of(ctx, unit, ym)
            # the row and column headers name the unit and the month; a short cell says in
            # words what its "!" means
            row.append(SimpleNamespace(
                text=str(cell.visits) + ("" if cell.met else "!"), css=css, target=target,
                label=None if cell.met else f"{cell.visits} lần, chưa đủ {cell.required}"))
        rows.append((Link(unit.full_name, locality_path(unit)), row))
    return SimpleNamespace(group=group, months=[f"{mo}/{y}" for y, mo in months],
                           short=[str(mo) for _, mo in months], rows=rows, met=met,
                           counted=counted)


def _proposals(page: _Page) -> None:
    ctx = page.ctx
    figures = st.proposals(ctx.content, page.period, ctx.today)
    page.heading(2, "Kiến nghị, đề xuất")
    total = sum(sum(c.values()) for c in figures.by_month.values())
    if not total:
        page.text("Không có kiến nghị nào trong khoảng thời gian này.")
        return
    median = figures.median_days
    page.text(Strong(str(total)), " kiến nghị; thời gian giải quyết trung vị ",
              Strong(fmt_number(median) if median is not None else "—"), " ngày; ",
              Strong(str(len(figures.overdue))), " quá hạn.")
    statuses = m.PROPOSAL_STATUS.values
    names = dict(m.PROPOSAL_STATUS.choices)
    months = list(figures.by_month)
    page.chart("kien-nghi-thang", "Kiến nghị theo tháng nêu và tình trạng", charts.stacked_status(
        [f"T{mo}/{y}" for y, mo in months],
        {s: [figures.by_month[k][s] for k in months] for s in statuses}, names))
    page.table("kien-nghi-thang", ["Tháng"] + [names[s] for s in statuses] + ["Cộng"], [
        [f"{mo}/{y}"] + [str(figures.by_month[(y, mo)][s]) for s in statuses]
        + [str(sum(figures.by_month[(y, mo)].values()))] for y, mo in months])
    addressees = list(figures.by_addressee)
    shown = addressees[:10]
    page.heading(3, "Theo nơi nhận")
    page.chart("kien-nghi-noi-nhan", "Kiến nghị theo nơi nhận và tình trạng",
               charts.stacked_status(shown, {s: [figures.by_addressee[a][s] for a in shown]
                                             for s in statuses}, names, horizontal=True))
    page.table("kien-nghi-noi-nhan", ["Nơi nhận"] + [names[s] for s in statuses] + ["Cộng"], [
        [a] + [str(figures.by_addressee[a][s]) for s in statuses]
        + [str(sum(figures.by_addressee[a].values()))] for a in addressees], shown=LISTED)
    if figures.overdue:
        page.heading(3, f"Quá hạn ({len(figures.overdue)})")
        page.table("kien-nghi-qua-han", ["Hạn", "Ngày nêu", "Nội dung", "Nơi nhận", "Địa bàn"], [
            [fmt_date(p.due), Link(fmt_date(v.date), visit_path(ctx, v)),
             p.text, p.to or "",
             unit_with_parent(ctx, ctx.index.get("locality", v.locality), v.date)]
            for v, p in figures.overdue], shown=LISTED * 2, records=True)
    page.definition("proposals", day=fmt_date(page.period.reference(ctx.today)))


def _meetings(page: _Page) -> None:
    ctx = page.ctx
    figures = st.meetings(ctx.content, page.period)
    page.heading(2, "Chất lượng sinh hoạt chi bộ")
    if not figures.overall.meetings:
        page.text("Không có buổi sinh hoạt chi bộ nào có ghi số liệu.")
        return
    page.text(Strong(str(figures.overall.meetings)), " buổi; tỷ lệ dự họp chung ",
              Strong(pct(figures.overall.rate)), ".")
    months = list(figures.by_month)
    page.chart("du-hop-thang", "Tỷ lệ đảng viên dự họp theo tháng", charts.attendance(
        [f"T{mo}/{y}" for y, mo in months], [figures.by_month[k].rate for k in months]))
    page.table("du-hop-thang", ["Tháng", "Số buổi", "Đảng viên dự", "Tổng số", "Tỷ lệ dự họp"], [
        [f"{mo}/{y}", str(figures.by_month[(y, mo)].meetings),
         str(figures.by_month[(y, mo)].present), str(figures.by_month[(y, mo)].total),
         pct(figures.by_month[(y, mo)].rate)] for y, mo in months], shown=LISTED)
    flags = [(label, figures.flags[name]) for name, label in st.MEETING_FLAGS]
    page.chart("chat-luong", "Tỷ lệ buổi sinh hoạt đạt từng yêu cầu", charts.shares_bar(
        [label for label, _ in flags], [yes / n if n else 0 for _, (yes, n) in flags]))
    page.table("chat-luong", ["Yêu cầu", "Số buổi đạt", "Số buổi có ghi", "Tỷ lệ"], [
        [label, str(yes), str(n), pct(yes / n if n else None)] for label, (yes, n) in flags])
    units = sorted(figures.by_unit.items(), key=lambda kv: (kv[1].rate, kv[0]))
    page.heading(3, "Theo địa bàn, tỷ lệ dự họp thấp trước")
    page.table("du-hop-dia-ban", ["Địa bàn", "Số buổi", "Tỷ lệ dự họp"], [
        [Link(unit_with_parent(ctx, ctx.index.get("locality", u), page.day),
              locality_path(ctx.index.get("locality", u))), str(a.meetings), pct(a.rate)]
        for u, a in units], shown=LISTED)
    page.definition("meetings")


def _tasks(page: _Page) -> None:
    rows = st.tasks(page.ctx.content, page.period)
    page.heading(2, "Phần việc đăng ký")
    if not rows:
        page.text("Không có phần việc đăng ký nào trong khoảng thời gian này.")
        return
    page.chart("phan-viec", "Phần việc đăng ký và kết quả theo năm", charts.tasks(
        [str(r.year) for r in rows],
        {"Đăng ký": [r.registered for r in rows], "Hoàn thành, đã xác nhận":
         [r.confirmed for r in rows], "Đang thực hiện": [r.in_progress for r in rows],
         "Không hoàn thành": [r.not_done for r in rows]}))
    page.table("phan-viec", ["Năm", "Đăng ký", "Hoàn thành", "Đã xác nhận", "Đang thực hiện",
                             "Không hoàn thành"], [
        [str(r.year), str(r.registered), str(r.done), str(r.confirmed), str(r.in_progress),
         str(r.not_done)] for r in rows])
    page.definition("tasks")


def render_period(ctx: Ctx, period: st.Period, periods: list[st.Period]) -> dict[str, str]:
    page = _Page(ctx, period, periods)
    title = f"Thống kê · {period.label}"
    if ctx.partial:
        _coverage(page)
        page.note("note", "Bản công khai", "Số liệu về báo cáo theo dõi, kiến nghị và sinh hoạt "
                  "chi bộ chỉ có ở bản nội bộ.")
    else:
        checks = st.month_checks(ctx.content, period, ctx.today)
        if period.id.isdigit():  # render/review.py writes every cadre's review of the year
            page.text("Từng cán bộ trong năm: ", Link("tổng hợp kết quả theo dõi, hỗ trợ theo "
                                                      "cán bộ", f"stats/{period.id}/can-bo/index.md"),
                      ", mỗi người một phiếu in được.")
        _grid(page, checks)  # the one view that shows the gaps: first
        _rule(page, checks)
        _coverage(page)
        _proposals(page)
        _meetings(page)
    _tasks(page)
    # The current period in bold, the others as links (None: no link).
    choices = [(p.label, None if p == period else period_path(p)) for p in periods]
    workbook = f"{page.folder}/bang-so-lieu.xlsx" if page.sheets else None
    if workbook:
        page.files[workbook] = xlsx.workbook(page.sheets, ctx.today)
    page.files[page.here] = html_page(title, render(
        "stats_period.html", page.here, title=title, index=INDEX, choices=choices,
        trail=[("Thống kê", INDEX)], blocks=page.blocks, ids=HeadingIds(), today=ctx.today,
        workbook=workbook))
    return page.files


INTRO = ("Độ phủ của việc phân công, việc xuống địa bàn hằng tháng, kiến nghị, chất lượng sinh "
         "hoạt chi bộ và phần việc đăng ký, tính từ nội dung đã nhập. Chọn khoảng thời gian:")


def headline(ctx: Ctx, periods: list[st.Period]) -> list[tuple[str, str, str | None]]:
    """The landing's figures at a glance, as (label, figure, page with the details): who is
    followed today, and, in a build that sees every report, the latest year's two measures of
    the visit rule and the proposals still waiting."""
    rows: list[tuple[str, str, str | None]] = []
    everything = periods[0]
    for row in st.coverage(ctx.content, ctx.today):
        rows.append((f"Cấp {row.level.label.lower()} có cán bộ theo dõi",
                     f"{row.covered}/{row.units} địa bàn", period_path(everything)))
    if ctx.partial:
        return rows
    years = [p for p in periods if p.id.isdigit()]
    for year in reversed(years):
        checks = st.month_checks(ctx.content, year, ctx.today)
        if checks:
            units = st.unit_months(checks)
            covered, met = sum(u.met for u in units), sum(c.met for c in checks)
            rows.append((f"Độ phủ địa bàn, {year.label.lower()}",
                         f"{covered}/{len(units)} tháng-địa bàn ({pct(covered / len(units))})",
                         period_path(year)))
            rows.append((f"Phân công đạt quy định, {year.label.lower()}",
                         f"{met}/{len(checks)} tháng-phân công ({pct(met / len(checks))})",
                         period_path(year)))
            break
    figures = st.proposals(ctx.content, everything, ctx.today)
    waiting = sum(c["open"] + c["in_progress"] for c in figures.by_month.values())
    rows.append(("Kiến nghị chưa giải quyết xong", f"{waiting}, trong đó {len(figures.overdue)} "
                 "quá hạn", "proposals/index.md"))
    return rows


def render_index(ctx: Ctx, periods: list[st.Period]) -> str:
    title = "Thống kê"
    return html_page(title, render("stats_index.html", INDEX, title=title, intro=INTRO,
                                   periods=[(p.label, period_path(p)) for p in periods],
                                   figures=headline(ctx, periods), today=ctx.today,
                                   ids=HeadingIds()))


def render_all(ctx: Ctx) -> Iterator[tuple[str, str]]:
    periods = st.periods(ctx.content, ctx.today)
    yield INDEX, render_index(ctx, periods)
    for period in periods:
        yield from render_period(ctx, period, periods).items()

