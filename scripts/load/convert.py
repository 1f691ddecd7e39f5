"""Turn YAML nodes into model objects, field by field, following the specs in `model`.

Every problem is recorded with its line and dotted field path (`proposals[1].status`) and the
conversion goes on, so that one run reports everything wrong in a file.
"""
from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import messages as msg
from .. import model as m
from ..problems import Problems
from ..text import is_slug, nfc, parse_date, slugify
from .yamlsrc import Map, Scalar, Seq

INVALID = object()  # a value that was reported; the field is left at its default

_INT_RE = re.compile(r"^-?\d+$")
_NUMBER_RE = re.compile(r"^-?\d+(\.\d+)?$")
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_URL_RE = re.compile(r"^https?://\S+$")
_TRUE = {"true", "yes", "on"}
_FALSE = {"false", "no", "off"}


def closest(value: str, candidates, n: int = 1) -> list[str]:
    return difflib.get_close_matches(value, list(candidates), n=n, cutoff=0.6)


@dataclass
class Ctx:
    """Where conversion is happening: the file, the content root, and the problem list."""

    path: str
    root: Path
    problems: Problems

    def error(self, line: int, where: str, message: str) -> Any:
        self.problems.error(self.path, line, where, message)
        return INVALID


def _node_kind(node) -> str:
    if isinstance(node, Map):
        return "map"
    if isinstance(node, Seq):
        return "seq"
    if node is None or (isinstance(node, Scalar) and (node.is_null or not node.value.strip())):
        return "null"  # `key:`, `key: ~` and `key: ""` all mean "not filled in"
    return "scalar"


def _scalar(node, ctx: Ctx, where: str, example: str):
    """The text of a scalar node, or INVALID with a message saying what was found instead."""
    kind = _node_kind(node)
    if kind != "scalar":
        return ctx.error(node.line, where, msg.expected_text(example, msg.found_kind(kind)))
    return nfc(node.value)


def convert_struct(cls, node, ctx: Ctx, where: str = "", defaults: dict | None = None):
    """A mapping node to an instance of `cls`; unknown keys and missing fields are reported."""
    example = _example_line(cls)
    if not isinstance(node, Map):
        return ctx.error(getattr(node, "line", 1), where, msg.expected_mapping(example))
    specs = {fl.name: fl for fl in m.spec_fields(cls)}
    values: dict[str, Any] = {}
    lines: dict[str, int] = {}
    misspelt: set[str] = set()  # fields an unknown key probably meant; already reported
    for key, (key_line, value_node) in node.entries.items():
        name = nfc(key)
        path = f"{where}.{name}" if where else name
        if name not in specs:
            suggestion = closest(name, specs)
            ctx.error(key_line, path, msg.unknown_key(name, suggestion))
            misspelt.update(suggestion)
            continue
        lines[name] = key_line
        spec = specs[name].metadata["spec"]
        if _node_kind(value_node) == "null":
            # An empty value is the same as leaving the key out.
            if specs[name].metadata["required"]:
                ctx.error(key_line, path, msg.required(f"{name}: {example_value(spec)}"))
            continue
        value = convert_value(spec, value_node, ctx, path)
        if value is not INVALID:
            values[name] = value
    for name, fl in specs.items():
        if name in lines:
            continue
        if defaults and name in defaults:
            values[name] = defaults[name]
        elif fl.metadata["required"] and name not in misspelt:
            path = f"{where}.{name}" if where else name
            ctx.error(node.line, path, msg.required(f"{name}: {example_value(fl.metadata['spec'])}"))
    return cls(**values, loc=m.Loc(ctx.path, node.line, lines))


def convert_value(spec, node, ctx: Ctx, where: str):
    handler = _HANDLERS[type(spec)]
    return handler(spec, node, ctx, where)


def _text(spec: m.Text, node, ctx, where):
    value = _scalar(node, ctx, where, spec.example)
    if value is INVALID:
        return value
    value = value.strip()
    if not spec.multiline and "\n" in value:
        return ctx.error(node.line, where, msg.expected_single_line(value.count("\n") + 1))
    return value


def _slug(spec, node, ctx, where):
    value = _scalar(node, ctx, where, spec.example)
    if value is INVALID:
        return value
    value = value.strip()
    if not is_slug(value):
        return ctx.error(node.line, where, msg.bad_slug(value, spec.example, slugify(value)))
    return value


def _ref(spec: m.Ref, node, ctx, where):
    return _slug(m.Slug(spec.example or "ma-muc"), node, ctx, where)


