"""What every renderer shares: the render context and records grouped once per build, the
docs paths of pages and the addresses between them, front matter, and Vietnamese formats.

The pages themselves are HTML from the templates in `templates/` (see `html.py`).
"""
from __future__ import annotations

import json
import posixpath
from urllib.parse import quote
from dataclasses import dataclass
from functools import cached_property, lru_cache
from datetime import date

from .. import model as m
from ..text import format_date, month_label, person_sort_key, sort_key
from ..validate import Index


@dataclass
class Ctx:
    """What every renderer needs to know besides the record it renders."""

    content: m.Content
    index: Index
    audience: str
    today: date

    @property
    def restricted(self) -> bool:
        return self.audience == "restricted"

    @property
    def partial(self) -> bool:
        """This build shows only some of the reports (the public one, when reports are
        restricted): its counts and "none left" must say so (templates `public_part`)."""
        return "visits" in self.content.withheld

    @cached_property
    def by(self) -> "Groups":
        return Groups(self.content)

    @cached_property
    def visits_by_month(self) -> dict[tuple[int, int], list[m.Visit]]:
        out: dict[tuple[int, int], list[m.Visit]] = {}
        for visit in self.content.visits:
            out.setdefault((visit.date.year, visit.date.month), []).append(visit)
        return out

    @cached_property
    def report_months(self) -> list[date]:
        """The months that have a page, in order: every month from the first report to the
        date of the data, so that a month nobody reported in still has its page and
        previous/next never skip one, and any month with a report. (Not from the first
        assignment: a site whose reports begin in 2023 would show years of empty months.)"""
        months = {date(y, mo, 1) for y, mo in self.visits_by_month}
        past = [d for d in months if d <= self.today]
        if past:
            day = min(past)
            while day <= self.today:
                months.add(day)
                day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
        return sorted(months)

    @cached_property
    def stat_years(self) -> set[str]:
        """The years that have a statistics page (render/stats.py)."""
        from ..stats import periods
        return {p.id for p in periods(self.content, self.today)}

    @cached_property
    def _month_units(self) -> dict:
        return {}

    def month_units(self, day: date) -> dict[str | None, list]:
        """A month's followed units (scripts/watch.py `followed`) by district (None on a site
        without districts): (unit, its cadres in the month, the unit's reports of the month
        by date). Worked out once per month however many pages show it."""
        if day not in self._month_units:
            from ..stats import month_end
            from ..watch import followed
            last = min(month_end(day.year, day.month), self.today)
            reports: dict[str, list[m.Visit]] = {}
            for visit in sorted(self.visits_by_month.get((day.year, day.month), []),
                                key=lambda v: (v.date, v.id)):
                if visit.date <= last:
                    reports.setdefault(visit.locality, []).append(visit)
            out: dict[str | None, list] = {}
            for unit_id, assigned in followed(self.content, day, last).items():
                unit = self.index.get("locality", unit_id)
                cadres = sort_people([self.index.get("cadre", c)
                                      for c in {a.cadre for a in assigned}])
                out.setdefault(self.visit_group_of(unit_id, day), []).append(
                    (unit, cadres, reports.get(unit_id, [])))
            for rows in out.values():
                rows.sort(key=lambda row: [sort_key(u.name) for u in unit_trail(self, row[0])])
            self._month_units[day] = out
        return self._month_units[day]

    @cached_property
    def visit_lists(self) -> dict[str, list]:
        """Docs path of each list of reports -> its parts (render/paging.py), by date."""
        from .paging import REPORTS, split
        lists: dict[str, list[m.Visit]] = {}
        for visit in self.content.visits:
            lists.setdefault(visit_list(self, visit), []).append(visit)
        return {base: split(base, sorted(vs, key=lambda v: (v.date, v.id)), REPORTS)
                for base, vs in lists.items()}

    @cached_property
    def visit_pages(self) -> dict[str, str]:
        """Report id -> the page that holds it."""
        return {v.id: part.path for parts in self.visit_lists.values() for part in parts
                for v in part.items}

    @cached_property
    def _groups(self) -> dict[str, str | None]:
        """Unit id -> id of its ancestor at the second level (itself if it is there), for a
        site whose levels never change."""
        if len(self.content.site.levels) < 3:
            return {}
        second = self.content.site.levels[1].id
        out = {}
        for unit in self.content.localities:
            trail = unit_trail(self, unit)
            out[unit.id] = next((u.id for u in trail if u.level == second), None)
        return out

    @cached_property
    def predecessors(self) -> dict[str, list[m.Locality]]:
        """Unit id -> the units that went into it."""
        from ..unit_life import predecessors
        return predecessors(self.content)

    @cached_property
    def levels_change(self) -> bool:
        """Does a level start or end (the districts on 30/6/2025)? Then groups follow the day."""
        return any(level.start or level.end for level in self.content.site.levels)

    def group_level(self, day: date | None) -> m.Level | None:
        """The level reports are listed by on `day`: the highest below the top that exists
        then (the district until 30/6/2025, the commune after), if the site has three levels or
        more that day."""
        levels = self.content.site.levels
        if day is not None:
            levels = [lv for lv in levels if lv.exists_on(day)]
        return levels[1] if len(levels) >= 3 else None

    def visit_group(self, visit: m.Visit) -> str | None:
        return self.visit_group_of(visit.locality, visit.date)

    def visit_group_of(self, unit_id: str, day: date | None = None) -> str | None:
        """The id of the unit's ancestor at the level reports are listed by (the district), as
        the tree was on `day`: the reports of a month are listed by it."""
        if not self.levels_change or day is None:
            return self._groups.get(unit_id)
        level = self.group_level(day)
        unit = self.index.get("locality", unit_id)
        if level is None or unit is None:
            return None
        return next((u.id for u in unit_trail(self, unit, day) if u.level == level.id), None)

    @cached_property
    def report_month_set(self) -> set[date]:
        return set(self.report_months)

    @cached_property
    def rule_checks(self) -> tuple[int | None, dict[str, list]]:
        """Month checks of the visit rule in the year of the latest report, by assignment id,
        for unit and cadre pages; nothing when this audience does not see every report."""
        from ..review import checks_by_assignment
        dated = [v.date.year for v in self.content.visits if v.date <= self.today]
        if self.partial or not dated:
            return None, {}
        year = max(dated)
        return year, checks_by_assignment(self.content, year, self.today)

    def rule_figures(self, assignments: list[m.Assignment], unit: str | None = None) -> list:
        """(label, text) lines of the visit rule in the year of the latest report: with `unit`,
        the unit's coverage first; then each assignment's own compliance. The two measures
        stay apart (scripts/stats.py MEASURES): one cadre's missing reports do not lower a
        unit that the other cadre visited, nor does a visited unit excuse them."""
        from ..stats import unit_months
        year, by_assignment = self.rule_checks
        lines = []
        if unit is not None:
            months = [x for x in unit_months([c for a in assignments
                                               for c in by_assignment.get(a.id, [])])
                      if x.unit == unit]
            if months:
                met = sum(x.met for x in months)
                lines.append((f"Độ phủ địa bàn năm {year}",
                              f"{met}/{len(months)} tháng đủ số lần xuống địa bàn "
                              f"({round(100 * met / len(months))}%)"))
        for a in assignments:
            checks = by_assignment.get(a.id, [])
            if checks:
                met = sum(c.met for c in checks)
                who = self.index.get("cadre", a.cadre).name if unit is not None else \
                    self.index.get("locality", a.locality).full_name
                lines.append((f"Phân công năm {year}, {who}",
                              f"{met}/{len(checks)} tháng đạt quy định "
                              f"({round(100 * met / len(checks))}%)"))
        return lines

    def rule_total(self, assignments: list[m.Assignment]) -> str | None:
        """A cadre's months met over all their assignments, "8/12 tháng đạt quy định (67%)"."""
        year, by_assignment = self.rule_checks
        checks = [c for a in assignments for c in by_assignment.get(a.id, [])]
        if not checks:
            return None
        met = sum(c.met for c in checks)
        return (f"năm {year}: {met}/{len(checks)} tháng-phân công đạt quy định "
                f"({round(100 * met / len(checks))}%)")


