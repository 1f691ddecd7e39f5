"""Pure functions from the validated model to Markdown pages: no file is read or written here.

`iter_site` gives (docs path, Markdown text) one page at a time, so that a build can write each
page as it comes instead of holding a province's 180 million characters at once;
`render_site` collects them into a dict. A section's `render_all` returns its pages as a dict,
or, for the sections with thousands of pages, yields them.
"""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from .. import model as m
from ..validate import Index
from . import (bulletins, cadres, feed, home, localities, offline, pages, proposals, review,
               search, stats, stories, topics, visits, watch)
from .common import Ctx

SECTIONS = (home, stories, localities, cadres, visits, proposals, watch, stats, review, bulletins,
            topics, pages, feed, search, offline)


def iter_site(content: m.Content, audience: str, today: date) -> Iterator[tuple[str, str]]:
    ctx = Ctx(content=content, index=Index(content), audience=audience, today=today)
    for section in SECTIONS:
        pages = section.render_all(ctx)
        yield from pages.items() if isinstance(pages, dict) else pages


def render_site(content: m.Content, audience: str, today: date) -> dict[str, str]:
    return dict(iter_site(content, audience, today))


# Sections that list stories, bulletins or hand-written pages, and are quick to render in full.
EDITORIAL = (home, stories, bulletins, topics, pages, feed, search)


def render_editorial(content: m.Content, audience: str, today: date,
                     unit_ids: set[str], story_ids: set[str]) -> dict[str, str]:
    """The pages that can change when only stories, bulletins or hand-written pages changed:
    their own sections, the pages of the units the changed stories belong to (now or before),
    and the report pages that point at the changed stories. The preview server uses it after an edit, so
    that one story saved does not re-render a province's reports."""
    ctx = Ctx(content=content, index=Index(content), audience=audience, today=today)
    out: dict[str, str] = {}
    for section in EDITORIAL:
        out.update(section.render_all(ctx))
    children, by_unit = localities.children_of(ctx), localities.assignments_of(ctx)
    for unit_id in unit_ids:
        unit = ctx.index.get("locality", unit_id)
        if unit is not None:
            out[localities.locality_path(unit)] = localities.render_unit(ctx, unit, children,
                                                                         by_unit)
    pointing = {visits.visit_page(ctx, v) for s in story_ids
                for v in ctx.by.visits_of_story.get(s, [])}
    if pointing:
        pages = visits.by_page(ctx)
        for page in pointing:
            out[page] = visits.render_page(ctx, pages[page])
    return out
