"""Rules between records: ids, references, the unit hierarchy, assignments, visit reports.

Each check appends to the shared problem list and carries on; fields that failed to load are
None and are skipped here, since their problem was already reported.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import date

from . import messages as msg
from . import model as m
from . import unit_life
from .load.convert import closest
from .problems import Problems
from .text import format_date


class Index:
    """Records by id, for reference checks and for the renderers."""

    def __init__(self, content: m.Content):
        self.levels = {level.id: i for i, level in enumerate(content.site.levels)}
        self.level_labels = {level.id: level.label for level in content.site.levels}
        self.by_kind: dict[str, dict] = {
            "topic": _by_id(content.topics),
            "locality": _by_id(content.localities),
            "cadre": _by_id(content.cadres),
            "visit": _by_id(content.visits),
            "story": _by_id(content.stories),
            "bulletin": _by_id(content.bulletins),
            "level": {level.id: level for level in content.site.levels},
        }
        self.unreadable = content.unreadable

    def get(self, kind: str, value: str | None):
        return self.by_kind[kind].get(value) if value else None


def _by_id(records) -> dict:
    out = {}
    for record in records:
        if record.id and record.id not in out:
            out[record.id] = record
    return out


def validate(content: m.Content, problems: Problems, *, today: date, strict: bool = False) -> Index:
    index = Index(content)
    _check_levels(content, problems)
    _check_editor(content.site, problems)
    _check_unique_ids(content, problems)
    _check_refs(content, index, problems)
    _check_hierarchy(content, index, problems)
    _check_assignments(content, index, problems)
    _check_visits(content, index, problems, today, strict)
    _check_bulletins(content, problems)
    return index


def _where(loc: m.Loc) -> str:
    return f"{loc.path}:{loc.line}"


def _check_levels(content: m.Content, problems: Problems) -> None:
    site = content.site
    if not 2 <= len(site.levels) <= 5:
        problems.error(site.loc.path, site.loc.at("levels"), "levels", msg.levels_count(
            len(site.levels)))
    seen: dict[str, m.Level] = {}
    for i, level in enumerate(site.levels):
        if level.id in seen:
            problems.error(site.loc.path, level.loc.at("id"), f"levels[{i}].id",
                           msg.duplicate_id("level", level.id, _where(seen[level.id].loc)))
        seen.setdefault(level.id, level)


def _check_editor(site: m.Site, problems: Problems) -> None:
    """A git server's back end needs to know where the repository is and which OAuth
    application signs editors in."""
    settings = site.editor
    if settings is None or settings.backend == "local":
        return
    for name in ("repo", "base_url", "app_id"):
        if not getattr(settings, name):
            example = next(fl.metadata["spec"].example for fl in m.spec_fields(m.EditorSettings)
                           if fl.name == name)
            problems.error(site.loc.path, settings.loc.line, f"editor.{name}",
                           msg.editor_needs(settings.backend, example))


def _check_unique_ids(content: m.Content, problems: Problems) -> None:
    for kind, records in (("topic", content.topics), ("locality", content.localities),
                          ("cadre", content.cadres), ("visit", content.visits),
                          ("story", content.stories), ("bulletin", content.bulletins)):
        first: dict[str, m.Obj] = {}
        for record in records:
            if record.id in first:
                problems.error(record.loc.path, record.loc.at("id"), "id",
                               msg.duplicate_id(kind, record.id, _where(first[record.id].loc)))
            elif record.id:
                first[record.id] = record


def _ref(index: Index, problems: Problems, loc: m.Loc, field: str, kind: str, value,
         line: int | None = None) -> bool:
    """Report a reference to a missing id, suggesting the closest one; True when it resolves."""
    if value is None:
        return False
    if index.get(kind, value) is not None:
        return True
    if value in index.unreadable.get(kind, ()):
        return False  # its file failed to load and was reported already
    suggestion = closest(value, index.by_kind[kind])
    problems.error(loc.path, line or loc.at(field.split("[")[0]), field,
                   msg.unknown_ref(kind, value, suggestion), target=value)
    return False


def _ref_list(index, problems, record, field: str, kind: str) -> None:
    for i, value in enumerate(getattr(record, field)):
        _ref(index, problems, record.loc, f"{field}[{i}]", kind, value)


def _check_refs(content: m.Content, index: Index, problems: Problems) -> None:
    for unit in content.localities:
        _ref(index, problems, unit.loc, "level", "level", unit.level)
        _ref(index, problems, unit.loc, "parent", "locality", unit.parent)
        _ref_list(index, problems, unit, "successors", "locality")
        for i, former in enumerate(unit.former_parents):
            _ref(index, problems, former.loc, f"former_parents[{i}].parent", "locality",
                 former.parent, line=former.loc.at("parent"))
    for cadre in content.cadres:
        _ref(index, problems, cadre.loc, "level", "level", cadre.level)
    for a in content.assignments:
        _ref(index, problems, a.loc, "cadre", "cadre", a.cadre)
        _ref(index, problems, a.loc, "locality", "locality", a.locality)
    for visit in content.visits:
        _ref(index, problems, visit.loc, "cadre", "cadre", visit.cadre)
        _ref(index, problems, visit.loc, "locality", "locality", visit.locality)
        _ref(index, problems, visit.loc, "follow_up_of", "visit", visit.follow_up_of)
        _ref_list(index, problems, visit, "topics", "topic")
        _ref_list(index, problems, visit, "practices", "story")
    for story in content.stories:
        _ref(index, problems, story.loc, "locality", "locality", story.locality)
        _ref_list(index, problems, story, "topics", "topic")
    for bulletin in content.bulletins:
        _ref_list(index, problems, bulletin, "featured", "story")


def _check_hierarchy(content: m.Content, index: Index, problems: Problems) -> None:
    """Parents of the right level and alive, over each unit's life; successors; no cycle."""
    unit_life.check(content, index, problems)
    _check_cycles(content, index, problems)


