"""The "Thống kê" section: for each period, coverage, the visit rule, proposals, branch
meetings and registered tasks, as SVG charts with their tables, CSV downloads and definitions.

A build whose audience does not see every visit report (the public one) leaves out the figures
computed from reports: they would reveal restricted records, or mislead by counting only some.
"""
from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterator
from types import SimpleNamespace
from typing import NamedTuple

from .. import charts
from .. import model as m
from .. import stats as st
from ..text import sort_key
from .bodies import HeadingIds
from .common import (Ctx, cadre_path, fmt_date, fmt_number, locality_path, unit_trail,
                     unit_with_parent, visit_path)
from .html import html_page, render

INDEX = "stats/index.md"
LISTED = 15  # rows shown in a ranking; the CSV holds them all
GRID_MONTHS = 13  # a month-by-unit grid stays readable (and quick to draw) up to about a year

DEFINITIONS = {
    "coverage": "Địa bàn có cán bộ theo dõi: có ít nhất một phân công còn hiệu lực vào ngày "
                "{day}. Cán bộ: số người khác nhau giữ các phân công đó. Địa bàn mỗi cán bộ: "
                "số địa bàn có người theo dõi chia cho số cán bộ.",
    "rule": "Với mỗi phân công, mỗi tháng trọn vẹn trong thời gian phân công có hiệu lực (tháng "
            "bắt đầu hoặc kết thúc giữa chừng không tính) và đã qua, đếm số báo cáo của cán bộ "
            "đó tại địa bàn đó trong tháng, so với số lần tối thiểu (min_visits_per_month của "
            "phân công, nếu không có thì của site.yml). Tỷ lệ đạt = số tháng đạt / số tháng "
            "được tính.",
    "heatmap": "Mỗi ô là một tháng của một địa bàn: xanh khi đủ số lần tối thiểu, vàng khi có "
               "xuống nhưng chưa đủ, đỏ khi không có báo cáo nào; số trong ô là số báo cáo; ô "
               "trống là tháng không có phân công trọn tháng.",
    "proposals": "Kiến nghị nêu trong các báo cáo có ngày thuộc khoảng thời gian, theo tháng nêu "
                 "và theo nơi nhận. Số ngày giải quyết: từ ngày báo cáo đến ngày trả lời "
                 "(resolved_on), với kiến nghị đã giải quyết hoặc không giải quyết. Quá hạn: "
                 "chưa giải quyết xong và hạn (due) đã qua vào ngày {day}.",
    "meetings": "Các buổi dự sinh hoạt chi bộ (báo cáo loại branch_meeting) có ghi số liệu. Tỷ "
                "lệ dự họp = tổng số đảng viên có mặt / tổng số đảng viên của các buổi họp. Mỗi "
                "tỷ lệ chất lượng chỉ tính trên các buổi có ghi mục đó.",
    "tasks": "Phần việc cán bộ đăng ký cho từng năm. Đã xác nhận: hoàn thành và có ghi nơi xác "
             "nhận (confirmed_by) và ngày xác nhận (confirmed_on).",
}


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
        self.files: dict[str, str] = {}

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
              csv_rows: list[list] | None = None, shown: int | None = None) -> None:
        """A table, shortened to `shown` rows on the page; the CSV always has every row."""
        csv_path = f"{self.folder}/{name}.csv"
        self.files[csv_path] = csv_text(headers, csv_rows or [
            [_plain(c) for c in row] for row in rows])
        visible = rows if shown is None else rows[:shown]
        more = f"{len(visible)}/{len(rows)} dòng đầu; " if len(visible) < len(rows) else ""
        self.blocks.append(SimpleNamespace(kind="table", headers=headers, rows=visible,
                                           csv=csv_path, more=more))

    def definition(self, key: str, **values) -> None:
        self.note("info", "Cách tính", DEFINITIONS[key].format(**values))


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
            [Link(unit_with_parent(ctx, u), locality_path(u)),
             ctx.index.level_labels[u.level]] for u in uncovered], shown=LISTED * 2)
    page.definition("coverage", day=fmt_date(day))


def _rule(page: _Page, checks: list[st.MonthCheck]) -> None:
    ctx = page.ctx
    page.heading(2, "Quy định xuống địa bàn hằng tháng")
    if not checks:
        page.text("Không có tháng trọn vẹn nào của phân công trong khoảng thời gian này.")
        return
    by_assignment = st.shares(checks, lambda c: c.assignment.id)
    met = sum(c.met for c in checks)
    page.text(Strong(f"{met}/{len(checks)}"),
              f" tháng-phân công đạt quy định ({pct(met / len(checks))}).")
    page.chart("quy-dinh", "Số phân công theo tỷ lệ tháng đạt quy định",
               charts.share_histogram([s.share for s in by_assignment]))
    assignments = {a.id: a for a in ctx.content.assignments}
    page.heading(3, "Cán bộ, xếp theo tỷ lệ tháng đạt")
    cadres = st.shares(checks, lambda c: c.assignment.cadre)
    page.table("can-bo-quy-dinh", ["Cán bộ", "Chức vụ", "Số tháng tính", "Số tháng đạt",
                                   "Tỷ lệ đạt"], [
        [Link(ctx.index.get("cadre", s.key).name,
              cadre_path(ctx.index.get("cadre", s.key))),
         ctx.index.get("cadre", s.key).title, str(s.months), str(s.met), pct(s.share)]
        for s in cadres], shown=LISTED)
    page.heading(3, "Phân công, xếp theo tỷ lệ tháng đạt")
    page.table("phan-cong-quy-dinh", ["Cán bộ", "Địa bàn", "Tối thiểu/tháng", "Số tháng tính",
                                      "Số tháng đạt", "Tỷ lệ đạt"], [
        [ctx.index.get("cadre", assignments[s.key].cadre).name,
         Link(unit_with_parent(ctx, ctx.index.get("locality", assignments[s.key].locality)),
              locality_path(ctx.index.get("locality", assignments[s.key].locality))),
         str(st.required_visits(ctx.content, assignments[s.key])), str(s.months), str(s.met),
         pct(s.share)] for s in by_assignment], shown=LISTED)
    months = {(c.year, c.month) for c in checks}
    if len(months) <= GRID_MONTHS:
        _heatmaps(page, checks)
    else:
        years = [p for p in page.periods if p.id.isdigit()]
        page.heading(3, "Lưới tháng theo địa bàn")
        pieces: list[str | Link] = ["Lưới tháng của từng địa bàn xem theo từng năm: "]
        for i, year in enumerate(years):
            pieces += [", "] * bool(i) + [Link(year.label, period_path(year))]
        page.text(*pieces, ".")
    page.definition("rule")


