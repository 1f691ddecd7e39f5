"""What Pagefind indexes besides the text: filters and metadata of each record page, and the
search page itself (search/), whose query and filters live in its URL.

The block is plain HTML inside the generated Markdown, hidden and ignored for indexing except
for its filters and metadata, so any builder that passes HTML through keeps the facets.
"""
from __future__ import annotations

import html

from .. import model as m
from ..text import sort_key
from .bodies import HeadingIds
from .common import Ctx, sort_units, unit_trail
from .html import html_page, render

PAGE = "search/index.md"

KIND_STORY = "Điển hình, cách làm hay"
KIND_VISIT = "Báo cáo theo dõi"
KIND_UNIT = "Địa bàn"
KIND_CADRE = "Cán bộ"
KIND_BULLETIN = "Bản tin"
KIND_TOPIC = "Chủ đề"
KIND_PAGE = "Trang"

FACET_LEVELS = 3  # province, district and commune narrow a search; hamlets are too many


def record_block(ctx: Ctx, kind: str, *, units: list[m.Locality] = (), year: int | None = None,
                 topics: list[str] = (), place: str | None = None, when: str | None = None,
                 summary: str | None = None) -> str:
    """Hidden Pagefind filters (kind, topics, units by level, year) and result metadata. A
    `summary` is shown in results instead of text cut around the words found, for pages made
    of labels and names (a unit, a cadre), whose cut text would read as a heap of words."""
    levels = {lv.id for lv in ctx.content.site.levels[:FACET_LEVELS]}
    spans = [("filter", "loai", kind), ("meta", "loai", kind)]
    seen = set()
    for unit in units:
        for u in unit_trail(ctx, unit):
            if u.level in levels and u.id not in seen:
                seen.add(u.id)
                spans.append(("filter", u.level, u.full_name))
    spans += [("filter", "chu_de", ctx.index.get("topic", t).name) for t in dict.fromkeys(topics)]
    if year:
        spans.append(("filter", "nam", str(year)))
    if place:
        spans.append(("meta", "dia_ban", place))
    if when:
        spans.append(("meta", "ngay", when))
    if summary:
        spans.append(("meta", "tom_tat", summary))
    inner = "".join(f'<span data-pagefind-{what}="{key}">{html.escape(value)}</span>'
                    for what, key, value in spans)
    return f"<div hidden data-pagefind-ignore>{inner}</div>"


def _facets(ctx: Ctx) -> list[tuple[str, str, list[tuple[str, str]], int | None]]:
    """The facet selects as (name, label, options, level); options are (value, ancestors)
    where ancestors let the page's script narrow districts to the chosen province and communes
    to the chosen district."""
    c = ctx.content
    kinds = [k for k, present in ((KIND_STORY, c.stories), (KIND_VISIT, c.visits),
                                  (KIND_UNIT, c.localities), (KIND_CADRE, c.cadres),
                                  (KIND_BULLETIN, c.bulletins), (KIND_TOPIC, c.topics),
                                  (KIND_PAGE, c.pages)) if present]
    facets = [("loai", "Loại", [(k, "") for k in kinds], None),
              ("chu_de", "Chủ đề", [(t.name, "") for t in sorted(
                  c.topics, key=lambda t: sort_key(t.name))], None)]
    for depth, level in enumerate(c.site.levels[:FACET_LEVELS]):
        units = sort_units([u for u in c.localities if u.level == level.id])
        facets.append((level.id, level.label, [
            (u.full_name, "|".join(a.full_name for a in unit_trail(ctx, u)[:-1])) for u in units],
            depth))
    years = sorted({r.date.year for r in (*c.stories, *c.visits, *c.bulletins)}, reverse=True)
    facets.append(("nam", "Năm", [(str(y), "") for y in years], None))
    return facets


def render_page(ctx: Ctx) -> str:
    return html_page("Tìm kiếm", render("search.html", PAGE, title="Tìm kiếm", ids=HeadingIds(),
                                         facets=_facets(ctx)))


def render_all(ctx: Ctx) -> dict[str, str]:
    return {PAGE: render_page(ctx)}
