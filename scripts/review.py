"""The yearly review of a cadre's support to the base (phiếu tổng hợp kết quả theo dõi, hỗ
trợ cơ sở năm): what the committee counts when it evaluates each cadre at the end of the year.
Pure functions, no I/O.

Seed 002: tasks registered and confirmed by the ward's committee count in the yearly
evaluation; seed 003: the evaluation includes the results of support, and late or missing
reports and slow answers to proposals are weaknesses. So a review gives, for one cadre and one
year: the units followed and when, the months met per assignment, the reports by kind, the
branch meetings attended, the proposals raised with their outcome and days to an answer, and
the registered tasks with who confirmed them and when.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from . import model as m
from .stats import MonthCheck, month_checks, required_visits, year_period


@dataclass
class Followed:
    """One assignment of the cadre in force during the year."""
    assignment: m.Assignment
    start: date                   # within the year
    end: date                     # within the year, and not after the date of the data
    required: int
    months: int                   # whole months judged
    met: int
    visited: list[int]            # months of the year with a report of the cadre on the unit


@dataclass
class Raised:
    visit: m.Visit
    proposal: m.Proposal
    days: int | None              # from the report to the answer; None while open
    waiting: int | None           # days open so far, to the date of the data


@dataclass
class Review:
    cadre: m.Cadre
    year: int
    on: date                      # the date of the data: the year's end, or today
    followed: list[Followed] = field(default_factory=list)
    reports: int = 0
    by_kind: list[tuple[str, int]] = field(default_factory=list)
    meetings: list[m.Visit] = field(default_factory=list)
    raised: list[Raised] = field(default_factory=list)
    tasks: list[tuple[m.Assignment, m.Task]] = field(default_factory=list)

    @property
    def months(self) -> int:
        return sum(f.months for f in self.followed)

    @property
    def met(self) -> int:
        return sum(f.met for f in self.followed)

    @property
    def answered(self) -> int:
        return sum(r.days is not None for r in self.raised)

    @property
    def confirmed(self) -> int:
        return sum(t.confirmed for _, t in self.tasks)


def years_of(assignments: list[m.Assignment], visits: list[m.Visit], today: date) -> list[int]:
    """The years a cadre (their `assignments` and `visits`) has something to review: an
    assignment in force, a report or a task; none after the date of the data."""
    years = {v.date.year for v in visits}
    for a in assignments:
        last = min(a.end or today, today)
        years |= set(range(a.start.year, last.year + 1))
        years |= {t.year for t in a.tasks}
    return sorted(y for y in years if y <= today.year)


def checks_by_assignment(content: m.Content, year: int, today: date) -> dict[str, list]:
    """The year's month checks (scripts/stats.py), by assignment id: worked out once a year
    for every cadre's review."""
    out: dict[str, list[MonthCheck]] = {}
    for check in month_checks(content, year_period(year), today):
        out.setdefault(check.assignment.id, []).append(check)
    return out


def review(content: m.Content, cadre: m.Cadre, year: int, today: date, visits: list[m.Visit],
           assignments: list[m.Assignment], checks: dict[str, list[MonthCheck]]) -> Review:
    """`visits`, `assignments`: the cadre's (any year); `checks`: `checks_by_assignment` of the
    year."""
    period = year_period(year)
    first, last = period.start, period.reference(today)
    out = Review(cadre, year, last)
    mine = sorted((v for v in visits if first <= v.date <= last), key=lambda v: (v.date, v.id))
    for a in sorted(assignments, key=lambda a: (a.start, a.locality)):
        if a.start > last or (a.end is not None and a.end < first):
            continue
        judged = checks.get(a.id, [])
        out.followed.append(Followed(
            a, max(a.start, first), min(a.end or last, last), required_visits(content, a),
            len(judged), sum(c.met for c in judged),
            sorted({v.date.month for v in mine if v.locality == a.locality})))
    out.reports = len(mine)
    kinds = Counter(v.kind for v in mine)
    out.by_kind = [(kind, kinds[kind]) for kind in m.VISIT_KIND.values if kinds[kind]]
    out.meetings = [v for v in mine if v.kind == "branch_meeting"]
    for v in mine:
        for p in v.proposals:
            answered = p.status in m.CLOSED_PROPOSAL and p.resolved_on is not None
            out.raised.append(Raised(v, p, (p.resolved_on - v.date).days if answered else None,
                                     None if answered else (last - v.date).days))
    out.tasks = sorted(((a, t) for a in assignments for t in a.tasks if t.year == year),
                       key=lambda at: (at[0].locality, at[1].title))
    return out
