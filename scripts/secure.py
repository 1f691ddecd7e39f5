"""The last gate before a built site is published: audit its HTML and pin its inline scripts.

Runs on the finished MkDocs output, before Pagefind indexes it. Values from YAML are escaped by
the templates (theme/hooks/escape.py) and Markdown bodies are sanitised (scripts/sanitize.py);
this audit is the tripwire behind both: a page that could still run script, load a resource from
another host or send the reader elsewhere stops the build, and the previous site stays published.

It also writes each page's Content-Security-Policy as a `<meta>` (the fallback for any web
server); `python -m scripts csp SITE` prints the same policy for nginx (deploy/nginx.conf).
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
import os
import re
import runpy
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from . import messages as msg
from .sanitize import is_other_host, normal_url, url_scheme

ROOT = Path(__file__).resolve().parent.parent
# Fingerprints of the inline scripts the theme is known to print (Material's).
KNOWN_SCRIPTS = ROOT / "theme" / "hooks" / "inline_scripts.py"
CSP_META = "Content-Security-Policy"
SHOWN = 20  # findings listed in the message; the rest are counted

# Material's inline scripts differ between pages only by the address of the site's root: relative
# on most pages, absolute on the 404 page (served at any depth). A string with no quote or
# backslash cannot change what the script does beyond that address.
_BASE_ARG = re.compile(r'new URL\("[^"\\<>]*",location\)')

# Where markup starts; each must read as one of the tokens below, or the page is refused: a tag
# this audit cannot read is one a browser might read differently.
_OPEN = re.compile(r"<[a-zA-Z!/?]")
# A comment, a doctype or processing instruction, an end tag, or a start tag with its attributes
# (quoted values may hold `>`; attributes may follow a quoted value without a space). Atomic
# groups keep a malformed tag from making the expression backtrack for ever.
_TOKEN = re.compile(
    r"<!--(?:>|->|.*?--!?>)|<![^>]*+>|<\?[^>]*+>|</[a-zA-Z][^>]*+>"
    r"|<([a-zA-Z][^\s/>]*+)((?:(?>[\s/]++|(?<=[\"']))(?>[^\s/>=]++"
    r"(?:\s*+=\s*+(?:\"[^\"]*+\"|'[^']*+'|[^\s>]++))?))*+)[\s/]*+>",
    re.S)
_ATTR = re.compile(r"([^\s/>=]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+))?")
# Elements whose text is not markup: an HTML parser reads until their end tag.
# `noscript` too: a browser running scripts reads it as text, so `</noscript>` inside an attribute
# ends it there and what follows is markup.
_RAW_TEXT = {"script", "style", "textarea", "title", "xmp", "noembed", "noframes", "plaintext",
             "noscript", "iframe"}

_FORBIDDEN_TAGS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal",
                   "foreignobject", "handler", "listener"}
# Attributes holding an address. Those that make the browser fetch something on its own are
# "resources": they must stay on this site. The others are links the reader follows.
_URL_ATTRS = {"href", "src", "action", "formaction", "poster", "data", "xlink:href", "cite",
              "background", "ping", "manifest", "longdesc", "icon", "srcset", "lowsrc",
              "dynsrc", "codebase", "archive", "classid", "usemap", "values", "from", "to", "by"}
_NAVIGATION = {("a", "href"), ("area", "href"), ("link", "href"), ("blockquote", "cite"),
               ("q", "cite"), ("del", "cite"), ("ins", "cite")}
_NAV_LINK_RELS = {"canonical", "alternate", "prev", "next", "search", "help", "license",
                  "author"}
_SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
# Raster images written into the page itself (matplotlib's heat maps): they cannot run script,
# unlike an SVG or an HTML document in a data: address.
_DATA_IMAGE = re.compile(r"^data:image/(png|jpeg|gif|webp)[;,]")
_IMAGE_TAGS = {"img", "image"}
_CSS_DANGER = re.compile(r"url\s*\(|expression\s*\(|@import|javascript:|behavior\s*:",
                         re.IGNORECASE)


@dataclass
class PageAudit:
    """What one file holds that matters for publishing it."""

    problems: list[str] = field(default_factory=list)
    scripts: set[str] = field(default_factory=set)  # 'sha256-…' of its inline scripts


class UnsafeOutput(Exception):
    """The built site holds something no page may carry; the message says where."""


def fingerprint(script: str) -> str:
    """The same for an inline script on every page, whatever the page's depth."""
    normalised = _BASE_ARG.sub('new URL("BASE",location)', script)
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def script_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def known_scripts(path: Path = KNOWN_SCRIPTS) -> set[str]:
    return set(runpy.run_path(str(path))["KNOWN"]) if path.exists() else set()


