"""Generated pages written as HTML skip the Markdown engine.

The generator writes records (reports, units, cadres, proposals…) as HTML from templates with
autoescaping: a Markdown page whose body is one raw HTML block, marked `generated: html` in its
front matter. Any Markdown builder passes such a block through unchanged, but Python-Markdown
still reads every tag of it to find where it ends, which at a province's 100 MB of pages costs
minutes. This hook hands MkDocs the HTML as it is, and gives the page what Markdown would have
given it: its table of contents and its anchors (for MkDocs' link validation).

A builder without this hook renders the same pages, only slower.
"""
from __future__ import annotations

import html
import importlib
import re
import sys

_STASH = "html_pages_source"
_HEADING = re.compile(r'<h([2-3]) id="([^"]+)"[^>]*>(.*?)</h\1>', re.S)
_ID = re.compile(r'\sid="([^"]+)"')
_TAG = re.compile(r"<[^>]+>")


def _generated(page) -> bool:
    return (page.meta or {}).get("generated") == "html"


def on_page_markdown(markdown, page, config, files):
    if not _generated(page):
        return markdown
    setattr(page, _STASH, markdown)
    return ""  # nothing for Python-Markdown to read


def _get_toc():
    """The builder's own toc constructor: MkDocs', or ProperDocs' when it is the one running."""
    engine = "properdocs" if "properdocs" in sys.modules else "mkdocs"
    return importlib.import_module(f"{engine}.structure.toc").get_toc


def _toc(text: str):
    """Headings h2 and h3 as MkDocs' toc extension would list them (titles as HTML text)."""
    tokens, parent = [], None
    for level, anchor, inner in _HEADING.findall(text):
        title = html.escape(html.unescape(_TAG.sub("", inner)).strip(), quote=False)
        token = {"level": int(level), "id": html.unescape(anchor), "name": title,
                 "children": []}
        if token["level"] == 3 and parent is not None:
            parent["children"].append(token)
        else:
            tokens.append(token)
            parent = token
    return _get_toc()(tokens)


def on_page_content(content, page, config, files):
    if not _generated(page):
        return content
    text = getattr(page, _STASH)
    delattr(page, _STASH)
    page.toc = _toc(text)
    page.present_anchor_ids = {html.unescape(a) for a in _ID.findall(text)}
    return text
