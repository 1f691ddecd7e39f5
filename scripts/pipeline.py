"""The steps every command shares: load, validate, and pick what an audience may see."""
from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from . import model as m
from .load import load_content
from .problems import ContentError, Problems
from .validate import Index, validate


@dataclass
class Loaded:
    content: m.Content
    index: Index
    problems: Problems


def load_and_validate(root: Path, *, today: date, strict: bool = False,
                      cache=None, jobs: int = 1) -> Loaded:
    """Load and validate everything; raise ContentError (with every problem) on any error.

    `cache`: the preview's dict, or a `scripts.cache.Store` (`Store.open(folder, root)`, then
    `store.save()` after the run); `jobs`: processes parsing what the cache did not have."""
    problems = Problems()
    content = load_content(root, problems, cache, jobs=jobs)
    if content is None:
        raise ContentError(problems)
    index = validate(content, problems, today=today, strict=strict)
    if strict:
        problems.harden()
    if problems.errors:
        raise ContentError(problems)
    return Loaded(content, index, problems)


def for_audience(content: m.Content, audience: str) -> m.Content:
    """The content a given audience may see.

    A public build drops every restricted record and every restricted field, and every
    reference to a dropped record, so that links disappear instead of breaking.
    """
    drafts = [b for b in content.bulletins if b.draft]
    if drafts:  # a draft is published to nobody until the editor removes its mark
        content = copy.copy(content)
        content.bulletins = [b for b in content.bulletins if not b.draft]
    if audience == "restricted":
        return content
    visible = copy.copy(content)
    visible.visits = [v for v in content.visits if v.visibility == "public"]
    if len(visible.visits) < len(content.visits):
        visible.withheld = {"visits"}
    visible.stories = [s for s in content.stories if s.visibility == "public"]
    visible.bulletins = [b for b in content.bulletins if b.visibility == "public"]
    # Hand-written pages too: the pages/ listing is rendered from what is left.
    visible.pages = [p for p in content.pages if p.visibility != "restricted"]
    story_ids = {s.id for s in visible.stories}
    visit_ids = {v.id for v in visible.visits}
    visible.visits = [_replace(v, practices=[p for p in v.practices if p in story_ids],
                               follow_up_of=v.follow_up_of if v.follow_up_of in visit_ids
                               else None) for v in visible.visits]
    visible.bulletins = [_replace(b, featured=[s for s in b.featured if s in story_ids])
                         for b in visible.bulletins]
    if content.site.visibility.contacts != "public":
        visible.cadres = [_replace(c, phone=None, email=None) for c in content.cadres]
    visible.media = referenced_media(visible)
    return visible


def referenced_media(content: m.Content) -> list[str]:
    """Media that the given content shows: a public build copies only these, so that an image
    of a restricted record never reaches the public site."""
    from .load.markdown import media_refs
    used = {c.photo for c in content.cadres if c.photo}
    used |= {s.image for s in content.stories if s.image}
    for record in (*content.stories, *content.bulletins, *content.pages):
        used |= {path for _, path in media_refs(record.body, 1)}
    return sorted(used & set(content.media))


def _replace(record, **changes):
    clone = copy.copy(record)
    for name, value in changes.items():
        setattr(clone, name, value)
    return clone
