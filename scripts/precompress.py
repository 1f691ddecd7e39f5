"""Compressed copies (`.gz`) beside the site's text files.

nginx's `gzip_static` (deploy/nginx.conf) sends `page.html.gz` to a browser that accepts gzip
instead of compressing `page.html` for each request: a page reaches a phone on a slow link as
small as gzip's best level makes it, even from a server that does not compress on the fly, and
no processor time is spent per request. Pagefind's index files are compressed already.

After an incremental build, only the files newer than their copy are compressed again, and the
copies of files that are gone are removed. Copies are written beside, then renamed into place:
the staging folder's unchanged files are hard links to the version being served.
"""
from __future__ import annotations

import gzip
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

SUFFIXES = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".csv", ".webmanifest")
MIN_SIZE = 512  # as nginx's gzip_min_length: smaller files gain nothing from compression
LEVEL = 9


def _wanted(site: Path) -> tuple[list[Path], list[Path]]:
    """(text files whose copy is missing or older, copies whose file is gone)."""
    todo, orphans = [], []
    for dirpath, _, filenames in os.walk(site):
        names = set(filenames)
        for name in filenames:
            path = Path(dirpath, name)
            if name.endswith(".gz"):
                if name[:-3] not in names:
                    orphans.append(path)
                continue
            if not name.endswith(SUFFIXES) or name.startswith("."):
                continue
            stat = path.stat()
            if stat.st_size < MIN_SIZE:
                continue
            copy = f"{name}.gz"
            if copy not in names or Path(dirpath, copy).stat().st_mtime < stat.st_mtime:
                todo.append(path)
    return todo, orphans


def _compress(path: Path) -> int:
    data = path.read_bytes()
    # mtime=0: the same file gives the same bytes, so copies compare equal between builds
    packed = gzip.compress(data, compresslevel=LEVEL, mtime=0)
    temporary = path.with_name(f".{path.name}.gz.tmp")
    temporary.write_bytes(packed)
    os.replace(temporary, path.with_name(f"{path.name}.gz"))
    return len(packed)


def write(site: Path, workers: int = 2) -> int:
    """Write the missing or outdated copies in `site`, remove the orphaned ones; returns how many
    were written. zlib releases the interpreter's lock, so threads use both cores."""
    todo, orphans = _wanted(site)
    for path in orphans:
        path.unlink()
    if len(todo) < 50:
        for path in todo:
            _compress(path)
    else:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            list(pool.map(_compress, todo, chunksize=32))
    return len(todo)
