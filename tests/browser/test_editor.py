"""The browser editor (bien-tap/ of the restricted build) on the local back end, as `./dev edit`
runs it: the restricted build and the editor's API on one address, editing a copy of the sample
content. What the editor writes must pass `check`; the records it did not touch must stay as
they were; the form must refuse what the site would refuse, in Vietnamese; and no request may
leave this machine (the `page` fixture fails the test on any)."""
from __future__ import annotations

import base64
import difflib
import re
import shutil
import threading
import urllib.request

import pytest
import yaml

from scripts.editor.server import make_server
from scripts.pipeline import load_and_validate

from ..conftest import ROOT, TODAY
from .conftest import PASSWORD, USER
from .test_a11y import axe_page, violations  # noqa: F401 (a fixture)


@pytest.fixture
def workspace(published, tmp_path):
    """A working copy of the sample content, and the editor's server over it."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    server = make_server(published["www"] / "bantin-noibo", tmp_path, TODAY)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield {"root": tmp_path, "url": f"http://127.0.0.1:{server.server_port}/bien-tap/"}
    server.shutdown()
    server.server_close()


def sign_in(page, workspace, where: str):
    page.goto(workspace["url"])
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_text("Bộ sưu tập").wait_for()
    page.goto(workspace["url"] + where)


def field(page, label: str):
    """A form field by its label, which Decap follows with "(không bắt buộc)" when optional."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}( \(không bắt buộc\))?$"))


def pick(page, label: str, typed: str, shown: str):
    """Choose in a picker by typing without accents, as editors do on a phone."""
    field(page, label).click()
    page.keyboard.type(typed)
    page.get_by_role("option", name=shown).click()


def choose(page, label: str, option: str):
    field(page, label).last.click()
    page.get_by_role("option", name=option, exact=True).click()


def publish(page):
    page.get_by_role("button", name="Công bố").click()
    page.get_by_text("Công bố ngay").click()
    page.get_by_text("Đã lưu.", exact=True).wait_for()


def new_files(root, folder: str) -> list:
    before = {p for p in (ROOT / "content" / folder).rglob("*") if p.is_file()}
    return sorted(p for p in (root / "content" / folder).rglob("*") if p.is_file()
                  and ROOT / "content" / p.relative_to(root / "content") not in before)


def passes_check(root):
    """`check --strict` on the edited copy: raises ContentError with every problem."""
    return load_and_validate(root / "content", today=TODAY, strict=True)


def test_create_a_story_with_a_topic_a_unit_and_a_result(page, workspace):
    sign_in(page, workspace, "#/collections/bai-viet/new")
    field(page, "Tiêu đề").fill(
        "Chi bộ ấp An Định giữ mối liên hệ với đảng viên đi làm ăn xa")
    field(page, "Ngày").fill("20/11/2026")
    choose(page, "Loại", "Cách làm hay")
    pick(page, "Địa bàn", "an dinh", "Ấp An Định (Xã An Qui)")
    pick(page, "Chủ đề", "sinh hoat", "Nâng cao chất lượng sinh hoạt chi bộ")
    field(page, "Tóm tắt, một đoạn").fill(
        "Chi bộ lập nhóm liên lạc và phân công đảng viên gọi điện hằng tháng.")
    page.get_by_role("button", name="Thêm kết quả").click()
    field(page, "Chỉ tiêu").fill("Đảng viên đi làm ăn xa giữ liên lạc")
    field(page, "Con số").fill("27")
    field(page, "Đơn vị").fill("người")
    # the preview is the site's page: its labels, its style sheets
    preview = page.frame_locator("iframe").first
    assert preview.locator("h1").inner_text().startswith("Chi bộ ấp An Định")
    assert "Địa bàn: Ấp An Định (Xã An Qui)" in preview.locator("ul").first.inner_text()
    publish(page)

    [path] = new_files(workspace["root"], "stories")
    assert path.relative_to(workspace["root"]).as_posix() == (
        "content/stories/2026/chi-bo-ap-an-dinh-giu-moi-lien-he-voi-dang-vien-di-lam-an-xa.md")
    loaded = passes_check(workspace["root"])
    story = next(s for s in loaded.content.stories
                 if s.id == "chi-bo-ap-an-dinh-giu-moi-lien-he-voi-dang-vien-di-lam-an-xa")
    assert (story.kind, story.locality, story.topics) == (
        "good_practice", "an-nhon-an-dinh", ["sinh-hoat-chi-bo"])
    assert [(r.label, r.value, r.unit) for r in story.results] == [
        ("Đảng viên đi làm ăn xa giữ liên lạc", 27, "người")]
    assert story.date.isoformat() == "2026-11-20"


