"""End to end: build a small content tree with MkDocs and read the HTML it produced."""
from __future__ import annotations

from pathlib import Path

import pytest

from scripts.build import build_site, generate
from scripts.cli import main
from scripts.problems import ContentError

from .conftest import TODAY, copy_fixture
from .htmlcheck import broken_links, text_of


def build(content: Path, tmp: Path, audience: str) -> Path:
    return build_site(content, audience=audience, out=tmp / f"site-{audience}", today=TODAY,
                      work=tmp / "work", log=lambda *_: None)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("built")
    content = copy_fixture("four-levels", tmp)
    return {audience: build(content, tmp, audience) for audience in ("public", "restricted")}


PAGES = ["index.html", "stories/index.html", "stories/an-dinh-tieu-bieu/index.html",
         "localities/index.html", "localities/an-nhon-an-dinh/index.html",
         "cadres/index.html", "cadres/nguyen-thi-lan/index.html", "visits/index.html",
         "proposals/index.html", "bulletins/index.html", "bulletins/ban-tin-2023-05/index.html",
         "topics/sinh-hoat-chi-bo/index.html", "pages/gioi-thieu/index.html",
         "media/2020/lan.png"]


@pytest.mark.parametrize("audience", ["public", "restricted"])
def test_every_page_kind_is_built(built, audience):
    missing = [p for p in PAGES if not (built[audience] / p).exists()]
    assert missing == []


@pytest.mark.parametrize("audience", ["public", "restricted"])
def test_no_broken_internal_link(built, audience):
    assert broken_links(built[audience]) == []


def test_pages_are_in_vietnamese_with_titles(built):
    html = (built["public"] / "stories/an-dinh-tieu-bieu/index.html").read_text(encoding="utf-8")
    assert '<html lang="vi"' in html
    assert "<title>Chi bộ ấp An Định sinh hoạt nền nếp" in html
    text = text_of(built["public"] / "stories/an-dinh-tieu-bieu/index.html")
    assert "Địa bàn: Tỉnh Bến Tre › Huyện Thạnh Phú › Xã An Nhơn › Ấp An Định" in text
    assert "Tỷ lệ dự họp 82,5 %" in text
    assert "Nguồn: «Những chuyển biến rõ nét», Báo Đồng Khởi, 20/02/2017." in text


def test_yaml_text_is_shown_as_text_never_as_html(built):
    html = (built["restricted"] / "visits/2023-03/thanh-phu/index.html").read_text(encoding="utf-8")
    assert "Đề nghị lắp đèn đường &lt;b&gt;ấp&lt;/b&gt; &amp; *khu dân cư*." in html
    assert "<b>ấp</b>" not in html


def test_each_visit_report_has_its_own_anchor(built):
    html = (built["restricted"] / "visits/2023-03/thanh-phu/index.html").read_text(encoding="utf-8")
    assert 'id="2023-03-05-an-dinh"' in html


def test_public_build_leaves_out_restricted_records_and_contacts(built):
    public = "\n".join(p.read_text(encoding="utf-8") for p in built["public"].rglob("*.html"))
    restricted = "\n".join(p.read_text(encoding="utf-8")
                           for p in built["restricted"].rglob("*.html"))
    for secret in ("0275 3 812 345", "lan.nt@example.vn", "Tuyến đường hoa ở xã An Nhơn",
                   "Chi bộ sinh hoạt đúng giờ, nội dung chuẩn bị chu đáo."):
        assert secret not in public
        assert secret in restricted
    assert not (built["public"] / "stories/duong-hoa-an-nhon").exists()


def test_people_are_listed_by_given_name(built):
    text = text_of(built["public"] / "cadres/index.html")
    tail = text[text.rindex("Tất cả cán bộ"):]
    assert tail.index("Trần Văn An") < tail.index("Lê Văn Bình") < tail.index("Nguyễn Thị Lan")


def test_two_level_site_builds(tmp_path):
    content = copy_fixture("two-levels", tmp_path)
    site = build(content, tmp_path, "public")
    text = text_of(site / "localities/ba-che/index.html")
    assert "Địa bàn › Tỉnh Quảng Ninh" in text
    assert "Hoàng Văn Trường" in text
    assert broken_links(site) == []


