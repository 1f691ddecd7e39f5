"""The sample site as cadres browse it: every page kind shows the right records, in the right
order, and no internal link is broken. Expectations are read from content/ independently of the
scripts (plain PyYAML), never written down by hand."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml

from scripts.build import build_site
from scripts.text import parse_date, person_sort_key

from .conftest import ROOT, TODAY
from .htmlcheck import broken_links, text_of

CONTENT = ROOT / "content"


def front(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])


def as_date(value) -> date:
    return value if isinstance(value, date) else parse_date(str(value))


def records(folder: str) -> list[dict]:
    return [item for path in sorted((CONTENT / folder).glob("*.yml"))
            for item in yaml.safe_load(path.read_text(encoding="utf-8"))]


STORIES = {p.stem: front(p) for p in (CONTENT / "stories").rglob("*.md")}
BULLETINS = {p.stem: front(p) for p in (CONTENT / "bulletins").rglob("*.md")}
VISITS = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
          for p in (CONTENT / "visits").rglob("*.yml")}
UNITS = {u["id"]: u for u in records("localities")}
CADRES = {c["id"]: c for c in records("cadres")}
SITE = yaml.safe_load((CONTENT / "site.yml").read_text(encoding="utf-8"))
# the last day of the districts (the 2025 reform), or never
DISTRICTS_END = next((as_date(lv["end"]) for lv in SITE["levels"]
                      if lv["id"] == "district" and lv.get("end")), date.max)
ASSIGNMENTS = records("assignments")


def active(a: dict) -> bool:
    end = as_date(a["end"]) if a.get("end") else None
    return as_date(a["start"]) <= TODAY and (end is None or TODAY <= end)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("sample")
    return {audience: build_site(CONTENT, audience=audience, out=tmp / audience, today=TODAY,
                                 work=tmp / "work", log=lambda *_: None)
            for audience in ("public", "restricted")}


@pytest.mark.parametrize("audience", ["public", "restricted"])
def test_no_broken_internal_link_in_the_whole_site(site, audience):
    assert broken_links(site[audience]) == []


def test_story_listing_shows_every_story_newest_first(site):
    html = (site["public"] / "stories/index.html").read_text(encoding="utf-8")
    listed = re.findall(r'<div class="record"[^>]*>\s*<p><strong><a href="([^"/]+)/"', html)
    expected = sorted(STORIES, key=lambda s: (as_date(STORIES[s]["date"]), s), reverse=True)
    assert listed == expected


def test_story_page_shows_its_facts_at_a_glance(site):
    story_id, story = next((k, v) for k, v in STORIES.items() if v.get("results"))
    text = text_of(site["public"] / f"stories/{story_id}/index.html")
    unit = UNITS[story["locality"]]
    assert "Địa bàn: " in text and f"{unit['type']} {unit['name']}" in text
    for result in story["results"]:
        assert result["label"] in text
    for practice in story.get("practices", []):
        assert practice in text
    assert story["source"]["title"] in text


def test_story_page_links_the_visits_that_saw_the_practice(site):
    seen = {(s, v) for v, visit in VISITS.items() for s in visit.get("practices", [])}
    assert seen
    for story_id, visit_id in seen:
        html = (site["restricted"] / f"stories/{story_id}/index.html").read_text(encoding="utf-8")
        assert f"#{visit_id}" in html


def test_bulletins_newest_first_with_featured_stories(site):
    html = (site["public"] / "bulletins/index.html").read_text(encoding="utf-8")
    listed = re.findall(r'href="(ban-tin-[^"/]+)/"', html)
    expected = sorted(BULLETINS, key=lambda b: as_date(BULLETINS[b]["date"]), reverse=True)
    assert listed == expected
    newest = expected[0]
    page = (site["public"] / f"bulletins/{newest}/index.html").read_text(encoding="utf-8")
    for story in BULLETINS[newest]["featured"]:
        assert f"../../stories/{story}/" in page


def test_locality_page_shows_breadcrumbs_current_and_past_cadres(site):
    reassigned = [a for a in ASSIGNMENTS if a.get("end")]
    assert reassigned
    for a in reassigned:
        text = text_of(site["public"] / f"localities/{a['locality']}/index.html")
        assert "Trước đây" in text
        assert CADRES[a["cadre"]]["name"] in text[text.index("Trước đây"):]
        unit = UNITS[a["locality"]]
        parent = UNITS[unit["parent"]]
        crumbs = text[:text.index(f"{unit['type']} {unit['name']}")]
        assert crumbs.startswith("Địa bàn › ") and f"{parent['type']} {parent['name']}" in crumbs


def test_directory_shows_units_without_cadres_plainly(site):
    text = text_of(site["public"] / "cadres/index.html")
    followed = {a["locality"] for a in ASSIGNMENTS if active(a)}
    # the units living today: communes merged in the 2025 reform are not listed
    communes = [u for u in UNITS.values() if u["level"] == "commune" and alive(u, TODAY)]
    nobody = [u for u in communes if u["id"] not in followed]
    assert nobody, "the sample should have communes nobody follows"
    section = text[text.index("Cấp xã"):text.index("Cấp ấp")]
    assert f"{len(communes)} địa bàn, {len(communes) - len(nobody)} có cán bộ theo dõi, " \
           f"{len(nobody)} chưa có." in section
    assert section.count("chưa phân công") == len(nobody)


def test_all_cadres_in_vietnamese_order_by_given_name(site):
    html = (site["public"] / "cadres/index.html").read_text(encoding="utf-8")
    tail = html[html.rindex("Tất cả cán bộ"):]
    listed = re.findall(r'<td><a href="([a-z-]+)/">', tail)
    assert listed == sorted(CADRES, key=lambda c: (person_sort_key(CADRES[c]["name"]), c))


def test_cadre_page_shows_registered_tasks_with_confirmation(site):
    a = next(a for a in ASSIGNMENTS if any(t["status"] == "done" for t in a.get("tasks", [])))
    task = next(t for t in a["tasks"] if t["status"] == "done")
    text = text_of(site["public"] / f"cadres/{a['cadre']}/index.html")
    assert task["title"] in text and task["confirmed_by"] in text


def test_visit_months_count_every_report(site):
    text = text_of(site["restricted"] / "visits/index.html")
    months = {}
    for visit in VISITS.values():
        d = as_date(visit["date"])
        months[(d.year, d.month)] = months.get((d.year, d.month), 0) + 1
    for (year, month), count in months.items():
        assert f"Tháng {month}/{year} {count} " in text


def alive(unit: dict, day: date) -> bool:
    start, end = unit.get("start"), unit.get("end")
    return (not start or as_date(start) <= day) and (not end or day <= as_date(end))


def parent_on(unit: dict, day: date) -> str | None:
    for former in unit.get("former_parents", []):
        if day <= as_date(former["until"]):
            return former["parent"]
    return unit.get("parent")


def district_of(unit_id: str, day: date) -> str:
    """The unit's district on `day` (its commune once the districts have ended)."""
    group = "district" if day <= DISTRICTS_END else "commune"
    while UNITS[unit_id]["level"] not in (group, "province"):
        unit_id = parent_on(UNITS[unit_id], day)
    return unit_id


