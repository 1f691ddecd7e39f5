"""Editors' Markdown bodies (stories, bulletins, hand-written pages) inside HTML pages, and the
heading ids of those pages.

A body is rendered and cleaned by scripts/sanitize.py, then cut at its top-level headings: the
templates write those headings with ids (so that the table of contents lists them, see
theme/hooks/html_pages.py) and the clean HTML between them as it is.

Ids are what MkDocs' toc extension gave the same headings when the pages were Markdown, so that
links into these pages from other pages and from editors keep working: an id the editor chose
is kept, every other heading gets the slug of its text, made unique in the page in the order
the headings come.
"""
from __future__ import annotations

from markdown.extensions.toc import slugify, unique
from markupsafe import Markup

from ..sanitize import Heading, blocks, safe_html
from .common import body_url


class HeadingIds:
    """Unique heading ids for one page, handed out in the order the headings are written."""

    def __init__(self, parts: list = ()):
        # The toc extension reserves the ids editors chose before it derives any other one.
        self.used = {p.anchor for p in parts if isinstance(p, Heading) and p.anchor}

    def __call__(self, text: str, anchor: str | None = None) -> str:
        return anchor if anchor else unique(slugify(text, "-"), self.used)


def body_parts(body: str, here: str) -> list[Heading | Markup]:
    """An editor's body for the page `here`: its top-level headings, and the clean HTML between
    them (marked safe: the allow-list of scripts/sanitize.py built it), its relative links
    rewritten to final addresses."""
    clean = safe_html(body, lambda url: body_url(here, url))
    return [part if isinstance(part, Heading) else Markup(part) for part in blocks(clean)]
