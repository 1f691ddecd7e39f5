"""Hostile and careless input that a case file cannot hold: symlinked folders, the `new` command,
inputs too large or too deep to write by hand, and restricted pages kept out of a public build."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from scripts import model as m
from scripts.cli import main
from scripts.load import load_content
from scripts.load.convert import MAX_DIGITS
from scripts.pipeline import for_audience, load_and_validate
from scripts.problems import Problems
from scripts.render import render_site
from scripts.render.common import fmt_number

from .conftest import TODAY, copy_fixture

CHECK = ["check", "--today", "2026-11-23"]
TODAY_ARG = ["--today", "2026-11-23"]


def check_output(capsys) -> tuple[int, list[str]]:
    code = main(CHECK)
    return code, capsys.readouterr().out.splitlines()


# ---- symlinks: nothing outside content/ is read, folders included --------------------------------

def test_pages_folder_symlinked_outside_is_not_read(workdir, capsys):
    content = copy_fixture("four-levels", workdir)
    outside = workdir / "ngoai"
    outside.mkdir()
    (outside / "bi-mat.md").write_text("# Bí mật\n\nNội dung ngoài content.\n", encoding="utf-8")
    for page in (content / "pages").iterdir():
        page.unlink()
    (content / "pages").rmdir()
    os.symlink(outside, content / "pages")
    code, out = check_output(capsys)
    assert code == 1
    assert out == [
        'content/pages:1: thư mục "pages" là liên kết (symlink) trỏ ra ngoài thư mục content/; '
        "không đọc liên kết, hãy đặt tệp thật vào đây",
        "Có 1 lỗi. Hãy sửa các lỗi trên rồi chạy lại."]
    loaded = load_content(content, Problems())
    assert loaded.pages == []


def test_nested_symlinked_folder_is_reported_not_followed(workdir, capsys):
    content = copy_fixture("four-levels", workdir)
    outside = workdir / "ngoai"
    outside.mkdir()
    (outside / "2023-05-02-an-dinh.yml").write_text("~\n", encoding="utf-8")
    os.symlink(outside, content / "visits/2024")
    os.symlink(content / "media/2020", content / "media/lien-ket")
    code, out = check_output(capsys)
    assert code == 1
    assert out == [
        'content/media/lien-ket:1: thư mục "lien-ket" là liên kết (symlink) trỏ tới chỗ khác '
        "trong content/; không đọc liên kết, hãy đặt tệp thật vào đây",
        'content/visits/2024:1: thư mục "2024" là liên kết (symlink) trỏ ra ngoài thư mục '
        "content/; không đọc liên kết, hãy đặt tệp thật vào đây",
        "Có 2 lỗi. Hãy sửa các lỗi trên rồi chạy lại."]


def test_file_name_that_is_not_utf8_is_reported_printably(workdir, capsys):
    content = copy_fixture("four-levels", workdir)
    (content / os.fsdecode(b"stories/b\xe1o.md")).write_bytes(b"---\n---\n")
    code, out = check_output(capsys)
    assert code == 1
    assert out[0] == ("content/stories/b?o.md:1: tên tệp hoặc thư mục không phải UTF-8 "
                      "(ký tự lạ hiện là ?); hãy đổi tên")


# ---- pages honour visibility --------------------------------------------------------------------

RESTRICTED_PAGE = """---
title: Danh sách nội bộ
description: Chỉ cho cán bộ.
visibility: restricted
---
# Không dùng tiêu đề này

