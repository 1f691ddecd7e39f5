"""Markdown files: split the YAML front matter from the body, and refuse script-capable HTML."""
from __future__ import annotations

import re

from .. import messages as msg
from .yamlsrc import SourceError

_FENCE = re.compile(r"^\s*(```|~~~)")
_CODE_SPAN = re.compile(r"`+[^`]*`+")
_TAG = re.compile(r"<\s*(script|iframe|frame|frameset|object|embed|applet|base|meta|link|"
                  r"form|style)\b", re.IGNORECASE)
_EVENT_ATTR = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE)
_BAD_URL = re.compile(r"(\]\(\s*<?|\b(href|src|action|formaction)\s*=\s*[\"']?)\s*"
                      r"(javascript|vbscript|data)\s*:", re.IGNORECASE)
_BAD_REF_URL = re.compile(r"^\s*\[[^\]]+\]:\s*<?\s*(javascript|vbscript|data)\s*:", re.IGNORECASE)


def split_front_matter(text: str, required: bool) -> tuple[str | None, int, str, int]:
    """Return (front matter text, its first line, body, the body's first line).

    Front matter opens with `---` on the first line and closes with the next `---` line.
    """
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        if required:
            raise SourceError(1, msg.FRONT_MATTER_MISSING)
        return None, 1, text, 1
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            front = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1:])
            return front, 2, body, index + 2
    raise SourceError(1, msg.FRONT_MATTER_UNCLOSED)


def prose_lines(body: str, first_line: int):
    """(line number, text) of the lines outside fenced code, code spans removed: what Markdown
    renders as HTML and links, as opposed to examples shown as code."""
    in_fence = False
    for number, line in enumerate(body.split("\n"), start=first_line):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if not in_fence:
            yield number, _CODE_SPAN.sub("", line)


def map_prose(body: str, change) -> str:
    """Apply `change` to the text outside fenced code and code spans, keeping the rest."""
    out, in_fence = [], False
    for line in body.split("\n"):
        if _FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence:
            pieces = _CODE_SPAN.split(line)
            spans = _CODE_SPAN.findall(line)
            line = "".join(change(p) + (spans[i] if i < len(spans) else "")
                           for i, p in enumerate(pieces))
        out.append(line)
    return "\n".join(out)


def unsafe_html(body: str, first_line: int) -> list[tuple[int, str]]:
    """(line, message) for each piece of HTML that could run script; code is left alone."""
    found = []
    for number, line in prose_lines(body, first_line):
        what = [f"thẻ <{m.group(1).lower()}>" for m in _TAG.finditer(line)]
        what += ["thuộc tính sự kiện on...="] if _EVENT_ATTR.search(line) else []
        what += [f"liên kết {m.group(m.lastindex).lower()}:"
                 for m in (*_BAD_URL.finditer(line), *_BAD_REF_URL.finditer(line))]
        found += [(number, msg.unsafe_html(w)) for w in dict.fromkeys(what)]
    return found


# Links and images to media written as editors write them in YAML: relative to content/.
MEDIA_LINK = re.compile(r"(\]\(\s*<?)(media/[^\s)>]+)")


def media_refs(body: str, first_line: int) -> list[tuple[int, str]]:
    """(line, path) of every `](media/...)` link or image in a body."""
    return [(number, m.group(2)) for number, line in prose_lines(body, first_line)
            for m in MEDIA_LINK.finditer(line)]


def first_heading(body: str) -> str | None:
    for line in body.split("\n"):
        if line.startswith("# "):
            return line[2:].strip()
    return None
