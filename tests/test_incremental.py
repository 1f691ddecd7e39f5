"""Rebuild only what changed: an incremental build makes exactly what a full build makes, and
starts from the served version only when nothing it depends on besides the pages changed."""
from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

from scripts.build import build_site

from .conftest import TODAY, copy_fixture


def _build(content: Path, out: Path, work: Path, **kwargs) -> Path:
    return build_site(content, audience="restricted", out=out, today=TODAY, work=work,
                      log=lambda *_: None, **kwargs).resolve()


def _files(site: Path) -> dict[str, str]:
    """Every file but Pagefind's index (its chunk names vary between runs on the same pages)."""
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in site.rglob("*") if p.is_file() and "pagefind" not in p.parts}


def _edit(content: Path) -> None:
    """A new report, an edited story, a deleted story (and the reference to it)."""
    report = content / "visits/2023/2023-03-05-an-dinh.yml"
    new = report.read_text(encoding="utf-8").replace("2023-03-05", "2023-06-07").replace(
        "2023-05-20", "2023-06-20")  # answered after the new visit
    (content / "visits/2023/2023-06-07-an-dinh.yml").write_text(new, encoding="utf-8")
    story = content / "stories/duong-hoa-an-nhon.md"
    story.write_text(story.read_text(encoding="utf-8") + "\nĐoạn mới sau biên tập.\n",
                     encoding="utf-8")


def test_incremental_build_equals_a_full_build_byte_for_byte(tmp_path):
    content = copy_fixture("four-levels", tmp_path)
    first = _build(content, tmp_path / "site", tmp_path / "work")
    before = {rel: (first / rel).stat().st_mtime_ns for rel in _files(first)}
    _edit(content)
    again = _build(content, tmp_path / "site", tmp_path / "work")
    full = _build(content, tmp_path / "full", tmp_path / "work-full")
    assert again != first and _files(again) == _files(full)
    # unchanged pages were carried over, not rendered again; the edited story was
    assert (again / "cadres/index.html").stat().st_mtime_ns == before["cadres/index.html"]
    story = "stories/duong-hoa-an-nhon/index.html"
    assert (again / story).stat().st_mtime_ns > before[story]
    assert "Đoạn mới sau biên tập." in (again / story).read_text(encoding="utf-8")
    assert not first.exists()  # the previous version is gone once the new one is served


def test_a_deleted_record_leaves_no_page_behind(tmp_path):
    content = copy_fixture("four-levels", tmp_path)
    first = _build(content, tmp_path / "site", tmp_path / "work")
    assert (first / "pages/gioi-thieu/index.html").exists()
    (content / "pages/gioi-thieu.md").unlink()
    again = _build(content, tmp_path / "site", tmp_path / "work")
    full = _build(content, tmp_path / "full", tmp_path / "work-full")
    assert not (again / "pages/gioi-thieu/index.html").exists()
    assert _files(again) == _files(full)


def test_another_address_or_a_lost_stamp_means_a_full_build(tmp_path):
    content = copy_fixture("four-levels", tmp_path)
    first = _build(content, tmp_path / "site", tmp_path / "work",
                   site_url="https://bantin.intranet.local/")
    mtime = (first / "topics/index.html").stat().st_mtime_ns
    again = _build(content, tmp_path / "site", tmp_path / "work",
                   site_url="https://bantin-noibo.intranet.local/")
    assert (again / "topics/index.html").stat().st_mtime_ns > mtime
    assert "bantin-noibo.intranet.local" in (again / "topics/index.html").read_text(
        encoding="utf-8")
    # a stamp that is gone or garbled is a full build too, with the same result
    expected = _files(again)
    (tmp_path / "work/restricted/last-build.json").write_text("{garbled", encoding="utf-8")
    third = _build(content, tmp_path / "site", tmp_path / "work",
                   site_url="https://bantin-noibo.intranet.local/")
    assert _files(third) == expected


def test_the_served_version_is_never_written_to(tmp_path):
    """Files are shared by hard links between the served version and the next one: every
    writer must replace them. The served version's bytes stay as they were until it is gone."""
    content = copy_fixture("four-levels", tmp_path)
    first = _build(content, tmp_path / "site", tmp_path / "work")
    keep = tmp_path / "kept"
    shutil.copytree(first, keep, copy_function=os.link)  # more links to the same files
    expected = _files(keep)
    _edit(content)
    _build(content, tmp_path / "site", tmp_path / "work")
    assert _files(keep) == expected


