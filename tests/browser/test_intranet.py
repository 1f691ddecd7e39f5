"""The published site on an intranet: every request stays on this machine, the sub-path works,
the restricted build asks for a password, and nginx sends the documented headers, the
Content-Security-Policy among them, which no page of the site violates."""
from __future__ import annotations

import re
import urllib.error
import urllib.request

import pytest

from scripts.secure import site_policy

PAGES = ["", "stories/", "stories/xom-moi-duong-hoa/", "localities/", "localities/an-nhon-an-dinh/",
         "cadres/", "cadres/le-hoang-phuc/", "visits/", "visits/2023-03/thanh-phu/",
         "proposals/", "bulletins/", "bulletins/ban-tin-2023-05/", "topics/nong-thon-moi/",
         "pages/gioi-thieu/", "search/?q=chi+bo", "khong-co-trang-nay/", "bien-tap/"]


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
    with urllib.request.urlopen(published["sub"].rstrip("/")) as response:
        assert response.url == published["sub"]


def _headers(url, **extra):
    request = urllib.request.Request(url, headers=extra)
    try:
        with urllib.request.urlopen(request) as response:
            return response.headers
    except urllib.error.HTTPError as err:
        return err.headers


@pytest.mark.parametrize("path", ["", "stories/", "pagefind/pagefind.js", "sw.js",
                                  "assets/stylesheets/site.css", "khong-co-trang-nay/"])
def test_every_response_carries_the_security_headers(published, path):
    """Pages, workers and media carry the policy; the theme's own files, which are no page,
    carry the other headers without its 600 bytes."""
    headers = _headers(published["public"] + path)
    meta = site_policy(published["www"] / "bantin")
    if path.startswith("assets/"):
        assert "Content-Security-Policy" not in headers
    else:
        assert headers["Content-Security-Policy"] == meta + "; frame-ancestors 'none'"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"


def test_policy_pins_inline_scripts_by_hash_and_allows_no_other_host(published):
    policy = site_policy(published["www"] / "bantin")
    script_src = re.search(r"script-src ([^;]*)", policy).group(1).split()
    assert script_src[:2] == ["'self'", "'wasm-unsafe-eval'"]
    assert script_src[2:] and all(re.fullmatch(r"'sha256-[A-Za-z0-9+/]+=*'", s)
                                  for s in script_src[2:])
    assert "unsafe-inline" not in policy and "http" not in policy and "*" not in policy
    home = (published["www"] / "bantin/index.html").read_text(encoding="utf-8")
    assert home.index('http-equiv="Content-Security-Policy"') < home.index("<script")


def test_public_and_restricted_builds_are_different_origins(published):
    origin = lambda url: url.split("/")[2]  # noqa: E731
    assert origin(published["public"]) != origin(published["restricted"])


def test_dot_files_are_not_served(published):
    (published["www"] / "bantin/.ghi-chu").write_text("bí mật", encoding="utf-8")
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(published["public"] + ".ghi-chu")
    assert err.value.code == 404


SEARCHED = ["", "search/?q=chi+bo", "stats/2023/", "stories/xom-moi-duong-hoa/"]


@pytest.mark.parametrize("audience", ["public", "restricted"])
@pytest.mark.parametrize("path", SEARCHED)
def test_no_page_violates_the_policy(page, published, audience, path):
    """Material, Pagefind and our scripts all run under the policy: a violation would mean
    either a blocked feature or a policy too loose to notice one."""
    page.add_init_script("""window.__violations = [];
        document.addEventListener("securitypolicyviolation",
            e => window.__violations.push(e.violatedDirective + " " + e.blockedURI));""")
    errors = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.goto(published[audience] + path)
    page.wait_for_load_state("networkidle")
    if path.startswith("search/"):
        page.wait_for_selector("[data-pf-page-results] li")
    else:  # the header's search box loads Pagefind (WebAssembly) on first use
        page.locator("[data-pf-input]").first.fill("chi bo")
        page.wait_for_selector(".md-search-result__item")
    assert page.evaluate("window.__violations") == []
    assert errors == []
