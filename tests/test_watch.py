"""The leaders' month (scripts/watch.py) on a hand-made content set, every answer worked out by
hand from tests/fixtures/watch/content, with the data dated 10/06/2023:

- h1 (district) is visited in May by lan; h2 is followed by tuan, who never reports.
- x1 has two cadres: minh reports twice in May, hoa never. The unit is visited; hoa's
  assignment is behind.
- x2 (minh) has no report in May, one in June. x3 is followed by hoa from 15 May: not visited,
  marked as followed since then, and not held against her in May. x4 and y2: nobody follows.
- y1 must be visited twice a month by minh: one report in May, so behind (1 of 2).
- Proposals open on 10/06: raised 02/04 (69 days, no due date), 20/04 (51 days), 06/05 (due
  20/05, overdue, 35 days), 25/05 (16 days: within the site's 45).
"""
from __future__ import annotations

import re
from datetime import date

import pytest

from scripts import watch
from scripts.pipeline import load_and_validate

from .conftest import FIXTURES

TODAY = date(2023, 6, 10)


@pytest.fixture(scope="module")
def content():
    return load_and_validate(FIXTURES / "watch" / "content", today=TODAY, strict=True).content


def _named(level):
    return {(parent.id if parent else None): [(m.unit.id, m.cadres, m.since) for m in items]
            for parent, items in level.groups}


def test_may_units_nobody_visited_by_level_and_parent(content):
    may = watch.month_watch(content, 2023, 5, TODAY)
    district, commune = may.levels
    assert (district.level.id, district.expected, district.missing) == ("district", 2, 1)
    assert _named(district) == {"t": [("h2", ("tuan",), None)]}
    assert (commune.expected, commune.missing) == (4, 2)
    assert _named(commune) == {"h1": [("x2", ("minh",), None),
                                      ("x3", ("hoa",), date(2023, 5, 15))]}
    assert [u.id for u in may.unassigned] == ["x4", "y2"]
    assert (may.reports, may.complete, may.last) == (4, True, date(2023, 5, 31))


def test_may_assignments_behind_worst_first(content):
    may = watch.month_watch(content, 2023, 5, TODAY)
    assert [(b.assignment.cadre, b.assignment.locality, b.visits, b.required)
            for b in may.behind] == [("hoa", "x1", 0, 1), ("minh", "x2", 0, 1),
                                     ("minh", "y1", 1, 2), ("tuan", "h2", 0, 1)]


def test_the_current_month_so_far_judges_no_assignment(content):
    june = watch.month_watch(content, 2023, 6, TODAY)
    assert (june.complete, june.last, june.reports, june.behind) == (False, TODAY, 1, None)
    district, commune = june.levels
    assert _named(district) == {"t": [("h1", ("lan",), None), ("h2", ("tuan",), None)]}
    assert _named(commune) == {"h1": [("x1", ("hoa", "minh"), None), ("x3", ("hoa",), None)],
                               "h2": [("y1", ("minh",), None)]}


def test_proposals_waiting_too_long_oldest_first(content):
    found = watch.waiting(content, TODAY)
    assert [(w.proposal.id, w.days, w.overdue) for w in found] == [
        ("nao-vet", 69, False), ("bien-che", 51, False), ("nha-van-hoa", 35, True)]


def test_the_months_watched():
    assert watch.watched_months(date(2023, 6, 10)) == ((2023, 5), (2023, 6))
    assert watch.watched_months(date(2024, 1, 3)) == ((2023, 12), (2024, 1))
    assert watch.watched_months(date(2023, 6, 30)) == ((2023, 6), None)


# ---- on the pages -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from scripts.build import build_site
    from .conftest import copy_fixture
    tmp = tmp_path_factory.mktemp("watch")
    content = copy_fixture("watch", tmp)
    return {audience: build_site(content, audience=audience, out=tmp / audience, today=TODAY,
                                 work=tmp / "work", log=lambda *_: None)
            for audience in ("public", "restricted")}


