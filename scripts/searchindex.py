"""The search index in parts: one Pagefind index for the reports of each year, one for the rest,
merged by the browser (theme/assets/javascripts/search.js reads `pagefind/parts.json`).

Why parts: Pagefind's time and memory grow faster than the pages it reads. One run over a
province's 60,000 reports took 26 s and 1.9 GB; the same pages a year at a time take a few
seconds and a few hundred MB each, two parts run at once on two cores, and a day's new reports
re-index only their year and the main part, carrying the other years' parts over from the
version being served.

A part is indexed again when any of its pages is new, gone, or was written by this build (a
carried-over page is a hard link to the served version's file: same inode). Pagefind never
writes into a carried-over file: a part's folder is emptied before it is indexed again.
"""
from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

ROOT_FOLDER = "pagefind"  # the main part; the yearly parts are its subfolders
MANIFEST = "parts.json"
MAIN = ""
_REPORTS = re.compile(r"^visits/(\d{4})-\d\d/")
_YEAR_PART = re.compile(r"^nam-\d{4}$")
# Pages that are not content: the 404 page is rebuilt by every build and has nothing to find.
NOT_INDEXED = {"404.html", "bien-tap/index.html"}  # the editor (restricted build) is no page
# Pagefind's ready-made interfaces, written into every part: the site searches through
# pagefind.js with its own interface (theme/assets/javascripts/search.js), so these are dropped.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js",
          "pagefind-component-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-highlight.js")
# A merged part is searched by the main part's script and WebAssembly: its own copies go too.
UNUSED_IN_YEARS = ("pagefind.js", "pagefind-worker.js")


def part_of(rel: str) -> str:
    """The part a page's index entry belongs to: `nam-2023` for a report page of 2023."""
    found = _REPORTS.match(rel)
    return f"nam-{found.group(1)}" if found else MAIN


def pages_by_part(site: Path, hidden: set[str] = frozenset()) -> dict[str, list[str]]:
    """Every HTML page of the site (Pagefind's own folder aside) but the `hidden` ones (pages
    that give search no word, which Pagefind leaves out), by part, sorted."""
    out: dict[str, list[str]] = {}
    for dirpath, dirnames, filenames in os.walk(site):
        base = os.path.relpath(dirpath, site).replace(os.sep, "/")
        if base == ".":
            dirnames[:] = [d for d in dirnames if d != ROOT_FOLDER]
        for name in filenames:
            rel = name if base == "." else f"{base}/{name}"
            if name.endswith(".html") and rel not in NOT_INDEXED and rel not in hidden:
                out.setdefault(part_of(rel), []).append(rel)
    return {part: sorted(rels) for part, rels in sorted(out.items())}


def glob_of(part: str, rels: list[str]) -> str:
    """A Pagefind glob that matches exactly `rels`. A year's part is a pattern; the main part
    names each top-level file and folder it holds (the report months' folders left out)."""
    if part != MAIN:
        return f"visits/{part[4:]}-*/**/*.html"
    alternatives = set()
    for rel in rels:
        head, _, rest = rel.partition("/")
        if not rest:
            alternatives.add(head)
        elif head == "visits":  # visits/index.html and folders that are not months
            sub, _, deeper = rest.partition("/")
            alternatives.add(f"visits/{sub}/**/*.html" if deeper else f"visits/{sub}")
        else:
            alternatives.add(f"{head}/**/*.html")
    return "{" + ",".join(sorted(alternatives)) + "}"


def folder_of(site: Path, part: str) -> Path:
    return site / ROOT_FOLDER / part if part else site / ROOT_FOLDER


def dirty_parts(site: Path, base: Path | None, parts: dict[str, list[str]],
                hidden: set[str] = frozenset()) -> set[str]:
    """The parts to index again: all without a previous version; otherwise those with a page
    written by this build (not the served file itself), a page gone, or no index yet."""
    if base is None:
        return set(parts)
    before = pages_by_part(base, hidden)
    dirty = set()
    for part, rels in parts.items():
        if rels != before.get(part) or not (folder_of(site, part) / "pagefind-entry.json").is_file():
            dirty.add(part)
            continue
        for rel in rels:
            now, then = os.stat(site / rel), os.stat(base / rel)
            if (now.st_ino, now.st_dev) != (then.st_ino, then.st_dev):
                dirty.add(part)
                break
    return dirty


def clear(site: Path, part: str, parts: set[str]) -> None:
    """Empty a part's folder (unlinking carried-over files, never writing into them); the
    main part keeps the yearly parts' folders that are still wanted."""
    folder = folder_of(site, part)
    if not folder.exists():
        return
    for entry in folder.iterdir():
        if part == MAIN and entry.is_dir() and entry.name in parts:
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()


def write_manifest(site: Path, parts: list[str]) -> None:
    """The yearly parts the browser merges into the main index, newest first."""
    path = site / ROOT_FOLDER / MANIFEST
    temporary = path.with_name(f".{MANIFEST}.tmp")
    temporary.write_text(json.dumps({"parts": sorted(parts, reverse=True)}), encoding="utf-8")
    os.replace(temporary, path)  # a new file: the served version's stays as it was


def build(site: Path, base: Path | None, run_parts, hidden: set[str] = frozenset()) -> list[str]:
    """Index the parts of `site` that need it: `run_parts([(glob, subfolder, pages), …])`
    runs Pagefind for each (largest first). Parts of the base version whose year has no page
    any more are removed; `hidden` pages are not counted. Returns the parts indexed."""
    parts = pages_by_part(site, hidden)
    yearly = {p for p in parts if p != MAIN}
    dirty = dirty_parts(site, base, parts, hidden)
    root = site / ROOT_FOLDER
    if root.exists():
        for entry in root.iterdir():
            if entry.is_dir() and _YEAR_PART.match(entry.name) and entry.name not in yearly:
                shutil.rmtree(entry)
    for part in dirty:
        clear(site, part, yearly)
    order = sorted(dirty, key=lambda p: -len(parts[p]))
    run_parts([(glob_of(part, parts[part]), f"{ROOT_FOLDER}/{part}".rstrip("/"),
                len(parts[part])) for part in order])
    for part in order:
        folder = folder_of(site, part)
        for name in UNUSED + (UNUSED_IN_YEARS if part else ()):
            (folder / name).unlink(missing_ok=True)
        if part:
            for wasm in folder.glob("wasm.*.pagefind"):
                wasm.unlink()
    write_manifest(site, sorted(yearly))
    return order
