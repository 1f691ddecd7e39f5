"""MkDocs in a child process: `python -m scripts.mkdocs_run`, the request as JSON on stdin (or
as the only argument).

A build runs MkDocs here rather than in its own process so that it can stop MkDocs, with
everything it started, when the time limit passes. The configuration is loaded exactly as an
in-process build would: the same mkdocs.yml (hooks included), with the overrides from site.yml.
`engine` names the builder: "mkdocs", or "properdocs" (MkDocs' maintained fork). The result is
one JSON line on stdout: {"ok": true}, or MkDocs' warnings, or an OS error for
the parent to report in Vietnamese.

`shard: [i, n]` renders only the i-th of n shares of the pages and static files, so that a full
build runs on every core: n children into one fresh site folder. Each renders its share as a
dirty build renders changed pages (the way an incremental build already renders, which makes
what a full build makes: tests/test_incremental.py); the first one also writes the theme's
whole-site files (404.html, sitemap.xml).
"""
from __future__ import annotations

import importlib
import json
import logging
import os
import sys
import zlib


class _Collect(logging.Handler):
    """Keeps MkDocs' warnings so that a failed build can show them in one message."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(f"  {record.levelname}: {record.getMessage()}")


def _replace_rather_than_overwrite(engine: str) -> None:
    """In a dirty build the site folder holds hard links to the version being served: a file
    MkDocs writes must be a new file, never the shared one written into."""
    utils = importlib.import_module(f"{engine}.utils")

    def unlinking(write):
        def wrapper(source, output_path):
            if os.path.isfile(output_path) or os.path.islink(output_path):
                os.unlink(output_path)
            return write(source, output_path)
        return wrapper
    utils.write_file = unlinking(utils.write_file)
    utils.copy_file = unlinking(utils.copy_file)


def _only_my_share(engine: str, index: int, count: int) -> None:
    """Make MkDocs' dirty build take a file as changed exactly when it is in this share: the
    share of a file is fixed by its name, so every file falls to one child."""
    files = importlib.import_module(f"{engine}.structure.files")
    files.File.is_modified = lambda self: zlib.crc32(self.src_uri.encode()) % count == index
    if index:
        builder = importlib.import_module(f"{engine}.commands.build")
        builder._build_theme_template = lambda *args, **kwargs: None


def run(request: dict) -> dict:
    # MkDocs, or its maintained drop-in fork ProperDocs: the same API under another name.
    engine = request.get("engine", "mkdocs")
    build = importlib.import_module(f"{engine}.commands.build").build
    load_config = importlib.import_module(f"{engine}.config").load_config
    MkDocsException = importlib.import_module(f"{engine}.exceptions").MkDocsException

    dirty = bool(request.get("dirty"))
    if request.get("shard"):
        _only_my_share(engine, *request["shard"])
        dirty = True
    if dirty:
        _replace_rather_than_overwrite(engine)
        # MkDocs warns that a dirty build may leave navigation stale on pages it does not
        # render again. Ours is a fixed handful of section pages, so a page carried over is
        # what a full build would make (tests/test_incremental.py); strict must not fail on it.
        logging.getLogger(f"{engine}.commands.build").addFilter(
            lambda record: "'dirty' build" not in record.getMessage())
    collector = _Collect()
    logger = logging.getLogger(engine)
    logger.addHandler(collector)
    logger.propagate = False
    try:
        config = load_config(request["config"], docs_dir=request["docs_dir"],
                             site_dir=request["site_dir"], strict=True, **request["overrides"])
        config.plugins.on_startup(command="build", dirty=dirty)
        try:
            build(config, dirty=dirty)
        finally:
            config.plugins.on_shutdown()
    except OSError as err:  # disk full, read-only...: the parent names the path in Vietnamese
        return {"ok": False, "errno": err.errno, "strerror": err.strerror,
                "filename": err.filename, "lines": collector.lines}
    except MkDocsException as err:
        return {"ok": False, "lines": collector.lines, "error": str(err)}
    except Exception as err:  # a plugin's or hook's own failure: still one message, no traceback
        return {"ok": False, "lines": collector.lines, "error": f"{type(err).__name__}: {err}"}
    return {"ok": True}


def main() -> None:
    result = run(json.loads(sys.argv[1]) if len(sys.argv) > 1 else json.load(sys.stdin))
    sys.stdout.write("\n" + json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