def start_visit(page, workspace, summary: str):
    """A new report of Nguyễn Thị Lan's work session at ấp An Định on 18/11/2026."""
    sign_in(page, workspace, "#/collections/bao-cao/new")
    field(page, "Ngày xuống địa bàn").fill("18/11/2026")
    pick(page, "Cán bộ báo cáo", "nguyen thi lan", "Nguyễn Thị Lan — Phó Trưởng Ban Dân vận Huyện ủy")
    pick(page, "Địa bàn", "an dinh", "Ấp An Định (Xã An Qui)")
    choose(page, "Hình thức", "Làm việc")
    field(page, "Tóm tắt").fill(summary)


def test_create_a_visit_report_with_two_proposals(page, workspace):
    start_visit(page, workspace, "Làm việc với chi ủy về nước ngọt mùa khô.")
    for i, (key, text) in enumerate([("nuoc-ngot", "Hỗ trợ bồn chứa nước cho 12 hộ."),
                                     ("nao-vet", "Nạo vét kênh Ba Lai đoạn qua ấp.")]):
        page.get_by_role("button", name="Thêm kiến nghị").click()
        field(page, "Mã kiến nghị").nth(i).fill(key)
        field(page, "Nội dung kiến nghị").nth(i).fill(text)
    field(page, "Hạn giải quyết").nth(1).fill("31/12/2026")
    publish(page)

    [path] = new_files(workspace["root"], "visits")
    assert path.relative_to(workspace["root"]).as_posix() == (
        "content/visits/2026/11/2026-11-18-an-nhon-an-dinh.yml")
    loaded = passes_check(workspace["root"])
    visit = next(v for v in loaded.content.visits if v.id == "2026-11-18-an-nhon-an-dinh")
    assert (visit.cadre, visit.locality, visit.kind) == (
        "nguyen-thi-lan", "an-nhon-an-dinh", "work_session")
    assert [(p.id, p.text, p.status, p.due and p.due.isoformat()) for p in visit.proposals] == [
        ("nuoc-ngot", "Hỗ trợ bồn chứa nước cho 12 hộ.", "open", None),
        ("nao-vet", "Nạo vét kênh Ba Lai đoạn qua ấp.", "open", "2026-12-31")]


def test_edit_a_cadres_title_in_a_list_file(page, workspace):
    path = workspace["root"] / "content/cadres/cap-huyen.yml"
    before = path.read_text(encoding="utf-8")
    sign_in(page, workspace, "#/collections/can-bo/entries/cap-huyen")
    record = page.locator("[class*=SortableListItem]").filter(
        has_text="Nguyễn Thị Lan — Phó Trưởng Ban Dân vận Huyện ủy")
    record.get_by_role("button", name="Mở ra hoặc thu gọn mục").click()
    title = field(record, "Chức vụ")
    title.fill("Trưởng Ban Dân vận Huyện ủy")
    publish(page)

    after = path.read_text(encoding="utf-8")
    changed = [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(),
                                                     lineterm="", n=0)
               if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    # one line changed: every other record, the comments and the layout stay as written
    assert changed == ["-  title: Phó Trưởng Ban Dân vận Huyện ủy",
                       "+  title: Trưởng Ban Dân vận Huyện ủy"]
    old, new = yaml.safe_load(before), yaml.safe_load(after)
    assert [r for r in new if r["id"] != "nguyen-thi-lan"] == [
        r for r in old if r["id"] != "nguyen-thi-lan"]
    passes_check(workspace["root"])


