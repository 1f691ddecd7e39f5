"""Outputs that can never eat inputs: refused --out folders, one build at a time, an atomic
flip that a kill cannot break, time limits, and OS errors as messages."""
from __future__ import annotations

import errno
import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from scripts import build as build_module
from scripts import messages as msg
from scripts.cli import main

from .conftest import ROOT, copy_fixture

TODAY = "2026-11-23"
REFUSAL_TAIL = (". Cần một thư mục mới hoặc một thư mục do lệnh build tạo trước đây, "
                "ví dụ --out site; không có gì bị ghi hay xóa.")


def hashes(folder: Path) -> dict[str, str]:
    """Every file under `folder` (through the `site` link) with the hash of its bytes."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def every_path(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")}


def command(content: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "scripts", "build", "--content", str(content), "--out", str(out),
            "--today", TODAY]


def environment(**extra: str) -> dict:
    return {**os.environ, "PYTHONPATH": str(ROOT), **extra}


def start(content: Path, out: Path, cwd: Path) -> subprocess.Popen:
    """A build as a separate program, run from `cwd` (its own build/ work folder)."""
    return subprocess.Popen(command(content, out), cwd=cwd, env=environment(), text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            start_new_session=True)


def complete(site: Path) -> bool:
    """A whole site: the link resolves, and the home page, 404 and search index are there."""
    return (site.is_symlink() and site.resolve().is_dir()
            and all((site / rel).is_file() for rel in ("index.html", "404.html",
                                                         "pagefind/pagefind.js")))


def leftovers(out: Path) -> list[str]:
    """What a build of `out` leaves beside it besides the link, its versions and its lock."""
    beside = {p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.")}
    versions = {p.name for p in (out.parent / f".{out.name}.d").iterdir()}
    return sorted((beside - {f".{out.name}.d", f".{out.name}.lock"})
                  | (versions - {".generated-by-scripts", os.readlink(out).split("/")[-1]}))


def processes_in(folder: Path) -> list[int]:
    """Processes running in `folder` or naming it: MkDocs and Pagefind children of a build."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            cwd = os.readlink(entry / "cwd")
            cmdline = (entry / "cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue  # ended meanwhile, or not ours to read
        if cwd == str(folder) or str(folder) in cmdline:
            found.append(int(entry.name))
    return found


def wait_until(condition, seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)  # polling a condition, not waiting for a guessed duration
    return True


# ---- --out folders that are not ours ----------------------------------------------------------

def refusal(out: str, why: str) -> str:
    return f"Không dựng vào {out}: {why}{REFUSAL_TAIL}"


def _cases(workdir: Path) -> dict[str, str]:
    real = os.path.realpath(workdir)
    return {
        "content": refusal("content", "đây là, chứa hoặc nằm trong thư mục nội dung content"),
        ".": refusal(".", f"đây là hoặc chứa thư mục gốc của dự án {real}"),
        "content/ban-dung": refusal(
            "content/ban-dung", "đây là, chứa hoặc nằm trong thư mục nội dung content"),
        ".git": refusal(".git", "đây là hoặc nằm trong thư mục .git, nơi git giữ lịch sử"),
        ".git/site": refusal(".git/site", "đây là hoặc nằm trong thư mục .git, nơi git giữ "
                             "lịch sử"),
        str(ROOT): refusal(ROOT.as_posix(), f"đây là hoặc chứa thư mục gốc của dự án {ROOT}"),
        str(ROOT / ".git"): refusal((ROOT / ".git").as_posix(),
                                    "đây là hoặc nằm trong thư mục .git, nơi git giữ lịch sử"),
        "ghi-chu": refusal("ghi-chu", "ghi-chu đã có sẵn và không do lệnh build tạo ra"),
        "trong": refusal("trong", "trong đã có sẵn và không do lệnh build tạo ra"),
        "tep.txt": refusal("tep.txt", "tep.txt là một tệp, không phải thư mục"),
        "tep.txt/site": refusal("tep.txt/site", "tep.txt là một tệp, không phải thư mục"),
        "build": refusal("build", "đây là, chứa hoặc nằm trong thư mục làm việc build"),
        "lien-ket": refusal("lien-ket", "đây là một liên kết không do lệnh build tạo ra"),
    }


@pytest.mark.parametrize("out", [".", "content", "content/ban-dung", ".git", ".git/site",
                                 str(ROOT), str(ROOT / ".git"), "ghi-chu", "trong", "tep.txt",
                                 "tep.txt/site", "build", "lien-ket"])
def test_out_that_is_not_ours_is_refused_and_nothing_changes(workdir, capsys, out):
    content = copy_fixture("two-levels", workdir)
    (workdir / ".git").mkdir()
    (workdir / ".git/HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (workdir / "ghi-chu").mkdir()
    (workdir / "ghi-chu/viec-can-lam.txt").write_text("của người khác", encoding="utf-8")
    (workdir / "trong").mkdir()  # empty, but not made by a build: still someone else's
    (workdir / "tep.txt").write_text("một tệp", encoding="utf-8")
    (workdir / "lien-ket").symlink_to("content")
    before = hashes(content), every_path(workdir), hashes(ROOT / "content")
    assert main(["build", "--content", "content", "--out", out, "--today", TODAY]) == 2
    assert capsys.readouterr().out == _cases(workdir)[out] + "\n"
    assert (hashes(content), every_path(workdir), hashes(ROOT / "content")) == before


def test_work_folder_that_is_a_file_is_refused(workdir, capsys):
    copy_fixture("two-levels", workdir)
    (workdir / "build").write_text("không phải thư mục", encoding="utf-8")
    assert main(["build", "--out", "site", "--today", TODAY]) == 2
    assert capsys.readouterr().out == (
        "Không tạo trang vào thư mục làm việc build: build là một tệp, không phải thư mục. "
        "Hãy chạy lệnh ở thư mục gốc của dự án; không có gì bị ghi hay xóa.\n")
    assert not (workdir / "site").exists()


def test_a_site_built_by_the_earlier_version_is_taken_over(workdir, capsys):
    """A real site/ folder with the earlier build's files becomes a versioned link."""
    copy_fixture("two-levels", workdir)
    old = workdir / "site"
    (old / "pagefind").mkdir(parents=True)
    for name in ("404.html", "sitemap.xml", "index.html"):
        (old / name).write_text("cũ", encoding="utf-8")
    assert main(["build", "--today", TODAY]) == 0
    assert complete(old) and (old / "index.html").read_text(encoding="utf-8") != "cũ"
    assert leftovers(old) == []


# ---- two builds at once -----------------------------------------------------------------------

def test_two_builds_of_one_output_at_once_both_end_with_a_complete_site(tmp_path):
    content = copy_fixture("two-levels", tmp_path)
    out = tmp_path / "site"
    waited = 0
    for round_ in range(20):
        (content / "pages").mkdir(exist_ok=True)
        (content / "pages/vong.md").write_text(f"# Vòng {round_}\n", encoding="utf-8")
        builds = [start(content, out, tmp_path) for _ in range(2)]
        outputs = [b.communicate(timeout=300)[0] for b in builds]
        for build, text in zip(builds, outputs):
            assert build.returncode == 0, text
            assert "Traceback" not in text
        waited += sum(msg.waiting_for("site") in text for text in outputs)
        assert complete(out), outputs
        assert f"Vòng {round_}" in (out / "pages/vong/index.html").read_text(encoding="utf-8")
    assert waited > 0  # the lock was met at least once, and said so
    done = subprocess.run(command(content, out), cwd=tmp_path, env=environment(),
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert complete(out) and leftovers(out) == []


# ---- builds killed at random points -----------------------------------------------------------

def test_a_build_killed_at_any_point_leaves_the_old_or_the_new_site(tmp_path):
    content = copy_fixture("two-levels", tmp_path)
    out = tmp_path / "site"
    page = content / "pages/gioi-thieu.md"
    page.parent.mkdir(exist_ok=True)
    page.write_text("# Bản 0\n", encoding="utf-8")
    started = time.monotonic()
    subprocess.run(command(content, out), cwd=tmp_path, env=environment(), check=True,
                   capture_output=True)
    duration = time.monotonic() - started
    shown, site = "Bản 0", hashes(out)
    rng = random.Random(11)
    for round_ in range(1, 21):
        page.write_text(f"# Bản {round_}\n", encoding="utf-8")
        build = start(content, out, tmp_path)
        try:
            build.wait(timeout=rng.uniform(0, duration * 1.2))  # the random kill point
        except subprocess.TimeoutExpired:
            pass
        if build.poll() is None:
            os.killpg(build.pid, signal.SIGKILL)
        build.communicate()
        assert wait_until(lambda: not processes_in(tmp_path)), "MkDocs or Pagefind outlived it"
        assert complete(out)
        text = (out / "pages/gioi-thieu/index.html").read_text(encoding="utf-8")
        if f"Bản {round_}<" in text:  # the new site, whole: the same pages as the old one
            now = hashes(out)
            assert {p for p in now if p.endswith(".html")} == {
                p for p in site if p.endswith(".html")}
            shown, site = f"Bản {round_}", now
        else:  # the old site, byte for byte
            assert f"{shown}<" in text and hashes(out) == site
    done = subprocess.run(command(content, out), cwd=tmp_path, env=environment(),
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout
    assert "Bản 20<" in (out / "pages/gioi-thieu/index.html").read_text(encoding="utf-8")
    assert leftovers(out) == []


# ---- time limits ------------------------------------------------------------------------------

def test_a_build_past_the_time_limit_stops_and_keeps_the_old_site(workdir, capsys, monkeypatch):
    copy_fixture("two-levels", workdir)
    assert main(["build", "--today", TODAY]) == 0
    before = hashes(workdir / "site")
    capsys.readouterr()
    monkeypatch.setenv("THEO_DOI_BUILD_TIMEOUT", "0.001")
    assert main(["build", "--today", TODAY]) == 1
    assert capsys.readouterr().out.splitlines()[-2:] == [
        "MkDocs chạy quá 0.001 giây nên đã bị dừng. Nếu nội dung thật sự lớn, hãy tăng giới "
        "hạn, ví dụ THEO_DOI_BUILD_TIMEOUT=3600 (số giây).",
        "Chưa dựng lại: trang đã dựng lần trước vẫn giữ nguyên."]
    assert hashes(workdir / "site") == before
    assert leftovers(workdir / "site") == []


def test_a_hung_child_is_killed_with_everything_it_started(tmp_path, monkeypatch):
    """What stops a hung Pagefind: the whole process group goes, grandchildren included."""
    marker = tmp_path / "treo"
    script = ("import subprocess, sys, time; "
              f"subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(600)', "
              f"{str(marker)!r}]); time.sleep(600)")
    started = time.monotonic()
    monkeypatch.setattr(build_module, "PAGEFIND", [sys.executable, "-c", script, str(marker)])
    with pytest.raises(build_module.BuildError) as err:
        build_module.run_pagefind(tmp_path, [("**/*.html", "pagefind", 1)], 1)
    assert str(err.value) == ("Pagefind chạy quá 1 giây nên đã bị dừng. Nếu nội dung thật sự "
                              "lớn, hãy tăng giới hạn, ví dụ THEO_DOI_BUILD_TIMEOUT=3600 "
                              "(số giây).")
    assert time.monotonic() - started < 30
    assert wait_until(lambda: not processes_in(marker))


def test_a_bad_time_limit_is_a_message(workdir, capsys, monkeypatch):
    copy_fixture("two-levels", workdir)
    monkeypatch.setenv("THEO_DOI_BUILD_TIMEOUT", "nửa giờ")
    assert main(["build", "--today", TODAY]) == 1
    assert capsys.readouterr().out.splitlines()[0] == (
        "THEO_DOI_BUILD_TIMEOUT phải là số giây lớn hơn 0, ví dụ 1800; đang là 'nửa giờ'.")


def test_a_second_build_waits_then_stops_after_the_limit(workdir, capsys, monkeypatch):
    import fcntl
    copy_fixture("two-levels", workdir)
    lock = os.open(workdir / ".site.lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(lock, fcntl.LOCK_EX)  # as a build in progress holds it
    try:
        monkeypatch.setenv("THEO_DOI_BUILD_TIMEOUT", "0.2")
        assert main(["build", "--today", TODAY]) == 1
    finally:
        os.close(lock)
    assert capsys.readouterr().out.splitlines() == [
        "Đang chờ lần dựng khác đang dùng site xong...",
        "Đã chờ 0.2 giây mà lần dựng khác đang dùng site vẫn chưa xong; hãy chạy lại sau, hoặc "
        "dừng lần dựng kia.",
        "Chưa dựng lại: trang đã dựng lần trước vẫn giữ nguyên."]


# ---- OS errors --------------------------------------------------------------------------------

OS_CASES = {
    errno.ENOSPC: "ổ đĩa đã đầy; hãy giải phóng chỗ trống rồi chạy lại",
    errno.EROFS: "ổ đĩa chỉ cho đọc; hãy dùng thư mục trên ổ ghi được, hoặc gắn lại ổ cho phép "
                 "ghi",
    errno.EACCES: "không có quyền; hãy cấp quyền cho người dùng đang chạy lệnh (chmod, chown), "
                  "hoặc dùng thư mục khác",
    errno.EPERM: "không có quyền; hãy cấp quyền cho người dùng đang chạy lệnh (chmod, chown), "
                 "hoặc dùng thư mục khác",
    errno.ENAMETOOLONG: "tên quá dài (mỗi tên tệp tối đa 255 byte); hãy đặt mã hoặc tên ngắn hơn",
    errno.EEXIST: "đã có một tệp hoặc thư mục cùng tên; hãy đổi tên hoặc dời nó",
}


@pytest.mark.parametrize("code", OS_CASES)
def test_an_os_error_in_a_build_is_one_message_and_the_old_site_stays(workdir, capsys,
                                                                      monkeypatch, code):
    copy_fixture("two-levels", workdir)
    assert main(["build", "--today", TODAY]) == 0
    before = hashes(workdir / "site")
    capsys.readouterr()

    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code), "build/public/docs/index.md")
    monkeypatch.setattr(build_module, "write_pages", fail)
    assert main(["build", "--today", TODAY]) == 1
    assert capsys.readouterr().out.splitlines()[-2:] == [
        f"Lỗi hệ thống tại build/public/docs/index.md: {OS_CASES[code]}.",
        "Chưa dựng lại: trang đã dựng lần trước vẫn giữ nguyên."]
    assert hashes(workdir / "site") == before


def test_an_os_error_inside_mkdocs_is_one_message(workdir, capsys, monkeypatch):
    """MkDocs runs in a child; a full disk there still names the path, in Vietnamese."""
    copy_fixture("two-levels", workdir)

    answer = ('{"ok": false, "errno": 28, "strerror": "No space left on device", '
              '"filename": "site/index.html"}')
    monkeypatch.setattr(build_module, "MKDOCS", [sys.executable, "-c", f"print({answer!r})"])
    assert main(["build", "--today", TODAY]) == 1
    assert capsys.readouterr().out.splitlines()[-2:] == [
        "Lỗi hệ thống tại site/index.html: ổ đĩa đã đầy; hãy giải phóng chỗ trống rồi chạy lại.",
        "Chưa dựng lại: trang đã dựng lần trước vẫn giữ nguyên."]


def test_an_os_error_in_any_command_is_one_message(workdir, capsys, monkeypatch):
    """`new` and `digest` into a read-only content folder: the last resort in main()."""
    copy_fixture("four-levels", workdir)

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system", "content/bulletins/2023")
    monkeypatch.setattr(Path, "mkdir", read_only)
    assert main(["digest", "--month", "2023-05", "--today", TODAY]) == 1
    assert capsys.readouterr().out == (
        "Lỗi hệ thống tại content/bulletins/2023: ổ đĩa chỉ cho đọc; hãy dùng thư mục trên ổ "
        "ghi được, hoặc gắn lại ổ cho phép ghi.\n")


def test_a_file_where_a_folder_is_needed_is_a_message_for_real(workdir, capsys):
    content = copy_fixture("four-levels", workdir)
    (content / "stories/2026").write_text("không phải thư mục", encoding="utf-8")
    assert main(["new", "story", "--title", "Bài thử", "--locality", "an-nhon",
                 "--today", TODAY]) == 1
    assert capsys.readouterr().out == (
        "Lỗi hệ thống tại content/stories/2026: đã có một tệp hoặc thư mục cùng tên; hãy đổi "
        "tên hoặc dời nó.\n")


def test_an_out_name_too_long_is_a_message_for_real(workdir, capsys):
    copy_fixture("two-levels", workdir)
    name = "a" * 300
    assert main(["build", "--out", name, "--today", TODAY]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"Lỗi hệ thống tại {name}: tên quá dài (mỗi tên tệp tối đa 255 byte); hãy đặt mã hoặc "
        "tên ngắn hơn.",
        "Chưa dựng lại: trang đã dựng lần trước vẫn giữ nguyên."]


def test_a_reader_that_stops_reading_is_no_traceback(tmp_path):
    """`check | head -1`: the pipe closes before the last line; the command ends quietly."""
    content = copy_fixture("four-levels", tmp_path)
    read, write = os.pipe()
    os.close(read)  # nobody will read: the first write breaks the pipe
    done = subprocess.run([sys.executable, "-m", "scripts", "check", "--content", str(content),
                           "--no-cache", "--today", TODAY], cwd=ROOT, stdout=write,
                          stderr=subprocess.PIPE, text=True)
    os.close(write)
    assert (done.returncode, done.stderr) == (1, "")
