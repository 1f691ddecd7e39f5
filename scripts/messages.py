"""Every message an editor can see, in Vietnamese, in one place.

Each message says what was expected and what was found, with an example where one helps.
Tests compare these texts word for word, so change them here and in the test cases together.
"""
from __future__ import annotations

DATE_FORMS = "YYYY-MM-DD (ví dụ 2017-03-05) hoặc D/M/YYYY (ví dụ 5/3/2017)"

KIND_NAMES = {
    "level": "cấp",
    "locality": "địa bàn",
    "cadre": "cán bộ",
    "topic": "chủ đề",
    "visit": "báo cáo",
    "story": "bài điển hình",
    "bulletin": "bản tin",
    "assignment": "phân công",
    "proposal": "kiến nghị",
    "page": "trang",
}


def _q(value: object) -> str:
    return f'"{value}"'


def _suggest(candidates: list[str]) -> str:
    return f'; có phải {_q(candidates[0])}?' if candidates else ""


# ---- reading files -------------------------------------------------------------------------

YAML_ALIAS = "không dùng neo/tham chiếu YAML (& và *); hãy viết đầy đủ giá trị"
YAML_MANY_DOCUMENTS = "tệp chỉ được có một tài liệu YAML; hãy xóa dòng `---` thừa"
YAML_COMPLEX_KEY = "khóa phải là một chuỗi đơn giản, ví dụ `name:`"
NOT_UTF8 = "tệp không phải UTF-8; hãy lưu lại với bảng mã UTF-8"
TAB_INDENT = "thụt lề bằng ký tự tab; YAML chỉ chấp nhận dấu cách"
FRONT_MATTER_MISSING = "thiếu phần đầu YAML; tệp phải bắt đầu bằng dòng `---`"
FRONT_MATTER_UNCLOSED = "phần đầu YAML chưa đóng; cần một dòng `---` sau các trường"


def file_too_big(size: int, limit: int) -> str:
    return f"tệp quá lớn ({size} byte); tối đa {limit} byte"


def duplicate_key(first_line: int) -> str:
    return (f"khóa bị lặp lại (đã có ở dòng {first_line}); YAML sẽ lặng lẽ giữ giá trị sau, "
            "hãy xóa một trong hai")


def yaml_tag(tag: str) -> str:
    short = tag.replace("tag:yaml.org,2002:", "!!")
    return f"không dùng thẻ YAML {_q(short)}; hãy viết giá trị thường"


# What PyYAML and libyaml say (both wordings), and what an editor should do about it.
_YAML_PROBLEMS = {
    "mapping values are not allowed": "dấu `:` không đúng chỗ; nếu giá trị có dấu `:`, "
    "hãy đặt nó trong ngoặc kép",
    "could not find expected ':'": "thiếu dấu `:` sau tên trường",
    "cannot start any token": "giá trị bắt đầu bằng ký tự đặc biệt (@, `, %, tab); hãy đặt giá trị "
    "trong ngoặc kép",
    "expected ',' or ']'": "danh sách trong [...] thiếu dấu phẩy hoặc chưa đóng ngoặc ]",
    "expected ',' or '}'": "nhóm trường trong {...} thiếu dấu phẩy hoặc chưa đóng ngoặc }",
    "found unexpected end of stream": "tệp kết thúc khi chuỗi trong ngoặc chưa đóng",
    "expected the node content": "thiếu giá trị, hoặc ngoặc [ { chưa đóng",
    "expected node content": "thiếu giá trị, hoặc ngoặc [ { chưa đóng",
    "expected key": "thụt lề không khớp với các dòng trên",
    "expected '-' indicator": "mục danh sách thiếu dấu `- ` hoặc thụt lề không khớp",
    "expected <block end>": "thụt lề không khớp với các dòng trên",
    "block sequence entries are not allowed": "dấu `- ` không đúng chỗ; danh sách phải bắt đầu ở "
    "dòng mới, thụt lề dưới tên trường",
    "unknown escape character": "dấu \\ trong ngoặc kép; hãy dùng ngoặc đơn '...'",
    "found unacceptable character": "tệp chứa ký tự điều khiển không in được",
    "control characters are not allowed": "tệp chứa ký tự điều khiển không in được",
    "undefined tag handle": "dấu `!` ở đầu giá trị; hãy đặt giá trị trong ngoặc kép",
}


