"""The browser editor without a browser: its configuration follows the data model, its back end
configuration follows site.yml, its local back end writes only where it may and undoes a save
`check` refuses, and its file formats (editor/src/formats.js, run by Node) keep what nobody
edited. The editor in Chromium is tests/browser/test_editor.py."""
from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import urllib.error
import urllib.request
from datetime import date
from threading import Thread

import pytest

from scripts import model as m
from scripts.editor import bundle
from scripts.editor.config import base_config
from scripts.editor.local_api import ApiError, LocalRepo
from scripts.editor.server import make_server

from .conftest import ROOT, TODAY

CONFIG = base_config()
COLLECTIONS = {c["name"]: c for c in CONFIG["collections"]}


def _fields(collection: dict) -> list[dict]:
    fields = collection["fields"] if "fields" in collection else collection["files"][0]["fields"]
    records = next((f for f in fields if f["name"] == "records"), None)
    return records["fields"] if records else fields


@pytest.mark.parametrize("name, cls, skipped", [
    ("bao-cao", m.Visit, {"id"}), ("bai-viet", m.Story, {"id"}), ("ban-tin", m.Bulletin, {"id"}),
    ("trang", m.Page, set()), ("dia-ban", m.Locality, set()), ("can-bo", m.Cadre, set()),
    ("phan-cong", m.Assignment, set()), ("chu-de", m.Topic, set())])
def test_every_field_of_the_model_is_in_the_form(name, cls, skipped):
    fields = {f["name"]: f for f in _fields(COLLECTIONS[name])}
    expected = [fl.name for fl in m.spec_fields(cls) if fl.name not in skipped]
    assert [n for n in fields if n not in ("body", "_nguon")] == expected
    for fl in m.spec_fields(cls):
        if fl.name in skipped:
            continue
        assert fields[fl.name].get("required", True) == fl.metadata["required"], fl.name


def test_choices_carry_the_models_vietnamese_labels():
    kind = next(f for f in _fields(COLLECTIONS["bao-cao"]) if f["name"] == "kind")
    assert kind["options"][0] == {"label": "Dự sinh hoạt chi bộ", "value": "branch_meeting"}
    assert [o["value"] for o in kind["options"]] == m.VISIT_KIND.values


def _texts(node):
    if isinstance(node, dict):
        for key in ("label", "hint", "label_singular", "description"):
            if isinstance(node.get(key), str):
                yield node[key]
        for value in node.values():
            yield from _texts(value)
    elif isinstance(node, list):
        for item in node:
            yield from _texts(item)


def test_what_editors_read_names_no_field_and_no_english_value():
    values = {v for enum in (m.VISIT_KIND, m.STORY_KIND, m.PROPOSAL_STATUS, m.ROLE,
                             m.VISIBILITY, m.TASK_STATUS, m.STORY_STAGE) for v in enum.values}
    for text in _texts(CONFIG):
        words = set(re.findall(r"[A-Za-z_]+", text))
        assert not words & values, text
        assert not re.search(r"\b[a-z]+_[a-z_]+\b", text), text


def test_dates_are_past_where_they_record_what_happened():
    visit = {f["name"]: f for f in _fields(COLLECTIONS["bao-cao"])}
    assert visit["date"] == {"name": "date", "label": "Ngày xuống địa bàn", "widget": "date",
                             "khong_sau_hom_nay": True}
    proposal = {f["name"]: f for f in visit["proposals"]["fields"]}
    assert "khong_sau_hom_nay" not in proposal["due"]  # a deadline is in the future
    assert proposal["resolved_on"]["khong_sau_hom_nay"] is True


def test_references_are_pickers_by_name():
    visit = {f["name"]: f for f in _fields(COLLECTIONS["bao-cao"])}
    assert visit["cadre"]["widget"] == "relation"
    assert (visit["cadre"]["collection"], visit["cadre"]["value_field"]) == (
        "can-bo", "records.*.id")
    assert visit["topics"]["multiple"] is True and visit["topics"]["file"] == "chu-de"
    assert visit["practices"]["collection"] == "bai-viet"


