"""Topic pages: the stories and visit reports of one topic."""
from __future__ import annotations

from .. import model as m
from ..text import sort_key
from .bodies import HeadingIds
from .common import (Ctx, locality_path, newest_first, topic_path, unit_with_parent,
                     visit_path)
from .html import html_page, render
from .search import KIND_TOPIC, record_block
from .stories import story_table

INDEX = "topics/index.md"
VISITS_SHOWN = 20


def render_topic(ctx: Ctx, topic: m.Topic) -> str:
    here = topic_path(topic)
    stories = ctx.by.stories_of_topic.get(topic.id, [])
    visits = ctx.by.visits_of_topic.get(topic.id, [])
    # The newest reports only: a topic gathers thousands over a term.
    newest = []
    for v in newest_first(visits)[:VISITS_SHOWN]:
        unit = ctx.index.get("locality", v.locality)
        newest.append((v, visit_path(ctx, v), unit_with_parent(ctx, unit), locality_path(unit)))
    return html_page(topic.name, render(
        "topic.html", here, t=topic, index=INDEX, ids=HeadingIds(),
        record=record_block(ctx, KIND_TOPIC, topics=[topic.id]),
        stories=story_table(ctx, stories, here) if stories else None,
        stories_count=len(stories), visits=newest, visits_count=len(visits),
        partial=ctx.partial),
        description=topic.description)


def render_index(ctx: Ctx) -> str:
    rows = []
    for topic in sorted(ctx.content.topics, key=lambda t: sort_key(t.name)):
        rows.append((topic, topic_path(topic), len(ctx.by.stories_of_topic.get(topic.id, [])),
                     len(ctx.by.visits_of_topic.get(topic.id, []))))
    return html_page("Chủ đề", render("topics_index.html", INDEX, title="Chủ đề",
                                      ids=HeadingIds(), rows=rows))


def render_all(ctx: Ctx) -> dict[str, str]:
    pages = {INDEX: render_index(ctx)}
    for topic in ctx.content.topics:
        pages[topic_path(topic)] = render_topic(ctx, topic)
    return pages