def yaml_syntax(problem: str) -> str:
    for english, vietnamese in _YAML_PROBLEMS.items():
        if english in problem:
            return f"lỗi cú pháp YAML: {vietnamese}"
    return f"lỗi cú pháp YAML ({problem})"


# ---- layout -----------------------------------------------------------------------------------

def unknown_folder(folder: str, suggestion: list[str]) -> str:
    return f"thư mục {_q(folder)} không thuộc nội dung{_suggest(suggestion)}"


def unknown_file(name: str, suggestion: list[str]) -> str:
    return (f"tệp {_q(name)} không thuộc nội dung; ở đây chỉ có site.yml, topics.yml và các "
            f"thư mục{_suggest(suggestion)}")


def wrong_extension(found: str, expected: str) -> str:
    return f"tệp {found or 'không có đuôi'} không được dùng ở đây; cần tệp {expected}"


MISSING_FILE = "thiếu tệp bắt buộc"


# ---- values -----------------------------------------------------------------------------------

def unknown_key(key: str, suggestion: list[str]) -> str:
    if " " in key.strip():
        # Field names never hold spaces: this is text cut at a comma inside `{...}`.
        return ("trường không có trong định dạng; nếu đây là phần sau dấu phẩy của một giá trị "
                'trong {...}, hãy đặt cả giá trị trong ngoặc kép, ví dụ label: "a, b"')
    return f"trường không có trong định dạng{_suggest(suggestion)}"


def required(example: str) -> str:
    return f"thiếu trường bắt buộc (ví dụ: {example})"


def expected_text(example: str, found: str) -> str:
    return f"cần một đoạn chữ, ví dụ {_q(example)}; gặp {found}"


def expected_single_line(found_lines: int) -> str:
    return f"cần viết trên một dòng; gặp {found_lines} dòng"


def bad_slug(value: str, example: str, fixed: str) -> str:
    hint = f"; có thể dùng {_q(fixed)}" if fixed and fixed != value else ""
    return (f"mã {_q(value)} không hợp lệ; cần chữ thường không dấu, số và dấu gạch nối, "
            f"ví dụ {_q(example)}{hint}")


def bad_choice(value: str, choices: list[str], suggestion: list[str]) -> str:
    return (f"giá trị {_q(value)} không hợp lệ; cần một trong: {', '.join(choices)}"
            f"{_suggest(suggestion)}")


def bad_date(value: str) -> str:
    return f"ngày {_q(value)} không hợp lệ; cần dạng {DATE_FORMS}"


def bad_int(value: str, minimum: int, example: str) -> str:
    return f"cần một số nguyên từ {minimum} trở lên, ví dụ {example}; gặp {_q(value)}"


def bad_number(value: str, example: str) -> str:
    return f"cần một con số (dùng dấu chấm thập phân), ví dụ {example}; gặp {_q(value)}"


def bad_bool(value: str) -> str:
    return f"cần true hoặc false; gặp {_q(value)}"


def bad_email(value: str, example: str) -> str:
    return f"địa chỉ email {_q(value)} không hợp lệ, ví dụ {_q(example)}"


def bad_url(value: str, example: str) -> str:
    return f"địa chỉ {_q(value)} không hợp lệ; cần bắt đầu bằng http:// hoặc https://, ví dụ {example}"


def expected_list(example: str) -> str:
    return f"cần một danh sách, ví dụ [{example}]"


def expected_mapping(example: str) -> str:
    return f"cần các trường dạng `tên: giá trị`, ví dụ `{example}`"


def expected_file_list(example: str) -> str:
    return f"tệp phải là một danh sách, mỗi mục bắt đầu bằng `- `, ví dụ `- id: {example}`"


