"""Story pages (điển hình, cách làm hay) and their listing."""
from __future__ import annotations

from .. import model as m
from ..text import md_text
from .common import (Ctx, bullet_list, facts_list, media_link, rebase_media, fmt_date, fmt_number, front_matter, heading, link,
                     locality_path, newest_first, story_path, table, topic_path, unit_trail,
                     visit_path)

INDEX = "stories/index.md"


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
    parts = [front_matter(story.title, description=story.summary), heading(1, story.title), "",
             f"**{md_text(story.summary)}**", "",
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
        parts += [heading(2, "Câu chuyện"), "", rebase_media(_demote(story.body.strip()), here), ""]
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
        title = f"[{md_text(s.title)}]({s.url})" if s.url else f"«{md_text(s.title)}»"
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
    others = [s for s in ctx.content.stories if s.id != story.id and (
        s.locality == story.locality or set(s.topics) & set(story.topics))]
    return sorted(others, key=score, reverse=True)[:limit]


def _related(ctx: Ctx, story: m.Story, here: str) -> list[str]:
    parts = []
    related = related_stories(ctx, story)
    if related:
        parts += [heading(2, "Bài liên quan"), "", bullet_list([
            f"{link(s.title, here, story_path(s))} ({fmt_date(s.date)})" for s in related]), ""]
    seen_in = [v for v in ctx.content.visits if story.id in v.practices]
    if seen_in:
        parts += [heading(2, "Các lần theo dõi đã ghi nhận cách làm này"), "", bullet_list([
            link(f"{fmt_date(v.date)} – {ctx.index.get('cadre', v.cadre).name}", here,
                 visit_path(v)) for v in newest_first(seen_in)]), ""]
    return parts


def story_row(ctx: Ctx, story: m.Story, here: str) -> list[str]:
    unit = ctx.index.get("locality", story.locality)
    return [fmt_date(story.date), link(story.title, here, story_path(story)),
            m.STORY_KIND.label(story.kind), link(unit.full_name, here, locality_path(unit))]


def story_table(ctx: Ctx, stories: list[m.Story], here: str) -> str:
    return table(["Ngày", "Bài", "Loại", "Địa bàn"],
                 [story_row(ctx, s, here) for s in newest_first(stories)])


def render_index(ctx: Ctx) -> str:
    stories = ctx.content.stories
    parts = [front_matter("Điển hình, cách làm hay"), heading(1, "Điển hình, cách làm hay"), "",
             f"{len(stories)} bài, mới nhất trước.", ""]
    if stories:
        parts += [story_table(ctx, stories, INDEX), ""]
    return "\n".join(parts)


def render_all(ctx: Ctx) -> dict[str, str]:
    pages = {INDEX: render_index(ctx)}
    for story in ctx.content.stories:
        pages[story_path(story)] = render_story(ctx, story)
    return pages
