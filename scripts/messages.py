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


# ---- units that change (scripts/unit_life.py)

def _successors(ids: list[str]) -> str:
    return ", ".join(_q(i) for i in ids)


def parent_wrong_level_on(parent: str, parent_level: str, expected_level: str, day: str,
                          until: str) -> str:
    return (f"địa bàn cấp trên {_q(parent)} thuộc cấp {parent_level}; từ ngày {day} cần địa "
            f"bàn cấp {expected_level} (cấp gần nhất phía trên còn tồn tại ngày đó); ghi địa "
            f"bàn cấp trên cũ vào former_parents, ví dụ: former_parents: [{{parent: "
            f"{parent}, until: {until}}}]")


def parent_not_yet(parent: str, start: str) -> str:
    return f"địa bàn cấp trên {_q(parent)} chỉ có từ ngày {start}, sau khi địa bàn này bắt đầu"


def parent_ended(parent: str, end: str, successors: list[str]) -> str:
    after = f"; địa bàn kế tục: {_successors(successors)}" if successors else ""
    return (f"địa bàn cấp trên {_q(parent)} đã kết thúc ngày {end}, trước khi địa bàn này "
            f"kết thúc{after}")


def until_not_after(previous: str) -> str:
    return f"ngày này phải sau ngày của mục trước ({previous}): các mục xếp cũ nhất trước"


def until_before_start(start: str) -> str:
    return f"ngày này trước ngày thành lập địa bàn ({start})"


def until_not_before_end(end: str) -> str:
    return f"ngày này phải trước ngày kết thúc của địa bàn ({end})"


def successors_need_end() -> str:
    return ("có địa bàn kế tục thì phải có ngày kết thúc (end), ví dụ: end: 2025-06-30 — "
            "ngày cuối cùng địa bàn còn tồn tại")


def successor_not_alive(successor: str, day: str) -> str:
    return (f"địa bàn kế tục {_q(successor)} không tồn tại ngày {day}, ngày sau khi địa bàn "
            "này kết thúc")


def succession_cycle(chain: list[str]) -> str:
    return f"vòng lặp địa bàn kế tục: {' → '.join(chain)}"


def before_unit_start(what: str, unit: str, start: str) -> str:
    return f"{what} trước ngày địa bàn {_q(unit)} được thành lập ({start})"


def after_unit_end(what: str, unit: str, end: str, successors: list[str],
                   open_ended: bool, day: str | None = None) -> str:
    if day:
        when = f"ghi ngày {day},"
    else:
        when = "vẫn còn hiệu lực" if open_ended else "kéo dài"
    to = (f"; địa bàn kế tục: {_successors(successors)}" if successors else "")
    return f"{what} {when} sau ngày địa bàn {_q(unit)} kết thúc ({end}){to}"


def cadre_level_not_above(cadre_level: str, unit_level: str) -> str:
    return (f"cán bộ cấp {cadre_level} không thể theo dõi địa bàn cấp {unit_level}; "
            "cán bộ phải ở cấp trên địa bàn")


def end_before_start(start: str) -> str:
    return f"ngày kết thúc trước ngày bắt đầu ({start})"


def assignment_overlap(where: str) -> str:
    return f"trùng thời gian với một phân công khác của cùng cán bộ cho cùng địa bàn ({where})"


def editor_needs(backend: str, example: str) -> str:
    server = {"gitlab": "GitLab", "gitea": "Gitea", "forgejo": "Forgejo"}.get(backend, backend)
    return (f"trình biên tập lưu bài lên {server} cần mục này, ví dụ {example}; "
            f"xem README, phần \"The browser editor\"")


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


def generation_died(code: int | None) -> str:
    return (f"Bước kiểm tra nội dung, tạo trang dừng đột ngột (mã {code}), có thể vì hết bộ "
            "nhớ; hãy chạy lại, nếu vẫn lỗi hãy báo cho người quản trị.")


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
SCHEMAS_DONE = ("Đã viết schemas/*.schema.json, schemas/bien-tap.yml (trình biên tập) và "
                ".vscode/settings.json.")


def changed_ok(files: int, warnings: int) -> str:
    tail = f"; {warnings} cảnh báo" if warnings else ""
    return f"Các tệp đã sửa hợp lệ ({files} tệp){tail}."
def not_our_folder(path: str) -> str:
    return (f"Thư mục {path} có tệp không do chương trình tạo; không ghi vào đó để khỏi xóa nhầm. "
            "Hãy dời các tệp đó đi, hoặc dùng thư mục khác.")


# ---- loader: nothing silent (empty files, hidden characters, ids, numbers, URLs, new) ----------

_CHAR_KINDS = {
    "control": "ký tự điều khiển",
    "bidi": "ký tự đảo chiều chữ",
    "zero_width": "ký tự ẩn có độ rộng bằng không",
}
_SCRIPTS = {"cyrillic": "Kirin", "greek": "Hy Lạp"}


def char_label(code: int, kind: str) -> str:
    return f"{_CHAR_KINDS[kind]} U+{code:04X}"


def empty_file(found: str, example: str) -> str:
    return (f"tệp chưa có trường nào ({found}); cần các trường dạng `tên: giá trị`, "
            f"ví dụ `{example}`")


def empty_list_file(found: str, example: str) -> str:
    return (f"tệp chưa có mục nào ({found}); cần một danh sách, mỗi mục bắt đầu bằng `- `, "
            f"ví dụ `- id: {example}`")


def empty_front_matter(found: str, example: str) -> str:
    return (f"phần đầu YAML chưa có trường nào ({found}); cần các trường dạng `tên: giá trị` "
            f"giữa hai dòng `---`, ví dụ `{example}`")