def found_kind(node_kind: str) -> str:
    return {"map": "các trường lồng nhau", "seq": "một danh sách", "null": "ô trống"}.get(
        node_kind, node_kind)


# ---- media ------------------------------------------------------------------------------------

def media_outside(value: str) -> str:
    return f"đường dẫn {_q(value)} đi ra ngoài thư mục content/; cần dạng media/2020/anh.jpg"


def media_not_in_media(value: str) -> str:
    return f"tệp {_q(value)} phải nằm trong content/media/, ví dụ media/2020/anh.jpg"


def media_missing(value: str, suggestion: list[str]) -> str:
    return f"không tìm thấy tệp {_q(value)}{_suggest(suggestion)}"


# ---- relations --------------------------------------------------------------------------------

def unknown_ref(kind: str, value: str, suggestion: list[str]) -> str:
    return f"không có {KIND_NAMES[kind]} {_q(value)}{_suggest(suggestion)}"


def duplicate_id(kind: str, value: str, where: str) -> str:
    return f"mã {KIND_NAMES[kind]} {_q(value)} đã dùng ở {where}"


def duplicate_number(number: int, where: str) -> str:
    return f"số bản tin {number} đã dùng ở {where}"


def levels_count(found: int) -> str:
    return f"cần từ 2 đến 5 cấp; gặp {found}"


def parent_required(level_label: str) -> str:
    return f"địa bàn cấp {level_label} phải có địa bàn cấp trên (parent)"


def parent_at_top(level_label: str) -> str:
    return f"địa bàn cấp cao nhất ({level_label}) không có địa bàn cấp trên"


def parent_wrong_level(parent: str, parent_level: str, expected_level: str) -> str:
    return (f"địa bàn cấp trên {_q(parent)} thuộc cấp {parent_level}; "
            f"cần địa bàn cấp {expected_level} (đúng một cấp trên)")


def parent_cycle(chain: list[str]) -> str:
    return f"vòng lặp địa bàn cấp trên: {' → '.join(chain)}"


def cadre_level_not_above(cadre_level: str, unit_level: str) -> str:
    return (f"cán bộ cấp {cadre_level} không thể theo dõi địa bàn cấp {unit_level}; "
            "cán bộ phải ở cấp trên địa bàn")


def end_before_start(start: str) -> str:
    return f"ngày kết thúc trước ngày bắt đầu ({start})"


def assignment_overlap(where: str) -> str:
    return f"trùng thời gian với một phân công khác của cùng cán bộ cho cùng địa bàn ({where})"


def required_when(field_name: str, status: str) -> str:
    return f"bắt buộc có {field_name} khi status là {status}"


def only_when_closed() -> str:
    return "chỉ ghi khi status là resolved hoặc declined"


def before_visit(value: str, visit_date: str) -> str:
    return f"ngày {value} trước ngày xuống địa bàn {visit_date}"


def future_date(value: str, today: str) -> str:
    return f"ngày {value} ở tương lai (hôm nay là {today})"


def meeting_not_allowed(kind: str) -> str:
    return f"chỉ ghi meeting cho branch_meeting hoặc committee_meeting; hình thức ở đây là {kind}"


def present_exceeds_total(present: int, total: int) -> str:
    return f"số dự họp ({present}) lớn hơn tổng số đảng viên ({total})"


def visit_outside_assignment(cadre: str, locality: str) -> str:
    return (f"ngày này cán bộ {_q(cadre)} không có phân công nào cho địa bàn {_q(locality)}")


def follow_up_not_earlier(value: str) -> str:
    return f"báo cáo {_q(value)} không ở trước báo cáo này"


def duplicate_proposal(value: str, first_line: int) -> str:
    return f"mã kiến nghị {_q(value)} đã dùng ở dòng {first_line} của báo cáo này"


def unsafe_html(what: str) -> str:
    return f"không được dùng {what} trong nội dung (có thể chạy mã độc); hãy xóa đi"


def task_year_outside(year: int) -> str:
    return f"năm {year} nằm ngoài thời gian phân công"


# ---- summaries --------------------------------------------------------------------------------