def test_open_proposals_oldest_first_with_age_in_days_by_district(site):
    opened: dict[str, list] = {}
    for v in VISITS.values():
        for p in v.get("proposals", []):
            if p.get("status", "open") in ("open", "in_progress"):
                day = as_date(v["date"])
                opened.setdefault(district_of(v["locality"], day), []).append(day)
    assert opened
    index = text_of(site["restricted"] / "proposals/index.html")
    for district, dates in opened.items():
        text = text_of(site["restricted"] / f"proposals/{district}/index.html")
        section = text[text.index("Chưa giải quyết xong"):text.index("Đã trả lời")]
        ages = [int(n) for n in re.findall(r"\d\d/\d\d/\d{4} (\d+) ", section)]
        assert ages == [(TODAY - d).days for d in sorted(dates)]
        name = f"{UNITS[district]['type']} {UNITS[district]['name']}"
        assert f"{name} {len(dates)} {(TODAY - min(dates)).days} " in index


def test_topic_pages_list_their_stories(site):
    for topic in yaml.safe_load((CONTENT / "topics.yml").read_text(encoding="utf-8")):
        html = (site["public"] / f"topics/{topic['id']}/index.html").read_text(encoding="utf-8")
        expected = {s for s, story in STORIES.items() if topic["id"] in story.get("topics", [])}
        assert set(re.findall(r'href="\.\./\.\./stories/([a-z0-9-]+)/"', html)) == expected