def test_files_are_named_as_new_names_them():
    assert COLLECTIONS["bao-cao"]["path"] == "{{year}}/{{month}}/{{slug}}"
    assert COLLECTIONS["bao-cao"]["slug"] == "{{fields.date}}-{{fields.locality}}"
    assert COLLECTIONS["bai-viet"]["path"] == "{{year}}/{{slug}}"
    assert COLLECTIONS["ban-tin"]["slug"] == "ban-tin-{{year}}-{{month}}"
    assert CONFIG["slug"] == {"encoding": "ascii", "clean_accents": True,
                              "sanitize_replacement": "-"}


def _site(**editor) -> m.Site:
    return m.Site(title="T", organization="O", levels=[],
                  editor=m.EditorSettings(**editor) if editor else None)


def test_without_settings_the_editor_uses_the_local_back_end():
    assert bundle.site_config(_site())["backend"] == {"name": "proxy", "proxy_url": "/api/v1",
                                                      "branch": "main"}
    assert "connect-src 'self';" in bundle.policy(_site())


def test_gitlab_with_the_editorial_workflow():
    site = _site(backend="gitlab", repo="btc/bantin", base_url="https://git.intranet.local/",
                 app_id="abc", editorial_workflow=True)
    config = bundle.site_config(site)
    assert config["backend"] == {
        "name": "gitlab", "repo": "btc/bantin", "branch": "main",
        "base_url": "https://git.intranet.local", "app_id": "abc", "auth_type": "pkce",
        "api_root": "https://git.intranet.local/api/v4", "auth_endpoint": "oauth/authorize"}
    assert config["publish_mode"] == "editorial_workflow"
    assert config["local_backend"] == {"url": "/api/v1"}
    assert "connect-src 'self' https://git.intranet.local;" in bundle.policy(site)


def test_gitea_has_no_editorial_workflow_in_decap():
    site = _site(backend="gitea", repo="btc/bantin", base_url="http://gitea.local:3000",
                 app_id="abc", editorial_workflow=True)
    config = bundle.site_config(site)
    assert config["backend"]["api_root"] == "http://gitea.local:3000/api/v1"
    assert "publish_mode" not in config


# ---- the local back end ---------------------------------------------------------------------

@pytest.fixture
def repo(tmp_path):
    shutil.copytree(ROOT / "content", tmp_path / "content")
    return LocalRepo(tmp_path, TODAY)


@pytest.mark.parametrize("path", ["../secret.yml", "content/../../x", "/etc/passwd",
                                  "scripts/cli.py", "content/.git/config"])
def test_writes_stay_under_content(repo, path):
    with pytest.raises(ApiError) as err:
        repo.handle({"action": "persistEntry", "params": {
            "dataFiles": [{"path": path, "raw": "x", "slug": "x"}], "assets": []}})
    assert str(err.value) == "trình biên tập chỉ được đọc, ghi tệp trong thư mục content/"


def test_records_are_never_deleted_from_the_browser(repo):
    with pytest.raises(ApiError) as err:
        repo.handle({"action": "deleteFile", "params": {"path": "content/cadres/cap-huyen.yml"}})
    assert str(err.value).startswith("trình biên tập không xóa bài")
    assert (repo.root / "content/cadres/cap-huyen.yml").is_file()


def test_a_refused_save_puts_the_file_back_byte_for_byte(repo):
    path = repo.root / "content/cadres/cap-huyen.yml"
    before = path.read_bytes()
    broken = before.decode().replace("level: district", "level: quan", 1)
    with pytest.raises(ApiError) as err:
        repo.handle({"action": "persistEntry", "params": {
            "dataFiles": [{"path": "content/cadres/cap-huyen.yml", "raw": broken, "slug": "x"}],
            "assets": []}})
    assert str(err.value).startswith("nội dung còn lỗi; sửa rồi lưu lại")
    assert "content/cadres/cap-huyen.yml:6: level: " in str(err.value)
    assert path.read_bytes() == before


