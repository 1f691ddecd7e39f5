"""Build the site: validate, generate Markdown, run MkDocs, and swap the result in atomically.

MkDocs writes into a fresh folder next to the output; only when it succeeded does that folder
replace the previous site, so a failed or interrupted build leaves the old site serving.
"""
from __future__ import annotations

import dataclasses
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from . import messages as msg
from .generate import NotOurFolder, WriteStats, write_pages
from .pipeline import Loaded, for_audience, load_and_validate
from . import model as m
from .render import render_editorial, render_site
from .secure import UnsafeOutput, secure_site

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "mkdocs.yml"
DEFAULT_OUT = {"public": Path("site"), "restricted": Path("site-restricted")}


class BuildError(Exception):
    pass


# Generated Markdown, beside site/ in the folder the command runs in (the repository's root);
# ignored by git and rebuilt from content/.
WORK = Path("build")


def docs_dir(audience: str, work: Path = WORK) -> Path:
    return (work / audience / "docs").resolve()


@dataclass
class Generated:
    loaded: Loaded
    pages: int
    stats: WriteStats


def generate(content_root: Path, audience: str, today: date, strict: bool,
             work: Path = WORK, site_url: str | None = None) -> Generated:
    """One full generation, as a build does it."""
    return Regenerator(content_root, audience, today, work, strict=strict,
                       site_url=site_url).run()


EDITORIAL_FOLDERS = ("stories/", "bulletins/", "pages/")


class Regenerator:
    """Generation of the Markdown pages. Kept by the preview server between saves: files are
    read once and kept while unchanged, and after an edit to stories, bulletins or pages only,
    only the pages that show them are re-rendered."""

    def __init__(self, content_root: Path, audience: str, today: date, work: Path = WORK, *,
                 strict: bool = False, site_url: str | None = None):
        self.root, self.audience, self.today, self.work = content_root, audience, today, work
        self.strict, self.site_url = strict, site_url
        self.cache: dict = {}
        self.previous: m.Content | None = None

    def run(self, changed: set[Path] | None = None) -> Generated:
        loaded = load_and_validate(self.root, today=self.today, strict=self.strict,
                                   cache=self.cache)
        if self.site_url:  # the address this build is published at wins over site.yml's
            loaded.content.site = dataclasses.replace(loaded.content.site, url=self.site_url)
        visible = for_audience(loaded.content, self.audience)
        rels = self._editorial(changed)
        if rels is not None and self.previous is not None:
            changed = [s for c in (self.previous, visible) for s in c.stories
                       if s.loc and s.loc.path in rels]
            pages = render_editorial(visible, self.audience, self.today,
                                     {s.locality for s in changed}, {s.id for s in changed})
            media, prune = {}, False
        else:
            pages = render_site(visible, self.audience, self.today)
            media, prune = {rel: self.root / rel for rel in visible.media}, True
        try:
            stats = write_pages(docs_dir(self.audience, self.work), pages, media, prune=prune)
        except NotOurFolder as err:
            raise BuildError(msg.not_our_folder(str(err))) from None
        self.previous = visible
        return Generated(loaded, sum(1 for rel in pages if rel.endswith(".md")), stats)

    def _editorial(self, changed: set[Path] | None) -> set[str] | None:
        """The changed files as problems name them, if all are existing editorial files."""
        if not changed:
            return None
        rels = set()
        for path in changed:
            try:
                rel = path.resolve().relative_to(self.root.resolve()).as_posix()
            except ValueError:
                return None
            if not path.exists() and rel not in self.cache:
                continue  # an editor's temporary file, written and renamed away while saving
            if not rel.startswith(EDITORIAL_FOLDERS) or not path.is_file():
                return None
            rels.add((self.root / rel).as_posix())
        if not rels:
            return None
        return rels


class _Collect(logging.Handler):
    """Keeps MkDocs' warnings so that a failed build can show them in one message."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(f"  {record.levelname}: {record.getMessage()}")


def mkdocs_overrides(site) -> dict:
    """Settings that come from content/site.yml rather than from mkdocs.yml."""
    overrides = {"site_name": site.title, "copyright": site.organization}
    if site.description:
        overrides["site_description"] = site.description
    if site.url:
        overrides["site_url"] = site.url
    return overrides


def run_mkdocs(docs: Path, site_dir: Path, overrides: dict | None = None) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    collector = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    logger.propagate = False
    try:
        config = load_config(str(CONFIG), docs_dir=str(docs), site_dir=str(site_dir), strict=True,
                             **(overrides or {}))
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except (MkDocsException, OSError) as err:
        raise BuildError(msg.mkdocs_failed("\n".join(collector.lines) or f"  {err}")) from None
    finally:
        logger.removeHandler(collector)


def run_pagefind(site_dir: Path) -> None:
    """Index the built HTML. Only the article of each page is read, in Vietnamese; restricted
    records are not in a public build's HTML, so they cannot reach its index."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--root-selector",
               "article", "--force-language", "vi", "--silent"]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise BuildError(msg.pagefind_failed((done.stderr or done.stdout).strip()))


def swap_in(new: Path, out: Path) -> None:
    """Replace `out` by `new` with two renames, so the site is never half-written."""
    old = out.with_name(out.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if out.exists():
        os.replace(out, old)
    os.replace(new, out)
    if old.exists():
        shutil.rmtree(old)


class _Steps:
    """Progress lines for a long build: each step's name, then how long it took."""

    def __init__(self, log):
        self.log, self.name, self.since = log, None, time.monotonic()

    def __call__(self, name: str) -> None:
        self.done()
        self.name, self.since = name, time.monotonic()

    def done(self) -> None:
        if self.name:
            self.log(msg.build_step(f"{self.name} ({time.monotonic() - self.since:.1f} giây)"))
        self.name = None


def build_site(content_root: Path, *, audience: str, out: Path | None, today: date,
               strict: bool = True, work: Path = WORK, site_url: str | None = None,
               log=print) -> Path:
    started = time.monotonic()
    out = (out or DEFAULT_OUT[audience]).resolve()
    step = _Steps(log)
    step("Kiểm tra nội dung, tạo trang")
    generated = generate(content_root, audience, today, strict, work, site_url)
    step.done()
    for problem in generated.loaded.problems.sorted():
        log(str(problem))
    log(msg.build_step(msg.pages_written(generated.pages, generated.stats.written)))
    step("Dựng trang web bằng MkDocs")
    out.parent.mkdir(parents=True, exist_ok=True)
    for stale in out.parent.glob(f".{out.name}.new-*"):  # left by a build that was killed
        shutil.rmtree(stale, ignore_errors=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    try:
        run_mkdocs(docs_dir(audience, work), staging,
                   mkdocs_overrides(generated.loaded.content.site))
        try:
            secure_site(staging)
        except UnsafeOutput as err:
            raise BuildError(str(err)) from None
        step("Tạo chỉ mục tìm kiếm (Pagefind)")
        run_pagefind(staging)
        step.done()
        swap_in(staging, out)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    log(msg.build_done(os.path.relpath(out), generated.pages, time.monotonic() - started))
    return out