EMPTY_FOUND = {"empty": "tệp trống", "comment": "chỉ có chú thích #", "null": "chỉ có ~ hoặc null"}


FRONT_MATTER_CUT = ("dòng `---` này đóng phần đầu YAML khi đoạn chữ nhiều dòng (| hoặc >) của "
                    "trường chưa hết, nên các dòng thụt lề sau nó bị tách khỏi trường; nếu `---` "
                    "thuộc đoạn chữ, hãy thụt lề nó như các dòng khác của đoạn")


def control_in_file(label: str, column: int) -> str:
    return (f"tệp chứa {label} ở cột {column} (thường do chép từ phần mềm khác); "
            "hãy xóa ký tự này rồi lưu lại")


def hidden_in_text(label: str, position: int) -> str:
    return (f"có {label} ở ký tự thứ {position}; ký tự này không nhìn thấy được nhưng có thể "
            "làm chữ hiển thị khác với nội dung thật, hãy xóa nó (gõ lại đoạn quanh vị trí đó)")


def hidden_in_body(label: str, column: int) -> str:
    return (f"có {label} ở cột {column}; ký tự này không nhìn thấy được nhưng có thể làm chữ "
            "hiển thị khác với nội dung thật, hãy xóa nó (gõ lại đoạn quanh vị trí đó)")


def mixed_script(word: str, letter: str, script: str) -> str:
    return (f"từ {_q(word)} trộn chữ Latinh với chữ {_SCRIPTS[script]} {_q(letter)} "
            f"(U+{ord(letter):04X}) trông giống hệt nhau; hãy gõ lại từ này bằng bàn phím "
            "tiếng Việt")


def id_lookalike(value: str, letter: str, script: str, example: str) -> str:
    return (f"mã {_q(value)} có chữ {_q(letter)} (U+{ord(letter):04X}, chữ {_SCRIPTS[script]}) "
            "trông giống chữ Latinh; mã chỉ gồm a-z, 0-9 và dấu gạch nối, hãy gõ lại, "
            f"ví dụ {_q(example)}")


def id_hidden(label: str, position: int, example: str) -> str:
    return (f"mã có {label} ở ký tự thứ {position}; mã chỉ gồm a-z, 0-9 và dấu gạch nối, "
            f"hãy xóa ký tự đó, ví dụ {_q(example)}")


def id_reserved(value: str, why: str) -> str:
    reason = {"index": "tên của trang danh sách mỗi mục",
              "windows": "tên thiết bị, Windows không tạo được tệp tên này"}[why]
    return (f"mã {_q(value)} trùng tên dành riêng ({reason}); hãy đặt mã khác, "
            f"ví dụ {_q(value + '-1')}")


def id_too_long(length: int, limit: int, example: str) -> str:
    return (f"mã dài {length} ký tự; tối đa {limit} ký tự (mã là một phần địa chỉ trang và tên "
            f"tệp), ví dụ {_q(example)}")


def file_name_reserved(name: str) -> str:
    return (f"tên {_q(name)} là tên thiết bị dành riêng trên Windows (con, prn, aux, nul, "
            "com1-9, lpt1-9): máy Windows không mở được; hãy đổi tên, ví dụ thêm -1")


def file_name_too_long(length: int, limit: int) -> str:
    return f"tên tệp hoặc thư mục dài {length} ký tự; tối đa {limit} ký tự, hãy đặt tên ngắn hơn"


def file_name_hidden(label: str) -> str:
    return f"tên tệp hoặc thư mục có {label} (không nhìn thấy được); hãy đổi tên"


def file_name_collision(other: str) -> str:
    return (f"tên trùng với {other} khi không phân biệt chữ hoa, chữ thường hoặc cách gõ dấu: "
            "trên Windows và macOS hai tệp này là một; hãy đổi tên một tệp")


FILE_NAME_NOT_UTF8 = "tên tệp hoặc thư mục không phải UTF-8 (ký tự lạ hiện là ?); hãy đổi tên"


def folder_symlink(name: str, outside: bool) -> str:
    where = "ra ngoài thư mục content/" if outside else "tới chỗ khác trong content/"
    return (f"thư mục {_q(name)} là liên kết (symlink) trỏ {where}; không đọc liên kết, "
            "hãy đặt tệp thật vào đây")


def yaml_too_deep(limit: int) -> str:
    return (f"dữ liệu lồng nhau quá sâu (hơn {limit} tầng); định dạng chỉ cần vài tầng, "
            "ví dụ `meeting:` rồi dòng dưới `  members_total: 32`")


def _short(value: str) -> str:
    return value if len(value) <= 30 else value[:30] + "…"


def number_leading_zero(value: str, fixed: str) -> str:
    return f"số {_q(value)} có chữ số 0 thừa ở đầu; hãy viết {fixed}"


def number_negative_zero(value: str) -> str:
    return f"số {_q(value)} không hợp lệ; hãy viết 0"


def number_foreign_digits(value: str, fixed: str) -> str:
    return (f"số {_q(_short(value))} dùng chữ số không phải 0-9 (chữ số toàn độ rộng hoặc của "
            f"chữ viết khác); hãy gõ lại bằng chữ số thường, ví dụ {fixed}")


def number_too_long(value: str, digits: int, limit: int, example: str) -> str:
    return (f"số quá dài ({digits} chữ số, bắt đầu bằng {_q(_short(value))}); tối đa {limit} "
            f"chữ số, ví dụ {example}")


def url_problem(value: str, reason: str, example: str) -> str:
    return f"địa chỉ {_q(value)} không hợp lệ: {reason}; cần dạng {example}"


