"""Which files under content/ are which kind of record, and which files are misplaced.

A typo in a folder name (`vistis/`) or an extension (`.yml.txt`) must be an error, not a file
silently left out of the site.
"""
from __future__ import annotations

from dataclasses import dataclass, field
import os
import re
from pathlib import Path

from .. import messages as msg
from ..problems import Problems
from ..text import char_kind, find_hidden, nfc, windows_reserved
from .convert import closest

_PLAIN = re.compile(r"[A-Za-z0-9._-]+")  # no character in it needs a closer look
MAX_NAME = 120  # characters in one file or folder name; Windows paths stop at 260 in all

YAML_EXT = (".yml", ".yaml")
MD_EXT = (".md",)

# folder -> (accepted extensions, human description of them)
FOLDERS = {
    "localities": (YAML_EXT, ".yml"),
    "cadres": (YAML_EXT, ".yml"),
    "assignments": (YAML_EXT, ".yml"),
    "visits": (YAML_EXT, ".yml"),
    "stories": (MD_EXT, ".md"),
    "bulletins": (MD_EXT, ".md"),
    "pages": (MD_EXT, ".md"),
    "media": (None, ""),
}
TOP_FILES = ("site.yml", "topics.yml")


@dataclass
class Layout:
    """The content files by folder, as paths relative to the content root, sorted."""

    files: dict[str, list[str]] = field(default_factory=lambda: {k: [] for k in FOLDERS})
    top: dict[str, bool] = field(default_factory=dict)


def _hidden(path: Path) -> bool:
    # Dot-files are the editors' tools' business (.gitkeep, .DS_Store), never content.
    return any(part.startswith(".") for part in path.parts)


def scan(root: Path, problems: Problems) -> Layout:
    layout = Layout()
    for name in TOP_FILES:
        layout.top[name] = (root / name).is_file()
    if not layout.top["site.yml"]:
        problems.error((root / "site.yml").as_posix(), 1, "", msg.MISSING_FILE)
    for entry in sorted(root.iterdir()):
        rel = entry.relative_to(root)
        if _hidden(rel) or entry.name in TOP_FILES:
            continue
        if entry.is_symlink() and entry.is_dir():
            _report_symlink(root, entry.name, problems)
        elif entry.is_dir() and entry.name in FOLDERS:
            _scan_folder(root, entry, layout, problems)
        elif entry.is_dir():
            problems.error((root / rel).as_posix(), 1, "",
                           msg.unknown_folder(entry.name, closest(entry.name, FOLDERS)))
        else:
            suggestion = closest(entry.name, TOP_FILES)
            problems.error((root / rel).as_posix(), 1, "",
                           msg.unknown_file(entry.name, suggestion))
    return layout


def _scan_folder(root: Path, folder: Path, layout: Layout, problems: Problems) -> None:
    # os.walk rather than Path.rglob: a province's 60,000 reports are listed in a fraction.
    extensions, described = FOLDERS[folder.name]
    found = []
    # os.walk does not enter symlinked folders (followlinks=False); they are reported instead.
    for dirpath, dirnames, filenames in os.walk(folder):
        base = os.path.relpath(dirpath, root).replace(os.sep, "/")
        dirnames[:] = [d for d in dirnames if not d.startswith(".")
                       and _usable(root, base, d, dirpath, problems)]
        dirnames.sort()
        found += [f"{base}/{name}" for name in _names(root, base, filenames, problems)]
    for rel in sorted(found):
        suffix = os.path.splitext(rel)[1]
        if extensions is not None and suffix.lower() not in extensions:
            problems.error((root / rel).as_posix(), 1, "", msg.wrong_extension(suffix, described))
            continue
        layout.files[folder.name].append(rel)


def _display(root: Path, rel: str) -> str:
    # A name that is not UTF-8 comes from os.walk with surrogates, which cannot be printed.
    return (root / rel).as_posix().encode("utf-8", "replace").decode("utf-8")


def _report_symlink(root: Path, rel: str, problems: Problems) -> None:
    real_root = os.path.realpath(root)
    target = os.path.realpath(root / rel)
    outside = not (target + os.sep).startswith(real_root + os.sep)
    problems.error(_display(root, rel), 1, "", msg.folder_symlink(rel.rsplit("/", 1)[-1], outside))


def _usable(root: Path, base: str, name: str, dirpath: str, problems: Problems) -> bool:
    """A sub-folder that is walked: a real folder with a usable name (else reported)."""
    if os.path.islink(os.path.join(dirpath, name)):
        _report_symlink(root, f"{base}/{name}", problems)
        return False
    return _name_problem(root, f"{base}/{name}", problems) is None


def _names(root: Path, base: str, filenames: list[str], problems: Problems) -> list[str]:
    """The usable file names of one folder: each name that cannot be a file on every system
    (reserved on Windows, too long, invisible characters, the same as another once case and
    accents are folded as Windows and macOS do) is reported and left out."""
    kept, seen = [], {}
    for name in sorted(filenames):
        if name.startswith(".") or _name_problem(root, f"{base}/{name}", problems):
            continue
        key = nfc(name).casefold()
        if key in seen:
            problems.error(_display(root, f"{base}/{name}"), 1, "",
                           msg.file_name_collision(_display(root, f"{base}/{seen[key]}")))
            continue
        seen[key] = name
        kept.append(name)
    return kept


def _name_problem(root: Path, rel: str, problems: Problems) -> str | None:
    name = rel.rsplit("/", 1)[-1]
    if len(name) <= MAX_NAME and _PLAIN.fullmatch(name) and not windows_reserved(name):
        return None  # nearly every name: the checks below only matter for the others
    problem = None
    if any("\udc80" <= ch <= "\udcff" for ch in name):
        problem = msg.FILE_NAME_NOT_UTF8
    elif find_hidden(name) is not None:
        ch = name[find_hidden(name)]
        problem = msg.file_name_hidden(msg.char_label(ord(ch), char_kind(ch)))
    elif windows_reserved(name):
        problem = msg.file_name_reserved(name)
    elif len(name) > MAX_NAME:
        problem = msg.file_name_too_long(len(name), MAX_NAME)
    if problem:
        problems.error(_display(root, rel), 1, "", problem)
    return problem
