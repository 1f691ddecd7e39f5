"""Build the site: validate, generate Markdown, run MkDocs, and swap the result in atomically.

MkDocs writes into a fresh folder next to the output; only when it and Pagefind succeeded does
the output link flip to it (scripts/output.py), so a failed, timed-out or killed build leaves
the old site serving. MkDocs and Pagefind run as children under a time limit; one build of an
output (and of a work folder) runs at a time.
"""
from __future__ import annotations

import ctypes
import dataclasses
import itertools
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from . import messages as msg
from . import output
from .generate import NotOurFolder, WriteStats, write_pages
from .pipeline import Loaded, for_audience, load_and_validate
from . import model as m
from .cache import Store, default_folder
from .render import iter_site, render_editorial
from . import charts, incremental, precompress, searchindex
from .editor import bundle as editor_bundle
from .secure import UnsafeOutput, secure_site, site_policy

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
    """One full generation, as a build does it. Records come from the on-disk cache where
    their files are unchanged (scripts/cache.py, shared with `check`), so that a build after a
    day's reports reads only those."""
    store = Store.open(default_folder(), content_root)
    try:
        return Regenerator(content_root, audience, today, work, strict=strict,
                           site_url=site_url, cache=store, jobs=os.cpu_count() or 1).run()
    finally:
        store.close()  # bad content too: its good files need not be read again
        charts.prune()


@dataclass
class Summary:
    """What the rest of a build needs of a generation: small, so that it crosses processes."""
    problems: list
    pages: int
    written: int
    overrides: dict
    unsearchable: list  # docs pages that Pagefind leaves out (render/html.py UNSEARCHABLE)


def _summary(content_root: Path, audience: str, today: date, strict: bool, work: Path,
             site_url: str | None) -> Summary:
    generated = generate(content_root, audience, today, strict, work, site_url)
    return Summary(generated.loaded.problems.sorted(), generated.pages, generated.stats.written,
                   mkdocs_overrides(generated.loaded.content.site, audience),
                   generated.stats.unsearchable)


def generate_apart(*args) -> Summary:
    """`generate` in a child process (forked), whose memory, a province's records and pages,
    goes back to the system when it ends, before MkDocs and Pagefind start; its result or its
    exception come back through a pipe. The child dies with the build. Forked, not spawned:
    the child starts at once with the caller's state (the tests' stand-ins included); the
    command line runs no other thread that could hand it a held lock."""
    import multiprocessing
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_generate_child, args=(send, os.getpid(), args))
    child.start()
    send.close()
    try:
        try:
            ok, value = receive.recv()
        except EOFError:  # the child died without a word (killed, out of memory)
            child.join()
            raise BuildError(msg.generation_died(child.exitcode)) from None
        child.join()
    finally:
        if child.is_alive():
            child.kill()
            child.join()
    if not ok:
        raise value
    return value


def _generate_child(send, parent: int, args: tuple) -> None:
    _die_with(parent)()
    try:
        answer = (True, _summary(*args))
    except BaseException as err:  # noqa: BLE001 - every failure is the parent's to report
        answer = (False, err)
    try:
        send.send(answer)
    except Exception as err:  # an exception that cannot be pickled: its text still goes
        send.send((False, BuildError(f"{type(err).__name__}: {answer[1]}")))
    finally:
        send.close()


EDITORIAL_FOLDERS = ("stories/", "bulletins/", "pages/")