URL_REASONS = {
    "space": "có dấu cách",
    "quote": "có dấu nháy kép \" hoặc nháy đơn '",
    "bracket": "có ký tự <, >, \\, {, }, |, ^ hoặc `",
    "control": "có ký tự điều khiển",
    "host": "thiếu tên máy chủ hợp lệ sau http://",
    "userinfo": "có dấu @ trước tên máy chủ (dễ bị dùng để giả địa chỉ)",
    "port": "cổng sau dấu : không hợp lệ",
    "parse": "không đọc được địa chỉ",
}


# `new`
NEW_NEEDS_ID = ("tiêu đề không cho ra mã (không có chữ cái a-z hay chữ số nào); hãy thêm --id, "
                "ví dụ --id chi-bo-ap-1")


def new_bad_option(option: str, message: str) -> str:
    return f"{option}: {message}"


def new_id_exists(kind: str, value: str, path: str) -> str:
    return (f"mã {KIND_NAMES[kind]} {_q(value)} đã có ở {path}; hãy sửa tệp đó hoặc chọn --id "
            "khác")


def new_outside(path: str) -> str:
    return (f"tệp mới {path} sẽ nằm ngoài thư mục content/; --id chỉ gồm chữ thường không dấu, "
            "số và dấu gạch nối")


# ---- publishing gate (scripts/secure.py) ----------------------------------------------------
# Shown to whoever runs the build: each names the page and what it holds.

def unsafe_output(details: str) -> str:
    return ("trang dựng ra chứa thứ không được xuất bản (có thể chạy mã hoặc tải tài nguyên từ "
            "máy chủ khác); đã dừng, trang cũ giữ nguyên:\n" + details)


def more_problems(count: int) -> str:
    return f"  … và {count} chỗ khác"


def forbidden_tag(tag: str) -> str:
    return f"thẻ <{tag}> không được dùng"


def event_attribute(tag: str, name: str) -> str:
    return f"thẻ <{tag}> có thuộc tính sự kiện {name}= (chạy mã khi người đọc mở trang)"


def unsafe_scheme(tag: str, name: str, scheme: str) -> str:
    return f"thẻ <{tag}> có địa chỉ {name}= dạng {scheme}: (chỉ dùng http, https, mailto, tel)"


def offsite_resource(tag: str, name: str, value: str) -> str:
    return (f"thẻ <{tag}> tải {_q(value[:80])} từ máy chủ khác; mọi tài nguyên phải nằm trong "
            "trang")


def unsafe_style(tag: str) -> str:
    return f"thẻ <{tag}> có định dạng CSS tải tài nguyên hoặc chạy mã"


def unknown_inline_script() -> str:
    return ("đoạn mã chạy trực tiếp trong trang không có trong danh sách của giao diện "
            "(theme/hooks/inline_scripts.py); nếu vừa nâng cấp giao diện, xem README")


def malformed_tag(snippet: str) -> str:
    return f"không đọc được thẻ HTML {_q(snippet)}"


CSP_NO_POLICY = "thư mục này không có trang dựng sẵn mang chính sách bảo mật (index.html)"


# ---- Markdown bodies: what the allow-list removes ----------------------------------------------

def _shown(value: str, limit: int = 80) -> str:
    """A value quoted on one line of `check` output, cut when long."""
    value = " ".join(value.split())
    return _q(value if len(value) <= limit else value[:limit - 1] + "…")


def html_tag_removed(tag: str) -> str:
    return (f"cần Markdown hoặc thẻ HTML được phép (<p>, <strong>, <a>, <img>, <table>...), "
            f"ví dụ **chữ đậm**; gặp thẻ <{tag}>, thẻ này sẽ bị bỏ khỏi trang (giữ lại chữ "
            "bên trong)")


def html_attribute_removed(name: str, tag: str) -> str:
    return (f"thuộc tính {name}= của thẻ <{tag}> không được phép, sẽ bị bỏ khỏi trang; "
            "hãy xóa đi")


HTML_STYLE_REMOVED = ("thuộc tính style= sẽ bị bỏ khỏi trang: nội dung không được tự định kiểu "
                      "(có thể che hoặc giả mạo phần khác của trang); hãy dùng Markdown, ví dụ "
                      "**chữ đậm**, hoặc xóa đi")
HTML_COMMENT_REMOVED = ("ghi chú HTML <!-- ... --> sẽ bị bỏ khỏi trang; đừng để ghi chú nội bộ "
                        "trong nội dung, hãy xóa đi")
HTML_DECLARATION_REMOVED = "mã <!...> hoặc <?...?> sẽ bị bỏ khỏi trang; hãy xóa đi"


def image_other_host(url: str) -> str:
    return (f"không được dùng ảnh hay tệp nhúng từ máy chủ khác ({_shown(url)}): trình duyệt "
            "của mọi người đọc sẽ gọi tới máy chủ đó; hãy chép ảnh vào content/media/ rồi dẫn "
            "như ![Mô tả](media/2020/anh.jpg)")


def link_scheme_removed(scheme: str) -> str:
    return (f"cần liên kết http://, https://, mailto: hoặc tới trang trong trang web, ví dụ "
            f"[Báo Đồng Khởi](https://baodongkhoi.vn); gặp liên kết {scheme}:, liên kết này sẽ bị "
            "bỏ khỏi trang")


def template_needs_valid(errors: int) -> str:
    return (f"Chưa tạo tệp mẫu: nội dung còn {errors} lỗi (ở trên); danh sách chọn trong tệp "
            "lấy từ nội dung, hãy sửa rồi chạy lại.")


def template_exists(path: str) -> str:
    return f"Tệp {path} đã có; chọn tên khác (lệnh không ghi đè tệp đã có)."


def template_unwritable(path: str, reason: str) -> str:
    return f"Không ghi được {path}: {reason}."


