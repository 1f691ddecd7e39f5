"""The compressed copies the build writes beside text files (scripts/precompress.py): each equal
to its file once decompressed, refreshed when the file changes, removed when it goes, and never
written through a hard link into the version being served."""
from __future__ import annotations

import gzip
import os

from scripts import precompress

PAGE = "<p>" + "Chi bộ sinh hoạt đúng giờ. " * 60 + "</p>"


def test_copies_equal_their_files_and_small_or_binary_files_get_none(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a/index.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "small.css").write_text("p{}", encoding="utf-8")
    (tmp_path / "photo.jpg").write_bytes(os.urandom(4000))
    assert precompress.write(tmp_path) == 1
    copy = tmp_path / "a/index.html.gz"
    assert gzip.decompress(copy.read_bytes()).decode("utf-8") == PAGE
    assert not (tmp_path / "small.css.gz").exists() and not (tmp_path / "photo.jpg.gz").exists()
    assert precompress.write(tmp_path) == 0  # nothing changed, nothing written


def test_a_changed_file_gets_a_new_copy_and_a_gone_file_loses_its_copy(tmp_path):
    site = tmp_path / "staging"
    site.mkdir()
    page, gone = site / "index.html", site / "old.html"
    page.write_text(PAGE, encoding="utf-8")
    gone.write_text(PAGE, encoding="utf-8")
    precompress.write(site)
    # a served version's copy, hard-linked into the staging folder as an incremental build does
    served = tmp_path / "served.gz"
    os.link(site / "index.html.gz", served)
    before = served.read_bytes()
    page.write_text(PAGE + "<p>Sửa</p>", encoding="utf-8")
    later = os.stat(site / "index.html.gz").st_mtime + 5
    os.utime(page, (later, later))
    gone.unlink()
    assert precompress.write(site) == 1
    assert gzip.decompress((site / "index.html.gz").read_bytes()).decode() == PAGE + "<p>Sửa</p>"
    assert served.read_bytes() == before  # the served copy is untouched
    assert not (site / "old.html.gz").exists()
