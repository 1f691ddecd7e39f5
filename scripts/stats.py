"""The figures leaders look at, computed from the content: pure functions, no I/O.

Every rule here is stated in Vietnamese next to its figure on the site (`DEFINITIONS`), so that
readers can check a number against the reports it counts.
"""
from __future__ import annotations

import calendar
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from . import model as m
from .text import slugify


# ---- periods ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Period:
    id: str
    label: str
    start: date | None = None  # None: from the first record
    end: date | None = None    # None: up to today

    def contains(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def reference(self, today: date) -> date:
        """The day "current" means: the period's end, or today if that is earlier."""
        return min(self.end, today) if self.end else today


def periods(content: m.Content, today: date) -> list[Period]:
    """All of it, each term declared in site.yml, and each year that has records, or an
    assignment in force: a year in which nobody reported is what a leader must see."""
    out = [Period("tat-ca", "Toàn bộ")]
    for term in content.site.terms:
        out.append(Period(term.id or slugify(term.label), term.label, term.start, term.end))
    years = {v.date.year for v in content.visits}
    for a in content.assignments:
        years |= set(range(a.start.year, min(a.end or today, today).year + 1))
    years |= {t.year for a in content.assignments for t in a.tasks}
    for year in sorted(y for y in years if y <= today.year):
        out.append(year_period(year))
    return out


def year_period(year: int) -> Period:
    return Period(str(year), f"Năm {year}", date(year, 1, 1), date(year, 12, 31))


def months_between(first: date, last: date) -> list[tuple[int, int]]:
    out, (y, mo) = [], (first.year, first.month)
    while (y, mo) <= (last.year, last.month):
        out.append((y, mo))
        y, mo = (y + 1, 1) if mo == 12 else (y, mo + 1)
    return out


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


# ---- coverage ---------------------------------------------------------------------------------

@dataclass
class Coverage:
    level: m.Level
    units: int
    covered: int
    cadres: int
    uncovered: list[m.Locality]

    @property
    def units_per_cadre(self) -> float | None:
        return self.covered / self.cadres if self.cadres else None


def coverage(content: m.Content, on: date) -> list[Coverage]:
    """Per level below the top: units, units with an assignment in force on `on`, the distinct
    cadres holding those assignments, and the units nobody follows."""
    active = [a for a in content.assignments if a.active_on(on)]
    rows = []
    for level in content.site.levels[1:]:
        if not level.exists_on(on):
            continue  # the districts after 30/6/2025: nothing to follow at that level
        units = [u for u in content.localities if u.level == level.id and u.alive_on(on)]
        ids = {u.id for u in units}
        here = [a for a in active if a.locality in ids]
        covered = {a.locality for a in here}
        rows.append(Coverage(level, len(units), len(covered), len({a.cadre for a in here}),
                             [u for u in units if u.id not in covered]))
    return rows


# ---- the visit rule ---------------------------------------------------------------------------

# The two measures of the rule, as every page that shows one of them explains it: plain
# Vietnamese, no field names.
MEASURES = {
    "unit": "Độ phủ địa bàn: xét từng tháng trọn vẹn đã qua mà địa bàn có cán bộ được phân "
            "công suốt cả tháng; cộng số báo cáo của các cán bộ đó về địa bàn trong tháng. "
            "Tháng đủ khi tổng này đạt số lần tối thiểu cao nhất trong các phân công đó. Tỷ lệ "
            "= số tháng đủ / số tháng được xét.",
    "assignment": "Phân công đạt quy định: một cán bộ với một địa bàn. Xét từng tháng trọn "
                  "vẹn trong thời gian phân công (tháng bắt đầu hoặc kết thúc giữa chừng không "
                  "tính) và đã qua; đếm báo cáo của chính cán bộ đó về địa bàn đó, so với số "
                  "lần tối thiểu mỗi tháng ghi trong phân công (không ghi thì theo mức chung "
                  "của trang). Tỷ lệ = số tháng đạt / số tháng được xét. Một địa bàn có hai cán "
                  "bộ có thể đủ độ phủ trong khi phân công của một người vẫn chưa đạt.",
}

class _Rule:
    """A month judged against the rule: `visits` made, `required` by it."""
    visits: int
    required: int

    @property
    def met(self) -> bool:
        return self.visits >= self.required


@dataclass
class MonthCheck(_Rule):
    assignment: m.Assignment
    year: int
    month: int
    visits: int
    required: int


def required_visits(content: m.Content, a: m.Assignment) -> int:
    if a.min_visits_per_month is not None:
        return a.min_visits_per_month
    return content.site.min_visits_per_month


def month_checks(content: m.Content, period: Period, today: date) -> list[MonthCheck]:
    """For each assignment, each whole month it was in force inside the period and already
    over, the visits its cadre made to its unit against the monthly minimum.

    A month counts only when the assignment covers it from the first day to the last: the
    month an assignment starts or ends midway is not held against the cadre.
    """
    counts: Counter = Counter((v.cadre, v.locality, v.date.year, v.date.month)
                              for v in content.visits)
    checks = []
    for a in content.assignments:
        first = max(a.start, period.start or a.start)
        last = min(d for d in (a.end, period.end, today) if d is not None)
        for y, mo in months_between(first, last) if first <= last else []:
            begins, ends = date(y, mo, 1), month_end(y, mo)
            if begins < a.start or (a.end and ends > a.end) or ends > today:
                continue
            if not (period.contains(begins) and period.contains(ends)):
                continue
            checks.append(MonthCheck(a, y, mo, counts[(a.cadre, a.locality, y, mo)],
                                     required_visits(content, a)))
    return checks


@dataclass
class UnitMonth(_Rule):
    """A unit in a whole month: the reports of the cadres assigned to it for the whole month,
    together, against the highest of their minimums."""
    unit: str
    year: int
    month: int
    visits: int
    required: int


def unit_months(checks: list[MonthCheck]) -> list[UnitMonth]:
    """The coverage of units, from the assignments' month checks: a unit-month is covered
    when its assigned cadres together made the visits its strictest assignment asks for. Two
    cadres on one unit, one of whom never went: the unit can be covered while that cadre's
    assignment is behind. The two measures are never mixed into one figure."""
    grouped: dict[tuple[str, int, int], list[MonthCheck]] = defaultdict(list)
    for check in checks:
        grouped[(check.assignment.locality, check.year, check.month)].append(check)
    return [UnitMonth(unit, y, mo, sum(c.visits for c in cs), max(c.required for c in cs))
            for (unit, y, mo), cs in sorted(grouped.items())]


@dataclass
class Share:
    key: str          # assignment id or cadre id
    months: int
    met: int

    @property
    def share(self) -> float:
        return self.met / self.months if self.months else 0.0


def shares(checks: list[MonthCheck], key) -> list[Share]:
    """Months met over months counted, grouped by `key(check)` (month checks or unit-months),
    worst first: the rows a leader must act on come before those that need nothing."""
    grouped: dict[str, list] = defaultdict(list)
    for check in checks:
        grouped[key(check)].append(check)
    rows = [Share(k, len(cs), sum(c.met for c in cs)) for k, cs in grouped.items()]
    return sorted(rows, key=lambda s: (s.share, -s.months, s.key))


# ---- proposals --------------------------------------------------------------------------------

@dataclass
class ProposalFigures:
    by_month: dict[tuple[int, int], Counter] = field(default_factory=dict)
    by_addressee: dict[str, Counter] = field(default_factory=dict)
    days_to_close: list[int] = field(default_factory=list)
    overdue: list[tuple[m.Visit, m.Proposal]] = field(default_factory=list)

    @property
    def median_days(self) -> float | None:
        return statistics.median(self.days_to_close) if self.days_to_close else None


NO_ADDRESSEE = "Không ghi nơi nhận"


def proposals(content: m.Content, period: Period, today: date) -> ProposalFigures:
    """Proposals raised in reports dated inside the period: by month raised and by addressee,
    per status; days from the report to the answer for those answered (resolved or declined);
    and those still open or in progress whose due date has passed on the reference day."""
    out = ProposalFigures()
    by_month: dict = defaultdict(Counter)
    by_to: dict = defaultdict(Counter)
    on = period.reference(today)
    for visit in content.visits:
        if not period.contains(visit.date):
            continue
        for p in visit.proposals:
            by_month[(visit.date.year, visit.date.month)][p.status] += 1
            by_to[p.to or NO_ADDRESSEE][p.status] += 1
            if p.status in m.CLOSED_PROPOSAL and p.resolved_on:
                out.days_to_close.append((p.resolved_on - visit.date).days)
            elif p.due and p.due < on:
                out.overdue.append((visit, p))
    out.by_month = dict(sorted(by_month.items()))
    out.by_addressee = dict(sorted(by_to.items(), key=lambda kv: (-sum(kv[1].values()), kv[0])))
    out.overdue.sort(key=lambda vp: (vp[1].due, vp[0].date))
    return out


# ---- branch meetings --------------------------------------------------------------------------

MEETING_FLAGS = (("on_time", "Họp đúng giờ"), ("content_prepared", "Chi ủy chuẩn bị nội dung"),
                 ("resolution_adopted", "Có kết luận, nghị quyết"),
                 ("tasks_assigned", "Phân công nhiệm vụ cho đảng viên"))


@dataclass
class Attendance:
    present: int = 0
    total: int = 0
    meetings: int = 0

    def add(self, meeting: m.Meeting) -> None:
        self.present += meeting.members_present
        self.total += meeting.members_total
        self.meetings += 1

    @property
    def rate(self) -> float | None:
        return self.present / self.total if self.total else None


@dataclass
class MeetingFigures:
    by_month: dict[tuple[int, int], Attendance] = field(default_factory=dict)
    by_unit: dict[str, Attendance] = field(default_factory=dict)
    overall: Attendance = field(default_factory=Attendance)
    flags: dict[str, tuple[int, int]] = field(default_factory=dict)  # name -> (yes, recorded)


def meetings(content: m.Content, period: Period) -> MeetingFigures:
    """Branch meetings attended (reports of kind branch_meeting) in the period. Attendance is
    members present over members on the roll, summed over the meetings that give both; each
    quality share counts the meetings where that fact was recorded."""
    out = MeetingFigures()
    by_month: dict = defaultdict(Attendance)
    by_unit: dict = defaultdict(Attendance)
    flags = {name: [0, 0] for name, _ in MEETING_FLAGS}
    for visit in content.visits:
        if visit.kind != "branch_meeting" or not visit.meeting or not period.contains(visit.date):
            continue
        meeting = visit.meeting
        if meeting.members_total and meeting.members_present is not None:
            by_month[(visit.date.year, visit.date.month)].add(meeting)
            by_unit[visit.locality].add(meeting)
            out.overall.add(meeting)
        for name, _ in MEETING_FLAGS:
            value = getattr(meeting, name)
            if value is not None:
                flags[name][0] += value
                flags[name][1] += 1
    out.by_month = dict(sorted(by_month.items()))
    out.by_unit = dict(by_unit)
    out.flags = {name: (yes, recorded) for name, (yes, recorded) in flags.items()}
    return out


# ---- registered tasks -------------------------------------------------------------------------

@dataclass
class TaskYear:
    year: int
    registered: int = 0
    done: int = 0
    confirmed: int = 0
    in_progress: int = 0
    not_done: int = 0


def tasks(content: m.Content, period: Period) -> list[TaskYear]:
    """Tasks registered for each year of the period; done ones are counted as confirmed when the
    party committee's confirmation (who and when) is recorded."""
    years: dict[int, TaskYear] = {}
    for a in content.assignments:
        for t in a.tasks:
            if not period.contains(date(t.year, 7, 1)):
                continue
            row = years.setdefault(t.year, TaskYear(t.year))
            row.registered += 1
            row.done += t.status == "done"
            row.confirmed += t.confirmed
            row.in_progress += t.status == "in_progress"
            row.not_done += t.status == "not_done"
    return [years[y] for y in sorted(years)]
