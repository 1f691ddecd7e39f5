"""Where a build may write, one build at a time, and publishing without a half-built instant.

An output folder such as `site` is a symbolic link to a finished version kept beside it,
`.site.d/<version>/`. A build writes the next version into `.site.new-<version>/`, moves it into
`.site.d/` and flips the link with one rename, so a reader (nginx, rsync) always sees a complete
site, the old one or the new one. Every folder the build creates carries a marker, and only
marked folders (plus a real `site/` folder as this project's earlier versions built it) are
ever replaced or deleted: a mistyped `--out` can never eat the editors' work.
"""
from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import secrets
import shutil
import time
from contextlib import contextmanager
from pathlib import Path

from . import messages as msg
from .generate import MARKER

ROOT = Path(__file__).resolve().parent.parent  # the project: the folder holding mkdocs.yml
NAME_MAX = 255  # bytes in one file name, on Linux file systems


class OutputRefused(Exception):
    """The output (or work) folder is one the build must not write into; nothing was touched."""


class Busy(Exception):
    """Another build kept the folder locked for longer than the time limit."""


# ---- paths ------------------------------------------------------------------------------------

def absolute(path: Path) -> Path:
    """`path` made absolute with its parents' links resolved, but not its own: `site` is a link
    the build owns, and must be judged as the link, not as what it points to."""
    path = Path(os.path.abspath(path))
    return Path(os.path.realpath(path.parent)) / path.name


def shown(path: Path) -> str:
    """A path as the user thinks of it: relative to the current folder when inside it."""
    relative = os.path.relpath(path)
    return path.as_posix() if relative.startswith("..") else Path(relative).as_posix()


def _related(a: Path, b: Path) -> str | None:
    """How `a` stands to `b`: "same", "inside" b, "contains" b, or None."""
    if a == b:
        return "same"
    if b in a.parents:
        return "inside"
    if a in b.parents:
        return "contains"
    return None


def _refuse_if_protected(path: Path, content: Path, refusal) -> None:
    """Refuse a folder that is, holds or lies in what the editors and git keep."""
    for root in dict.fromkeys((ROOT, Path(os.path.realpath(Path.cwd())))):
        if _related(path, root) in ("same", "contains"):  # inside it is fine: that is site/
            raise OutputRefused(refusal(msg.out_why_root(root.as_posix())))
    content = Path(os.path.realpath(content))
    if _related(path, content):
        raise OutputRefused(refusal(msg.out_why_content(shown(content))))
    if ".git" in path.parts:
        raise OutputRefused(refusal(msg.OUT_WHY_GIT))
    for parent in reversed(path.parents):  # a file where a folder is needed
        if parent.exists() and not parent.is_dir():
            raise OutputRefused(refusal(msg.out_why_file(shown(parent))))


def guard_work(work: Path, content: Path) -> Path:
    """The work folder (generated Markdown) gets the output's protection; returns it absolute."""
    work = absolute(work)
    refusal = lambda why: msg.work_refused(shown(work), why)  # noqa: E731
    _refuse_if_protected(work, content, refusal)
    if work.exists() and (work.is_symlink() or not work.is_dir()):
        raise OutputRefused(refusal(msg.out_why_file(shown(work))))
    return work


def guard_output(out: Path, content: Path, work: Path) -> str:
    """Refuse an output that could destroy anything not built by us; return its state
    ("missing", "ours" or "legacy"). Reads only: nothing is written before it agrees."""
    refusal = lambda why: msg.out_refused(shown(out), why)  # noqa: E731
    if len(os.fsencode(out.name)) > NAME_MAX - len(".new-20261231-235959-4194304-abcdef."):
        # the names the build derives from it (.site.new-<version>) would not fit
        raise OSError(errno.ENAMETOOLONG, os.strerror(errno.ENAMETOOLONG), str(out))
    _refuse_if_protected(out, content, refusal)
    if _related(out, absolute(work)):
        raise OutputRefused(refusal(msg.out_why_work(shown(absolute(work)))))
    versions = versions_of(out)
    if versions.exists() and not _marked(versions, out):
        raise OutputRefused(refusal(msg.out_why_foreign(shown(versions))))
    if out.is_symlink():
        if _current(out) is None:
            raise OutputRefused(refusal(msg.OUT_WHY_FOREIGN_LINK))
        return "ours"
    if not out.exists():
        return "missing"
    if not out.is_dir():
        raise OutputRefused(refusal(msg.out_why_file(shown(out))))
    if _is_legacy(out):
        return "legacy"
    raise OutputRefused(refusal(msg.out_why_foreign(shown(out))))


def versions_of(out: Path) -> Path:
    return out.parent / f".{out.name}.d"


def _staging_prefix(out: Path) -> str:
    return f".{out.name}.new-"


def _marked(folder: Path, out: Path) -> bool:
    """A folder we created for `out`: a real folder whose marker names `out`."""
    try:
        return (not folder.is_symlink() and folder.is_dir()
                and (folder / MARKER).read_text(encoding="utf-8").strip() == out.name)
    except (FileNotFoundError, NotADirectoryError, UnicodeDecodeError):
        return False


def _mark(folder: Path, out: Path) -> None:
    (folder / MARKER).write_text(f"{out.name}\n", encoding="utf-8")


