"""Story pages (điển hình, cách làm hay) and their listing."""
from __future__ import annotations

import html

from .. import model as m
from ..text import md_text, sort_key
from .common import (Ctx, body_markdown, bullet_list, facts_list, no_index, restricted_note, fmt_date, fmt_number, front_matter, heading,
                     link, locality_path, md_url, media_link, newest_first, story_path,
                     table, topic_path, unit_trail, unit_with_parent, visit_path)
from .search import KIND_STORY, record_block

INDEX = "stories/index.md"
SEEN_LIMIT = 10


def story_facts(ctx: Ctx, story: m.Story, here: str) -> list[list[str]]:
    unit = ctx.index.get("locality", story.locality)
    trail = " › ".join(link(u.full_name, here, locality_path(u)) for u in unit_trail(ctx, unit))
    branch = story.branch or unit.party_org
    rows = [["Địa bàn", trail]]
    if branch:
        rows.append(["Chi bộ, đảng bộ", md_text(branch)])
    rows.append(["Loại", m.STORY_KIND.label(story.kind)])
    if story.stage:
        rows.append(["Giai đoạn", m.STORY_STAGE.label(story.stage)])
    if story.topics:
        rows.append(["Chủ đề", ", ".join(
            link(ctx.index.get("topic", t).name, here, topic_path(ctx.index.get("topic", t)))
            for t in story.topics)])
    rows.append(["Ngày", fmt_date(story.date)])
    if story.recognition:
        rows.append(["Khen thưởng", md_text(story.recognition)])
    return rows


def render_story(ctx: Ctx, story: m.Story) -> str:
    here = story_path(story)
    unit = ctx.index.get("locality", story.locality)
    parts = [front_matter(story.title, description=story.summary), heading(1, story.title), "",
             record_block(ctx, KIND_STORY, units=[unit], year=story.date.year,
                          topics=story.topics, place=unit_with_parent(ctx, unit),
                          when=fmt_date(story.date)), "",
             *restricted_note(story), f"**{md_text(story.summary)}**", "",
             facts_list(story_facts(ctx, story, here)), ""]
    if story.results:
        parts += [heading(2, "Kết quả"), "", table(["Chỉ tiêu", "Kết quả"], [
            [md_text(r.label), f"**{fmt_number(r.value)}** {md_text(r.unit)}"]
            for r in story.results]), ""]
    if story.practices:
        parts += [heading(2, "Cách làm"), "", bullet_list([md_text(p) for p in story.practices]), ""]
    if story.lessons:
        parts += [heading(2, "Bài học"), "", bullet_list([md_text(x) for x in story.lessons]), ""]
    if story.image:
        parts += [f"![{md_text(story.title)}]({media_link(story.image, here)})", ""]
    if story.body.strip():
        parts += [heading(2, "Câu chuyện"), "", body_markdown(_demote(story.body.strip()), here), ""]
    parts += _source(story)
    parts += _related(ctx, story, here)
    return "\n".join(parts).rstrip() + "\n"


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


def _source(story: m.Story) -> list[str]:
    if not story.source and not story.authors:
        return []
    lines = []
    if story.source:
        s = story.source
        title = f"[{md_text(s.title)}]({md_url(s.url)})" if s.url else f"«{md_text(s.title)}»"
        bits = [title] + [md_text(x) for x in (s.publisher,) if x] + \
            ([fmt_date(s.date)] if s.date else [])
        lines.append(f"Nguồn: {', '.join(bits)}.")
    if story.authors:
        lines.append(f"Người viết: {', '.join(md_text(a) for a in story.authors)}.")
    return ["---", "", "  \n".join(lines), ""]


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