def _check_cycles(content: m.Content, index: Index, problems: Problems) -> None:
    reported: set[str] = set()
    for unit in content.localities:
        chain = [unit.id]
        current = index.get("locality", unit.parent)
        while current is not None and current.id not in chain:
            chain.append(current.id)
            current = index.get("locality", current.parent)
        if current is not None and unit.id not in reported:
            cycle = chain[chain.index(current.id):] + [current.id]
            reported.update(cycle)
            problems.error(unit.loc.path, unit.loc.at("parent"), "parent", msg.parent_cycle(cycle))


def _check_assignments(content: m.Content, index: Index, problems: Problems) -> None:
    by_pair: dict[tuple[str, str], list[m.Assignment]] = defaultdict(list)
    for a in content.assignments:
        loc = a.loc
        cadre, unit = index.get("cadre", a.cadre), index.get("locality", a.locality)
        if cadre and unit and cadre.level in index.levels and unit.level in index.levels \
                and index.levels[cadre.level] >= index.levels[unit.level]:
            problems.error(loc.path, loc.at("cadre"), "cadre", msg.cadre_level_not_above(
                index.level_labels[cadre.level], index.level_labels[unit.level]))
        if a.start and a.end and a.end < a.start:
            problems.error(loc.path, loc.at("end"), "end", msg.end_before_start(
                format_date(a.start)))
        elif unit and a.start:
            unit_life.check_within_life(unit, a.start, a.end, loc, problems, what="phân công",
                                        start_field="start", end_field="end")
        for i, task in enumerate(a.tasks):
            _check_task(task, i, problems)
        if a.start:
            by_pair[(a.cadre, a.locality)].append(a)
    for group in by_pair.values():
        group.sort(key=lambda a: a.start)
        for before, after in zip(group, group[1:]):
            if before.end is None or after.start <= before.end:
                problems.error(after.loc.path, after.loc.at("start"), "start",
                               msg.assignment_overlap(_where(before.loc)))