def test_the_form_refuses_an_empty_required_field_and_a_future_date(page, workspace):
    sign_in(page, workspace, "#/collections/bao-cao/new")
    field(page, "Ngày xuống địa bàn").fill("05/01/2031")
    pick(page, "Cán bộ báo cáo", "le hoang phuc", "Lê Hoàng Phúc — Quận ủy viên, Trưởng Ban "
         "Tuyên giáo Quận ủy")
    page.get_by_role("button", name="Công bố").click()
    page.get_by_text("Công bố ngay").click()
    errors = page.locator("ul[class*=ControlErrorsList] li")
    errors.first.wait_for()
    shown = errors.all_text_contents()  # (shown in capitals by the style sheet)
    assert any(e.startswith("Ngày xuống địa bàn: ngày 05/01/2031 ở tương lai (hôm nay là ")
               for e in shown), shown
    assert "Tóm tắt bắt buộc nhập." in shown
    assert "Địa bàn bắt buộc nhập." in shown
    assert new_files(workspace["root"], "visits") == []


def test_a_save_that_check_refuses_is_undone_and_says_why(page, workspace):
    """The form cannot know every rule (a resolved proposal needs the day it was resolved):
    the local back end checks the file, puts it back, and the message names the field."""
    start_visit(page, workspace, "Làm việc với chi ủy.")
    page.get_by_role("button", name="Thêm kiến nghị").click()
    field(page, "Mã kiến nghị").fill("nuoc-ngot")
    field(page, "Nội dung kiến nghị").fill("Hỗ trợ bồn chứa nước.")
    choose(page, "Tình trạng", "Đã giải quyết")
    page.get_by_role("button", name="Công bố").click()
    page.get_by_text("Công bố ngay").click()
    toast = page.get_by_text(re.compile("^Chưa lưu được: .*nội dung còn lỗi"))
    toast.wait_for()
    assert ("content/visits/2026/11/2026-11-18-an-nhon-an-dinh.yml:7: proposals[0].resolved_on: "
            in toast.inner_text())
    assert new_files(workspace["root"], "visits") == []
    # what was typed is still in the form
    assert field(page, "Tóm tắt").input_value() == "Làm việc với chi ủy."


def test_the_public_build_has_no_trace_of_the_editor(published):
    public, restricted = published["www"] / "bantin", published["www"] / "bantin-noibo"
    assert (restricted / "bien-tap/index.html").is_file()
    assert (restricted / "bien-tap/config.yml").is_file()
    home = (restricted / "index.html").read_text(encoding="utf-8")
    assert '<a class="editor-link" href="bien-tap/">Biên tập nội dung</a>' in home
    assert not (public / "bien-tap").exists()
    trace = re.compile(r"(?<![\w-])bien-tap/|decap|CMS_MANUAL_INIT|/api/v1", re.I)
    for path in public.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".js", ".json", ".xml", ".txt", ".css",
                                              ".yml", ".svg", ".webmanifest"):
            assert not trace.search(path.read_text(encoding="utf-8", errors="replace")), path


def test_the_published_editor_runs_under_its_policy_and_asks_no_other_host(page, published):
    """On the intranet (nginx, deploy/nginx.conf): its own policy, no violation of it, and
    every request to the build's own host (the `page` fixture fails on any other)."""
    page.add_init_script("""window.__violations = [];
        document.addEventListener("securitypolicyviolation",
            e => window.__violations.push(e.violatedDirective + " " + e.blockedURI));""")
    requested, errors = [], []
    page.on("request", lambda request: requested.append(request.url))
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.goto(published["restricted"] + "bien-tap/")
    page.get_by_role("button", name="Đăng nhập").wait_for()
    page.wait_for_load_state("networkidle")
    host = published["restricted"].split("/")[2]
    assert [u for u in requested if u.split("/")[2] != host] == []
    assert page.evaluate("window.__violations") == [] and errors == []
    headers = urllib.request.urlopen(urllib.request.Request(
        published["restricted"] + "bien-tap/", headers={"Authorization": "Basic " + base64.b64encode(
            f"{USER}:{PASSWORD}".encode()).decode()})).headers
    assert "'unsafe-eval'" in headers["Content-Security-Policy"]
    assert "connect-src 'self';" in headers["Content-Security-Policy"]


