"""The command line: `python -m scripts <command>`. Thin on purpose: each command calls one module."""
from __future__ import annotations

import argparse
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
                           "--strict", formatter_class=argparse.RawDescriptionHelpFormatter)
    _common(check)
    check.add_argument("--strict", action="store_true", help="coi cảnh báo là lỗi")

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
    return parser


def _audience(parser: argparse.ArgumentParser, default: str) -> None:
    parser.add_argument("--audience", choices=("public", "restricted"), default=default,
                        help=f"public: chỉ nội dung công khai; restricted: toàn bộ "
                        f"(mặc định: {default})")


def print_problems(problems: Problems) -> None:
    for problem in problems.sorted():
        print(problem)


def cmd_check(args) -> int:
    from .pipeline import load_and_validate
    try:
        loaded = load_and_validate(args.content, today=_today(args.today), strict=args.strict)
    except ContentError as err:
        print_problems(err.problems)
        print(msg.check_failed(len(err.problems.errors), len(err.problems.warnings)))
        return 1
    print_problems(loaded.problems)
    c = loaded.content
    counts = {"locality": len(c.localities), "cadre": len(c.cadres),
              "assignment": len(c.assignments), "visit": len(c.visits),
              "story": len(c.stories), "bulletin": len(c.bulletins), "page": len(c.pages)}
    print(msg.check_ok(counts, len(loaded.problems.warnings)))
    return 0


def cmd_build(args) -> int:
    from .build import BuildError, build_site
    try:
        build_site(args.content, audience=args.audience, out=args.out, today=_today(args.today),
                   strict=not args.lenient, site_url=args.site_url)
    except ContentError as err:
        print_problems(err.problems)
        print(msg.check_failed(len(err.problems.errors), len(err.problems.warnings)))
        print(msg.BUILD_KEPT)
        return 1
    except BuildError as err:
        print(err)
        print(msg.BUILD_KEPT)
        return 1
    return 0


def cmd_serve(args) -> int:
    from .serve import serve
    return serve(args.content, audience=args.audience, dev_addr=args.dev_addr,
                 today=_today(args.today))


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
    if args.command == "sample":
        return cmd_sample(args)
    if not args.content.is_dir():
        print(msg.no_content_dir(str(args.content)))
        return 2
    handler = {"check": cmd_check, "build": cmd_build, "serve": cmd_serve}[args.command]
    try:
        return handler(args)
    except KeyboardInterrupt:
        print(msg.INTERRUPTED)
        return 130
