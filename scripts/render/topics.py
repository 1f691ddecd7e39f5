"""Topic pages: the stories and visit reports of one topic."""
from __future__ import annotations

from urllib.parse import quote

from .. import model as m
from ..text import md_text, sort_key
from .common import (Ctx, fmt_date, front_matter, heading, link, locality_path, newest_first,
                     no_index, table, topic_path, unit_with_parent, visit_path)
from .search import KIND_TOPIC, record_block
from .stories import story_table

INDEX = "topics/index.md"
VISITS_SHOWN = 20


def render_topic(ctx: Ctx, topic: m.Topic) -> str:
    here = topic_path(topic)
    stories = ctx.by.stories_of_topic.get(topic.id, [])
    visits = ctx.by.visits_of_topic.get(topic.id, [])
    parts = [front_matter(topic.name, description=topic.description),
             link("Chủ đề", here, INDEX), "", heading(1, topic.name), "",
             record_block(ctx, KIND_TOPIC, topics=[topic.id]), ""]
    if topic.description:
        parts += [md_text(topic.description), ""]
    listing = [heading(2, f"Điển hình, cách làm hay ({len(stories)})"), "",
               story_table(ctx, stories, here) if stories else "Chưa có bài nào.", ""]
    if visits:
        # The newest reports only: a topic gathers thousands over a term. All of them are a
        # search away, filtered by this topic.
        newest = newest_first(visits)[:VISITS_SHOWN]
        every = f"search/index.md?chu_de={quote(topic.name)}"
        listing += [heading(2, f"Báo cáo theo dõi ({len(visits)})"), "", table(
            ["Ngày", "Địa bàn", "Tóm tắt"], [
                [link(fmt_date(v.date), here, visit_path(ctx, v)),
                 link(unit_with_parent(ctx, ctx.index.get("locality", v.locality)), here,
                      locality_path(ctx.index.get("locality", v.locality))),
                 md_text(v.summary)] for v in newest]), ""]
        if len(visits) > len(newest):
            listing += [f"{len(newest)} báo cáo mới nhất; {link('xem tất cả', here, every)}.",
                        ""]
    parts += no_index(listing)
    return "\n".join(parts).rstrip() + "\n"


def render_index(ctx: Ctx) -> str:
    parts = [front_matter("Chủ đề"), heading(1, "Chủ đề"), ""]
    rows = []
    for topic in sorted(ctx.content.topics, key=lambda t: sort_key(t.name)):
        stories = len(ctx.by.stories_of_topic.get(topic.id, []))
        visits = len(ctx.by.visits_of_topic.get(topic.id, []))
        rows.append([link(topic.name, INDEX, topic_path(topic)), str(stories), str(visits)])
    parts += no_index([table(["Chủ đề", "Bài", "Báo cáo"], rows) if rows else "Chưa có chủ đề."])
    return "\n".join(parts).rstrip() + "\n"


def render_all(ctx: Ctx) -> dict[str, str]:
    pages = {INDEX: render_index(ctx)}
    for topic in ctx.content.topics:
        pages[topic_path(topic)] = render_topic(ctx, topic)
    return pages
