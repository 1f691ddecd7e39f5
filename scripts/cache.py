"""The check cache: each content file's loaded records, kept on disk between runs, never trusted
wrongly.

One file per content root under `.cache/check/` (or `--cache DIR`, or $THEO_DOI_CACHE_DIR), which
CI may keep between runs. What makes a stored result usable:

* the file's CONTENT: every entry is keyed by the BLAKE2 digest of the exact bytes that were
  parsed, plus what else its loading read (the visibility default from site.yml, and for kinds
  that check media paths, a fingerprint of content/media/);
* the code: the cache header names the hash of every source file of `scripts/`, the Python,
  PyYAML and Unicode versions, and the content root (as written and as resolved); a cache made
  by another version or for another root is dropped whole;
* the bytes of the cache file: a magic line, the header and a SHA-256 of the payload are checked
  before anything is unpickled, and unpickling only ever builds the model's own classes, dates
  and plain values (`_Unpickler.find_class`), so a corrupt or hostile file cannot run code.
  A cache that fails any check is treated as empty and rewritten.

Re-hashing every file costs more than parsing is worth on a warm run, so the digest is reused
without reading the file when its `lstat` is unchanged: device, inode, size, mtime_ns and
ctime_ns all equal. mtime alone can be put back (`os.utime`, `touch -r`, an unpacked archive);
ctime cannot: the kernel sets it to the current time on every write, rename or `utime`. The
one hole is a second write within one tick of the file system's clock after the file was
hashed, which would leave every field equal. So the stat is trusted only when the file's ctime
was already `RACY_NS` older than the moment its stat was taken ("racily clean" in git's terms):
any later write then necessarily gets a different ctime. Files written in the last two seconds
are simply re-hashed. A fresh checkout (CI) has new inodes and ctimes: every file is re-hashed
once, and unchanged ones still reuse their records. Not covered: clocks set back by more than
two seconds, or file systems that do not keep ctime (some FUSE mounts) — `--no-cache` there.
"""
from __future__ import annotations

import hashlib
import io
import os
import pickle
import stat as st
import sys
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

FORMAT = 1
MAGIC = b"bantin-check-cache\n"
RACY_NS = 2_000_000_000
KEEP_FILES = 16  # cache files kept in the folder: one per content root recently checked
PROJECT = Path(__file__).resolve().parent.parent
ENV_DIR = "THEO_DOI_CACHE_DIR"


def default_folder() -> Path:
    return Path(os.environ.get(ENV_DIR) or PROJECT / ".cache" / "check")


def digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=20).digest()


_CODE: str | None = None


def code_version() -> str:
    """Everything the loaded records depend on besides the content: our code and its readers."""
    global _CODE
    if _CODE is None:
        import yaml
        h = hashlib.sha256(f"{FORMAT} {sys.version} {yaml.__version__} "
                           f"{getattr(yaml, '__with_libyaml__', False)} "
                           f"{unicodedata.unidata_version}".encode())
        package = Path(__file__).resolve().parent
        for path in sorted(package.rglob("*.py")):
            h.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
        _CODE = h.hexdigest()
    return _CODE


def stamp(path: Path) -> tuple | None:
    """The lstat fields that change with any write; None for anything but a regular file."""
    try:
        s = os.lstat(path)
    except OSError:
        return None
    if not st.S_ISREG(s.st_mode):
        return None
    return (s.st_dev, s.st_ino, s.st_size, s.st_mtime_ns, s.st_ctime_ns)


def settled(stamp_: tuple, taken_ns: int) -> bool:
    """Whether a stat taken at `taken_ns` may later vouch for the file's content (see above)."""
    return stamp_[4] < taken_ns - RACY_NS and stamp_[3] < taken_ns - RACY_NS


@dataclass
class Entry:
    """One file's load result: `value` and `problems` as loaded, or their pickled `blob`."""
    digest: bytes
    env: tuple
    stamp: tuple | None  # set only when settled: then it vouches for `digest`
    blob: bytes | None = None
    value: object = None
    problems: list | None = None

    def result(self):
        if self.problems is None:
            self.value, self.problems = _loads(self.blob)
        return self.value, self.problems

    def packed(self) -> bytes:
        if self.blob is None:
            self.blob = pickle.dumps((self.value, self.problems), protocol=5)
        return self.blob


def _allowed() -> dict[tuple[str, str], type]:
    """The model's classes, Problem and dates: all that a stored result may build."""
    import datetime
    from . import model as m
    from .problems import Problem
    out = {("scripts.model", name): cls for name, cls in vars(m).items()
           if isinstance(cls, type) and issubclass(cls, (m.Obj, m.Loc))}
    out[("scripts.problems", "Problem")] = Problem
    out[("datetime", "date")] = datetime.date
    return out


