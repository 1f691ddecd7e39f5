"""The publishing gate (scripts/secure.py): what no built page may carry, the inline scripts the
theme may, and the Content-Security-Policy written into every page and for nginx.

Each payload below stands for a way script or an outside request has reached published pages
elsewhere; escaping and sanitising stop them upstream, and this gate stops the build if one
ever gets through.
"""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from scripts import secure
from scripts.cli import main
from scripts.render.stats import csv_text


# (name, markup, the message the gate prints for it)
PAYLOADS = [
    ("event-img", '<img src=x onerror=alert(1)>',
     "thẻ <img> có thuộc tính sự kiện onerror= (chạy mã khi người đọc mở trang)"),
    ("event-svg-slash", "<svg/onload=alert(1)>",
     "thẻ <svg> có thuộc tính sự kiện onload= (chạy mã khi người đọc mở trang)"),
    ("event-upper-case", "<IMG SRC=x ONERROR=alert(1)>",
     "thẻ <img> có thuộc tính sự kiện onerror= (chạy mã khi người đọc mở trang)"),
    ("event-spaces-around-equals", '<img src=x onerror = "alert(1)">',
     "thẻ <img> có thuộc tính sự kiện onerror= (chạy mã khi người đọc mở trang)"),
    ("event-after-quote", '<img src="x"onerror="alert(1)">',
     "thẻ <img> có thuộc tính sự kiện onerror= (chạy mã khi người đọc mở trang)"),
    ("event-after-gt-in-quotes", '<div title="a>" onclick=alert(1)>x</div>',
     "thẻ <div> có thuộc tính sự kiện onclick= (chạy mã khi người đọc mở trang)"),
    ("event-split-over-lines", '<img\nsrc=x\nonerror=alert(1)>',
     "thẻ <img> có thuộc tính sự kiện onerror= (chạy mã khi người đọc mở trang)"),
    ("javascript-entity", '<a href="&#106;avascript:alert(1)">x</a>',
     "thẻ <a> có địa chỉ href= dạng javascript: (chỉ dùng http, https, mailto, tel)"),
    ("javascript-colon-entity", '<a href="javascript&colon;alert(1)">x</a>',
     "thẻ <a> có địa chỉ href= dạng javascript: (chỉ dùng http, https, mailto, tel)"),
    ("javascript-tab", '<a href="java\tscript:alert(1)">x</a>',
     "thẻ <a> có địa chỉ href= dạng javascript: (chỉ dùng http, https, mailto, tel)"),
    ("javascript-tab-entity", '<a href="jav&#x09;ascript:alert(1)">x</a>',
     "thẻ <a> có địa chỉ href= dạng javascript: (chỉ dùng http, https, mailto, tel)"),
    ("javascript-leading-space", '<a href="  javascript:alert(1)">x</a>',
     "thẻ <a> có địa chỉ href= dạng javascript: (chỉ dùng http, https, mailto, tel)"),
    ("vbscript", '<a href="vbscript:msgbox(1)">x</a>',
     "thẻ <a> có địa chỉ href= dạng vbscript: (chỉ dùng http, https, mailto, tel)"),
    ("data-html-link", '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
     "thẻ <a> có địa chỉ href= dạng data: (chỉ dùng http, https, mailto, tel)"),
    ("data-svg-image", '<img src="data:image/svg+xml;base64,PHN2Zz4=">',
     "thẻ <img> có địa chỉ src= dạng data: (chỉ dùng http, https, mailto, tel)"),
    ("svg-xlink-javascript", '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
     "thẻ <a> có địa chỉ xlink:href= dạng javascript: (chỉ dùng http, https, mailto, tel)"),
    ("svg-animate-values", '<svg><animate attributeName="x" values="javascript:alert(1)"/></svg>',
     "thẻ <animate> có địa chỉ values= dạng javascript: (chỉ dùng http, https, mailto, tel)"),
    ("svg-animate-href", '<svg><set attributeName="href" to="#x"/></svg>',
     "thẻ <set attributeName=href> không được dùng"),
    ("svg-use-offsite", '<svg><use href="https://evil.example/x.svg#a"/></svg>',
     'thẻ <use> tải "https://evil.example/x.svg#a" từ máy chủ khác; mọi tài nguyên phải nằm '
     "trong trang"),
    ("iframe", '<iframe src="https://evil.example/"></iframe>', "thẻ <iframe> không được dùng"),
    ("iframe-srcdoc", '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
     "thẻ <iframe> không được dùng"),
    ("object", '<object data="x.swf"></object>', "thẻ <object> không được dùng"),
    ("embed", '<embed src="x.swf">', "thẻ <embed> không được dùng"),
    ("base", '<base href="https://evil.example/">', "thẻ <base> không được dùng"),
    ("meta-refresh", '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
     "thẻ <meta http-equiv=refresh> không được dùng"),
    ("image-offsite", '<img src="http://evil.example/x.png">',
     'thẻ <img> tải "http://evil.example/x.png" từ máy chủ khác; mọi tài nguyên phải nằm '
     "trong trang"),
    ("image-protocol-relative", '<img src="//evil.example/x.png">',
     'thẻ <img> tải "//evil.example/x.png" từ máy chủ khác; mọi tài nguyên phải nằm trong trang'),
    ("image-srcset-offsite", '<img src="a.png" srcset="https://evil.example/x.png 2x">',
     'thẻ <img> tải "https://evil.example/x.png" từ máy chủ khác; mọi tài nguyên phải nằm '
     "trong trang"),
    ("video-poster-offsite", '<video poster="https://evil.example/p.png"></video>',
     'thẻ <video> tải "https://evil.example/p.png" từ máy chủ khác; mọi tài nguyên phải nằm '
     "trong trang"),
    ("stylesheet-offsite", '<link rel="stylesheet" href="https://evil.example/x.css">',
     'thẻ <link> tải "https://evil.example/x.css" từ máy chủ khác; mọi tài nguyên phải nằm '
     "trong trang"),
    ("script-offsite", '<script src="https://evil.example/x.js"></script>',
     'thẻ <script> tải "https://evil.example/x.js" từ máy chủ khác; mọi tài nguyên phải nằm '
     "trong trang"),
    ("form-offsite", '<form action="https://evil.example/lay"><input name=q></form>',
     'thẻ <form> tải "https://evil.example/lay" từ máy chủ khác; mọi tài nguyên phải nằm '
     "trong trang"),
    ("inline-script", "<script>alert(1)</script>",
     "đoạn mã chạy trực tiếp trong trang không có trong danh sách của giao diện "
     "(theme/hooks/inline_scripts.py); nếu vừa nâng cấp giao diện, xem README"),
    ("inline-module", '<script type="module">import("./x.js")</script>',
     "đoạn mã chạy trực tiếp trong trang không có trong danh sách của giao diện "
     "(theme/hooks/inline_scripts.py); nếu vừa nâng cấp giao diện, xem README"),
    ("json-that-is-not-json", '<script type="application/json">alert(1)</script>',
     "đoạn mã chạy trực tiếp trong trang không có trong danh sách của giao diện "
     "(theme/hooks/inline_scripts.py); nếu vừa nâng cấp giao diện, xem README"),
    ("style-attribute-url", '<div style="background:url(https://evil.example/x)">x</div>',
     "thẻ <div> có định dạng CSS tải tài nguyên hoặc chạy mã"),
    ("style-element-import", "<style>@import url(https://evil.example/x.css);</style>",
     "thẻ <style> có định dạng CSS tải tài nguyên hoặc chạy mã"),
    ("comment-closed-by-bang", "<!-- x --!><img src=x onerror=alert(1)> -->",
     "thẻ <img> có thuộc tính sự kiện onerror= (chạy mã khi người đọc mở trang)"),
    ("noscript-mutation", '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
     "thẻ <img> có thuộc tính sự kiện onerror= (chạy mã khi người đọc mở trang)"),
    ("unterminated-tag", "<p>x</p><img src=x onerror=alert(1)",
     'không đọc được thẻ HTML "<img src=x onerror=alert(1)"'),
]


