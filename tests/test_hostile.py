"""Audiences, hostile input and never losing work."""
from __future__ import annotations

import gzip
import hashlib
import http.server
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from functools import partial
from pathlib import Path

import pytest

from scripts.build import build_site
from scripts.cli import main

from .conftest import ROOT, TODAY, copy_fixture
from .htmlcheck import text_of

# ---- two audiences ----------------------------------------------------------------------------

# One marker per restricted record and field: unique words that survive Pagefind's lower-casing.
MARKERS = {
    "visit summary": "mkrvisitsummary", "visit finding": "mkrvisitfinding",
    "visit difficulty": "mkrvisitdifficulty", "proposal text": "mkrproposaltext",
    "proposal addressee": "mkrproposalto", "proposal answer": "mkrproposalanswer",
    "story title": "mkrstorytitle", "story summary": "mkrstorysummary",
    "story body": "mkrstorybody", "bulletin title": "mkrbulletintitle",
    "bulletin body": "mkrbulletinbody", "phone": "mkrphone", "email": "mkremail",
}
M = MARKERS


def seed_markers(content: Path) -> None:
    (content / "visits/2023/2023-03-20-an-dinh.yml").write_text(f"""date: 2023-03-20
cadre: nguyen-thi-lan
locality: an-nhon-an-dinh
kind: work_session
summary: Nội dung {M['visit summary']}.
findings: [Nắm được {M['visit finding']}.]
difficulties: [Khó khăn {M['visit difficulty']}.]
proposals:
  - id: kien-nghi
    text: Đề nghị {M['proposal text']}.
    to: UBND {M['proposal addressee']}
    status: resolved
    resolved_on: 2023-04-01
    response: Trả lời {M['proposal answer']}.
""", encoding="utf-8")
    (content / "stories/bi-mat.md").write_text(f"""---
title: Bài {M['story title']}
date: 2023-05-02
kind: lesson
locality: an-nhon-an-dinh
summary: Tóm tắt {M['story summary']}.
visibility: restricted
---
Thân bài {M['story body']}.
""", encoding="utf-8")
    (content / "bulletins/noi-bo.md").write_text(f"""---
title: Bản tin {M['bulletin title']}
number: 13
date: 2023-06-30
featured: [bi-mat, an-dinh-tieu-bieu]
visibility: restricted
---
Lời {M['bulletin body']}.
""", encoding="utf-8")
    cadres = content / "cadres/huyen.yml"
    cadres.write_text(cadres.read_text(encoding="utf-8").replace(
        '"0275 3 812 345"', f'"0275 {M["phone"]}"').replace(
        "lan.nt@example.vn", f"{M['email']}@example.vn"), encoding="utf-8")


def every_byte(site: Path) -> bytes:
    """All files of a build, Pagefind's compressed index and fragments decompressed."""
    chunks = []
    for path in site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if path.suffix.startswith(".pf_") or path.name.endswith(".pagefind"):
                try:
                    data = gzip.decompress(data)
                except OSError:
                    pass
            chunks.append(data)
    return b"\n".join(chunks)