def template_done(path: str) -> str:
    return (f"Đã tạo {path}: điền trang đầu tiên (xem trang «Hướng dẫn»), rồi nhập bằng "
            "python -m scripts import.")


def digest_needs_valid(errors: int) -> str:
    return (f"Chưa soạn bản tin: nội dung còn {errors} lỗi (ở trên); bản tin tổng hợp từ nội "
            "dung đã kiểm tra, hãy sửa rồi chạy lại.")


def digest_unknown_unit(unit_id: str) -> str:
    return f"địa bàn {_q(unit_id)} không có trong danh sách địa bàn; hãy chạy python -m scripts check"


# ---- outputs, locks, time limits, OS errors (build, serve) ------------------------------------

def out_refused(path: str, why: str) -> str:
    return (f"Không dựng vào {path}: {why}. Cần một thư mục mới hoặc một thư mục do lệnh build "
            "tạo trước đây, ví dụ --out site; không có gì bị ghi hay xóa.")


def work_refused(path: str, why: str) -> str:
    return (f"Không tạo trang vào thư mục làm việc {path}: {why}. Hãy chạy lệnh ở thư mục gốc "
            "của dự án; không có gì bị ghi hay xóa.")


def out_why_content(content: str) -> str:
    return f"đây là, chứa hoặc nằm trong thư mục nội dung {content}"


def out_why_root(root: str) -> str:
    return f"đây là hoặc chứa thư mục gốc của dự án {root}"


OUT_WHY_GIT = "đây là hoặc nằm trong thư mục .git, nơi git giữ lịch sử"
OUT_WHY_FOREIGN_LINK = "đây là một liên kết không do lệnh build tạo ra"


def out_why_work(work: str) -> str:
    return f"đây là, chứa hoặc nằm trong thư mục làm việc {work}"


def out_why_file(path: str) -> str:
    return f"{path} là một tệp, không phải thư mục"


def out_why_foreign(path: str) -> str:
    return f"{path} đã có sẵn và không do lệnh build tạo ra"


def waiting_for(path: str) -> str:
    return f"Đang chờ lần dựng khác đang dùng {path} xong..."


def busy_timeout(path: str, seconds: float) -> str:
    return (f"Đã chờ {seconds:g} giây mà lần dựng khác đang dùng {path} vẫn chưa xong; hãy chạy "
            "lại sau, hoặc dừng lần dựng kia.")


def busy_now(path: str) -> str:
    return f"Đang có một lệnh khác dùng {path}; hãy dừng lệnh đó rồi chạy lại."


def unknown_builder(name: str, known) -> str:
    return (f"THEO_DOI_BUILDER={name} không phải trình dựng trang đã biết; cần một trong: "
            + ", ".join(known))


def step_timeout(step: str, seconds: float) -> str:
    return (f"{step} chạy quá {seconds:g} giây nên đã bị dừng. Nếu nội dung thật sự lớn, hãy "
            "tăng giới hạn, ví dụ THEO_DOI_BUILD_TIMEOUT=3600 (số giây).")


def bad_timeout(value: str) -> str:
    return (f"THEO_DOI_BUILD_TIMEOUT phải là số giây lớn hơn 0, ví dụ 1800; "
            f"đang là {value!r}.")


# What each OS error means for an editor, by errno name, and what to do about it.
OS_ERRORS = {
    "ENOSPC": "ổ đĩa đã đầy; hãy giải phóng chỗ trống rồi chạy lại",
    "EDQUOT": "đã dùng hết hạn mức dung lượng; hãy xóa bớt tệp hoặc xin thêm hạn mức rồi chạy lại",
    "EROFS": "ổ đĩa chỉ cho đọc; hãy dùng thư mục trên ổ ghi được, hoặc gắn lại ổ cho phép ghi",
    "EACCES": "không có quyền; hãy cấp quyền cho người dùng đang chạy lệnh (chmod, chown), "
    "hoặc dùng thư mục khác",
    "EPERM": "không có quyền; hãy cấp quyền cho người dùng đang chạy lệnh (chmod, chown), "
    "hoặc dùng thư mục khác",
    "ENAMETOOLONG": "tên quá dài (mỗi tên tệp tối đa 255 byte); hãy đặt mã hoặc tên ngắn hơn",
    "ENOTDIR": "một phần của đường dẫn là tệp chứ không phải thư mục; hãy đổi tên hoặc dời "
    "tệp đó",
    "EEXIST": "đã có một tệp hoặc thư mục cùng tên; hãy đổi tên hoặc dời nó",
    "EISDIR": "đây là thư mục trong khi cần một tệp; hãy đổi tên hoặc dời thư mục đó",
}


def os_error(name: str, path: str | None) -> str:
    what = OS_ERRORS.get(name) or (f"lỗi hệ thống {name}; hãy kiểm tra ổ đĩa và quyền truy cập "
                                   "rồi chạy lại")
    return f"Lỗi hệ thống tại {path}: {what}." if path else f"Lỗi hệ thống: {what}."


# ---- import of official lists

IMPORT_FIX_CONTENT = "hãy sửa nội dung (python -m scripts check chỉ rõ lỗi) rồi nhập lại"
IMPORT_TYPES = "Tỉnh, Thành phố, Huyện, Quận, Thị xã, Thị trấn, Xã, Phường, Đặc khu"
IMPORT_NO_CODE = "thiếu mã đơn vị"
IMPORT_NO_NAME = "thiếu tên đơn vị"
IMPORT_NO_DATE = "thiếu ngày hiệu lực; cần dd/mm/yyyy (ví dụ 01/07/2025) hoặc YYYY-MM-DD"
IMPORT_DIFFERENCES = ("Danh sách và nội dung khác nhau ở những chỗ dưới đây. Lệnh không sửa các "
                      "đơn vị đã có; nếu danh sách đúng, hãy sửa tay tại chỗ được chỉ:")
