"""Search in a real browser: queries with and without diacritics (đ included) find the page
they must, filters narrow results and live in the URL, a click opens the result, and a public
build's index holds nothing restricted."""
from __future__ import annotations

import re
from urllib.parse import quote

import pytest

RESULTS = "[data-pf-page-results] li a"

# (query, page that must be among the first five results)
QUERIES = [
    ("xom moi", "stories/xom-moi-duong-hoa/"),
    ("Xóm Mới", "stories/xom-moi-duong-hoa/"),
    ("chi bo an dinh", "stories/an-dinh-chi-bo-tieu-bieu/"),
    ("duong hoa", "stories/xom-moi-duong-hoa/"),
    ("đường hoa", "stories/xom-moi-duong-hoa/"),
    ("don dac", "localities/don-dac/"),
    ("Đồn Đạc", "localities/don-dac/"),
    ("dang vien phat trien", "topics/phat-trien-dang-vien/"),
    ("lang cong", "stories/lang-cong-trao-doi-sau-sinh-hoat/"),
    ("my khanh nong thon moi", "stories/my-khanh-nong-thon-moi/"),
    ("tam giai phap", "stories/tam-giai-phap-tp-ben-tre/"),
    ("quy dinh 559", "stories/ben-tre-4-nam-4-gop-3-kiem/"),
    ("phan viec dang ky binh thuy", "stories/binh-thuy-dang-ky-phan-viec/"),
    ("le hoang phuc", "cadres/le-hoang-phuc/"),
    ("Nguyễn Thị Lan", "cadres/nguyen-thi-lan/"),
    ("ban tin thang 5", "bulletins/ban-tin-2023-05/"),
    ("thanh phu", "localities/thanh-phu/"),
    ("bao dong khoi", "stories/an-dinh-chi-bo-tieu-bieu/"),
    ("nao vet kenh", "visits/"),
    # across the 2025 reform: the new name finds the old unit, the old name the new one
    ("an qui", "localities/an-qui/"),  # which carries xã An Nhơn's reports
    ("xa an nhon", "localities/an-qui/"),
    ("dong chuc", "localities/luong-mong-xom-moi/"),
]


def search_page(page, base: str, query: str, **filters) -> list[str]:
    url = f"{base}search/?q={quote(query)}" + "".join(
        f"&{key}={quote(value)}" for key, value in filters.items())
    page.goto(url)
    page.wait_for_function(
        "() => document.querySelector('[data-pf-page-status]').textContent.includes('kết quả')")
    return page.eval_on_selector_all(RESULTS, "links => links.map(a => a.href)")


@pytest.mark.parametrize("query, expected", QUERIES, ids=[q for q, _ in QUERIES])
def test_query_finds_its_page(page, published, query, expected):
    hrefs = search_page(page, published["restricted"], query)
    wanted = published["restricted"] + expected
    assert any(h.startswith(wanted) for h in hrefs[:5]), hrefs[:5]


def test_exact_diacritics_rank_first(page, published):
    # "đảng viên" and "đang" fold to the same letters; pages with the words as typed lead.
    search_page(page, published["restricted"], "đảng viên")
    first = page.inner_text("[data-pf-page-results] li")
    assert "đảng viên" in first.lower()


def test_results_show_kind_unit_and_date(page, published):
    search_page(page, published["restricted"], "xom moi duong hoa")
    meta = page.inner_text("[data-pf-page-results] li .pf-result-meta")
    assert meta == "Điển hình, cách làm hay · Thôn Xóm Mới, Xã Lương Mông · 12/09/2020"


def test_visit_results_point_at_the_report(page, published):
    hrefs = search_page(page, published["restricted"], "nao vet kenh")
    visit = next(h for h in hrefs if "/visits/" in h)
    assert "#20" in visit  # the anchor of one report, e.g. #2023-01-07-an-dinh