MA-TRANG-NOI-BO
"""


def test_page_front_matter_is_converted_and_body_kept_apart(workdir):
    content = copy_fixture("four-levels", workdir)
    (content / "pages/noi-bo.md").write_text(RESTRICTED_PAGE, encoding="utf-8")
    loaded = load_and_validate(content, today=TODAY)
    page = next(p for p in loaded.content.pages if p.path == "noi-bo.md")
    assert (page.title, page.description, page.visibility) == (
        "Danh sách nội bộ", "Chỉ cho cán bộ.", "restricted")
    assert page.body.startswith("# Không dùng tiêu đề này") and "visibility" not in page.body
    assert page.body_line == 6
    assert page.loc.path.endswith("content/pages/noi-bo.md")
    plain = next(p for p in loaded.content.pages if p.path == "gioi-thieu.md")
    assert (plain.title, plain.visibility, plain.body_line) == ("Giới thiệu", "public", 1)


def test_page_title_defaults_to_heading_then_file_name(workdir):
    content = copy_fixture("four-levels", workdir)
    (content / "pages/khong-tieu-de.md").write_text("---\nvisibility: public\n---\nChữ.\n",
                                                     encoding="utf-8")
    loaded = load_and_validate(content, today=TODAY)
    page = next(p for p in loaded.content.pages if p.path == "khong-tieu-de.md")
    assert page.title == "Khong tieu de"


def test_public_build_leaves_restricted_page_out(workdir):
    content = copy_fixture("four-levels", workdir)
    (content / "pages/noi-bo.md").write_text(RESTRICTED_PAGE, encoding="utf-8")
    loaded = load_and_validate(content, today=TODAY)
    public = for_audience(loaded.content, "public")
    assert [p.path for p in public.pages] == ["gioi-thieu.md"]
    pages = render_site(public, "public", TODAY)
    assert "pages/noi-bo.md" not in pages
    assert not any("MA-TRANG-NOI-BO" in text or "Danh sách nội bộ" in text
                   for text in pages.values() if isinstance(text, str))  # not the workbooks
    restricted = render_site(for_audience(loaded.content, "restricted"), "restricted", TODAY)
    assert "MA-TRANG-NOI-BO" in restricted["pages/noi-bo.md"]


def test_site_default_can_make_pages_restricted(workdir):
    content = copy_fixture("four-levels", workdir)
    site = content / "site.yml"
    site.write_text(site.read_text(encoding="utf-8") + "  pages: restricted\n", encoding="utf-8")
    loaded = load_and_validate(content, today=TODAY)
    assert for_audience(loaded.content, "public").pages == []


# ---- front matter: `---` inside a block scalar ------------------------------------------------------

def test_indented_dashes_stay_in_the_block_scalar(workdir):
    content = copy_fixture("four-levels", workdir)
    (content / "stories/thu.md").write_text(
        "---\ntitle: Thử\ndate: 2023-05-01\nkind: lesson\nlocality: an-nhon\nsummary: |\n"
        "  Đoạn một.\n  ---\n  Đoạn hai.\n---\nThân bài.\n", encoding="utf-8")
    loaded = load_and_validate(content, today=TODAY)
    story = next(s for s in loaded.content.stories if s.id == "thu")
    assert story.summary == "Đoạn một.\n---\nĐoạn hai."
    assert (story.body, story.body_line) == ("Thân bài.\n", 11)


# ---- huge and deep inputs ---------------------------------------------------------------------------

VISIT = "date: 2023-05-02\ncadre: nguyen-thi-lan\nlocality: an-nhon-an-dinh\nkind: other\n"


@pytest.mark.parametrize("nesting", [
    "summary: " + "[" * 5000 + "]" * 5000,
    "summary: " + "{a: " * 3000 + "b" + "}" * 3000,
    "summary: x\nmeeting:\n" + "".join("  " * (i + 1) + f"k{i}:\n" for i in range(1000)) + "  x: 1",
    "summary: x\nfindings:\n" + "".join("  " * i + "- \n" for i in range(1, 800)) + "  " * 800 + "- x",
])
def test_deep_nesting_is_a_message_with_its_line(nesting, workdir, capsys):
    content = copy_fixture("four-levels", workdir)
    (content / "visits/2023/2023-05-02-an-dinh.yml").write_text(VISIT + nesting + "\n",
                                                                 encoding="utf-8")
    code, out = check_output(capsys)
    assert code == 1
    assert len(out) == 2
    assert out[0].startswith("content/visits/2023/2023-05-02-an-dinh.yml:")
    assert out[0].endswith(": dữ liệu lồng nhau quá sâu (hơn 20 tầng); định dạng chỉ cần vài "
                           "tầng, ví dụ `meeting:` rồi dòng dưới `  members_total: 32`")
    line = int(out[0].split(":")[1])
    assert 5 <= line <= 30


def test_many_hidden_characters_are_reported_once_per_line(workdir, capsys):
    content = copy_fixture("four-levels", workdir)
    body = ("chữ\u200b" * 2000 + "\n") * 50
    (content / "pages/an.md").write_text("# Ẩn\n" + body, encoding="utf-8")
    code, out = check_output(capsys)
    assert code == 1
    assert len(out) == 51
    assert out[0].startswith("content/pages/an.md:2: có ký tự ẩn có độ rộng bằng không U+200B "
                             "ở cột 4;")


@pytest.mark.parametrize("value", ["9" * MAX_DIGITS, "-" + "9" * MAX_DIGITS,
                                   "9" * (MAX_DIGITS - 2) + ".99", "0.5", "-0.25", "0"])
def test_every_accepted_number_formats(value, workdir):
    content = copy_fixture("four-levels", workdir)
    (content / "stories/so.md").write_text(
        "---\ntitle: Số\ndate: 2023-05-01\nkind: lesson\nlocality: an-nhon\nsummary: x\n"
        f"results:\n  - {{label: Số, value: {value}, unit: hộ}}\n---\n", encoding="utf-8")
    loaded = load_and_validate(content, today=TODAY)
    story = next(s for s in loaded.content.stories if s.id == "so")
    assert fmt_number(story.results[0].value)
    assert render_site(loaded.content, "restricted", TODAY)["stories/so.md"]


# ---- `new` ------------------------------------------------------------------------------------------

def new(*args) -> list[str]:
    return ["new", *args, *TODAY_ARG]


def test_new_story_with_a_title_that_gives_no_id(workdir, capsys):
    content = copy_fixture("four-levels", workdir)
    before = sorted(content.rglob("*"))
    assert main(new("story", "--title", "日本語の記事", "--locality", "an-nhon")) == 1
    assert capsys.readouterr().out == (
        "tiêu đề không cho ra mã (không có chữ cái a-z hay chữ số nào); hãy thêm --id, "
        "ví dụ --id chi-bo-ap-1\n")
    assert sorted(content.rglob("*")) == before


@pytest.mark.parametrize("given, message", [
    ("../../../x", '--id: mã "../../../x" không hợp lệ; cần chữ thường không dấu, số và dấu gạch '
                   'nối, ví dụ "xom-moi-duong-hoa"; có thể dùng "x"'),
    ("/tmp/x", '--id: mã "/tmp/x" không hợp lệ; cần chữ thường không dấu, số và dấu gạch nối, '
               'ví dụ "xom-moi-duong-hoa"; có thể dùng "tmp-x"'),
    ("index", '--id: mã "index" trùng tên dành riêng (tên của trang danh sách mỗi mục); hãy đặt '
              'mã khác, ví dụ "index-1"'),
    ("nul", '--id: mã "nul" trùng tên dành riêng (tên thiết bị, Windows không tạo được tệp tên '
            'này); hãy đặt mã khác, ví dụ "nul-1"'),
    ("a" * 101, "--id: mã dài 101 ký tự; tối đa 100 ký tự (mã là một phần địa chỉ trang và tên "
                'tệp), ví dụ "xom-moi-duong-hoa"'),
    ("", "--id: mã \"\" không hợp lệ; cần chữ thường không dấu, số và dấu gạch nối, ví dụ "
         '"xom-moi-duong-hoa"'),
])
def test_new_refuses_an_id_that_is_not_an_id(given, message, workdir, capsys):
    content = copy_fixture("four-levels", workdir)
    before = sorted(p.as_posix() for p in workdir.rglob("*"))
    assert main(new("story", "--title", "Thử", "--locality", "an-nhon", "--id", given)) == 1
    assert capsys.readouterr().out == message + "\n"
    assert sorted(p.as_posix() for p in workdir.rglob("*")) == before
    assert not (content.parent.parent / "x").exists()


def test_new_refuses_an_id_used_in_another_file(workdir, capsys):
    copy_fixture("four-levels", workdir)
    assert main(new("story", "--title", "Chi bộ ấp An Định sinh hoạt", "--id",
                    "an-dinh-tieu-bieu", "--locality", "an-nhon")) == 1
    assert capsys.readouterr().out == (
        'mã bài điển hình "an-dinh-tieu-bieu" đã có ở content/stories/an-dinh-tieu-bieu.md:2; '
        "hãy sửa tệp đó hoặc chọn --id khác\n")
    assert not (workdir / "content/stories/2026").exists()


def test_new_cadre_names_the_file_holding_the_id(workdir, capsys):
    copy_fixture("four-levels", workdir)
    assert main(new("cadre", "--name", "Nguyễn Thị Lan")) == 1
    assert capsys.readouterr().out == (
        'mã cán bộ "nguyen-thi-lan" đã có ở content/cadres/huyen.yml:1; hãy sửa tệp đó hoặc '
        "chọn --id khác\n")


def test_new_title_that_makes_a_reserved_id(workdir, capsys):
    copy_fixture("four-levels", workdir)
    assert main(new("story", "--title", "Index", "--locality", "an-nhon")) == 1
    assert capsys.readouterr().out == (
        '--title: mã "index" trùng tên dành riêng (tên của trang danh sách mỗi mục); hãy đặt mã '
        'khác, ví dụ "index-1"\n')


def test_new_long_title_gives_an_id_cut_at_a_word(workdir, capsys):
    copy_fixture("four-levels", workdir)
    title = " ".join(["Chi bộ ấp An Định làm đường"] * 10)
    assert main(new("story", "--title", title, "--locality", "an-nhon")) == 0
    path = Path(capsys.readouterr().out.split()[2].rstrip("."))
    assert len(path.stem) <= 100 and not path.stem.endswith("-")
    assert main(CHECK) == 1  # blanks to fill, but the file name itself is accepted
    assert "id:" not in capsys.readouterr().out


def test_new_never_writes_outside_content_through_a_symlink(workdir, capsys):
    content = copy_fixture("four-levels", workdir)
    outside = workdir / "ngoai"
    outside.mkdir()
    os.symlink(outside, content / "stories/2026")
    assert main(new("story", "--title", "Thử", "--locality", "an-nhon")) == 1
    assert capsys.readouterr().out == (
        "tệp mới content/stories/2026/thu.md sẽ nằm ngoài thư mục content/; --id chỉ gồm chữ "
        "thường không dấu, số và dấu gạch nối\n")
    assert list(outside.iterdir()) == []


def test_page_model_keeps_its_interface():
    page = m.Page(path="a.md", title="A", body="x", body_line=3, loc=m.Loc("p", 1))
    assert (page.path, page.title, page.body, page.body_line, page.visibility) == (
        "a.md", "A", "x", 3, None)