def test_home_names_the_units_nobody_visited_and_links_every_count(built):
    from .htmlcheck import text_of
    site = built["restricted"]
    text = text_of(site / "index.html")
    assert "Số liệu tính đến 10/06/2023." in text
    assert ("Tháng 5/2023 (đã hết tháng) Cấp huyện: 1/2 địa bàn chưa có báo cáo: Huyện Hai "
            "Cấp xã: 2/4 địa bàn chưa có báo cáo: Xã Bình , Xã Cầu (phân công từ 15/05/2023)"
            in text)
    assert "4 báo cáo. Phân công chưa đạt số lần tối thiểu: 4" in text
    assert ("Tháng 6/2023 (đến nay) Cấp huyện: 2/2 địa bàn chưa có báo cáo: Huyện Một , "
            "Huyện Hai Cấp xã: 3/4 địa bàn chưa có báo cáo: Xã An , Xã Cầu , Xã Yên" in text)
    assert "Kiến nghị chờ lâu (quá hạn hoặc chờ quá 45 ngày): 3" in text
    html = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="visits/2023-05/#phan-cong-chua-dat"' in html
    assert 'href="proposals/index/cho-lau/"' in html


def test_the_month_page_lists_gaps_under_their_parent_and_who_is_behind(built):
    from .htmlcheck import text_of
    text = text_of(built["restricted"] / "visits/2023-05/index.html")
    assert "‹ Tháng 4/2023 · Thống kê năm 2023 · Tháng 6/2023 ›" in text
    assert "Cấp huyện: 1/2 địa bàn chưa có báo cáo: Tỉnh Thử: Huyện Hai" in text
    assert ("Cấp xã: 2/4 địa bàn chưa có báo cáo: Huyện Một: Xã Bình , "
            "Xã Cầu (phân công từ 15/05/2023)") in text
    assert "Chưa có ai được phân công theo dõi (2): Xã Đông , Xã Vĩnh ." in text
    assert ("Phân công chưa đạt (4) Phân công chưa đạt: một cán bộ với một địa bàn" in text)
    rows = re.findall(r"<tr><td><a[^>]*>([^<]+)</a></td><td><a[^>]*>([^<]+)</a></td>"
                      r"<td>(\d+)</td><td>(\d+)</td></tr>",
                      (built["restricted"] / "visits/2023-05/index.html").read_text("utf-8"))
    assert rows == [("Phạm Thị Hoa", "Xã An", "0", "1"), ("Lê Văn Minh", "Xã Bình", "0", "1"),
                    ("Lê Văn Minh", "Xã Yên", "1", "2"), ("Trần Văn Tuấn", "Huyện Hai", "0", "1")]


def test_proposals_waiting_page_oldest_first(built):
    from .htmlcheck import text_of
    text = text_of(built["restricted"] / "proposals/index/cho-lau/index.html")
    assert "Số liệu tính đến 10/06/2023: 3 kiến nghị." in text
    order = [text.index(t) for t in ("Đề nghị nạo vét kênh nội đồng.",
                                     "Đề nghị bổ sung biên chế", "Đề nghị sửa nhà văn hóa.")]
    assert order == sorted(order)
    assert "20/05/2023 (quá hạn)" in text
    assert "Đề nghị tạo điều kiện vay vốn." not in text  # 16 days, no due date


def test_the_public_build_claims_no_whole_it_did_not_count(built):
    """Every report of the fixture is restricted: the public build has no watch, no waiting
    list, and its home page says why."""
    from .htmlcheck import text_of
    site = built["public"]
    text = text_of(site / "index.html")
    assert "chỉ có trong bản nội bộ" in text
    assert "Số liệu tính đến" not in text and "địa bàn chưa có báo cáo:" not in text
    assert not (site / "proposals/index/cho-lau").exists()


