"""Proposals (kiến nghị): open ones oldest first with their age; closed ones with time taken."""
from __future__ import annotations

from types import SimpleNamespace

from .. import model as m
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
         "Số ngày tính đến hôm nay với kiến nghị còn mở, và đến ngày trả lời với kiến nghị "
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


def _page(here: str, title: str, **values) -> str:
    return html_page(title, render("proposals_page.html", here, title=title, intro=INTRO,
                                   ids=HeadingIds(), **values))


def render_group(ctx: Ctx, group: m.Locality, visits: list[m.Visit]) -> str:
    return _page(group_path(group), f"Kiến nghị · {group.full_name}", crumbs_to=INDEX,
                 rows=proposal_rows(ctx, visits, show_unit=True), groups=None)


def render_index(ctx: Ctx, groups: dict[str | None, list[m.Visit]]) -> str:
    title = "Kiến nghị, đề xuất"
    if None in groups:  # a site without districts: one page holds them all
        return _page(INDEX, title, crumbs_to=None, groups=None,
                     rows=proposal_rows(ctx, groups[None], show_unit=True))
    rows = []
    for group_id, visits in groups.items():
        group = ctx.index.get("locality", group_id)
        items = [(v, p) for v in visits for p in v.proposals]
        still = [v.date for v, p in items if p.status not in m.CLOSED_PROPOSAL]
        rows.append((group, group_path(group), len(still),
                     (ctx.today - min(still)).days if still else None, len(items) - len(still)))
    rows.sort(key=lambda r: (-r[2], sort_key(r[0].name)))
    return _page(INDEX, title, crumbs_to=None, rows=None, groups=rows)


def render_all(ctx: Ctx) -> dict[str, str]:
    groups = _groups(ctx)
    out = {INDEX: render_index(ctx, groups)}
    for group_id, visits in groups.items():
        if group_id is not None:
            group = ctx.index.get("locality", group_id)
            out[group_path(group)] = render_group(ctx, group, visits)
    return out
