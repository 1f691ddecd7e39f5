"""What Pagefind indexes besides the text: filters and metadata of each record page, and the
search page itself (search/), whose query and filters live in its URL.

The block is plain HTML inside the generated Markdown, hidden and ignored for indexing except
for its filters and metadata, so any builder that passes HTML through keeps the facets.
"""
from __future__ import annotations

import html
import json

from .. import model as m
from .common import Ctx, front_matter, heading, unit_trail

PAGE = "search/index.md"

KIND_STORY = "Điển hình, cách làm hay"
KIND_VISIT = "Báo cáo theo dõi"
KIND_UNIT = "Địa bàn"
KIND_CADRE = "Cán bộ"
KIND_BULLETIN = "Bản tin"
KIND_TOPIC = "Chủ đề"
KIND_PAGE = "Trang"

FACET_LEVELS = 3  # province, district and commune narrow a search; hamlets are too many


def facets(ctx: Ctx) -> list[tuple[str, str]]:
    levels = [(lv.id, lv.label) for lv in ctx.content.site.levels[:FACET_LEVELS]]
    return [("loai", "Loại"), ("chu_de", "Chủ đề"), *levels, ("nam", "Năm")]


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


def render_page(ctx: Ctx) -> str:
    data = html.escape(json.dumps(facets(ctx), ensure_ascii=False), quote=True)
    return "\n".join([
        front_matter("Tìm kiếm"), heading(1, "Tìm kiếm"), "",
        f'<div class="pf-page" data-pf-page data-pf-facets="{data}">',
        '<form class="record-filter pf-form" hidden role="search">'
        '<input type="search" name="q" aria-label="Từ cần tìm" '
        'placeholder="Ví dụ: chi bo, dang vien, duong hoa">'
        '<span class="pf-facets" data-pf-facet-selects></span>'
        '<button type="submit" class="md-button md-button--primary">Tìm</button></form>',
        '<p class="pf-status" data-pf-page-status aria-live="polite">'
        "Trang tìm kiếm cần JavaScript; hãy bật JavaScript trong trình duyệt.</p>",
        '<ol class="md-search-result__list pf-results" data-pf-page-results></ol>',
        '<button type="button" class="md-button pf-more" data-pf-page-more hidden>Xem thêm'
        "</button>",
        "</div>", ""])


def render_all(ctx: Ctx) -> dict[str, str]:
    return {PAGE: render_page(ctx)}