def _enum(spec: m.Enum, node, ctx, where):
    value = _scalar(node, ctx, where, spec.values[0])
    if value is INVALID:
        return value
    value = value.strip()
    if value not in spec.values:
        return ctx.error(node.line, where,
                         msg.bad_choice(value, spec.values, closest(value, spec.values)))
    return value


def _date(spec, node, ctx, where):
    value = _scalar(node, ctx, where, "2017-03-05")
    if value is INVALID:
        return value
    parsed = parse_date(value)
    if parsed is None:
        return ctx.error(node.line, where, msg.bad_date(value.strip()))
    return parsed


def _int(spec: m.Int, node, ctx, where):
    value = _scalar(node, ctx, where, spec.example)
    if value is INVALID:
        return value
    value = value.strip()
    if not _INT_RE.match(value) or int(value) < spec.minimum:
        return ctx.error(node.line, where, msg.bad_int(value, spec.minimum, spec.example))
    return int(value)


def _number(spec: m.Number, node, ctx, where):
    value = _scalar(node, ctx, where, spec.example)
    if value is INVALID:
        return value
    value = value.strip()
    if not _NUMBER_RE.match(value):
        return ctx.error(node.line, where, msg.bad_number(value, spec.example))
    number = float(value)
    return int(number) if number.is_integer() else number


def _bool(spec, node, ctx, where):
    value = _scalar(node, ctx, where, "true")
    if value is INVALID:
        return value
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    return ctx.error(node.line, where, msg.bad_bool(value))


def _email(spec: m.Email, node, ctx, where):
    value = _text(m.Text(spec.example), node, ctx, where)
    if value is not INVALID and not _EMAIL_RE.match(value):
        return ctx.error(node.line, where, msg.bad_email(value, spec.example))
    return value


def _url(spec: m.Url, node, ctx, where):
    value = _text(m.Text(spec.example), node, ctx, where)
    if value is not INVALID and not _URL_RE.match(value):
        return ctx.error(node.line, where, msg.bad_url(value, spec.example))
    return value


def _media(spec: m.Media, node, ctx, where):
    value = _text(m.Text(spec.example), node, ctx, where)
    if value is INVALID:
        return value
    problem = media_problem(value, ctx.root)
    if problem:
        return ctx.error(node.line, where, problem)
    return value


def media_problem(value: str, root: Path) -> str | None:
    """Why a media path cannot be used, or None. Paths must stay inside content/media/."""
    if value.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", value) or ".." in \
            Path(value).parts or "\\" in value:
        return msg.media_outside(value)
    if not value.startswith("media/"):
        return msg.media_not_in_media(value)
    target = root / value
    real_root = os.path.realpath(root)
    if target.is_symlink() or os.path.lexists(target) and not os.path.realpath(
            target).startswith(real_root + os.sep):
        return msg.media_outside(value)
    if not target.is_file():
        siblings = []
        if target.parent.is_dir():
            siblings = [f"{Path(value).parent.as_posix()}/{p.name}" for p in target.parent.iterdir()]
        return msg.media_missing(value, closest(value, siblings))
    return None


def _list(spec: m.ListOf, node, ctx, where):
    if not isinstance(node, Seq):
        return ctx.error(node.line, where, msg.expected_list(example_value(spec.item)))
    out = []
    for index, item in enumerate(node.items):
        value = convert_value(spec.item, item, ctx, f"{where}[{index}]")
        if value is not INVALID:
            out.append(value)
    return out


def _struct(spec: m.Struct, node, ctx, where):
    return convert_struct(spec.cls, node, ctx, where)


_HANDLERS = {
    m.Text: _text, m.Slug: _slug, m.Ref: _ref, m.Enum: _enum, m.Date: _date, m.Int: _int,
    m.Number: _number, m.Bool: _bool, m.Email: _email, m.Url: _url, m.Media: _media,
    m.ListOf: _list, m.Struct: _struct,
}


def example_value(spec) -> str:
    """A short value of the right form, for messages."""
    if isinstance(spec, m.Enum):
        return spec.values[0]
    if isinstance(spec, m.Date):
        return "2017-03-05"
    if isinstance(spec, m.Bool):
        return "true"
    if isinstance(spec, m.ListOf):
        return f"[{example_value(spec.item)}]"
    if isinstance(spec, m.Struct):
        return "{" + _example_line(spec.cls) + "}"
    if isinstance(spec, m.Ref):
        return spec.example
    return getattr(spec, "example", "")


def _example_line(cls) -> str:
    first = m.spec_fields(cls)[0]
    return f"{first.name}: {example_value(first.metadata['spec'])}"