def _related(ctx: Ctx, story: m.Story, here: str) -> list[str]:
    parts = []
    related = related_stories(ctx, story)
    if related:
        parts += [heading(2, "Bài liên quan"), "", bullet_list([
            f"{link(s.title, here, story_path(s))} ({fmt_date(s.date)})" for s in related]), ""]
    seen_in = newest_first(ctx.by.visits_of_story.get(story.id, []))
    if seen_in:
        # The newest few only: the page must not grow with the number of reports.
        shown = seen_in[:SEEN_LIMIT]
        parts += [heading(2, "Các lần theo dõi đã ghi nhận cách làm này"), "", bullet_list([
            link(f"{fmt_date(v.date)} – {ctx.index.get('cadre', v.cadre).name}", here,
                 visit_path(ctx, v)) for v in shown]), ""]
        if len(seen_in) > len(shown):
            parts += [f"và {len(seen_in) - len(shown)} lần khác trước đó.", ""]
    return no_index(parts) if parts else []


def story_row(ctx: Ctx, story: m.Story, here: str) -> list[str]:
    unit = ctx.index.get("locality", story.locality)
    return [fmt_date(story.date), link(story.title, here, story_path(story)),
            m.STORY_KIND.label(story.kind), link(unit.full_name, here, locality_path(unit))]


def story_table(ctx: Ctx, stories: list[m.Story], here: str) -> str:
    return table(["Ngày", "Bài", "Loại", "Địa bàn"],
                 [story_row(ctx, s, here) for s in newest_first(stories)])


def _options(values: list[tuple[str, str]]) -> str:
    return "".join(f'<option value="{html.escape(v)}">{html.escape(label)}</option>'
                   for v, label in values)


def _filter_form(ctx: Ctx, stories: list[m.Story]) -> str:
    """Select boxes that the site's filter script reveals; without script, all stories show."""
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
    fields = [
        ("topic", "Chủ đề", [(t, ctx.index.get("topic", t).name) for t in topics]),
        ("kind", "Loại", [(k, label) for k, label in m.STORY_KIND.choices
                          if any(s.kind == k for s in stories)]),
        ("unit", "Địa bàn", [(u.id, ("— " if u.parent else "") + u.full_name)
                             for u in unit_options]),
        ("year", "Năm", [(str(y), str(y)) for y in years]),
    ]
    selects = "".join(
        f'<label>{label} <select name="{name}"><option value="">Tất cả</option>'
        f"{_options(values)}</select></label>" for name, label, values in fields)
    return (f'<form class="record-filter" data-list="story-list" hidden>{selects}'
            f'<output aria-live="polite"></output></form>')


def _story_item(ctx: Ctx, story: m.Story, here: str) -> list[str]:
    unit = ctx.index.get("locality", story.locality)
    trail = " ".join(u.id for u in unit_trail(ctx, unit))
    attrs = (f'class="record" data-kind="{story.kind}" data-year="{story.date.year}" '
             f'data-topic="{" ".join(story.topics)}" data-unit="{trail}"')
    return [f"<div {attrs} markdown>", "",
            f"**{link(story.title, here, story_path(story))}**  ",
            f"{fmt_date(story.date)} · {m.STORY_KIND.label(story.kind)} · "
            f"{link(unit_with_parent(ctx, unit), here, locality_path(unit))}  ",
            md_text(story.summary), "", "</div>", ""]


def render_index(ctx: Ctx) -> str:
    stories = newest_first(ctx.content.stories)
    parts = [front_matter("Điển hình, cách làm hay"), heading(1, "Điển hình, cách làm hay"), "",
             f"{len(stories)} bài, mới nhất trước. Xem theo "
             f"{link('chủ đề', INDEX, 'topics/index.md')} hoặc theo "
             f"{link('địa bàn', INDEX, 'localities/index.md')}.", ""]
    if stories:
        parts += [_filter_form(ctx, stories), "",
                  '<div id="story-list" data-pagefind-ignore markdown>', ""]
        for story in stories:
            parts += _story_item(ctx, story, INDEX)
        parts += ["</div>", ""]
    return "\n".join(parts).rstrip() + "\n"


def render_all(ctx: Ctx) -> dict[str, str]:
    pages = {INDEX: render_index(ctx)}
    for story in ctx.content.stories:
        pages[story_path(story)] = render_story(ctx, story)
    return pages
