"""The command line: `python -m scripts <command>`. Thin on purpose: each command calls one module."""
from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

from . import messages as msg
from .problems import ContentError, Problems

EPILOG = """\
Ví dụ:
  python -m scripts check                      kiểm tra toàn bộ nội dung trong content/
  python -m scripts check --strict             coi cả cảnh báo là lỗi (như khi dựng chính thức)
  python -m scripts build                      dựng trang công khai vào site/
  python -m scripts build --audience restricted   dựng bản nội bộ vào site-restricted/
  python -m scripts serve                      xem thử tại http://127.0.0.1:8000/, tự cập nhật khi sửa
"""


def _today(value: str | None) -> date:
    return date.fromisoformat(value) if value else date.today()


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--content", type=Path, default=Path("content"),
                        help="thư mục nội dung (mặc định: content)")
    parser.add_argument("--today", metavar="YYYY-MM-DD",
                        help="coi ngày này là hôm nay (để dựng lại đúng như cũ)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m scripts",
        description="Kiểm tra nội dung và dựng trang bản tin, điển hình, theo dõi cơ sở.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True, metavar="LỆNH")

    check = sub.add_parser("check", help="kiểm tra nội dung, báo mọi lỗi kèm tệp và dòng",
                           epilog="Ví dụ:\n  python -m scripts check\n  python -m scripts check "
                           "--strict\n  python -m scripts check --changed   (trước khi commit)",
                           formatter_class=argparse.RawDescriptionHelpFormatter)
    _common(check)
    check.add_argument("--strict", action="store_true", help="coi cảnh báo là lỗi")
    check.add_argument("--changed", action="store_true",
                       help="chỉ báo lỗi ở các tệp git thấy đã sửa (và nơi tham chiếu tới chúng)")
    check.add_argument("--cache", type=Path, metavar="THƯ_MỤC",
                       help="thư mục bộ nhớ đệm (mặc định: .cache/check/ của dự án, hoặc biến "
                       "môi trường THEO_DOI_CACHE_DIR); CI có thể giữ thư mục này giữa các lần chạy")
    check.add_argument("--no-cache", action="store_true",
                       help="không đọc, không ghi bộ nhớ đệm: đọc lại mọi tệp")

    build = sub.add_parser("build", help="kiểm tra, tạo trang và dựng site/",
                           epilog="Ví dụ:\n  python -m scripts build\n  python -m scripts build "
                           "--audience restricted", formatter_class=argparse.RawDescriptionHelpFormatter)
    _common(build)
    _audience(build, "public")
    build.add_argument("--out", type=Path, help="thư mục kết quả (mặc định: site/ cho bản "
                       "công khai, site-restricted/ cho bản nội bộ)")
    build.add_argument("--site-url", metavar="URL",
                       help="địa chỉ trang khi xuất bản, ví dụ https://intranet.local/bantin/ "
                       "(mặc định: url trong site.yml); cần khi đặt trang dưới một thư mục con")
    build.add_argument("--lenient", action="store_true",
                       help="cho phép cảnh báo (mặc định: cảnh báo cũng dừng việc dựng)")

    serve = sub.add_parser("serve", help="xem thử trang, tự dựng lại khi content/ thay đổi",
                           epilog="Ví dụ:\n  python -m scripts serve\n  python -m scripts serve "
                           "--dev-addr 0.0.0.0:8000", formatter_class=argparse.RawDescriptionHelpFormatter)
    _common(serve)
    _audience(serve, "restricted")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="địa chỉ:cổng để xem thử")
    edit = sub.add_parser(
        "edit", help="mở trình biên tập trên trình duyệt, sửa nội dung của bản sao này",
        epilog="Ví dụ:\n  python -m scripts edit\n  python -m scripts edit --port 8010 --no-open\n"
        "Trình biên tập ghi vào content/; kiểm tra rồi commit bằng git như mọi thay đổi khác.",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    _common(edit)
    edit.add_argument("--port", type=int, default=8001, help="cổng trên máy này (mặc định 8001)")
    edit.add_argument("--no-build", action="store_true",
                      help="không dựng lại bản nội bộ, dùng bản đã có trong site-restricted/")
    edit.add_argument("--no-open", action="store_true", help="không tự mở trình duyệt")
    sample = sub.add_parser(
        "sample", help="sinh một bộ nội dung mẫu hợp lệ với kích thước tùy chọn (để đo, thử)",
        epilog="Ví dụ:\n  python -m scripts sample --units 1000 --visits 60000 --out /tmp/tinh\n"
        "  python -m scripts check --content /tmp/tinh",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    sample.add_argument("--out", type=Path, required=True, help="thư mục mới để ghi nội dung")
    sample.add_argument("--units", type=int, default=1000, help="số địa bàn (mặc định 1000)")
    sample.add_argument("--visits", type=int, default=60000, help="số báo cáo (mặc định 60000)")
    sample.add_argument("--stories", type=int, default=500, help="số bài điển hình (mặc định 500)")
    sample.add_argument("--bulletins", type=int, default=60, help="số bản tin (mặc định 60)")
    sample.add_argument("--seed", type=int, default=1, help="hạt ngẫu nhiên (mặc định 1)")
    new = sub.add_parser(
        "new", help="tạo tệp mới đúng chỗ, điền sẵn các trường kèm chú thích",
        epilog="Ví dụ:\n"
        "  python -m scripts new visit --cadre nguyen-thi-lan --locality an-nhon-an-dinh "
        "--date 2023-06-05\n"
        "  python -m scripts new story --title \"Chi bộ ấp Đồn Đạc làm đường\" "
        "--locality don-dac\n"
        "  python -m scripts new bulletin --date 2023-06-30\n"
        "  python -m scripts new cadre --name \"Trần Văn Bình\"\n"
        "  python -m scripts new locality --name \"Ấp 3\" --type Ấp --level hamlet "
        "--parent an-nhon\n"
        "  python -m scripts new assignment --cadre nguyen-thi-lan --locality an-nhon-an-loi",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    _common(new)
    new.add_argument("what", choices=("visit", "story", "bulletin", "cadre", "locality",
                                      "assignment"), metavar="LOẠI",
                     help="visit | story | bulletin | cadre | locality | assignment")
    for option, text in (("--cadre", "mã cán bộ"), ("--locality", "mã địa bàn"),
                         ("--parent", "mã địa bàn cấp trên (cho locality)"),
                         ("--title", "tiêu đề (story, bulletin)"),
                         ("--name", "họ tên hoặc tên địa bàn (cadre, locality)"),
                         ("--type", "loại địa bàn: Xã, Ấp, Thôn..."),
                         ("--level", "cấp, theo levels trong site.yml"),
                         ("--kind", "hình thức (visit) hoặc loại bài (story)"),
                         ("--id", "mã, nếu không muốn mã tự đặt")):
        new.add_argument(option, help=text)
    new.add_argument("--date", type=_date_arg, help="ngày, YYYY-MM-DD hoặc D/M/YYYY "
                     "(mặc định: hôm nay)")

    digest = sub.add_parser(
        "digest", help="soạn bản nháp bản tin của một tháng từ nội dung",
        epilog="Ví dụ:\n  python -m scripts digest --month 2023-05",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    _common(digest)
    digest.add_argument("--month", required=True, metavar="YYYY-MM", help="tháng cần tổng hợp")

    csp = sub.add_parser(
        "csp", help="in các dòng header bảo mật của một bản dựng cho nginx (CSP và các header khác)",
        epilog="Ví dụ:\n  python -m scripts csp site/ > /etc/nginx/snippets/bantin-csp.conf\n"
        "  python -m scripts csp site-restricted/ > /etc/nginx/snippets/bantin-noibo-csp.conf\n"
        "  python -m scripts csp --fingerprints site/   (mã chạy trực tiếp trong trang, khi nâng "
        "cấp giao diện)", formatter_class=argparse.RawDescriptionHelpFormatter)
    csp.add_argument("site", type=Path, help="thư mục đã dựng (site/ hoặc site-restricted/)")
    csp.add_argument("--fingerprints", action="store_true",
                     help="liệt kê dấu vân tay các đoạn mã trực tiếp trong trang (theme/hooks/inline_scripts.py)")

    _import_parser(sub)

    template = sub.add_parser(
        "template", help="tạo tệp Excel mẫu để văn phòng điền: báo cáo, phụ lục phân công, cán bộ",
        epilog="Ví dụ:\n  python -m scripts template visits --out mau-bao-cao.xlsx\n"
        "  python -m scripts template assignments --out phu-luc-phan-cong.xlsx\n"
        "  python -m scripts template cadres --out can-bo.xlsx\n"
        "Tệp có trang để điền (danh sách chọn lấy từ nội dung), trang hướng dẫn kèm một dòng "
        "ví dụ và trang danh mục; không ghi đè tệp đã có.",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    _common(template)
    template.add_argument("kind", choices=["visits", "assignments", "cadres"], metavar="LOẠI",
                          help="visits (báo cáo), assignments (phụ lục phân công) hoặc cadres")
    template.add_argument("--out", type=Path, required=True, metavar="TỆP.xlsx",
                          help="tệp sẽ tạo (chưa có)")

    sub.add_parser("schemas", help="viết lại schemas/ và .vscode/settings.json từ mô hình dữ liệu",
                   epilog="Ví dụ:\n  python -m scripts schemas",
                   formatter_class=argparse.RawDescriptionHelpFormatter)
    return parser


def _import_parser(sub) -> None:
    imp = sub.add_parser(
        "import", help="nhập danh sách đơn vị hành chính chính thức, bảng sáp nhập, báo cáo "
        "theo dõi",
        epilog="Ví dụ:\n  python -m scripts import units don-vi.xlsx --province 83\n"
        "  python -m scripts import merges sap-nhap.xlsx --dry-run\n"
        "  python -m scripts import visits bao-cao.xlsx --dry-run",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    what = imp.add_subparsers(dest="what", required=True, metavar="LOẠI")
    units = what.add_parser(
        "units", help="thêm các đơn vị mới của một tỉnh từ danh sách có mã (CSV hoặc XLSX)",
        epilog="Ví dụ:\n  python -m scripts import units don-vi.xlsx --province 83 --dry-run\n"
        "  python -m scripts import units don-vi-2025.csv --province 86 --from 2025-07-01\n"
        "Đơn vị đã có (cùng mã) được giữ nguyên; đơn vị mới được ghi vào một tệp mới trong "
        "content/localities/.", formatter_class=argparse.RawDescriptionHelpFormatter)
    _common(units)
    units.add_argument("file", type=Path, metavar="TỆP",
                       help="danh sách .csv hoặc .xlsx, các cột: Tỉnh / Thành Phố, Mã TP, "
                       "[Quận Huyện, Mã QH,] Phường Xã, Mã PX, Cấp")
    units.add_argument("--province", required=True, metavar="MÃ",
                       help="mã tỉnh cần nhập (cột Mã TP), ví dụ 83")
    units.add_argument("--from", dest="start", type=_date_arg, metavar="YYYY-MM-DD",
                       help="ngày danh sách có hiệu lực; ghi làm ngày bắt đầu của đơn vị mới")
    units.add_argument("--dry-run", action="store_true", help="chỉ in ra, không ghi gì")
    merges = what.add_parser(
        "merges", help="ghi vào các đơn vị đã có: đơn vị nào kết thúc, thành đơn vị nào",
        epilog="Ví dụ:\n  python -m scripts import merges sap-nhap.xlsx --dry-run\n"
        "  python -m scripts import merges sap-nhap.csv\n"
        "Các cột: Mã cũ, Tên cũ, Mã mới, Tên mới, Ngày hiệu lực (dd/mm/yyyy hoặc YYYY-MM-DD).",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    merges.add_argument("--content", type=Path, default=Path("content"),
                        help="thư mục nội dung (mặc định: content)")
    merges.add_argument("file", type=Path, metavar="TỆP", help="bảng sáp nhập .csv hoặc .xlsx")
    merges.add_argument("--dry-run", action="store_true", help="chỉ in ra, không ghi gì")
    assignments = what.add_parser(
        "assignments", help="thêm cán bộ và phân công từ phụ lục của quyết định phân công",
        epilog="Ví dụ:\n  python -m scripts import assignments phu-luc.xlsx            (in kế hoạch)\n"
        "  python -m scripts import assignments phu-luc.xlsx --level Huyện --yes\n"
        "Các cột: STT, Họ và tên, Chức vụ, Cơ quan, Địa bàn, Từ ngày, Đến ngày, Số quyết định. "
        "Cán bộ chưa có được thêm mới; phân công của cán bộ bị thay kết thúc trước ngày phân "
        "công mới một ngày.", formatter_class=argparse.RawDescriptionHelpFormatter)
    _common(assignments)
    assignments.add_argument("file", type=Path, metavar="TỆP", help="phụ lục .xlsx hoặc .csv")
    assignments.add_argument("--level", metavar="CẤP",
                             help="cấp công tác của cán bộ mới, ví dụ Huyện hoặc district")
    assignments.add_argument("--yes", action="store_true",
                             help="ghi theo kế hoạch (không có thì chỉ in kế hoạch)")
    visits = what.add_parser(
        "visits", help="thêm báo cáo theo dõi từ bảng tính, mỗi dòng một báo cáo",
        epilog="Ví dụ:\n  python -m scripts import visits bao-cao-thang-8.xlsx --dry-run\n"
        "  python -m scripts import visits bao-cao.csv --partial\n"
        "Các cột: Ngày, Cán bộ, Địa bàn, Hình thức, [Có mặt, Tổng số đảng viên, Chủ đề,] Tóm "
        "tắt, [Ưu điểm, kết quả, Khó khăn, Kiến nghị]. Kiến nghị mỗi dòng một: \"nội dung | "
        "nơi nhận | hạn\". Dòng đã nhập (cùng cán bộ, địa bàn, ngày) được bỏ qua.",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    _common(visits)
    visits.add_argument("file", type=Path, metavar="TỆP", help="bảng .csv hoặc .xlsx")
    visits.add_argument("--partial", action="store_true",
                        help="ghi các dòng hợp lệ dù có dòng lỗi (mặc định: có lỗi thì không "
                        "ghi gì)")
    visits.add_argument("--dry-run", action="store_true", help="chỉ in ra, không ghi gì")


def _date_arg(value: str):
    from .text import parse_date
    day = parse_date(value)
    if day is None:
        raise argparse.ArgumentTypeError(msg.bad_date(value))
    return day


def _audience(parser: argparse.ArgumentParser, default: str) -> None:
    parser.add_argument("--audience", choices=("public", "restricted"), default=default,
                        help=f"public: chỉ nội dung công khai; restricted: toàn bộ "
                        f"(mặc định: {default})")


def print_problems(problems: Problems) -> None:
    for problem in problems.sorted():
        print(problem)


def cmd_check(args) -> int:
    import gc
    import os
    from .cache import Store, default_folder
    from .load import open_content
    gc.disable()  # a short run building a million small objects: collections only cost time
    problems = Problems()
    store = Store.open(None if args.no_cache else args.cache or default_folder(), args.content)
    pending = open_content(args.content, problems, store, jobs=os.cpu_count() or 1)
    if pending is None:
        print_problems(problems)
        print(msg.check_failed(len(problems.errors), len(problems.warnings)))
        return 1
    if args.changed:
        content = pending.content()
        if store.dirty:
            store.save()
        return _check_changed(args, content, problems)
    # The last run's output stands while every input is the same: files, code, day, options.
    key = f"{pending.fingerprint} {_today(args.today)} {args.strict}"
    if store.memo and store.memo[0] == key:
        problems.items, counts = list(store.memo[1][0]), store.memo[1][1]
    else:
        counts = _validated(args, pending.content(), problems)
        store.memo, store.dirty = (key, (problems.items, counts)), True
    if store.dirty:
        store.save()
    print_problems(problems)
    if counts is None:
        print(msg.check_failed(len(problems.errors), len(problems.warnings)))
        return 1
    print(msg.check_ok(counts, len(problems.warnings)))
    return 0


def _validated(args, content, problems: Problems) -> dict | None:
    """Validate; the record counts for the summary, or None when there are errors."""
    from .validate import validate
    validate(content, problems, today=_today(args.today), strict=args.strict)
    if args.strict:
        problems.harden()
    if problems.errors:
        return None
    c = content
    return {"locality": len(c.localities), "cadre": len(c.cadres),
            "assignment": len(c.assignments), "visit": len(c.visits),
            "story": len(c.stories), "bulletin": len(c.bulletins), "page": len(c.pages)}


def _check_changed(args, content, problems: Problems) -> int:
    counts = _validated(args, content, problems)
    from .changes import NotAGitCheckout, changed_files, ids_of
    try:
        paths = changed_files(args.content)
    except NotAGitCheckout:
        print(msg.NOT_GIT)
    else:
        problems = problems.only(paths, ids_of(paths, content))
        if not problems.errors:
            print_problems(problems)
            print(msg.changed_ok(len(paths), len(problems.warnings)))
            return 0
    print_problems(problems)
    if counts is None or problems.errors:
        print(msg.check_failed(len(problems.errors), len(problems.warnings)))
        return 1
    print(msg.check_ok(counts, len(problems.warnings)))
    return 0


def cmd_build(args) -> int:
    from .build import BuildError, build_site
    from .output import OutputRefused
    try:
        build_site(args.content, audience=args.audience, out=args.out, today=_today(args.today),
                   strict=not args.lenient, site_url=args.site_url)
    except OutputRefused as err:  # nothing was written or deleted
        print(err)
        return 2
    except ContentError as err:
        print_problems(err.problems)
        print(msg.check_failed(len(err.problems.errors), len(err.problems.warnings)))
        print(msg.BUILD_KEPT)
        return 1
    except BuildError as err:
        print(err)
        print(msg.BUILD_KEPT)
        return 1
    except OSError as err:  # disk full, read-only...: the previous site is still there
        from .output import os_error_message
        print(os_error_message(err))
        print(msg.BUILD_KEPT)
        return 1
    return 0


def cmd_serve(args) -> int:
    from .output import OutputRefused
    from .serve import serve
    try:
        return serve(args.content, audience=args.audience, dev_addr=args.dev_addr,
                     today=_today(args.today))
    except OutputRefused as err:  # the preview's work folder is not ours to write
        print(err)
        return 2


def cmd_edit(args) -> int:
    from .build import DEFAULT_OUT
    from .editor.bundle import installed
    from .editor.server import make_server
    if not installed():
        print(msg.EDITOR_NOT_INSTALLED)
        return 2
    out = DEFAULT_OUT["restricted"]
    if not args.no_build:
        args.audience, args.out, args.lenient, args.site_url = "restricted", out, True, None
        status = cmd_build(args)
        if status != 0 and not (out / "bien-tap" / "index.html").is_file():
            return status  # nothing to serve; with a previous build, edit to fix the error
    try:
        server = make_server(out, args.content.resolve().parent, _today(args.today), args.port)
    except OSError as err:  # the port is taken, most often by another `edit`
        print(msg.editor_port_taken(args.port, err.strerror or str(err)))
        return 2
    url = f"http://127.0.0.1:{server.server_port}/bien-tap/"
    print(msg.editor_ready(url))
    if not args.no_open:
        import webbrowser
        webbrowser.open(url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


def _load_quietly(root: Path):
    """The content as it is, errors and all: enough to know the ids that exist."""
    from .load import load_content
    from .validate import Index
    content = load_content(root, Problems())
    return content, (Index(content) if content else None)


def cmd_new(args) -> int:
    from .load.convert import closest
    from .scaffold import ScaffoldError, plan
    content, index = _load_quietly(args.content)
    ids = {}
    if content is not None:
        ids = {kind: set(index.by_kind[kind]) for kind in ("cadre", "locality", "story")}
        ids["number"] = {b.number for b in content.bulletins if b.number is not None}
        ids["level"] = set(index.levels)
        ids["lowest_level"] = content.site.levels[-1].id
        # where each id is written: `new` names the file that already uses an id
        ids["paths"] = {kind: {key: (record.loc.path, record.loc.at("id"))
                               for key, record in index.by_kind[kind].items()}
                        for kind in ("cadre", "locality", "story", "bulletin", "visit")}
        ids["root"] = args.content.as_posix()
    options = {"cadre": args.cadre, "locality": args.locality, "parent": args.parent,
               "title": args.title, "name": args.name, "type": args.type,
               "level": args.level, "kind": args.kind, "id": args.id, "date": args.date}
    try:
        if args.level and args.level not in ids.get("level", {args.level}):
            raise ScaffoldError(msg.unknown_ref("level", args.level,
                                                closest(args.level, ids["level"])))
        rel, text = plan(args.what, options, ids, _today(args.today))
    except ScaffoldError as err:
        print(err)
        return 1
    return _create(args.content, rel, text, msg.new_done)


def _create(root: Path, rel: str, text: str, done) -> int:
    """Write a new content file (never over an existing one) and say what to do next."""
    from .scaffold import ScaffoldError, create
    try:
        path = create(root, rel, text)
    except ScaffoldError as err:
        print(err)
        return 1
    print(done(path.as_posix()))
    return 0


def cmd_digest(args) -> int:
    import re
    from .digest import draft
    match = re.fullmatch(r"(\d{4})-(\d{2})", args.month)
    if not match or not 1 <= int(match[2]) <= 12:
        print(msg.bad_month(args.month))
        return 2
    # A digest summarises records: drafted from content with errors (a report naming a unit
    # that does not exist), it would summarise what the site will not show.
    from .load import load_content
    from .validate import validate
    problems = Problems()
    content = load_content(args.content, problems)
    index = validate(content, problems, today=_today(args.today)) if content else None
    if content is None or problems.errors:
        print_problems(Problems(problems.errors))
        print(msg.digest_needs_valid(len(problems.errors)))
        return 1
    rel, text = draft(content, index, int(match[1]), int(match[2]), _today(args.today))
    return _create(args.content, rel, text, msg.digest_done)


def cmd_template(args) -> int:
    from .importer.template import write_template
    from .load import load_content
    from .validate import validate
    # the lists come from the content: from content with errors they would offer what the
    # import then refuses
    problems = Problems()
    today = _today(args.today)
    content = load_content(args.content, problems)
    if content is not None:
        validate(content, problems, today=today)
    if content is None or problems.errors:
        print_problems(Problems(problems.errors))
        print(msg.template_needs_valid(len(problems.errors)))
        return 1
    try:
        write_template(args.kind, content, args.out, today)
    except FileExistsError:
        print(msg.template_exists(str(args.out)))
        return 1
    except OSError as err:
        print(msg.template_unwritable(str(args.out), err.strerror or str(err)))
        return 1
    print(msg.template_done(str(args.out)))
    return 0


def cmd_schemas(args) -> int:
    from .schema import render_all
    folder = Path(__file__).resolve().parent.parent / "schemas"
    folder.mkdir(exist_ok=True)
    for name, text in render_all().items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    print(msg.SCHEMAS_DONE)
    return 0


def cmd_csp(args) -> int:
    from .secure import inline_fingerprints, nginx_headers, site_policy
    if args.fingerprints:
        for fingerprint, start in inline_fingerprints(args.site).items():
            print(f"{fingerprint} {start}")
        return 0
    content = site_policy(args.site)
    if content is None:
        print(f"{args.site}: {msg.CSP_NO_POLICY}")
        return 2
    print(nginx_headers(content), end="")
    return 0


def cmd_import(args) -> int:
    action = {"units": _import_list, "merges": _import_list, "visits": _import_visits,
              "assignments": _import_assignments}[args.what]
    return _reporting_import_errors(lambda: action(args))


def _reporting_import_errors(action) -> int:
    """Run an import: a bad file or bad rows end as their messages and exit code 1, with
    nothing written."""
    from .importer import ImportFailed
    from .importer.table import TableError
    try:
        return action()
    except ImportFailed as err:
        print_problems(err.problems)
        print(err.message or msg.import_failed(len(err.problems.errors)))
        return 1
    except TableError as err:  # not a list we can read: one message says why
        print(err)
        return 1


def _import_list(args) -> int:
    from .importer import merges, units
    if args.what == "units":
        plan = units.plan(args.file, args.province, args.content, args.start, _today(args.today))
    else:
        plan = merges.plan(args.file, args.content)
    pending = plan.new if args.what == "units" else plan.changes
    written = plan.write() if pending and not args.dry_run else None
    (_units_report if args.what == "units" else _merges_report)(plan, args.dry_run, written)
    return 0


def _import_assignments(args) -> int:
    from .importer import assignments
    plan = assignments.plan(args.file, args.content, _today(args.today), args.level)
    for line in plan.known:
        print(line)
    if plan.empty:
        print(msg.assign_nothing(len(plan.known)))
        return 0
    _assignments_plan(plan)
    if not args.yes:
        print(msg.assign_confirm())
        return 0
    written = assignments.write(plan, args.content, f"phan-cong-{_today(args.today).isoformat()}")
    print(msg.assign_written([p.as_posix() for p in written]))
    return 0


def _assignments_plan(plan) -> None:
    from .text import format_date
    names = plan.names  # the content the plan was made on: not read a second time
    cadres = {c.id: c.name for c in (*names.content.cadres, *plan.cadres)}
    print(msg.assign_plan(len(plan.cadres), len(plan.assignments), len(plan.endings)))
    for c in plan.cadres:
        print(msg.assign_plan_cadre(c.name, c.id, c.title, c.organization))
    for a in plan.assignments:
        unit = names.shown(names.units[a["locality"]], a["start"])
        print(msg.assign_plan_new(cadres[a["cadre"]], unit, format_date(a["start"]),
                                  format_date(a["end"]) if a["end"] else None))
    for e in plan.endings:
        a = e.assignment
        print(msg.assign_plan_end(cadres[a.cadre], names.shown(names.units[a.locality], e.end),
                                  format_date(e.end), e.by, f"{a.loc.path}:{a.loc.line}"))


def _import_visits(args) -> int:
    from .importer import visits
    plan = visits.plan(args.file, args.content, _today(args.today))
    print_problems(plan.problems)
    for line in plan.skipped:
        print(line)
    if plan.refused and not args.partial:
        print(msg.import_visits_failed(len(plan.problems.errors), plan.refused))
        return 1
    if not plan.new:
        print(msg.import_visits_nothing(plan.rows, len(plan.skipped)))
    elif args.dry_run:
        print(msg.import_visits_dry_run(len(plan.new)))
        print("\n".join(report.path.as_posix() for report in plan.new))
    else:
        plan.write()
        print(msg.import_visits_written(len(plan.new), (args.content / "visits").as_posix()))
    if plan.refused and plan.new and not args.dry_run:
        print(msg.import_visits_partial(len(plan.new), plan.refused))
    return 1 if plan.refused else 0  # --partial: the refused rows still need the clerk


def _units_report(plan, dry_run: bool, written) -> None:
    if not plan.new:
        print(msg.import_units_nothing(plan.seen))
    elif dry_run:
        print(msg.import_units_dry_run(plan.target().as_posix(), len(plan.new)))
        print(plan.text(), end="")
    else:
        print(msg.import_units_written(written.as_posix(), len(plan.new)))
    if plan.differences:
        print(msg.IMPORT_DIFFERENCES)
        print("\n".join(plan.differences))


def _merges_report(plan, dry_run: bool, written) -> None:
    if not plan.changes:
        print(msg.import_merges_nothing(plan.rows))
        return
    report = msg.import_merges_dry_run if dry_run else msg.import_merges_done
    print(report(len(plan.changes), len(plan.files)))
    for change in plan.changes:
        print(msg.import_change(f"{change.unit.shown}:{change.unit.span.last_line}",
                                change.unit.id))
        print("\n".join(change.lines()))


def cmd_sample(args) -> int:
    from .sample import Sizes, generate
    try:
        counts = generate(args.out, Sizes(args.units, args.visits, args.stories, args.bulletins,
                                          args.seed))
    except FileExistsError:
        print(msg.sample_exists(str(args.out)))
        return 2
    print(msg.sample_done(str(args.out), counts))
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return _dispatch(args)
    except KeyboardInterrupt:
        print(msg.INTERRUPTED)
        return 130
    except BrokenPipeError:  # the reader stopped reading (`check | head`): nothing to say to it
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as err:  # the last resort: disk full, read-only, no permission, name too long
        from .output import os_error_message
        print(os_error_message(err))
        return 1


def _dispatch(args) -> int:
    if args.command in ("sample", "schemas", "csp"):
        return {"sample": cmd_sample, "schemas": cmd_schemas, "csp": cmd_csp}[args.command](args)
    if not args.content.is_dir():
        print(msg.no_content_dir(str(args.content)))
        return 2
    handler = {"check": cmd_check, "build": cmd_build, "serve": cmd_serve, "new": cmd_new,
               "edit": cmd_edit,
               "digest": cmd_digest, "import": cmd_import,
               "template": cmd_template}[args.command]
    return handler(args)

