"""`digest`: draft a month's bulletin from the content, for an editor to finish.

The draft carries `draft: true` (never published until the editor removes it) and
`visibility: restricted`, because it summarises visit reports, which are restricted by default:
the editor decides what of it may go to everyone.
"""
from __future__ import annotations

import calendar
from collections import Counter
from datetime import date

from . import messages as msg
from . import model as m
from .render.common import Ctx, unit_with_parent
from .scaffold import yaml_scalar
from .stats import Period, month_checks
from .text import md_text, sort_key


def draft(content: m.Content, index, year: int, month: int, today: date) -> tuple[str, str]:
    """(path relative to content/, text) of the draft bulletin for that month."""
    first = date(year, month, 1)
    last = date(year, month, calendar.monthrange(year, month)[1])
    within = Period("thang", "", first, last)

    ctx = Ctx(content, index, "restricted", today)

    def where(unit_id: str) -> str:
        """The unit's name as Markdown text; a unit missing from the content (the editor has yet
        to fix the report) is named with what to do rather than stopping the draft."""
        unit = index.get("locality", unit_id)
        return md_text(unit_with_parent(ctx, unit) if unit else msg.digest_unknown_unit(unit_id))

    stories = sorted((s for s in content.stories if within.contains(s.date)), key=lambda s: s.date)
    visits = [v for v in content.visits if within.contains(v.date)]
    raised = [(v, p) for v in visits for p in v.proposals]
    answered = [(v, p) for v in content.visits for p in v.proposals
                if p.resolved_on and within.contains(p.resolved_on)]
    missed = sorted({c.assignment.locality for c in month_checks(content, within, today)
                     if c.visits == 0}, key=lambda u: sort_key(where(u)))
    numbers = [b.number for b in content.bulletins if b.number is not None]
    front = {"title": f"Bản tin tháng {month}/{year}", "number": max(numbers, default=0) + 1,
             "date": min(last, today), "featured": [s.id for s in stories],
             "visibility": "restricted", "draft": True}
    lines = ["---"] + [f"{key}: {yaml_scalar(value)}" for key, value in front.items()
                       if value != []]
    lines += ["---", "", "## Lời ban biên tập", "", "(Viết vài dòng mở đầu cho số này.)", ""]
    lines += ["## Điển hình, cách làm hay mới", ""]
    # Every value copied from the content is Markdown-escaped: the draft is an editor's body,
    # published as Markdown once the editor removes `draft: true`.
    lines += [f"- {md_text(s.title)} ({where(s.locality)})" for s in stories] or [
        "- Chưa có bài mới."]
    per_unit = Counter(v.locality for v in visits)
    lines += ["", "## Tình hình theo dõi, hỗ trợ", "",
              f"Trong tháng có {len(visits)} lượt cán bộ xuống {len(per_unit)} địa bàn.", ""]
    lines += ["## Kiến nghị", "", f"Nêu mới: {len(raised)}; được trả lời trong tháng: "
              f"{len(answered)}.", ""]
    lines += [f"- Nêu mới: {md_text(p.text)} ({where(v.locality)}; gửi "
              f"{md_text(p.to) if p.to else 'chưa ghi nơi nhận'})" for v, p in raised]
    lines += [f"- Đã trả lời: {md_text(p.text)} ({where(v.locality)}; "
              f"{m.PROPOSAL_STATUS.label(p.status)})" for v, p in answered]
    lines += ["", "## Địa bàn chưa có cán bộ xuống trong tháng", ""]
    lines += [f"- {where(u)}" for u in missed] or ["- Không có."]
    return f"bulletins/{year}/ban-tin-{year}-{month:02d}.md", "\n".join(lines) + "\n"
