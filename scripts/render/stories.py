"""Story pages (điển hình, cách làm hay) and their listing."""
from __future__ import annotations

from urllib.parse import quote

from markupsafe import Markup

from .. import model as m
from . import paging
from ..text import sort_key
from .bodies import HeadingIds, body_parts
from .common import (Ctx, fmt_date, locality_path, md_url, newest_first, story_path, topic_path,
                     unit_trail, unit_with_parent, visit_path)
from .html import html_page, page_link, render
from .search import KIND_STORY, record_block

INDEX = "stories/index.md"
SEEN_LIMIT = 10


def render_story(ctx: Ctx, story: m.Story) -> str:
    here = story_path(story)
    unit = ctx.index.get("locality", story.locality)
    body = story.body.strip()
    parts = body_parts(_demote(body), here) if body else []
    topics = [ctx.index.get("topic", t) for t in story.topics]
    seen_in = newest_first(ctx.by.visits_of_story.get(story.id, []))
    # The newest few only: the page must not grow with the number of reports.
    shown = seen_in[:SEEN_LIMIT]
    return html_page(story.title, render(
        "story.html", here, s=story, ids=HeadingIds(parts), parts=parts,
        record=record_block(ctx, KIND_STORY, units=[unit], year=story.date.year,
                            topics=story.topics,
                            place=unit_with_parent(ctx, unit, story.date),
                            when=fmt_date(story.date)),
        # the units as they were when the story happened (Xóm Mới in xã Lương Mông, 2020)
        trail=[(u.full_name_on(story.date), locality_path(u))
               for u in unit_trail(ctx, unit, story.date)],
        branch=story.branch or unit.party_org, kind=m.STORY_KIND.label(story.kind),
        stage=m.STORY_STAGE.label(story.stage) if story.stage else None,
        topics=[(t, topic_path(t)) for t in topics],
        # A file name may hold characters with a meaning in a URL (#, ?, %): encoded.
        image=quote(page_link(here, story.image)) if story.image else None,
        source_url=md_url(story.source.url) if story.source and story.source.url else None,
        related=[(s, story_path(s)) for s in related_stories(ctx, story)],
        seen=[(v, ctx.index.get("cadre", v.cadre), visit_path(ctx, v)) for v in shown],
        more=len(seen_in) - len(shown)), description=story.summary)


def _demote(body: str) -> str:
    """Editors' headings start at ##; keep them below the page's own sections."""
    out = []
    in_fence = False
    for line in body.split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        if not in_fence and line.startswith("#"):
            line = "#" + line
        out.append(line)
    return "\n".join(out)


def related_stories(ctx: Ctx, story: m.Story, limit: int = 5) -> list[m.Story]:
    """Same unit first, then most shared topics, then newest."""
    def score(other: m.Story) -> tuple:
        return (other.locality == story.locality, len(set(other.topics) & set(story.topics)),
                other.date)
    candidates = {id(s): s for s in ctx.by.stories_of_unit.get(story.locality, [])}
    for topic in story.topics:
        candidates.update((id(s), s) for s in ctx.by.stories_of_topic.get(topic, []))
    others = [s for s in candidates.values() if s.id != story.id]
    return sorted(others, key=score, reverse=True)[:limit]


def story_table(ctx: Ctx, stories: list[m.Story], here: str) -> Markup:
    """Stories as an HTML table, newest first (templates/story_table.html), for topic and unit
    pages."""
    rows = []
    for story in newest_first(stories):
        unit = ctx.index.get("locality", story.locality)
        rows.append((story, story_path(story), m.STORY_KIND.label(story.kind), unit,
                     locality_path(unit)))
    return render("story_table.html", here, rows=rows)


def _filter_fields(ctx: Ctx, stories: list[m.Story]) -> list[tuple[str, str, list]]:
    """The select boxes of the listing: (name, label, [(value, text)])."""
    topics = sorted({t for s in stories for t in s.topics},
                    key=lambda t: sort_key(ctx.index.get("topic", t).name))
    units = {}
    for story in stories:
        for depth, unit in enumerate(unit_trail(ctx, ctx.index.get("locality", story.locality))):
            if depth < 2:  # province and district: enough to narrow a province's stories
                units[unit.id] = unit
    unit_options = sorted(units.values(), key=lambda u: [sort_key(x.name) for x in unit_trail(
        ctx, u)])
    years = sorted({s.date.year for s in stories}, reverse=True)
    return [
        ("topic", "Chủ đề", [(t, ctx.index.get("topic", t).name) for t in topics]),
        ("kind", "Loại", [(k, label) for k, label in m.STORY_KIND.choices
                          if any(s.kind == k for s in stories)]),
        ("unit", "Địa bàn", [(u.id, ("— " if u.parent else "") + u.full_name)
                             for u in unit_options]),
        ("year", "Năm", [(str(y), str(y)) for y in years]),
    ]


def render_index(ctx: Ctx) -> dict[str, str]:
    """Every story, newest first, `paging.ITEMS` a page."""
    title = "Điển hình, cách làm hay"
    items = []
    for story in newest_first(ctx.content.stories):
        unit = ctx.index.get("locality", story.locality)
        trail = " ".join(u.id for u in unit_trail(ctx, unit))
        items.append((story, story_path(story), m.STORY_KIND.label(story.kind), unit,
                      locality_path(unit), trail))
    out = {}
    for part in paging.split(INDEX, items, paging.ITEMS):
        page_title = title + part.pager.suffix
        out[part.path] = html_page(page_title, render(
            "stories_index.html", part.path, title=page_title, ids=HeadingIds(),
            items=part.items, total=len(items), pager=part.pager,
            fields=_filter_fields(ctx, [s for s, *_ in part.items]) if part.items else [],
            unit_name=lambda unit: unit_with_parent(ctx, unit)))
    return out


def render_all(ctx: Ctx) -> dict[str, str]:
    pages = render_index(ctx)
    for story in ctx.content.stories:
        pages[story_path(story)] = render_story(ctx, story)
    return pages