def test_filter_narrows_results_and_lives_in_the_url(page, published):
    kind = "Điển hình, cách làm hay"
    all_hrefs = search_page(page, published["restricted"], "chi bo")
    hrefs = search_page(page, published["restricted"], "chi bo", loai=kind)
    assert 0 < len(hrefs) < len(all_hrefs)
    metas = page.eval_on_selector_all("[data-pf-page-results] .pf-result-meta",
                                      "els => els.map(e => e.textContent)")
    assert all(m.startswith(kind) for m in metas)
    assert page.input_value("select[name=loai]") == kind
    page.select_option("select[name=nam]", "2020")  # clears the list, searches again
    page.wait_for_selector("[data-pf-page-results] li")
    assert "nam=2020" in page.url
    years = page.eval_on_selector_all("[data-pf-page-results] .pf-result-meta",
                                      "els => els.map(e => e.textContent)")
    assert years and all(m.endswith("/2020") for m in years)


def test_header_box_without_diacritics_and_click(page, published):
    page.goto(published["restricted"])
    page.click("[data-pf-input]")
    page.fill("[data-pf-input]", "tam giai phap")
    page.wait_for_selector("[data-pf-results] li a")
    first = page.locator("[data-pf-results] li a").first
    assert "Tám giải pháp" in first.inner_text()
    first.click()
    page.wait_for_url("**/stories/tam-giai-phap-tp-ben-tre/")
    assert page.title().startswith("Tám giải pháp")


def test_header_box_d_stroke(page, published):
    page.goto(published["restricted"] + "localities/")
    page.click("[data-pf-input]")
    page.fill("[data-pf-input]", "don dac")
    page.wait_for_selector("[data-pf-results] li a")
    texts = page.eval_on_selector_all("[data-pf-results] li a", "els => els.map(e => e.innerText)")
    assert any("Đồn Đạc" in t for t in texts[:3])


def test_public_index_holds_no_restricted_report(page, published):
    # A phrase only restricted reports hold: the restricted build finds it, the public one not.
    phrase = "quần chúng ưu tú"
    public_text = "".join(p.read_text(encoding="utf-8")
                          for p in (published["www"] / "bantin").rglob("*.html"))
    assert phrase not in public_text
    search_page(page, published["restricted"], "quan chung uu tu")
    assert phrase in page.inner_text("[data-pf-page-results]").lower()
    search_page(page, published["public"], "quan chung uu tu")
    assert phrase not in page.inner_text("[data-pf-page-results]").lower()


def test_search_works_under_a_sub_path(page, published):
    hrefs = search_page(page, published["sub"], "xom moi")
    story = published["sub"] + "stories/xom-moi-duong-hoa/"
    assert story in hrefs[:3]
    page.locator("[data-pf-page-results] li a").nth(hrefs.index(story)).click()
    page.wait_for_url(story)
    assert page.title().startswith("Chi bộ thôn Xóm Mới")


def test_unit_facets_cascade_from_province_to_commune(page, published):
    page.goto(published["restricted"] + "search/?q=chi+bo&province=" + quote("Tỉnh Quảng Ninh"))
    page.wait_for_selector("[data-pf-page-results] li")
    districts = page.eval_on_selector_all(
        "select[name=district] option:not([hidden])", "os => os.map(o => o.textContent)")
    assert districts == ["Tất cả", "Huyện Ba Chẽ"]
    page.select_option("select[name=district]", "Huyện Ba Chẽ")  # clears the list, searches
    communes = page.eval_on_selector_all(
        "select[name=commune] option:not([hidden])", "os => os.map(o => o.textContent)")
    assert communes == ["Tất cả", "Xã Đồn Đạc", "Xã Lương Mông"]
    page.wait_for_selector("[data-pf-page-results] li")
    assert "district=" in page.url
    metas = page.eval_on_selector_all("[data-pf-page-results] .pf-result-meta",
                                      "els => els.map(e => e.textContent)")
    assert metas and all("Lương Mông" in m or "Đồn Đạc" in m or "Ba Chẽ" in m for m in metas)


def test_filters_alone_list_a_topics_records(page, published):
    topic = "Trữ nước ngọt, phòng chống hạn mặn"
    page.goto(published["restricted"] + "search/?chu_de=" + quote(topic))
    page.wait_for_function(
        "() => document.querySelector('[data-pf-page-status]').textContent.includes('kết quả')")
    status = page.inner_text("[data-pf-page-status]")
    assert status.endswith("kết quả") and int(status.split()[0]) > 0


