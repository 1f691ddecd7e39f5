"""Vietnamese text helpers: collation, folding, slugs, dates, Markdown escaping."""
from datetime import date

import pytest

from scripts.render.common import fmt_number
from scripts.text import fold, format_date, md_text, parse_date, person_sort_key, slugify, sort_key


def test_alphabet_order_is_vietnamese_not_code_point():
    words = ["Đồn Đạc", "Ấp 2", "Bình", "An Định", "Dương", "Ắc", "Ơn", "Ô", "Ba"]
    assert sorted(words, key=sort_key) == [
        "An Định", "Ắc", "Ấp 2", "Ba", "Bình", "Dương", "Đồn Đạc", "Ô", "Ơn"]


def test_tones_sort_after_letters_in_conventional_order():
    # ngang, huyền, hỏi, ngã, sắc, nặng
    assert sorted(["má", "mạ", "mà", "ma", "mã", "mả"], key=sort_key) == [
        "ma", "mà", "mả", "mã", "má", "mạ"]


def test_numbers_sort_by_value():
    assert sorted(["Ấp 10", "Ấp 2", "Ấp 1"], key=sort_key) == ["Ấp 1", "Ấp 2", "Ấp 10"]


def test_people_sort_by_given_name_then_the_rest():
    names = ["Nguyễn Thị Bình", "Trần Văn An", "Lê Văn Ân", "Đỗ An"]
    assert sorted(names, key=person_sort_key) == [
        "Đỗ An", "Trần Văn An", "Lê Văn Ân", "Nguyễn Thị Bình"]


def test_nfd_and_nfc_sort_the_same():
    import unicodedata
    nfd = unicodedata.normalize("NFD", "Ấp")
    assert sort_key(nfd)[:2] == sort_key("Ấp")[:2]


@pytest.mark.parametrize("text, folded", [
    ("Đồn Đạc", "don dac"), ("đảng viên", "dang vien"), ("Xóm Mới", "xom moi"),
    ("ĐƯỜNG HOA", "duong hoa")])
def test_fold_removes_every_mark_including_d_stroke(text, folded):
    assert fold(text) == folded


def test_slugify():
    assert slugify("Chi bộ ấp Đồn Đạc") == "chi-bo-ap-don-dac"
    assert slugify("  Bản tin tháng 5/2023! ") == "ban-tin-thang-5-2023"


@pytest.mark.parametrize("text, expected", [
    ("2017-03-05", date(2017, 3, 5)), ("5/3/2017", date(2017, 3, 5)),
    ("05/03/2017", date(2017, 3, 5)), ("2017-02-29", None), ("31/4/2023", None),
    ("5.3.2017", None), ("2017-3-5", None), ("", None)])
def test_parse_date_accepts_exactly_two_forms(text, expected):
    assert parse_date(text) == expected


def test_format_date_is_day_first():
    assert format_date(date(2023, 5, 7)) == "07/05/2023"


@pytest.mark.parametrize("text, expected", [
    ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ("*đậm* và _nghiêng_", r"\*đậm\* và \_nghiêng\_"),
    ("[liên kết](https://x)", r"\[liên kết\](https://x)"),
    ("# không phải tiêu đề", r"\# không phải tiêu đề"),
    ("1. không phải danh sách", r"1\. không phải danh sách"),
    ("cột | cột", r"cột \| cột"),
    ("{: .lop }", r"\{: .lop \}"),
    ("dòng một\ndòng hai", "dòng một dòng hai"),
])
def test_md_text_shows_yaml_values_as_text(text, expected):
    assert md_text(text) == expected


@pytest.mark.parametrize("value, shown", [
    (5075, "5.075"), (82.21, "82,21"), (0.001, "0"), (1.999, "2"), (-0.5, "-0,5"),
    (12345.678, "12.345,68"), (2.0, "2"), (10**14, "100.000.000.000.000"), (-1234.5, "-1.234,5"),
    (999999999999999, "999.999.999.999.999"),
])
def test_numbers_in_vietnamese_style_at_any_size(value, shown):
    assert fmt_number(value) == shown


def test_a_space_sorts_before_any_letter():
    assert sorted(["Xã Đông Hiệp", "Xã Đồn Đạc", "Xã Đông", "Xã Đôn"], key=sort_key) == [
        "Xã Đôn", "Xã Đồn Đạc", "Xã Đông", "Xã Đông Hiệp"]
    assert sorted(["An Nhơn", "An", "Anh Dũng"], key=sort_key) == ["An", "An Nhơn", "Anh Dũng"]


def test_old_and_new_tone_placement_sort_as_one():
    assert sort_key("Hoà Bình")[:2] == sort_key("Hòa Bình")[:2]
    assert sort_key("Thuỷ")[:2] == sort_key("Thủy")[:2]
    # letters first over the whole name, tones only between names with the same letters
    names = ["Phường Hòa Bình", "Phường Hoà An", "Phường Hòa Cường", "Phường Hoa Lư"]
    assert sorted(names, key=sort_key) == [
        "Phường Hoà An", "Phường Hòa Bình", "Phường Hòa Cường", "Phường Hoa Lư"]