@pytest.mark.parametrize("name, markup, expected", PAYLOADS, ids=[p[0] for p in PAYLOADS])
def test_gate_names_what_no_page_may_carry(name, markup, expected):
    assert expected in secure.audit_markup(markup).problems


SAFE = [
    '<a href="https://baodongkhoi.vn/bai-viet">nguồn</a>',
    '<a href="mailto:lan.nt@example.vn">email</a>',
    '<a href="tel:02753812345">điện thoại</a>',
    '<img src="../../media/2020/xom-moi.jpg" alt="Đường hoa">',
    '<img src="/bantin/assets/images/favicon.png">',
    '<link rel="canonical" href="https://intranet.local/bantin/">',
    '<link rel="alternate" type="application/atom+xml" href="feed.xml">',
    '<image xlink:href="data:image/png;base64,iVBORw0KGgo=" width="4" height="4"/>',
    '<p title="a &lt;b&gt; &#34;c&#34;">5 &lt; 7</p>',
    '<script src="assets/javascripts/bundle.js"></script>',
    '<script id="__config" type="application/json">{"base": ".."}</script>',
    "<!-- a comment --><!doctype html><p>đúng</p>",
]


@pytest.mark.parametrize("markup", SAFE)
def test_gate_passes_what_pages_are_made_of(markup):
    assert secure.audit_markup(markup).problems == []


