"""The check cache is never trusted wrongly: deleted, stale, corrupt, hostile, made by another
version or for another content root, it gives exactly what a run without cache gives."""
from __future__ import annotations

import dataclasses
import os
import pickle
import shutil
import time

import pytest

from scripts import cache as c
from scripts import load as loader
from scripts.cli import main
from scripts.load import load_content
from scripts.problems import Problems
from scripts.sample import Sizes, generate
from scripts.validate import validate

from .conftest import TODAY

SIZES = Sizes(units=12, visits=120, stories=8, bulletins=3, seed=5)


@pytest.fixture
def tree(tmp_path):
    """A generated tree with a few errors and a warning, so that problems are compared too."""
    root = tmp_path / "content"
    generate(root, SIZES, log=None)
    visit = sorted((root / "visits").rglob("*.yml"))[0]
    visit.write_text(visit.read_text(encoding="utf-8").replace("cadre: ", "cadre: x", 1),
                     encoding="utf-8")
    (root / "visits" / "bad.yml").write_text("date: [\n", encoding="utf-8")
    story = sorted((root / "stories").rglob("*.md"))[0]
    story.write_text(story.read_text(encoding="utf-8") + "\n![Ảnh](media/khong-co.jpg)\n",
                     encoding="utf-8")
    return root


def _run(root, store=None, jobs=1):
    """What a check sees: every problem, and every record with where it was written."""
    problems = Problems()
    content = load_content(root, problems, store, jobs=jobs)
    validate(content, problems, today=TODAY)
    records = {kind: [dataclasses.asdict(r) for r in getattr(content, kind)]
               for kind in ("localities", "cadres", "assignments", "visits", "stories",
                            "bulletins", "pages", "topics")}
    return [str(p) for p in problems.sorted()], records, content.unreadable


def _cached(root, folder):
    store = c.Store.open(folder, root)
    result = _run(root, store)
    store.save()
    return result, store


@pytest.fixture
def parses(monkeypatch):
    """How many files were parsed (not taken from the cache)."""
    count = []
    real = loader._load_one
    monkeypatch.setattr(loader, "_load_one", lambda *a: count.append(a[2]) or real(*a))
    return count