IMPORT_WHAT = {"name": "tên", "type": "loại", "parent": "cấp trên", "start": "ngày bắt đầu",
               "end": "ngày kết thúc", "successors": "đơn vị kế tiếp"}


def import_not_table(path: str, suffix: str) -> str:
    found = f"tệp có đuôi {_q(suffix)}" if suffix else "tệp không có đuôi"
    hint = ("; tệp .xls (Excel 97-2003) hãy mở bằng Excel rồi lưu lại dạng .xlsx"
            if suffix == ".xls" else "")
    return f"Không đọc được {path}: cần một bảng .csv (UTF-8) hoặc .xlsx; {found}{hint}."


def import_no_file(path: str) -> str:
    return f"Không có tệp {path}; hãy kiểm tra lại đường dẫn."


def import_too_big(path: str, size: int, limit: int) -> str:
    return f"Không đọc {path}: tệp quá lớn ({size} byte); tối đa {limit} byte."


def import_csv_binary(path: str) -> str:
    return (f"Không đọc được {path}: tệp mang đuôi .csv nhưng không phải văn bản (có thể là tệp "
            "Excel bị đổi đuôi); hãy lưu lại dạng CSV UTF-8 hoặc .xlsx.")


def import_not_utf8(path: str, line: int) -> str:
    return (f"{path}:{line}: tệp CSV không phải UTF-8; hãy lưu lại với bảng mã UTF-8 (trong "
            "Excel: Lưu thành, chọn kiểu CSV UTF-8).")


def import_csv_broken(path: str, line: int, why: str) -> str:
    return f"{path}:{line}: không đọc được dòng CSV ({why}); hãy kiểm tra dấu ngoặc kép ở dòng này."


def import_bad_xlsx(path: str) -> str:
    return (f"Không đọc được {path} như một tệp Excel .xlsx (tệp hỏng, hoặc loại tệp khác mang "
            "đuôi .xlsx); hãy mở bằng Excel rồi lưu lại dạng .xlsx hoặc CSV UTF-8.")


def import_no_sheet(path: str) -> str:
    return f"{path}: không có trang tính nào đang hiện; hãy cho hiện trang tính chứa danh sách."


def import_missing_columns(path: str, line: int, missing: list[str], expected: list[str],
                           example: str, seen: list[str]) -> str:
    found = ", ".join(seen) if seen else "(không có gì)"
    return (f"{path}:{line}: thiếu cột {', '.join(missing)}; cần các cột {', '.join(expected)}, "
            f"ví dụ dòng tiêu đề:\n    {example}\n  dòng tiêu đề trong tệp: {found}")


def import_bad_code(value: str) -> str:
    return f"mã đơn vị phải gồm các chữ số, ví dụ 29224; gặp {_q(value)}"


def import_no_type(value: str, example: str) -> str:
    return (f"không rõ loại đơn vị của {_q(value)}; cần tên kèm loại ở đầu ({IMPORT_TYPES}), "
            f"ví dụ {_q(example)}")


def import_only_type(value: str) -> str:
    return f"{_q(value)} chỉ có loại đơn vị, thiếu tên"


def import_two_names(code: str, first: str, line: int, now: str) -> str:
    return f"mã {code} đã được ghi là {_q(first)} ở dòng {line}, dòng này lại ghi {_q(now)}"


def import_no_province(path: str, column: str, code: str, found: list[str]) -> str:
    known = f"; các mã có trong tệp: {', '.join(found)}" if found else ""
    return f"{path}: không có dòng nào có {column} là {code}{known}."


def import_needs_district_level(path: str, column: str) -> str:
    return (f"{path}: danh sách có cột {column} (cấp huyện, trước 1/7/2025) nhưng site.yml chỉ có "
            "2 cấp; hãy dùng danh sách từ 1/7/2025, hoặc thêm cấp huyện vào site.yml.")


def import_no_levels(path: str) -> str:
    return (f"{path}: không đọc được các cấp hành chính (cần từ 2 cấp, ví dụ province, commune); "
            "hãy chạy python -m scripts check rồi sửa site.yml.")


def import_many_in_content(code: str, day: str, units: list[str]) -> str:
    return (f"nội dung có {len(units)} đơn vị mã {code} cùng tồn tại ngày {day}: "
            f"{', '.join(units)}; hãy sửa nội dung để chỉ còn một rồi nhập lại")


def import_units_header(source: str, code: str, start: str | None) -> str:
    since = f", có hiệu lực từ {start}" if start else ""
    return (f"# Các đơn vị hành chính nhập từ {source} (mã tỉnh {code}{since}) bằng lệnh\n"
            "# `python -m scripts import units`. Lần nhập sau không ghi đè tệp này; có thể sửa\n"
            "# nó như mọi tệp nội dung khác.\n")


def import_units_written(path: str, count: int) -> str:
    return (f"Đã ghi {count} đơn vị mới vào {path}. Hãy xem lại tệp rồi chạy "
            "python -m scripts check.")


def import_units_dry_run(path: str, count: int) -> str:
    return f"Chạy thử, chưa ghi gì: sẽ ghi {count} đơn vị mới vào {path}:"


def import_units_nothing(count: int) -> str:
    return f"Không có gì để ghi: cả {count} đơn vị của danh sách đã có trong nội dung."


def import_differs(where: str, unit: str, code: str, what: str, listed: str, ours: str) -> str:
    return (f"{where}: {unit} (mã {code}): danh sách ghi {IMPORT_WHAT[what]} {_q(listed)}, "
            f"nội dung ghi {_q(ours)}")


