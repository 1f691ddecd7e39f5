"""Pure functions from the validated model to Markdown pages: no file is read or written here.

`render_site` returns {docs path: Markdown text}; `scripts.generate` writes it to disk.
"""
from __future__ import annotations

from datetime import date

from .. import model as m
from ..validate import Index
from . import (bulletins, cadres, feed, home, localities, pages, proposals, search, stats,
               stories, topics, visits)
from .common import Ctx

SECTIONS = (home, stories, localities, cadres, visits, proposals, stats, bulletins, topics, pages,
            feed, search)


def render_site(content: m.Content, audience: str, today: date) -> dict[str, str]:
    ctx = Ctx(content=content, index=Index(content), audience=audience, today=today)
    out: dict[str, str] = {}
    for section in SECTIONS:
        out.update(section.render_all(ctx))
    return out