def _edit_same_size_and_time(path):
    """A change an mtime-and-size cache cannot see: same length, mtime put back."""
    before = os.stat(path)
    text = path.read_text(encoding="utf-8")
    changed = text.replace("kind: branch_meeting", "kind: branch_meetinx", 1) \
        if "kind: branch_meeting" in text else text.replace("kind: ", "kind: x", 1)[:-1]
    assert len(changed.encode()) == before.st_size
    path.write_text(changed, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(path).st_mtime_ns == before.st_mtime_ns


def test_warm_cache_gives_the_same_and_parses_nothing(tree, tmp_path, parses):
    expected = _run(tree)
    assert _cached(tree, tmp_path / "cache")[0] == expected
    parses.clear()
    result, store = _cached(tree, tmp_path / "cache")
    assert result == expected and parses == [] and store.dropped == ""


def test_deleted_cache(tree, tmp_path):
    expected = _run(tree)
    _cached(tree, tmp_path / "cache")
    shutil.rmtree(tmp_path / "cache")
    result, store = _cached(tree, tmp_path / "cache")
    assert result == expected and store.dropped == "missing"


@pytest.mark.parametrize("settle", [False, True], ids=["just-written", "settled-stat"])
def test_stale_file_same_size_and_mtime(tree, tmp_path, monkeypatch, settle):
    if settle:  # let the stat vouch for the digest, as it does for files older than 2 s
        monkeypatch.setattr(c, "RACY_NS", 50_000_000)
        time.sleep(0.1)
    _cached(tree, tmp_path / "cache")
    target = sorted((tree / "visits").rglob("*.yml"))[3]
    _edit_same_size_and_time(target)
    expected = _run(tree)
    assert any(target.as_posix() in p for p in expected[0])
    assert _cached(tree, tmp_path / "cache")[0] == expected


def test_preview_cache_sees_a_same_size_same_mtime_edit(tree):
    memory: dict = {}
    _run(tree, memory)
    target = sorted((tree / "visits").rglob("*.yml"))[3]
    _edit_same_size_and_time(target)
    assert _run(tree, memory) == _run(tree)


def _cache_file(folder):
    [file] = folder.glob("*.cache")
    return file


@pytest.mark.parametrize("damage", ["garbage", "truncated", "flipped", "empty"])
def test_corrupt_cache(tree, tmp_path, damage):
    expected = _run(tree)
    _cached(tree, tmp_path / "cache")
    file = _cache_file(tmp_path / "cache")
    data = file.read_bytes()
    file.write_bytes({"garbage": os.urandom(5000), "truncated": data[: len(data) // 2],
                      "flipped": data[:-100] + bytes([data[-100] ^ 1]) + data[-99:],
                      "empty": b""}[damage])
    result, store = _cached(tree, tmp_path / "cache")
    assert result == expected and store.dropped


def test_hostile_cache_runs_no_code(tree, tmp_path):
    """A well-formed file (right header, right checksum) whose payload calls a function."""
    _cached(tree, tmp_path / "cache")
    file = _cache_file(tmp_path / "cache")
    data = file.read_bytes()
    head = data[: data.index(b"\n", len(c.MAGIC)) + 1]
    marker = tmp_path / "ran"

    class Evil:
        def __reduce__(self):
            return (os.mkdir, (str(marker),))
    payload = pickle.dumps(([], Evil()), protocol=5)
    import hashlib
    file.write_bytes(head + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)
    result, store = _cached(tree, tmp_path / "cache")
    assert result == _run(tree) and "UnpicklingError" in store.dropped and not marker.exists()


def test_cache_of_another_version(tree, tmp_path, monkeypatch, parses):
    expected = _run(tree)
    _cached(tree, tmp_path / "cache")
    monkeypatch.setattr(c, "_CODE", "0" * 64)  # as if any file of scripts/ had changed
    parses.clear()
    result, store = _cached(tree, tmp_path / "cache")
    assert result == expected and store.dropped == "ValueError: foreign"
    assert len(parses) > 100
    monkeypatch.setattr(c, "FORMAT", c.FORMAT + 1)  # and another layout of the cache file
    c._CODE = None
    assert _cached(tree, tmp_path / "cache")[1].dropped == "ValueError: foreign"


def test_cache_of_another_content_root(tree, tmp_path):
    other = tmp_path / "other" / "content"
    shutil.copytree(tree, other)
    _edit_same_size_and_time(sorted((other / "visits").rglob("*.yml"))[3])
    _cached(tree, tmp_path / "cache")
    # the other root's cache file replaced by this root's one
    _cached(other, tmp_path / "cache-other")
    shutil.copy(_cache_file(tmp_path / "cache"), _cache_file(tmp_path / "cache-other"))
    result, store = _cached(other, tmp_path / "cache-other")
    assert result == _run(other) and store.dropped == "ValueError: foreign"


def test_media_added_is_seen_by_cached_stories(tree, tmp_path):
    _cached(tree, tmp_path / "cache")
    (tree / "media").mkdir(exist_ok=True)
    (tree / "media" / "khong-co.jpg").write_bytes(b"\xff\xd8\xff")
    result = _cached(tree, tmp_path / "cache")[0]
    assert result == _run(tree) and not any("khong-co.jpg" in p for p in result[0])


def test_site_visibility_default_change_is_seen(tree, tmp_path):
    _cached(tree, tmp_path / "cache")
    with (tree / "site.yml").open("a", encoding="utf-8") as f:
        f.write("visibility: {visits: public}\n")
    result = _cached(tree, tmp_path / "cache")[0]
    assert result == _run(tree)
    assert {v["visibility"] for v in result[1]["visits"]} == {"public"}


def test_pool_gives_the_same_as_one_process(tree, monkeypatch):
    monkeypatch.setattr(loader, "POOL_MIN", 1)
    monkeypatch.setattr(loader, "BATCH", 16)
    assert _run(tree, c.Store.open(None, tree), jobs=2) == _run(tree)


def _check(capsys, *args):
    code = main(["check", "--today", TODAY.isoformat(), *args])
    return code, capsys.readouterr().out


@pytest.mark.parametrize("strict", [[], ["--strict"]])
def test_check_output_warm_equals_cold(tree, tmp_path, capsys, strict):
    cold = _check(capsys, "--content", str(tree), "--no-cache", *strict)
    assert cold[0] == 1 and "lỗi" in cold[1]
    options = ["--content", str(tree), "--cache", str(tmp_path / "cache"), *strict]
    assert _check(capsys, *options) == cold  # writes the cache
    assert _check(capsys, *options) == cold  # from the cache (the last output reused)
    _edit_same_size_and_time(sorted((tree / "visits").rglob("*.yml"))[3])
    changed = _check(capsys, *options)
    assert changed == _check(capsys, "--content", str(tree), "--no-cache", *strict)
    assert changed != cold


def test_check_output_valid_tree(tmp_path, capsys, monkeypatch):
    root = tmp_path / "content"
    generate(root, SIZES, log=None)
    monkeypatch.setenv(c.ENV_DIR, str(tmp_path / "env-cache"))
    cold = _check(capsys, "--content", str(root), "--no-cache")
    assert cold[0] == 0
    assert _check(capsys, "--content", str(root)) == cold
    assert _check(capsys, "--content", str(root)) == cold
    assert list((tmp_path / "env-cache").glob("*.cache"))


def test_fresh_checkout_reuses_records_by_content(tree, tmp_path, parses):
    """CI restores the cache into a new checkout: new inodes and ctimes, same bytes."""
    expected = _run(tree)
    _cached(tree, tmp_path / "cache")
    for path in [p for p in tree.rglob("*") if p.is_file()]:
        shutil.copy2(path, path.with_suffix(".tmp"))
        os.replace(path.with_suffix(".tmp"), path)
    parses.clear()
    assert _cached(tree, tmp_path / "cache")[0] == expected and parses == []


# ---- charts kept on disk -------------------------------------------------------------------

def test_a_chart_is_drawn_once_and_redrawn_when_its_file_is_damaged(tmp_path, monkeypatch):
    from scripts import charts
    monkeypatch.setenv("THEO_DOI_CACHE_DIR", str(tmp_path / "check"))
    calls = []

    def draw(figures):
        calls.append(figures)
        return f"<svg><text>{figures}</text></svg>"

    first = charts.memo(draw)
    assert first((1, 2)) == "<svg><text>(1, 2)</text></svg>"
    assert charts.memo(draw)((1, 2)) == first((1, 2))  # a new run: read from disk
    assert calls == [(1, 2)]
    [stored] = (tmp_path / "charts").rglob("*.svg")
    stored.write_text(stored.read_text(encoding="utf-8").replace("(1, 2)", "(6, 6)"),
                      encoding="utf-8")
    assert charts.memo(draw)((1, 2)) == "<svg><text>(1, 2)</text></svg>"  # tampered: redrawn
    assert charts.memo(draw)((3, 4)) == "<svg><text>(3, 4)</text></svg>"  # other figures
    assert calls == [(1, 2), (1, 2), (3, 4)]


def test_drawings_no_build_used_for_a_month_are_pruned(tmp_path, monkeypatch):
    import os
    from scripts import charts
    monkeypatch.setenv("THEO_DOI_CACHE_DIR", str(tmp_path / "check"))

    def draw(figures):
        return f"<svg>{figures}</svg>"

    def stored() -> set:
        return set((tmp_path / "charts").rglob("*.svg"))

    charts.memo(draw)(1)
    [first] = stored()
    charts.memo(draw)(2)
    [second] = stored() - {first}
    month_ago = first.stat().st_mtime - charts.KEEP_DAYS * 86400 - 60
    for path in (first, second):
        os.utime(path, (month_ago, month_ago))
    charts.memo(draw)(2)  # a later run reads the second drawing: it counts as used
    assert charts.prune() == 1
    assert stored() == {second}
