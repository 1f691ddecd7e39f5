"""The editor's files for the restricted build's bien-tap/ folder: Decap CMS and the YAML library
as `./dev` installed them from the npm registry (editor/node_modules, pinned by
editor/package-lock.json), our own scripts (editor/src), and three files made from the content:
the page, its configuration (the collections of schemas/bien-tap.yml plus the back end of
site.yml) and where each story is.

The public build never gets any of it: the editor is a tool of the people who may read the
restricted build, and its page could tell a public reader where the repository is.
"""
from __future__ import annotations

import html
import json
from pathlib import Path
from urllib.parse import urlsplit

from .. import model as m
from .config import base_config, dump

ROOT = Path(__file__).resolve().parent.parent.parent
PACKAGES = ROOT / "editor" / "node_modules"
SOURCES = ROOT / "editor" / "src"
FOLDER = "bien-tap"
# The back ends on which Decap CMS keeps drafts as branches (its Gitea one does not).
WORKFLOW = ("gitlab", "forgejo")
# The page loads these from its own folder, in this order (editor/src/index.html).
OWN_FILES = ("khoi-dong.js", "bien-tap.js", "formats.js", "widgets.js", "preview.js",
             "tieng-viet.js", "nhan-nut.js", "bien-tap.css", "xem-truoc.css")


def installed() -> bool:
    return (PACKAGES / "decap-cms" / "dist" / "decap-cms.js").is_file()


def vendor_files() -> dict[str, Path]:
    """{path under bien-tap/: file} of the third-party code: Decap's bundle with the chunks it
    loads on demand (source maps left out: 25 MB nobody reads on the intranet), and the YAML
    library's browser build."""
    dist = PACKAGES / "decap-cms" / "dist"
    out = {name.name: name for name in sorted(dist.iterdir())
           if name.name.endswith((".decap-cms.js", ".wasm")) or name.name in (
               "decap-cms.js", "decap-cms.js.LICENSE.txt")}
    yaml_dist = PACKAGES / "yaml" / "browser" / "dist"
    for path in sorted(yaml_dist.rglob("*.js")):
        out[f"yaml/{path.relative_to(yaml_dist).as_posix()}"] = path
    out["yaml/LICENSE"] = PACKAGES / "yaml" / "LICENSE"
    return out


def backend(settings: m.EditorSettings | None) -> dict:
    """Decap's back end for the site's `editor:` settings; the local one when there are none."""
    if settings is None or settings.backend == "local":
        return {"name": "proxy", "proxy_url": "/api/v1", "branch": settings.branch
                if settings else "main"}
    base = settings.base_url.rstrip("/")
    out = {"name": settings.backend, "repo": settings.repo, "branch": settings.branch,
           "base_url": base, "app_id": settings.app_id}
    if settings.backend == "gitlab":
        out.update(auth_type="pkce", api_root=f"{base}/api/v4", auth_endpoint="oauth/authorize")
    else:  # gitea, forgejo
        out["api_root"] = f"{base}/api/v1"
    return out


def site_config(site: m.Site) -> dict:
    settings = site.editor
    config = {"backend": backend(settings)}
    if settings and settings.backend != "local":
        # on the developer's machine (localhost), `./dev edit` answers at /api/v1 instead
        config["local_backend"] = {"url": "/api/v1"}
        if settings.backend in WORKFLOW and settings.editorial_workflow:
            config["publish_mode"] = "editorial_workflow"
    if site.url:
        config["site_url"] = site.url
    return {**config, **base_config()}


def policy(site: m.Site) -> str:
    """The editor page's Content-Security-Policy. Decap CMS needs what the site's pages never
    allow: inline styles (its components are styled at run time) and `eval` (its configuration
    validator compiles code). Only the git server of site.yml is another host it may reach."""
    connect = "'self'"
    if site.editor and site.editor.backend != "local":
        parts = urlsplit(site.editor.base_url)
        connect += f" {parts.scheme}://{parts.netloc}"
    return ("default-src 'self'; script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'; "
            "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
            f"connect-src {connect}; media-src 'self'; object-src 'none'; frame-src 'self'; "
            "worker-src 'self' blob:; base-uri 'self'; form-action 'self'")


def page(site: m.Site) -> str:
    template = (SOURCES / "index.html").read_text(encoding="utf-8")
    values = {"csp": policy(site), "title": site.title}
    for key, value in values.items():
        template = template.replace("{" + key + "}", html.escape(value))
    return template


def story_paths(stories: list[m.Story], root: Path) -> str:
    """{story id: its path under stories/ without .md}: the story pickers' values."""
    folder = (root / "stories").resolve()
    out = {}
    for story in stories:
        try:
            rel = Path(story.loc.path).resolve().relative_to(folder).as_posix()
        except (AttributeError, ValueError):
            continue
        out[story.id] = rel.removesuffix(".md")
    return json.dumps(dict(sorted(out.items())), ensure_ascii=False, indent=0) + "\n"


def files(site: m.Site, stories: list[m.Story], root: Path
          ) -> tuple[dict[str, str], dict[str, Path]]:
    """(text files, copied files) of bien-tap/, keyed by their path in the docs folder."""
    texts = {f"{FOLDER}/index.html": page(site),
             f"{FOLDER}/config.yml": dump(site_config(site)),
             f"{FOLDER}/bai-viet.json": story_paths(stories, root)}
    copied = {f"{FOLDER}/{name}": path for name, path in vendor_files().items()}
    copied.update({f"{FOLDER}/{name}": SOURCES / name for name in OWN_FILES})
    return texts, copied