def test_feed_lists_bulletins_and_stories(site):
    feed = ET.parse(site["public"] / "feed.xml").getroot()
    entries = feed.findall("{http://www.w3.org/2005/Atom}entry")
    assert len(entries) == min(30, len(STORIES) + len(BULLETINS))


def test_home_shows_newest_bulletin_and_the_leaders_month(site):
    """The latest complete month before the date of the data, and the current one so far; the
    public build, which lacks the restricted reports, says so instead of counting a part."""
    text = text_of(site["restricted"] / "index.html")
    newest = max(BULLETINS.values(), key=lambda b: as_date(b["date"]))
    assert f"Bản tin mới nhất {newest['title']}" in text
    last = TODAY.replace(day=1) - timedelta(days=1)
    in_month = sum(1 for v in VISITS.values()
                   if (as_date(v["date"]).year, as_date(v["date"]).month) == (last.year,
                                                                               last.month))
    assert f"Số liệu tính đến {TODAY:%d/%m/%Y}." in text
    assert f"Tháng {last.month}/{last.year} (đã hết tháng)" in text
    assert f"Tháng {TODAY.month}/{TODAY.year} (đến nay)" in text
    assert f"{in_month} báo cáo. Phân công chưa đạt số lần tối thiểu:" in text
    public = text_of(site["public"] / "index.html")
    assert "chỉ có trong bản nội bộ: bản này không có đủ báo cáo để tính." in public
    assert "lượt xuống địa bàn" not in public


def test_stats_pages_show_charts_as_static_svg_with_vietnamese_labels(site):
    page = site["restricted"] / "stats/2023/index.html"
    html = page.read_text(encoding="utf-8")
    charts = re.findall(r'<img [^>]*src="([^"]+\.svg)"', html)
    assert len(charts) >= 6
    for src in charts:
        svg = (page.parent / src).read_text(encoding="utf-8")
        assert svg.lstrip().startswith("<?xml") and "<script" not in svg
        assert not re.search(r'(href|src)="(https?:)?//', svg)  # nothing fetched from elsewhere
    assert "Số địa bàn" in (page.parent / "do-phu.svg").read_text(encoding="utf-8")


def test_year_grid_comes_first_with_its_key_and_cells_that_link(site):
    """The month × unit grid is the first section, its key before the grids, one grid per
    district with assignments; every cell holds its count and says "!" when short."""
    page = site["restricted"] / "stats/2023/index.html"
    html = page.read_text(encoding="utf-8")
    headings = re.findall(r"<h2 [^>]*>(.*?)</h2>", html)
    assert headings[0] == "Lưới tháng theo địa bàn"
    assert html.index('class="grid-key"') < html.index('class="month-grid"')
    districts = {f"{u['type']} {u['name']}" for u in UNITS.values() if u["level"] == "district"}
    grids = re.findall(r'<h3 id="luoi-[^"]+">([^<:]+):', html)
    assert grids and set(grids) <= districts
    cells = re.findall(r'<td class="(grid-[a-z]+)"><a href="([^"]+)"(?: aria-label="([^"]+)")?>'
                       r"([^<]+)</a></td>", html)
    assert cells and {css for css, *_ in cells} == {"grid-met", "grid-short", "grid-none"}
    for css, href, label, text in cells:
        assert text.endswith("!") == (css != "grid-met")
        # a short cell says in words what "!" means: its count and the minimum
        assert (label == "") == (css == "grid-met")
        if label:
            assert label == f"{text[:-1]} lần, chưa đủ " + label.rsplit(" ", 1)[1]
        assert href.startswith("../../")


def test_stats_tables_offer_csv_for_excel(site):
    page = site["restricted"] / "stats/tat-ca/index.html"
    links = re.findall(r'href="([a-z-]+\.csv)"', page.read_text(encoding="utf-8"))
    assert "do-phu.csv" in links and "kien-nghi-thang.csv" in links
    for name in links:
        data = (page.parent / name).read_bytes()
        assert data.startswith(b"\xef\xbb\xbf")
    rows = (page.parent / "kien-nghi-thang.csv").read_bytes().decode("utf-8-sig").splitlines()
    raised = sum(len(v.get("proposals", [])) for v in VISITS.values())
    assert rows[0] == "Tháng,chưa giải quyết,đang giải quyết,đã giải quyết,không giải quyết,Cộng"
    assert sum(int(r.split(",")[-1]) for r in rows[1:]) == raised


