"""What git shows as changed under the content folder, for `check --changed`."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path, PurePosixPath


class NotAGitCheckout(Exception):
    pass


def changed_files(content_root: Path) -> set[str]:
    """Changed, staged, untracked and deleted files under content_root, as paths relative to
    the current directory (the form problems are reported in)."""
    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], capture_output=True, text=True)
        if done.returncode != 0:
            raise NotAGitCheckout(done.stderr.strip())
        return done.stdout
    top = git("rev-parse", "--show-toplevel").strip()
    out = git("status", "--porcelain=v1", "-z", "--untracked-files=all", "--", str(content_root))
    entries = out.split("\0")
    paths, i = set(), 0
    while i < len(entries) and entries[i]:
        status, path = entries[i][:2], entries[i][3:]
        paths.add(path)
        if "R" in status or "C" in status:  # a rename's old name follows
            i += 1
            paths.add(entries[i])
        i += 1
    return {PurePosixPath(os.path.relpath(Path(top) / p)).as_posix() for p in paths}


def ids_of(paths: set[str], content) -> set[str]:
    """Ids defined in these files now, and the file-named ids of those deleted."""
    ids = {PurePosixPath(p).stem for p in paths}
    for kind in ("topics", "localities", "cadres", "visits", "stories", "bulletins"):
        ids |= {r.id for r in getattr(content, kind) if r.loc and r.loc.path in paths}
    return ids