def import_maybe_same(where: str, unit: str, new: str, code: str) -> str:
    return (f"{where}: {unit} cùng tên, cùng loại, cùng cấp trên với đơn vị mới {new} (mã {code}) "
            f"nhưng chưa có mã; nếu là một đơn vị, hãy ghi mã {code} cho {unit} rồi nhập lại")


def import_bad_date(value: str) -> str:
    return (f"ngày {_q(value)} không hợp lệ; cần dd/mm/yyyy (ví dụ 01/07/2025) hoặc YYYY-MM-DD "
            "(ví dụ 2025-07-01)")


def import_unknown_old(code: str, day: str) -> str:
    return f"không có đơn vị nào mã {code} còn tồn tại ngày {day}"


def import_unknown_new(code: str, day: str, ended: list[str]) -> str:
    besides = f" (ngoài {', '.join(ended)}, đơn vị mà bảng này cho kết thúc trước ngày đó)" \
        if ended else ""
    return (f"không có đơn vị nào mã {code} tồn tại ngày {day}{besides}; hãy nhập danh sách đơn "
            "vị mới trước: python -m scripts import units")


def import_code_many(code: str, day: str, units: list[str], column: str) -> str:
    return (f"có {len(units)} đơn vị mã {code} cùng tồn tại ngày {day}: {', '.join(units)}; "
            f"hãy ghi tên đơn vị ở cột {column} để chọn")


def import_wrong_name(code: str, day: str, unit: str, listed: str) -> str:
    return f"mã {code} ngày {day} là {unit}, không phải {_q(listed)}; hãy kiểm tra lại mã hoặc tên"


def import_two_dates(unit: str, first: str, line: int, now: str) -> str:
    return f"{unit} đã có ngày hiệu lực {first} ở dòng {line}, dòng này lại ghi {now}"


def import_conflict(unit: str, where: str, what: str, present: str, wanted: str) -> str:
    return (f"{unit} ({where}) đã có {IMPORT_WHAT[what]} {present}, bảng cần {wanted}; hãy sửa "
            "bảng hoặc tệp nội dung cho khớp rồi chạy lại")


def import_one_line_record(unit: str, where: str) -> str:
    return (f"{unit} ({where}) được viết gọn trên một dòng trong ngoặc {{...}}; hãy viết mỗi "
            "khóa trên một dòng rồi chạy lại")


def import_change(where: str, unit: str) -> str:
    return f"{where}: {unit}, thêm sau dòng này:"


def import_merges_dry_run(units: int, files: int) -> str:
    return f"Chạy thử, chưa ghi gì: sẽ thêm vào {units} đơn vị trong {files} tệp:"


def import_merges_done(units: int, files: int) -> str:
    return (f"Đã thêm vào {units} đơn vị trong {files} tệp. Hãy xem lại (git diff) rồi chạy "
            "python -m scripts check.")


def import_merges_nothing(rows: int) -> str:
    return f"Không có gì để ghi: nội dung đã có đủ những gì {rows} dòng của bảng nêu."


def import_changed_meanwhile(path: str) -> str:
    return f"{path} vừa bị sửa trong lúc nhập; chưa ghi gì, hãy chạy lại."


def import_failed(errors: int) -> str:
    return f"Có {errors} lỗi; chưa ghi gì. Hãy sửa các lỗi trên rồi chạy lại."



# ---- import of visit reports

VISIT_DATE_FORMS = "dd/mm/yyyy (ví dụ 06/08/2025) hoặc YYYY-MM-DD (ví dụ 2025-08-06)"
VISIT_PROPOSAL_FORM = ('"nội dung | nơi nhận | hạn", ví dụ "Đề nghị hỗ trợ kinh phí nạo vét kênh '
                       '| UBND xã An Qui | 30/09/2025" (hạn có thể bỏ trống)')
# What each required cell holds, with an example, for "thiếu ..." messages.
VISIT_REQUIRED = {
    "Ngày": f"ngày xuống địa bàn; cần {VISIT_DATE_FORMS}",
    "Cán bộ": 'cán bộ báo cáo; cần họ tên hoặc mã cán bộ, ví dụ "Nguyễn Thị Lan"',
    "Địa bàn": 'địa bàn; cần tên hoặc mã địa bàn, ví dụ "Ấp An Định"',
    "Hình thức": 'hình thức; cần một hình thức như "dự sinh hoạt chi bộ"',
    "Tóm tắt": 'tóm tắt; cần vài câu về buổi xuống địa bàn, ví dụ "Chi bộ sinh hoạt đúng giờ."',
}


def visit_empty(column: str) -> str:
    return f"thiếu {VISIT_REQUIRED[column]}"


def visit_future(day: str, today: str) -> str:
    return (f"ngày {day} ở tương lai (hôm nay là {today}); báo cáo chỉ ghi buổi đã diễn ra, "
            f"hãy kiểm tra lại ngày, ví dụ {today}")


def visit_unknown_cadre(value: str, suggestion: str | None, example: str) -> str:
    hint = f"; có phải {_q(suggestion)}?" if suggestion else "."
    return (f"không có cán bộ {_q(value)}{hint} Cần họ tên hoặc mã cán bộ như trong "
            f"content/cadres, ví dụ {_q(suggestion or example)}")


def visit_many_cadres(value: str, ids: list[str]) -> str:
    return (f"có {len(ids)} cán bộ cùng tên {_q(value)}: {', '.join(ids)}; hãy ghi mã cán bộ, "
            f"ví dụ {_q(ids[0])}")