_ALLOWED: dict[tuple[str, str], type] | None = None


class _Unpickler(pickle.Unpickler):
    """Builds the model's classes, Problem and dates, nothing else: no callable reachable.
    Looked up in a table made once: a province's load asks some 600,000 times."""

    def find_class(self, module, name):
        global _ALLOWED
        if _ALLOWED is None:
            _ALLOWED = _allowed()
        try:
            return _ALLOWED[(module, name)]
        except KeyError:
            raise pickle.UnpicklingError(f"{module}.{name}") from None


def _loads(data: bytes):
    return _Unpickler(io.BytesIO(data)).load()


class Store:
    """The cache of one content root: entries by relative path, and the memo of the last
    check's output. Open with `Store.open`; `save` writes it back atomically."""

    def __init__(self, file: Path | None, header: dict):
        self.file, self.header = file, header
        self.entries: dict[str, Entry] = {}
        self.memo: tuple[str, object] | None = None
        self.seen: dict[str, Entry] = {}  # what this run used: the next file's entries
        self.dirty = True  # whether `seen` differs from what the file holds
        self.dropped = ""  # why the stored file was not used (for tests and debugging)

    @classmethod
    def open(cls, folder: Path | None, root: Path) -> "Store":
        header = {"format": FORMAT, "code": code_version(), "root": root.as_posix(),
                  "real": os.path.realpath(root)}
        if folder is None:
            return cls(None, header)
        name = hashlib.sha256(f"{header['root']}\0{header['real']}".encode()).hexdigest()[:20]
        store = cls(folder / f"{name}.cache", header)
        store._read()
        return store

    def _read(self) -> None:
        try:
            data = self.file.read_bytes()
        except OSError:
            self.dropped = "missing"
            return
        try:
            entries, memo = self._parse(data)
        except Exception as err:  # any damage at all: start afresh, never half-trust
            self.dropped = f"{type(err).__name__}: {err}"[:200]
            return
        self.entries, self.memo = entries, memo

    def _parse(self, data: bytes):
        if not data.startswith(MAGIC):
            raise ValueError("magic")
        head_end = data.index(b"\n", len(MAGIC))
        sum_end = data.index(b"\n", head_end + 1)
        header = data[len(MAGIC):head_end].decode("utf-8")
        if header != _header_line(self.header):
            raise ValueError("foreign")
        payload = data[sum_end + 1:]
        if hashlib.sha256(payload).hexdigest().encode() != data[head_end + 1:sum_end]:
            raise ValueError("checksum")
        rows, memo = _loads(payload)
        entries = {rel: Entry(d, tuple(env), tuple(s) if s else None, blob)
                   for rel, d, env, s, blob in rows}
        return entries, (memo if memo else None)

    def known(self, rel: str, stamp_: tuple | None) -> Entry | None:
        """The entry whose digest this file's unchanged stat vouches for, without reading it."""
        entry = self.entries.get(rel)
        if entry is not None and stamp_ is not None and entry.stamp == stamp_:
            return entry
        return None

    def save(self) -> None:
        """Write what this run used (files gone are forgotten), atomically; a cache that cannot
        be written is no error: the next run is only slower."""
        if self.file is None:
            return
        rows = [(rel, e.digest, e.env, e.stamp, e.packed()) for rel, e in self.seen.items()]
        payload = pickle.dumps((rows, self.memo), protocol=5)
        del rows
        tmp = self.file.with_name(f".{self.file.name}.{os.getpid()}.tmp")
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            with open(tmp, "wb") as out:  # in parts: a province's cache is 130 MB
                out.write(MAGIC + _header_line(self.header).encode() + b"\n" +
                          hashlib.sha256(payload).hexdigest().encode() + b"\n")
                out.write(payload)
            os.replace(tmp, self.file)
            _forget_old(self.file.parent)
        except OSError:
            tmp.unlink(missing_ok=True)


    def close(self) -> None:
        """Save, then let go of every entry (a province's are 130 MB): a build needs that
        memory for its pages. Closing again does nothing."""
        self.save()
        self.file, self.entries, self.seen = None, {}, {}


def _header_line(header: dict) -> str:
    import json
    return json.dumps(header, sort_keys=True, ensure_ascii=True)


def _forget_old(folder: Path) -> None:
    """Keep the most recently written cache files only (tests check many temporary roots)."""
    files = sorted(folder.glob("*.cache"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in files[KEEP_FILES:]:
        old.unlink(missing_ok=True)


def now_ns() -> int:
    return time.time_ns()