def test_public_stats_leave_out_figures_built_on_restricted_reports(site):
    text = text_of(site["public"] / "stats/tat-ca/index.html")
    assert "chỉ có ở bản nội bộ" in text
    assert "Quy định xuống địa bàn hằng tháng" not in text
    assert "Độ phủ" in text
    assert not (site["public"] / "stats/tat-ca/kien-nghi-thang.csv").exists()


def test_unit_and_cadre_pages_show_their_figures(site):
    text = text_of(site["restricted"] / "localities/an-nhon-an-dinh/index.html")
    # The latest year: of the ten months of 2026 over by 23/11, Ấp An Định had a report in
    # October only, by Nguyễn Thị Lan; its second assignee, Phan Văn Dũng, never reported.
    assert "Độ phủ địa bàn năm 2026: 1/10 tháng đủ số lần xuống địa bàn (10%)" in text
    assert "Phân công năm 2026, Nguyễn Thị Lan: 1/10 tháng đạt quy định (10%)" in text
    assert "Phân công năm 2026, Phan Văn Dũng: 0/10 tháng đạt quy định (0%)" in text
    assert "Cách tính Độ phủ địa bàn: xét từng tháng" in text
    assert f"Số liệu tính đến {TODAY:%d/%m/%Y}." in text
    assert re.search(r"Dự sinh hoạt chi bộ: \d+ buổi, tỷ lệ đảng viên dự họp \d+%", text)
    assert "Số liệu" not in text_of(site["public"] / "localities/an-nhon-an-dinh/index.html")


# What a page says about how many reports or proposals there are, or that none are left.
_CLAIMS = re.compile(r"(?:Nhật ký theo dõi|Báo cáo theo dõi|Kiến nghị|Chưa giải quyết xong)"
                     r"[^()]{0,40}\(\d+\)|\b\d+ (?:báo cáo|kiến nghị|lượt)\b|"
                     r"Không còn kiến nghị tồn đọng|Địa bàn chưa có báo cáo")
PUBLIC_PART = "Bản công khai"


def test_no_public_figure_claims_a_whole_it_did_not_count(site):
    """Every count of reports or proposals on a public page either is the same on the internal
    build's page (it did count the whole) or stands under the note that says the public build
    holds only the public reports."""
    public, internal = site["public"], site["restricted"]
    checked = noted = 0
    for page in sorted(public.rglob("*.html")):
        rel = page.relative_to(public)
        if rel.parts[0] in ("search", "pagefind") or not (internal / rel).exists():
            continue
        text = text_of(page)
        # a count labelled as the public part says what it counted
        claims = {c for c in _CLAIMS.findall(text) if "phần công khai" not in c}
        if not claims:
            continue
        checked += 1
        if PUBLIC_PART in text and text.index(PUBLIC_PART) < min(text.index(c) for c in claims):
            noted += 1
            continue
        whole = text_of(internal / rel)
        assert {c for c in claims if c not in whole} == set(), rel
    assert checked and noted  # the sample has public pages of both kinds


def test_a_public_list_never_says_none_are_left_when_some_are_withheld(site):
    text = text_of(site["public"] / "proposals/index.html")
    assert "Bản công khai Chỉ gồm các báo cáo được phép công khai" in text
    assert "Không còn kiến nghị tồn đọng" not in "".join(
        text_of(p) for p in (site["public"] / "proposals").rglob("*.html"))


@pytest.mark.parametrize("path, section", [
    ("stats/2023/index.html", "Thống kê"), ("cadres/nguyen-thi-lan/index.html",
                                             "Danh bạ phân công"),
    ("visits/2023-05/thanh-phu/index.html", "Báo cáo theo dõi"),
    ("stories/xom-moi-duong-hoa/index.html", "Điển hình, cách làm hay"),
    ("localities/an-nhon/index.html", "Địa bàn"), ("index.html", "Trang chủ"),
    ("stats/index.html", "Thống kê")])
