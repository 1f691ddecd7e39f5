"""The editors' tools: `new` for every kind, `digest`, the JSON Schemas, and `check --changed`."""
from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import jsonschema
import pytest
import yaml

from scripts.cli import main
from scripts.schema import FILES, render_all

from .conftest import ROOT, copy_fixture
from .test_bad_input import CASES, parse_case

TODAY = ["--today", "2026-11-23"]

# What an editor would type into the blanks `new` leaves, by field.
FILL = {"kind": "other", "summary": "Đã điền.", "title": "Chuyên viên",
        "organization": "Huyện ủy Thạnh Phú", "level": "district", "type": "Ấp"}
NEW = {
    "visit": ["--cadre", "nguyen-thi-lan", "--locality", "an-nhon-an-dinh", "--date", "5/6/2023"],
    "story": ["--title", "Chi bộ ấp Đồn Đạc làm đường", "--locality", "an-nhon"],
    "bulletin": ["--date", "2023-06-30"],
    "cadre": ["--name", "Trần Văn Bình"],
    "locality": ["--name", "3", "--type", "Ấp", "--level", "hamlet", "--parent", "an-nhon"],
    "assignment": ["--cadre", "tran-van-an", "--locality", "an-nhon-ap-2"],
}


def created(out: str) -> Path:
    return Path(re.match(r"Đã tạo (\S+)\. ", out).group(1))


@pytest.mark.parametrize("kind", NEW)
def test_new_file_passes_check_once_its_blanks_are_filled(kind, workdir, capsys):
    copy_fixture("four-levels", workdir)
    assert main(["new", kind, *NEW[kind], *TODAY]) == 0
    path = created(capsys.readouterr().out)
    text = path.read_text(encoding="utf-8")
    if kind == "story":
        text = text.replace('kind: ""', 'kind: "good_practice"')
    for name, value in FILL.items():
        text = re.sub(rf'^(\s*-?\s*){name}: ""', rf'\g<1>{name}: "{value}"', text, flags=re.M)
    path.write_text(text, encoding="utf-8")
    assert main(["check", *TODAY]) == 0, capsys.readouterr().out


@pytest.mark.parametrize("kind", NEW)
def test_new_never_overwrites(kind, workdir, capsys):
    copy_fixture("four-levels", workdir)
    main(["new", kind, *NEW[kind], *TODAY])
    path = created(capsys.readouterr().out)
    path.write_text(path.read_text(encoding="utf-8") + "# sửa tay\n", encoding="utf-8")
    before = path.read_bytes()
    assert main(["new", kind, *NEW[kind], *TODAY]) == 1
    assert capsys.readouterr().out == (
        f"Tệp {path.as_posix()} đã có; không ghi đè. Hãy sửa tệp đó hoặc chọn --id khác.\n")
    assert path.read_bytes() == before


def test_new_refuses_unknown_ids_with_a_suggestion(workdir, capsys):
    copy_fixture("four-levels", workdir)
    assert main(["new", "visit", "--cadre", "nguyen-thi-lann", "--locality", "an-nhon-an-dinh",
                 *TODAY]) == 1
    assert capsys.readouterr().out == 'không có cán bộ "nguyen-thi-lann"; có phải "nguyen-thi-lan"?\n'
    assert not (workdir / "content/visits/2026").exists()


def test_new_derives_ascii_ids_from_vietnamese(workdir, capsys):
    copy_fixture("four-levels", workdir)
    main(["new", "story", *NEW["story"], *TODAY])
    assert created(capsys.readouterr().out).name == "chi-bo-ap-don-dac-lam-duong.md"
    main(["new", "locality", *NEW["locality"], *TODAY])
    assert created(capsys.readouterr().out).name == "an-nhon-3.yml"


def test_digest_drafts_a_bulletin_that_is_not_published(workdir, capsys):
    copy_fixture("four-levels", workdir)
    assert main(["digest", "--month", "2023-03", *TODAY]) == 0
    path = workdir / "content/bulletins/2023/ban-tin-2023-03.md"
    assert capsys.readouterr().out == ("Đã soạn bản nháp content/bulletins/2023/ban-tin-2023-03.md"
                                       ". Sửa nội dung, rồi xóa dòng `draft: true` để xuất bản.\n")
    text = path.read_text(encoding="utf-8")
    assert "draft: true" in text and "visibility: \"restricted\"" in text
    # March 2023 in the fixture: one visit (05/03, An Định) raising two proposals
    assert "Trong tháng có 1 lượt cán bộ xuống 1 địa bàn." in text
    assert "- Nêu mới: Đề nghị huyện hỗ trợ kinh phí nạo vét kênh nội đồng." in text
    assert main(["check", *TODAY]) == 0
    assert main(["digest", "--month", "2023-03", *TODAY]) == 1  # never overwritten
    from scripts.build import generate
    pages = generate(workdir / "content", "restricted", date_of(TODAY), True, workdir / "w")
    assert not (workdir / "w/restricted/docs/bulletins/ban-tin-2023-03.md").exists()
    assert pages.pages > 0


def date_of(args):
    from datetime import date
    return date.fromisoformat(args[1])


# ---- JSON Schemas -----------------------------------------------------------------------------

class _Yaml12(yaml.SafeLoader):
    """YAML as VS Code's YAML extension reads it: dates stay strings."""


