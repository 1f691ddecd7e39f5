"""Turn YAML nodes into model objects, field by field, following the specs in `model`.

Every problem is recorded with its line and dotted field path (`proposals[1].status`) and the
conversion goes on, so that one run reports everything wrong in a file.
"""
from __future__ import annotations

import difflib
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .. import messages as msg
from .. import model as m
from ..problems import Problems
from ..text import (MAX_ID, RESERVED_IDS, char_kind, find_control, find_hidden, is_slug,
                    lookalike_letter, mixed_script, nfc, parse_date, script_of, slugify,
                    windows_reserved)
from .yamlsrc import Map, Scalar, Seq

INVALID = object()  # a value that was reported; the field is left at its default

# ASCII digits only: `\d` would take full-width and Arabic-Indic digits too.
_INT_RE = re.compile(r"^-?[0-9]+$")
_NUMBER_RE = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")
# Past 15 digits a float loses the last ones and an int no longer formats as a figure people read.
MAX_DIGITS = 15
# A conservative address: what mail systems accept everywhere, nothing that needs quoting.
EMAIL_RE = re.compile(r"^[A-Za-z0-9_%+-]+(\.[A-Za-z0-9_%+-]+)*@"
                       r"[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*"
                       r"[A-Za-z0-9])?)*\.[A-Za-z]{2,}$")
_URL_RE = re.compile(r"^https?://", re.IGNORECASE)
_HOST_RE = re.compile(r"^[\w.-]+$|^\[[0-9a-f:.]+\]$", re.IGNORECASE)
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


def _scalar(node, ctx: Ctx, where: str, example: str, is_id: bool = False):
    """The text of a scalar node, or INVALID with a message saying what was found instead.

    Bidi and zero-width characters are refused here, for every field: invisible, they make a
    value read differently from what it is. (Control characters were refused with the file.)
    """
    kind = _node_kind(node)
    if kind != "scalar":
        return ctx.error(node.line, where, msg.expected_text(example, msg.found_kind(kind)))
    value = nfc(node.value)
    offset = find_hidden(value)
    if offset is not None:
        line, position = _position(node, value, offset)
        label = msg.char_label(ord(value[offset]), char_kind(value[offset]))
        return ctx.error(line, where, msg.id_hidden(label, position, example) if is_id
                         else msg.hidden_in_text(label, position))
    return value


def _position(node: Scalar, value: str, offset: int) -> tuple[int, int]:
    """The file line of `value[offset]` and its place in that line of the value (1-based).

    Exact for block scalars (`|`, `>`), whose lines are the file's; a plain or quoted value that
    runs over several lines is reported on its first line.
    """
    start = value.rfind("\n", 0, offset) + 1
    if node.block:
        return node.line + 1 + value.count("\n", 0, offset), offset - start + 1
    return node.line, offset + 1


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
    mixed = mixed_script(value)
    if mixed:
        word, letter = mixed
        return ctx.error(node.line, where, msg.mixed_script(word, letter, script_of(letter)))
    return value


def id_problem(value: str, example: str, reserved: bool = True, suggest: bool = True
               ) -> str | None:
    """Why `value` cannot be an id, or None. `reserved`: also refuse names that would collide
    with a generated page (`index`) or that Windows cannot use as a file name; `suggest`: offer
    the id made from the value (not for a file name, whose fix is a rename)."""
    offset = find_hidden(value)
    if offset is not None:
        label = msg.char_label(ord(value[offset]), char_kind(value[offset]))
        return msg.id_hidden(label, offset + 1, example)
    letter = lookalike_letter(value)
    if letter:
        return msg.id_lookalike(value, letter, script_of(letter), example)
    if len(value) > MAX_ID:
        return msg.id_too_long(len(value), MAX_ID, example)
    if not is_slug(value):
        return msg.bad_slug(value, example, slugify(value)[:MAX_ID].strip("-") if suggest else "")
    if reserved and value in RESERVED_IDS:
        return msg.id_reserved(value, "index")
    if reserved and windows_reserved(value):
        return msg.id_reserved(value, "windows")
    return None