def _scope_script(base: str) -> str:
    return (f'__md_scope=new URL("{base}",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e'
            '+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem('
            't.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.'
            'pathname+"."+e,JSON.stringify(_))}catch(e){}}')


def test_known_theme_script_passes_at_any_depth_and_is_hashed():
    secure._init_worker(secure.known_scripts())
    for base in (".", "..", "../../..", "/bantin/", "http://127.0.0.1:8000/"):
        script = _scope_script(base)
        audit = secure.audit_markup(f"<script>{script}</script>")
        assert audit.problems == [], base
        assert audit.scripts == {secure.script_hash(script)}


def test_known_script_with_anything_added_is_refused():
    secure._init_worker(secure.known_scripts())
    script = _scope_script("..") + ";fetch('https://evil.example/')"
    assert secure.audit_markup(f"<script>{script}</script>").problems != []
    script = _scope_script('..",location);alert(1);new URL("')
    assert secure.audit_markup(f"<script>{script}</script>").problems != []


def _site(tmp_path: Path, pages: dict[str, str]) -> Path:
    for rel, text in pages.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    return tmp_path


PAGE = ('<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>T</title>'
        '<script>{script}</script></head><body><p>{body}</p></body></html>')


def test_policy_goes_first_in_every_page_and_pins_its_scripts(tmp_path):
    site = _site(tmp_path, {
        "index.html": PAGE.format(script=_scope_script("."), body="trang chủ"),
        "stories/x/index.html": PAGE.format(script=_scope_script("../.."), body="bài"),
        "stats/a.svg": '<svg xmlns="http://www.w3.org/2000/svg"><text>1</text></svg>'})
    policy = secure.secure_site(site)
    hashes = {secure.script_hash(_scope_script(b)) for b in (".", "../..")}
    assert policy == (
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' "
        + " ".join(f"'{h}'" for h in sorted(hashes))
        + "; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
        "media-src 'self'; object-src 'none'; frame-src 'none'; worker-src 'self'; "
        "base-uri 'self'; form-action 'self'")
    for rel in ("index.html", "stories/x/index.html"):
        text = (site / rel).read_text(encoding="utf-8")
        assert text.index("Content-Security-Policy") < text.index("<script>")
        assert text.index('<meta charset="utf-8">') < text.index("Content-Security-Policy")
    assert secure.site_policy(site) == policy


def test_unsafe_page_stops_the_build_naming_page_and_problem(tmp_path):
    site = _site(tmp_path, {
        "index.html": PAGE.format(script=_scope_script("."), body="x"),
        "stories/x/index.html": PAGE.format(script=_scope_script("../.."),
                                            body='<img src="https://evil.example/a.png">'),
        "stats/2023/a.svg": '<svg><script>alert(1)</script></svg>'})
    before = (site / "index.html").read_bytes()
    with pytest.raises(secure.UnsafeOutput) as err:
        secure.secure_site(site)
    assert str(err.value) == (
        "trang dựng ra chứa thứ không được xuất bản (có thể chạy mã hoặc tải tài nguyên từ máy "
        "chủ khác); đã dừng, trang cũ giữ nguyên:\n"
        "  stats/2023/a.svg: đoạn mã chạy trực tiếp trong trang không có trong danh sách của "
        "giao diện (theme/hooks/inline_scripts.py); nếu vừa nâng cấp giao diện, xem README\n"
        '  stories/x/index.html: thẻ <img> tải "https://evil.example/a.png" từ máy chủ khác; '
        "mọi tài nguyên phải nằm trong trang")
    assert (site / "index.html").read_bytes() == before  # nothing written on failure


