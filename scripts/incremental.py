"""Rebuild only what changed: the next version of a site starts as a copy of the current one.

The generator rewrites only the generated pages whose text changed (scripts/generate.py keeps
the others' bytes and times). A build then seeds its staging folder with hard links to the
files of the version being served and runs MkDocs in dirty mode, which renders only the pages
whose source is newer than their output. Nothing of the served version is ever written to:
MkDocs is made to replace files rather than write into them (scripts/mkdocs_run.py), the
publishing gate does the same, and the parts of the search index that changed are emptied before
Pagefind writes them anew (scripts/searchindex.py).

The previous version is trusted only when a stamp in the work folder says it was built from the
same docs folder, by the same builder, configuration, theme and gate, for the same address;
anything else (no stamp, another stamp, a version that is gone) is a full build.
"""
from __future__ import annotations

import hashlib
import json
import os
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STAMP = "last-build.json"
# Rewritten by every build: never seeded from the previous version.
FRESH = {"sitemap.xml", "sitemap.xml.gz", "404.html"}


def fingerprint(overrides: dict, engine: str) -> str:
    """What a built page depends on besides its own generated source."""
    digest = hashlib.sha256()
    digest.update(json.dumps([overrides, engine], sort_keys=True, default=str).encode())
    for package in ("mkdocs", "mkdocs-material", "properdocs", "Markdown", "pymdown-extensions",
                    "pagefind"):
        try:
            digest.update(f"{package}={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{package}=none".encode())
    files = [ROOT / "mkdocs.yml"] + [ROOT / "scripts" / name for name in
                                     ("secure.py", "mkdocs_run.py", "searchindex.py")]
    files += sorted(p for p in (ROOT / "theme").rglob("*") if p.is_file() and p.suffix != ".pyc")
    for path in files:
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def outputs_of(docs: Path) -> list[str]:
    """The site files MkDocs makes from the docs folder (use_directory_urls)."""
    out = []
    for dirpath, _, filenames in os.walk(docs):
        base = os.path.relpath(dirpath, docs).replace(os.sep, "/")
        for name in filenames:
            if name.startswith("."):
                continue
            out.append(output_of(name if base == "." else f"{base}/{name}"))
    return sorted(out)


def output_of(rel: str) -> str:
    """The site file MkDocs makes of a docs file: `a/b.md` → `a/b/index.html`."""
    if not rel.endswith(".md"):
        return rel
    stem = rel[:-3]
    folder, _, leaf = stem.rpartition("/")
    if leaf == "index":
        return f"{folder}/index.html" if folder else "index.html"
    return f"{stem}/index.html"


def read_stamp(work_audience: Path) -> dict | None:
    try:
        stamp = json.loads((work_audience / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return stamp if isinstance(stamp, dict) else None


def sources_of(docs: Path) -> dict[str, str]:
    """Each docs file's digest: what the version was rendered from."""
    out = {}
    for dirpath, _, filenames in os.walk(docs):
        for name in filenames:
            if not name.startswith("."):
                path = os.path.join(dirpath, name)
                with open(path, "rb") as handle:
                    out[os.path.relpath(path, docs).replace(os.sep, "/")] = hashlib.blake2b(
                        handle.read(), digest_size=16).hexdigest()
    return out


def mark_changed(docs: Path, stamp: dict, sources: dict[str, str]) -> int:
    """MkDocs' dirty mode trusts file times; a docs file whose bytes (`sources`, from
    `sources_of`) differ from what the served version was rendered from is given the current
    time, so that it is rendered again whatever its time says (a restored cache, a clock set
    back). Returns how many."""
    rendered = stamp.get("sources") or {}
    changed = [rel for rel, digest in sources.items() if rendered.get(rel) != digest]
    for rel in changed:
        os.utime(docs / rel)
    return len(changed)


def write_stamp(work_audience: Path, *, fingerprint: str, version: Path, docs: Path,
                sources: dict[str, str]) -> None:
    stamp = {"fingerprint": fingerprint, "version": str(version), "outputs": outputs_of(docs),
             "sources": sources}
    temporary = work_audience / f".{STAMP}.tmp"
    temporary.write_text(json.dumps(stamp), encoding="utf-8")
    os.replace(temporary, work_audience / STAMP)


def previous(stamp: dict | None, fingerprint: str, served: Path | None) -> Path | None:
    """The version a build may start from, or None for a full build."""
    if not stamp or stamp.get("fingerprint") != fingerprint or served is None:
        return None
    if Path(stamp.get("version", "")) != served or not served.is_dir():
        return None
    return served


def seed(staging: Path, source: Path, stale: set[str]) -> int:
    """Hard-link the files of `source` into `staging`, except what every build makes anew and
    the outputs of pages that are gone (`stale`). Returns how many files were linked."""
    linked = 0
    for dirpath, dirnames, filenames in os.walk(source):
        base = os.path.relpath(dirpath, source).replace(os.sep, "/")
        target = staging if base == "." else staging / base
        for name in filenames:
            rel = name if base == "." else f"{base}/{name}"
            if rel in FRESH or rel in stale or name.startswith("."):
                continue
            # made only when a file goes in: a page gone leaves no empty folder behind
            target.mkdir(parents=True, exist_ok=True)
            os.link(os.path.join(dirpath, name), target / name)
            linked += 1
    return linked
