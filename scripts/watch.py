"""The month a committee's leaders watch: which units nobody visited, which assignments fell
short of their monthly minimum, which proposals wait too long. Pure functions, no I/O.

Two measures are kept apart on purpose (see `DEFINITIONS`): a unit is *visited* in a month when
any report of the month is about it, whoever wrote it; an *assignment* (one cadre, one unit)
meets the rule when that cadre's own reports reach its minimum. A unit visited every month by
one of its two cadres is visited, and the other cadre's assignment is still behind.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from . import model as m
from .stats import month_end, required_visits

DEFINITIONS = {
    "unvisited": ("Địa bàn chưa có báo cáo: địa bàn có cán bộ được phân công theo dõi trong "
                  "tháng nhưng chưa có báo cáo nào về địa bàn đó trong tháng, dù của ai."),
    "behind": ("Phân công chưa đạt: một cán bộ với một địa bàn, được phân công suốt cả tháng, "
               "có ít báo cáo về địa bàn đó hơn số lần tối thiểu mỗi tháng. Tháng chưa hết "
               "thì chưa xét."),
    "waiting": ("Kiến nghị chờ lâu: kiến nghị chưa giải quyết xong đã quá hạn, hoặc đã chờ "
                "quá {days} ngày kể từ ngày báo cáo nêu ra; cũ nhất trước."),
}


@dataclass(frozen=True)
class Missing:
    """A unit followed in the month that no report of the month is about."""

    unit: m.Locality
    cadres: tuple[str, ...]       # the cadres assigned to it in the month
    since: date | None = None     # its assignment began inside the month


@dataclass
class LevelGaps:
    level: m.Level
    expected: int                 # units of the level followed in the month
    groups: list[tuple[m.Locality | None, list[Missing]]] = field(default_factory=list)

    @property
    def missing(self) -> int:
        return sum(len(units) for _, units in self.groups)

    @property
    def units(self) -> list[Missing]:
        return [x for _, items in self.groups for x in items]


@dataclass(frozen=True)
class Behind:
    assignment: m.Assignment
    visits: int
    required: int


@dataclass(frozen=True)
class Waiting:
    visit: m.Visit
    proposal: m.Proposal
    days: int                     # from the report to the date of the data
    overdue: bool                 # past its due date


@dataclass
class MonthWatch:
    year: int
    month: int
    first: date
    last: date                    # the month's end, or the date of the data in the current month
    complete: bool
    reports: int
    levels: list[LevelGaps]
    unassigned: list[m.Locality]  # units below the top that nobody follows on `last`
    behind: list[Behind] | None   # None while the month is not over

    @property
    def missing(self) -> int:
        return sum(level.missing for level in self.levels)

    @property
    def expected(self) -> int:
        return sum(level.expected for level in self.levels)


def followed(content: m.Content, first: date, last: date) -> dict[str, list[m.Assignment]]:
    """The units with an assignment in force on some day from `first` to `last`, each with
    those assignments: the units a month's page must account for, visited or not."""
    by_unit: dict[str, list[m.Assignment]] = defaultdict(list)
    for a in content.assignments:
        if a.start <= last and (a.end is None or a.end >= first):
            by_unit[a.locality].append(a)
    return dict(by_unit)


def month_watch(content: m.Content, year: int, month: int, today: date,
                month_visits: list[m.Visit] | None = None) -> MonthWatch:
    """`month_visits`: the reports dated in that month, when the caller has them grouped
    (a province has 60,000 reports and some 70 months to watch)."""
    first = date(year, month, 1)
    end = month_end(year, month)
    last = min(end, today)
    candidates = content.visits if month_visits is None else month_visits
    reports = [v for v in candidates if first <= v.date <= last]
    visited = {v.locality for v in reports}
    by_unit = followed(content, first, last)
    in_month = [a for assigned in by_unit.values() for a in assigned]
    units = {u.id: u for u in content.localities}
    levels = []
    for level in content.site.levels[1:]:
        here = [u for u in content.localities if u.level == level.id and u.id in by_unit]
        gaps = LevelGaps(level, len(here))
        groups: dict[str | None, list[Missing]] = defaultdict(list)
        for unit in here:
            if unit.id in visited:
                continue
            assigned = by_unit[unit.id]
            since = min(a.start for a in assigned)
            groups[unit.parent_on(last)].append(Missing(unit, tuple(sorted({a.cadre for a in assigned})),
                                               since if since > first else None))
        gaps.groups = [(units.get(parent), items) for parent, items in groups.items()]
        levels.append(gaps)
    followed_now = {a.locality for a in in_month if a.active_on(last)}
    top = content.site.levels[0].id
    # units that no longer (or not yet) exist that month need nobody
    unassigned = [u for u in content.localities if u.level != top and u.id not in followed_now
                  and u.alive_on(last)]
    behind = None
    if end <= today:
        counts = Counter((v.cadre, v.locality) for v in reports)
        behind = [Behind(a, counts[(a.cadre, a.locality)], required_visits(content, a))
                  for a in in_month
                  if a.start <= first and (a.end is None or a.end >= end)
                  and counts[(a.cadre, a.locality)] < required_visits(content, a)]
        behind.sort(key=lambda b: (b.visits - b.required, b.assignment.cadre,
                                   b.assignment.locality))
    return MonthWatch(year, month, first, last, end <= today, len(reports), levels,
                      unassigned, behind)


def waiting(content: m.Content, today: date) -> list[Waiting]:
    """Open proposals past their due date or older than the site's limit, oldest first."""
    limit = content.site.max_proposal_open_days
    out = []
    for visit in content.visits:
        if visit.date > today:
            continue
        for p in visit.proposals:
            if p.status in m.CLOSED_PROPOSAL:
                continue
            days = (today - visit.date).days
            overdue = bool(p.due and p.due < today)
            if overdue or days > limit:
                out.append(Waiting(visit, p, days, overdue))
    out.sort(key=lambda w: (w.visit.date, w.visit.id, w.proposal.id))
    return out


def watched_months(today: date) -> tuple[tuple[int, int], tuple[int, int] | None]:
    """The latest complete month, and the current one while it is not over, as (year, month)."""
    if month_end(today.year, today.month) == today:  # its last day: the month is complete
        return (today.year, today.month), None
    previous = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    return previous, (today.year, today.month)