def _current(out: Path) -> str | None:
    """The version `out` links to, if `out` is a link of ours (`.site.d/<version>`)."""
    parts = Path(os.readlink(out)).parts
    if len(parts) == 2 and parts[0] == versions_of(out).name and parts[1] not in (".", ".."):
        return parts[1]
    return None


def _is_legacy(folder: Path) -> bool:
    """A real `site/` folder as this project built it before versions: safe to replace."""
    return (not folder.is_symlink() and (folder / "pagefind").is_dir()
            and (folder / "sitemap.xml").is_file() and (folder / "404.html").is_file())


def os_error_message(err: OSError) -> str:
    """One Vietnamese line for an OS error: the path, what happened, what to do."""
    name = errno.errorcode.get(err.errno, str(err.errno))
    path = os.fsdecode(err.filename) if isinstance(err.filename, (str, bytes)) else None
    return msg.os_error(name, shown(Path(path)) if path else None)


# ---- one build at a time ----------------------------------------------------------------------

def lock_of(out: Path) -> Path:
    return out.parent / f".{out.name}.lock"


def work_lock_of(work: Path, audience: str) -> Path:
    return work / f".{audience}.lock"


@contextmanager
def locked(lock: Path, subject: Path, limit: float, log):
    """Hold an exclusive lock on `lock`; when another build holds it, say so once and wait at
    most `limit` seconds. The kernel drops the lock when its holder dies, even by SIGKILL."""
    lock.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        if not _try_lock(fd):
            if limit <= 0:
                raise Busy(msg.busy_now(shown(subject)))
            log(msg.waiting_for(shown(subject)))
            deadline = time.monotonic() + limit
            while not _try_lock(fd):
                if time.monotonic() >= deadline:
                    raise Busy(msg.busy_timeout(shown(subject), limit))
                time.sleep(0.05)  # flock has no timeout of its own; poll it
        yield
    finally:
        os.close(fd)


def _try_lock(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


# ---- staging and publishing -------------------------------------------------------------------

def new_staging(out: Path) -> Path:
    """A fresh, marked folder beside `out` for MkDocs to write the next version into."""
    out.parent.mkdir(parents=True, exist_ok=True)
    while True:
        version = f"{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{secrets.token_hex(3)}"
        staging = out.parent / f"{_staging_prefix(out)}{version}"
        try:
            staging.mkdir()  # mode from the umask: readable by the web server, unlike mkdtemp
        except FileExistsError:
            continue
        _mark(staging, out)
        return staging


def served(out: Path) -> Path | None:
    """The version folder `out` shows now, if `out` is a link of ours."""
    if not out.is_symlink():
        return None
    version = _current(out)
    return versions_of(out) / version if version else None


def publish(staging: Path, out: Path, state: str) -> Path:
    """Make `out` show `staging`, atomically, then delete the version it showed before.
    Returns the new version's folder."""
    versions = versions_of(out)
    if not versions.exists():
        versions.mkdir()
        _mark(versions, out)
    version = versions / staging.name[len(_staging_prefix(out)):]
    os.rename(staging, version)
    (version / MARKER).unlink()  # the marker of `.site.d` covers it; keep it out of the site
    previous = _current(out) if state == "ours" else None
    link = out.parent / f".{out.name}.link-{version.name}"
    os.symlink(f"{versions.name}/{version.name}", link)
    if state == "legacy":
        _exchange_legacy(link, out)
    else:
        os.replace(link, out)  # the flip: one rename, never a moment without a site
    _sync(out.parent)
    if previous and previous != version.name:
        shutil.rmtree(versions / previous, ignore_errors=True)
    return version


def _exchange_legacy(link: Path, out: Path) -> None:
    """Put the link where the old real folder was. A rename cannot put a link over a folder;
    renameat2's exchange does it atomically, else two renames leave a short gap, once."""
    if _rename_exchange(link, out):
        shutil.rmtree(link, ignore_errors=True)  # `link` now names the old folder
        return
    old = out.parent / f"{link.name}.old"
    os.rename(out, old)
    os.replace(link, out)
    shutil.rmtree(old, ignore_errors=True)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _rename_exchange(a: Path, b: Path) -> bool:
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False  # a file system or kernel without exchange
    raise OSError(code, os.strerror(code), str(b))


def _sync(folder: Path) -> None:
    """Write the renames to disk, so that a power cut cannot bring back a half state."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def clear_leftovers(out: Path) -> None:
    """Delete what killed builds of `out` left: staging folders, temporary links, versions
    nothing links to. Called under the output's lock, so no live build owns any of them."""
    link_prefix = f".{out.name}.link-"
    for path in out.parent.iterdir() if out.parent.is_dir() else ():
        if path.name.startswith(_staging_prefix(out)) and _marked(path, out):
            shutil.rmtree(path, ignore_errors=True)
        elif path.name.startswith(link_prefix):
            if path.is_symlink():
                path.unlink()
            elif _is_legacy(path):  # an old site exchanged away just before a kill
                shutil.rmtree(path, ignore_errors=True)
    versions = versions_of(out)
    if not _marked(versions, out):
        return
    keep = {MARKER, _current(out) if out.is_symlink() else None}
    for path in versions.iterdir():
        if path.name not in keep:
            shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink()
