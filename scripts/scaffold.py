"""`new`: start a record file in the right folder, every field of the format written out with its
Vietnamese help, so that an editor fills in blanks instead of remembering keys.

Required fields without a value are left as "" (check then says what is missing); optional
fields are written commented out. Existing files are never touched.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from . import messages as msg
from . import model as m
from .load.convert import closest, example_value, id_problem
from .text import MAX_ID, slugify


class ScaffoldError(Exception):
    pass


@dataclass
class Kind:
    cls: type
    folder: str
    in_list: bool      # the file holds a YAML list (localities, cadres, assignments)
    markdown: bool     # front matter + body

    @property
    def cls_example(self) -> str:
        """An example id of this kind, for messages."""
        return next((fl.metadata["spec"].example for fl in m.spec_fields(self.cls)
                     if fl.name == "id"), "ma-muc")


KINDS = {
    "visit": Kind(m.Visit, "visits", False, False),
    "story": Kind(m.Story, "stories", False, True),
    "bulletin": Kind(m.Bulletin, "bulletins", False, True),
    "cadre": Kind(m.Cadre, "cadres", True, False),
    "locality": Kind(m.Locality, "localities", True, False),
    "assignment": Kind(m.Assignment, "assignments", True, False),
}

# Fields set from the file name or left to defaults: not worth a line in a new file.
SKIP = {"id"}


def yaml_scalar(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(yaml_scalar(v) for v in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)


def _choices(spec) -> str:
    return f" ({' | '.join(spec.values)})" if isinstance(spec, m.Enum) else ""


def field_lines(cls, values: dict, indent: str = "", skip=SKIP, examples: bool = False
                ) -> list[str]:
    """One line per field: set, blank-and-required, or commented-out with an example
    (`examples`: every field with an example value, for commented-out nested items)."""
    lines = []
    for fl in m.spec_fields(cls):
        if fl.name in skip:
            continue
        spec, doc = fl.metadata["spec"], fl.metadata["doc"]
        help_text = f"  # {doc}{_choices(spec)}"
        if fl.name in values and values[fl.name] is not None:
            lines.append(f"{indent}{fl.name}: {yaml_scalar(values[fl.name])}{help_text}")
        elif fl.metadata["required"] and not examples:
            lines.append(f'{indent}{fl.name}: ""{help_text} — bắt buộc')
        elif isinstance(spec, m.Struct):
            lines.append(f"{indent}# {fl.name}:{help_text}")
            lines += [f"{indent}#   {line.lstrip('# ')}" for line in field_lines(
                spec.cls, {}, skip=set(), examples=True)]
        elif isinstance(spec, m.ListOf) and isinstance(spec.item, m.Struct):
            lines.append(f"{indent}# {fl.name}:{help_text}")
            items = [line.lstrip("# ") for line in field_lines(spec.item.cls, {}, skip=set(),
                                                               examples=True)]
            lines += [f"{indent}#   - {items[0]}"] + [f"{indent}#     {x}" for x in items[1:]]
        else:
            lines.append(f"{indent}# {fl.name}: {example_value(spec)}{help_text}")
    return lines


def _check_ref(ids: dict[str, set], kind: str, value: str | None) -> None:
    if value is None:
        return
    known = ids.get(kind, set())
    if value not in known:
        raise ScaffoldError(msg.unknown_ref(kind, value, closest(value, known)))


def derived_id(text: str) -> str:
    """The id made from a title or name, cut at a word to the length an id may have."""
    slug = slugify(text)
    if len(slug) > MAX_ID:
        slug = slug[:MAX_ID + 1].rsplit("-", 1)[0] if "-" in slug[:MAX_ID + 1] else slug[:MAX_ID]
    return slug


def _record_id(kind: str, options: dict, source: str, derived: str, ids: dict) -> str:
    """The new record's id: `--id`, else `derived` (from `source`, the option it came from).
    Refused: an empty id, one that is not an id, reserved or too long, and one that another
    file of this kind already uses (the file is named)."""
    given = options.get("id")
    value = derived if given is None else given
    if given is None and not value:
        raise ScaffoldError(msg.NEW_NEEDS_ID)
    problem = id_problem(value, KINDS[kind].cls_example)
    if problem:
        raise ScaffoldError(msg.new_bad_option("--id" if given is not None else source, problem))
    return value


def _taken(kind: str, value: str, rel: str, ids: dict) -> None:
    """Refuse an id another file of this kind uses; the target file itself is create's to refuse
    (`new` run twice), with its own message."""
    where = ids.get("paths", {}).get(kind, {}).get(value)
    if where and os.path.normpath(where[0]) != os.path.normpath(f"{ids.get('root', '')}/{rel}"):
        raise ScaffoldError(msg.new_id_exists(kind, value, f"{where[0]}:{where[1]}"))


def plan(kind: str, options: dict, ids: dict[str, set], today: date) -> tuple[str, str]:
    """(path relative to content/, text) of the new file; raises ScaffoldError on bad options.

    `ids`: the ids of each kind (sets), `paths` ({kind: {id: (file, line)}}), `root` (the
    content folder as given), `number`, `level`, `lowest_level`.
    """
    spec = KINDS[kind]
    day = options.get("date") or today
    for name, ref_kind in (("cadre", "cadre"), ("locality", "locality"), ("parent", "locality")):
        _check_ref(ids, ref_kind, options.get(name))
    values = {k: v for k, v in options.items() if v is not None}
    if kind == "visit":
        unit = values.get("locality", "dia-ban")
        values["date"] = day
        record_id = _record_id(kind, options, "--locality", f"{day.isoformat()}-{unit}", ids)
        rel = f"visits/{day.year}/{day.month:02d}/{record_id}.yml"
    elif kind == "story":
        title = values.get("title") or "Tên bài"
        values.update(date=day, title=title)
        record_id = _record_id(kind, options, "--title", derived_id(title), ids)
        rel = f"stories/{day.year}/{record_id}.md"
    elif kind == "bulletin":
        values.setdefault("title", f"Bản tin tháng {day.month}/{day.year}")
        values.update(date=day, number=values.get("number") or max(ids.get("number", {0})) + 1)
        record_id = _record_id(kind, options, "--date", f"ban-tin-{day.year}-{day.month:02d}", ids)
        rel = f"bulletins/{day.year}/{record_id}.md"
    elif kind == "assignment":
        values.setdefault("start", day)
        rel = f"assignments/{values.get('cadre', 'can-bo')}--{values.get('locality', 'dia-ban')}.yml"
    else:  # cadre, locality: the id comes from the name
        name = values.get("name")
        if not name:
            raise ScaffoldError(msg.NEW_NEEDS_NAME)
        # a hamlet's name ("Ấp 1") repeats across communes: its id carries the commune's
        lowest = kind == "locality" and values.get("parent") and values.get("level") == \
            ids.get("lowest_level")
        values["id"] = _record_id(kind, options, "--name", derived_id(
            f"{values['parent']} {name}" if lowest else name), ids)
        record_id = values["id"]
        rel = f"{spec.folder}/{values['id']}.yml"
    if kind != "assignment":
        _taken(kind, record_id, rel, ids)
    return rel, render(kind, values)


def render(kind: str, values: dict) -> str:
    spec = KINDS[kind]
    skip = SKIP - {"id"} if spec.in_list else SKIP
    lines = field_lines(spec.cls, values, skip=skip)
    if spec.in_list:
        lines = [f"- {lines[0]}"] + [f"  {line}" for line in lines[1:]]
        return "\n".join(lines) + "\n"
    if spec.markdown:
        return "---\n" + "\n".join(lines) + "\n---\n" + msg.NEW_BODY + "\n"
    return "\n".join(lines) + "\n"


def create(root: Path, rel: str, text: str) -> Path:
    """Write a new file inside `root`; an existing one is never overwritten."""
    path = root / rel
    real_root = os.path.realpath(root)
    if not os.path.realpath(path).startswith(real_root + os.sep):
        raise ScaffoldError(msg.new_outside(path.as_posix()))
    if os.path.lexists(path):
        raise ScaffoldError(msg.new_exists(path.as_posix()))
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as out:  # "x": fails rather than overwrite
        out.write(text)
    return path
