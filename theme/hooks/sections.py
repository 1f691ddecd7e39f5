"""The section tab lit on every page of its section.

The navigation lists only each section's index (a province's thousands of record pages in it
would weigh on every page), so MkDocs marks no tab active on a record page: a reader of a
report or a unit could not see where they are. Each page is put under the section whose folder
holds it, for its own rendering only.
"""
from __future__ import annotations

_lit: list = []


def _folder(url: str) -> str:
    return url.split("/", 1)[0] + "/" if "/" in url else ""


def on_page_context(context, page, config, nav):
    # MkDocs marks the page being built active, and with it its place in the navigation if it
    # has one (a section's index): then the tab is lit already.
    if nav is None or any(item.active for item in nav.items):
        return context
    folder = _folder(page.url)
    for item in nav.items:
        if folder and getattr(item, "url", None) is not None and _folder(item.url) == folder:
            item.active = True
            _lit.append(item)
            break
    return context


def on_post_page(output, page, config):
    while _lit:
        _lit.pop().active = False
    return output
