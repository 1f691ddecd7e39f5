"""Generated pages as HTML, from Jinja2 templates with autoescaping.

Records (reports, units, cadres, proposals…) are structured data: writing them as Markdown only
for Python-Markdown to turn them back into HTML cost minutes at a province's size. They are
written as HTML from the templates in `templates/`, where every value is escaped for the place
it lands in unless a template marks it as markup (`|safe`, only for HTML this package built:
sanitised bodies, links, nested templates).

A page is Markdown holding one raw HTML block, marked `generated: html` in its front matter:
any Markdown builder passes it through; MkDocs with theme/hooks/html_pages.py does not even
parse it. The block holds no blank line, so that CommonMark builders (which end an HTML block
at a blank line) keep it whole too.
"""
from __future__ import annotations

import re
from functools import partial
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from .common import fmt_date, fmt_month, fmt_number, front_matter, served_link

TEMPLATES = Path(__file__).resolve().parent / "templates"

ENV = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, trim_blocks=True,
                  lstrip_blocks=True, undefined=StrictUndefined, auto_reload=False)
ENV.filters.update(date=fmt_date, month=fmt_month, number=fmt_number)

_BLANK_LINES = re.compile(r"\n[ \t]*(?=\n)")


def page_link(here: str, target: str) -> str:
    """The relative address of docs path `target` (an anchor allowed) from the page `here`, as
    the browser resolves it: MkDocs rewrites links in Markdown, never in raw HTML."""
    path, _, anchor = target.partition("#")
    return (served_link(here, path) if path else "") + (f"#{anchor}" if anchor else "")


def render(template: str, here: str, **values) -> Markup:
    """A template rendered for the page `here`; `url(target)` in it gives the relative address
    of a docs path (`stories/x.md`, `visits/2023-05/x.md#id`)."""
    values.setdefault("partial", False)  # Ctx.partial: this build leaves reports out
    return Markup(ENV.get_template(template).render(here=here, url=partial(page_link, here),
                                                    **values))


def html_page(title: str | None, body: str, searchable: bool = True, **meta) -> str:
    """A generated page: front matter, then the HTML as one block with no blank line (a blank
    line inside <pre> is kept as a character reference, which renders the same). A page that
    is not `searchable` (a month of a district with no report: one per district and month)
    gives search no word, so that it never crowds out the pages people look for."""
    body = _BLANK_LINES.sub("\n&#10;", body.strip())
    return (front_matter(title, generated="html", **meta)
            + (OPENING if searchable else UNSEARCHABLE) + f"\n{body}\n</div>\n")


OPENING = '<div class="generated" markdown="0">'
# How the writer (scripts/generate.py) knows a page that Pagefind will leave out, so that the
# search index's page count (scripts/searchindex.py) expects it to.
UNSEARCHABLE = '<div class="generated" markdown="0" data-pagefind-ignore="all">'
