"""Figures computed for a small hand-made content set (tests/fixtures/stats), every answer
worked out by hand below from the files, with "today" fixed at 20/04/2023.

The set holds: an assignment starting mid-month (a → h1 on 15/01, two visits a month), one that
ended (b → h2 until 28/02), the same unit reassigned (x → h2 from 01/03), a month with no visit
(b in February), and a proposal answered the day it was raised (p1)."""
from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from scripts import stats as st
from scripts.pipeline import load_and_validate
from scripts.render.stats import csv_text

from .conftest import FIXTURES

TODAY = date(2023, 4, 20)
YEAR = st.Period("2023", "Năm 2023", date(2023, 1, 1), date(2023, 12, 31))
ALL = st.Period("tat-ca", "Toàn bộ")


@pytest.fixture(scope="module")
def content():
    return load_and_validate(FIXTURES / "stats" / "content", today=TODAY).content


def checks_by(checks):
    return {(c.assignment.cadre, c.year, c.month): (c.visits, c.required, c.met) for c in checks}


def test_months_counted_are_whole_months_already_over(content):
    # a: January starts mid-month (15th) and April is not over on 20/04 -> February, March.
    #    Feb: visits 03/02 and 20/02 = 2 >= 2 met; Mar: 05/03 only = 1 < 2 not met.
    # b: in 2023, January (visit 10/01: met) and February (no visit: not met); ended 28/02.
    # x: from 01/03: March (visit 10/03: met).
    # pv: January (none), February (15/02), March (20/03): 2 of 3 met.
    assert checks_by(st.month_checks(content, YEAR, TODAY)) == {
        ("a", 2023, 2): (2, 2, True), ("a", 2023, 3): (1, 2, False),
        ("b", 2023, 1): (1, 1, True), ("b", 2023, 2): (0, 1, False),
        ("x", 2023, 3): (1, 1, True),
        ("pv", 2023, 1): (0, 1, False), ("pv", 2023, 2): (1, 1, True),
        ("pv", 2023, 3): (1, 1, True)}


def test_whole_history_adds_b_december(content):
    # Over all time b also has December 2022 (from 01/12/2022): no visit that month.
    checks = checks_by(st.month_checks(content, ALL, TODAY))
    assert checks[("b", 2022, 12)] == (0, 1, False)
    assert len(checks) == 9


def test_cadres_ranked_worst_first(content):
    ranked = st.shares(st.month_checks(content, YEAR, TODAY), lambda c: c.assignment.cadre)
    # a and b at 1/2 each (same months: by id), then pv 2/3, x 1/1
    assert [(s.key, s.months, s.met) for s in ranked] == [
        ("a", 2, 1), ("b", 2, 1), ("pv", 3, 2), ("x", 1, 1)]


def test_unit_months_add_the_assigned_cadres_together(content):
    """A unit-month is covered when its cadres' reports together reach the strictest minimum;
    each assignment is still judged on its own cadre's reports."""
    checks = st.month_checks(content, YEAR, TODAY)
    units = {(u.unit, u.year, u.month): (u.visits, u.required, u.met)
             for u in st.unit_months(checks)}
    by_assignment = {(c.assignment.locality, c.assignment.cadre, c.year, c.month): c.met
                     for c in checks}
    for (unit, year, month), (visits, required, met) in units.items():
        mine = [c for c in checks if (c.assignment.locality, c.year, c.month)
                == (unit, year, month)]
        assert visits == sum(c.visits for c in mine)
        assert required == max(c.required for c in mine)
        assert met == (visits >= required)
    assert len(units) == len({(u, y, mo) for u, _, y, mo in by_assignment})


def test_coverage_on_the_reference_day(content):
    # 20/04/2023: d has nobody; c has pv; h1 has a, h2 has x (b ended), h3 has nobody.
    rows = {r.level.id: (r.units, r.covered, r.cadres, [u.id for u in r.uncovered])
            for r in st.coverage(content, YEAR.reference(TODAY))}
    assert rows == {"district": (1, 0, 0, ["d"]), "commune": (1, 1, 1, []),
                    "hamlet": (3, 2, 2, ["h3"])}


def test_coverage_on_an_earlier_day_sees_the_old_cadre(content):
    rows = {r.level.id: r for r in st.coverage(content, date(2023, 2, 1))}
    hamlets = rows["hamlet"]
    assert (hamlets.covered, hamlets.cadres) == (2, 2)  # h1: a, h2: b
    assert hamlets.units_per_cadre == 1.0


def test_proposals_by_month_addressee_days_and_overdue(content):
    figures = st.proposals(content, YEAR, TODAY)
    assert figures.by_month == {(2023, 1): Counter(open=1),
                                (2023, 2): Counter(resolved=1, declined=1, in_progress=1)}
    assert list(figures.by_addressee.items()) == [
        ("UBND huyện", Counter(open=1, declined=1)),
        ("Không ghi nơi nhận", Counter(in_progress=1)),
        ("UBND xã", Counter(resolved=1))]
    # p1 answered the same day (0 days), p3 from 15/02 to 17/03 (30 days)
    assert sorted(figures.days_to_close) == [0, 30]
    assert figures.median_days == 15
    # p2 was due 31/03 and is still open; p4 is due 30/06
    assert [p.id for _, p in figures.overdue] == ["p2"]


def test_branch_meetings_attendance_and_quality(content):
    figures = st.meetings(content, YEAR)
    # branch meetings with figures: b 10/01 (10/10), a 03/02 (18/20), a 20/02 (14/20);
    # x 10/03 recorded no figures; pv's 15/02 is a committee meeting.
    assert {k: (a.present, a.total) for k, a in figures.by_month.items()} == {
        (2023, 1): (10, 10), (2023, 2): (32, 40)}
    assert (figures.overall.present, figures.overall.total, figures.overall.meetings) == (42, 50, 3)
    assert figures.overall.rate == 0.84
    assert {u: (a.present, a.total) for u, a in figures.by_unit.items()} == {
        "h1": (32, 40), "h2": (10, 10)}
    assert figures.flags == {"on_time": (2, 3), "content_prepared": (1, 1),
                             "resolution_adopted": (2, 2), "tasks_assigned": (1, 2)}


def test_registered_tasks_per_year(content):
    assert [(t.year, t.registered, t.done, t.confirmed, t.in_progress, t.not_done)
            for t in st.tasks(content, ALL)] == [(2022, 1, 1, 1, 0, 0), (2023, 3, 1, 1, 1, 1)]
    assert [t.year for t in st.tasks(content, YEAR)] == [2023]


def test_periods_are_all_terms_and_years(content):
    assert [p.id for p in st.periods(content, TODAY)] == ["tat-ca", "2022", "2023"]


def test_csv_opens_in_excel_with_vietnamese():
    data = csv_text(["Địa bàn", "Số"], [["Ấp An Định", 3]]).encode("utf-8")
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig") == "Địa bàn,Số\r\nẤp An Định,3\r\n"