def check_failed(errors: int, warnings: int) -> str:
    tail = f", {warnings} cảnh báo" if warnings else ""
    return f"Có {errors} lỗi{tail}. Hãy sửa các lỗi trên rồi chạy lại."


def check_ok(counts: dict[str, int], warnings: int) -> str:
    parts = ", ".join(f"{n} {KIND_NAMES[kind]}" for kind, n in counts.items())
    tail = f"; {warnings} cảnh báo" if warnings else ""
    return f"Nội dung hợp lệ: {parts}{tail}."


WARNING = "cảnh báo"


# ---- commands ---------------------------------------------------------------------------------

BUILD_KEPT = "Chưa dựng lại: trang đã dựng lần trước vẫn giữ nguyên."
INTERRUPTED = "Đã dừng."


def no_content_dir(path: str) -> str:
    return f"Không thấy thư mục nội dung {path!r}; hãy chạy lệnh ở thư mục gốc của kho."


def build_step(step: str) -> str:
    return f"• {step}"


def build_done(out: str, pages: int, seconds: float) -> str:
    return f"Đã dựng {pages} trang vào {out}/ trong {seconds:.1f} giây."


def mkdocs_failed(details: str) -> str:
    return f"MkDocs không dựng được trang:\n{details}"


def pages_written(pages: int, written: int) -> str:
    return f"Tạo {pages} trang Markdown ({written} tệp thay đổi)"

PREVIEW_KEPT = "Trang xem thử vẫn giữ bản đúng gần nhất; sửa lỗi rồi lưu lại để cập nhật."


def serving(address: str) -> str:
    return f"Xem thử tại http://{address}/ (Ctrl+C để dừng). Trang tự cập nhật khi sửa content/."


def sample_exists(path: str) -> str:
    return f"Thư mục {path} đã có nội dung; hãy chọn một thư mục mới để không ghi đè."


def sample_done(path: str, counts: dict[str, int]) -> str:
    return (f"Đã sinh vào {path}: {counts['units']} địa bàn, {counts['cadres']} cán bộ, "
            f"{counts['visits']} báo cáo, {counts['stories']} bài, {counts['bulletins']} bản tin.")


def pagefind_failed(details: str) -> str:
    return f"Pagefind không tạo được chỉ mục tìm kiếm:\n  {details}"


# ---- editors' tools ---------------------------------------------------------------------------

NEW_NEEDS_NAME = "cần --name, ví dụ --name \"Nguyễn Thị Lan\""
NEW_BODY = "Viết nội dung ở đây (Markdown): đoạn văn, tiêu đề ## ..., danh sách - ..."


def new_exists(path: str) -> str:
    return f"Tệp {path} đã có; không ghi đè. Hãy sửa tệp đó hoặc chọn --id khác."


def new_done(path: str) -> str:
    return (f"Đã tạo {path}. Điền các trường còn \"\" (bắt buộc), bỏ dấu # ở các trường muốn "
            "dùng, rồi chạy: python -m scripts check")


def digest_done(path: str) -> str:
    return (f"Đã soạn bản nháp {path}. Sửa nội dung, rồi xóa dòng `draft: true` để xuất bản.")


def bad_month(value: str) -> str:
    return f"tháng {value!r} không hợp lệ; cần dạng YYYY-MM, ví dụ 2023-05"

NOT_GIT = "Không đọc được thay đổi từ git (đây có phải kho git không?); kiểm tra toàn bộ."
SCHEMAS_DONE = "Đã viết schemas/*.schema.json và .vscode/settings.json."


def changed_ok(files: int, warnings: int) -> str:
    tail = f"; {warnings} cảnh báo" if warnings else ""
    return f"Các tệp đã sửa hợp lệ ({files} tệp){tail}."
CONTENT_UNREADABLE = "Không đọc được site.yml; hãy chạy python -m scripts check để xem lỗi."


def not_our_folder(path: str) -> str:
    return (f"Thư mục {path} có tệp không do chương trình tạo; không ghi vào đó để khỏi xóa nhầm. "
            "Hãy dời các tệp đó đi, hoặc dùng thư mục khác.")