def test_every_page_lights_its_sections_tab(site, path, section):
    html = (site["restricted"] / path).read_text(encoding="utf-8")
    lit = re.findall(r'<li class="md-tabs__item md-tabs__item--active">\s*<a [^>]*>\s*([^<]+?)'
                     r"\s*</a>", html)
    assert lit == [section]


def test_the_internal_build_says_so_in_its_header_and_title(site):
    internal = (site["restricted"] / "stats/index.html").read_text(encoding="utf-8")
    public = (site["public"] / "stats/index.html").read_text(encoding="utf-8")
    assert re.search(r"<title>Thống kê - [^<]+ · Bản nội bộ</title>", internal)
    assert re.search(r'class="md-ellipsis">\s*[^<]+ · Bản nội bộ\s*</span>', internal)
    assert "Bản nội bộ" not in public


def test_the_statistics_landing_leads_with_the_figures_of_its_pages(site):
    landing = text_of(site["restricted"] / "stats/index.html")
    found = re.search(r"Độ phủ địa bàn, năm (\d{4}): (\d+/\d+) tháng-địa bàn \(\d+%\) "
                      r"Phân công đạt quy định, năm \1: (\d+/\d+) tháng-phân công", landing)
    assert found
    year = text_of(site["restricted"] / f"stats/{found[1]}/index.html")
    assert f"Độ phủ địa bàn: {found[2]} tháng-địa bàn" in year
    assert f"Phân công: {found[3]} tháng-phân công đạt quy định" in year
    waiting = re.search(r"Kiến nghị chưa giải quyết xong: (\d+), trong đó (\d+) quá hạn", landing)
    assert waiting and f"Số liệu tính đến {TODAY:%d/%m/%Y}." in landing
    # the same count as the proposals page's column "Chưa giải quyết xong", summed
    proposals = (site["restricted"] / "proposals/index.html").read_text(encoding="utf-8")
    still = re.findall(r"<tr><td><a [^>]*>[^<]+</a></td><td>(\d+)</td>", proposals)
    assert still and int(waiting[1]) == sum(map(int, still))
    public = text_of(site["public"] / "stats/index.html")
    assert "có cán bộ theo dõi:" in public and "Độ phủ địa bàn, năm" not in public
    assert "Kiến nghị chưa giải quyết xong" not in public


def test_bulletins_link_to_the_issues_before_and_after(site):
    """Issues in date order (ids are file names); each links to the one before and after."""
    issues = sorted(BULLETINS.items(), key=lambda kv: as_date(kv[1]["date"]))
    assert len(issues) >= 3
    (first, a), (second, b), (third, c) = issues[:3]
    text = text_of(site["restricted"] / f"bulletins/{first}/index.html")
    assert f"Số sau: {b['title']} ›" in text and "Số trước" not in text
    text = text_of(site["restricted"] / f"bulletins/{second}/index.html")
    assert f"‹ Số trước: {a['title']} · Số sau: {c['title']} ›" in text


def test_localities_index_reaches_communes_folded_under_their_district(site):
    """Provinces and districts open, each district's communes folded under it; hamlets are
    reached from their commune's page."""
    html = (site["restricted"] / "localities/index.html").read_text(encoding="utf-8")
    folded = "".join(re.findall(r"<details.*?</details>", html, flags=re.S))
    for unit in UNITS.values():
        link = f'href="{unit["id"]}/"'
        if unit["level"] == "commune" and UNITS[unit["parent"]]["level"] == "district":
            assert link in folded, unit["id"]
        elif unit["level"] in ("province", "district", "commune"):
            # and a commune right under its province, after the 2025 reform
            assert link in html and link not in folded, unit["id"]
        else:
            assert link not in html, unit["id"]


@pytest.mark.parametrize("page", ["index.html", "stories/index.html", "localities/index.html",
                                  "bulletins/index.html", "search/index.html"])
def test_every_page_links_the_feed_from_its_footer(site, page):
    path = site["public"] / page
    footer = path.read_text(encoding="utf-8").split("<footer", 1)[1]
    href = re.search(r'<a class="feed-link" href="([^"]+)">([^<]+)</a>', footer)
    assert href and href.group(2) == "Nhận bài và bản tin mới qua trình đọc tin (Atom)"
    assert (path.parent / href.group(1)).resolve() == (site["public"] / "feed.xml").resolve()