def test_a_changed_page_is_rendered_again_whatever_its_file_time_says(tmp_path):
    """A docs file restored with an old time (an unpacked cache, a clock set back) is still
    known to differ from what the served version was rendered from."""
    content = copy_fixture("four-levels", tmp_path)
    _build(content, tmp_path / "site", tmp_path / "work")
    docs = tmp_path / "work/restricted/docs"
    page = docs / "topics/sinh-hoat-chi-bo.md"
    old_time = page.stat().st_mtime_ns
    page.write_text(page.read_text(encoding="utf-8").replace("</h1>", "</h1>\n<p>Thêm.</p>", 1),
                    encoding="utf-8")
    os.utime(page, ns=(old_time - 10**10, old_time - 10**10))  # older than the served page
    again = _build_docs_only(tmp_path)
    assert "<p>Thêm.</p>" in (again / "topics/sinh-hoat-chi-bo/index.html").read_text(
        encoding="utf-8")


def _build_docs_only(tmp_path: Path) -> Path:
    """The MkDocs part of a build on the docs folder as it stands (the generator would write
    the page back as it was)."""
    from scripts import build, incremental, output
    out = output.absolute(tmp_path / "site")
    docs = build.docs_dir("restricted", tmp_path / "work")
    stamp = incremental.read_stamp(tmp_path / "work/restricted")
    staging = output.new_staging(out)
    incremental.mark_changed(docs, stamp, incremental.sources_of(docs))
    incremental.seed(staging, output.served(out), set())
    build.run_mkdocs(docs, staging, {}, dirty=True)
    return staging


def _search_parts(site: Path) -> dict[str, int]:
    """Each part of the search index and the pages it holds, as Pagefind wrote them."""
    import json
    return {entry.parent.relative_to(site).as_posix(): json.loads(entry.read_text())
            ["languages"]["vi"]["page_count"] for entry in site.glob("pagefind/**/pagefind-entry.json")}


def test_only_the_search_index_parts_whose_pages_changed_are_made_again(tmp_path):
    """A report of 2023 added and a story edited: the 2023 part and the main part are indexed
    again, the parts of later years are carried over as they were (the same files), and every
    part holds what a full build's does."""
    content = copy_fixture("four-levels", tmp_path)
    first = _build(content, tmp_path / "site", tmp_path / "work")
    parts = _search_parts(first)
    assert set(parts) == {"pagefind", "pagefind/nam-2023", "pagefind/nam-2024",
                          "pagefind/nam-2025", "pagefind/nam-2026"}
    inode = {part: (first / part / "pagefind-entry.json").stat().st_ino for part in parts}
    _edit(content)
    again = _build(content, tmp_path / "site", tmp_path / "work")
    full = _build(content, tmp_path / "full", tmp_path / "work-full")
    assert _search_parts(again) == _search_parts(full)
    assert _search_parts(again)["pagefind/nam-2023"] == parts["pagefind/nam-2023"] + 1
    kept = {part for part in parts
            if (again / part / "pagefind-entry.json").stat().st_ino == inode[part]}
    assert kept == {"pagefind/nam-2024", "pagefind/nam-2025", "pagefind/nam-2026"}
    manifest = (again / "pagefind/parts.json").read_text(encoding="utf-8")
    assert manifest == (full / "pagefind/parts.json").read_text(encoding="utf-8")
    assert manifest == '{"parts": ["nam-2026", "nam-2025", "nam-2024", "nam-2023"]}'


def test_mkdocs_on_two_cores_makes_what_one_makes(tmp_path):
    """A full build shares the pages between two MkDocs children: every file it writes is the
    one a single MkDocs writes, and none is missing or extra."""
    from scripts import build
    content = copy_fixture("four-levels", tmp_path)
    _build(content, tmp_path / "site", tmp_path / "work")
    docs = build.docs_dir("restricted", tmp_path / "work")
    build.run_mkdocs(docs, tmp_path / "one", {}, jobs=1)
    build.run_mkdocs(docs, tmp_path / "two", {}, jobs=2)
    one, two = _files(tmp_path / "one"), _files(tmp_path / "two")
    assert len(one) > 100 and one == two
