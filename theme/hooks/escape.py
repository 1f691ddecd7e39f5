"""Autoescaping for every template MkDocs renders, Material's included.

MkDocs creates its Jinja environment with autoescaping off, and Material's templates print
`page.meta.title`, `config.site_name`, `config.copyright`, the canonical URL and more as they
are: a title written in YAML would reach `<title>`, the header and attributes as live HTML.
With autoescaping on, every value is escaped for the HTML it lands in; only the HTML that MkDocs
made from Markdown (the page body and its table of contents) is marked as markup, and that HTML
was built from escaped values and sanitised bodies.
"""
from __future__ import annotations

from markupsafe import Markup


def on_env(env, config, files):
    env.autoescape = True
    return env


def _mark_toc(items) -> None:
    for item in items:
        # Python-Markdown's toc gives each title as escaped HTML text (entities, no tags).
        item.title = Markup(item.title)
        _mark_toc(item.children)


def on_page_context(context, page, config, nav):
    if page.content is not None:
        page.content = Markup(page.content)
    _mark_toc(page.toc)
    return context