@pytest.fixture(scope="module")
def audiences(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("audiences")
    content = copy_fixture("four-levels", tmp)
    seed_markers(content)
    return {a: every_byte(build_site(content, audience=a, out=tmp / a, today=TODAY,
                                     work=tmp / "work", log=lambda *_: None))
            for a in ("public", "restricted")}


@pytest.mark.parametrize("what", MARKERS)
def test_public_build_holds_no_restricted_record_or_field(audiences, what):
    assert MARKERS[what].encode() not in audiences["public"]


@pytest.mark.parametrize("what", MARKERS)
def test_restricted_build_holds_everything(audiences, what):
    assert MARKERS[what].encode() in audiences["restricted"]


def test_restricted_build_marks_restricted_records(tmp_path):
    content = copy_fixture("four-levels", tmp_path)
    seed_markers(content)
    site = build_site(content, audience="restricted", out=tmp_path / "s", today=TODAY,
                      work=tmp_path / "w", log=lambda *_: None)
    for page in ("stories/bi-mat/index.html", "bulletins/noi-bo/index.html"):
        assert "Chỉ có trong bản nội bộ" in (site / page).read_text(encoding="utf-8")
    assert "· làm việc · nội bộ" in text_of(site / "visits/2023-03/thanh-phu/index.html")


def test_the_two_audiences_build_to_different_folders(workdir, capsys):
    copy_fixture("four-levels", workdir)
    assert main(["build", "--today", "2026-11-23"]) == 0
    assert main(["build", "--audience", "restricted", "--today", "2026-11-23"]) == 0
    assert (workdir / "site/index.html").exists()
    assert (workdir / "site-restricted/index.html").exists()


# ---- hostile input that a case file cannot hold -----------------------------------------------

def test_media_symlink_pointing_outside_is_refused(workdir, capsys):
    content = copy_fixture("four-levels", workdir)
    (content / "media/2020/lan.png").unlink()
    os.symlink("/etc/passwd", content / "media/2020/lan.png")
    assert main(["check", "--today", "2026-11-23"]) == 1
    out = capsys.readouterr().out
    assert ('content/cadres/huyen.yml:9: photo: đường dẫn "media/2020/lan.png" đi ra ngoài thư '
            'mục content/; cần dạng media/2020/anh.jpg') in out


def test_symlinked_content_file_is_refused(workdir, capsys):
    content = copy_fixture("four-levels", workdir)
    secret = workdir / "ngoai.yml"
    secret.write_text("date: 2023-05-02\n", encoding="utf-8")
    os.symlink(secret, content / "visits/2023/2023-05-02-an-dinh.yml")
    assert main(["check", "--today", "2026-11-23"]) == 1
    assert capsys.readouterr().out.splitlines()[0] == (
        'content/visits/2023/2023-05-02-an-dinh.yml:1: đường dẫn "visits/2023/2023-05-02-an-dinh'
        '.yml" đi ra ngoài thư mục content/; cần dạng media/2020/anh.jpg')


def test_huge_file_is_refused_without_reading_it_into_yaml(workdir, capsys):
    content = copy_fixture("four-levels", workdir)
    huge = "summary: " + "a" * (3 * 1024 * 1024) + "\n"
    (content / "visits/2023/2023-05-02-an-dinh.yml").write_text(huge, encoding="utf-8")
    assert main(["check", "--today", "2026-11-23"]) == 1
    assert capsys.readouterr().out.splitlines()[0] == (
        "content/visits/2023/2023-05-02-an-dinh.yml:1: tệp quá lớn (3145738 byte); "
        "tối đa 2097152 byte")


# ---- never lose work --------------------------------------------------------------------------

def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_no_command_changes_or_deletes_a_content_file(workdir, capsys):
    content = copy_fixture("four-levels", workdir)
    before = snapshot(content)
    for args in (["check"], ["check", "--strict"], ["build"], ["build", "--audience", "restricted"],
                 ["digest", "--month", "2023-05"],
                 ["new", "visit", "--cadre", "nguyen-thi-lan", "--locality", "an-nhon-an-dinh",
                  "--date", "2023-06-01"]):
        main([*args, "--today", "2026-11-23"])
    after = snapshot(content)
    assert {k: v for k, v in after.items() if k in before} == before
    assert set(after) - set(before) == {"bulletins/2023/ban-tin-2023-05.md",
                                        "visits/2023/06/2023-06-01-an-nhon-an-dinh.yml"}


def test_generator_never_cleans_a_folder_it_did_not_write(workdir, capsys):
    content = copy_fixture("four-levels", workdir)
    docs = workdir / "work/public/docs"
    docs.mkdir(parents=True)
    (docs / "ghi-chu.md").write_text("của người khác", encoding="utf-8")
    with pytest.raises(Exception) as err:
        build_site(content, audience="public", out=workdir / "site", today=TODAY,
                   work=workdir / "work", log=lambda *_: None)
    assert "không ghi vào đó để khỏi xóa nhầm" in str(err.value)
    assert (docs / "ghi-chu.md").read_text(encoding="utf-8") == "của người khác"


def serve_once(folder: Path) -> bytes:
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{server.server_address[1]}/") as r:
            return r.read()
    finally:
        server.shutdown()


def test_a_build_killed_midway_leaves_the_previous_site_serving(tmp_path):
    content = copy_fixture("four-levels", tmp_path)
    out = tmp_path / "site"
    command = [sys.executable, "-m", "scripts", "build", "--content", str(content), "--out",
               str(out), "--today", "2026-11-23"]
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    before = snapshot(out)
    page = serve_once(out)
    # change the content, start a build, and kill it once MkDocs is writing the new site
    (content / "pages/gioi-thieu.md").write_text("# Giới thiệu mới\n", encoding="utf-8")
    build = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".site.new-*/*")) and time.monotonic() < deadline:
        assert build.poll() is None, "the build ended before it could be killed"
        time.sleep(0.005)  # watching for the staging folder to fill, not waiting on a result
    os.killpg(build.pid, signal.SIGKILL)
    build.wait()
    assert snapshot(out) == before
    assert serve_once(out) == page
    # the next build replaces the site and clears what the killed one left
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    assert "Giới thiệu mới" in (out / "pages/gioi-thieu/index.html").read_text(encoding="utf-8")
    assert list(tmp_path.glob(".site.new-*")) == []