def _heatmaps(page: _Page, checks: list[st.MonthCheck]) -> None:
    """One grid per district (the second level): its units by month."""
    ctx = page.ctx
    months = sorted({(c.year, c.month) for c in checks})
    labels = [f"{mo}/{str(y)[2:]}" for y, mo in months]
    cells: dict[str, dict[tuple[int, int], list[st.MonthCheck]]] = defaultdict(
        lambda: defaultdict(list))
    for c in checks:
        cells[c.assignment.locality][(c.year, c.month)].append(c)
    groups: dict[str, list[m.Locality]] = defaultdict(list)
    for unit_id in cells:
        unit = ctx.index.get("locality", unit_id)
        trail = unit_trail(ctx, unit)
        groups[(trail[1] if len(trail) > 1 else trail[0]).id].append(unit)
    page.heading(3, "Lưới tháng theo địa bàn")
    for group_id in sorted(groups, key=lambda g: sort_key(ctx.index.get("locality", g).name)):
        group = ctx.index.get("locality", group_id)
        units = sorted(groups[group_id], key=lambda u: [sort_key(x.name)
                                                        for x in unit_trail(ctx, u)])
        ratios, counts = [], []
        for unit in units:
            row_r, row_c = [], []
            for ym in months:
                here = cells[unit.id].get(ym)
                if not here:
                    row_r.append(None)
                    row_c.append(None)
                    continue
                visits = max(c.visits for c in here)
                required = max(c.required for c in here) or 1
                row_r.append(0.5 * visits / required if visits < required else 1.0)
                row_c.append(visits)
            ratios.append(row_r)
            counts.append(row_c)
        page.heading(4, group.full_name)
        page.chart(f"luoi-{group.id}", f"Lưới tháng theo địa bàn, {group.full_name}",
                   charts.heatmap([u.full_name for u in units], labels, ratios, counts))
    page.definition("heatmap")


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
        [f"{mo}/{y}" for y, mo in months],
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
             unit_with_parent(ctx, ctx.index.get("locality", v.locality))]
            for v, p in figures.overdue], shown=LISTED * 2)
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
        [f"{mo}/{y}" for y, mo in months], [figures.by_month[k].rate for k in months]))
    flags = [(label, figures.flags[name]) for name, label in st.MEETING_FLAGS]
    page.chart("chat-luong", "Tỷ lệ buổi sinh hoạt đạt từng yêu cầu", charts.shares_bar(
        [label for label, _ in flags], [yes / n if n else 0 for _, (yes, n) in flags]))
    page.table("chat-luong", ["Yêu cầu", "Số buổi đạt", "Số buổi có ghi", "Tỷ lệ"], [
        [label, str(yes), str(n), pct(yes / n if n else None)] for label, (yes, n) in flags])
    units = sorted(figures.by_unit.items(), key=lambda kv: (kv[1].rate, kv[0]))
    page.heading(3, "Theo địa bàn, tỷ lệ dự họp thấp trước")
    page.table("du-hop-dia-ban", ["Địa bàn", "Số buổi", "Tỷ lệ dự họp"], [
        [Link(unit_with_parent(ctx, ctx.index.get("locality", u)),
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
    _coverage(page)
    if "visits" in ctx.content.withheld:
        page.note("note", "Bản công khai", "Số liệu về báo cáo theo dõi, kiến nghị và sinh hoạt "
                  "chi bộ chỉ có ở bản nội bộ.")
    else:
        _rule(page, st.month_checks(ctx.content, period, ctx.today))
        _proposals(page)
        _meetings(page)
    _tasks(page)
    # The current period in bold, the others as links (None: no link).
    choices = [(p.label, None if p == period else period_path(p)) for p in periods]
    page.files[page.here] = html_page(title, render(
        "stats_period.html", page.here, title=title, index=INDEX, choices=choices,
        blocks=page.blocks, ids=HeadingIds()))
    return page.files


INTRO = ("Độ phủ của việc phân công, việc xuống địa bàn hằng tháng, kiến nghị, chất lượng sinh "
         "hoạt chi bộ và phần việc đăng ký, tính từ nội dung đã nhập. Chọn khoảng thời gian:")


def render_index(ctx: Ctx, periods: list[st.Period]) -> str:
    title = "Thống kê"
    return html_page(title, render("stats_index.html", INDEX, title=title, intro=INTRO,
                                   periods=[(p.label, period_path(p)) for p in periods],
                                   ids=HeadingIds()))


def render_all(ctx: Ctx) -> Iterator[tuple[str, str]]:
    periods = st.periods(ctx.content, ctx.today)
    yield INDEX, render_index(ctx, periods)
    for period in periods:
        yield from render_period(ctx, period, periods).items()

