"""Preview: generate the pages, serve them with MkDocs, regenerate when content/ changes.

Our watcher rewrites only the generated pages whose text changed; MkDocs' own watcher on the
docs folder then rebuilds and reloads the browser. Bad content is reported in the terminal and
the preview keeps the last good pages.
"""
from __future__ import annotations

import logging
import threading
from datetime import date
from pathlib import Path

from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer

from . import messages as msg
from . import output
from .build import CONFIG, WORK, BuildError, Regenerator, docs_dir, mkdocs_overrides
from .problems import ContentError

QUIET_SECONDS = 0.3  # editors' tools save in several writes; wait for them to settle
# The preview's own generated Markdown: a build running meanwhile never writes into it.
PREVIEW_WORK = WORK / "preview"
_WRITES = {"created", "modified", "deleted", "moved"}


class _Regenerate(FileSystemEventHandler):
    def __init__(self, run):
        self.changed = threading.Event()
        self.paths: set[Path] = set()
        self.lock = threading.Lock()
        self.run = run
        threading.Thread(target=self._loop, daemon=True).start()

    def on_any_event(self, event):
        # Reading content/ to regenerate raises "opened" events too; only writes count.
        if not event.is_directory and event.event_type in _WRITES:
            with self.lock:
                self.paths.add(Path(event.src_path))
                if getattr(event, "dest_path", ""):
                    self.paths.add(Path(event.dest_path))
            self.changed.set()

    def _loop(self):
        while True:
            self.changed.wait()
            self.changed.clear()
            while self.changed.wait(QUIET_SECONDS):  # collapse a burst of saves into one run
                self.changed.clear()
            with self.lock:
                paths, self.paths = self.paths, set()
            self.run(paths)


class _NoDirtyNotice(logging.Filter):
    """MkDocs repeats an English notice about dirty builds on every save; the preview means to
    build only what changed, so the notice is noise to an editor."""

    def filter(self, record):
        return not record.getMessage().startswith("A 'dirty' build")


def serve(content_root: Path, *, audience: str, dev_addr: str, today: date) -> int:
    """Preview until Ctrl+C; a second preview of the same audience is refused, not queued."""
    work = PREVIEW_WORK
    output.guard_work(work, content_root)
    try:
        with output.locked(output.work_lock_of(work, audience), work / audience, 0, print):
            return _serve(content_root, audience, dev_addr, today, work)
    except output.Busy as err:
        print(err)
        return 1


def _serve(content_root: Path, audience: str, dev_addr: str, today: date, work: Path) -> int:
    from mkdocs.commands.serve import serve as mkdocs_serve
    logging.getLogger("mkdocs.commands.build").addFilter(_NoDirtyNotice())

    regenerator = Regenerator(content_root, audience, today, work)

    def regenerate(changed: set[Path] | None = None):
        """Generate the pages; on bad content report it and keep the last good pages."""
        try:
            result = regenerator.run(changed)
        except BuildError as err:
            print(err, flush=True)
            return None
        except OSError as err:  # disk full, read-only...: say so, keep the last good pages
            print(output.os_error_message(err), flush=True)
            print(msg.PREVIEW_KEPT, flush=True)
            return None
        except ContentError as err:
            for problem in err.problems.sorted():
                print(problem, flush=True)
            print(msg.check_failed(len(err.problems.errors), len(err.problems.warnings)))
            print(msg.PREVIEW_KEPT, flush=True)
            return None
        for problem in result.loaded.problems.sorted():
            print(problem, flush=True)
        print(msg.build_step(msg.pages_written(result.pages, result.stats.written)), flush=True)
        return result

    first = regenerate()
    if first is None and not (docs_dir(audience, work) / "index.md").exists():
        return 1
    overrides = mkdocs_overrides(first.loaded.content.site, audience) if first else {}
    observer = Observer()
    observer.schedule(_Regenerate(regenerate), str(content_root), recursive=True)
    observer.start()
    print(msg.serving(dev_addr), flush=True)
    try:
        # dirty: MkDocs rebuilds only the pages whose Markdown the generator rewrote
        mkdocs_serve(config_file=str(CONFIG), livereload=True, build_type="dirty",
                     docs_dir=str(docs_dir(audience, work)), dev_addr=dev_addr, strict=False,
                     **overrides)
    finally:
        observer.stop()
    return 0