# each view, and a text that shows it is drawn whole (the list: its reports, which come last)
VIEWS = {"#/collections/bao-cao": "07/10/2026 · Chi bộ ấp An Định sinh hoạt chuyên đề về giữ mối "
                                  "liên hệ với đảng viên đi làm ăn xa.",
         "#/collections/bao-cao/new": "Ngày xuống địa bàn",
         "#/collections/can-bo/entries/cap-huyen": "Nguyễn Thị Lan — Phó Trưởng Ban Dân vận Huyện ủy"}


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("where", list(VIEWS))
def test_no_wcag_violation_in_the_editor(axe_page, workspace, where, width):
    """The list, a new report's form and a list file, at a phone's width and a desktop's:
    Decap's own greys and frame title corrected by editor/src/bien-tap.css and nhan-nut.js."""
    axe_page.set_viewport_size({"width": width, "height": 900})
    sign_in(axe_page, workspace, where)
    axe_page.get_by_text(VIEWS[where], exact=True).first.wait_for()
    axe_page.wait_for_load_state("networkidle")
    # colours are measured as they end, not halfway through Decap's fades
    axe_page.add_style_tag(content="*, *::before, *::after { transition: none !important; "
                                   "animation: none !important; }")
    assert violations(axe_page) == []
    # nothing lies off a phone's screen: the publish button stays in reach
    assert axe_page.evaluate("document.documentElement.scrollWidth") <= width


def test_a_report_can_be_started_with_the_keyboard_alone(page, workspace):
    """Sign in, type the day, then move with Tab and choose by typing and Enter: the pickers
    and choices answer the keyboard, without accents typed."""
    page.goto(workspace["url"])
    page.get_by_role("button", name="Đăng nhập").focus()
    page.keyboard.press("Enter")
    page.get_by_text("Bộ sưu tập").wait_for()
    page.goto(workspace["url"] + "#/collections/bao-cao/new")
    field(page, "Ngày xuống địa bàn").focus()
    page.keyboard.type("18/11/2026")
    for typed in ("nguyen thi lan", "an dinh", "lam viec"):
        page.keyboard.press("Tab")
        page.keyboard.type(typed)
        page.get_by_role("option").first.wait_for()
        page.keyboard.press("Enter")
    form = page.locator("form, [class*=ControlPaneContainer]").first.inner_text()
    assert "Nguyễn Thị Lan — Phó Trưởng Ban Dân vận Huyện ủy" in form
    assert "Ấp An Định (Xã An Qui)" in form and "Làm việc" in form
    preview = page.frame_locator("iframe").first
    assert preview.locator("h2").first.inner_text() == "18/11/2026 · Ấp An Định (Xã An Qui)"


def test_a_report_names_a_story_written_since_the_build(page, workspace):
    """The story picker's values are paths, the file's are ids: a story saved a minute ago (not
    in the build's map) is found by its title typed without accents, written as its id, and
    shown again on reopening."""
    sign_in(page, workspace, "#/collections/bai-viet/new")
    field(page, "Tiêu đề").fill("Tổ liên lạc đảng viên đi làm ăn xa")
    field(page, "Ngày").fill("20/11/2026")
    choose(page, "Loại", "Cách làm hay")
    pick(page, "Địa bàn", "an dinh", "Ấp An Định (Xã An Qui)")
    field(page, "Tóm tắt, một đoạn").fill("Mỗi tổ giữ liên lạc với năm đảng viên.")
    publish(page)
    # Decap then moves to the saved story's own address
    page.wait_for_url("**/entries/2026/to-lien-lac-dang-vien-di-lam-an-xa")
    report = workspace["url"] + "#/collections/bao-cao/entries/2026/10/2026-10-07-an-dinh"
    page.goto(report)
    page.reload()  # a fresh page: the story map as `edit` serves it now, not as built
    pick(page, "Điển hình, cách làm hay đã thấy", "to lien lac",
         "Tổ liên lạc đảng viên đi làm ăn xa")
    publish(page)
    text = (workspace["root"] / "content/visits/2026/10/2026-10-07-an-dinh.yml").read_text("utf-8")
    assert text.endswith("practices:\n  - to-lien-lac-dang-vien-di-lam-an-xa\n")
    page.reload()  # reopened
    chips = page.locator("[class*=multiValue], [class*=MultiValue]")
    chips.filter(has_text="Tổ liên lạc đảng viên đi làm ăn xa").wait_for()
    passes_check(workspace["root"])