class Groups:
    """Records grouped by what pages list them under, built once per build: a page for each of
    a thousand units must not scan sixty thousand reports."""

    def __init__(self, content: m.Content):
        self.visits_of_unit = _group(content.visits, lambda v: [v.locality])
        self.visits_of_cadre = _group(content.visits, lambda v: [v.cadre])
        self.assignments_of_cadre = _group(content.assignments, lambda a: [a.cadre])
        self.visits_of_topic = _group(content.visits, lambda v: v.topics)
        self.visits_of_story = _group(content.visits, lambda v: v.practices)
        self.stories_of_unit = _group(content.stories, lambda s: [s.locality])
        self.stories_of_topic = _group(content.stories, lambda s: s.topics)


def _group(records, keys) -> dict[str, list]:
    out: dict[str, list] = {}
    for record in records:
        for key in dict.fromkeys(keys(record)):
            out.setdefault(key, []).append(record)
    return out


# ---- URLs (docs paths) ------------------------------------------------------------------------

def story_path(story: m.Story) -> str:
    return f"stories/{story.id}.md"


def bulletin_path(bulletin: m.Bulletin) -> str:
    return f"bulletins/{bulletin.id}.md"


def locality_path(unit: m.Locality) -> str:
    return f"localities/{unit.id}.md"