def test_a_refused_save_leaves_no_picture_behind(repo):
    broken = (repo.root / "content/cadres/cap-huyen.yml").read_text("utf-8").replace(
        "level: district", "level: quan", 1)
    with pytest.raises(ApiError):
        repo.handle({"action": "persistEntry", "params": {
            "dataFiles": [{"path": "content/cadres/cap-huyen.yml", "raw": broken, "slug": "x"}],
            "assets": [{"path": "content/media/anh-moi.jpg", "content": "AAEC",
                        "encoding": "base64"}]}})
    assert not (repo.root / "content/media/anh-moi.jpg").exists()


def test_the_story_pickers_know_a_story_saved_since_the_build(repo):
    repo.warm()
    assert json.loads(repo.stories)["xom-moi-duong-hoa"] == "2020/xom-moi-duong-hoa"
    story = (ROOT / "content/stories/2020/xom-moi-duong-hoa.md").read_text("utf-8")
    repo.persist([{"path": "content/stories/2026/bai-moi.md",
                   "raw": story.replace("title: Chi bộ thôn Xóm Mới", "title: Bài mới", 1)}])
    assert json.loads(repo.stories)["bai-moi"] == "2026/bai-moi"


def test_entries_by_folder_lists_the_files_with_their_text(repo):
    entries = repo.handle({"action": "entriesByFolder", "params": {
        "folder": "content/stories", "extension": "md", "depth": 2}})
    paths = [e["file"]["path"] for e in entries]
    assert "content/stories/2020/xom-moi-duong-hoa.md" in paths
    entry = entries[paths.index("content/stories/2020/xom-moi-duong-hoa.md")]
    assert entry["data"] == (ROOT / "content/stories/2020/xom-moi-duong-hoa.md").read_text("utf-8")


def _post(url: str, body: bytes, headers: dict) -> int:
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        return urllib.request.urlopen(request).status
    except urllib.error.HTTPError as err:
        return err.code


def test_only_the_editors_page_may_use_the_back_end(tmp_path):
    """Another site open in the same browser could post a form to 127.0.0.1: refused unless
    it is JSON (which a form cannot send without asking) from this server's own origin."""
    (tmp_path / "content").mkdir()
    server = make_server(tmp_path, tmp_path, date(2026, 11, 23))
    Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/api/v1"
    info = json.dumps({"action": "info"}).encode()
    try:
        assert _post(url, info, {"Content-Type": "application/json"}) == 200
        assert _post(url, info, {"Content-Type": "text/plain"}) == 403
        assert _post(url, info, {"Content-Type": "application/json",
                                 "Origin": "http://evil.example"}) == 403
        assert _post(url, info, {"Content-Type": "application/json",
                                 "Host": "evil.example"}) == 403
    finally:
        server.shutdown()
        server.server_close()


# ---- the formats (editor/src/formats.js, run by Node) ----------------------------------------------

NODE_SCRIPT = """
import * as YAML from "%(yaml)s";
import { listFormat, recordFormat } from "%(formats)s";
const input = JSON.parse(await new Promise((ok) => {
  let text = ""; process.stdin.on("data", (d) => text += d); process.stdin.on("end", () => ok(text));
}));
const format = input.kind === "list" ? listFormat(YAML) : recordFormat(YAML, new Map());
const data = format.fromFile(input.text);
const edited = new Function("data", input.edit)(data) ?? data;
process.stdout.write(JSON.stringify({ read: data, written: format.toFile(edited) }));
"""


def _node(kind: str, text: str, edit: str) -> dict:
    if shutil.which("node") is None or not bundle.installed():
        pytest.skip("Node and editor/node_modules are installed by ./dev test")
    script = NODE_SCRIPT % {"yaml": (bundle.PACKAGES / "yaml/browser/dist/index.js").as_uri(),
                            "formats": (bundle.SOURCES / "formats.js").as_uri()}
    out = subprocess.run(["node", "--input-type=module", "-e", script], check=True,
                         input=json.dumps({"kind": kind, "text": text, "edit": edit}),
                         capture_output=True, text=True, timeout=60)
    return json.loads(out.stdout)