def visit_unknown_unit(value: str, day: str, suggestion: str | None, example: str) -> str:
    hint = f"; có phải {_q(suggestion)}?" if suggestion else "."
    return (f"không có địa bàn {_q(value)} tồn tại ngày {day}{hint} Cần tên hoặc mã địa bàn "
            f"như trong content/localities, ví dụ {_q(suggestion or example)}")


def visit_many_units(value: str, day: str, names: list[str], parent_level: str) -> str:
    return (f"có {len(names)} địa bàn tên {_q(value)} ngày {day}: "
            f"{', '.join(map(_q, names))}; hãy ghi kèm {parent_level}, ví dụ {_q(names[0])}")


def visit_unit_not_alive(value: str, day: str, life: str, instead: list[str]) -> str:
    then = (f"; ngày đó hãy ghi {' hoặc '.join(map(_q, instead))}" if instead else
            "; hãy kiểm tra lại ngày hoặc địa bàn")
    return f"địa bàn {_q(value)} {life}, không tồn tại ngày {day}{then}"


def visit_unit_ended(end: str) -> str:
    return f"đã kết thúc ngày {end}"


def visit_unit_started(start: str) -> str:
    return f"chỉ có từ ngày {start}"


def visit_not_assigned(cadre: str, unit: str, day: str, followed: list[str]) -> str:
    then = (f"ngày đó cán bộ này theo dõi {', '.join(map(_q, followed))}" if followed else
            "ngày đó cán bộ này không được phân công theo dõi địa bàn nào")
    return (f"cán bộ {_q(cadre)} không được phân công theo dõi {_q(unit)} ngày {day} ({then}); "
            "hãy kiểm tra lại cán bộ, địa bàn, ngày, hoặc thêm phân công vào content/assignments "
            "trước")


def visit_unknown_kind(value: str, labels: list[str]) -> str:
    return (f"không rõ hình thức {_q(value)}; cần một trong: {', '.join(labels)}; "
            f"ví dụ {_q(labels[0])}")


def visit_bad_count(value: str) -> str:
    return f"cần một số nguyên không âm, ví dụ 29; gặp {_q(value)}"


def visit_present_exceeds(present: int, total: int) -> str:
    return (f"số có mặt ({present}) lớn hơn tổng số đảng viên ({total}); hãy kiểm tra lại hai "
            f"ô này, ví dụ có mặt 29 trên tổng số 32")


def visit_count_not_meeting(kind: str, meetings: list[str]) -> str:
    return (f"chỉ ghi số đảng viên khi hình thức là {' hoặc '.join(meetings)}; dòng này là "
            f"{_q(kind)}: hãy để trống ô này hoặc sửa hình thức")


def visit_unknown_topic(value: str, suggestion: str | None, example: str) -> str:
    hint = f"; có phải {_q(suggestion)}?" if suggestion else "."
    return (f"không có chủ đề {_q(value)}{hint} Cần tên hoặc mã chủ đề như trong "
            f"content/topics.yml, cách nhau bằng dấu ; hoặc xuống dòng, ví dụ "
            f"{_q(suggestion or example)}")


def visit_proposal_no_recipient(line: str) -> str:
    return f"kiến nghị {_q(line)} thiếu nơi nhận; mỗi dòng cần {VISIT_PROPOSAL_FORM}"


def visit_proposal_no_text(line: str) -> str:
    return f"kiến nghị {_q(line)} thiếu nội dung; mỗi dòng cần {VISIT_PROPOSAL_FORM}"


def visit_proposal_bad_due(value: str, line: str) -> str:
    return (f"hạn {_q(value)} của kiến nghị {_q(line)} không hợp lệ; cần "
            f"{VISIT_DATE_FORMS}")


def visit_proposal_too_many(line: str) -> str:
    return (f"kiến nghị {_q(line)} có quá 3 phần ngăn bởi dấu |; mỗi dòng cần "
            f"{VISIT_PROPOSAL_FORM}")


def visit_hidden_char(code: str) -> str:
    return (f"ô có ký tự ẩn (U+{code}), thường do chép từ tin nhắn hoặc trang web; hãy gõ lại "
            "ô này")


def visit_merged(cells: str) -> str:
    return (f"ô gộp {cells}: mỗi báo cáo cần ô riêng trên dòng của mình; hãy bỏ gộp ô (Trang "
            "đầu > Gộp và căn giữa) rồi ghi giá trị vào từng dòng")


def visit_formula(formula: str) -> str:
    return (f"ô chứa công thức {_q(formula)}, không phải giá trị; cần giá trị gõ vào, ví dụ "
            "06/08/2025; hãy sao chép cột rồi Dán đặc biệt > Giá trị")


def visit_hidden_sheet(title: str) -> str:
    return (f"trang tính {_q(title)} đang ẩn nhưng có dữ liệu; báo cáo phải nằm ở trang tính "
            "đang hiện đầu tiên: hãy chuyển dữ liệu sang đó, hoặc xóa trang ẩn")


def visit_same_row(line: int) -> str:
    return f"trùng dòng {line}: cùng cán bộ, địa bàn, ngày; hãy gộp hai dòng hoặc xóa một dòng"


def visit_already(where: str) -> str:
    return f"đã có báo cáo cùng cán bộ, địa bàn, ngày ({where}); bỏ qua, không ghi lại"


def visit_file_header(source: str, line: int) -> str:
    return f"# Nhập từ {source}, dòng {line}, bằng lệnh python -m scripts import visits.\n"


def import_visits_written(count: int, folder: str) -> str:
    return (f"Đã ghi {count} báo cáo mới vào {folder}. Hãy chạy python -m scripts check để "
            "kiểm tra.")


def import_visits_dry_run(count: int) -> str:
    return f"Chạy thử, chưa ghi gì: sẽ ghi {count} báo cáo mới:"