def test_failed_build_leaves_previous_site_untouched(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    content = copy_fixture("four-levels", tmp_path)
    assert main(["build", "--today", "2026-11-23"]) == 0
    site = tmp_path / "site"
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    (content / "visits/2023/2023-04-10-an-nhon.yml").write_text(
        "date: 2023-04-10\ncadre: le-van-binh\nlocality: an-nhon\nkind: meting\nsummary: x\n",
        encoding="utf-8")
    capsys.readouterr()
    assert main(["build", "--today", "2026-11-23"]) == 1
    out = capsys.readouterr().out
    assert out.splitlines()[-3:] == [
        'content/visits/2023/2023-04-10-an-nhon.yml:4: kind: giá trị "meting" không hợp lệ; '
        "cần một trong: branch_meeting, committee_meeting, work_session, field_survey, "
        'citizen_dialogue, other; có phải "branch_meeting"?',
        "Có 1 lỗi. Hãy sửa các lỗi trên rồi chạy lại.",
        "Chưa dựng lại: trang đã dựng lần trước vẫn giữ nguyên."]
    after = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before


def test_second_generation_rewrites_no_file(tmp_path):
    content = copy_fixture("four-levels", tmp_path)
    first = generate(content, "restricted", TODAY, True, tmp_path / "work")
    docs = tmp_path / "work/restricted/docs"
    times = {p: p.stat().st_mtime_ns for p in docs.rglob("*") if p.is_file()}
    second = generate(content, "restricted", TODAY, True, tmp_path / "work")
    assert first.stats.written > 0
    assert second.stats.written == 0 and second.stats.removed == 0
    assert {p: p.stat().st_mtime_ns for p in docs.rglob("*") if p.is_file()} == times


def test_generation_removes_pages_of_deleted_records(tmp_path):
    content = copy_fixture("four-levels", tmp_path)
    generate(content, "restricted", TODAY, True, tmp_path / "work")
    (content / "stories/duong-hoa-an-nhon.md").unlink()
    (content / "bulletins/ban-tin-2023-05.md").write_text(
        "---\ntitle: Bản tin\nnumber: 12\ndate: 2023-05-31\n---\n", encoding="utf-8")
    result = generate(content, "restricted", TODAY, True, tmp_path / "work")
    assert result.stats.removed == 1
    assert not (tmp_path / "work/restricted/docs/stories/duong-hoa-an-nhon.md").exists()


def test_content_errors_raise_with_every_problem(tmp_path):
    content = copy_fixture("four-levels", tmp_path)
    (content / "cadres/extra.yml").write_text(
        "- id: Sai Ma\n  name: x\n- id: ok\n", encoding="utf-8")
    with pytest.raises(ContentError) as err:
        generate(content, "public", TODAY, True, tmp_path / "work")
    # one bad id, and four missing fields in the second record: all reported at once
    assert [(p.line, p.field) for p in err.value.problems.sorted()] == [
        (1, "id"), (1, "level"), (1, "organization"), (1, "title"), (3, "level"),
        (3, "name"), (3, "organization"), (3, "title")]


def test_preview_after_a_story_edit_writes_what_a_full_generation_would(tmp_path):
    from scripts.build import Regenerator
    content = copy_fixture("four-levels", tmp_path)
    preview = Regenerator(content, "restricted", TODAY, tmp_path / "preview")
    preview.run()
    story = content / "stories/an-dinh-tieu-bieu.md"
    story.write_text(story.read_text(encoding="utf-8").replace(
        "title: Chi bộ ấp An Định sinh hoạt nền nếp", "title: Chi bộ An Định, tên mới").replace(
        "locality: an-nhon-an-dinh", "locality: an-nhon-ap-2"), encoding="utf-8")
    partial = preview.run({story})
    assert 0 < partial.stats.written < 15  # the story's pages, not the whole site
    generate(content, "restricted", TODAY, True, tmp_path / "full")

    def tree(folder):
        return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    assert tree(tmp_path / "preview/restricted/docs") == tree(tmp_path / "full/restricted/docs")