LIST = """# Cán bộ cấp xã (nhân vật hư cấu).
- id: a
  name: Nguyễn Văn A   # trưởng ấp
  title: Bí thư
  level: commune
- {id: b, name: Trần Thị B, title: Phó Bí thư, level: commune}
- id: c
  name: Lê Văn C
  title: Ủy viên
  level: commune
"""


def test_a_list_file_keeps_comments_and_untouched_records():
    out = _node("list", LIST, "data.records[2].title = 'Phó Bí thư';")
    assert out["written"] == LIST.replace("  title: Ủy viên", "  title: Phó Bí thư")


def test_a_removed_record_leaves_its_neighbours_as_written():
    out = _node("list", LIST, "data.records.splice(1, 1);")
    assert out["written"] == LIST.replace(
        "- {id: b, name: Trần Thị B, title: Phó Bí thư, level: commune}\n", "")


def test_the_pickers_search_text_is_never_written():
    out = _node("list", LIST, "data.records.push({id: 'd', name: 'Đỗ Thị Đào', title: '', "
                              "level: 'commune'});")
    assert out["read"]["records"][0]["tim"] == "nguyen van a bi thu a"
    assert out["written"].endswith("- id: d\n  name: Đỗ Thị Đào\n  level: commune\n")
    assert "tim:" not in out["written"] and "nhan:" not in out["written"]


def test_a_new_report_is_plain_yaml_without_empty_fields():
    out = _node("record", "", "return {date: '2026-11-18', cadre: 'a', summary: 'Họp.', "
                              "findings: [], to: '', meeting: {}};")
    assert out["written"] == "date: 2026-11-18\ncadre: a\nsummary: Họp.\n"


def test_a_changed_record_keeps_its_comments():
    out = _node("list", LIST, "data.records[0].title = 'Bí thư chi bộ';")
    assert out["written"] == LIST.replace("  name: Nguyễn Văn A   # trưởng ấp\n  title: Bí thư\n",
                                          "  name: Nguyễn Văn A # trưởng ấp\n"
                                          "  title: Bí thư chi bộ\n")


REPORT = """date: 2026-10-07
cadre: nguyen-thi-lan  # người báo cáo
summary: >-
  Một tóm tắt dài hơn một trăm ký tự, gấp thành hai dòng theo cách người viết đã chọn, không ai
  động tới.
topics: [sinh-hoat-chi-bo]
"""


def test_a_report_keeps_every_key_nobody_edited_as_written():
    out = _node("record", REPORT, "data.topics = ['sinh-hoat-chi-bo', 'nong-thon-moi'];")
    assert out["written"] == REPORT.replace(
        "topics: [sinh-hoat-chi-bo]", "topics: [ sinh-hoat-chi-bo, nong-thon-moi ]")


def test_edit_says_when_its_port_is_taken(capsys):
    from scripts.cli import main
    if not bundle.installed():
        pytest.skip("editor/node_modules is installed by ./dev test")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["edit", "--no-build", "--no-open", "--port", str(port)]) == 2
    assert capsys.readouterr().out == (
        f"Không mở được cổng {port} (Address already in use). Có thể trình biên tập đang chạy ở "
        f"cửa sổ khác; hoặc chọn cổng khác: ./dev edit --port {port + 1}\n")


def test_edit_serves_where_each_story_is_now(repo):
    """Not the build's bai-viet.json: the content's, as of the last save."""
    server = make_server(repo.root / "site", repo.root, TODAY)
    server.warm()
    Thread(target=server.serve_forever, daemon=True).start()
    try:
        with urllib.request.urlopen(
                f"http://127.0.0.1:{server.server_port}/bien-tap/bai-viet.json") as answer:
            stories = json.loads(answer.read())
    finally:
        server.shutdown()
        server.server_close()
    assert stories["xom-moi-duong-hoa"] == "2020/xom-moi-duong-hoa"