def _check_task(task: m.Task, i: int, problems: Problems) -> None:
    if task.status != "done":
        return
    for name in ("confirmed_by", "confirmed_on"):
        if getattr(task, name) is None:
            problems.error(task.loc.path, task.loc.line, f"tasks[{i}].{name}",
                           msg.required_when(name, "done"))


def _check_visits(content, index: Index, problems: Problems, today: date, strict: bool) -> None:
    by_pair: dict[tuple[str, str], list[m.Assignment]] = defaultdict(list)
    for a in content.assignments:
        by_pair[(a.cadre, a.locality)].append(a)
    for visit in content.visits:
        loc = visit.loc
        if visit.date and visit.date > today:
            problems.error(loc.path, loc.at("date"), "date", msg.future_date(
                format_date(visit.date), format_date(today)))
        if visit.meeting and visit.kind and visit.kind not in m.MEETING_KINDS:
            problems.error(loc.path, loc.at("meeting"), "meeting", msg.meeting_not_allowed(
                visit.kind))
        meeting = visit.meeting
        if meeting and meeting.members_present is not None and meeting.members_total is not None \
                and meeting.members_present > meeting.members_total:
            problems.error(loc.path, meeting.loc.at("members_present"),
                           "meeting.members_present", msg.present_exceeds_total(
                               meeting.members_present, meeting.members_total))
        _check_proposals(visit, problems)
        _check_follow_up(visit, index, problems)
        unit = index.get("locality", visit.locality)
        if visit.date and unit and not unit_life.check_within_life(
                unit, visit.date, visit.date, loc, problems, what="báo cáo",
                start_field="date", end_field="date"):
            continue  # the unit's life is the problem, not the assignment
        if visit.date and index.get("cadre", visit.cadre) and unit:
            pair = by_pair.get((visit.cadre, visit.locality), [])
            if not any(a.start and a.active_on(visit.date) for a in pair):
                report = problems.error if strict else problems.warn
                report(loc.path, loc.at("date"), "date", msg.visit_outside_assignment(
                    visit.cadre, visit.locality))


def _check_proposals(visit: m.Visit, problems: Problems) -> None:
    seen: dict[str, int] = {}
    for i, p in enumerate(visit.proposals):
        path, field = p.loc.path, f"proposals[{i}]"
        if p.id in seen:
            problems.error(path, p.loc.at("id"), f"{field}.id", msg.duplicate_proposal(
                p.id, seen[p.id]))
        seen.setdefault(p.id, p.loc.at("id"))
        closed = p.status in m.CLOSED_PROPOSAL
        if closed and p.resolved_on is None:
            problems.error(path, p.loc.line, f"{field}.resolved_on", msg.required_when(
                "resolved_on", p.status))
        if not closed and p.resolved_on is not None:
            problems.error(path, p.loc.at("resolved_on"), f"{field}.resolved_on",
                           msg.only_when_closed())
        if p.resolved_on and visit.date and p.resolved_on < visit.date:
            problems.error(path, p.loc.at("resolved_on"), f"{field}.resolved_on",
                           msg.before_visit(format_date(p.resolved_on), format_date(visit.date)))


def _check_follow_up(visit: m.Visit, index: Index, problems: Problems) -> None:
    earlier = index.get("visit", visit.follow_up_of)
    if earlier is None or not earlier.date or not visit.date:
        return
    if earlier.date > visit.date or earlier is visit:
        problems.error(visit.loc.path, visit.loc.at("follow_up_of"), "follow_up_of",
                       msg.follow_up_not_earlier(visit.follow_up_of))


def _check_bulletins(content: m.Content, problems: Problems) -> None:
    first: dict[int, m.Bulletin] = {}
    for bulletin in content.bulletins:
        if bulletin.number in first:
            problems.error(bulletin.loc.path, bulletin.loc.at("number"), "number",
                           msg.duplicate_number(bulletin.number, _where(
                               first[bulletin.number].loc)))
        elif bulletin.number is not None:
            first[bulletin.number] = bulletin