# ---- the 2025 reform in the sample: units that end, their successors, levels that end -----

def successors_of_ended() -> list[tuple[dict, dict]]:
    """(ended unit, its successor) for each unit of the sample that ended with successors."""
    return [(u, UNITS[s]) for u in UNITS.values() if u.get("end") for s in u.get("successors", [])]


def test_a_successor_carries_its_predecessors_records_marked_as_theirs(site):
    pairs = [(old, new) for old, new in successors_of_ended()
             if any(v["locality"] == old["id"] for v in VISITS.values())]
    assert pairs, "the sample should have a unit with reports that ended into another"
    for old, new in pairs:
        html = (site["restricted"] / f"localities/{new['id']}/index.html").read_text(
            encoding="utf-8")
        day = as_date(old["end"]) + timedelta(days=1)
        label = f"Trước {day:%d/%m/%Y}: {old['type']} {old['name']}"
        assert label in html
        log = re.search(rf"Nhật ký theo dõi · {old['type']} {old['name']} \(\d+\)</h3>",
                        html).end()
        section = html[log:html.index("</table>", log)]
        reports = sorted(as_date(v["date"]) for v in VISITS.values()
                         if v["locality"] == old["id"])
        listed = re.findall(r'<td><a href="[^"]+#([0-9]{4}-[0-9]{2}-[0-9]{2})-[^"]*">', section)
        assert sorted(date.fromisoformat(d) for d in listed) == reports


def test_an_ended_unit_says_so_and_names_where_it_went(site):
    for old, new in successors_of_ended():
        text = text_of(site["public"] / f"localities/{old['id']}/index.html")
        end = as_date(old["end"])
        assert f"Địa bàn này tồn tại đến hết ngày {end:%d/%m/%Y}" in text
        assert f"{new['type']} {new['name']}" in text
        if old.get("change_decision"):
            assert old["change_decision"] in text


def test_a_moved_unit_shows_its_parent_now_and_as_it_was(site):
    moved = [u for u in UNITS.values() if u.get("former_parents")]
    assert moved
    for unit in moved:
        html = (site["public"] / f"localities/{unit['id']}/index.html").read_text(
            encoding="utf-8")
        now = re.search(r'<p class="crumbs" data-q>(.*?)</p>', html).group(1)
        parent = UNITS[unit["parent"]]
        assert f"{parent['type']} {parent['name']}</a></p>" in now + "</p>"
        for former in unit["former_parents"]:
            day = as_date(former["until"]) + timedelta(days=1)
            then = re.search(rf'<p class="crumbs crumbs--then" data-q>Trước {day:%d/%m/%Y}: '
                             r'(.*?)</p>', html).group(1)
            old = UNITS[former["parent"]]
            assert then.endswith(f'">{old["type"]} {old["name"]}</a>')


@pytest.mark.parametrize("year", [2023, 2026])
def test_each_years_statistics_group_units_as_they_were_that_year(site, year):
    """2023 by district; 2026, after the districts ended, by commune."""
    html = (site["restricted"] / f"stats/{year}/index.html").read_text(encoding="utf-8")
    groups = re.findall(r'aria-label="Lưới tháng, ([^"]+)"', html)
    assert groups
    last = date(year, 12, 31)
    level = "district" if last <= DISTRICTS_END else "commune"
    names = {f"{u['type']} {u['name']}" for u in UNITS.values() if u["level"] == level}
    assert set(groups) <= names, groups


def test_the_directory_lists_living_units_and_keeps_the_eve_of_the_reform(site):
    today = (site["public"] / "cadres/index.html").read_text(encoding="utf-8")
    today = today[:today.index("Tất cả cán bộ</h2>")]
    eve = (site["public"] / f"cadres/index/ngay-{DISTRICTS_END.isoformat()}/index.html"
           ).read_text(encoding="utf-8")
    for unit in UNITS.values():
        if unit["level"] == "province":
            continue
        link = f'localities/{unit["id"]}/"'
        assert (link in today) == alive(unit, TODAY), unit["id"]
        assert (link in eve) == alive(unit, DISTRICTS_END), unit["id"]
    assert "Cấp huyện" in eve and "Cấp huyện" not in today