def test_many_problems_are_counted_after_the_first_twenty(tmp_path):
    pages = {f"p{i:02}/index.html": PAGE.format(script=_scope_script("../"),
                                                body="<img src=x onerror=alert(1)>")
             for i in range(25)}
    with pytest.raises(secure.UnsafeOutput) as err:
        secure.secure_site(_site(tmp_path, pages))
    lines = str(err.value).splitlines()
    assert len(lines) == 22 and lines[-1] == "  … và 5 chỗ khác"


def test_csp_command_prints_the_nginx_headers(tmp_path, capsys):
    site = _site(tmp_path / "site", {"index.html": PAGE.format(script=_scope_script("."),
                                                                body="x")})
    policy = secure.secure_site(site)
    assert main(["csp", str(site)]) == 0
    out = capsys.readouterr().out
    assert out == (f'add_header Content-Security-Policy "{policy}; frame-ancestors \'none\'" '
                   "always;\n"
                   'add_header X-Content-Type-Options "nosniff" always;\n'
                   'add_header Referrer-Policy "same-origin" always;\n'
                   'add_header X-Frame-Options "DENY" always;\n')
    assert main(["csp", str(tmp_path)]) == 2
    assert capsys.readouterr().out == (
        f"{tmp_path}: thư mục này không có trang dựng sẵn mang chính sách bảo mật (index.html)\n")


def test_csp_fingerprints_list_the_inline_scripts(tmp_path, capsys):
    site = _site(tmp_path, {"index.html": PAGE.format(script=_scope_script("."), body="x")})
    assert main(["csp", "--fingerprints", str(site)]) == 0
    fingerprint, start = capsys.readouterr().out.split(" ", 1)
    assert fingerprint in secure.known_scripts()
    assert start.startswith('__md_scope=new URL(".",location)')


@pytest.mark.parametrize("cell, shown", [
    ("=HYPERLINK(\"https://evil.example\",\"Bấm\")", "'=HYPERLINK(\"https://evil.example\",\"Bấm\")"),
    ("+84 275", "'+84 275"), ("-1+2", "'-1+2"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"), ("  =1", "'  =1"), ("Ấp An Định", "Ấp An Định"), (-3, "-3"), (2.5, "2.5"),
])
def test_csv_cells_never_start_a_formula(cell, shown):
    text = csv_text(["Địa bàn"], [[cell]])
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows == [["Địa bàn"], [shown]]


def test_theme_fingerprint_file_lists_only_wellformed_entries():
    import runpy
    known = runpy.run_path(str(secure.KNOWN_SCRIPTS))["KNOWN"]
    assert known and all(re.fullmatch(r"[0-9a-f]{64}", k) and v.startswith("Material: ")
                         for k, v in known.items())


def test_no_theme_bookkeeping_file_is_published(tmp_path):
    """MkDocs copies the theme folder's files into the site, except templates and .py files."""
    assert [p.name for p in (secure.ROOT / "theme").rglob("*")
            if p.is_file() and p.suffix not in (".html", ".py", ".css", ".js", ".svg",
                                                 ".pyc")] == []


def test_compacting_keeps_what_whitespace_means():
    """Indentation goes; a newline stays a newline (it separates words); preformatted text,
    text areas, scripts (whose hashes the policy holds) and styles keep every space."""
    page = ("<ul>\n    <li>a\n\n      b</li>\n  </ul>\n<pre><code>x\n    y</code></pre>\n"
            "  <textarea>p\n   q</textarea>\n  <script>f(\n  1)</script>\n"
            "<STYLE>a {\n  b: c }</STYLE >\n   end")
    assert secure.compact(page) == ("<ul>\n<li>a\nb</li>\n</ul>\n<pre><code>x\n    y</code></pre>\n"
                             "<textarea>p\n   q</textarea>\n<script>f(\n  1)</script>\n"
                             "<STYLE>a {\n  b: c }</STYLE >\nend")