class Regenerator:
    """Generation of the Markdown pages. Kept by the preview server between saves: files are
    read once and kept while unchanged, and after an edit to stories, bulletins or pages only,
    only the pages that show them are re-rendered."""

    def __init__(self, content_root: Path, audience: str, today: date, work: Path = WORK, *,
                 strict: bool = False, site_url: str | None = None, cache=None, jobs: int = 1):
        self.root, self.audience, self.today, self.work = content_root, audience, today, work
        self.strict, self.site_url, self.jobs = strict, site_url, jobs
        # the preview keeps records in memory between saves; a build uses the on-disk store
        self.cache = cache if cache is not None else {}
        self.previous: m.Content | None = None

    def run(self, changed: set[Path] | None = None) -> Generated:
        loaded = load_and_validate(self.root, today=self.today, strict=self.strict,
                                   cache=self.cache, jobs=self.jobs)
        if isinstance(self.cache, Store):  # a build's: saved now, its memory is the pages'
            self.cache.close()
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
            pages = iter_site(visible, self.audience, self.today)
            media, prune = {rel: self.root / rel for rel in visible.media}, True
            if self.audience == "restricted" and editor_bundle.installed():
                texts, copied = editor_bundle.files(visible.site, visible.stories, self.root)
                pages = itertools.chain(pages, texts.items())
                media.update(copied)
        try:
            stats = write_pages(docs_dir(self.audience, self.work), pages, media, prune=prune)
        except NotOurFolder as err:
            raise BuildError(msg.not_our_folder(str(err))) from None
        self.previous = visible
        return Generated(loaded, stats.pages, stats)

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


INTERNAL_MARK = " · Bản nội bộ"


def _mkdocs_extra() -> dict:
    """mkdocs.yml's `extra`, which an override would otherwise replace whole."""
    with open(CONFIG, encoding="utf-8") as f:
        return dict(yaml.safe_load(f).get("extra") or {})


def mkdocs_overrides(site, audience: str = "public") -> dict:
    """Settings that come from content/site.yml rather than from mkdocs.yml. The internal build
    says so in its header and in every page's title: a reader, or someone shown a screen or a
    printout, must know that what they see is not for the public."""
    title = site.title + (INTERNAL_MARK if audience == "restricted" else "")
    overrides = {"site_name": title, "copyright": site.organization,
                 # the public build registers its service worker (render/offline.py)
                 "extra": {**_mkdocs_extra(), "offline": audience == "public",
                           # the restricted build's footer links its editor (bien-tap/)
                           "editor": audience == "restricted" and editor_bundle.installed()}}
    if site.description:
        overrides["site_description"] = site.description
    if site.url:
        overrides["site_url"] = site.url
    return overrides


TIMEOUT_VARIABLE = "THEO_DOI_BUILD_TIMEOUT"
DEFAULT_TIMEOUT = 30 * 60  # generous: a province-scale build takes minutes, a hang forever


def time_limit() -> float:
    """Seconds MkDocs and Pagefind may each run, and a build may wait for another one."""
    value = os.environ.get(TIMEOUT_VARIABLE, "").strip()
    if not value:
        return DEFAULT_TIMEOUT
    try:
        seconds = float(value)
    except ValueError:
        seconds = 0
    if not 0 < seconds < float("inf"):
        raise BuildError(msg.bad_timeout(value))
    return seconds


BUILDERS = ("mkdocs", "properdocs")


def builder() -> str:
    """The site builder: MkDocs, or ProperDocs, its maintained drop-in fork, chosen with
    THEO_DOI_BUILDER=properdocs (both are installed; the generated pages suit either)."""
    name = os.environ.get("THEO_DOI_BUILDER", "mkdocs").strip().lower() or "mkdocs"
    if name not in BUILDERS:
        raise BuildError(msg.unknown_builder(name, BUILDERS))
    return name


MKDOCS = [sys.executable, "-m", "scripts.mkdocs_run"]