def cadre_path(cadre: m.Cadre) -> str:
    return f"cadres/{cadre.id}.md"


def topic_path(topic: m.Topic) -> str:
    return f"topics/{topic.id}.md"


def month_slug(day: date) -> str:
    return f"{day.year}-{day.month:02d}"


def month_index_path(day: date) -> str:
    return f"visits/{month_slug(day)}/index.md"


def district_month_path(day: date, group: str | None) -> str:
    """A month's list of a district (`group`), or the month's own page on a site without
    districts."""
    return f"visits/{month_slug(day)}/{group}.md" if group else month_index_path(day)


def visit_list(ctx: "Ctx", visit: m.Visit) -> str:
    """The list holding a report: its month, split by district (the second level) when the
    site has three levels or more."""
    return district_month_path(visit.date, ctx.visit_group(visit))


def visit_page(ctx: "Ctx", visit: m.Visit) -> str:
    """The page holding a report: its list's part (render/paging.py), by date."""
    return ctx.visit_pages.get(visit.id) or visit_list(ctx, visit)


def visit_path(ctx: "Ctx", visit: m.Visit) -> str:
    return f"{visit_page(ctx, visit)}#{visit.id}"


# What a URL keeps as it is; everything else is percent-encoded, so that no value can close the
# link (`)`, space, `>`), open code (`) or HTML (<, "), or be read as a Markdown escape (\\).
_URL_SAFE = "/:?#@!$&',;=%~+"


def md_url(value: str) -> str:
    """A value (from YAML, or built from ids and paths) fit for a URL position: an `href` or
    `src` in a template, or a Markdown link in a body. Use it wherever a value lands there."""
    return quote(value, safe=_URL_SAFE)


# ---- addresses as the browser resolves them ----------------------------------------------------

@lru_cache(maxsize=65536)
def page_url(docs_path: str) -> str:
    """Where MkDocs (use_directory_urls) serves a docs file, relative to the site root:
    "stories/x.md" -> "stories/x/", "stories/index.md" -> "stories/", a media file as it is."""
    if not docs_path.endswith(".md"):
        return docs_path
    folder, name = posixpath.split(docs_path[:-3])
    path = folder if name in ("index", "README") else posixpath.join(folder, name)
    return f"{path}/" if path else ""


@lru_cache(maxsize=8192)
def _parts(url: str) -> tuple[str, ...]:
    return tuple(url.rstrip("/").split("/")) if url.rstrip("/") else ()


