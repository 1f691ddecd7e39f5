"""Editors' Markdown bodies: rendered, cleaned by allow-list, and what is removed reported.

Each payload of issue 11 is checked twice: what `check` says about it, word for word, and the
HTML that reaches the generated page, which must hold nothing that can run script or reach
another host (read back with Python-Markdown as MkDocs configures it).
"""
from __future__ import annotations

import re
from datetime import date
from functools import partial
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml

from scripts import messages as msg
from scripts import model as m
from scripts.render.bodies import HeadingIds, body_parts
from scripts.render.common import body_url, md_url, served_link
from scripts.render.html import ENV, html_page, page_link
from scripts.sanitize import (ATTRIBUTES, EXTENSIONS, TAGS, Finding, blocks, findings,
                              safe_html, script_scheme, url_scheme)

from .conftest import ROOT

# ---- what no published body may hold --------------------------------------------------------


class _Audit(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in TAGS:
            self.problems.append(f"tag <{tag}>")
        allowed = ATTRIBUTES["*"] | ATTRIBUTES.get(tag, set()) | {"rel"}
        for name, value in attrs:
            value = value or ""
            if name not in allowed:
                self.problems.append(f"attribute {name} on <{tag}>")
            if name in ("href", "src") and (url_scheme(value) or "") not in (
                    "", "http", "https", "mailto"):
                self.problems.append(f"{name}={value!r}")
            if name in ("href", "src") and script_scheme(value):
                self.problems.append(f"{name}={value!r}")
            if tag == "img" and name == "src" and re.match(r"\s*(\w+:|//|\\\\)", value):
                self.problems.append(f"image from another host {value!r}")

    handle_startendtag = handle_starttag

    def handle_comment(self, data):
        self.problems.append("comment")


WRAPPER = '<div class="generated" markdown="0">'


def audit(html: str) -> list[str]:
    """What the HTML holds that the allow-list forbids (the generator's own wrapper aside)."""
    parser = _Audit()
    parser.feed(html.replace(WRAPPER, "<div>"))
    parser.close()
    return parser.problems


def as_mkdocs(page_markdown: str) -> str:
    """The HTML MkDocs makes of generated Markdown (same extensions, no MkDocs plugins)."""
    return markdown.Markdown(extensions=EXTENSIONS).convert(page_markdown)


_BODY = ENV.from_string('{% from "_body.html" import body with context %}{{ body(parts) }}')


def body_html(body: str, here: str = "stories/x.md") -> str:
    """The editor's part of a page as the templates write it (render/bodies.py, _body.html)."""
    parts = body_parts(body, here)
    return _BODY.render(parts=parts, ids=HeadingIds(parts), url=partial(page_link, here))


def published(body: str, here: str = "stories/x.md") -> str:
    """The editor's part of the page, as the reader's browser gets it: inside a generated page,
    read back by Python-Markdown as a builder without our hook would."""
    return as_mkdocs(html_page(None, body_html(body, here)).split("\n---\n", 1)[1])


# ---- the payloads -------------------------------------------------------------------------------

SCRIPT = msg.unsafe_html("thẻ <script>")
SVG = msg.unsafe_html("thẻ <svg>")
EVENT = msg.unsafe_html("thuộc tính sự kiện on...=")
JAVASCRIPT = msg.unsafe_html("liên kết javascript:")
DATA = msg.unsafe_html("liên kết data:")


def err(line, message):
    return Finding(line, message, False)


def warn(line, message):
    return Finding(line, message, True)


# body (its first line is line 10), the findings in the order the HTML shows them
PAYLOADS = {
    "svg-onload": ("Chữ <svg/onload=alert(1)>", [err(10, SVG), err(10, EVENT)]),
    "entity-javascript": ('<a href="&#106;avascript:alert(1)">x</a>', [err(10, JAVASCRIPT)]),
    "link-split-over-lines": ("Đoạn [x](java\nscript:alert(1)).", [err(10, JAVASCRIPT)]),
    "attr-list-onclick": ('Đoạn văn.\n{: onclick="alert(1)" }', [err(11, EVENT)]),
    "tag-split-over-lines": ('<img src="media/2020/lan.png"\n  onerror="alert(1)">',
                             [err(11, EVENT)]),
    "attribute-value-with-gt": ('<div title="a>" onclick=alert(1)>x</div>', [err(10, EVENT)]),
    "svg-animate": ('<svg><animate values="javascript:alert(1)" attributeName="href"/></svg>',
                    [err(10, SVG), err(10, msg.unsafe_html("thẻ <animate>")),
                     err(10, JAVASCRIPT)]),
    "escaped-backtick": ("\\`<img src=x onerror=alert(1)>`", [err(10, EVENT)]),
    "fence-indented-one-space": (" ```\n<script>alert(1)</script>\n ```", [err(11, SCRIPT)]),
    "fence-rejected-info-string": ("```html nope\n<script>alert(1)</script>\n```",
                                   [err(11, SCRIPT)]),
    "javascript-colon-entity": ("[x](javascript&colon;alert(1))", [err(10, JAVASCRIPT)]),
    "tab-in-javascript": ("[x](java\tscript:alert(1))", [err(10, JAVASCRIPT)]),
    "tab-entity-in-javascript": ("[x](java&#x09;script:alert(1))", [err(10, JAVASCRIPT)]),
    "reference-link": ("[x][1]\n\n[1]: javascript:alert(1)", [err(12, JAVASCRIPT)]),
    "data-link": ("[x](data:text/html;base64,PHNjcmlwdD4=)", [err(10, DATA)]),
    "vbscript-link": ('<a href="vbscript:msgbox(1)">x</a>',
                      [err(10, msg.unsafe_html("liên kết vbscript:"))]),
    "md-in-html": ('<div markdown="1">\n[x](javascript:alert(1))\n</div>', [err(11, JAVASCRIPT)]),
    "admonition": ('!!! note\n    <script>alert(1)</script>', [err(11, SCRIPT)]),
    "heading-attr-list": ('## Tiêu đề {: onmouseover="alert(1)" }', [err(10, EVENT)]),
    "iframe-srcdoc": ('<iframe srcdoc="<script>alert(1)</script>"></iframe>',
                      [err(10, msg.unsafe_html("thẻ <iframe>"))]),
    "meta-refresh": ('<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
                     [err(10, msg.unsafe_html("thẻ <meta>")), err(10, JAVASCRIPT)]),
    "external-image": ("![x](http://evil.example/x.png)",
                       [err(10, msg.image_other_host("http://evil.example/x.png"))]),
    "protocol-relative-image": ('<img src="//evil.example/x.png">',
                                [err(10, msg.image_other_host("//evil.example/x.png"))]),
    "style-overlay": ('<div style="position:fixed;inset:0">Giả</div>',
                      [warn(10, msg.HTML_STYLE_REMOVED)]),
    "comment": ("Đoạn.\n\n<!-- ghi chú nội bộ: đừng công bố -->",
                [warn(12, msg.HTML_COMMENT_REMOVED)]),
    "unknown-tag": ('<font color="red">đỏ</font>', [warn(10, msg.html_tag_removed("font"))]),
    "link-target": ('<a href="https://baodongkhoi.vn" target="_blank">x</a>',
                    [warn(10, msg.html_attribute_removed("target", "a"))]),
    "ftp-link": ("[x](ftp://example.vn/a)", [warn(10, msg.link_scheme_removed("ftp"))]),
}


@pytest.mark.parametrize("name", sorted(PAYLOADS))
def test_check_reports_each_payload_word_for_word(name):
    body, expected = PAYLOADS[name]
    assert findings(body, 10) == expected


@pytest.mark.parametrize("name", sorted(PAYLOADS))
def test_the_published_html_of_each_payload_is_inert(name):
    body, _ = PAYLOADS[name]
    html = published(body)
    assert audit(html) == [], html


def test_script_shown_as_code_is_allowed_and_shown():
    body = "```html\n<script>alert(1)</script>\n```\n\nDùng `<img onerror=x>` là sai."
    assert findings(body, 1) == []
    html = published(body)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and audit(html) == []


def test_existing_story_content_reports_nothing():
    for path in sorted((ROOT / "content").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text
        assert findings(body, 1) == [], path


# ---- the generated page -------------------------------------------------------------------------

def test_body_goes_into_the_page_as_one_raw_block_passed_through_unchanged():
    body = ("Đoạn *một* với [liên kết](https://baodongkhoi.vn/a?b=1&c=2).\n\n"
            "| a | b |\n|:-:|---|\n| 1 | 2 |\n\n!!! note \"Ghi chú\"\n    Chữ.\n\n"
            "```\n<b>mã</b>\n\n\n    thụt lề\n```\n")
    page = html_page(None, body_html(body)).split("\n---\n", 1)[1]
    assert page.count('<div class="noi-dung">') == 1
    raw = [page.split('<div class="noi-dung">\n', 1)[1].rsplit("\n</div>\n</div>", 1)[0]]
    assert raw[0] in as_mkdocs(page)
    assert '<th align="center">a</th>' in raw[0]  # alignment survives without style=
    assert 'rel="noopener noreferrer"' in raw[0]
    assert "&lt;b&gt;mã&lt;/b&gt;\n&#10;\n&#10;" in raw[0]  # blank lines in code kept, as text


def test_top_level_headings_get_the_ids_the_table_of_contents_gives():
    html = body_html("## Nền nếp\n\nChữ.\n\n## Riêng {#rieng-1}\n\n## A <b>b</b> \\*\n")
    assert html.startswith('<h2 id="nen-nep">Nền nếp</h2>\n')
    assert '<h2 id="rieng-1">Riêng</h2>' in html  # an id the editor chose is kept
    assert html.rstrip().endswith('<h2 id="a-b">A b *</h2>')  # heading text is escaped text
    assert '<h2 id="nen-nep">Nền nếp</h2>' in published("## Nền nếp\n\nChữ.\n")


def test_links_are_written_as_the_final_address():
    html = published("![a](media/2020/lan.png) [b](gioi-thieu.md#x) [c](#d) [e](../index.md)",
                     "pages/huong-dan.md")
    assert 'src="../../media/2020/lan.png"' in html
    assert 'href="../gioi-thieu/#x"' in html and 'href="#d"' in html
    assert 'href="../../"' in html
    assert body_url("stories/x.md", "media/a.jpg?v=1#z") == "../../media/a.jpg?v=1#z"
    assert served_link("stories/index.md", "stories/x.md") == "x/"
    assert served_link("index.md", "index.md") == "./"


def test_headings_nested_in_html_stay_in_the_raw_block():
    parts = blocks(safe_html("!!! note\n    ## Trong\n\n## Ngoài"))
    assert [type(p).__name__ for p in parts] == ["str", "Heading"]
    assert '<h2 id="trong">Trong</h2>' in parts[0]


def test_extensions_are_those_of_mkdocs_yml():
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names = [e if isinstance(e, str) else next(iter(e)) for e in config["markdown_extensions"]]
    # MkDocs always adds toc, tables and fenced_code to what mkdocs.yml lists.
    assert sorted(set(names) | {"toc", "tables", "fenced_code"}) == sorted(EXTENSIONS)


# ---- values from YAML in URL positions ----------------------------------------------------------

CLOSING = 'https://example.vn/a) <svg/onload=alert(1)> "x" `y` \\'


def test_md_url_cannot_close_a_link_or_open_html():
    page = f"[tiêu đề]({md_url(CLOSING)})"
    html = as_mkdocs(page)
    assert audit(html) == [] and "<svg" not in html
    assert html.count("<a ") == 1 and "</a></p>" in html


TODAY = date(2026, 11, 23)


def _loaded(root: Path):
    """The content as it is, errors and all (as `digest` reads it), with its index."""
    from scripts.load import load_content
    from scripts.problems import Problems
    from scripts.validate import Index
    content = load_content(root, Problems())
    return content, Index(content)


def _ctx(content):
    from scripts.render.common import Ctx
    from scripts.validate import Index
    return Ctx(content, Index(content), "restricted", TODAY)


def _story_content(**story_fields):
    content, _ = _loaded(ROOT / "tests/fixtures/four-levels/content")
    story = next(s for s in content.stories if s.id == "an-dinh-tieu-bieu")
    for name, value in story_fields.items():
        setattr(story, name, value)
    return content, story


def test_a_source_url_closing_its_link_stays_one_link(monkeypatch):
    from scripts.render.stories import render_story
    content, story = _story_content(source=m.SourceRef(title="Báo", url=CLOSING))
    html = as_mkdocs(render_story(_ctx(content), story))
    assert "<svg" not in html and "onload" not in html.replace("%3Csvg/onload", "")


def test_an_email_or_media_name_closing_its_link_stays_one_link():
    from scripts.render.cadres import render_cadre
    content, _ = _story_content()
    cadre = content.cadres[0]
    cadre.email = "a)<svg/onload=alert(1)>@example.vn"
    cadre.photo = "media/2020/a)<svg onload=alert(1)>.png"
    html = as_mkdocs(render_cadre(_ctx(content), cadre, []))
    assert "<svg" not in html


# ---- digest ------------------------------------------------------------------------------------

def test_digest_copies_values_as_text_and_names_an_unknown_unit(tmp_path):
    from shutil import copytree

    from scripts.digest import draft
    copytree(ROOT / "tests/fixtures/four-levels/content", tmp_path / "content")
    (tmp_path / "content/visits/2023/2023-03-09-x.yml").write_text(
        "date: 9/3/2023\ncadre: nguyen-thi-lan\nlocality: khong-co\nkind: work_session\n"
        "summary: Làm việc.\nproposals:\n  - text: \"[đây](javascript:alert(1)) "
        "<img src=x onerror=alert(1)>\"\n    to: \"<b>Huyện</b>\"\n", encoding="utf-8")
    content, index = _loaded(tmp_path / "content")
    _, text = draft(content, index, 2023, 3, TODAY)
    body = text.split("\n---\n", 1)[1]
    assert findings(body, 1) == []
    assert audit(published(body, "bulletins/x.md")) == []
    assert msg.digest_unknown_unit("khong-co") in text
    assert "\\[đây\\](javascript:alert(1)) &lt;img" in text


# ---- through MkDocs -----------------------------------------------------------------------------

RICH_BODY = """## Nền nếp {#nen-nep-rieng}

Ảnh: ![Buổi sinh hoạt](media/2020/lan.png) và [trang giới thiệu](../pages/gioi-thieu.md),
[mục dưới](#ket-qua-rieng), [báo](https://baodongkhoi.vn/a?b=1&c=2).

| Chỉ tiêu | Kết quả |
|:--|--:|
| Dự họp | 90% |

!!! note "Ghi chú"
    Nội dung *ghi chú*.

```html
<script>alert(1)</script>
```

## Kết quả riêng {#ket-qua-rieng}

<details><summary>Chi tiết</summary>Chữ.</details>
"""


def test_a_built_page_carries_the_clean_body_unchanged_and_its_links_work(tmp_path):
    from scripts.build import build_site
    from tests.htmlcheck import broken_links

    from .conftest import TODAY, copy_fixture
    content = copy_fixture("four-levels", tmp_path)
    story = content / "stories/an-dinh-tieu-bieu.md"
    head = story.read_text(encoding="utf-8").split("\n---\n", 1)[0]
    story.write_text(head + "\n---\n" + RICH_BODY, encoding="utf-8")
    (content / "pages/huong-dan.md").write_text(
        '---\ntitle: Hướng dẫn\ndescription: "Cách viết bài."\n---\n# Hướng dẫn\n\n'
        "Xem [bài](../stories/an-dinh-tieu-bieu.md#ket-qua-rieng).\n", encoding="utf-8")
    site = build_site(content, audience="public", out=tmp_path / "site", today=TODAY,
                      work=tmp_path / "work", log=lambda *_: None)
    assert broken_links(site) == []
    page = (site / "stories/an-dinh-tieu-bieu/index.html").read_text(encoding="utf-8")
    generated = (tmp_path / "work/public/docs/stories/an-dinh-tieu-bieu.md").read_text(
        encoding="utf-8")
    raw = re.findall(r'<div class="noi-dung">\n(.*?)\n</div>', generated, re.S)
    assert raw and all(block in page for block in raw)  # MkDocs passed each block through
    assert 'id="nen-nep-rieng"' in page and 'href="#ket-qua-rieng"' in page
    assert 'src="../../media/2020/lan.png"' in page and 'href="../../pages/gioi-thieu/"' in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    guide = (site / "pages/huong-dan/index.html").read_text(encoding="utf-8")
    assert "description:" not in guide and 'content="Cách viết bài."' in guide