def run_mkdocs(docs: Path, site_dir: Path, overrides: dict | None = None,
               limit: float | None = None, dirty: bool = False, jobs: int = 1) -> None:
    """MkDocs, strict, in child processes stopped after the time limit; `dirty` renders only
    the pages whose source is newer than their output (an incremental build); otherwise
    `jobs` children share the pages (scripts/mkdocs_run.py) into the empty `site_dir`."""
    request = {"config": str(CONFIG), "docs_dir": str(docs), "site_dir": str(site_dir),
               "overrides": overrides or {}, "engine": builder(), "dirty": dirty}
    requests = [{**request, "shard": [i, jobs]} for i in range(jobs)] \
        if jobs > 1 and not dirty else [request]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    limit = time_limit() if limit is None else limit
    deadline = time.monotonic() + limit
    children = [_start([*MKDOCS, json.dumps(r)], env=env) for r in requests]
    try:
        answers = []
        for child in children:
            try:
                answers.append(child.communicate(timeout=max(0, deadline - time.monotonic())))
            except subprocess.TimeoutExpired:
                raise BuildError(msg.step_timeout("MkDocs", limit)) from None
    finally:
        for child in children:
            if child.returncode is None:  # timed out, interrupted, or another child failed
                _kill_group(child)
    for out, err in answers:
        _check_mkdocs(out, err)


def _check_mkdocs(out: str, err: str) -> None:
    result = _last_json(out)
    if result is None:  # the child died without answering (killed, out of memory)
        raise BuildError(msg.mkdocs_failed(f"  {(err or out).strip()[-2000:]}"))
    if result["ok"]:
        return
    if result.get("errno"):
        raise OSError(result["errno"], result["strerror"], result["filename"])
    raise BuildError(msg.mkdocs_failed("\n".join(result["lines"]) or f"  {result['error']}"))


def _last_json(out: str) -> dict | None:
    for line in reversed(out.splitlines()):
        if line.startswith("{"):
            try:
                return json.loads(line)
            except ValueError:
                return None
    return None


PAGEFIND = [sys.executable, "-m", "pagefind", "--root-selector", "article",
            "--force-language", "vi", "--exclude-selectors", "[data-q]"]
_INDEXED = re.compile(r"Indexed (\d+) pages?")


def run_pagefind(site_dir: Path, parts: list[tuple[str, str, int]], limit: float | None = None,
                 jobs: int = 2) -> None:
    """Index the built HTML, one Pagefind run per part of the index (scripts/searchindex.py),
    `jobs` at a time. Only the article of each page is read, in Vietnamese; restricted records
    are not in a public build's HTML, so they cannot reach its index. Each run must say it
    indexed exactly the pages of its part."""
    limit = time_limit() if limit is None else limit
    pending, running = list(parts), []
    try:
        while pending or running:
            while pending and len(running) < max(1, jobs):
                glob, folder, pages = pending.pop(0)
                command = [*PAGEFIND, "--site", str(site_dir), "--glob", glob,
                           "--output-subdir", folder]
                log = tempfile.TemporaryFile()  # a pipe could fill up and stall the child
                running.append((_start(command, output=log), log, time.monotonic(), pages))
            running = [r for r in running if not _pagefind_done(*r, limit)]
            if running:
                time.sleep(0.05)
    finally:
        for process, log, *_ in running:  # one part failed: the others are of no use
            _kill_group(process)
            log.close()


def _pagefind_done(process: subprocess.Popen, log, started: float, pages: int,
                   limit: float) -> bool:
    if process.poll() is None:
        if time.monotonic() - started > limit:
            raise BuildError(msg.step_timeout("Pagefind", limit))
        return False
    log.seek(0)
    out = log.read().decode("utf-8", "replace")
    log.close()
    if process.returncode != 0:
        raise BuildError(msg.pagefind_failed(out.strip()[-2000:]))
    found = _INDEXED.search(out)
    if found is None or int(found.group(1)) != pages:
        raise BuildError(msg.pagefind_failed(
            f"cần lập chỉ mục {pages} trang, Pagefind báo: {found[0] if found else out[-500:]}"))
    return True


def _start(command: list[str], env: dict | None = None, output=None) -> subprocess.Popen:
    """A child in its own process group, dying with the build (see `_die_with`), stopped by the
    caller when it runs past the time limit (a hung child must not hold the build, nor its
    lock, for ever); its output into pipes, or with `output` into that file (both streams)."""
    return subprocess.Popen(
        command, stdin=subprocess.DEVNULL,
        stdout=output or subprocess.PIPE, stderr=subprocess.STDOUT if output else subprocess.PIPE,
        text=output is None, encoding="utf-8" if output is None else None,
        errors="replace" if output is None else None, env=env, start_new_session=True,
        preexec_fn=_die_with(os.getpid()))


