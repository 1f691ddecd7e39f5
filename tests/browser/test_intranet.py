"""The published site on an intranet: every request stays on this machine, the sub-path works,
the restricted build asks for a password, and nginx sends the documented headers."""
from __future__ import annotations

import urllib.error
import urllib.request

import pytest

PAGES = ["", "stories/", "stories/xom-moi-duong-hoa/", "localities/", "localities/an-nhon-an-dinh/",
         "cadres/", "cadres/le-hoang-phuc/", "visits/", "visits/2023-03/thanh-phu/",
         "proposals/", "bulletins/", "bulletins/ban-tin-2023-05/", "topics/nong-thon-moi/",
         "pages/gioi-thieu/", "search/?q=chi+bo", "khong-co-trang-nay/"]


@pytest.mark.parametrize("path", PAGES)
def test_every_request_stays_on_this_machine(page, published, path):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(published["restricted"] + path)
    page.wait_for_load_state("networkidle")
    if path.startswith("search/"):
        page.wait_for_selector("[data-pf-page-results] li")
    assert requested, "the page made no request at all"
    host = published["restricted"].split("/")[2]
    assert [u for u in requested if u.split("/")[2] != host] == []
    # every request was answered from the site: nothing missing under the sub-path
    failed = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    assert failed == []


def test_missing_page_shows_the_site_404_with_working_styles(page, published):
    response = page.goto(published["public"] + "khong-co-trang-nay/")
    assert response.status == 404
    assert page.title() == "Không tìm thấy trang - Theo dõi, hỗ trợ cơ sở"
    assert "Về trang chủ" in page.inner_text("article")
    color = page.eval_on_selector(".md-header", "e => getComputedStyle(e).backgroundColor")
    assert color != "rgba(0, 0, 0, 0)"  # Material's stylesheet was found from the 404 page


def test_restricted_build_needs_a_password(published):
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(published["restricted"])
    assert err.value.code == 401


def test_headers_cache_and_compress(published):
    def head(url, **headers):
        request = urllib.request.Request(url, headers=headers)
        with urllib.request.urlopen(request) as response:
            return response.headers
    page = head(published["public"], **{"Accept-Encoding": "gzip"})
    assert page["Cache-Control"] == "no-cache"
    assert page["Content-Encoding"] == "gzip"
    fragment = next((published["www"] / "bantin/pagefind/fragment").iterdir()).name
    chunk = head(published["public"] + f"pagefind/fragment/{fragment}")
    assert chunk["Cache-Control"] == "public, max-age=31536000, immutable"


def test_sub_path_without_slash_redirects(published):
    with urllib.request.urlopen(published["public"].rstrip("/")) as response:
        assert response.url == published["public"]