def served_link(here: str, target: str) -> str:
    """The final relative URL from page `here` to docs path `target`, as a browser resolves it:
    MkDocs rewrites links in Markdown, never in raw HTML, so HTML links must be written so.

    The same as `posixpath.relpath` between the two served folders, without its cost: a
    province's reports make half a million links."""
    start = _parts(page_url(here))
    goal = page_url(target)
    parts = _parts(goal)
    shared = 0
    for a, b in zip(start, parts):
        if a != b:
            break
        shared += 1
    rel = "/".join([".."] * (len(start) - shared) + list(parts[shared:])) or "."
    return f"{rel}/" if goal.endswith("/") or goal == "" else rel


def body_url(here: str, url: str) -> str:
    """A relative URL of an editor's body, written for the page `here`: `media/...` is relative
    to content/ (as in YAML fields), other paths to the page's Markdown file, as MkDocs reads
    them; an anchor, a query or an absolute path stay as they are."""
    cut = min([i for i in (url.find("#"), url.find("?")) if i >= 0], default=len(url))
    path, rest = url[:cut], url[cut:]
    if not path or path.startswith("/"):
        return url
    if path.startswith("media/"):
        target = path
    else:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(here), path))
    return served_link(here, target) + rest


# ---- text ---------------------------------------------------------------------------------------

def front_matter(title: str | None, **meta) -> str:
    """YAML front matter; values are JSON strings, which YAML reads back as they are.

    The left navigation is hidden: the section tabs carry navigation on a wide screen, the
    drawer on a phone, and the text gets the room.
    """
    lines = ["---", "hide: [navigation]"]
    if title is not None:  # the home page goes without: the browser shows the site's name
        lines.append(f"title: {json.dumps(title, ensure_ascii=False)}")
    for key, value in meta.items():
        if value is not None:
            lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    lines.append("---")
    return "\n".join(lines) + "\n\n"


def fmt_date(day: date | None) -> str:
    return format_date(day) if day else ""


def fmt_month(day: date) -> str:
    return month_label(day.year, day.month)


def fmt_number(value: float) -> str:
    """Vietnamese number style: dot for thousands, comma for decimals (5.075; 82,21)."""
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    rounded = round(value, 2)  # two decimals at most, as the tables show them
    whole, _, frac = f"{abs(rounded):.2f}".partition(".")
    sign = "-" if rounded < 0 else ""
    frac = frac.rstrip("0")
    return sign + f"{int(whole):,}".replace(",", ".") + ("," + frac if frac else "")


def unit_trail(ctx: Ctx, unit: m.Locality, day: date | None = None) -> list[m.Locality]:
    """The unit and its ancestors, top first: as the tree is now, or as it was on `day`."""
    trail = []
    seen = set()
    while unit is not None and unit.id not in seen:
        seen.add(unit.id)
        trail.append(unit)
        parent = unit.parent_on(day) if day else unit.parent
        unit = ctx.index.get("locality", parent)
    return list(reversed(trail))


def unit_with_parent(ctx: Ctx, unit: m.Locality, day: date | None = None) -> str:
    """"Ấp An Định, Xã An Nhơn": enough to tell apart the many "Ấp 1"s; as it is now, or with
    the names and parent of `day` (a report of 2023 names the commune of 2023)."""
    if day is None:
        parent = ctx.index.get("locality", unit.parent)
        return f"{unit.full_name}, {parent.full_name}" if parent else unit.full_name
    parent = ctx.index.get("locality", unit.parent_on(day))
    name = unit.full_name_on(day)
    return f"{name}, {parent.full_name_on(day)}" if parent else name


def sort_units(units):
    return sorted(units, key=lambda u: (sort_key(u.name), sort_key(u.type), u.id))


def sort_people(cadres):
    return sorted(cadres, key=lambda c: (person_sort_key(c.name), c.id))


def newest_first(records):
    return sorted(records, key=lambda r: (r.date, r.id), reverse=True)
