"""Editors' Markdown bodies as safe HTML: rendered as MkDocs renders them, then cleaned by an
allow-list (nh3, Rust's ammonia), and what the cleaning removes explained to editors.

Checking the Markdown source with patterns cannot keep up with what a browser will run (entities,
split tags, attribute lists, fences Markdown does not accept...). So the body is rendered first,
and two things read the rendered HTML: nh3, which decides what is published, and `findings`,
which walks the same HTML to tell the editor, with a line of the source, what nh3 would remove.
Everything here is a pure function.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

import markdown
import nh3
from markdown.extensions.fenced_code import FencedBlockPreprocessor
from markdown.extensions.toc import slugify

from . import messages as msg

# The extensions of mkdocs.yml plus fenced_code, which MkDocs always adds: a body renders here
# exactly as it would in the page (a test compares this list with mkdocs.yml). Tables align with
# the `align` attribute rather than `style`, which the allow-list removes.
EXTENSIONS = ["toc", "tables", "fenced_code", "attr_list", "admonition", "md_in_html"]
EXTENSION_CONFIGS = {"toc": {"permalink": False, "slugify": slugify},
                     "tables": {"use_align_attribute": True}}

# What an article needs: text structure, lists, tables, links, images, code, admonitions.
TAGS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col",
    "a", "img", "figure", "figcaption", "blockquote", "code", "pre", "kbd", "samp", "var",
    "em", "strong", "b", "i", "u", "s", "del", "ins", "sub", "sup", "mark", "small", "abbr",
    "cite", "q", "br", "hr", "div", "span", "details", "summary",
}
_CELL = {"align", "colspan", "rowspan"}
ATTRIBUTES = {
    "*": {"id", "class", "title", "lang"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "th": _CELL, "td": _CELL,
    "col": {"span"}, "colgroup": {"span"},
    "ol": {"start", "type", "reversed"}, "li": {"value"},
    "details": {"open"},
}
URL_SCHEMES = {"http", "https", "mailto"}
URL_ATTRIBUTES = {"href", "src"}
# Attributes whose URL the browser fetches as the page loads (links wait for a click).
RESOURCE_ATTRIBUTES = {"src", "srcset", "poster", "background", "data", "lowsrc", "dynsrc"}

# Tags that run script, load another document or take over the page: refused (errors). Other
# tags outside the allow-list are harmless, only dropped (warnings).
SCRIPT_TAGS = {
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "meta", "link",
    "form", "input", "button", "style", "svg", "math", "template", "noscript", "portal", "xmp",
    "plaintext", "noembed", "noframes", "animate", "set", "use", "handler", "foreignobject",
}
SCRIPT_SCHEMES = ("javascript", "vbscript", "data")

# Where browsers ignore characters in a URL: tabs and line breaks anywhere, C0 controls and
# spaces at the ends. "java\tscript:" is "javascript:" to them, so it is to us.
_URL_IGNORED = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
_SCRIPT_ANYWHERE = re.compile(r"(javascript|vbscript|data):")
_C0_AND_SPACE = "".join(chr(code) for code in range(0x21))


def render(body: str) -> str:
    """Markdown -> HTML as MkDocs would render it, before any cleaning."""
    return markdown.Markdown(extensions=EXTENSIONS,
                             extension_configs=EXTENSION_CONFIGS).convert(body)


def normal_url(value: str) -> str:
    """A URL as a browser reads it (entities are already decoded by the HTML parser)."""
    return _URL_IGNORED.sub("", value).strip(_C0_AND_SPACE).lower()


def url_scheme(value: str) -> str | None:
    """"javascript" for "JaVa\tScRipt:alert(1)"; None for a relative URL."""
    match = _SCHEME.match(normal_url(value))
    return match.group(1) if match else None


def script_scheme(value: str) -> str | None:
    """"javascript" for a URL that runs script, in any spelling: entities (decoded by the HTML
    parser), tabs and line breaks, and the spaces Markdown turns a tab into, which leave a
    harmless address but show what the editor meant."""
    match = _SCHEME.match(normal_url(value).replace(" ", ""))
    return match.group(1) if match and match.group(1) in SCRIPT_SCHEMES else None


def is_other_host(value: str) -> bool:
    """Whether a URL reaches another host: any scheme, or a protocol-relative `//host/...`."""
    url = normal_url(value).replace("\\", "/")
    return url_scheme(value) is not None or url.startswith("//")


def _loads_from_other_host(value: str) -> bool:
    """Whether a resource attribute (a `srcset` lists several URLs) fetches from another host."""
    candidates = [part.split()[0] for part in value.split(",") if part.split()] or [value]
    return any(is_other_host(url) and not script_scheme(url) for url in candidates)


# ---- cleaning ---------------------------------------------------------------------------------

def _attribute_filter(tag: str, name: str, value: str) -> str | None:
    """Images must come from the site itself: an image from another host makes every reader's
    browser call that host (a tracker, or a probe of the intranet). Script URLs are dropped in
    any spelling, the allow-list of schemes being the first guard."""
    if tag == "img" and name == "src" and is_other_host(value):
        return None
    if name in URL_ATTRIBUTES and script_scheme(value):
        return None
    return value


def clean(rendered: str, relative_url=None) -> str:
    """The allow-listed part of rendered HTML. `relative_url(url) -> url` rewrites the relative
    URLs of links and images for the page they land on (raw HTML is not rewritten by MkDocs)."""
    def rewrite(url: str) -> str | None:
        if relative_url is None or normal_url(url).replace("\\", "/").startswith("//"):
            return url  # a protocol-relative link to another host: leave it as written
        return relative_url(url)

    return nh3.clean(rendered, tags=TAGS, clean_content_tags={"script", "style"},
                     attributes=ATTRIBUTES, attribute_filter=_attribute_filter,
                     strip_comments=True, link_rel="noopener noreferrer",
                     url_schemes=URL_SCHEMES, url_relative=rewrite)


def safe_html(body: str, relative_url=None) -> str:
    """An editor's Markdown body as HTML fit to publish."""
    return clean(render(body), relative_url)


