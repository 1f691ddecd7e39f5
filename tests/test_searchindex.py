"""The search index in parts: which page goes to which part, globs that match exactly a part's
pages (checked by Pagefind itself), and a part whose count is off stops the build."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from scripts import searchindex
from scripts.build import BuildError, run_pagefind

PAGES = ["index.html", "404.html", "search/index.html", "visits/index.html",
         "visits/index/chua-dat/index.html", "visits/2023-05/index.html",
         "visits/2023-05/thanh-phu/trang-2/index.html", "visits/2024-01/index.html",
         "localities/an-nhon/index.html", "stats/2023/index.html"]


def _site(folder: Path) -> Path:
    for rel in PAGES:
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f'<html lang="vi"><body><article><h1>{rel}</h1><p>Trang {rel} có '
                        f"nội dung.</p></article></body></html>", encoding="utf-8")
    return folder


def test_report_pages_go_to_their_year_and_the_rest_to_the_main_part(tmp_path):
    parts = searchindex.pages_by_part(_site(tmp_path))
    assert parts == {
        "": ["index.html", "localities/an-nhon/index.html", "search/index.html",
             "stats/2023/index.html", "visits/index.html", "visits/index/chua-dat/index.html"],
        "nam-2023": ["visits/2023-05/index.html", "visits/2023-05/thanh-phu/trang-2/index.html"],
        "nam-2024": ["visits/2024-01/index.html"]}
    assert searchindex.glob_of("", parts[""]) == (
        "{index.html,localities/**/*.html,search/**/*.html,stats/**/*.html,visits/index.html,"
        "visits/index/**/*.html}")
    assert searchindex.glob_of("nam-2023", parts["nam-2023"]) == "visits/2023-*/**/*.html"


def test_each_part_is_indexed_with_exactly_its_pages(tmp_path):
    site = _site(tmp_path)
    indexed = searchindex.build(site, None, lambda parts: run_pagefind(site, parts, 600))
    assert sorted(indexed) == ["", "nam-2023", "nam-2024"]
    counts = {p.parent.name: json.loads(p.read_text())["languages"]["vi"]["page_count"]
              for p in site.glob("pagefind/**/pagefind-entry.json")}
    assert counts == {"pagefind": 6, "nam-2023": 2, "nam-2024": 1}
    assert json.loads((site / "pagefind/parts.json").read_text()) == {
        "parts": ["nam-2024", "nam-2023"]}
    # the ready-made interfaces are not shipped; what search.js loads is, once
    assert not list(site.glob("pagefind/**/pagefind-ui.js"))
    assert [p.relative_to(site).as_posix() for p in site.glob("pagefind/**/pagefind.js")] == [
        "pagefind/pagefind.js"]
    assert [p.parent.name for p in site.glob("pagefind/**/wasm.*.pagefind")] == ["pagefind"]


def test_a_part_whose_count_is_off_stops_the_build(tmp_path):
    site = _site(tmp_path)
    with pytest.raises(BuildError) as raised:
        run_pagefind(site, [("visits/2023-*/**/*.html", "pagefind/nam-2023", 3)], 600)
    assert str(raised.value) == ("Pagefind không tạo được chỉ mục tìm kiếm:\n"
                                 "  cần lập chỉ mục 3 trang, Pagefind báo: Indexed 2 pages")


def test_a_year_without_pages_loses_its_part(tmp_path):
    site = _site(tmp_path)
    searchindex.build(site, None, lambda parts: run_pagefind(site, parts, 600))
    for rel in PAGES:
        if rel.startswith("visits/2024"):
            (site / rel).unlink()
    searchindex.build(site, site, lambda parts: run_pagefind(site, parts, 600))
    assert not (site / "pagefind/nam-2024").exists()
    assert json.loads((site / "pagefind/parts.json").read_text()) == {"parts": ["nam-2023"]}


def test_a_page_that_gives_search_no_word_is_left_out_and_not_counted(tmp_path):
    """A district's month with no report is written unsearchable (render/html.py); the writer
    lists it, Pagefind leaves it out, and the part's count expects exactly that."""
    from scripts.generate import write_pages
    from scripts.incremental import output_of
    from scripts.render.html import html_page
    docs = tmp_path / "docs"
    stats = write_pages(docs, {"visits/2023-05/thanh-phu.md": html_page("T", "<p>x</p>", False),
                               "visits/2023-05/index.md": html_page("T", "<p>y</p>")}, {})
    assert stats.unsearchable == ["visits/2023-05/thanh-phu.md"]
    hidden = {output_of(rel) for rel in stats.unsearchable}
    assert hidden == {"visits/2023-05/thanh-phu/index.html"}
    site = _site(tmp_path / "site")
    page = site / "visits/2023-05/thanh-phu/index.html"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text('<html lang="vi"><body><article><div data-pagefind-ignore="all"><h1>Tháng'
                    "</h1><p>Chưa có báo cáo.</p></div></article></body></html>", encoding="utf-8")
    assert "visits/2023-05/thanh-phu/index.html" not in \
        searchindex.pages_by_part(site, hidden)["nam-2023"]
    searchindex.build(site, None, lambda parts: run_pagefind(site, parts, 600), hidden)
    with pytest.raises(BuildError, match="cần lập chỉ mục 3 trang, Pagefind báo: Indexed 2"):
        searchindex.build(site, None, lambda parts: run_pagefind(site, parts, 600))
