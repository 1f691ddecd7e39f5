"""The editor's local back end: Decap CMS's file-system proxy protocol (what its `decap-server`
speaks in its `fs` mode), answered from our own server, on the site's own address.

Ours rather than decap-server because it can do what that one cannot: write only under
content/ (and content/media/ for pictures), write a file whole or not at all, and check a file
before keeping it. A save whose file `check` refuses is undone, and the editor's message says
why, in the words of `check` (`path:line: field: message`); the form keeps what was typed.
"""
from __future__ import annotations

import base64
import dataclasses
import hashlib
import os
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .. import messages as msg
from ..load import load_content
from ..problems import Problems
from ..validate import validate
from .bundle import story_paths


class ApiError(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class LocalRepo:
    """The working copy the editor writes into: `root` holds content/."""

    root: Path
    today: date
    cache: dict = field(default_factory=dict)  # records kept between checks, as the preview's
    # {story id: its path under stories/}, as of the last check: the story pickers' values
    stories: str = "{}\n"

    # ---- paths -------------------------------------------------------------------------------
    def _resolve(self, rel: str, *, writable: bool = False) -> Path:
        """The file `rel` (relative to the root) names, refused outside content/."""
        if not isinstance(rel, str) or not rel or "\0" in rel or os.path.isabs(rel):
            raise ApiError(422, msg.EDITOR_BAD_PATH)
        content = (self.root / "content").resolve()
        path = (self.root / rel).resolve()
        if path != content and content not in path.parents:
            raise ApiError(422, msg.EDITOR_BAD_PATH)
        if writable and any(part.startswith(".") for part in path.relative_to(content).parts):
            raise ApiError(422, msg.EDITOR_BAD_PATH)
        return path

    def _rel(self, path: Path) -> str:
        """`path` as the editor names it, from the working copy's root: content/... (also when
        content/ is a link to a folder elsewhere)."""
        inner = path.resolve().relative_to((self.root / "content").resolve()).as_posix()
        return "content" if inner == "." else f"content/{inner}"

    # ---- reading -----------------------------------------------------------------------------
    def _entry(self, rel: str, label: str | None = None) -> dict:
        try:
            data = self._resolve(rel).read_bytes()
        except (OSError, ApiError):
            return {"data": None, "file": {"path": rel, "label": label, "id": None}}
        return {"data": data.decode("utf-8", errors="replace"),
                "file": {"path": rel, "label": label, "id": _sha(data)}}

    def _list(self, folder: str, extension: str, depth: int) -> list[str]:
        """The files of `folder`, newest first: reports and stories live in year and month
        folders, so the reverse order of their paths puts this month's first."""
        base = self._resolve(folder)
        out = []
        for dirpath, dirnames, filenames in os.walk(base):
            here = Path(dirpath)
            level = len(here.relative_to(base).parts)
            dirnames[:] = sorted(d for d in dirnames if not d.startswith(".")
                                 and level + 1 < depth)
            out += [self._rel(here / n) for n in sorted(filenames)
                    if n.endswith(extension) and not n.startswith(".")]
        return sorted(out, reverse=True)

    def _media(self, rel: str) -> dict:
        path = self._resolve(rel)
        data = path.read_bytes()
        return {"id": _sha(data), "content": base64.b64encode(data).decode("ascii"),
                "encoding": "base64", "path": rel, "name": path.name}

    # ---- writing -----------------------------------------------------------------------------
    def _write(self, rel: str, data: bytes) -> None:
        path = self._resolve(rel, writable=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, path)  # the old file or the new one, never half of one
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def _errors_of(self, rels: set[str]) -> list:
        """What `check` says is wrong in these files (errors only), each named from the working
        copy's root as the editor names files (content/visits/...). Also notes where each story
        is, for the story pickers (`stories`)."""
        problems = Problems()
        content = load_content(self.root / "content", problems, self.cache)
        if content is not None:
            validate(content, problems, today=self.today)
            self.stories = story_paths(content.stories, self.root / "content")
        paths = {(self.root / rel).resolve() for rel in rels}
        root = self.root.resolve()
        return [dataclasses.replace(p, path=Path(p.path).resolve().relative_to(root).as_posix())
                for p in problems.errors if p.path and Path(p.path).resolve() in paths]

    def warm(self) -> None:
        """Read the content once, so that the first save is checked as fast as the next ones
        (a province's first reading takes seconds; later ones read only changed files)."""
        self._errors_of(set())

    def persist(self, files: list[dict], assets: list[dict] = ()) -> None:
        """Write the entry's files and pictures; if `check` finds an error in a file that it
        did not have before, put everything back as it was and refuse, saying what is wrong.
        An error is the same before and after whatever its line: an edit above it moves it."""
        rels = {f["path"] for f in files}
        before = {_where_and_what(p) for p in self._errors_of(rels)}
        writes = [(f["path"], f["raw"].encode("utf-8")) for f in files] + [
            (a["path"], base64.b64decode(a["content"])) for a in assets]
        kept = {}
        for rel, _ in writes:
            path = self._resolve(rel, writable=True)
            kept[rel] = path.read_bytes() if path.exists() else None
        try:
            for rel, data in writes:
                self._write(rel, data)
            new = [str(p) for p in self._errors_of(rels) if _where_and_what(p) not in before]
        except BaseException:
            self._restore(kept)
            raise
        if new:
            self._restore(kept)
            shown = new[:5] + ([msg.more_problems(len(new) - 5)] if len(new) > 5 else [])
            raise ApiError(422, msg.editor_refused("\n".join(shown)))

    def _restore(self, kept: dict[str, bytes | None]) -> None:
        for rel, data in kept.items():
            if data is None:
                self._resolve(rel, writable=True).unlink(missing_ok=True)
            else:
                self._write(rel, data)

    # ---- the protocol ------------------------------------------------------------------------
    def handle(self, body: dict) -> object:
        action, params = body.get("action"), body.get("params") or {}
        if action == "info":
            return {"repo": self.root.name, "publish_modes": ["simple"], "type": "local_fs"}
        if action == "entriesByFolder":
            return [self._entry(rel) for rel in self._list(
                params["folder"], params.get("extension", ""), int(params.get("depth", 1)))]
        if action == "entriesByFiles":
            return [self._entry(f["path"], f.get("label")) for f in params.get("files", [])]
        if action == "getEntry":
            return self._entry(params["path"])
        if action == "persistEntry":
            self.persist(params.get("dataFiles") or [params["entry"]], params.get("assets", []))
            return {"message": "entry persisted"}
        if action == "getMedia":
            folder = self._resolve(params["mediaFolder"])
            if not folder.is_dir():
                return []
            return [self._media(self._rel(p)) for p in sorted(folder.iterdir()) if p.is_file()]
        if action == "getMediaFile":
            return self._media(params["path"])
        if action == "persistMedia":
            asset = params["asset"]
            self._write(asset["path"], base64.b64decode(asset["content"]))
            return self._media(asset["path"])
        if action == "deleteFile":
            # the editor deletes media only: records are never deleted from the browser
            self._delete(params["path"])
            return {"message": "deleted"}
        if action == "deleteFiles":
            for rel in params.get("paths", []):
                self._delete(rel)
            return {"message": "deleted"}
        if action == "getDeployPreview":
            return None
        raise ApiError(422, msg.editor_unknown_action(str(action)))

    def _delete(self, rel: str) -> None:
        path = self._resolve(rel, writable=True)
        media = (self.root / "content" / "media").resolve()
        if media not in path.parents:
            raise ApiError(422, msg.EDITOR_NO_DELETE)
        path.unlink(missing_ok=True)


def _where_and_what(problem) -> tuple:
    return problem.path, problem.field, problem.message
