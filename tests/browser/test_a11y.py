"""WCAG 2.2 A/AA in a real browser: axe-core (installed by ./dev test from the npm registry into
tests/browser/axe/, never part of the site) on every page kind of both builds, at a phone's
width and a desktop's, as nginx publishes them."""
from __future__ import annotations

from pathlib import Path

import pytest

AXE = Path(__file__).parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# One page of each kind; the public build has no leaders' pages and no restricted records.
PAGES = {
    "public": ["", "stories/", "stories/xom-moi-duong-hoa/", "localities/", "localities/an-nhon/",
               "cadres/", "cadres/nguyen-thi-lan/", "visits/", "proposals/", "stats/",
               "stats/tat-ca/", "bulletins/", "bulletins/ban-tin-2023-05/", "topics/",
               "topics/sinh-hoat-chi-bo/", "pages/gioi-thieu/", "search/?q=chi%20bo",
               "khong-co-trang-nay/", "cadres/index/ngay-2025-06-30/"],
    "restricted": ["", "stories/", "localities/an-nhon-an-dinh/", "cadres/nguyen-thi-lan/",
                   "cadres/nguyen-thi-lan/phieu-tong-hop/", "visits/", "visits/2023-05/",
                   "visits/2023-05/thanh-phu/", "proposals/", "proposals/thanh-phu/",
                   "proposals/index/cho-lau/", "stats/", "stats/2023/", "stats/2023/can-bo/",
                   "bulletins/ban-tin-2023-05/", "search/?q=nao%20vet%20kenh",
                   # across the 2025 reform: a successor carrying its predecessor's records,
                   # a commune's month after the districts ended
                   "localities/an-qui/", "visits/2025-08/an-qui/"],
}
CASES = [(audience, path) for audience, paths in PAGES.items() for path in paths]


@pytest.fixture
def axe_page(browser, offsite):
    """A page that may run axe's script despite the site's policy (the test injects it; the
    policy stays on for the site's own scripts in every other test)."""
    from .conftest import PASSWORD, USER
    context = browser.new_context(http_credentials={"username": USER, "password": PASSWORD},
                                  bypass_csp=True)
    context.route("**/*", offsite.route)
    yield context.new_page()
    context.close()
    assert offsite.requests == [], "the page tried to reach the internet"


def violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        "async tags => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))"
        ".violations.map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3)"
        ".map(n => n.target.join(' ')).join(' | '))", TAGS)
    return found


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("audience, path", CASES, ids=[f"{a}:{p or '/'}" for a, p in CASES])
def test_no_wcag_violation(axe_page, published, audience, path, width):
    axe_page.set_viewport_size({"width": width, "height": 900})
    response = axe_page.goto(published[audience] + path)
    assert response is not None and response.status in (200, 404)
    axe_page.wait_for_load_state("load")
    if path.startswith("search/"):
        axe_page.wait_for_function("() => document.querySelector('[data-pf-page-status]')"
                                   ".textContent.includes('kết quả')")
    assert violations(axe_page) == []


def _focused(page) -> dict:
    return page.evaluate("() => { const e = document.activeElement; return {tag: e.tagName, "
                         "text: (e.innerText || e.value || '').trim().slice(0, 60), "
                         "id: e.id, inSearch: !!e.closest('.md-search'), "
                         "open: document.getElementById('__search').checked}; }")


def test_the_skip_link_comes_first_and_lands_on_the_content(page, published):
    page.goto(published["restricted"] + "stats/2023/")
    page.keyboard.press("Tab")
    assert _focused(page)["text"] == "Bỏ qua, đến nội dung"
    page.keyboard.press("Enter")
    assert _focused(page)["id"] == "noi-dung"
    page.keyboard.press("Tab")  # the next stop is in the content, past the header and tabs
    assert page.evaluate("() => !!document.activeElement.closest('article')")


def test_keyboard_walks_the_header_search_its_results_and_back_out(page, published):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(published["restricted"])
    for _ in range(6):  # skip link, logo, then the search box
        page.keyboard.press("Tab")
        if _focused(page)["tag"] == "INPUT":
            break
    here = _focused(page)
    assert here["tag"] == "INPUT" and here["inSearch"]
    assert not here["open"]  # focus alone opens nothing: no dimmed page, no empty dropdown
    page.keyboard.type("xom moi")
    status = page.locator(".md-search [data-pf-status]")
    assert status.get_attribute("role") == "status"
    page.wait_for_function("() => document.querySelector('.md-search [data-pf-status]')"
                           ".textContent.includes('kết quả')")
    assert _focused(page)["open"]
    page.keyboard.press("ArrowDown")
    first = _focused(page)
    assert first["tag"] == "A" and first["inSearch"] and "Xóm Mới" in first["text"]
    page.keyboard.press("ArrowDown")
    assert _focused(page)["tag"] == "A" and _focused(page)["text"] != first["text"]
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert _focused(page)["tag"] == "INPUT"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Escape")  # from a result: closed, back in the box
    assert _focused(page)["tag"] == "INPUT" and not _focused(page)["open"]
    page.keyboard.press("Shift+Tab")  # and out of it: nothing keeps the focus
    out = _focused(page)
    assert not out["inSearch"] and not out["open"]


LISTINGS = ["bulletins/", "cadres/", "visits/", "visits/2023-05/", "proposals/thanh-phu/",
            "localities/an-nhon-an-dinh/", "stats/2023/", "stats/2023/can-bo/", "topics/"]


@pytest.mark.parametrize("path", LISTINGS)
def test_on_a_phone_no_column_of_a_listing_hides_off_screen(page, published, path):
    """At 390 px every cell of every record table is on the screen: rows read as cards. Tables
    of figures (statistics) and the month grid scroll in their own box instead, their first
    column pinned: that column stays on the screen."""
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(published["restricted"] + path)
    page.wait_for_load_state("load")
    off = page.evaluate("""() => [...document.querySelectorAll(
        '.md-typeset table:not([class]) tbody td')].filter(td => td.offsetParent)
        .filter(td => !td.closest('.numeric') || td.cellIndex === 0).filter(td => {
          const box = td.getBoundingClientRect();
          return box.left < 0 || box.right > window.innerWidth; }).map(td => td.textContent)""")
    cells = page.locator(".md-typeset table:not([class]) tbody td").count()
    assert cells and off == []


@pytest.mark.parametrize("path", ["stats/2023/", "stats/tat-ca/"])
def test_chart_text_reads_at_11_px_on_a_phone(page, published, path):
    """Each chart's smallest text, at the size the chart is shown at 390 px, is 11 CSS px or
    more; its count ticks are whole numbers and its months read "T5/2023"."""
    import re
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(published["restricted"] + path)
    charts = page.locator("img.stats-chart")
    assert charts.count() >= 4
    for i in range(charts.count()):
        chart = charts.nth(i)
        chart.scroll_into_view_if_needed()
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=chart.element_handle())
        svg = page.request.get(chart.evaluate("img => img.src")).text()
        view = float(re.search(r'viewBox="0 0 ([\d.]+) ', svg)[1])
        smallest = min(float(x) for x in re.findall(r"font-size: ([\d.]+)px", svg))
        shown = chart.bounding_box()["width"]
        assert smallest * shown / view >= 11, (chart.get_attribute("src"), smallest, shown, view)
        ticks = re.findall(r"<text [^>]*>([^<]*)</text>", svg)
        assert not any(re.fullmatch(r"\d+\.\d+", t) for t in ticks), ticks  # no "2.5" counts
        assert not any(re.fullmatch(r"\d{1,2}/\d{4}", t) for t in ticks), ticks  # "T5/2023"
