"""Proposals (kiến nghị): open ones oldest first with their age; closed ones with time taken."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from types import SimpleNamespace

from .. import model as m
from . import paging
from ..text import sort_key
from .bodies import HeadingIds
from .common import Ctx, locality_path, unit_with_parent, visit_path
from .html import html_page, render

INDEX = "proposals/index.md"


def _items(visits: list[m.Visit]) -> list[tuple[m.Visit, m.Proposal]]:
    return [(v, p) for v in visits for p in v.proposals]


def proposal_rows(ctx: Ctx, visits: list[m.Visit], *, show_unit: bool) -> SimpleNamespace | None:
    """The proposals of these reports for templates/_proposals.html: open ones oldest first,
    with their age in days; answered ones newest first, with the days they took."""
    items = _items(visits)
    if not items:
        return None

    def row(v: m.Visit, p: m.Proposal, days: int) -> SimpleNamespace:
        unit = ctx.index.get("locality", v.locality)
        return SimpleNamespace(visit=v, proposal=p, path=visit_path(ctx, v), days=days,
                               status=m.PROPOSAL_STATUS.label(p.status),
                               overdue=bool(p.due and p.due < ctx.today),
                               unit_name=unit_with_parent(ctx, unit),
                               unit_path=locality_path(unit))

    open_items = sorted([(v, p) for v, p in items if p.status not in m.CLOSED_PROPOSAL],
                        key=lambda vp: (vp[0].date, vp[0].id, vp[1].id))
    closed = sorted([(v, p) for v, p in items if p.status in m.CLOSED_PROPOSAL],
                    key=lambda vp: (vp[1].resolved_on, vp[0].id), reverse=True)
    return SimpleNamespace(
        show_unit=show_unit,
        open=[row(v, p, (ctx.today - v.date).days) for v, p in open_items],
        closed=[row(v, p, (p.resolved_on - v.date).days) for v, p in closed])


INTRO = ("Kiến nghị do cán bộ theo dõi nêu trong báo cáo, được theo dõi đến khi có trả lời. "
         "Số ngày: đến ngày của số liệu với kiến nghị còn mở, đến ngày trả lời với kiến nghị "
         "đã xong.")


def group_path(group: m.Locality) -> str:
    return f"proposals/{group.id}.md"


def _groups(ctx: Ctx) -> dict[str | None, list[m.Visit]]:
    """Reports with proposals, by district (the second level) as for visit pages."""
    out: dict[str | None, list[m.Visit]] = {}
    for visit in ctx.content.visits:
        if visit.proposals:
            out.setdefault(ctx.visit_group(visit), []).append(visit)
    return out


def _page(here: str, title: str, today: date, **values) -> str:
    values = {"rows": None, "groups": None, "listing": None, **values}
    return html_page(title, render("proposals_page.html", here, title=title, intro=INTRO,
                                   today=today, ids=HeadingIds(), **values))


def answered_path(base: str) -> str:
    return f"{base.removesuffix('.md')}/da-tra-loi.md"


RECENT_DAYS = 90  # how far back a long list of answered proposals goes; units keep them all


def _list_pages(base: str, title: str, trail: list[tuple[str, str]],
                rows: SimpleNamespace | None, today: date, partial: bool) -> dict[str, str]:
    """One page with both tables while they are short. Else the open ones in parts from `base`,
    and those answered in the last RECENT_DAYS in parts from `answered_path(base)`: every
    answer stays on its unit's page, and a district's years of answers would weigh megabytes."""
    if rows is None or len(rows.open) + len(rows.closed) <= paging.ROWS:
        return {base: _page(base, title, today, trail=trail, rows=rows, partial=partial)}
    since = today - timedelta(days=RECENT_DAYS)
    recent = [r for r in rows.closed if r.proposal.resolved_on >= since]
    out = {}
    lists = (("open", base, rows.open, answered_path(base), len(recent)),
             ("closed", answered_path(base), recent, base, len(rows.open)))
    for kind, start, items, other, other_count in lists:
        heading = (f"Đã trả lời trong {RECENT_DAYS} ngày qua" if kind == "closed"
                   else "Chưa giải quyết xong")
        for part in paging.split(start, items, paging.ROWS):
            page_title = (f"{title} · đã trả lời" if kind == "closed" else title) \
                + part.pager.suffix
            listing = SimpleNamespace(kind=kind, heading=f"{heading} ({len(items)})",
                                      items=part.items, pager=part.pager,
                                      show_unit=rows.show_unit,
                                      other=other, other_count=other_count,
                                      older=len(rows.closed) - len(recent), days=RECENT_DAYS)
            back = trail if part.path == base else trail + [(title, base)]
            out[part.path] = _page(part.path, page_title, today, trail=back, listing=listing,
                                   partial=partial)
    return out


def render_group(ctx: Ctx, group: m.Locality, visits: list[m.Visit]) -> dict[str, str]:
    return _list_pages(group_path(group), f"Kiến nghị · {group.full_name}",
                       [("Kiến nghị, đề xuất", INDEX)], proposal_rows(ctx, visits, show_unit=True),
                       ctx.today, ctx.partial)


def render_index(ctx: Ctx, groups: dict[str | None, list[m.Visit]]) -> dict[str, str]:
    title = "Kiến nghị, đề xuất"
    if None in groups:  # a site without districts: one list holds them all
        return _list_pages(INDEX, title, [], proposal_rows(ctx, groups[None], show_unit=True),
                           ctx.today, ctx.partial)
    rows = []
    for group_id, visits in groups.items():
        group = ctx.index.get("locality", group_id)
        items = [(v, p) for v in visits for p in v.proposals]
        still = [v.date for v, p in items if p.status not in m.CLOSED_PROPOSAL]
        rows.append((group, group_path(group), len(still),
                     (ctx.today - min(still)).days if still else None, len(items) - len(still)))
    rows.sort(key=lambda r: (-r[2], sort_key(r[0].name)))
    return {INDEX: _page(INDEX, title, ctx.today, trail=[], groups=rows, partial=ctx.partial)}


def render_all(ctx: Ctx) -> Iterator[tuple[str, str]]:
    groups = _groups(ctx)
    yield from render_index(ctx, groups).items()
    for group_id, visits in groups.items():
        if group_id is not None:
            group = ctx.index.get("locality", group_id)
            yield from render_group(ctx, group, visits).items()