def _kill_group(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.communicate()


_PR_SET_PDEATHSIG = 1
try:
    _LIBC = ctypes.CDLL(None, use_errno=True)
except OSError:  # not Linux: children then outlive a killed build, and the next one cleans up
    _LIBC = None


def _die_with(parent: int):
    """In the child, before exec: die when the build dies, even by SIGKILL, so that no MkDocs
    or Pagefind keeps writing into a folder the next build will delete."""
    def setup():
        if _LIBC is not None and hasattr(_LIBC, "prctl"):
            _LIBC.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:  # the build died before prctl took effect
            os._exit(1)
    return setup


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
    """Build and publish one audience's site into `out`; raise output.OutputRefused before
    touching anything when `out` or `work` is not ours to write, BuildError on failure."""
    started = time.monotonic()
    out = output.absolute(out or DEFAULT_OUT[audience])
    limit = time_limit()
    output.guard_work(work, content_root)
    output.guard_output(out, content_root, work)
    try:
        # always the output first, then the work folder: one order, so never a deadlock
        with output.locked(output.lock_of(out), out, limit, log), \
                output.locked(output.work_lock_of(work, audience), work / audience, limit, log):
            # again under the lock: the build we waited for may have changed `out`
            state = output.guard_output(out, content_root, work)
            output.clear_leftovers(out)
            pages = _build_locked(content_root, audience, out, state, today, strict, work,
                                  site_url, limit, log)
    except output.Busy as err:
        raise BuildError(str(err)) from None
    log(msg.build_done(output.shown(out), pages, time.monotonic() - started))
    return out


def _build_locked(content_root: Path, audience: str, out: Path, state: str, today: date,
                  strict: bool, work: Path, site_url: str | None, limit: float, log) -> int:
    step = _Steps(log)
    step("Kiểm tra nội dung, tạo trang")
    generated = generate_apart(content_root, audience, today, strict, work, site_url)
    step.done()
    for problem in generated.problems:
        log(str(problem))
    pages, overrides = generated.pages, generated.overrides
    log(msg.build_step(msg.pages_written(pages, generated.written)))
    step("Dựng trang web bằng MkDocs")
    docs = docs_dir(audience, work)
    fingerprint = incremental.fingerprint(overrides, builder())
    stamp = incremental.read_stamp(work / audience)
    base = incremental.previous(stamp, fingerprint, output.served(out))
    sources = incremental.sources_of(docs)  # read once: MkDocs never writes to docs
    staging = output.new_staging(out)
    try:
        since = None
        if base is not None:  # start from the version being served: MkDocs renders what changed
            stale = set(stamp.get("outputs", [])) - set(incremental.outputs_of(docs))
            incremental.mark_changed(docs, stamp, sources)
            incremental.seed(staging, base, stale)
            since = time.time() - 2  # file times are coarser than the clock: a margin
        run_mkdocs(docs, staging, overrides, limit, dirty=base is not None,
                   jobs=min(2, os.cpu_count() or 1))
        try:
            secure_site(staging, since, site_policy(base) if base is not None else None)
        except UnsafeOutput as err:
            raise BuildError(str(err)) from None
        step("Tạo chỉ mục tìm kiếm (Pagefind)")
        hidden = {incremental.output_of(rel) for rel in generated.unsearchable}
        searchindex.build(staging, base, lambda parts: run_pagefind(staging, parts, limit),
                          hidden)
        step("Nén sẵn các tệp văn bản (.gz)")
        precompress.write(staging, workers=min(2, os.cpu_count() or 1))
        step.done()
        version = output.publish(staging, out, state)
        incremental.write_stamp(work / audience, fingerprint=fingerprint, version=version,
                                docs=docs, sources=sources)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return pages