def _slug(spec, node, ctx, where, reserved: bool = True):
    value = _scalar(node, ctx, where, spec.example, is_id=True)
    if value is INVALID:
        return value
    value = value.strip()
    problem = id_problem(value, spec.example, reserved)
    if problem:
        return ctx.error(node.line, where, problem)
    return value


def _ref(spec: m.Ref, node, ctx, where):
    # A reference to `index` is simply unknown: the validator says so, with a suggestion.
    return _slug(m.Slug(spec.example or "ma-muc"), node, ctx, where, reserved=False)


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


def number_problem(value: str, pattern: re.Pattern, example: str) -> str | None:
    """Why `value` is not a number written as editors must write it; None when it is, or when
    it is not a number at all (the caller's own message says what is expected)."""
    if any(ch.isdigit() and not "0" <= ch <= "9" for ch in value):
        fixed = "".join(str(unicodedata.digit(ch, ch)) if ch.isdigit() else ch
                        for ch in unicodedata.normalize("NFKC", value))
        return msg.number_foreign_digits(value, fixed if pattern.match(fixed) else example)
    if not pattern.match(value):
        return None
    digits = sum(ch.isdigit() for ch in value)
    if digits > MAX_DIGITS:
        return msg.number_too_long(value, digits, MAX_DIGITS, example)
    whole, dot, fraction = value.lstrip("-").partition(".")
    if len(whole) > 1 and whole.startswith("0"):
        sign = "-" if value.startswith("-") else ""
        return msg.number_leading_zero(value, f"{sign}{int(whole)}{dot}{fraction}")
    if value.startswith("-") and not value.strip("-0."):
        return msg.number_negative_zero(value)
    return None


def _int(spec: m.Int, node, ctx, where):
    value = _scalar(node, ctx, where, spec.example)
    if value is INVALID:
        return value
    value = value.strip()
    problem = number_problem(value, _INT_RE, spec.example)
    if problem:
        return ctx.error(node.line, where, problem)
    if not _INT_RE.match(value) or int(value) < spec.minimum:
        return ctx.error(node.line, where, msg.bad_int(value, spec.minimum, spec.example))
    return int(value)


def _number(spec: m.Number, node, ctx, where):
    value = _scalar(node, ctx, where, spec.example)
    if value is INVALID:
        return value
    value = value.strip()
    problem = number_problem(value, _NUMBER_RE, spec.example)
    if problem:
        return ctx.error(node.line, where, problem)
    if not _NUMBER_RE.match(value):
        return ctx.error(node.line, where, msg.bad_number(value, spec.example))
    number = float(value)
    return int(value.partition(".")[0]) if number.is_integer() else number


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
    if value is not INVALID and (len(value) > 254 or not EMAIL_RE.match(value)):
        return ctx.error(node.line, where, msg.bad_email(value, spec.example))
    return value


def url_problem(value: str, example: str) -> str | None:
    """Why `value` is not a plain web address, or None. Strict on purpose: the value lands in
    links and attributes, where a quote, a space or a `<` could end them."""
    if not _URL_RE.match(value):
        return msg.bad_url(value, example)
    reason = None
    if find_control(value) is not None:
        reason = "control"
    elif any(ch.isspace() for ch in value):
        reason = "space"
    elif any(ch in "\"'" for ch in value):
        reason = "quote"
    elif any(ch in "<>\\{}`^|" for ch in value):
        reason = "bracket"
    else:
        reason = _url_parts_problem(value)
    return msg.url_problem(value, msg.URL_REASONS[reason], example) if reason else None


def _url_parts_problem(value: str) -> str | None:
    try:
        parts = urlsplit(value)
        parts.port  # raises ValueError for a port that is not a number in range
    except ValueError:
        return "port" if ":" in value.split("//", 1)[1].split("/", 1)[0] else "parse"
    host = parts.netloc.rsplit(":", 1)[0] if not parts.netloc.endswith("]") else parts.netloc
    if "@" in parts.netloc:
        return "userinfo"
    if not host or not _HOST_RE.match(host) or host.strip(".-") != host:
        return "host"
    return None


def _url(spec: m.Url, node, ctx, where):
    value = _text(m.Text(spec.example), node, ctx, where)
    if value is INVALID:
        return value
    problem = url_problem(value, spec.example)
    if problem:
        return ctx.error(node.line, where, problem)
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
