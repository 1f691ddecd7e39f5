"""Write rendered pages and media into a docs folder, touching only what changed.

Unchanged files keep their bytes and modification times, so that MkDocs' live reload and later
indexers can skip them. The docs folder belongs to the generator: a file in it that the current
render did not produce is one this generator wrote earlier, and is removed.
"""
from __future__ import annotations

import os
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .render.html import UNSEARCHABLE

MARKER = ".generated-by-scripts"  # proves a folder is ours before anything in it is deleted


@dataclass
class WriteStats:
    written: int = 0
    unchanged: int = 0
    removed: int = 0
    pages: int = 0  # Markdown pages among the texts written or unchanged
    unsearchable: list[str] = field(default_factory=list)  # pages search leaves out


class NotOurFolder(Exception):
    pass


def prepare(docs: Path) -> None:
    if docs.exists() and any(docs.iterdir()) and not (docs / MARKER).exists():
        raise NotOurFolder(str(docs))
    docs.mkdir(parents=True, exist_ok=True)
    if not (docs / MARKER).exists():
        (docs / MARKER).write_text("Thư mục do `python -m scripts` tạo; đừng sửa tay.\n",
                                   encoding="utf-8")


def write_pages(docs: Path, pages: Mapping[str, str] | Iterable[tuple[str, str]],
                media: dict[str, Path], extra: dict[str, Path] | None = None,
                prune: bool = True) -> WriteStats:
    """Make `docs` hold exactly `pages` (text, as a dict or as pairs written as they come, so
    that they need not all be in memory at once), `media` and `extra` (files copied as they
    are); with `prune` off, only write these, leaving the other pages as they are."""
    prepare(docs)
    stats = WriteStats()
    wanted: set[str] = {MARKER}
    for rel, text in pages.items() if isinstance(pages, Mapping) else pages:
        wanted.add(rel)
        if rel.endswith(".md"):
            stats.pages += 1
            # the page's HTML block starts on the line after its front matter
            start = text.find("\n---\n", 3) + 5
            if text.find(UNSEARCHABLE, start, start + len(UNSEARCHABLE) + 2) >= 0:
                stats.unsearchable.append(rel)
        # a workbook (render/xlsx.py) comes as bytes, everything else as text
        _write_if_changed(docs / rel, text if isinstance(text, bytes) else text.encode("utf-8"),
                          stats)
    for rel, source in {**media, **(extra or {})}.items():
        wanted.add(rel)
        _copy_if_changed(source, docs / rel, stats)
    if not prune:
        return stats
    for path in sorted(docs.rglob("*"), reverse=True):
        rel = path.relative_to(docs).as_posix()
        if path.is_file() and rel not in wanted:
            path.unlink()
            stats.removed += 1
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return stats


def _write_if_changed(target: Path, data: bytes, stats: WriteStats) -> None:
    try:
        if target.read_bytes() == data:
            stats.unchanged += 1
            return
    except FileNotFoundError:
        target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, target)  # readers never see a half-written page
    stats.written += 1


def _copy_if_changed(source: Path, target: Path, stats: WriteStats) -> None:
    src = source.stat()
    try:
        dst = target.stat()
        if dst.st_size == src.st_size and int(dst.st_mtime) == int(src.st_mtime):
            stats.unchanged += 1
            return
    except FileNotFoundError:
        target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, target)
    stats.written += 1