def _url_problem(tag: str, name: str, value: str, rel: str) -> str | None:
    """Why an address in an attribute must not be published, or None."""
    if name == "srcset":  # "a.png 1x, b.png 2x": each candidate's address
        return next(filter(None, (_url_problem(tag, "src", part.split()[0], rel)
                                  for part in html.unescape(value).split(",") if part.split())),
                    None)
    # Read as a browser reads it, by the same rules the body sanitiser applies (entities
    # decoded, tabs and line breaks ignored, case folded).
    url = html.unescape(value)
    if tag in _IMAGE_TAGS and name in ("src", "href", "xlink:href") and _DATA_IMAGE.match(
            normal_url(url)):
        return None
    scheme = url_scheme(url)
    if scheme and scheme not in _SAFE_SCHEMES:
        return msg.unsafe_scheme(tag, name, scheme)
    if name in ("values", "from", "to", "by"):  # SVG animation of an attribute: no address
        return None
    navigation = (tag, name) in _NAVIGATION and not (
        tag == "link" and not set(rel.lower().split()) <= _NAV_LINK_RELS)
    if not navigation and is_other_host(url):
        return msg.offsite_resource(tag, name, value)
    return None


def _attrs(text: str) -> list[tuple[str, str]]:
    out = []
    for match in _ATTR.finditer(text):
        raw = match.group(2) or ""
        if raw[:1] in ("'", '"'):
            raw = raw[1:-1]
        out.append((match.group(1).lower(), raw))
    return out


def audit_markup(text: str) -> PageAudit:
    """Every problem in one HTML or SVG document, and the hashes of its inline scripts."""
    audit, at = PageAudit(), 0
    while opening := _OPEN.search(text, at):
        match = _TOKEN.match(text, opening.start())
        if not match:
            audit.problems.append(msg.malformed_tag(text[opening.start():opening.start() + 40]))
            at = opening.start() + 1
            continue
        at = match.end()
        tag = (match.group(1) or "").lower()
        if not tag:
            continue  # an end tag, a comment or a doctype
        attrs = _attrs(match.group(2) or "")
        audit.problems += _tag_problems(tag, attrs)
        if tag in _RAW_TEXT:
            end = re.compile(rf"</{tag}\s*>", re.IGNORECASE).search(text, at)
            inner = text[at:end.start()] if end else text[at:]
            at = end.end() if end else len(text)
            audit.problems += _raw_text_problems(tag, dict(attrs), inner, _KNOWN, audit)
    return audit


def _tag_problems(tag: str, attrs: list[tuple[str, str]]) -> list[str]:
    problems = []
    if tag in _FORBIDDEN_TAGS:
        problems.append(msg.forbidden_tag(tag))
    values = dict(attrs)
    if tag == "meta" and values.get("http-equiv", "").lower() not in ("", "content-security-policy"):
        problems.append(msg.forbidden_tag(f"meta http-equiv={values['http-equiv']}"))
    for name, value in attrs:
        if name.startswith("on"):
            problems.append(msg.event_attribute(tag, name))
        elif name == "style" and _CSS_DANGER.search(html.unescape(value)):
            problems.append(msg.unsafe_style(tag))
        elif name in _URL_ATTRS or name.endswith(":href"):
            problem = _url_problem(tag, name, value, values.get("rel", ""))
            if problem:
                problems.append(problem)
        if name == "attributename" and value.lower() in ("href", "xlink:href"):
            problems.append(msg.forbidden_tag(f"{tag} attributeName={value}"))
    return problems


def _raw_text_problems(tag: str, attrs: dict, inner: str, known: set[str],
                       audit: PageAudit) -> list[str]:
    if tag == "style":
        return [msg.unsafe_style(tag)] if _CSS_DANGER.search(inner) else []
    if tag != "script":
        return []
    if "src" in attrs:
        return [] if not inner.strip() else [msg.unknown_inline_script()]
    if attrs.get("type", "").lower() == "application/json":
        try:
            json.loads(inner)
        except ValueError:
            return [msg.unknown_inline_script()]
        return []  # data, never run
    if fingerprint(inner) not in known:
        return [msg.unknown_inline_script()]
    audit.scripts.add(script_hash(inner))
    return []


_KNOWN: set[str] = set()


def _audit_file(path: str) -> tuple[str, PageAudit]:
    with open(path, encoding="utf-8", errors="replace") as handle:
        text = handle.read()
    return path, audit_markup(text)


def _init_worker(known: set[str]) -> None:
    global _KNOWN
    _KNOWN = known


def policy(hashes: set[str]) -> str:
    """The Content-Security-Policy of the site: everything from the site itself, inline script
    only by hash, WebAssembly for Pagefind's search, no plugin, no frame, no other host."""
    scripts = " ".join(f"'{h}'" for h in sorted(hashes))
    return ("default-src 'self'; "
            f"script-src 'self' 'wasm-unsafe-eval' {scripts}; "
            "style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
            "media-src 'self'; object-src 'none'; frame-src 'none'; worker-src 'self'; "
            "base-uri 'self'; form-action 'self'")


_META = re.compile(rf'\n?\s*<meta http-equiv="{CSP_META}" content="[^"]*">')


# Where whitespace is content (or hashed, for scripts): left exactly as it is.
_KEEP_SPACE = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)", re.S | re.I)
_INDENT = re.compile(r"\n[ \t\r\n]*")