def import_visits_nothing(rows: int, skipped: int) -> str:
    return (f"Không có gì để ghi: {skipped} trên {rows} dòng của bảng đã có trong nội dung."
            if skipped else f"Không có gì để ghi: bảng có {rows} dòng báo cáo.")


def import_visits_partial(written: int, refused: int) -> str:
    return (f"Đã ghi {written} báo cáo hợp lệ; {refused} dòng có lỗi ở trên chưa được ghi: hãy "
            "sửa các dòng đó rồi nhập lại cả bảng (dòng đã ghi sẽ được bỏ qua).")


def import_visits_failed(errors: int, rows: int) -> str:
    return (f"Có {errors} lỗi ở {rows} dòng; chưa ghi gì. Hãy sửa các lỗi trên rồi chạy lại, "
            "hoặc thêm --partial để ghi các dòng hợp lệ.")


# ---- import of a decision's annex of assignments

def assign_bad_level(level: str, labels: list[str]) -> str:
    return (f"Không có cấp «{level}»; --level cần một trong: {', '.join(labels)} "
            f"(ví dụ: --level {labels[1] if len(labels) > 1 else labels[0]}).")


def assign_known(path: str, line: int, cadre: str, unit: str, start: str) -> str:
    return (f"{path}:{line}: {cadre} đã được phân công theo dõi {unit} vào ngày {start}; "
            "bỏ qua, không ghi lại.")


def assign_new_cadre_needs(name: str, column: str) -> str:
    return (f"«{name}» chưa có trong danh sách cán bộ, sẽ được thêm mới: cần ghi {column.lower()} "
            "của cán bộ này")


def assign_new_cadre_level(name: str) -> str:
    return (f"«{name}» chưa có trong danh sách cán bộ; để thêm mới, hãy cho biết cấp công tác "
            "của các cán bộ mới bằng --level, ví dụ: --level Huyện")


def assign_end_conflict(end: str, start: str) -> str:
    return (f"phân công này đã ghi ngày kết thúc {end}, sau ngày phân công mới bắt đầu ({start}); "
            "hãy sửa tay ngày kết thúc rồi nhập lại")


def assign_cannot_edit(where: str) -> str:
    return (f"Không thêm được ngày kết thúc vào phân công ở {where} (viết trên một dòng trong "
            "ngoặc nhọn); hãy viết lại phân công đó mỗi khóa một dòng rồi nhập lại.")


def assign_file_header(source: str) -> str:
    return f"Nhập từ phụ lục phân công {source} bằng lệnh python -m scripts import assignments."


def assign_plan(cadres: int, assignments: int, endings: int) -> str:
    return (f"Kế hoạch: thêm {cadres} cán bộ mới, {assignments} phân công mới; kết thúc "
            f"{endings} phân công được thay.")


def assign_plan_cadre(name: str, cadre_id: str, title: str, organization: str) -> str:
    return f"  + cán bộ mới: {name} ({cadre_id}), {title}, {organization}"


def assign_plan_new(cadre: str, unit: str, start: str, end: str | None) -> str:
    until = f" đến {end}" if end else ""
    return f"  + phân công: {cadre} theo dõi {unit}, từ {start}{until}"


def assign_plan_end(cadre: str, unit: str, end: str, by: str, where: str) -> str:
    return f"  - kết thúc: {cadre} theo dõi {unit}, đến {end} (thay bằng {by}; {where})"


def assign_confirm() -> str:
    return "Chưa ghi gì. Xem lại kế hoạch trên rồi chạy lại lệnh với --yes để ghi."


def assign_nothing(rows: int) -> str:
    return f"Không có gì để ghi: cả {rows} dòng của phụ lục đã có trong nội dung."


def assign_written(paths: list[str]) -> str:
    return ("Đã ghi: " + ", ".join(paths) + ". Hãy chạy python -m scripts check rồi commit.")


# ---- the browser editor (scripts/editor/) ---------------------------------------------------------

EDITOR_BAD_PATH = "trình biên tập chỉ được đọc, ghi tệp trong thư mục content/"
EDITOR_NO_DELETE = ("trình biên tập không xóa bài, báo cáo hay danh sách; muốn xóa, hãy xóa tệp "
                    "trong kho git")


def editor_refused(problems: str) -> str:
    return f"nội dung còn lỗi; sửa rồi lưu lại (những gì đã gõ vẫn còn trong mẫu).\n{problems}"


def editor_unknown_action(action: str) -> str:
    return f"trình biên tập yêu cầu việc không có: {action}"


def editor_ready(url: str) -> str:
    return (f"Trình biên tập: {url}\n"
            "Bài lưu vào thư mục content/ của bản sao này; nhớ commit bằng git. "
            "Nhấn Ctrl+C để dừng.")


EDITOR_BAD_REQUEST = ("trình biên tập gửi một yêu cầu không đọc được; hãy tải lại trang. Nếu lỗi "
                      "còn, báo cho người quản lý kho (cửa sổ dòng lệnh có chi tiết)")


def editor_bad_request(detail: str) -> str:
    return f"Trình biên tập: yêu cầu không đọc được ({detail})"


def editor_port_taken(port: int, reason: str) -> str:
    return (f"Không mở được cổng {port} ({reason}). Có thể trình biên tập đang chạy ở cửa sổ "
            f"khác; hoặc chọn cổng khác: ./dev edit --port {port + 1}")


EDITOR_NOT_INSTALLED = ("Chưa cài Decap CMS (editor/node_modules). Chạy ./dev edit (hoặc "
                        "./dev build): lệnh này cài rồi dựng bản nội bộ kèm trình biên tập.")