def _rows(html: str) -> list[tuple[str, ...]]:
    from .htmlcheck import text_of  # noqa: F401 - same parser family as the other checks
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", html, re.S):
        cells = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)
        rows.append(tuple(re.sub(r"<[^>]+>", "", c).strip() for c in cells))
    return rows


def test_a_district_month_lists_every_followed_unit_visited_or_not(built):
    """May in Huyện Một: lan visited h1 once, minh x1 twice; x2 (minh) and x3 (hoa, from
    15 May) have no report. Every one of them is on the page."""
    html = (built["restricted"] / "visits/2023-05/h1/index.html").read_text("utf-8")
    table = html[html.index("Địa bàn được phân công theo dõi (4)"):]
    table = table[:table.index("</table>")]
    assert _rows(table)[1:] == [
        ("Huyện Một", "1 báo cáo", "Nguyễn Thị Lan"),
        ("Xã An", "2 báo cáo", "Phạm Thị Hoa, Lê Văn Minh"),
        ("Xã Bình", "chưa có báo cáo", "Lê Văn Minh"),
        ("Xã Cầu", "chưa có báo cáo", "Phạm Thị Hoa")]
    assert 'href="./#2023-05-06-x1">2 báo cáo</a>' in html


def test_a_district_with_no_report_in_the_month_still_has_its_page(built):
    """June so far: only x2 (Huyện Một) has a report; Huyện Hai's page names its two units."""
    site = built["restricted"]
    html = (site / "visits/2023-06/h2/index.html").read_text("utf-8")
    assert _rows(html)[1:] == [("Huyện Hai", "chưa có báo cáo", "Trần Văn Tuấn"),
                               ("Xã Yên", "chưa có báo cáo", "Lê Văn Minh")]
    assert "Chưa có báo cáo nào trong tháng." in html
    month = (site / "visits/2023-06/index.html").read_text("utf-8")
    assert ("Huyện Hai", "0", "0/2") in _rows(month)
    assert ("Huyện Một", "1", "1/4") in _rows(month)
    assert not (built["public"] / "visits/2023-06/h2").exists()


def test_the_year_page_ranks_every_cadre_worst_first(built):
    """2023 to 10/06: whole months January to May. lan 2/5 (April, May), tuan 0/5, hoa 0/5
    on x1 (x3 from 15 May counts no whole month), minh 2/15 (x1 in May, x2 in April, y1
    never twice). Units: h1 2/5, h2 0/5, x1 1/5, x2 1/5, y1 0/5 = 4/25; assignments 4/30."""
    from .htmlcheck import text_of
    page = built["restricted"] / "stats/2023/index.html"
    text = text_of(page)
    assert ("Độ phủ địa bàn: 4/25 tháng-địa bàn đủ số lần xuống (16%). Phân công: 4/30 "
            "tháng-phân công đạt quy định (13%).") in text
    html = page.read_text("utf-8")
    ranking = html[html.index('id="can-bo-chua-at-nhieu-nhat-truoc"'):]
    ranking = ranking[:ranking.index("</table>")]
    assert _rows(ranking)[1:] == [
        ("Phạm Thị Hoa", "0%", "0", "5", "Trưởng Ban Dân vận Huyện ủy"),
        ("Trần Văn Tuấn", "0%", "0", "5", "Tỉnh ủy viên"),
        ("Lê Văn Minh", "13%", "2", "15", "Phó Bí thư Huyện ủy"),
        ("Nguyễn Thị Lan", "40%", "2", "5", "Ủy viên Ban Thường vụ Tỉnh ủy")]
    assert 'class="table-filter"' in ranking
    grid = html[html.index('id="luoi-huyen-mot"'):]
    grid = grid[:grid.index("</table>")]
    assert "Huyện Một: 4/15 tháng-địa bàn đủ" in grid
    assert _rows(grid)[1:] == [("Huyện Một", "0!", "0!", "0!", "1", "1"),
                               ("Xã An", "0!", "0!", "0!", "0!", "2"),
                               ("Xã Bình", "0!", "0!", "0!", "1", "0!")]


