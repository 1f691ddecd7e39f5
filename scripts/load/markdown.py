"""Markdown files: split the YAML front matter from the body, and report what publishing would
remove from the body (script-capable HTML is refused)."""
from __future__ import annotations

import re

from .. import messages as msg
from ..sanitize import Finding, findings
from .yamlsrc import SourceError, open_block_scalar

_FENCE = re.compile(r"^\s*(```|~~~)")
_CODE_SPAN = re.compile(r"`+[^`]*`+")


def split_front_matter(text: str, required: bool) -> tuple[str | None, int, str, int]:
    """Return (front matter text, its first line, body, the body's first line).

    Front matter opens with `---` on the first line and closes with the next `---` (or `...`)
    line at column 0: an indented `---` belongs to a block scalar (`summary: |`). A closing line
    that cuts a block scalar short, its text going on indented below, is reported.
    """
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        if required:
            raise SourceError(1, msg.FRONT_MATTER_MISSING)
        return None, 1, text, 1
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            following = lines[index + 1] if index + 1 < len(lines) else ""
            key = open_block_scalar(lines[1:index]) if following.startswith(" ") \
                and following.strip() else None
            if key is not None:
                raise SourceError(index + 1, msg.FRONT_MATTER_CUT, key)
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


def html_findings(body: str, first_line: int) -> list[Finding]:
    """What publishing would remove from this body, with its line: the body is rendered and
    the HTML read as the allow-list reads it (see scripts/sanitize.py), so entities, tags split
    over lines, attribute lists and fences Markdown does not accept are seen as a browser would.
    Script-capable HTML and images from other hosts are errors, other removals warnings."""
    return findings(body, first_line)


def unsafe_html(body: str, first_line: int) -> list[tuple[int, str]]:
    """(line, message) for each piece of HTML that could run script or reach another host;
    code is left alone. The errors of `html_findings`."""
    return [(f.line, f.message) for f in findings(body, first_line) if not f.warning]


# Links and images to media written as editors write them in YAML: relative to content/, in
# Markdown (`](media/...)`) or in HTML (`src="media/..."`).
MEDIA_LINK = re.compile(r"(\]\(\s*<?)(media/[^\s)>]+)")
_MEDIA_ATTR = re.compile(r"""(\b(?:src|href)\s*=\s*["']?)(media/[^\s"'<>]+)""", re.IGNORECASE)


def media_refs(body: str, first_line: int) -> list[tuple[int, str]]:
    """(line, path) of every media link or image in a body."""
    return [(number, m.group(2)) for number, line in prose_lines(body, first_line)
            for pattern in (MEDIA_LINK, _MEDIA_ATTR) for m in pattern.finditer(line)]


def first_heading(body: str) -> str | None:
    for line in body.split("\n"):
        if line.startswith("# "):
            return line[2:].strip()
    return None
