"""What Pagefind indexes besides the text: filters and metadata of each record page, and the
search page itself (search/), whose query and filters live in its URL.

The block is plain HTML inside the generated Markdown, hidden and ignored for indexing except
for its filters and metadata, so any builder that passes HTML through keeps the facets.
"""
from __future__ import annotations

import html

from .. import model as m
from ..text import sort_key
from .common import Ctx, front_matter, heading, sort_units, unit_trail

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
                 topics: list[str] = (), place: str | None = None, when: str | None = None) -> str:
    """Hidden Pagefind filters (kind, topics, units by level, year) and result metadata."""
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
    inner = "".join(f'<span data-pagefind-{what}="{key}">{html.escape(value)}</span>'
                    for what, key, value in spans)
    return f"<div hidden data-pagefind-ignore>{inner}</div>"


def _select(name: str, title: str, options: list[tuple[str, str]], level: int | None = None) -> str:
    """A facet select; options are (value, ancestors) where ancestors let the page's script
    narrow districts to the chosen province and communes to the chosen district."""
    items = "".join(
        f'<option value="{html.escape(v)}"' + (f' data-up="{html.escape(up)}"' if up else "")
        + f">{html.escape(v)}</option>" for v, up in options)
    data = f' data-level="{level}"' if level is not None else ""
    return (f'<label>{html.escape(title)} <select name="{name}"{data}><option value="">Tất cả'
            f"</option>{items}</select></label>")


def _facet_options(ctx: Ctx) -> list[str]:
    """The options, known at build time: the page needs no filter download to show them."""
    c = ctx.content
    kinds = [k for k, present in ((KIND_STORY, c.stories), (KIND_VISIT, c.visits),
                                  (KIND_UNIT, c.localities), (KIND_CADRE, c.cadres),
                                  (KIND_BULLETIN, c.bulletins), (KIND_TOPIC, c.topics),
                                  (KIND_PAGE, c.pages)) if present]
    selects = [_select("loai", "Loại", [(k, "") for k in kinds]),
               _select("chu_de", "Chủ đề", [(t.name, "") for t in sorted(
                   c.topics, key=lambda t: sort_key(t.name))])]
    for depth, level in enumerate(c.site.levels[:FACET_LEVELS]):
        units = sort_units([u for u in c.localities if u.level == level.id])
        selects.append(_select(level.id, level.label, [
            (u.full_name, "|".join(a.full_name for a in unit_trail(ctx, u)[:-1])) for u in units],
            depth))
    years = sorted({r.date.year for r in (*c.stories, *c.visits, *c.bulletins)}, reverse=True)
    selects.append(_select("nam", "Năm", [(str(y), "") for y in years]))
    return selects


def render_page(ctx: Ctx) -> str:
    return "\n".join([
        front_matter("Tìm kiếm"), heading(1, "Tìm kiếm"), "",
        '<div class="pf-page" data-pf-page data-pagefind-ignore="all">',
        '<form class="record-filter pf-form" hidden role="search">'
        '<input type="search" name="q" aria-label="Từ cần tìm" '
        'placeholder="Ví dụ: chi bo, dang vien, duong hoa">'
        + "".join(_facet_options(ctx))
        + '<button type="submit" class="md-button md-button--primary">Tìm</button></form>',
        '<p class="pf-status" data-pf-page-status aria-live="polite">'
        "Trang tìm kiếm cần JavaScript; hãy bật JavaScript trong trình duyệt.</p>",
        '<ol class="md-search-result__list pf-results" data-pf-page-results></ol>',
        '<button type="button" class="md-button pf-more" data-pf-page-more hidden>Xem thêm'
        "</button>",
        "</div>", ""])


def render_all(ctx: Ctx) -> dict[str, str]:
    return {PAGE: render_page(ctx)}