def test_a_cadres_yearly_review_equals_the_hand_count(built):
    """Lê Văn Minh, 2023, data to 10/06: x1 (visited in May), x2 (April, June), y1 (May, once
    of the two it needs); 2/15 whole months met. Five reports: work sessions 02/04, 25/05,
    03/06, the branch meeting 06/05, the survey 20/05. Four proposals, one answered (lamps:
    02/04 → 30/04, 28 days), three open: 69, 35 and 16 days to 10/06."""
    html = (built["restricted"] / "cadres/minh/phieu-tong-hop/index.html").read_text("utf-8")
    assert '<section class="review" id="nam-2023">' in html
    assert "Số liệu tính đến 10/06/2023." in html
    assert "Chung: 2/15 tháng đạt quy định (13%)." in html
    section = lambda start: html[html.index(start):].split("</table>")[0]  # noqa: E731
    assert _rows(section("<h3>1. Địa bàn theo dõi"))[1:] == [
        ("Xã An", "01/01/2023 – 10/06/2023", "1", "5", "1/5", "20%"),
        ("Xã Bình", "01/01/2023 – 10/06/2023", "1", "4, 6", "1/5", "20%"),
        ("Xã Yên", "01/01/2023 – 10/06/2023", "2", "5", "0/5", "0%")]
    assert _rows(section("<h3>2. Báo cáo theo hình thức"))[1:] == [
        ("dự sinh hoạt chi bộ", "1"), ("làm việc", "3"), ("khảo sát", "1"), ("Cộng", "5")]
    assert "3. Dự sinh hoạt chi bộ (1 buổi)" in html
    assert "Đã có trả lời: 1/4." in html
    raised = _rows(section("<h3>4. Kiến nghị"))[1:]
    assert [(r[0], r[2], r[5]) for r in raised] == [
        ("02/04/2023", "Đề nghị nạo vét kênh nội đồng.", "chưa có trả lời, đã chờ 69 ngày"),
        ("02/04/2023", "Đề nghị lắp đèn đường.", "28"),
        ("06/05/2023", "Đề nghị sửa nhà văn hóa.", "chưa có trả lời, đã chờ 35 ngày"),
        ("25/05/2023", "Đề nghị tạo điều kiện vay vốn.", "chưa có trả lời, đã chờ 16 ngày")]


def test_the_yearly_summary_holds_every_cadre_with_its_csv(built):
    site = built["restricted"]
    html = (site / "stats/2023/can-bo/index.html").read_text("utf-8")
    assert _rows(html)[1:] == [
        ("Phạm Thị Hoa", "0%", "0/5", "0", "2", "0", "0/0", "0/0", "Trưởng Ban Dân vận Huyện ủy"),
        ("Nguyễn Thị Lan", "40%", "2/5", "2", "1", "0", "0/1", "0/0",
         "Ủy viên Ban Thường vụ Tỉnh ủy"),
        ("Lê Văn Minh", "13%", "2/15", "5", "3", "1", "1/4", "0/0", "Phó Bí thư Huyện ủy"),
        ("Trần Văn Tuấn", "0%", "0/5", "0", "1", "0", "0/0", "0/0", "Tỉnh ủy viên")]
    rows = (site / "stats/2023/can-bo/tong-hop.csv").read_bytes().decode("utf-8-sig")
    assert rows.splitlines()[3] == "Lê Văn Minh,13%,2/15,5,3,1,1/4,0/0,Phó Bí thư Huyện ủy"
    assert 'href="../../../cadres/minh/phieu-tong-hop/#nam-2023">Lê Văn Minh</a>' in html
    assert 'href="phieu-tong-hop/#nam-2023">2023</a>' in \
        (site / "cadres/minh/index.html").read_text("utf-8")
    assert not (built["public"] / "stats/2023/can-bo").exists()
    assert not (built["public"] / "cadres/minh/phieu-tong-hop").exists()
