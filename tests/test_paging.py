"""Long lists in parts: a generated site with page sizes made tiny, so that every kind of list
(a district's month of reports, proposals open and answered, the directory, stories) comes in
several parts. Every record must still be on exactly one part, every link and anchor must
resolve, and the parts must link to each other."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from scripts.build import build_site
from scripts.render import paging
from scripts.sample import Sizes, generate

from .conftest import TODAY
from .htmlcheck import broken_links, text_of

SIZES = Sizes(units=40, visits=300, stories=20, bulletins=4, seed=5)


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("paging")
    counts = generate(tmp / "content", SIZES, log=None)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(paging, "REPORTS", 4)
        patch.setattr(paging, "ROWS", 5)
        patch.setattr(paging, "ITEMS", 6)
        built = {audience: build_site(tmp / "content", audience=audience,
                                      out=tmp / f"site-{audience}", today=TODAY,
                                      work=tmp / "work", log=lambda *_: None)
                 for audience in ("public", "restricted")}
    return tmp / "content", counts, built


def _report_ids(content: Path) -> set[str]:
    return {p.stem for p in (content / "visits").rglob("*.yml")}


@pytest.mark.parametrize("audience", ["public", "restricted"])
def test_every_link_and_anchor_resolves_across_parts(sites, audience):
    assert broken_links(sites[2][audience]) == []


def test_every_report_is_on_exactly_one_part(sites):
    content, _, built = sites
    site = built["restricted"]
    seen: dict[str, list[str]] = {}
    for page in (site / "visits").rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        for report in re.findall(r'<h2 id="([^"]+)">\d\d/\d\d/\d{4} ·', html):
            seen.setdefault(report, []).append(page.relative_to(site).as_posix())
    assert set(seen) == _report_ids(content)
    assert [r for r, pages in seen.items() if len(pages) > 1] == []
    parts = [p for p in (site / "visits").rglob("trang-*/index.html")]
    assert parts, "with four reports a page, some district's month must come in parts"


def test_a_part_links_to_the_others_and_names_itself():
    """The pager of part 2 of 3: the current number is marked, the others are links."""
    pager = paging.split("visits/2024-05/an-hai.md", list(range(9)), 4)[1].pager
    assert (pager.previous, pager.next) == ("visits/2024-05/an-hai.md",
                                            "visits/2024-05/an-hai/trang-3.md")
    assert pager.numbers() == [(1, "visits/2024-05/an-hai.md"),
                               (2, "visits/2024-05/an-hai/trang-2.md"),
                               (3, "visits/2024-05/an-hai/trang-3.md")]


def test_a_long_pager_shows_the_ends_and_the_neighbours():
    pager = paging.split("stories/index.md", list(range(100)), 5)[9].pager
    assert [n for n, _ in pager.numbers()] == [1, 0, 8, 9, 10, 11, 12, 0, 20]
    assert paging.part_path("stories/index.md", 2) == "stories/index/trang-2.md"


def test_the_pager_in_the_page(sites):
    site = sites[2]["restricted"]
    second = next((site / "visits").rglob("trang-2/index.html"))
    html = second.read_text(encoding="utf-8")
    nav = re.search(r'<nav class="pager".*?</nav>', html, flags=re.S).group(0)
    assert '<span aria-current="page">2</span>' in nav
    assert "‹ Trang trước" in nav and 'aria-label="Trang 1"' in nav
    assert "(trang 2/" in text_of(second)


def test_stories_index_parts_hold_every_story_once(sites):
    content, counts, built = sites
    site = built["restricted"]
    parts = [site / "stories/index.html", *sorted((site / "stories/index").rglob("index.html"))]
    assert len(parts) == -(-counts["stories"] // 6)
    links = [link for page in parts
             for link in re.findall(r'<strong><a href="([^"]+)">', page.read_text("utf-8"))]
    assert len(links) == len(set(links)) == counts["stories"]
    assert f"{counts['stories']} bài, mới nhất trước." in text_of(parts[-1])


def test_proposals_open_and_recently_answered_parts_add_up(sites):
    """A long list: every open proposal on the district's parts, the answers of the last 90
    days on theirs, and every answer still on its unit's page."""
    site = sites[2]["restricted"]
    district = next(p for p in (site / "proposals").iterdir() if (p / "da-tra-loi").exists())
    for first, heading in ((district, "Chưa giải quyết xong"),
                           (district / "da-tra-loi", "Đã trả lời trong 90 ngày qua")):
        pages = [first / "index.html", *sorted(first.glob("trang-*/index.html"))]
        total = int(re.search(heading + r" \((\d+)\)", text_of(pages[0])).group(1))
        rows = sum(page.read_text("utf-8").count("<tr><td>") for page in pages)
        assert rows == total and len(pages) == max(1, -(-total // 5))


def test_the_directory_links_to_its_long_lists(sites):
    site = sites[2]["restricted"]
    text = text_of(site / "cadres/index.html")
    assert f"{sites[1]['cadres']} cán bộ. Xem danh sách theo họ và tên" in text
    assert "Xem danh bạ cấp ấp" in text
    everyone = [site / "cadres/index/tat-ca/index.html",
                *sorted((site / "cadres/index/tat-ca").glob("trang-*/index.html"))]
    names = sum(page.read_text("utf-8").count("<tr><td>") for page in everyone)
    assert names == sites[1]["cadres"]


def test_a_long_waiting_list_shows_the_oldest_and_each_district_with_its_count(sites):
    """Past one page, the proposals waiting too long are the oldest few, and a count per
    district linked to the district's full list; the counts add up to the total."""
    page = sites[2]["restricted"] / "proposals/index/cho-lau/index.html"
    html, text = page.read_text("utf-8"), text_of(page)
    total = int(re.search(r"Số liệu tính đến \d\d/\d\d/\d{4}: (\d+) kiến nghị", text).group(1))
    districts, oldest = html.split('id="5-kien-nghi-cho-lau-nhat"')
    counts = re.findall(r"<tr><td><a [^>]+>[^<]+</a></td><td>(\d+)</td>", districts)
    assert total > 5 and counts and sum(map(int, counts)) == total
    assert "5 kiến nghị chờ lâu nhất" in text
    days = [int(d) for d in re.findall(r"<tr><td><a [^>]+>[^<]+</a></td><td>(\d+)</td>",
                                       oldest)]
    assert len(days) == 5 and days == sorted(days, reverse=True)


def test_a_month_with_many_assignments_behind_lists_them_on_pages_of_their_own(sites):
    site = sites[2]["restricted"]
    firsts = sorted((site / "visits").glob("*/index/chua-dat/index.html"))
    assert firsts, "with five rows a page, some month must have its list of those behind"
    first = firsts[-1]
    total = int(re.search(r": (\d+) phân công chưa đạt", text_of(first)).group(1))
    pages = [first, *sorted(first.parent.glob("trang-*/index.html"))]
    rows = sum(page.read_text("utf-8").count("<tr><td>") for page in pages)
    assert total > 5 and rows == total and len(pages) == -(-total // 5)
    month = text_of(first.parent.parent.parent / "index.html")
    assert f"Xem danh sách {total} phân công chưa đạt" in month
