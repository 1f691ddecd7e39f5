"""The leaders' pages in Chromium: the yearly review printed to A4, the filter and sort box of
long tables, and the pages a leader opens first fitting a phone's width."""
from __future__ import annotations

import io

import pytest

PAGES = ["", "visits/2023-05/", "visits/2023-05/thanh-phu/", "stats/2023/",
         "stats/2023/can-bo/", "cadres/nguyen-thi-lan/phieu-tong-hop/"]


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("path", PAGES)
def test_leaders_pages_fit_the_screen(page, published, path, width):
    """Wide tables and grids scroll inside their own box; the page itself never does."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(published["restricted"] + path)
    assert page.evaluate("document.scrollingElement.scrollWidth") <= width


def test_the_yearly_review_prints_on_a4_with_publisher_date_and_page_numbers(page, published):
    """Opened at one year's sheet, only that year prints, on its own A4 pages."""
    from pypdf import PdfReader
    page.goto(published["restricted"] + "cadres/nguyen-thi-lan/phieu-tong-hop/#nam-2023")
    years = page.eval_on_selector_all("section.review", "s => s.map(x => x.id)")
    assert "nam-2023" in years and len(years) > 1  # the page holds other years
    page.emulate_media(media="print")
    pdf = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
    pages = len(pdf.pages)
    assert pages >= 2
    for number, sheet in enumerate(pdf.pages, 1):
        width, height = float(sheet.mediabox.width), float(sheet.mediabox.height)
        assert (round(width), round(height)) == (595, 842)  # A4 in points
        # Extraction spaces out Vietnamese letters: compare without white space.
        text = "".join(sheet.extract_text().split())
        assert f"Trang{number}/{pages}" in text
    first = "".join(pdf.pages[0].extract_text().split())
    assert "BANTỔCHỨCTỈNHỦY(DỮLIỆUMẪU)" in first
    assert "Phiếutổnghợpkếtquảtheodõi,hỗtrợcơsởnăm2023" in first
    assert "Sốliệutínhđến31/12/2023." in first
    assert "Tìmkiếm" not in first  # the site's header and search are not printed
    printed = "".join("".join(sheet.extract_text().split()) for sheet in pdf.pages)
    for other in years:
        if other != "nam-2023":
            assert f"hỗtrợcơsởnăm{other[4:]}" not in printed


def test_a_ranking_filters_without_accents_and_sorts(page, published):
    page.goto(published["restricted"] + "stats/2023/")
    ranking = page.locator("#can-bo-chua-at-nhieu-nhat-truoc + .table-filter-box")
    box = ranking.get_by_label("Lọc bảng")
    total = page.locator("#can-bo-chua-at-nhieu-nhat-truoc ~ .table-filter").first \
        .locator("tbody tr").count()
    box.fill("nguyen")
    rows = page.locator("#can-bo-chua-at-nhieu-nhat-truoc ~ .table-filter").first \
        .locator("tbody tr:not([hidden])")
    names = rows.locator("td:first-child").all_inner_texts()
    assert names and all(name.startswith("Nguyễn") for name in names)
    assert ranking.locator("output").inner_text() == f"Hiện {len(names)}/{total} dòng"
    box.fill("")
    table = page.locator("#can-bo-chua-at-nhieu-nhat-truoc ~ .table-filter").first
    table.get_by_role("button", name="Sắp xếp theo Tỷ lệ đạt").click()
    shares = [int(x.rstrip("%")) for x in
              table.locator("tbody tr td:nth-child(2)").all_inner_texts()]
    assert shares == sorted(shares)
    table.get_by_role("button", name="Sắp xếp theo Tỷ lệ đạt").click()
    shares = [int(x.rstrip("%")) for x in
              table.locator("tbody tr td:nth-child(2)").all_inner_texts()]
    assert shares == sorted(shares, reverse=True)


@pytest.mark.parametrize("path, table", [
    ("stats/2023/", "#can-bo-chua-at-nhieu-nhat-truoc ~ .table-filter"),
    ("stats/2023/", "#phan-cong-chua-at-nhieu-nhat-truoc ~ .table-filter"),
    ("stats/2023/can-bo/", ".table-filter"),
    ("visits/2023-05/thanh-phu/", "table")])
def test_on_a_phone_each_row_shows_its_name_and_its_figure(page, published, path, table):
    """At 390 px the first two columns (who or where, and the figure a leader reads) are on the
    screen without scrolling sideways."""
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(published["restricted"] + path)
    rows = page.locator(table).first.locator("tbody tr")
    assert rows.count() > 0
    for i in range(min(rows.count(), 5)):
        box = rows.nth(i).locator("td").nth(1).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, box


@pytest.mark.parametrize("path", ["stories/xom-moi-duong-hoa/", "bulletins/ban-tin-2023-05/"])
def test_a_printed_story_or_bulletin_keeps_a_masthead(page, published, path):
    """On paper, a page still says who published it, where, and when."""
    from pypdf import PdfReader
    page.goto(published["public"] + path)
    page.emulate_media(media="print")
    first = "".join(PdfReader(io.BytesIO(page.pdf())).pages[0].extract_text().split())
    assert "BanTổchứcTỉnhủy(dữliệumẫu)·Theodõi,hỗtrợcơsở" in first
    assert published["public"].replace("/", "").replace(":", "") in \
        first.replace("/", "").replace(":", "")
    page.emulate_media(media="screen")
    assert not page.locator(".print-masthead").is_visible()


def hamlets_of(commune: str) -> list[str]:
    """The hamlet-level units under a commune, read from content/ with plain PyYAML."""
    import yaml
    from ..conftest import ROOT
    units = [u for path in sorted((ROOT / "content/localities").glob("*.yml"))
             for u in yaml.safe_load(path.read_text(encoding="utf-8"))]
    return [f"{u['type']} {u['name']}" for u in units
            if u.get("parent") == commune and u["level"] == "hamlet"]


@pytest.mark.parametrize("width", [390, 1280])
def test_the_directory_groups_units_under_their_commune_and_filters(page, published, width):
    """"Ấp 1" of different communes never interleave: each commune heads its units (as the tree
    is today: xã An Qui, formed in the 2025 reform), and typing the commune's name (without
    accents) keeps its units with their heading."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(published["restricted"] + "cadres/")
    table = page.locator("#cap-ap ~ .table-filter").first
    heads = table.locator("tr.group th").all_inner_texts()
    assert len(heads) == len(set(heads)) > 1  # each commune once: its units are together
    page.locator("#cap-ap ~ .table-filter-box").first.get_by_label("Lọc bảng").fill("an qui")
    shown = table.locator("tbody tr:not(.group):not([hidden]) td:first-child")
    expected = hamlets_of("an-qui")
    assert sorted(shown.all_inner_texts()) == sorted(expected) and expected
    assert table.locator("tr.group:not([hidden])").all_inner_texts() == [
        "Xã An Qui, Tỉnh Vĩnh Long"]
    for cell in shown.all():  # and on a phone, within the screen
        box = cell.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
