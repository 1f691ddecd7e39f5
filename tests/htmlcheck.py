"""Reading built HTML in tests: links, text, and whether internal links resolve."""
from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        for name in ("href", "src"):
            if attrs.get(name):
                self.urls.append(attrs[name])


def parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def target_file(page: Path, url: str, site: Path) -> Path | None:
    """The file a relative URL points to, or None for external and special URLs."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith(("#", "mailto:", "tel:")):
        return None
    path = (page.parent / unquote(parts.path)).resolve()
    if path.is_dir() or url.endswith("/"):
        path = path / "index.html"
    return path


def broken_links(site: Path) -> list[str]:
    """Every internal link or asset, in every page, whose file or #anchor does not exist."""
    problems = []
    ids_cache: dict[Path, set[str]] = {}
    for page in site.rglob("*.html"):
        if page.name == "404.html" and page.parent == site:
            continue  # served for any missing path, so its links are absolute by design
        for url in parse(page).urls:
            target = target_file(page, url, site)
            if target is None:
                continue
            if not target.exists():
                problems.append(f"{page.relative_to(site)} → {url}")
                continue
            anchor = urlsplit(url).fragment
            if anchor and target.suffix == ".html":
                ids = ids_cache.setdefault(target, parse(target).ids)
                if unquote(anchor) not in ids:
                    problems.append(f"{page.relative_to(site)} → {url} (anchor)")
    return problems


def text_of(path: Path) -> str:
    """The visible text of a page's article (no header, navigation or table of contents),
    tags removed, whitespace collapsed."""
    html = path.read_text(encoding="utf-8")
    article = re.search(r"<article\b.*?</article>", html, flags=re.S)
    html = article.group(0) if article else html
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    # the masthead a printed page keeps is not shown on screen
    html = re.sub(r'<p class="print-masthead"[^>]*>.*?</p>', " ", html, flags=re.S)
    # Entities decoded, as the reader sees them: templates escape quotes (&#34;), Markdown did not.
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())
