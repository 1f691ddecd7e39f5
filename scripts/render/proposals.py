"""Proposals (kiến nghị): open ones oldest first with their age; closed ones with time taken."""
from __future__ import annotations

from .. import model as m
from ..text import md_text, sort_key
from .common import (Ctx, fmt_date, no_index, front_matter, heading, link, locality_path, table,
                     unit_with_parent, visit_path)

INDEX = "proposals/index.md"


def _items(visits: list[m.Visit]) -> list[tuple[m.Visit, m.Proposal]]:
    return [(v, p) for v in visits for p in v.proposals]


def proposal_tables(ctx: Ctx, visits: list[m.Visit], here: str, *, level: int,
                    show_unit: bool) -> list[str]:
    items = _items(visits)
    if not items:
        return []
    open_items = sorted([(v, p) for v, p in items if p.status not in m.CLOSED_PROPOSAL],
                        key=lambda vp: (vp[0].date, vp[0].id, vp[1].id))
    closed = sorted([(v, p) for v, p in items if p.status in m.CLOSED_PROPOSAL],
                    key=lambda vp: (vp[1].resolved_on, vp[0].id), reverse=True)

    def unit_cell(v: m.Visit) -> list[str]:
        unit = ctx.index.get("locality", v.locality)
        return [link(unit_with_parent(ctx, unit), here, locality_path(unit))] if show_unit else []

    unit_header = ["Địa bàn"] if show_unit else []
    parts = [heading(level, "Kiến nghị"), ""]
    parts += [heading(level + 1, f"Chưa giải quyết xong ({len(open_items)})"), ""]
    if open_items:
        parts += [table(["Ngày nêu", "Số ngày", "Nội dung", "Nơi nhận", "Tình trạng", "Hạn"]
                        + unit_header, [
            [link(fmt_date(v.date), here, visit_path(ctx, v)), str((ctx.today - v.date).days),
             md_text(p.text), md_text(p.to or ""), m.PROPOSAL_STATUS.label(p.status),
             fmt_date(p.due) + (" (quá hạn)" if p.due and p.due < ctx.today else "")]
            + unit_cell(v) for v, p in open_items]), ""]
    else:
        parts += ["Không còn kiến nghị tồn đọng.", ""]
    if closed:
        parts += [heading(level + 1, f"Đã trả lời ({len(closed)})"), "", table(
            ["Ngày nêu", "Nội dung", "Kết quả", "Ngày trả lời", "Số ngày", "Trả lời"]
            + unit_header, [
                [link(fmt_date(v.date), here, visit_path(ctx, v)), md_text(p.text),
                 m.PROPOSAL_STATUS.label(p.status), fmt_date(p.resolved_on),
                 str((p.resolved_on - v.date).days), md_text(p.response or "")]
                + unit_cell(v) for v, p in closed]), ""]
    return parts


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


def render_group(ctx: Ctx, group: m.Locality, visits: list[m.Visit]) -> str:
    here = group_path(group)
    title = f"Kiến nghị · {group.full_name}"
    parts = [front_matter(title), link("Kiến nghị, đề xuất", here, INDEX), "",
             heading(1, title), "", INTRO, ""]
    parts += no_index(proposal_tables(ctx, visits, here, level=2, show_unit=True)[2:])
    return "\n".join(parts).rstrip() + "\n"


def render_index(ctx: Ctx, groups: dict[str | None, list[m.Visit]]) -> str:
    parts = [front_matter("Kiến nghị, đề xuất"), heading(1, "Kiến nghị, đề xuất"), "", INTRO, ""]
    if not groups:
        return "\n".join(parts + ["Chưa có kiến nghị nào."]) + "\n"
    if None in groups:  # a site without districts: one page holds them all
        parts += no_index(proposal_tables(ctx, groups[None], INDEX, level=2, show_unit=True)[2:])
        return "\n".join(parts).rstrip() + "\n"
    rows = []
    for group_id, visits in groups.items():
        group = ctx.index.get("locality", group_id)
        items = [(v, p) for v in visits for p in v.proposals]
        still = [v.date for v, p in items if p.status not in m.CLOSED_PROPOSAL]
        rows.append((group, len(still), (ctx.today - min(still)).days if still else None,
                     len(items) - len(still)))
    rows.sort(key=lambda r: (-r[1], sort_key(r[0].name)))
    parts += no_index([table(["Địa bàn", "Chưa giải quyết xong", "Lâu nhất (ngày)", "Đã trả lời"], [
        [link(g.full_name, INDEX, group_path(g)), str(n), str(age) if age is not None else "",
         str(done)] for g, n, age, done in rows])])
    return "\n".join(parts).rstrip() + "\n"


def render_all(ctx: Ctx) -> dict[str, str]:
    groups = _groups(ctx)
    out = {INDEX: render_index(ctx, groups)}
    for group_id, visits in groups.items():
        if group_id is not None:
            group = ctx.index.get("locality", group_id)
            out[group_path(group)] = render_group(ctx, group, visits)
    return out