# ---- blocks for the generated page ---------------------------------------------------------------

@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    anchor: str | None  # an id the editor chose; None when MkDocs derives the same one


_HEADING = re.compile(r"h[1-6]")
_VOID = {"br", "col", "hr", "img", "area", "base", "embed", "input", "link", "meta", "source",
         "track", "wbr"}
_SAFE_ID = re.compile(r"^[\w-]+$")


class _Blocks(HTMLParser):
    """Cut clean HTML into top-level headings and the HTML between them."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.text = text
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.depth = 0
        self.heading: tuple[int, int, str | None] | None = None  # level, start offset, id
        self.words: list[str] = []
        self.cuts: list[tuple[int, int, Heading]] = []

    def position(self) -> int:
        line, col = self.getpos()
        return self.starts[line - 1] + col

    def handle_starttag(self, tag, attrs):
        if self.depth == 0 and _HEADING.fullmatch(tag):
            self.heading = (int(tag[1]), self.position(), dict(attrs).get("id"))
            self.words = []
        if tag not in _VOID:
            self.depth += 1

    def handle_endtag(self, tag):
        self.depth -= 1
        if self.depth == 0 and self.heading and _HEADING.fullmatch(tag):
            level, start, anchor = self.heading
            end = self.text.index(">", self.position()) + 1
            self.cuts.append((start, end, _heading(level, "".join(self.words), anchor)))
            self.heading = None

    def handle_data(self, data):
        if self.heading:
            self.words.append(data)


def _heading(level: int, text: str, anchor: str | None) -> Heading:
    text = " ".join(text.split())
    slug = slugify(text, "-")
    derived = anchor is None or anchor == slug or re.fullmatch(re.escape(slug) + r"_\d+", anchor)
    keep = not derived and anchor and _SAFE_ID.match(anchor)
    return Heading(level, text, anchor if keep else None)


def blocks(clean_html: str) -> list[str | Heading]:
    """Top-level headings (so that the page's table of contents lists them) and the HTML
    between them, in order; empty stretches left out."""
    parser = _Blocks(clean_html)
    parser.feed(clean_html)
    parser.close()
    out: list[str | Heading] = []
    done = 0
    for start, end, head in parser.cuts:
        out += [clean_html[done:start].strip("\n"), head]
        done = end
    out.append(clean_html[done:].strip("\n"))
    return [b for b in out if not isinstance(b, str) or b.strip()]


# ---- what the cleaning removes, for `check` -----------------------------------------------------

@dataclass(frozen=True)
class Finding:
    line: int
    message: str
    warning: bool


@dataclass(frozen=True)
class _Found:
    message: str
    warning: bool
    needles: tuple[str, ...]  # text to look for in the source, most precise first


class _Walker(HTMLParser):
    """Applies the allow-list's rules to rendered HTML and says what each would remove."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[_Found] = []
        self.refused: list[str] = []  # open script-capable elements, innermost last

    def add(self, message: str, warning: bool, *needles: str) -> None:
        self.found.append(_Found(message, warning, tuple(n for n in needles if n)))

    def handle_starttag(self, tag, attrs):
        allowed = ATTRIBUTES["*"] | ATTRIBUTES.get(tag, set()) if tag in TAGS else set()
        at = len(self.found)
        for name, value in attrs:
            self.attribute(tag, name, value or "", name in allowed)
        if tag in SCRIPT_TAGS:
            self.found.insert(at, _Found(msg.unsafe_html(f"thẻ <{tag}>"), False, (f"<{tag}",)))
            if tag not in _VOID:
                self.refused.append(tag)
        elif tag not in TAGS and not self.refused and all(f.warning for f in self.found[at:]):
            # A harmless tag is worth a warning unless it goes anyway: inside a refused
            # element, or refused for what its attributes do.
            self.found.insert(at, _Found(msg.html_tag_removed(tag), True, (f"<{tag}",)))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in SCRIPT_TAGS and tag in self.refused:
            del self.refused[len(self.refused) - 1 - self.refused[::-1].index(tag):]

    def attribute(self, tag: str, name: str, value: str, kept: bool) -> None:
        tag_kept = tag in TAGS
        if name.startswith("on"):
            self.add(msg.unsafe_html("thuộc tính sự kiện on...="), False, name)
            return
        scheme = url_scheme(value) if name in URL_ATTRIBUTES else None
        script = script_scheme(value) if name in URL_ATTRIBUTES else None
        sneaky = None if kept else _SCRIPT_ANYWHERE.search(normal_url(value).replace(" ", ""))
        if script or sneaky:
            what = script or sneaky.group(1)
            self.add(msg.unsafe_html(f"liên kết {what}:"), False, value.strip(), what, name)
        elif (name in RESOURCE_ATTRIBUTES and tag not in SCRIPT_TAGS
              and _loads_from_other_host(value)):
            self.add(msg.image_other_host(value.strip()), False, value.strip(), name)
        elif not tag_kept:
            return  # the tag goes with all its attributes, and was reported
        elif not kept:
            if name == "style":
                self.add(msg.HTML_STYLE_REMOVED, True, "style")
            else:
                self.add(msg.html_attribute_removed(name, tag), True, f"{name}=", name)
        elif scheme and scheme not in URL_SCHEMES:
            self.add(msg.link_scheme_removed(scheme), True, value.strip(), f"{scheme}:")

    def handle_comment(self, data):
        self.add(msg.HTML_COMMENT_REMOVED, True, "<!--")

    def handle_pi(self, data):
        self.add(msg.HTML_DECLARATION_REMOVED, True, "<?")

    def unknown_decl(self, data):
        self.add(msg.HTML_DECLARATION_REMOVED, True, "<!")

    handle_decl = unknown_decl


def findings(body: str, first_line: int) -> list[Finding]:
    """What the cleaning would remove from this body, each with its line in the source file
    (`first_line` is the body's first line): script-capable HTML and images from other hosts
    as errors, other removals as warnings."""
    walker = _Walker()
    walker.feed(render(body))
    walker.close()
    locate = _Locator(body)
    out = []
    for found in walker.found:
        offset = locate(found.needles)
        line = first_line + (body.count("\n", 0, offset) if offset is not None else 0)
        out.append(Finding(line, found.message, found.warning))
    return list(dict.fromkeys(out))


_CODE_SPAN = re.compile(r"(?<![\\`])(`+)(?!`).+?(?<!`)\1(?!`)", re.S)


class _Locator:
    """Finds the source of a finding: the first place after the previous finding where one of
    its needles occurs, outside code first (code shows HTML, it does not run it)."""

    def __init__(self, body: str):
        self.texts = [_mask_code(body).lower(), body.lower()]
        self.floor = 0

    def __call__(self, needles: tuple[str, ...]) -> int | None:
        for text in self.texts:
            for needle in needles:
                needle = needle.lower()
                at = text.find(needle, self.floor)
                at = at if at >= 0 else text.find(needle)
                if at >= 0:
                    self.floor = at
                    return at
        return None


def _blank(match: re.Match) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def _mask_code(body: str) -> str:
    """The body with fenced code and code spans blanked out, lines and offsets kept."""
    fenced = FencedBlockPreprocessor.FENCED_BLOCK_RE.sub(_blank, body)
    return _CODE_SPAN.sub(_blank, fenced)
