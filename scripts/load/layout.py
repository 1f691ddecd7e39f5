"""Which files under content/ are which kind of record, and which files are misplaced.

A typo in a folder name (`vistis/`) or an extension (`.yml.txt`) must be an error, not a file
silently left out of the site.
"""
from __future__ import annotations

from dataclasses import dataclass, field
import os
from pathlib import Path

from .. import messages as msg
from ..problems import Problems
from .convert import closest

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
        if entry.is_dir() and entry.name in FOLDERS:
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
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        base = os.path.relpath(dirpath, root).replace(os.sep, "/")
        found += [f"{base}/{name}" for name in filenames if not name.startswith(".")]
    for rel in sorted(found):
        suffix = os.path.splitext(rel)[1]
        if extensions is not None and suffix.lower() not in extensions:
            problems.error((root / rel).as_posix(), 1, "", msg.wrong_extension(suffix, described))
            continue
        layout.files[folder.name].append(rel)