_Yaml12.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def schema_for(rel: str) -> dict | None:
    for kind, (_, _, glob) in FILES.items():
        folder = glob.split("/")[1]
        if rel == glob or (rel.startswith(f"content/{folder}/") and "*" in glob
                           and rel.endswith(glob.rsplit(".", 1)[1])):
            return json.loads((ROOT / "schemas" / f"{kind}.schema.json").read_text("utf-8"))
    return None


def document(rel: str, text: str):
    if rel.endswith(".md"):
        text = text.split("---")[1]
    return yaml.load(text, Loader=_Yaml12)


def test_committed_schemas_are_generated_from_the_model():
    for name, text in render_all().items():
        assert (ROOT / "schemas" / name).read_text(encoding="utf-8") == text, (
            f"schemas/{name} is stale: run python -m scripts schemas")


def test_schemas_accept_the_sample_content():
    files = [p for p in (ROOT / "content").rglob("*") if p.suffix in (".yml", ".md")]
    checked = 0
    for path in files:
        rel = path.relative_to(ROOT).as_posix()
        schema = schema_for(rel)
        if schema:
            jsonschema.validate(document(rel, path.read_text(encoding="utf-8")), schema)
            checked += 1
    assert checked > 150


# Cases about one file's shape; rules between records are the validator's alone.
SHAPE_CASES = ["field-unknown-key", "field-bad-choice", "field-date-format", "field-bad-id",
               "field-bad-number", "field-expected-list", "field-file-not-a-list",
               "field-missing-required", "yaml-comma-in-flow-mapping", "field-bad-email-url",
               "site-levels"]


@pytest.mark.parametrize("name", SHAPE_CASES)
def test_schemas_reject_what_the_validator_rejects(name):
    case = parse_case((Path(__file__).parent / "cases" / f"{name}.case").read_text("utf-8"))
    assert any(c.stem == name for c in CASES)
    rejected = []
    for rel, data in case["files"].items():
        schema = schema_for(rel)
        validator = jsonschema.Draft7Validator(schema)
        rejected += list(validator.iter_errors(document(rel, data.decode("utf-8"))))
    assert rejected


# ---- check --changed ---------------------------------------------------------------------------

@pytest.fixture
def repo(workdir):
    copy_fixture("four-levels", workdir)
    for command in (["init", "-q"], ["add", "-A"],
                    ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "mẫu"]):
        subprocess.run(["git", *command], cwd=workdir, check=True)
    return workdir


def test_check_changed_reports_only_changed_files(repo, capsys):
    # a problem in a file nobody touched is not this commit's business...
    (repo / "content/visits/2023/2023-04-10-an-nhon.yml").write_text(
        "date: 2023-04-10\ncadre: le-van-binh\nlocality: an-nhon\nkind: other\nsummary: x\n"
        "practices: [khong-co]\n", encoding="utf-8")
    subprocess.run(["git", "commit", "-qam", "x", "--no-verify"], cwd=repo, check=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t",
                        "PATH": "/usr/bin:/bin"})
    # ...but one in the file being changed is
    (repo / "content/visits/2023/2023-04-02-an-dinh.yml").write_text(
        "date: 2/4/2023\ncadre: nguyen-thi-lann\nlocality: an-nhon-an-dinh\nkind: other\n"
        "summary: Sửa.\n", encoding="utf-8")
    assert main(["check", "--changed", *TODAY]) == 1
    assert capsys.readouterr().out == (
        'content/visits/2023/2023-04-02-an-dinh.yml:2: cadre: không có cán bộ "nguyen-thi-lann"; '
        'có phải "nguyen-thi-lan"?\nCó 1 lỗi. Hãy sửa các lỗi trên rồi chạy lại.\n')


def test_check_changed_reports_what_refers_to_a_removed_record(repo, capsys):
    (repo / "content/stories/an-dinh-tieu-bieu.md").unlink()
    assert main(["check", "--changed", *TODAY]) == 1
    out = capsys.readouterr().out
    assert 'content/bulletins/ban-tin-2023-05.md:5: featured[0]: không có bài điển hình ' \
           '"an-dinh-tieu-bieu"' in out
    assert 'content/visits/2023/2023-03-05-an-dinh.yml' in out  # its practices[0]


def test_check_changed_with_nothing_changed(repo, capsys):
    assert main(["check", "--changed", *TODAY]) == 0
    assert capsys.readouterr().out == "Các tệp đã sửa hợp lệ (0 tệp).\n"


def test_digest_refuses_content_with_errors_naming_them(workdir, capsys):
    copy_fixture("four-levels", workdir)
    report = workdir / "content/visits/2023/2023-03-05-an-dinh.yml"
    report.write_text(report.read_text(encoding="utf-8").replace(
        "locality: an-nhon-an-dinh", "locality: an-nhon-an-dinhh"), encoding="utf-8")
    assert main(["digest", "--month", "2023-03", *TODAY]) == 1
    out = capsys.readouterr().out
    assert out == ('content/visits/2023/2023-03-05-an-dinh.yml:3: locality: không có địa bàn '
                   '"an-nhon-an-dinhh"; có phải "an-nhon-an-dinh"?\n'
                   "Chưa soạn bản tin: nội dung còn 1 lỗi (ở trên); bản tin tổng hợp từ nội dung "
                   "đã kiểm tra, hãy sửa rồi chạy lại.\n")
    assert not (workdir / "content/bulletins/2023").exists()