def compact(text: str) -> str:
    """The page without the indentation and blank lines of the theme's templates: a newline
    stays a newline, so the page renders the same, and a province's site is some 7% lighter."""
    pieces = _KEEP_SPACE.split(text)
    # split() yields: text, whole kept element, its tag name, text, ...
    return "".join(_INDENT.sub("\n", piece) if i % 3 == 0 else piece
                   for i, piece in enumerate(pieces) if i % 3 != 2)


def _add_meta(path: Path, content: str) -> None:
    """Put the policy first in <head>, after the character set, before any script runs (in
    place of the one a previous build put there), and compact the page. The file is replaced,
    never written into: it may be a hard link to the version being served."""
    text = path.read_text(encoding="utf-8")
    tag = f'<meta http-equiv="{CSP_META}" content="{html.escape(content, quote=False)}">'
    if tag in text:
        return  # carried over from the served version with this very policy
    text = _META.sub("", text, count=1)
    anchor = re.search(r"<meta charset=[^>]*>", text) or re.search(r"<head[^>]*>", text)
    if anchor:
        text = compact(text[:anchor.end()] + "\n" + tag + text[anchor.end():])
        temporary = path.with_name(f".{path.name}.csp")
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)


def _hashes_of(content: str | None) -> set[str]:
    return set(re.findall(r"'(sha256-[A-Za-z0-9+/=]+)'", content or ""))


def _files(site_dir: Path) -> list[str]:
    out = []
    for dirpath, dirnames, filenames in os.walk(site_dir):
        # Pagefind's files, and the editor's page, which carries its own policy
        # (scripts/editor/bundle.py): Decap CMS needs what no page of the site may do
        dirnames[:] = [d for d in dirnames
                       if not (dirpath == str(site_dir) and d in ("pagefind", "bien-tap"))]
        out += [os.path.join(dirpath, n) for n in filenames if n.endswith((".html", ".svg"))]
    return sorted(out)


def secure_site(site_dir: Path, since: float | None = None,
                previous_policy: str | None = None) -> str:
    """Audit every page of `site_dir` and add its Content-Security-Policy; raise UnsafeOutput.

    With `since` (an incremental build), only the files written since then are audited and
    stamped: the others come from a version that passed this gate with `previous_policy`. If
    the new pages need a script hash the old policy lacks, every page gets the new policy.
    Returns the policy. Both cores audit: the largest site has a few thousand pages.
    """
    known = known_scripts()
    files = _files(site_dir)
    if since is not None:
        files = [f for f in files if os.stat(f).st_mtime >= since]
    results: list[tuple[str, PageAudit]]
    if len(files) > 200:
        with ProcessPoolExecutor(max_workers=min(2, os.cpu_count() or 1),
                                 initializer=_init_worker, initargs=(known,)) as pool:
            results = list(pool.map(_audit_file, files, chunksize=64))
    else:
        _init_worker(known)
        results = [_audit_file(f) for f in files]
    problems = [f"  {os.path.relpath(path, site_dir)}: {p}" for path, audit in results
                for p in dict.fromkeys(audit.problems)]
    if problems:
        shown = problems[:SHOWN]
        if len(problems) > SHOWN:
            shown.append(msg.more_problems(len(problems) - SHOWN))
        raise UnsafeOutput(msg.unsafe_output("\n".join(shown)))
    hashes = set().union(*(audit.scripts for _, audit in results)) if results else set()
    stamped = [path for path, _ in results]
    if since is not None:
        old = _hashes_of(previous_policy)
        if hashes <= old:
            hashes = old
        else:  # a script hash the served pages' policy lacks: every page gets the new one
            hashes |= old
            stamped = _files(site_dir)
    content = policy(hashes)
    for path in stamped:
        if path.endswith(".html"):
            _add_meta(Path(path), content)
    return content


def site_policy(site_dir: Path) -> str | None:
    """The policy a built site's pages carry (read from its home page), or None."""
    index = site_dir / "index.html"
    if not index.is_file():
        return None
    found = re.search(rf'<meta http-equiv="{CSP_META}" content="([^"]*)">',
                      index.read_text(encoding="utf-8"))
    return html.unescape(found.group(1)) if found else None


def nginx_headers(content: str) -> str:
    """The security headers of a build, as nginx directives for an `include`d snippet."""
    lines = [f'add_header Content-Security-Policy "{content}; frame-ancestors \'none\'" always;',
             'add_header X-Content-Type-Options "nosniff" always;',
             'add_header Referrer-Policy "same-origin" always;',
             'add_header X-Frame-Options "DENY" always;']
    return "\n".join(lines) + "\n"


def inline_fingerprints(site_dir: Path) -> dict[str, str]:
    """Fingerprint -> the script's first characters, for every inline script of a built site:
    what theme/hooks/inline_scripts.py lists, read after a theme upgrade."""
    found: dict[str, str] = {}
    for path in _files(site_dir):
        if not path.endswith(".html"):
            continue
        text = Path(path).read_text(encoding="utf-8", errors="replace")
        for match in re.finditer(r"<script(\s[^>]*)?>(.*?)</script\s*>", text, re.S | re.I):
            if "src=" in (match.group(1) or "") or "json" in (match.group(1) or ""):
                continue
            found.setdefault(fingerprint(match.group(2)), " ".join(match.group(2)[:60].split()))
    return found
