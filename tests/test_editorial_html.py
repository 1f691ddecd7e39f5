"""Story, bulletin, topic, proposal, home, search and hand-written pages as HTML from templates:
the heading ids MkDocs' toc gave the same pages in Markdown, and values shown as text."""
from __future__ import annotations

import re

import markdown

from scripts.pipeline import for_audience, load_and_validate
from scripts.render.common import Ctx
from scripts.render.stories import render_story
from scripts.validate import Index

from .conftest import FIXTURES, TODAY


def _ctx():
    loaded = load_and_validate(FIXTURES / "four-levels" / "content", today=TODAY)
    content = for_audience(loaded.content, "restricted")
    return Ctx(content=content, index=Index(content), audience="restricted", today=TODAY)


def _story(ctx, **fields):
    story = next(s for s in ctx.content.stories if s.id == "an-dinh-tieu-bieu")
    for name, value in fields.items():
        setattr(story, name, value)
    return story


def test_heading_ids_are_those_of_the_markdown_toc():
    # The story has results, practices and lessons; its body repeats a section's title and
    # takes the id of another for its own heading.
    ctx = _ctx()
    page = render_story(ctx, _story(ctx, title="T", body="# Kết quả\n\n## Riêng {#bai-hoc}\n"))
    ids = re.findall(r'<h[1-6] id="([^"]+)"', page)
    same_in_markdown = markdown.Markdown(extensions=["toc", "attr_list"]).convert(
        "# T\n\n## Kết quả\n\n## Cách làm\n\n## Bài học\n\n## Câu chuyện\n\n## Kết quả\n\n"
        "### Riêng {#bai-hoc}\n")
    # the page then goes on with its related stories and the reports that saw the practice
    assert ids[:7] == re.findall(r'id="([^"]+)"', same_in_markdown)
    assert ids[:7] == ["t", "ket-qua", "cach-lam", "bai-hoc_1", "cau-chuyen", "ket-qua_1",
                       "bai-hoc"]


def test_story_fields_are_text_and_the_source_link_stays_one_link():
    ctx = _ctx()
    story = _story(ctx, summary='<b>x</b> "y" & *z*')
    story.source.url = 'https://example.vn/a" onmouseover="alert(1)'
    page = render_story(ctx, story)
    assert "<p><strong>&lt;b&gt;x&lt;/b&gt; &#34;y&#34; &amp; *z*</strong></p>" in page
    assert 'href="https://example.vn/a%22%20onmouseover=%22alert%281%29"' in page
