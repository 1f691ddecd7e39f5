"""MkDocs in a child process: `python -m scripts.mkdocs_run`, the request as JSON on stdin.

A build runs MkDocs here rather than in its own process so that it can stop MkDocs, with
everything it started, when the time limit passes. The configuration is loaded exactly as an
in-process build would: the same mkdocs.yml (hooks included), with the overrides from site.yml.
The result is one JSON line on stdout: {"ok": true}, or MkDocs' warnings, or an OS error for
the parent to report in Vietnamese.
"""
from __future__ import annotations

import json
import logging
import sys


class _Collect(logging.Handler):
    """Keeps MkDocs' warnings so that a failed build can show them in one message."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(f"  {record.levelname}: {record.getMessage()}")


def run(request: dict) -> dict:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    collector = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    logger.propagate = False
    try:
        config = load_config(request["config"], docs_dir=request["docs_dir"],
                             site_dir=request["site_dir"], strict=True, **request["overrides"])
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
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
    result = run(json.load(sys.stdin))
    sys.stdout.write("\n" + json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