@pytest.mark.parametrize("query", ["long hòa", "long hoà", "Long Hoà", "binh thuy", "Bình Thuỷ"])
def test_either_tone_placement_finds_the_unit(page, published, query):
    """Official lists mix the old and new tone placement (Hoà/Hòa, Thuỷ/Thủy): a query typed
    with either finds the unit written with the other."""
    hrefs = search_page(page, published["restricted"], query)
    wanted = published["restricted"] + ("localities/long-hoa/" if "long" in query.lower()
                                        else "localities/binh-thuy/")
    assert any(h.startswith(wanted) for h in hrefs[:5]), hrefs[:5]


def test_more_shows_only_when_there_is_more(page, published):
    """"Xem thêm" is not shown with no query, with no result, nor when every result is shown."""
    more = page.locator("[data-pf-page-more]")
    page.goto(published["restricted"] + "search/")
    assert not more.is_visible()
    search_page(page, published["restricted"], "qxzqxzqxz")
    assert page.inner_text("[data-pf-page-status]").startswith("Không tìm thấy kết quả")
    assert not more.is_visible()
    for query in ("chi bo", "don dac"):
        search_page(page, published["restricted"], query)
        total = int(page.inner_text("[data-pf-page-status]").split()[0])
        shown = page.locator("[data-pf-page-results] li").count()
        assert more.is_visible() == (shown < total), (query, shown, total)


def titles(page) -> list[str]:
    return page.eval_on_selector_all("[data-pf-page-results] li h1",
                                     "heads => heads.map((h) => h.textContent)")


def test_a_whole_word_ranks_above_longer_words_it_begins(page, published):
    """"hoa" is a word (Hòa, hoa): pages named with it lead, before Hoàng, hoạch or hoạt."""
    search_page(page, published["restricted"], "hoa")
    first = titles(page)[:3]
    assert all(re.search(r"(^|\W)(hòa|hoà|hoa)(\W|$)", t.lower()) for t in first), first


def test_guide_pages_never_rank_above_the_records_of_a_name(page, published):
    """The editors' guide quotes a cadre's id in an example message; a search for the name
    lists the cadre, the units and the reports first."""
    hrefs = search_page(page, published["restricted"], "nguyen thi lan")
    more = page.locator("[data-pf-page-more]")
    while more.is_visible():
        shown = len(hrefs)
        more.click()
        page.wait_for_function(f"() => document.querySelectorAll('{RESULTS}').length > {shown}")
        hrefs = page.eval_on_selector_all(RESULTS, "links => links.map(a => a.href)")
    guide = [i for i, h in enumerate(hrefs) if "/pages/huong-dan-bien-tap/" in h]
    assert guide, "the guide holds the name: it must be found, after the records"
    records = [i for i, h in enumerate(hrefs) if "/cadres/" in h or "/localities/" in h
               or "/visits/" in h]
    assert hrefs[0] == published["restricted"] + "cadres/nguyen-thi-lan/"
    assert len(records) >= 3 and guide[0] > records[2], hrefs


def test_unit_results_read_their_own_summary_with_the_words_marked(page, published):
    search_page(page, published["restricted"], "an dinh")
    item = page.locator("[data-pf-page-results] li", has=page.locator(
        "a[href$='localities/an-nhon-an-dinh/']"))
    excerpt = item.locator("article > p:not(.pf-result-meta)")
    assert excerpt.inner_text() == ("Chi bộ ấp An Định. Cán bộ theo dõi: Nguyễn Thị Lan, "
                                    "Phan Văn Dũng.")
    assert excerpt.locator("mark").all_inner_texts() == ["An", "Định"]


@pytest.mark.parametrize("width, folded", [(390, True), (1280, False)])
def test_filters_fold_behind_loc_on_a_phone(page, published, width, folded):
    page.set_viewport_size({"width": width, "height": 800})
    search_page(page, published["restricted"], "chi bo")
    kind = page.locator("select[name=loai]")
    assert kind.is_visible() != folded
    summary = page.locator("details.fold-filters > summary")
    assert summary.inner_text().strip() == "Lọc"
    if folded:  # the results come before the filters; pressing "Lọc" shows them
        results = page.locator("[data-pf-page-results]").bounding_box()
        assert results["y"] < 800
        summary.click()
        assert kind.is_visible()
    # a filter chosen (in the address) keeps them open, and the summary counts it
    search_page(page, published["restricted"], "chi bo", loai="Địa bàn")
    assert kind.is_visible()
    assert summary.inner_text().strip() == "Lọc (1 đang chọn)"
